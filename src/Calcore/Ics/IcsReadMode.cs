namespace Calcore.Ics;

/// <summary>How the iCalendar reader treats broken input (see <see cref="IcsReadOptions.Mode"/>).</summary>
public enum IcsReadMode
{
    /// <summary>Skip what is broken, report it as a diagnostic, and keep every intact component (the default: real files
    /// from many producers bend RFC 5545).</summary>
    Tolerant,

    /// <summary>Stop at the first <see cref="IcsSeverity.Error"/> with an <see cref="IcsParseException"/>; warnings are
    /// still reported and the read goes on.</summary>
    Strict,
}
