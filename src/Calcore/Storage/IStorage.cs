using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;

namespace Calcore.Storage;

/// <summary>The contract a storage provider implements: keep event snapshots and the attendee directory, find them
/// by id and by time, and change them atomically.</summary>
/// <remarks>
/// <para>The engine (its manager and the layers under it) adds everything else on top (validation, versions, expansion, invite
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
/// <item><description><b>The attendee directory.</b> A storage keeps one <see cref="AttendeeRecord"/> per attendee id
/// (<see cref="FindAttendeeAsync"/>, <see cref="GetAttendeesAsync"/>), written only in a transaction
/// (<see cref="IStorageTransaction.UpsertAttendeeAsync"/>, <see cref="IStorageTransaction.DeleteAttendeeAsync"/>) and
/// committed with its other writes. A record reads back equal to the one written, every field of its policy exact
/// (durations to the nanosecond, the conflict fraction to the bit, a missing maximum duration kept missing). Listings
/// are ordered by id (ordinal).</description></item>
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

    /// <summary>Finds a committed attendee record by id.</summary>
    /// <param name="id">The attendee id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The record, or null when the directory has no record with that id.</returns>
    ValueTask<AttendeeRecord?> FindAttendeeAsync(AttendeeId id, CancellationToken cancellationToken);

    /// <summary>Lists the committed attendee records, all of them or those of one type.</summary>
    /// <param name="type">The type to keep, or null for every type.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The records, ordered by id (ordinal).</returns>
    ValueTask<IReadOnlyList<AttendeeRecord>> GetAttendeesAsync(CalendarUserType? type, CancellationToken cancellationToken);

    /// <summary>Begins a unit of work that is serializable with every other one that locks a common attendee.</summary>
    /// <param name="lockedAttendees">The attendees whose bookings the transaction reads to decide and then writes.</param>
    /// <param name="cancellationToken">A token to cancel waiting for the locks.</param>
    /// <returns>The transaction; disposing it without <see cref="IStorageTransaction.CommitAsync"/> rolls it back.</returns>
    ValueTask<IStorageTransaction> BeginTransactionAsync(IReadOnlyCollection<AttendeeId> lockedAttendees, CancellationToken cancellationToken);
}
