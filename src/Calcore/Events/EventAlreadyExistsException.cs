using System;

namespace Calcore.Events;

/// <summary>Thrown when a caller supplies an event id that is already taken; nothing is overwritten.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class EventAlreadyExistsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="eventId">The id that exists.</param>
    public EventAlreadyExistsException(EventId eventId)
        : base($"An event with the id '{eventId}' already exists.")
    {
        EventId = eventId;
    }

    /// <summary>Gets the id that exists.</summary>
    public EventId EventId { get; }
}
