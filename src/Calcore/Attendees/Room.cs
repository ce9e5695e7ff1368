using System;
using NodaTime;

namespace Calcore.Attendees;

/// <summary>A room (CUTYPE=ROOM). By default a room books itself when it is free (<see cref="InvitePolicy.AcceptIfPossible"/>).</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class Room : Attendee
{
    /// <summary>Creates a room.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">The invite policy; <see cref="InvitePolicy.AcceptIfPossible"/> when null.</param>
    /// <param name="bookingHorizon">How far ahead an unbounded series is checked; <see cref="Attendee.DefaultBookingHorizon"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value, or <paramref name="bookingHorizon"/> is not positive.</exception>
    public Room(AttendeeId id, string name, InvitePolicy? policy = null, Duration? bookingHorizon = null)
        : base(id, name, policy ?? InvitePolicy.AcceptIfPossible, bookingHorizon)
    {
    }

    /// <inheritdoc/>
    public override CalendarUserType Type => CalendarUserType.Room;
}
