using System;

namespace Calcore.Events;

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
