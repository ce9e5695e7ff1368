using System;

namespace Calcore.Attendees;

/// <summary>Thrown when an attendee id is unknown to a source.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class AttendeeNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="attendeeId">The unknown id.</param>
    public AttendeeNotFoundException(AttendeeId attendeeId)
        : base($"No attendee has the id '{attendeeId}'.")
    {
        AttendeeId = attendeeId;
    }

    /// <summary>Gets the unknown id.</summary>
    public AttendeeId AttendeeId { get; }
}
