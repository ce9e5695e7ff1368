using System;
using Calcore.Internal;

namespace Calcore.Events;

/// <summary>The identifier of a commitment (one attendee's participation in one event).</summary>
/// <remarks>This type is an immutable value type and is thread-safe.</remarks>
public readonly record struct CommitmentId
{
    private readonly string? _value;

    /// <summary>Creates an id from its text.</summary>
    /// <param name="value">The id text: not empty, at most 1024 characters, no control characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty, too long or contains a control character.</exception>
    public CommitmentId(string value)
    {
        Preconditions.CheckNotNull(value);
        IdText.Validate(value, nameof(value), "commitment id");
        _value = value;
    }

    /// <summary>Gets the id text (empty for the default value).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Returns the id text.</summary>
    public override string ToString() => Value;
}
