using System;

namespace Calcore.Attendees;

/// <summary>A calendar user of unknown type (CUTYPE=UNKNOWN), answering manually by default.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class UnknownAttendee : Attendee
{
    /// <summary>Creates an attendee of unknown type.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">The booking policy; <see cref="BookingPolicy.Manual"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value.</exception>
    public UnknownAttendee(AttendeeId id, string name, BookingPolicy? policy = null)
        : base(id, name, policy ?? BookingPolicy.Manual)
    {
    }

    /// <inheritdoc/>
    public override CalendarUserType Type => CalendarUserType.Unknown;
}
