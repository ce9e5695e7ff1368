using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Attendees.Internal;

namespace Calcore.Storage.Internal;

/// <summary>The attendee directory read inside a unit of work: what the booking gate uses, so that the policy it
/// decides by is read in the transaction that records the decision.</summary>
internal static class StoredAttendees
{
    /// <summary>Finds the attendee a booking decides by, in <paramref name="transaction"/>: the directory's record; else
    /// the sources' answer, and when that is a room or a resource, its record is written to the directory in the same
    /// transaction (adopted), so that the policy that decides the booking is stored with it and from then on is the
    /// directory's (a source cannot change it later). People found in a source stay there.</summary>
    internal static async ValueTask<Attendee?> FindForBookingAsync(this AttendeeDirectory directory, IStorageTransaction transaction, AttendeeId id, CancellationToken cancellationToken)
    {
        if (await transaction.FindAttendeeAsync(id, cancellationToken).ConfigureAwait(false) is { } record)
        {
            return record.ToAttendee();
        }
        Attendee? found = await directory.FindInSourcesAsync(id, cancellationToken).ConfigureAwait(false);
        if (found is { Type: CalendarUserType.Room or CalendarUserType.Resource })
        {
            await transaction.UpsertAttendeeAsync(AttendeeRecord.FromAttendee(found), cancellationToken).ConfigureAwait(false);
        }
        return found;
    }

    /// <summary>Resolves the attendee a booking decides by, as <see cref="FindForBookingAsync"/> finds it; an id neither the
    /// directory nor a source knows is a person who answers themselves.</summary>
    internal static async ValueTask<Attendee> ResolveForBookingAsync(this AttendeeDirectory directory, IStorageTransaction transaction, AttendeeId id, CancellationToken cancellationToken)
        => await directory.FindForBookingAsync(transaction, id, cancellationToken).ConfigureAwait(false) ?? AttendeeDirectory.Unknown(id);
}
