using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

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
/// <para>The engine looks an attendee up in its storage's attendee directory first (<see cref="AttendeeRecord"/>) and
/// asks its sources, in the order they were added to its builder, only about ids the directory does not hold: a record
/// in the directory always wins, so a room's or a resource's type and policy are the directory's once it has one. A
/// source suits people resolved elsewhere. Implementations must be thread-safe.</para>
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
