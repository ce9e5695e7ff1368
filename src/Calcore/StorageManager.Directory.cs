using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Internal;
using Calcore.Storage;

namespace Calcore;

/// <content>The attendee directory: the records the storage keeps of people, rooms, resources and groups.</content>
public sealed partial class StorageManager
{
    /// <summary>Adds an attendee record to the storage's attendee directory, or replaces the record with its id.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>True when the record was added; false when it replaced one.</returns>
    /// <remarks>
    /// <para>From then on the record is the engine's word on its id (<see cref="FindAttendeeAsync"/>): its type and
    /// policy decide the attendee's bookings, whatever an attendee source says about the id. The write is one unit of
    /// work that locks the attendee, so a booking being decided for it finishes with the old policy or starts with the
    /// new one. Bookings already answered are not answered again.</para>
    /// </remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="CalcoreStorageException">The storage failed; nothing was written.</exception>
    public async Task<bool> SaveAttendeeAsync(AttendeeRecord record, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(record);
        IStorageTransaction tx = await Storage.BeginTransactionAsync([record.Id], cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            bool added = await tx.UpsertAttendeeAsync(record, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return added;
        }
    }

    /// <summary>Finds an attendee's record in the storage's attendee directory (not in the attendee sources).</summary>
    /// <param name="id">The attendee id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The record, or null when the directory has none for the id.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="id"/> is the default value.</exception>
    public async Task<AttendeeRecord?> FindAttendeeRecordAsync(AttendeeId id, CancellationToken cancellationToken = default)
    {
        CheckId(id, nameof(id));
        return await Storage.FindAttendeeAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the records of the storage's attendee directory, all of them or those of one type.</summary>
    /// <param name="type">The type to keep (for instance <see cref="CalendarUserType.Room"/>), or null for every type.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The records, ordered by id (ordinal).</returns>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public async Task<IReadOnlyList<AttendeeRecord>> GetAttendeeRecordsAsync(CalendarUserType? type = null, CancellationToken cancellationToken = default)
    {
        if (type is { } t)
        {
            Preconditions.CheckArgumentRange(nameof(type), (int)t, (int)CalendarUserType.Individual, (int)CalendarUserType.Unknown);
        }
        return await Storage.GetAttendeesAsync(type, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an attendee's record from the storage's attendee directory.</summary>
    /// <param name="id">The attendee id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>True when deleted; false when the directory had no record for the id.</returns>
    /// <remarks>The attendee's commitments stay on their events. From then on the id is looked up in the attendee
    /// sources, and an id no source knows is taken for a person who answers themselves (never booked automatically).</remarks>
    /// <exception cref="System.ArgumentException"><paramref name="id"/> is the default value.</exception>
    /// <exception cref="CalcoreStorageException">The storage failed; nothing was written.</exception>
    public async Task<bool> DeleteAttendeeAsync(AttendeeId id, CancellationToken cancellationToken = default)
    {
        CheckId(id, nameof(id));
        IStorageTransaction tx = await Storage.BeginTransactionAsync([id], cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            bool deleted = await tx.DeleteAttendeeAsync(id, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }
    }
}
