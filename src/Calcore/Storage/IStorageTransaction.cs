using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;

namespace Calcore.Storage;

/// <summary>A unit of work on a storage: reads that see its own writes, and writes that commit together.</summary>
/// <remarks>
/// Not thread-safe: use a transaction from one flow at a time. Disposing it without committing discards its writes.
/// </remarks>
public interface IStorageTransaction : IAsyncDisposable
{
    /// <summary>Finds an event by id, seeing this transaction's own writes.</summary>
    /// <param name="id">The event id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The event or null.</returns>
    ValueTask<CalendarEvent?> FindEventAsync(EventId id, CancellationToken cancellationToken);

    /// <summary>Finds events as <see cref="IStorage.QueryEventsAsync"/> does, seeing this transaction's own writes.</summary>
    /// <param name="query">What to find.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by span start then id.</returns>
    ValueTask<IReadOnlyList<CalendarEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken);

    /// <summary>Adds a new event.</summary>
    /// <param name="calendarEvent">The event (version 1).</param>
    /// <param name="span">Its span on the time line (see <see cref="IStorage"/>).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the write is staged.</returns>
    /// <exception cref="CalcoreStorageException">An event with that id exists (<see cref="StorageErrorCode.DuplicateKey"/>), or the storage failed.</exception>
    ValueTask InsertEventAsync(CalendarEvent calendarEvent, NodaTime.Interval span, CancellationToken cancellationToken);

    /// <summary>Replaces an event if its stored version is the expected one.</summary>
    /// <param name="calendarEvent">The new snapshot.</param>
    /// <param name="span">Its span.</param>
    /// <param name="expectedVersion">The version that must be stored now.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>True when replaced; false when the event is missing or at another version (nothing is written).</returns>
    ValueTask<bool> ReplaceEventAsync(CalendarEvent calendarEvent, NodaTime.Interval span, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes an event if its stored version is the expected one.</summary>
    /// <param name="id">The event id.</param>
    /// <param name="expectedVersion">The version that must be stored now.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>True when deleted; false when the event is missing or at another version.</returns>
    ValueTask<bool> DeleteEventAsync(EventId id, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Finds an attendee record by id, seeing this transaction's own writes.</summary>
    /// <param name="id">The attendee id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The record, or null.</returns>
    /// <remarks>The engine reads a resource's policy here, inside the unit of work that records the booking, so that
    /// the policy and the decision it makes commit together.</remarks>
    ValueTask<AttendeeRecord?> FindAttendeeAsync(AttendeeId id, CancellationToken cancellationToken);

    /// <summary>Adds an attendee record, or replaces the record with the same id.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>True when the record was added; false when it replaced one.</returns>
    /// <remarks>A transaction that writes an attendee's record should name the attendee among the locked attendees
    /// when it begins, so that it is serialized with the bookings that read the record.</remarks>
    ValueTask<bool> UpsertAttendeeAsync(AttendeeRecord record, CancellationToken cancellationToken);

    /// <summary>Deletes an attendee record.</summary>
    /// <param name="id">The attendee id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>True when deleted; false when the directory has no record with that id.</returns>
    ValueTask<bool> DeleteAttendeeAsync(AttendeeId id, CancellationToken cancellationToken);

    /// <summary>Makes every write of this transaction durable and visible, all at once.</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when committed.</returns>
    /// <exception cref="CalcoreStorageException">The commit failed; nothing was written.</exception>
    ValueTask CommitAsync(CancellationToken cancellationToken);
}
