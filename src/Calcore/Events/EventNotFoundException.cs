using System;

namespace Calcore.Events;

/// <summary>Thrown when an event id names no stored event.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class EventNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="eventId">The id that was not found.</param>
    public EventNotFoundException(EventId eventId)
        : base($"No event has the id '{eventId}'.")
    {
        EventId = eventId;
    }

    /// <summary>Gets the id that was not found.</summary>
    public EventId EventId { get; }
}
