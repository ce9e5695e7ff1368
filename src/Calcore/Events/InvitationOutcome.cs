using System.Collections.Generic;
using Calcore.Attendees;

namespace Calcore.Events;

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

    /// <summary>Describes the outcome, e.g. <c>room1: ACCEPTED</c> or <c>room1: DECLINED (Declined: conflicts with …)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
        => WasAlreadyInvited ? $"{AttendeeId}: already invited ({Status})" : Decision?.Reason is { } reason ? $"{AttendeeId}: {Status} ({reason})" : $"{AttendeeId}: {Status}";
}
