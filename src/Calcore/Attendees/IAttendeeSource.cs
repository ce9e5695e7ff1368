using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Internal;

namespace Calcore.Attendees;

/// <summary>Resolves attendee ids to attendees: the directory an application plugs into Calcore.</summary>
/// <remarks>
/// <para>How attendees are found depends on the application (a user table, LDAP, a room list); Calcore ships
/// <see cref="SimpleAttendeeSource"/>, which keeps them in memory. What an implementation must guarantee:</para>
/// <list type="bullet">
/// <item><description>Ids are stable: the same id always resolves to the same attendee (same type and policy).</description></item>
/// <item><description><see cref="FindAttendeeAsync"/> returns null, never throws, for an unknown id.</description></item>
/// <item><description><see cref="FindByNameAsync"/> with an empty query returns nothing.</description></item>
/// <item><description>Results are never null, and every member is thread-safe.</description></item>
/// </list>
/// <para>A source registered with a <see cref="StorageManager"/> lets it find an attendee's invite policy when an
/// event's time changes. Implementations must be thread-safe.</para>
/// </remarks>
public interface IAttendeeSource
{
    /// <summary>Finds an attendee by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The attendee, or null when the id is unknown.</returns>
    ValueTask<Attendee?> FindAttendeeAsync(AttendeeId id, CancellationToken cancellationToken);

    /// <summary>Finds attendees whose name contains a text (case-insensitive), optionally of one type.</summary>
    /// <param name="query">The text; an empty text matches nothing.</param>
    /// <param name="type">The type to keep, or null for every type.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The matching attendees, ordered by name then id.</returns>
    ValueTask<IReadOnlyList<Attendee>> FindByNameAsync(string query, CalendarUserType? type, CancellationToken cancellationToken);

    /// <summary>Lists the attendees of one type.</summary>
    /// <param name="type">The type.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The attendees, ordered by name then id.</returns>
    ValueTask<IReadOnlyList<Attendee>> GetAttendeesOfTypeAsync(CalendarUserType type, CancellationToken cancellationToken);
}

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

/// <summary>Thrown when an attendee id is unknown to a source.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class AttendeeNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="attendeeId">The unknown id.</param>
    public AttendeeNotFoundException(AttendeeId attendeeId)
        : base($"No attendee has the id '{attendeeId}'.")
    {
        AttendeeId = attendeeId;
    }

    /// <summary>Gets the unknown id.</summary>
    public AttendeeId AttendeeId { get; }
}
