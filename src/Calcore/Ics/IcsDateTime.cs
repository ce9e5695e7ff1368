using NodaTime;

namespace Calcore.Ics;

/// <summary>An iCalendar DATE or DATE-TIME value as written: the wall-clock value, its form, and the TZID text of a
/// zoned value (RFC 5545 §3.3.4, §3.3.5).</summary>
/// <remarks>
/// <para>This is the lexical value only: <see cref="ZoneId"/> is the TZID parameter's text, not resolved to a zone
/// (an IANA name, a Windows name, or a VTIMEZONE of the file). A DATE's <see cref="Value"/> is its midnight; a UTC
/// value's <see cref="Value"/> is the UTC wall-clock time.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
/// <param name="Value">The wall-clock date and time (midnight for a DATE).</param>
/// <param name="Form">Which of the four forms it is.</param>
/// <param name="ZoneId">The TZID text of a <see cref="IcsDateTimeForm.Zoned"/> value; null for the other forms.</param>
public readonly record struct IcsDateTime(LocalDateTime Value, IcsDateTimeForm Form, string? ZoneId)
{
    /// <summary>Gets whether the value is a DATE.</summary>
    /// <value>True for <see cref="IcsDateTimeForm.Date"/>.</value>
    public bool IsDate => Form == IcsDateTimeForm.Date;

    /// <summary>Gets the date part.</summary>
    /// <value>The date of <see cref="Value"/>.</value>
    public LocalDate Date => Value.Date;
}
