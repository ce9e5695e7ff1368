namespace Calcore.Ics;

/// <summary>The four forms of an iCalendar DATE or DATE-TIME value (RFC 5545 §3.3.4, §3.3.5).</summary>
public enum IcsDateTimeForm
{
    /// <summary>A DATE (<c>20261204</c>, or any value with <c>VALUE=DATE</c>): a whole day, no time.</summary>
    Date,

    /// <summary>A floating DATE-TIME (<c>20261204T090000</c>): the same wall-clock time in every zone.</summary>
    Floating,

    /// <summary>A UTC DATE-TIME (<c>20261204T080000Z</c>).</summary>
    Utc,

    /// <summary>A DATE-TIME with a <c>TZID</c> parameter: a wall-clock time in a named zone.</summary>
    Zoned,
}
