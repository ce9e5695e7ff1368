using System.Collections.Generic;

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

    /// <summary>Describes the result: the event and each invitee's outcome.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Event}: {string.Join("; ", Outcomes)}";
}
