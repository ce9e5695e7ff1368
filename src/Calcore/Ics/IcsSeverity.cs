namespace Calcore.Ics;

/// <summary>How serious an <see cref="IcsDiagnostic"/> is.</summary>
public enum IcsSeverity
{
    /// <summary>Something unusual that was read anyway, as the diagnostic says (an unknown time zone name resolved
    /// through the file's VTIMEZONE, a skipped VTODO, a bare LF line break).</summary>
    Warning,

    /// <summary>Something broken that was skipped (a property, a component, or the rest of the file); in strict mode the
    /// first error ends the read with an <see cref="IcsParseException"/>.</summary>
    Error,
}
