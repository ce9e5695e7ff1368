namespace Calcore.Attendees;

/// <summary>What a resource's policy does with a recurring booking whose instances go on past its booking window
/// (Exchange's "enforce scheduling horizon" setting).</summary>
public enum BookingWindowAction
{
    /// <summary>Accepts the instances within the window: the resource's commitment ends at the window's end, and later
    /// instances show the resource as not booked, with that reason, until the booking is extended.</summary>
    Truncate = 0,

    /// <summary>Declines the whole booking.</summary>
    Decline = 1,
}
