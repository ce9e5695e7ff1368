using System;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Attendees;

/// <summary>How a resource (a room, or equipment) answers bookings, as data: an automation setting and the limits a
/// booking must keep, modelled on Exchange's resource booking settings.</summary>
/// <remarks>
/// <para>A policy is a value, not code: the engine keeps it in its attendee directory and decides every booking from
/// it, inside the same atomic storage step as the write, so two concurrent bookings of one room for overlapping events
/// can never both be accepted. The decision belongs to the engine's booking gate; this type only says what to do.</para>
/// <list type="table">
/// <listheader><term>automation</term><description>what the resource answers</description></listheader>
/// <item><term><see cref="Manual"/></term><description>Nothing: the invitation stays NEEDS-ACTION until someone answers
/// for the resource (an answer of ACCEPTED still goes through the limits and the conflict check).</description></item>
/// <item><term><see cref="AlwaysAccept"/></term><description>ACCEPTED when the limits hold, without looking at other
/// bookings.</description></item>
/// <item><term><see cref="AcceptIfPossible"/></term><description>ACCEPTED when the limits hold and no other event that
/// blocks the resource's time overlaps the booking (for a series: any instance within the booking window); DECLINED,
/// with the conflicts or the limit, otherwise.</description></item>
/// <item><term><see cref="AcceptExceptConflicts"/></term><description>For a series: ACCEPTED, with each conflicting
/// instance declined on its own, unless more than <see cref="MaxConflicts"/> instances conflict, or more than
/// <see cref="MaxConflictFraction"/> of the checked instances (then the whole series is DECLINED), as Exchange and
/// Google Calendar rooms do. A single event is treated as <see cref="AcceptIfPossible"/> treats it.</description></item>
/// </list>
/// <para>The limits: <see cref="BookingWindow"/> (how far ahead, from now, an instance may start: 180 days by default,
/// Exchange's default; what happens to a recurring booking that goes on past it is <see cref="PastWindow"/>),
/// <see cref="MaximumDuration"/> (24 hours by default, Exchange's default; null for none), and
/// <see cref="AllowRecurring"/>. Customise a named policy with <c>with</c>:
/// <c>BookingPolicy.AcceptIfPossible with { BookingWindow = Duration.FromDays(90) }</c>. Invalid values are refused
/// when set, with an <see cref="ArgumentOutOfRangeException"/> naming the property.</para>
/// <para>An automatic policy (<see cref="IsAutomatic"/>) also answers again when the time of an event the resource is
/// on changes, as Google Calendar re-books a room for a moved meeting.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record BookingPolicy
{
    /// <summary>The default booking window: 180 days.</summary>
    public static readonly Duration DefaultBookingWindow = Duration.FromDays(180);

    /// <summary>The default maximum duration of one booked instance: 24 hours.</summary>
    public static readonly Duration DefaultMaximumDuration = Duration.FromHours(24);

    /// <summary>The longest booking window: ten years (3,653 days).</summary>
    public static readonly Duration MaxBookingWindow = Duration.FromDays(3653);

    private BookingPolicy(InviteAutomation automation) => Automation = automation;

    /// <summary>Gets the policy that leaves every invitation NEEDS-ACTION: someone answers for the resource.</summary>
    public static BookingPolicy Manual { get; } = new(InviteAutomation.Manual);

    /// <summary>Gets the policy that accepts every booking within the limits, without looking at other bookings.</summary>
    public static BookingPolicy AlwaysAccept { get; } = new(InviteAutomation.AlwaysAccept);

    /// <summary>Gets the policy that accepts a booking within the limits when the resource is free and declines, naming
    /// the conflicts or the limit, when not.</summary>
    public static BookingPolicy AcceptIfPossible { get; } = new(InviteAutomation.AcceptIfPossible);

    /// <summary>Creates the policy for recurring bookings that accepts a series and declines only the instances that
    /// conflict, unless too many conflict (see the type's remarks).</summary>
    /// <param name="maxConflicts">The most conflicting instances that may be declined one by one (0 or more).</param>
    /// <param name="maxConflictFraction">The largest fraction of the checked instances that may conflict (0 to 1).</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public static BookingPolicy AcceptExceptConflicts(int maxConflicts = 5, double maxConflictFraction = 1.0 / 3)
        => new(InviteAutomation.AcceptExceptConflicts) { MaxConflicts = maxConflicts, MaxConflictFraction = maxConflictFraction };

    /// <summary>Gets how the resource answers.</summary>
    /// <value>The automation setting.</value>
    public InviteAutomation Automation { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Automation), value, "Unknown automation."); }

    /// <summary>Gets, for <see cref="InviteAutomation.AcceptExceptConflicts"/>, the most conflicting instances that may be
    /// declined one by one.</summary>
    /// <value>0 or more; 0 by default (5 from <see cref="AcceptExceptConflicts"/>).</value>
    public int MaxConflicts
    {
        get;
        init
        {
            Preconditions.CheckArgumentRange(nameof(MaxConflicts), value, 0, int.MaxValue);
            field = value;
        }
    }

    /// <summary>Gets, for <see cref="InviteAutomation.AcceptExceptConflicts"/>, the largest fraction of checked instances
    /// that may conflict.</summary>
    /// <value>0 to 1; 0 by default (a third from <see cref="AcceptExceptConflicts"/>).</value>
    public double MaxConflictFraction
    {
        get;
        init => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxConflictFraction), value, "The fraction must be between 0 and 1.");
    }

    /// <summary>Gets how far ahead of now an instance may start to be booked.</summary>
    /// <value>More than zero and at most <see cref="MaxBookingWindow"/>; <see cref="DefaultBookingWindow"/> by default.</value>
    public Duration BookingWindow
    {
        get;
        init => field = value > Duration.Zero && value <= MaxBookingWindow ? value
            : throw new ArgumentOutOfRangeException(nameof(BookingWindow), value, "The booking window must be more than zero and at most ten years.");
    } = DefaultBookingWindow;

    /// <summary>Gets what happens to a recurring booking whose instances go on past <see cref="BookingWindow"/>.</summary>
    /// <value><see cref="BookingWindowAction.Truncate"/> by default.</value>
    public BookingWindowAction PastWindow
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(PastWindow), value, "Unknown action.");
    }

    /// <summary>Gets the longest an instance may last to be booked.</summary>
    /// <value>More than zero, or null for no limit; <see cref="DefaultMaximumDuration"/> by default.</value>
    public Duration? MaximumDuration
    {
        get;
        init => field = value is null || value > Duration.Zero ? value
            : throw new ArgumentOutOfRangeException(nameof(MaximumDuration), value, "The maximum duration must be more than zero (or null for none).");
    } = DefaultMaximumDuration;

    /// <summary>Gets a value indicating whether recurring bookings may be accepted.</summary>
    /// <value><see langword="true"/> by default.</value>
    public bool AllowRecurring { get; init; } = true;

    /// <summary>Gets a value indicating whether the policy answers by itself (every automation but
    /// <see cref="InviteAutomation.Manual"/>).</summary>
    /// <value><see langword="true"/> when automatic.</value>
    public bool IsAutomatic => Automation != InviteAutomation.Manual;

    /// <summary>Returns the policy's name and limits, e.g. <c>AcceptIfPossible (window 180 days, max 24:00:00, recurring, truncate)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        string name = Automation == InviteAutomation.AcceptExceptConflicts
            ? FormattableString.Invariant($"AcceptExceptConflicts({MaxConflicts}, {MaxConflictFraction:0.###})")
            : Automation.ToString();
        string max = MaximumDuration is { } m ? m.ToString("H:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "none";
        return FormattableString.Invariant(
            $"{name} (window {BookingWindow.TotalDays:0.###} days, max {max}, {(AllowRecurring ? "recurring" : "no recurring")}, {PastWindow.ToString().ToLowerInvariant()})");
    }
}
