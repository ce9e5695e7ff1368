namespace Calcore.Events;

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
