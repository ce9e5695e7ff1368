using System.Globalization;

namespace Calcore.Ics;

/// <summary>One thing the iCalendar reader noticed: its severity, where (line and column of the file), and what.</summary>
/// <remarks>
/// <para>Lines and columns are one-based and count physical lines of the file (before unfolding), so an editor shows
/// the place; a column counts characters (UTF-16 code units) from the start of that physical line.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
/// <param name="Severity">How serious it is.</param>
/// <param name="Line">The one-based physical line.</param>
/// <param name="Column">The one-based column within the line.</param>
/// <param name="Message">What was noticed and what the reader did about it.</param>
public sealed record IcsDiagnostic(IcsSeverity Severity, int Line, int Column, string Message)
{
    /// <summary>Returns the diagnostic as <c>error at line 3, column 9: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{(Severity == IcsSeverity.Error ? "error" : "warning")} at line {Line}, column {Column}: {Message}");
}
