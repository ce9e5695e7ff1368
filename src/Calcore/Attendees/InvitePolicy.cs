using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Events;
using Calcore.Internal;

namespace Calcore.Attendees;

/// <summary>Answers an invitation on an attendee's behalf, at the moment the attendee is invited.</summary>
/// <remarks>
/// <para>The <see cref="StorageManager"/> runs the invitee's policy inside the same atomic storage step as the
/// invitation itself, with the invitee's bookings locked (DESIGN.md "Rooms decide at once"). So a policy that
/// checks for conflicts sees every booking committed before it, and two concurrent invitations of one room to
/// overlapping events can never both be accepted, whatever the storage.</para>
/// <para>The named policies are <see cref="Manual"/>, <see cref="AlwaysAccept"/> and <see cref="AcceptIfPossible"/>.
/// (They sit on this type rather than in <c>Calcore.Scheduling</c> because attendees carry a policy and the
/// attendee layer may not depend on the layers above it.) Applications may derive their own; a derived policy
/// must be immutable and thread-safe, must not call back into the manager (it runs inside a storage
/// transaction), and should only use the <see cref="InviteContext"/> it is given.</para>
/// <para>The manager also re-runs an automatic policy (one whose <see cref="IsAutomatic"/> is true) when the time
/// of an event the attendee is on changes, as Google Calendar re-books a room for a moved meeting.</para>
/// <para>Implementations must be immutable and thread-safe.</para>
/// </remarks>
public abstract class InvitePolicy
{
    /// <summary>Initializes a policy.</summary>
    /// <param name="name">The policy's name, for diagnostics.</param>
    /// <param name="isAutomatic">Whether the policy answers by itself (true) or leaves the answer to the attendee (false).</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    protected InvitePolicy(string name, bool isAutomatic)
    {
        Name = Preconditions.CheckNotNull(name);
        IsAutomatic = isAutomatic;
    }

    /// <summary>Gets a policy that leaves every invitation NEEDS-ACTION: the attendee answers themselves.</summary>
    public static InvitePolicy Manual { get; } = new ManualPolicy();

    /// <summary>Gets a policy that accepts every invitation, without looking at other bookings.</summary>
    public static InvitePolicy AlwaysAccept { get; } = new AlwaysAcceptPolicy();

    /// <summary>Gets a policy that accepts when the attendee is free and declines, naming the conflicts, when not.</summary>
    /// <remarks>
    /// The attendee is free when no other event that blocks its time overlaps the event (DESIGN.md "What blocks
    /// time": an event blocks an attendee unless it is transparent, cancelled, or the attendee declined or
    /// delegated it). The decline carries every conflicting event and the overlapping period.
    /// </remarks>
    public static InvitePolicy AcceptIfPossible { get; } = new AcceptIfPossiblePolicy();

    /// <summary>Gets the policy's name.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether the policy answers by itself.</summary>
    public bool IsAutomatic { get; }

    /// <summary>Decides how the invitee answers.</summary>
    /// <param name="context">The invitation: the event, the invitee, and a way to find the invitee's conflicts.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The answer.</returns>
    public abstract ValueTask<InviteDecision> DecideAsync(InviteContext context, CancellationToken cancellationToken);

    /// <summary>Returns the policy's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    private sealed class ManualPolicy() : InvitePolicy("Manual", isAutomatic: false)
    {
        public override ValueTask<InviteDecision> DecideAsync(InviteContext context, CancellationToken cancellationToken)
            => ValueTask.FromResult(InviteDecision.NoAnswer);
    }

    private sealed class AlwaysAcceptPolicy() : InvitePolicy("AlwaysAccept", isAutomatic: true)
    {
        public override ValueTask<InviteDecision> DecideAsync(InviteContext context, CancellationToken cancellationToken)
            => ValueTask.FromResult(InviteDecision.Accept);
    }

