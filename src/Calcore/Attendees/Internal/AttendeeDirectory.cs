using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;

namespace Calcore.Attendees.Internal;

/// <summary>The attendee sources an engine was built with, asked in order: the engine's one place to learn an
/// attendee's type, invite policy and booking horizon.</summary>
/// <remarks>Immutable and thread-safe (the sources themselves must be thread-safe).</remarks>
internal sealed class AttendeeDirectory(ImmutableArray<IAttendeeSource> sources)
{
    /// <summary>Gets the sources, in the order they were added.</summary>
    internal ImmutableArray<IAttendeeSource> Sources { get; } = sources;

    /// <summary>Finds an attendee in the first source that knows it.</summary>
    internal async ValueTask<Attendee?> FindAsync(AttendeeId id, CancellationToken cancellationToken)
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
    /// an id no source knows is never booked automatically.</summary>
    internal async ValueTask<Attendee> ResolveAsync(AttendeeId id, CancellationToken cancellationToken)
        => await FindAsync(id, cancellationToken).ConfigureAwait(false) ?? new Individual(id, id.Value);
}
