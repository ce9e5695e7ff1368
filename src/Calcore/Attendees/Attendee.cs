using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Events;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Attendees;

/// <summary>Someone or something that can be invited to an event: a person, a room, a group, a resource.</summary>
/// <remarks>
/// <para>An attendee is a value: an id, a display name, a calendar-user type and the <see cref="InvitePolicy"/>
/// that answers invitations on its behalf. The concrete kinds are <see cref="Individual"/>, <see cref="Room"/>,
/// <see cref="Group"/>, <see cref="Resource"/> and <see cref="UnknownAttendee"/>. Two attendees are equal when
/// their ids and types are equal.</para>
/// <para>An attendee made by an attendee source of a <see cref="StorageManager"/> (such as
/// <see cref="SimpleAttendeeSource"/>) is bound to that manager, and its convenience methods
/// (<see cref="CreateEventAsync"/>, <see cref="GetEventsAsync"/>, <see cref="GetOrganizedEventsAsync"/>) delegate to it.
/// An unbound attendee throws <see cref="InvalidOperationException"/> from them.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public abstract class Attendee : IEquatable<Attendee>
{
    /// <summary>The booking horizon of attendees for whom none is given: 180 days.</summary>
    public static readonly Duration DefaultBookingHorizon = Duration.FromDays(180);

    private protected Attendee(AttendeeId id, string name, InvitePolicy policy, StorageManager? manager, Duration? bookingHorizon = null)
    {
        Duration horizon = bookingHorizon ?? DefaultBookingHorizon;
        Preconditions.CheckArgument(horizon > Duration.Zero, nameof(bookingHorizon), "The booking horizon must be positive.");
        BookingHorizon = horizon;
        Preconditions.CheckArgument(id.Value.Length > 0, nameof(id), "The attendee id must not be the default value.");
        Id = id;
        Name = Preconditions.CheckNotNull(name);
        Policy = Preconditions.CheckNotNull(policy);
        Manager = manager;
    }

    /// <summary>Gets the attendee's id.</summary>
    public AttendeeId Id { get; }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the calendar-user type (RFC 5545 CUTYPE).</summary>
    public abstract CalendarUserType Type { get; }

    /// <summary>Gets the policy that answers invitations for this attendee.</summary>
    public InvitePolicy Policy { get; }

    /// <summary>Gets how far ahead an automatic invite policy checks an unbounded series (default 180 days, as
    /// Exchange's booking window); a bounded series is checked whole.</summary>
    public Duration BookingHorizon { get; }

    /// <summary>Gets the manager the convenience methods use, or null when the attendee is unbound.</summary>
    public StorageManager? Manager { get; }

    /// <summary>Creates an event organized by this attendee, who is ACCEPTED on it.</summary>
    /// <param name="details">The event's fields; its organizer is replaced by this attendee.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The stored event.</returns>
    /// <exception cref="InvalidOperationException">The attendee is not bound to a manager.</exception>
    /// <seealso cref="StorageManager.CreateEventAsync(EventDetails, CancellationToken)"/>
    public Task<CalendarEvent> CreateEventAsync(EventDetails details, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(details);
        return BoundManager.CreateEventAsync(details with { OrganizerId = Id }, cancellationToken);
    }

    /// <summary>Gets the events this attendee is on that overlap a window.</summary>
    /// <param name="window">The half-open window.</param>
    /// <param name="criteria">Further filters; the scope of this attendee always applies.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by start then id.</returns>
    /// <exception cref="InvalidOperationException">The attendee is not bound to a manager.</exception>
    /// <seealso cref="StorageManager.GetEventsAsync(AttendeeId, Interval, SearchCriteria?, CancellationToken)"/>
    public Task<IReadOnlyList<CalendarEvent>> GetEventsAsync(Interval window, SearchCriteria? criteria = null, CancellationToken cancellationToken = default)
        => BoundManager.GetEventsAsync(Id, window, criteria, cancellationToken);

    /// <summary>Gets every event this attendee organizes, at any time.</summary>
    /// <param name="criteria">Further filters; the organizer is always this attendee.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by start then id.</returns>
    /// <exception cref="InvalidOperationException">The attendee is not bound to a manager.</exception>
    public Task<IReadOnlyList<CalendarEvent>> GetOrganizedEventsAsync(SearchCriteria? criteria = null, CancellationToken cancellationToken = default)
        => BoundManager.GetOrganizedEventsAsync(Id, criteria, cancellationToken);

    private StorageManager BoundManager => Manager
        ?? throw new InvalidOperationException($"Attendee '{Id}' is not bound to a StorageManager; create it through an attendee source of the manager, or call the manager directly.");

    /// <inheritdoc/>
    public bool Equals(Attendee? other) => other is not null && Id == other.Id && Type == other.Type;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Attendee);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Type);

    /// <summary>Returns the name and id, e.g. <c>Room 1 &lt;room1&gt;</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Name} <{Id}>";
}

