using System;

namespace Calcore.Attendees;

/// <summary>A person (CUTYPE=INDIVIDUAL). By default a person answers invitations themselves (<see cref="BookingPolicy.Manual"/>).</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class Individual : Attendee
{
    /// <summary>Creates a person.</summary>
    /// <param name="id">The id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="policy">The booking policy; <see cref="BookingPolicy.Manual"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value.</exception>
    public Individual(AttendeeId id, string name, BookingPolicy? policy = null)
        : base(id, name, policy ?? BookingPolicy.Manual)
    {
    }

    /// <inheritdoc/>
    public override CalendarUserType Type => CalendarUserType.Individual;
}
