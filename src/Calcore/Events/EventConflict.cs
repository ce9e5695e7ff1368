using System;
using NodaTime;

namespace Calcore.Events;

/// <summary>An event that blocks an attendee's time during a period another event wants.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class EventConflict : IEquatable<EventConflict>
{
    /// <summary>Creates a conflict.</summary>
    /// <param name="eventId">The conflicting event.</param>
    /// <param name="title">The conflicting event's title.</param>
    /// <param name="period">The conflicting event's occurrence that overlaps (its whole period, not the overlap).</param>
    /// <param name="instance">The instance of the invited series that conflicts, or null for a single event.</param>
    public EventConflict(EventId eventId, string title, Interval period, OriginalStart? instance = null)
    {
        EventId = eventId;
        Title = title ?? string.Empty;
        Period = period;
        Instance = instance;
    }

    /// <summary>Gets the instance of the invited series that conflicts, or null when a single event was invited.</summary>
    public OriginalStart? Instance { get; }

    /// <summary>Gets the id of the conflicting event (an instance id when the booking is an instance of a series).</summary>
    public EventId EventId { get; }

    /// <summary>Gets the conflicting event's title.</summary>
    public string Title { get; }

    /// <summary>Gets the period of the conflicting booking.</summary>
    public Interval Period { get; }

    /// <inheritdoc/>
    public bool Equals(EventConflict? other)
        => other is not null && EventId == other.EventId && Period == other.Period && Instance == other.Instance && string.Equals(Title, other.Title, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EventConflict);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(EventId, Period);

    /// <summary>Describes the conflict, e.g. <c>'Board meeting' (id) 2005-04-10T14:00:00Z/2005-04-10T15:00:00Z</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"'{Title}' ({EventId}) {Period}";
}
