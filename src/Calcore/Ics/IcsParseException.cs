using System;

namespace Calcore.Ics;

/// <summary>The exception thrown by a strict iCalendar read at the first error, and by the typed value readers of
/// <c>IcsValues</c> for a value that does not parse.</summary>
/// <remarks>
/// <para>It derives from <see cref="ArgumentException"/> because Calcore treats unparsable input as a caller's mistake
/// (the same family as <see cref="Calcore.Recurrence.RecurrenceParseException"/>). The message gives the line, the
/// column and the problem; <see cref="Diagnostic"/> carries the same facts.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class IcsParseException : ArgumentException
{
    internal IcsParseException(IcsDiagnostic diagnostic, Exception? innerException = null)
        : base(diagnostic.ToString(), innerException)
    {
        Diagnostic = diagnostic;
    }

    /// <summary>Gets the error: its line, column and message.</summary>
    /// <value>A diagnostic of severity <see cref="IcsSeverity.Error"/>.</value>
    public IcsDiagnostic Diagnostic { get; }

    /// <summary>Gets the one-based physical line of the error.</summary>
    /// <value>The line.</value>
    public int Line => Diagnostic.Line;

    /// <summary>Gets the one-based column of the error.</summary>
    /// <value>The column.</value>
    public int Column => Diagnostic.Column;
}
