namespace Calcore.Recurrence;

/// <summary>The form of a recurrence set's DTSTART.</summary>
/// <remarks>
/// <para>RFC 5545 §3.3.4 (DATE), §3.3.5 (DATE-TIME forms 1–3) and §3.8.2.4 (DTSTART).</para>
/// <para>This type is an immutable value and thread-safe.</para>
/// </remarks>
public enum RecurrenceStartKind
{
    /// <summary>A DATE: an all-day set whose instances are dates.</summary>
    Date = 0,

    /// <summary>A floating DATE-TIME (form 1): the same wall-clock time in whatever zone the reader is in.</summary>
    Floating = 1,

    /// <summary>A DATE-TIME with a TZID (form 3): wall-clock time in an IANA time zone.</summary>
    Zoned = 2,

    /// <summary>A UTC DATE-TIME (form 2, with a Z suffix).</summary>
    Utc = 3,
}
