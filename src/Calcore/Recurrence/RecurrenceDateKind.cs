namespace Calcore.Recurrence;

/// <summary>The value type of an RDATE or EXDATE entry.</summary>
/// <remarks>
/// <para>RFC 5545 §3.8.5.1 (EXDATE) and §3.8.5.2 (RDATE): VALUE=DATE, DATE-TIME (the default) or,
/// for RDATE only, PERIOD.</para>
/// <para>This type is an immutable value and thread-safe.</para>
/// </remarks>
public enum RecurrenceDateKind
{
    /// <summary>A DATE (an all-day value).</summary>
    Date = 0,

    /// <summary>A DATE-TIME: floating, UTC, or in a time zone.</summary>
    DateTime = 1,

    /// <summary>A PERIOD: a DATE-TIME start with an explicit end or a duration (RDATE only).</summary>
    Period = 2,
}
