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

/// <summary>Thrown when a change names an expected version that is no longer the stored one; nothing is written.</summary>
/// <remarks>
/// The counterpart of EF Core's <c>DbUpdateConcurrencyException</c> and of HTTP 412 for <c>If-Match</c>: read the
/// event again, re-apply the change and retry. This type is immutable and thread-safe.
/// </remarks>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="expectedVersion">The version the caller expected.</param>
    /// <param name="actualVersion">The stored version, or null when the event no longer exists.</param>
    public ConcurrencyConflictException(EventId eventId, long expectedVersion, long? actualVersion)
        : base(actualVersion is null
            ? $"Event '{eventId}' was expected at version {expectedVersion} but no longer exists."
            : $"Event '{eventId}' was expected at version {expectedVersion} but is at version {actualVersion}.")
    {
        EventId = eventId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the event.</summary>
    public EventId EventId { get; }

    /// <summary>Gets the version the caller expected.</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the stored version, or null when the event no longer exists.</summary>
    public long? ActualVersion { get; }
}
