using System.Collections.Generic;
using Calcore.Attendees;

namespace Calcore.Events;

/// <summary>What an invitation did: the new snapshot of the event and each invitee's outcome.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class InvitationResult
{
    internal InvitationResult(CalendarEvent @event, IReadOnlyList<InvitationOutcome> outcomes)
    {
        Event = @event;
        Outcomes = outcomes;
    }

    /// <summary>Gets the event after the invitation.</summary>
    public CalendarEvent Event { get; }

    /// <summary>Gets one outcome per distinct invitee, in the order they were given.</summary>
    public IReadOnlyList<InvitationOutcome> Outcomes { get; }
}

/// <summary>One invitee's outcome of an invitation.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class InvitationOutcome
{
    internal InvitationOutcome(AttendeeId attendeeId, bool wasAlreadyInvited, ParticipationStatus status, InviteDecision? decision)
    {
        AttendeeId = attendeeId;
        WasAlreadyInvited = wasAlreadyInvited;
        Status = status;
        Decision = decision;
    }

    /// <summary>Gets the invitee.</summary>
    public AttendeeId AttendeeId { get; }

    /// <summary>Gets a value indicating whether the invitee was already on the event (and so was left untouched).</summary>
    public bool WasAlreadyInvited { get; }

    /// <summary>Gets the invitee's participation status after the invitation.</summary>
    public ParticipationStatus Status { get; }

    /// <summary>Gets the invitee's policy decision, or null when the invitee was already on the event.</summary>
    public InviteDecision? Decision { get; }

    /// <summary>Gets the conflicts that made a policy decline (empty otherwise).</summary>
    public IReadOnlyList<EventConflict> Conflicts => Decision?.Conflicts ?? [];
}
