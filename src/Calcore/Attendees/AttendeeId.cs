using System;
using Calcore.Internal;

namespace Calcore.Attendees;

/// <summary>The identifier of an attendee (a person, a room, a group, a resource): an opaque string.</summary>
/// <remarks>This type is an immutable value type and is thread-safe.</remarks>
public readonly record struct AttendeeId : IComparable<AttendeeId>
{
    private readonly string? _value;

    /// <summary>Creates an id from its text.</summary>
    /// <param name="value">The id text: not empty, at most 1024 characters, no control characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty, too long or contains a control character.</exception>
    public AttendeeId(string value)
    {
        Preconditions.CheckNotNull(value);
        IdText.Validate(value, nameof(value), "attendee id");
        _value = value;
    }

    /// <summary>Gets the id text (empty for the default value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Returns the id text.</summary>
    public override string ToString() => Value;

    /// <summary>Compares ids ordinally.</summary>
    /// <param name="other">The other id.</param>
    /// <returns>The ordinal comparison of the two texts.</returns>
    public int CompareTo(AttendeeId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator <(AttendeeId left, AttendeeId right) => left.CompareTo(right) < 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator >(AttendeeId left, AttendeeId right) => left.CompareTo(right) > 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator <=(AttendeeId left, AttendeeId right) => left.CompareTo(right) <= 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator >=(AttendeeId left, AttendeeId right) => left.CompareTo(right) >= 0;
}
