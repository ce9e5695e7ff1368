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
    public EventConflict(EventId eventId, string title, Interval period)
    {
        EventId = eventId;
        Title = title ?? string.Empty;
        Period = period;
    }

    /// <summary>Gets the id of the conflicting event.</summary>
    public EventId EventId { get; }

    /// <summary>Gets the conflicting event's title.</summary>
    public string Title { get; }

    /// <summary>Gets the period of the conflicting booking.</summary>
    public Interval Period { get; }

    /// <inheritdoc/>
    public bool Equals(EventConflict? other)
        => other is not null && EventId == other.EventId && Period == other.Period && string.Equals(Title, other.Title, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EventConflict);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(EventId, Period);

    /// <summary>Describes the conflict, e.g. <c>'Board meeting' (id) 2005-04-10T14:00:00Z/2005-04-10T15:00:00Z</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"'{Title}' ({EventId}) {Period}";
}
