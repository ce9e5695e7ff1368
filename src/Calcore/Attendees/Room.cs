using System;

namespace Calcore.Attendees;

/// <summary>A room (CUTYPE=ROOM). By default a room books itself when it is free (<see cref="BookingPolicy.AcceptIfPossible"/>).</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class Room : Attendee
{
    /// <summary>Creates a room.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">The booking policy; <see cref="BookingPolicy.AcceptIfPossible"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value.</exception>
    public Room(AttendeeId id, string name, BookingPolicy? policy = null)
        : base(id, name, policy ?? BookingPolicy.AcceptIfPossible)
    {
    }

    /// <inheritdoc/>
    public override CalendarUserType Type => CalendarUserType.Room;
}
