using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;

namespace Calcore.Storage;

/// <summary>The contract a storage provider implements: keep event snapshots, find them by id and by time, and
/// change them atomically.</summary>
/// <remarks>
/// <para>The <see cref="StorageManager"/> adds everything else on top (validation, versions, expansion, invite
/// policies, search criteria), so a provider keeps and finds values; it does not interpret them. What every
/// provider <b>must</b> guarantee:</para>
/// <list type="bullet">
/// <item><description><b>Reads are consistent.</b> A read sees only committed transactions, each whole or not at all.</description></item>
/// <item><description><b>Range queries cover the whole span.</b> Every event is written with its span: the
/// interval of instants from the start of its first occurrence to the end of its last (open-ended for an
/// unbounded series). <see cref="QueryEventsAsync"/> returns every event whose span overlaps the query window
/// under the half-open rule (start before the window's end and end after the window's
/// start, a zero-length span overlapping a window that contains its instant). It may return events whose span
/// does not overlap (the manager filters by time again) but never fewer; the attendee and organizer narrowing of
/// <see cref="EventQuery"/> must be exact.</description></item>
/// <item><description><b>Ordering.</b> Query results are ordered by span start, then by id (ordinal).</description></item>
/// <item><description><b>Atomic, conditional writes.</b> Changes happen only in an <see cref="IStorageTransaction"/>;
/// committing applies all of them or none. <see cref="IStorageTransaction.ReplaceEventAsync"/> and
/// <see cref="IStorageTransaction.DeleteEventAsync"/> apply only when the stored version equals the expected one.</description></item>
/// <item><description><b>Serializable for the attendees a transaction locks.</b> Two transactions that lock a
/// common attendee never interleave: the second starts its reads after the first has committed or rolled back.
/// This is what keeps a room from being double-booked (memory: one lock; SQLite: <c>BEGIN IMMEDIATE</c>;
/// PostgreSQL: row or advisory locks).</description></item>
/// <item><description><b>Environment failures</b> surface as <see cref="CalcoreStorageException"/> with the driver's
/// exception inside; nothing is half-written.</description></item>
/// <item><description><b>Thread safety.</b> Every member may be called from many threads at once.</description></item>
/// </list>
/// <para>What a provider need <b>not</b> do: validate values (the manager does), cache, compute spans or versions
/// (the manager passes them), or interpret search criteria.</para>
/// <para>Implementations must be thread-safe.</para>
/// </remarks>
public interface IStorage
{
    /// <summary>Finds a committed event by id.</summary>
    /// <param name="id">The event id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The event, or null when no event has that id.</returns>
    ValueTask<CalendarEvent?> FindEventAsync(EventId id, CancellationToken cancellationToken);

    /// <summary>Finds committed events by attendee, organizer and span.</summary>
    /// <param name="query">What to find.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by span start then id.</returns>
    ValueTask<IReadOnlyList<CalendarEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken);

    /// <summary>Begins a unit of work that is serializable with every other one that locks a common attendee.</summary>
    /// <param name="lockedAttendees">The attendees whose bookings the transaction reads to decide and then writes.</param>
    /// <param name="cancellationToken">A token to cancel waiting for the locks.</param>
    /// <returns>The transaction; disposing it without <see cref="IStorageTransaction.CommitAsync"/> rolls it back.</returns>
    ValueTask<IStorageTransaction> BeginTransactionAsync(IReadOnlyCollection<AttendeeId> lockedAttendees, CancellationToken cancellationToken);
}

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

    /// <summary>Makes every write of this transaction durable and visible, all at once.</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when committed.</returns>
    /// <exception cref="CalcoreStorageException">The commit failed; nothing was written.</exception>
    ValueTask CommitAsync(CancellationToken cancellationToken);
}
