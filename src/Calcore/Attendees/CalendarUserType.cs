namespace Calcore.Attendees;

/// <summary>The kind of calendar user an attendee is: RFC 5545 §3.2.3 (CUTYPE).</summary>
public enum CalendarUserType
{
    /// <summary>INDIVIDUAL: a person. The default.</summary>
    Individual = 0,

    /// <summary>GROUP: a group of people.</summary>
    Group = 1,

    /// <summary>RESOURCE: a physical resource other than a room (a projector, a car).</summary>
    Resource = 2,

    /// <summary>ROOM: a room or other place.</summary>
    Room = 3,

    /// <summary>UNKNOWN: the type is not known.</summary>
    Unknown = 4,
}
