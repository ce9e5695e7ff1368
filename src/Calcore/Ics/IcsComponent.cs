using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Calcore.Ics.Internal;
using Calcore.Internal;

namespace Calcore.Ics;

/// <summary>One iCalendar component: the content lines between <c>BEGIN:NAME</c> and <c>END:NAME</c>, with the
/// components nested in it (RFC 5545 §3.4, §3.6), such as a VCALENDAR holding VTIMEZONEs and VEVENTs, or a VEVENT
/// holding VALARMs.</summary>
/// <remarks>
/// <para>The name is upper-case. Properties and sub-components keep the order of the file; unknown components
/// (<c>X-</c> and IANA names) are kept like known ones.</para>
/// <para>Two components are equal when their names, properties (in order) and sub-components (in order) are; the line
/// they were read from does not count. Immutable and thread-safe.</para>
/// </remarks>
public sealed class IcsComponent : IEquatable<IcsComponent>
{
    /// <summary>Creates a component.</summary>
    /// <param name="name">The name (any case; kept upper-case), such as <c>VEVENT</c>.</param>
    /// <param name="properties">The properties, in order.</param>
    /// <param name="components">The nested components, in order; none by default.</param>
    /// <exception cref="ArgumentException">The name is not an iCalendar name.</exception>
    public IcsComponent(string name, IEnumerable<IcsProperty> properties, IEnumerable<IcsComponent>? components = null)
    {
        Name = IcsNames.Check(name, nameof(name));
        Properties = Preconditions.CheckNotNull(properties).ToImmutableArray();
        Components = components?.ToImmutableArray() ?? [];
        foreach (IcsProperty p in Properties)
        {
            Preconditions.CheckNotNull(p, nameof(properties));
        }
        foreach (IcsComponent c in Components)
        {
            Preconditions.CheckNotNull(c, nameof(components));
        }
    }

    internal IcsComponent(string name, ImmutableArray<IcsProperty> properties, ImmutableArray<IcsComponent> components, int line)
    {
        Name = name;
        Properties = properties;
        Components = components;
        Line = line;
    }

    /// <summary>Gets the upper-case name.</summary>
    /// <value>Such as <c>VCALENDAR</c>, <c>VEVENT</c> or <c>VALARM</c>.</value>
    public string Name { get; }

    /// <summary>Gets the properties, in the order of the file.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsProperty> Properties { get; }

    /// <summary>Gets the nested components, in the order of the file.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsComponent> Components { get; }

    /// <summary>Gets the one-based line of its <c>BEGIN</c>, or 0 for a component that was not read.</summary>
    /// <value>The physical line number.</value>
    public int Line { get; }

    /// <summary>Finds the first property of a name (case-insensitive).</summary>
    /// <param name="name">The property's name.</param>
    /// <returns>The property, or null.</returns>
    public IcsProperty? FindProperty(string name)
    {
        foreach (IcsProperty p in Properties)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }
        return null;
    }

    /// <summary>Gets every property of a name (case-insensitive), in order.</summary>
    /// <param name="name">The property's name.</param>
    /// <returns>The properties; empty when there are none.</returns>
    public IEnumerable<IcsProperty> GetProperties(string name) => Properties.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets every nested component of a name (case-insensitive), in order.</summary>
    /// <param name="name">The component's name, such as <c>VEVENT</c>.</param>
    /// <returns>The components; empty when there are none.</returns>
    public IEnumerable<IcsComponent> GetComponents(string name) => Components.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc/>
    public bool Equals(IcsComponent? other)
        => other is not null && Name == other.Name && Properties.SequenceEqual(other.Properties) && Components.SequenceEqual(other.Components);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IcsComponent);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Properties.Length, Components.Length);

    /// <summary>Returns the component's name and the line it was read from, such as <c>VEVENT (line 12)</c>.</summary>
    /// <returns>A short description (the writer gives the text).</returns>
    public override string ToString() => Line > 0 ? $"{Name} (line {Line})" : Name;
}
