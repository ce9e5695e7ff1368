using System;
using Calcore.Internal;

namespace Calcore.Attendees;

/// <summary>Someone or something that can be invited to an event: a person, a room, a group, a resource.</summary>
/// <remarks>
/// <para>An attendee is plain data: an id, a display name, a calendar-user type (RFC 5545 CUTYPE), the
/// <see cref="BookingPolicy"/> that answers bookings on its behalf (with its limits, such as the booking window). The concrete kinds are <see cref="Individual"/>, <see cref="Room"/>, <see cref="Group"/>,
/// <see cref="Resource"/> and <see cref="UnknownAttendee"/>. Two attendees are equal when their ids and types are
/// equal.</para>
/// <para>An attendee holds no reference to an engine. Operations are calls on the engine that take the attendee's
/// <see cref="Id"/>; the engine reads the type and policy from its own attendee sources, never from an object a caller
/// passes.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public abstract class Attendee : IEquatable<Attendee>
{
    private protected Attendee(AttendeeId id, string name, BookingPolicy policy)
    {
        Preconditions.CheckArgument(id.Value.Length > 0, nameof(id), "The attendee id must not be the default value.");
        Id = id;
        Name = Preconditions.CheckNotNull(name);
        Policy = Preconditions.CheckNotNull(policy);
    }

    /// <summary>Gets the attendee's id.</summary>
    public AttendeeId Id { get; }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the calendar-user type (RFC 5545 §3.2.3, CUTYPE).</summary>
    public abstract CalendarUserType Type { get; }

    /// <summary>Gets the policy that answers invitations for this attendee.</summary>
    public BookingPolicy Policy { get; }

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
