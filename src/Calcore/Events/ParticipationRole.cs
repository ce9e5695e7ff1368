namespace Calcore.Events;

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
