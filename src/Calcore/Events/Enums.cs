namespace Calcore.Events;

/// <summary>The overall status of an event: RFC 5545 §3.8.1.11 (STATUS) for VEVENT.</summary>
public enum EventStatus
{
    /// <summary>CONFIRMED: the event is definite. The default.</summary>
    Confirmed = 0,

    /// <summary>TENTATIVE: the event is tentative; free/busy shows its time as busy-tentative.</summary>
    Tentative = 1,

    /// <summary>CANCELLED (the RFC spelling): the event is cancelled and blocks nobody's time.</summary>
    Cancelled = 2,
}

/// <summary>Whether an event blocks time: RFC 5545 §3.8.2.7 (TRANSP).</summary>
public enum Transparency
{
    /// <summary>OPAQUE: the event blocks its attendees' time. The default.</summary>
    Opaque = 0,

    /// <summary>TRANSPARENT: the event never blocks time.</summary>
    Transparent = 1,
}

/// <summary>The access classification of an event: RFC 5545 §3.8.1.3 (CLASS).</summary>
public enum AccessClass
{
    /// <summary>PUBLIC. The default.</summary>
    Public = 0,

    /// <summary>PRIVATE: details are for the attendees only.</summary>
    Private = 1,

    /// <summary>CONFIDENTIAL.</summary>
    Confidential = 2,
}

/// <summary>An attendee's answer to an invitation: RFC 5545 §3.2.12 (PARTSTAT) for VEVENT.</summary>
public enum ParticipationStatus
{
    /// <summary>NEEDS-ACTION: invited, no answer yet. The status of every new invitee.</summary>
    NeedsAction = 0,

    /// <summary>ACCEPTED. The organizer's status when an event is created.</summary>
    Accepted = 1,

    /// <summary>DECLINED: the event does not block this attendee's time.</summary>
    Declined = 2,

    /// <summary>TENTATIVE: free/busy shows the time as busy-tentative.</summary>
    Tentative = 3,

    /// <summary>DELEGATED: the attendee handed the invitation on; the event does not block their time.</summary>
    Delegated = 4,
}

/// <summary>An attendee's role in an event: RFC 5545 §3.2.16 (ROLE).</summary>
public enum ParticipationRole
{
    /// <summary>REQ-PARTICIPANT: required. The default for invitees and organizers.</summary>
    RequiredParticipant = 0,

    /// <summary>CHAIR: chairs the event.</summary>
    Chair = 1,

    /// <summary>OPT-PARTICIPANT: optional.</summary>
    OptionalParticipant = 2,

    /// <summary>NON-PARTICIPANT: copied for information only.</summary>
    NonParticipant = 3,
}
