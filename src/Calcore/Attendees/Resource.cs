using System;
using NodaTime;

namespace Calcore.Attendees;

/// <summary>A physical resource other than a room (CUTYPE=RESOURCE), booking itself when free by default.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class Resource : Attendee
{
    /// <summary>Creates a resource.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">The invite policy; <see cref="InvitePolicy.AcceptIfPossible"/> when null.</param>
    /// <param name="bookingHorizon">How far ahead an unbounded series is checked; <see cref="Attendee.DefaultBookingHorizon"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value, or <paramref name="bookingHorizon"/> is not positive.</exception>
    public Resource(AttendeeId id, string name, InvitePolicy? policy = null, Duration? bookingHorizon = null)
        : base(id, name, policy ?? InvitePolicy.AcceptIfPossible, bookingHorizon)
    {
    }

    /// <inheritdoc/>
    public override CalendarUserType Type => CalendarUserType.Resource;
}