    private sealed class AcceptIfPossiblePolicy() : InvitePolicy("AcceptIfPossible", isAutomatic: true)
    {
        public override async ValueTask<InviteDecision> DecideAsync(InviteContext context, CancellationToken cancellationToken)
        {
            Preconditions.CheckNotNull(context);
            IReadOnlyList<EventConflict> conflicts = await context.FindConflictsAsync(cancellationToken).ConfigureAwait(false);
            return conflicts.Count == 0 ? InviteDecision.Accept : InviteDecision.Decline(conflicts);
        }
    }
}

/// <summary>What an invite policy sees: the event, the invitee, and the invitee's other bookings.</summary>
/// <remarks>
/// The <see cref="StorageManager"/> provides the implementation; it is valid only during
/// <see cref="InvitePolicy.DecideAsync"/>. Not thread-safe: a policy uses it from one flow only.
/// </remarks>
public abstract class InviteContext
{
    /// <summary>Initializes the context.</summary>
    /// <param name="event">The event as it will be stored, with the invitee NEEDS-ACTION on it.</param>
    /// <param name="invitee">The invitee.</param>
    private protected InviteContext(CalendarEvent @event, Attendee invitee)
    {
        Event = @event;
        Invitee = invitee;
    }

    /// <summary>Gets the event the invitee is invited to, as it will be stored.</summary>
    public CalendarEvent Event { get; }

    /// <summary>Gets the invitee.</summary>
    public Attendee Invitee { get; }

    /// <summary>Finds the other events that block the invitee's time and overlap the event.</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The conflicts, ordered by start; empty when the invitee is free.</returns>
    public abstract ValueTask<IReadOnlyList<EventConflict>> FindConflictsAsync(CancellationToken cancellationToken);
}

/// <summary>An invite policy's answer: the invitee's new status and, for a decline, why.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class InviteDecision
{
    private InviteDecision(ParticipationStatus status, IReadOnlyList<EventConflict> conflicts, string? reason)
    {
        Status = status;
        Conflicts = conflicts;
        Reason = reason;
    }

    /// <summary>Gets the decision to leave the invitation unanswered (NEEDS-ACTION).</summary>
    public static InviteDecision NoAnswer { get; } = new(ParticipationStatus.NeedsAction, [], null);

    /// <summary>Gets the decision to accept.</summary>
    public static InviteDecision Accept { get; } = new(ParticipationStatus.Accepted, [], null);

    /// <summary>Gets the decision to accept tentatively.</summary>
    public static InviteDecision Tentative { get; } = new(ParticipationStatus.Tentative, [], null);

    /// <summary>Gets the invitee's new participation status.</summary>
    public ParticipationStatus Status { get; }

    /// <summary>Gets the conflicts that caused a decline (empty otherwise).</summary>
    public IReadOnlyList<EventConflict> Conflicts { get; }

    /// <summary>Gets a human-readable reason, or null.</summary>
    public string? Reason { get; }

    /// <summary>Creates a decline because of conflicts.</summary>
    /// <param name="conflicts">The conflicting bookings.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="conflicts"/> is null.</exception>
    public static InviteDecision Decline(IReadOnlyList<EventConflict> conflicts)
    {
        Preconditions.CheckNotNull(conflicts);
        string reason = conflicts.Count == 0
            ? "Declined."
            : $"Declined: conflicts with {conflicts.Count} booking{(conflicts.Count == 1 ? "" : "s")} ({string.Join(", ", Describe(conflicts))}).";
        return new InviteDecision(ParticipationStatus.Declined, [.. conflicts], reason);
    }

    /// <summary>Creates a decline with a reason and no conflicts.</summary>
    /// <param name="reason">Why the invitee declines.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reason"/> is null.</exception>
    public static InviteDecision Decline(string reason)
        => new(ParticipationStatus.Declined, [], Preconditions.CheckNotNull(reason));

    private static IEnumerable<string> Describe(IReadOnlyList<EventConflict> conflicts)
    {
        for (int i = 0; i < conflicts.Count && i < 5; i++)
        {
            yield return conflicts[i].ToString();
        }
        if (conflicts.Count > 5)
        {
            yield return "…";
        }
    }
}
