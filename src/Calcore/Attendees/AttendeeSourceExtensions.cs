using System;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Internal;

namespace Calcore.Attendees;

/// <summary>Convenience members for every <see cref="IAttendeeSource"/>.</summary>
public static class AttendeeSourceExtensions
{
    /// <summary>Gets an attendee by id, throwing when it is unknown.</summary>
    /// <param name="source">The source.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The attendee.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="AttendeeNotFoundException">No attendee has the id.</exception>
    public static async ValueTask<Attendee> GetAttendeeAsync(this IAttendeeSource source, AttendeeId id, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(source);
        return await source.FindAttendeeAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new AttendeeNotFoundException(id);
    }
}
