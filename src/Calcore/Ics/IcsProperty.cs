using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Calcore.Ics.Internal;
using Calcore.Internal;

namespace Calcore.Ics;

/// <summary>One iCalendar property (a content line after unfolding), such as
/// <c>DTSTART;TZID=Europe/Paris:20261204T090000</c> (RFC 5545 §3.1).</summary>
/// <remarks>
/// <para>The name is upper-case. <see cref="Value"/> is the text after the first colon that is not inside a quoted
/// parameter value, exactly as in the file (escapes such as <c>\n</c> and <c>\,</c> are kept); <c>IcsValues</c>
/// reads it as a typed value (text, date, date-time, duration, period, offset, and the rest of RFC 5545 §3.3).
/// Unknown properties (<c>X-</c> and IANA names this library does not interpret) are kept like any other, so a file
/// read and written again keeps them.</para>
/// <para>Two properties are equal when their names, parameters (in order) and values are; the line they were read
/// from does not count. Immutable and thread-safe.</para>
/// </remarks>
public sealed class IcsProperty : IEquatable<IcsProperty>
{
    /// <summary>Creates a property.</summary>
    /// <param name="name">The name (any case; kept upper-case).</param>
    /// <param name="value">The value as it is written in a content line (already escaped where its type needs it).</param>
    /// <param name="parameters">The parameters, in order.</param>
    /// <exception cref="ArgumentException">The name is not an iCalendar name, or the value holds a line break or a
    /// control character that a content line cannot carry.</exception>
    public IcsProperty(string name, string value, params IEnumerable<IcsParameter> parameters)
    {
        Name = IcsNames.Check(name, nameof(name));
        Value = IcsText.CheckValue(Preconditions.CheckNotNull(value), nameof(value));
        Parameters = Preconditions.CheckNotNull(parameters).ToImmutableArray();
        foreach (IcsParameter p in Parameters)
        {
            Preconditions.CheckNotNull(p, nameof(parameters));
        }
    }

    internal IcsProperty(string name, ImmutableArray<IcsParameter> parameters, string value, int line)
    {
        Name = name;
        Parameters = parameters;
        Value = value;
        Line = line;
    }

    /// <summary>Gets the upper-case name.</summary>
    /// <value>Such as <c>DTSTART</c> or <c>X-WR-CALNAME</c>.</value>
    public string Name { get; }

    /// <summary>Gets the parameters, in the order they were written.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsParameter> Parameters { get; }

    /// <summary>Gets the value as written in the content line (escapes kept).</summary>
    /// <value>Possibly empty.</value>
    public string Value { get; }

    /// <summary>Gets the one-based line of the file where the property starts, or 0 for a property that was not read.</summary>
    /// <value>The physical line number.</value>
    public int Line { get; }

    /// <summary>Finds a parameter by name (case-insensitive).</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The first parameter of that name, or null.</returns>
    public IcsParameter? FindParameter(string name)
    {
        foreach (IcsParameter p in Parameters)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }
        return null;
    }

    /// <summary>Gets the first value of a parameter (case-insensitive name), or null when the property has none.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <returns>The value, or null.</returns>
    public string? GetParameter(string name) => FindParameter(name)?.Value;

    /// <inheritdoc/>
    public bool Equals(IcsProperty? other)
        => other is not null && Name == other.Name && string.Equals(Value, other.Value, StringComparison.Ordinal) && Parameters.SequenceEqual(other.Parameters);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IcsProperty);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Value, Parameters.Length);

    /// <summary>Returns the unfolded content line, such as <c>DTSTART;TZID=Europe/Paris:20261204T090000</c>.</summary>
    /// <returns>The content line without its line break.</returns>
    public override string ToString()
        => Parameters.IsEmpty ? Name + ":" + Value : Name + ";" + string.Join(";", Parameters.Select(p => p.ToString())) + ":" + Value;
}
