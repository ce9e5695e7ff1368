using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Internal;

namespace Calcore.Attendees;

/// <summary>An in-memory attendee directory: create people and rooms, then find them by id, name or type.</summary>
/// <remarks>
/// <para>Give it to the engine's builder (its <c>AddAttendeeSource</c> method) so that the engine finds each
/// attendee's type and booking policy by id. Attendees may be added before or after the engine is built. The engine
/// asks it only about ids its storage's attendee directory does not hold (see <see cref="AttendeeRecord"/>).</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class SimpleAttendeeSource : IAttendeeSource
{
    private readonly object _gate = new();
    private readonly Dictionary<AttendeeId, Attendee> _attendees = [];

    /// <summary>Creates an empty source.</summary>
    public SimpleAttendeeSource()
    {
    }

    /// <summary>Creates a person, who answers invitations themselves.</summary>
    /// <param name="id">A new id.</param>
    /// <param name="name">The display name.</param>
    /// <returns>The person.</returns>
    /// <exception cref="ArgumentException">The id is taken.</exception>
    public Individual CreateIndividual(AttendeeId id, string name) => Add(new Individual(id, name));

    /// <summary>Creates a room with a booking policy.</summary>
    /// <param name="id">A new id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">How the room answers invitations; <see cref="BookingPolicy.AcceptIfPossible"/> when null.</param>
    /// <returns>The room.</returns>
    /// <exception cref="ArgumentException">The id is taken, or the horizon is not positive.</exception>
    public Room CreateRoom(AttendeeId id, string name, BookingPolicy? policy = null)
        => Add(new Room(id, name, policy));

    /// <summary>Creates a group.</summary>
    /// <param name="id">A new id.</param>
    /// <param name="name">The display name.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentException">The id is taken.</exception>
    public Group CreateGroup(AttendeeId id, string name) => Add(new Group(id, name));

    /// <summary>Creates a resource other than a room.</summary>
    /// <param name="id">A new id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">How the resource answers invitations; <see cref="BookingPolicy.AcceptIfPossible"/> when null.</param>
    /// <returns>The resource.</returns>
    /// <exception cref="ArgumentException">The id is taken.</exception>
    public Resource CreateResource(AttendeeId id, string name, BookingPolicy? policy = null) => Add(new Resource(id, name, policy));

    /// <summary>Finds an attendee by id without waiting.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The attendee, or null.</returns>
    public Attendee? FindAttendee(AttendeeId id)
    {
        lock (_gate)
        {
            return _attendees.GetValueOrDefault(id);
        }
    }

    /// <summary>Gets an attendee by id without waiting.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The attendee.</returns>
    /// <exception cref="AttendeeNotFoundException">The id is unknown.</exception>
    public Attendee GetAttendee(AttendeeId id) => FindAttendee(id) ?? throw new AttendeeNotFoundException(id);

    /// <inheritdoc/>
    public ValueTask<Attendee?> FindAttendeeAsync(AttendeeId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(FindAttendee(id));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    public ValueTask<IReadOnlyList<Attendee>> FindByNameAsync(string query, CalendarUserType? type, CancellationToken cancellationToken)
    {
        Preconditions.CheckNotNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        if (query.Length == 0)
        {
            return ValueTask.FromResult<IReadOnlyList<Attendee>>([]);
        }
        return ValueTask.FromResult(Select(a => (type is null || a.Type == type) && a.Name.Contains(query, StringComparison.OrdinalIgnoreCase)));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<Attendee>> GetAttendeesOfTypeAsync(CalendarUserType type, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Select(a => a.Type == type));
    }

    private IReadOnlyList<Attendee> Select(Func<Attendee, bool> predicate)
    {
        lock (_gate)
        {
            return [.. _attendees.Values.Where(predicate).OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id)];
        }
    }

    private T Add<T>(T attendee)
        where T : Attendee
    {
        lock (_gate)
        {
            if (!_attendees.TryAdd(attendee.Id, attendee))
            {
                throw new ArgumentException($"An attendee with the id '{attendee.Id}' already exists in this source.", nameof(attendee));
            }
        }
        return attendee;
    }
}
