using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Calcore.Internal;

namespace Calcore.Events;

/// <summary>A booking policy's answer: the invitee's new status and, for a decline, why.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class InviteDecision
{
    private InviteDecision(ParticipationStatus status, IReadOnlyList<EventConflict> conflicts, string? reason, IReadOnlyList<OriginalStart>? declinedInstances = null,
        NodaTime.Instant? effectiveEnd = null)
    {
        Status = status;
        Conflicts = conflicts;
        Reason = reason;
        DeclinedInstances = declinedInstances ?? [];
        EffectiveEnd = effectiveEnd;
    }

    /// <summary>Gets, for a recurring booking accepted only up to the end of the resource's booking window, that end:
    /// the resource's commitment ends there (<see cref="Commitment.EffectiveEnd"/>), and later instances show it as not
    /// booked until the booking is extended. Null when the whole booking was decided.</summary>
    /// <value>The end, or null.</value>
    public NodaTime.Instant? EffectiveEnd { get; }

    /// <summary>This acceptance limited to the instances that start before a point (the end of the booking window).</summary>
    internal InviteDecision Until(NodaTime.Instant end)
        => new(Status, Conflicts, (Reason is null ? "Accepted" : Reason.TrimEnd('.'))
            + FormattableString.Invariant($" up to the end of the booking window ({end:uuuu-MM-dd'T'HH:mm'Z'}); later instances are not booked until the booking is extended."),
            DeclinedInstances, end);

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
    /// <exception cref="ArgumentException"><paramref name="conflicts"/> contains a null element.</exception>
    public static InviteDecision AcceptExcept(IReadOnlyList<OriginalStart> declinedInstances, IReadOnlyList<EventConflict> conflicts)
    {
        Preconditions.CheckNotNull(declinedInstances);
        CheckNoNullElement(conflicts);
        string reason = FormattableString.Invariant($"Accepted, except {declinedInstances.Count} conflicting instance{(declinedInstances.Count == 1 ? "" : "s")} ({string.Join(", ", declinedInstances)}).");
        return new InviteDecision(ParticipationStatus.Accepted, [.. conflicts], reason, [.. declinedInstances]);
    }

    /// <summary>Creates a decline because of conflicts.</summary>
    /// <param name="conflicts">The conflicting bookings.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="conflicts"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="conflicts"/> contains a null element.</exception>
    public static InviteDecision Decline(IReadOnlyList<EventConflict> conflicts)
    {
        CheckNoNullElement(conflicts);
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

    private static void CheckNoNullElement(IReadOnlyList<EventConflict> conflicts, [CallerArgumentExpression(nameof(conflicts))] string? paramName = null)
    {
        Preconditions.CheckNotNull(conflicts, paramName);
        for (int i = 0; i < conflicts.Count; i++)
        {
            Preconditions.CheckArgument(conflicts[i] is not null, paramName ?? nameof(conflicts), FormattableString.Invariant($"The conflict at index {i} is null."));
        }
    }

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

    /// <summary>Returns the status and, when there is one, the reason.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Reason is null ? Status.ToString() : $"{Status} ({Reason})";
}