/// <summary>A person (CUTYPE=INDIVIDUAL). By default a person answers invitations themselves (<see cref="InvitePolicy.Manual"/>).</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class Individual : Attendee
{
    /// <summary>Creates a person.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">The invite policy; <see cref="InvitePolicy.Manual"/> when null.</param>
    /// <param name="manager">The manager the convenience methods use, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public Individual(AttendeeId id, string name, InvitePolicy? policy = null, StorageManager? manager = null)
        : base(id, name, policy ?? InvitePolicy.Manual, manager)
    {
    }

    /// <inheritdoc/>
    public override CalendarUserType Type => CalendarUserType.Individual;
}

/// <summary>A room (CUTYPE=ROOM). By default a room books itself when it is free (<see cref="InvitePolicy.AcceptIfPossible"/>).</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class Room : Attendee
{
    /// <summary>Creates a room.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">The invite policy; <see cref="InvitePolicy.AcceptIfPossible"/> when null.</param>
    /// <param name="manager">The manager the convenience methods use, or null.</param>
    /// <param name="bookingHorizon">How far ahead an unbounded series is checked; <see cref="Attendee.DefaultBookingHorizon"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bookingHorizon"/> is not positive.</exception>
    public Room(AttendeeId id, string name, InvitePolicy? policy = null, StorageManager? manager = null, Duration? bookingHorizon = null)
        : base(id, name, policy ?? InvitePolicy.AcceptIfPossible, manager, bookingHorizon)
    {
    }

    /// <inheritdoc/>
    public override CalendarUserType Type => CalendarUserType.Room;
}

/// <summary>A group of people (CUTYPE=GROUP), answering manually by default.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class Group : Attendee
{
    /// <summary>Creates a group.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">The invite policy; <see cref="InvitePolicy.Manual"/> when null.</param>
    /// <param name="manager">The manager the convenience methods use, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public Group(AttendeeId id, string name, InvitePolicy? policy = null, StorageManager? manager = null)
        : base(id, name, policy ?? InvitePolicy.Manual, manager)
    {
    }

    /// <inheritdoc/>
    public override CalendarUserType Type => CalendarUserType.Group;
}

/// <summary>A physical resource other than a room (CUTYPE=RESOURCE), booking itself when free by default.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class Resource : Attendee
{
    /// <summary>Creates a resource.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">The invite policy; <see cref="InvitePolicy.AcceptIfPossible"/> when null.</param>
    /// <param name="manager">The manager the convenience methods use, or null.</param>
    /// <param name="bookingHorizon">How far ahead an unbounded series is checked; <see cref="Attendee.DefaultBookingHorizon"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bookingHorizon"/> is not positive.</exception>
    public Resource(AttendeeId id, string name, InvitePolicy? policy = null, StorageManager? manager = null, Duration? bookingHorizon = null)
        : base(id, name, policy ?? InvitePolicy.AcceptIfPossible, manager, bookingHorizon)
    {
    }

    /// <inheritdoc/>
    public override CalendarUserType Type => CalendarUserType.Resource;
}

/// <summary>A calendar user of unknown type (CUTYPE=UNKNOWN), answering manually by default.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class UnknownAttendee : Attendee
{
    /// <summary>Creates an attendee of unknown type.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">The invite policy; <see cref="InvitePolicy.Manual"/> when null.</param>
    /// <param name="manager">The manager the convenience methods use, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public UnknownAttendee(AttendeeId id, string name, InvitePolicy? policy = null, StorageManager? manager = null)
        : base(id, name, policy ?? InvitePolicy.Manual, manager)
    {
    }

    /// <inheritdoc/>
    public override CalendarUserType Type => CalendarUserType.Unknown;
}
