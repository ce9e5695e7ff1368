using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Internal;

namespace Calcore.Attendees;

/// <summary>An in-memory attendee directory: create people and rooms, then find them by id, name or type.</summary>
/// <remarks>
/// <para>The attendees it creates are bound to its <see cref="StorageManager"/>, so their convenience methods
/// (<see cref="Attendee.CreateEventAsync"/>, <see cref="Attendee.GetEventsAsync"/>) work, and the source registers
/// itself with the manager so that the manager can find each attendee's invite policy by id.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class SimpleAttendeeSource : IAttendeeSource
{
    private readonly object _gate = new();
    private readonly Dictionary<AttendeeId, Attendee> _attendees = [];

    /// <summary>Creates an empty source for a manager and registers it there.</summary>
    /// <param name="manager">The manager whose attendees these are.</param>
    /// <exception cref="ArgumentNullException"><paramref name="manager"/> is null.</exception>
    public SimpleAttendeeSource(StorageManager manager)
    {
        Manager = Preconditions.CheckNotNull(manager);
        manager.RegisterAttendeeSource(this);
    }

    /// <summary>Gets the manager the attendees are bound to.</summary>
    public StorageManager Manager { get; }

    /// <summary>Creates a person, who answers invitations themselves.</summary>
    /// <param name="id">A new id.</param>
    /// <param name="name">The display name.</param>
    /// <returns>The person.</returns>
    /// <exception cref="ArgumentException">The id is taken.</exception>
    public Individual CreateIndividual(AttendeeId id, string name) => Add(new Individual(id, name, null, Manager));

    /// <summary>Creates a room with an invite policy.</summary>
    /// <param name="id">A new id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">How the room answers invitations; <see cref="InvitePolicy.AcceptIfPossible"/> when null.</param>
    /// <param name="bookingHorizon">How far ahead an unbounded series is checked; 180 days when null.</param>
    /// <returns>The room.</returns>
    /// <exception cref="ArgumentException">The id is taken, or the horizon is not positive.</exception>
    public Room CreateRoom(AttendeeId id, string name, InvitePolicy? policy = null, NodaTime.Duration? bookingHorizon = null)
        => Add(new Room(id, name, policy, Manager, bookingHorizon));

    /// <summary>Creates a group.</summary>
    /// <param name="id">A new id.</param>
    /// <param name="name">The display name.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentException">The id is taken.</exception>
    public Group CreateGroup(AttendeeId id, string name) => Add(new Group(id, name, null, Manager));

    /// <summary>Creates a resource other than a room.</summary>
    /// <param name="id">A new id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">How the resource answers invitations; <see cref="InvitePolicy.AcceptIfPossible"/> when null.</param>
    /// <returns>The resource.</returns>
    /// <exception cref="ArgumentException">The id is taken.</exception>
    public Resource CreateResource(AttendeeId id, string name, InvitePolicy? policy = null) => Add(new Resource(id, name, policy, Manager));

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
