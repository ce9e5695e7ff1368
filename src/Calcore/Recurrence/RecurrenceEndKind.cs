namespace Calcore.Recurrence;

/// <summary>How a recurrence rule ends: never, after a number of instances, or at an UNTIL value.</summary>
/// <remarks>
/// <para>RFC 5545 §3.3.10 (RECUR): COUNT and UNTIL are mutually exclusive, and UNTIL has the value
/// type of DTSTART (a DATE, a floating DATE-TIME, or a UTC DATE-TIME).</para>
/// <para>This type is an immutable value and thread-safe.</para>
/// </remarks>
public enum RecurrenceEndKind
{
    /// <summary>The rule has neither COUNT nor UNTIL and never ends.</summary>
    Never = 0,

    /// <summary>The rule ends after <see cref="RecurrenceEnd.Count"/> instances (COUNT).</summary>
    Count = 1,

    /// <summary>The rule ends at the end of a date (UNTIL as a DATE).</summary>
    UntilDate = 2,

    /// <summary>The rule ends at a floating wall-clock time (UNTIL as a DATE-TIME without Z).</summary>
    UntilLocalDateTime = 3,

    /// <summary>The rule ends at an instant (UNTIL as a UTC DATE-TIME with Z).</summary>
    UntilInstant = 4,
}
