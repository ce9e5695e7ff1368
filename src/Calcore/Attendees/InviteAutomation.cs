namespace Calcore.Attendees;

/// <summary>How an attendee answers invitations: by itself, or left to the attendee (the automation setting of
/// Exchange's resource booking, in Calcore's words).</summary>
public enum InviteAutomation
{
    /// <summary>Leaves every invitation NEEDS-ACTION: the attendee answers themselves.</summary>
    Manual = 0,

    /// <summary>Accepts every invitation without looking at other bookings.</summary>
    AlwaysAccept = 1,

    /// <summary>Accepts when the attendee is free; declines, naming the conflicts, when not.</summary>
    AcceptIfPossible = 2,

    /// <summary>Accepts a series and declines only its conflicting instances, unless too many conflict.</summary>
    AcceptExceptConflicts = 3,
}
