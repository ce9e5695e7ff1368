using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;

namespace Calcore.Attendees.Internal;

/// <summary>Reads one attendee record from a storage's directory: the committed one (<c>IStorage.FindAttendeeAsync</c>)
/// or a transaction's view (<c>IStorageTransaction.FindAttendeeAsync</c>). A delegate, because this layer sits below
/// the storage layer and cannot name its types.</summary>
internal delegate ValueTask<AttendeeRecord?> AttendeeRecordReader(AttendeeId id, CancellationToken cancellationToken);

/// <summary>The engine's one place to learn an attendee's type and booking policy: the storage's attendee directory
/// first, then the attendee sources the engine was built with, in order.</summary>
/// <remarks>
/// <para>A record in the storage's directory is the engine's word on its id: the sources are not asked about it, so no
/// source can change a directory room's type or policy. The sources answer only ids the directory does not hold
/// (people resolved elsewhere, and the rooms of applications that keep them in a <see cref="SimpleAttendeeSource"/>).
/// <c>Storage.Internal.StoredAttendees</c> adds the booking gate's read inside a transaction, with the adoption of a
/// source's room or resource into the directory when a booking decides by it.</para>
/// <para>Immutable and thread-safe (the storage and the sources must be thread-safe).</para>
/// </remarks>
internal sealed class AttendeeDirectory(AttendeeRecordReader stored, ImmutableArray<IAttendeeSource> sources)
{
    /// <summary>Gets the sources, in the order they were added.</summary>
    internal ImmutableArray<IAttendeeSource> Sources { get; } = sources;

    /// <summary>Finds an attendee: the committed directory record, else the first source that knows it.</summary>
    internal async ValueTask<Attendee?> FindAsync(AttendeeId id, CancellationToken cancellationToken)
    {
        if (await stored(id, cancellationToken).ConfigureAwait(false) is { } record)
        {
            return record.ToAttendee();
        }
        return await FindInSourcesAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds an attendee in the sources only (the first that knows it), not in the directory.</summary>
    internal async ValueTask<Attendee?> FindInSourcesAsync(AttendeeId id, CancellationToken cancellationToken)
    {
        foreach (IAttendeeSource source in Sources)
        {
            if (await source.FindAttendeeAsync(id, cancellationToken).ConfigureAwait(false) is { } attendee)
            {
                return attendee;
            }
        }
        return null;
    }

    /// <summary>Finds an attendee, or describes an unknown id as a person who answers themselves (INDIVIDUAL, manual):
    /// an id neither the directory nor a source knows is never booked automatically.</summary>
    internal async ValueTask<Attendee> ResolveAsync(AttendeeId id, CancellationToken cancellationToken)
        => await FindAsync(id, cancellationToken).ConfigureAwait(false) ?? Unknown(id);

    /// <summary>What the engine takes an unknown id for: a person who answers themselves.</summary>
    internal static Individual Unknown(AttendeeId id) => new(id, id.Value);
}
