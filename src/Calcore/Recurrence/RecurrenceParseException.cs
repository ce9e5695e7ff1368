using System;
using System.Globalization;

namespace Calcore.Recurrence;

/// <summary>
/// The exception thrown when recurrence text (a RECUR value or the content lines of a recurrence
/// set) cannot be parsed or describes an invalid rule.
/// </summary>
/// <remarks>
/// <para>It derives from <see cref="ArgumentException"/> because Calcore treats unparsable input as a
/// caller's mistake, and caller mistakes are the <see cref="ArgumentException"/> family, so one <c>catch (ArgumentException)</c> covers parse and validation errors alike.</para>
/// <para>The message names the rule part (such as <c>BYMONTH</c>) or property (such as <c>EXDATE</c>),
/// the line and column, and the problem; the same facts are available as properties.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class RecurrenceParseException : ArgumentException
{
    internal RecurrenceParseException(string problem, string? part, int position, int line, int column, string? paramName)
        : base(Format(problem, part, line, column, position), paramName)
    {
        Problem = problem;
        Part = part;
        Position = position;
        Line = line;
        Column = column;
    }

    /// <summary>Returns the same error reported against another parameter (the engine reports a bad recurrence line of an
    /// event against the event's details).</summary>
    internal RecurrenceParseException ForParameter(string paramName) => new(Problem, Part, Position, Line, Column, paramName);

    /// <summary>Gets the rule part or property name that is wrong, such as <c>BYMONTH</c> or <c>RDATE</c>.</summary>
    /// <value>The upper-case part name, or <see langword="null"/> when the problem is not inside one part.</value>
    public string? Part { get; }

    /// <summary>Gets the zero-based character position of the problem in the parsed text.</summary>
    /// <value>An index into the text passed to the parse method.</value>
    public int Position { get; }

    /// <summary>Gets the one-based line number of the problem.</summary>
    /// <value>The physical line (1 for a single rule).</value>
    public int Line { get; }

    /// <summary>Gets the one-based column of the problem within <see cref="Line"/>.</summary>
    /// <value>The column.</value>
    public int Column { get; }

    /// <summary>Gets the description of the problem without the location.</summary>
    /// <value>The problem text.</value>
    public string Problem { get; }

    private static string Format(string problem, string? part, int line, int column, int position)
        => part is null
            ? string.Create(CultureInfo.InvariantCulture, $"{problem} (line {line}, column {column}, position {position}).")
            : string.Create(CultureInfo.InvariantCulture, $"{part}: {problem} (line {line}, column {column}, position {position}).");
}
