namespace Calcore.Recurrence;

/// <summary>
/// The FREQ rule part of a recurrence rule: the unit of the periods that a rule steps through.
/// </summary>
/// <remarks>
/// <para>RFC 5545 §3.3.10 (RECUR), "freq". The numeric values order the frequencies from the finest
/// to the coarsest.</para>
/// <para>This type is an immutable value and thread-safe.</para>
/// </remarks>
public enum RecurrenceFrequency
{
    /// <summary>SECONDLY: every second (times <see cref="RecurrenceRule.Interval"/>).</summary>
    Secondly = 1,

    /// <summary>MINUTELY: every minute.</summary>
    Minutely = 2,

    /// <summary>HOURLY: every hour.</summary>
    Hourly = 3,

    /// <summary>DAILY: every day.</summary>
    Daily = 4,

    /// <summary>WEEKLY: every week, weeks starting on <see cref="RecurrenceRule.WeekStart"/>.</summary>
    Weekly = 5,

    /// <summary>MONTHLY: every calendar month.</summary>
    Monthly = 6,

    /// <summary>YEARLY: every calendar year.</summary>
    Yearly = 7,
}
