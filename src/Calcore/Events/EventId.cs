using System;
using Calcore.Internal;

namespace Calcore.Events;

/// <summary>The opaque identifier of a stored event.</summary>
/// <remarks>
/// <para>Ids are compared ordinally. The <see cref="StorageManager"/> generates unique ids; a caller may supply its
/// own, and a supplied id that already exists is refused, never overwritten.</para>
/// <para>This type is an immutable value type and is thread-safe.</para>
/// </remarks>
public readonly record struct EventId : IComparable<EventId>
{
    private readonly string? _value;

    /// <summary>Creates an id from its text.</summary>
    /// <param name="value">The id text: not empty, at most 1024 characters, no control characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty, too long or contains a control character.</exception>
    public EventId(string value)
    {
        Preconditions.CheckNotNull(value);
        IdText.Validate(value, nameof(value), "event id");
        _value = value;
    }

    /// <summary>Gets the id text (empty for the default value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Returns the id text.</summary>
    public override string ToString() => Value;

    /// <summary>Compares ids ordinally.</summary>
    /// <param name="other">The other id.</param>
    /// <returns>The ordinal comparison of the two texts.</returns>
    public int CompareTo(EventId other) => string.CompareOrdinal(Value, other.Value);

    /// <summary>Converts text to an id.</summary>
    /// <param name="value">The id text.</param>
    public static implicit operator EventId(string value) => new(value);

    /// <summary>Creates an id from its text (the named alternative to the implicit conversion).</summary>
    /// <param name="value">The id text.</param>
    /// <returns>The id.</returns>
    public static EventId FromString(string value) => new(value);

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator <(EventId left, EventId right) => left.CompareTo(right) < 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator >(EventId left, EventId right) => left.CompareTo(right) > 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator <=(EventId left, EventId right) => left.CompareTo(right) <= 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator >=(EventId left, EventId right) => left.CompareTo(right) >= 0;
}
