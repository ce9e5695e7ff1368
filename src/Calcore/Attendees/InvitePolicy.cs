using System;
using Calcore.Internal;

namespace Calcore.Attendees;

/// <summary>How an attendee answers invitations, as data: an automation setting and, for recurring bookings, how many
/// conflicting instances may be declined one by one.</summary>
/// <remarks>
/// <para>A policy is a value, not code: the engine keeps it with the attendee and decides every booking from it, inside
/// the same atomic storage step as the write, so two concurrent invitations of one room to overlapping events can never
/// both be accepted. The decision itself belongs to the engine's scheduling layer; this type only says what to do.</para>
/// <list type="table">
/// <listheader><term>policy</term><description>what the attendee answers</description></listheader>
/// <item><term><see cref="Manual"/></term><description>Nothing: the invitation stays NEEDS-ACTION.</description></item>
/// <item><term><see cref="AlwaysAccept"/></term><description>ACCEPTED, without looking at other bookings.</description></item>
/// <item><term><see cref="AcceptIfPossible"/></term><description>ACCEPTED when no other event that blocks the attendee's
/// time overlaps the event (for a series: any of its instances within the booking horizon); DECLINED, with the
/// conflicts, otherwise. An event blocks an attendee's time unless it is transparent, cancelled, or the attendee
/// declined or delegated it.</description></item>
/// <item><term><see cref="AcceptExceptConflicts"/></term><description>For a series: ACCEPTED, with each conflicting
/// instance declined on its own, unless more than <see cref="MaxConflicts"/> instances conflict, or more than
/// <see cref="MaxConflictFraction"/> of the checked instances, in which case the whole series is DECLINED (as Exchange
/// and Google Calendar rooms do). A single event is treated as <see cref="AcceptIfPossible"/> treats it.</description></item>
/// </list>
/// <para>An automatic policy (<see cref="IsAutomatic"/>) also answers again when the time of an event the attendee is
/// on changes, as Google Calendar re-books a room for a moved meeting.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class InvitePolicy : IEquatable<InvitePolicy>
{
    private InvitePolicy(InviteAutomation automation, int maxConflicts, double maxConflictFraction)
    {
        Automation = automation;
        MaxConflicts = maxConflicts;
        MaxConflictFraction = maxConflictFraction;
    }

    /// <summary>Gets the policy that leaves every invitation NEEDS-ACTION: the attendee answers themselves.</summary>
    public static InvitePolicy Manual { get; } = new(InviteAutomation.Manual, 0, 0);

    /// <summary>Gets the policy that accepts every invitation, without looking at other bookings.</summary>
    public static InvitePolicy AlwaysAccept { get; } = new(InviteAutomation.AlwaysAccept, 0, 0);

    /// <summary>Gets the policy that accepts when the attendee is free and declines, naming the conflicts, when not.</summary>
    public static InvitePolicy AcceptIfPossible { get; } = new(InviteAutomation.AcceptIfPossible, 0, 0);

    /// <summary>Creates the policy for recurring bookings that accepts a series and declines only the instances that
    /// conflict, unless too many conflict (see the type's remarks).</summary>
    /// <param name="maxConflicts">The most conflicting instances that may be declined one by one; at least 0.</param>
    /// <param name="maxConflictFraction">The largest fraction of checked instances that may conflict, in [0, 1].</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public static InvitePolicy AcceptExceptConflicts(int maxConflicts = 5, double maxConflictFraction = 1.0 / 3)
    {
        Preconditions.CheckArgumentRange(nameof(maxConflicts), maxConflicts, 0, int.MaxValue);
        if (!(maxConflictFraction >= 0 && maxConflictFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxConflictFraction), maxConflictFraction, "The fraction must be between 0 and 1.");
        }
        return new InvitePolicy(InviteAutomation.AcceptExceptConflicts, maxConflicts, maxConflictFraction);
    }

    /// <summary>Gets how the attendee answers.</summary>
    public InviteAutomation Automation { get; }

    /// <summary>Gets, for <see cref="InviteAutomation.AcceptExceptConflicts"/>, the most conflicting instances that may be
    /// declined one by one (0 otherwise).</summary>
    public int MaxConflicts { get; }

    /// <summary>Gets, for <see cref="InviteAutomation.AcceptExceptConflicts"/>, the largest fraction of checked instances
    /// that may conflict (0 otherwise).</summary>
    public double MaxConflictFraction { get; }

    /// <summary>Gets a value indicating whether the policy answers by itself (every automation but
    /// <see cref="InviteAutomation.Manual"/>).</summary>
    public bool IsAutomatic => Automation != InviteAutomation.Manual;

    /// <inheritdoc/>
    public bool Equals(InvitePolicy? other)
        => other is not null && Automation == other.Automation && MaxConflicts == other.MaxConflicts && MaxConflictFraction.Equals(other.MaxConflictFraction);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as InvitePolicy);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Automation, MaxConflicts, MaxConflictFraction);

    /// <summary>Returns the policy's name, e.g. <c>AcceptIfPossible</c> or <c>AcceptExceptConflicts(5, 0.333)</c>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Automation == InviteAutomation.AcceptExceptConflicts
        ? FormattableString.Invariant($"AcceptExceptConflicts({MaxConflicts}, {MaxConflictFraction:0.###})")
        : Automation.ToString();
}
