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

    /// <summary>Creates a policy for recurring bookings that accepts a series and declines only the instances that
    /// conflict, unless too many conflict, in which case it declines the whole series (as Exchange and Google
    /// Calendar rooms do).</summary>
    /// <remarks>
    /// A single event is treated as <see cref="AcceptIfPossible"/> treats it. For a series, the instances within the
    /// invitee's <see cref="Attendee.BookingHorizon"/> are checked; when more than <paramref name="maxConflicts"/>
    /// instances conflict, or more than <paramref name="maxConflictFraction"/> of the checked instances, the whole
    /// series is declined; otherwise the series is accepted and each conflicting instance is declined on its own.
    /// </remarks>
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
        return new AcceptExceptConflictsPolicy(maxConflicts, maxConflictFraction);
    }

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

    private sealed class AcceptExceptConflictsPolicy(int maxConflicts, double maxConflictFraction)
        : InvitePolicy(FormattableString.Invariant($"AcceptExceptConflicts({maxConflicts}, {maxConflictFraction:0.###})"), isAutomatic: true)
    {
        public override async ValueTask<InviteDecision> DecideAsync(InviteContext context, CancellationToken cancellationToken)
        {
            Preconditions.CheckNotNull(context);
            ConflictAnalysis analysis = await context.AnalyzeConflictsAsync(cancellationToken).ConfigureAwait(false);
            if (analysis.Conflicts.Count == 0)
            {
                return InviteDecision.Accept;
            }
            int conflicting = analysis.ConflictingInstances.Count;
            if (!context.Event.IsRecurring || conflicting > maxConflicts || conflicting > maxConflictFraction * analysis.CheckedInstances)
            {
                return InviteDecision.Decline(analysis.Conflicts);
            }
            return InviteDecision.AcceptExcept(analysis.ConflictingInstances, analysis.Conflicts);
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

    /// <summary>Finds the other events that block the invitee's time and overlap the event (for a series, any of its
    /// instances within the invitee's booking horizon).</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The conflicts, ordered by start; empty when the invitee is free.</returns>
    public async ValueTask<IReadOnlyList<EventConflict>> FindConflictsAsync(CancellationToken cancellationToken)
        => (await AnalyzeConflictsAsync(cancellationToken).ConfigureAwait(false)).Conflicts;

    /// <summary>Checks the event (every instance of a series within the invitee's booking horizon) against everything
    /// that already blocks the invitee's time, series included.</summary>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The conflicts, the instances that conflict, and how many instances were checked.</returns>
    public abstract ValueTask<ConflictAnalysis> AnalyzeConflictsAsync(CancellationToken cancellationToken);
}

/// <summary>The result of checking an event against an invitee's bookings.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class ConflictAnalysis
{
    /// <summary>Creates an analysis.</summary>
    /// <param name="conflicts">Every conflicting booking, ordered by start.</param>
    /// <param name="conflictingInstances">The instances of the invited series that conflict (empty for a single event).</param>
    /// <param name="checkedInstances">How many instances were checked (1 for a single event).</param>
    /// <exception cref="ArgumentNullException">A list is null.</exception>
    public ConflictAnalysis(IReadOnlyList<EventConflict> conflicts, IReadOnlyList<OriginalStart> conflictingInstances, int checkedInstances)
    {
        Conflicts = Preconditions.CheckNotNull(conflicts);
        ConflictingInstances = Preconditions.CheckNotNull(conflictingInstances);
        CheckedInstances = checkedInstances;
    }

    /// <summary>Gets every conflicting booking, ordered by start.</summary>
    public IReadOnlyList<EventConflict> Conflicts { get; }

    /// <summary>Gets the instances of the invited series that conflict, ordered (empty for a single event).</summary>
    public IReadOnlyList<OriginalStart> ConflictingInstances { get; }

    /// <summary>Gets how many instances were checked (1 for a single event).</summary>
    public int CheckedInstances { get; }
}

/// <summary>An invite policy's answer: the invitee's new status and, for a decline, why.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class InviteDecision
{
    private InviteDecision(ParticipationStatus status, IReadOnlyList<EventConflict> conflicts, string? reason, IReadOnlyList<OriginalStart>? declinedInstances = null)
    {
        Status = status;
        Conflicts = conflicts;
        Reason = reason;
        DeclinedInstances = declinedInstances ?? [];
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

    /// <summary>Gets the instances of a series declined one by one while the series itself is accepted (empty otherwise).</summary>
    public IReadOnlyList<OriginalStart> DeclinedInstances { get; }

    /// <summary>Creates an acceptance of a series that declines some of its instances.</summary>
    /// <param name="declinedInstances">The instances to decline.</param>
    /// <param name="conflicts">The conflicts that caused them.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException">A list is null.</exception>
    public static InviteDecision AcceptExcept(IReadOnlyList<OriginalStart> declinedInstances, IReadOnlyList<EventConflict> conflicts)
    {
        Preconditions.CheckNotNull(declinedInstances);
        Preconditions.CheckNotNull(conflicts);
        string reason = FormattableString.Invariant($"Accepted, except {declinedInstances.Count} conflicting instance{(declinedInstances.Count == 1 ? "" : "s")} ({string.Join(", ", declinedInstances)}).");
        return new InviteDecision(ParticipationStatus.Accepted, [.. conflicts], reason, [.. declinedInstances]);
    }

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
