using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Calcore.Ics.Internal;
using Calcore.Internal;

namespace Calcore.Ics;

/// <summary>One parameter of an iCalendar content line, such as <c>TZID=Europe/Paris</c> or
/// <c>MEMBER="mailto:a@example.com","mailto:b@example.com"</c> (RFC 5545 §3.2).</summary>
/// <remarks>
/// <para>The name is upper-case (names are case-insensitive, RFC 5545 §3.1). Each value is as the parameter means
/// it: without the quotes around it and with RFC 6868 escapes (<c>^n</c>, <c>^'</c>, <c>^^</c>) decoded; the writer
/// quotes and escapes again where needed.</para>
/// <para>Two parameters are equal when their names and values are. Immutable and thread-safe.</para>
/// </remarks>
public sealed class IcsParameter : IEquatable<IcsParameter>
{
    /// <summary>Creates a parameter with one or more values.</summary>
    /// <param name="name">The name (any case; kept upper-case).</param>
    /// <param name="values">The values, unquoted and unescaped; at least one.</param>
    /// <exception cref="ArgumentException">The name is not an iCalendar name (letters, digits and '-'), or there is no
    /// value.</exception>
    public IcsParameter(string name, params IEnumerable<string> values)
    {
        Name = IcsNames.Check(name, nameof(name));
        Values = Preconditions.CheckNotNull(values).ToImmutableArray();
        Preconditions.CheckArgument(!Values.IsEmpty, nameof(values), $"The parameter '{Name}' needs at least one value.");
        foreach (string value in Values)
        {
            Preconditions.CheckNotNull(value, nameof(values));
        }
    }

    internal IcsParameter(string name, ImmutableArray<string> values, bool trusted)
    {
        _ = trusted;
        Name = name;
        Values = values;
    }

    /// <summary>Gets the upper-case name.</summary>
    /// <value>Such as <c>TZID</c> or <c>X-MS-OLK-SENDER</c>.</value>
    public string Name { get; }

    /// <summary>Gets the values, unquoted and with RFC 6868 escapes decoded.</summary>
    /// <value>At least one value.</value>
    public ImmutableArray<string> Values { get; }

    /// <summary>Gets the first value (most parameters have exactly one).</summary>
    /// <value>The first of <see cref="Values"/>.</value>
    public string Value => Values[0];

    /// <inheritdoc/>
    public bool Equals(IcsParameter? other)
        => other is not null && Name == other.Name && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IcsParameter);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Values.Length, Values[0]);

    /// <summary>Returns the parameter as it appears in a content line, such as <c>TZID=Europe/Paris</c>.</summary>
    /// <returns>The parameter's text.</returns>
    public override string ToString() => Name + "=" + string.Join(",", Values.Select(IcsText.QuoteParameterValue));
}
