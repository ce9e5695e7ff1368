using System;
using Calcore.Internal;

namespace Calcore.Events;

/// <summary>The opaque identifier of a stored event.</summary>
/// <remarks>
/// <para>Ids are compared ordinally. The engine generates unique ids; a caller may supply its
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

    /// <summary>Gets the id of one instance of a recurring series: <c>{seriesId}_{originalStart}</c>.</summary>
    /// <param name="seriesId">The series.</param>
    /// <param name="originalStart">The instance's original start.</param>
    /// <returns>The instance id.</returns>
    public static EventId ForInstance(EventId seriesId, OriginalStart originalStart)
        => new(OriginalStart.FormatForId(seriesId, originalStart));

    /// <summary>Splits an instance id into its series id and original start.</summary>
    /// <param name="seriesId">The series id when successful.</param>
    /// <param name="originalStart">The original start when successful.</param>
    /// <returns>True when the id has the form <c>{seriesId}_{originalStart}</c> (it may still name no instance).</returns>
    public bool TryGetInstance(out EventId seriesId, out OriginalStart originalStart)
    {
        seriesId = default;
        originalStart = default;
        string text = Value;
        int underscore = text.LastIndexOf('_');
        if (underscore <= 0 || !OriginalStart.TryParse(text[(underscore + 1)..], out originalStart))
        {
            return false;
        }
        seriesId = new EventId(text[..underscore]);
        return true;
    }

    /// <summary>Returns the id text.</summary>
    public override string ToString() => Value;

    /// <summary>Compares ids ordinally.</summary>
    /// <param name="other">The other id.</param>
    /// <returns>The ordinal comparison of the two texts.</returns>
    public int CompareTo(EventId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator <(EventId left, EventId right) => left.CompareTo(right) < 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator >(EventId left, EventId right) => left.CompareTo(right) > 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator <=(EventId left, EventId right) => left.CompareTo(right) <= 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator >=(EventId left, EventId right) => left.CompareTo(right) >= 0;
}
