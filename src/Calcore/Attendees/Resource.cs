using System;

namespace Calcore.Attendees;

/// <summary>A physical resource other than a room (CUTYPE=RESOURCE), booking itself when free by default.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class Resource : Attendee
{
    /// <summary>Creates a resource.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">The booking policy; <see cref="BookingPolicy.AcceptIfPossible"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value.</exception>
    public Resource(AttendeeId id, string name, BookingPolicy? policy = null)
        : base(id, name, policy ?? BookingPolicy.AcceptIfPossible)
    {
    }

    /// <inheritdoc/>
    public override CalendarUserType Type => CalendarUserType.Resource;
}
