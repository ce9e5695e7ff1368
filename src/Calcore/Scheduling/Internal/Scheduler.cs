using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Attendees.Internal;
using Calcore.Events;
using Calcore.Events.Internal;
using Calcore.Internal;
using Calcore.Storage;
using Calcore.Storage.Internal;
using NodaTime;

namespace Calcore.Scheduling.Internal;

/// <summary>Every rule about who may be booked when: booking policies and their decisions, conflict analysis, re-booking
/// after a move, free/busy and free time.</summary>
/// <remarks>
/// <para>The engine's front opens the unit of work and hands its transaction here, so a decision reads what is booked
/// inside the same atomic step as the write that records it. The attendee's type and policy always come from the
/// engine's attendee directory, never from an object a caller passed.</para>
/// <para>Work bound: checking one attendee against an event expands the event's instances within the attendee's
/// booking horizon (the whole series when it is bounded) and the attendee's bookings in that range once, then sweeps
/// both sorted lists; free/busy expands each attendee's bookings in the window once.</para>
/// <para><b>The booking gate.</b> <see cref="DecideAsync"/> is the one place that decides whether a room, a resource or
/// an attendee with an automatic policy is booked; every path to ACCEPTED goes through it (invitation, an answer set
/// for the attendee, a move of an event, instance, series or split half, a restored instance, an extension). Paths
/// still to come must plug in here too, inside their unit of work: commitment batches (the OSID seed) call
/// <see cref="InviteAsync"/>/<see cref="AnswerAsync"/> per resource commitment, and iCalendar imports do the same for
/// ATTENDEE lines that name a room or resource; neither may write an ACCEPTED resource commitment itself.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
internal sealed class Scheduler(IStorage storage, AttendeeDirectory directory, DateTimeZone zone, IClock clock, int maxInstancesPerBooking = Scheduler.DefaultMaxInstancesPerBooking)
{
    /// <summary>The most instances of one booking the gate checks by default: 5,000 (a daily series for 13 years, an
    /// hourly one for seven months).</summary>
    internal const int DefaultMaxInstancesPerBooking = 5000;

    /// <summary>Whether the gate decides this attendee's bookings: rooms and resources always (their type from the
    /// directory), and any attendee whose policy answers by itself.</summary>
    internal static bool IsGated(Attendee attendee)
        => attendee.Type is CalendarUserType.Room or CalendarUserType.Resource || attendee.Policy.IsAutomatic;

    /// <summary>The span of an event on the time line, as storage indexes it.</summary>
    internal Interval SpanOf(CalendarEvent e) => StoredSeries.SpanOf(e, zone);

    // ------------------------------------------------------------------------------------------------------------
    // Free/busy and free time
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>Each attendee's busy periods in a bounded window.</summary>
    internal async Task<FreeBusy> GetFreeBusyAsync(IReadOnlyList<AttendeeId> attendees, Interval window, CancellationToken cancellationToken)
    {
        var answers = new List<AttendeeBusy>(attendees.Count);
        foreach (AttendeeId id in attendees)
        {
            IReadOnlyList<CalendarEvent> events = await storage.QueryEventsAsync(new EventQuery { Window = window, Attendee = id }, cancellationToken).ConfigureAwait(false);
            var periods = new List<BusyPeriod>();
            foreach (CalendarEvent e in events)
            {
                foreach (Block block in Blocks(e, id, window))
                {
                    if (BusyCalculator.Clip(block.Period, window) is { } clipped)
                    {
                        periods.Add(new BusyPeriod(clipped, block.Type));
                    }
                }
            }
            answers.Add(new AttendeeBusy(id, BusyCalculator.Combine(periods)));
        }
        return new FreeBusy(window, answers);
    }

    /// <summary>The periods inside each day's working hours in which every attendee is free, of at least a minimum length.</summary>
    internal async Task<IReadOnlyList<Interval>> FindFreePeriodsAsync(IReadOnlyList<AttendeeId> attendees, Interval window, WorkingHours workingHours,
        Duration minimum, CancellationToken cancellationToken)
    {
        FreeBusy freeBusy = await GetFreeBusyAsync(attendees, window, cancellationToken).ConfigureAwait(false);
        List<Interval> blocked = BusyCalculator.Merge([.. freeBusy.GetMergedPeriods().Select(p => p.Period)]);
        List<Interval> working = BusyCalculator.WorkingPeriods(window, workingHours, zone);
        return [.. BusyCalculator.Subtract(working, blocked).Where(i => i.Duration >= minimum && i.Duration > Duration.Zero)];
    }

    // ------------------------------------------------------------------------------------------------------------
    // Conflicts and decisions
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>Checks a proposed event for one attendee, outside any unit of work (a snapshot answer).</summary>
    internal async Task<ConflictAnalysis> FindConflictsAsync(AttendeeId attendeeId, EventDetails candidate, CancellationToken cancellationToken)
    {
        Attendee attendee = await directory.ResolveAsync(attendeeId, cancellationToken).ConfigureAwait(false);
        CalendarEvent proposed = CalendarEvent.CreateNew(new EventId("proposed-" + Guid.NewGuid().ToString("N")), candidate, [], clock.GetCurrentInstant());
        return await AnalyzeAsync(null, proposed, attendee, clock.GetCurrentInstant(), null, null, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException(FormattableString.Invariant(
                $"The candidate has more than {maxInstancesPerBooking} instances to check for '{attendeeId}' (the engine's limit per booking)."), nameof(candidate));
    }

    /// <summary>Computes, before the write's unit of work, the candidate instances the gate will check for the gated
    /// attendees among <paramref name="attendees"/> on an event as read outside the unit of work (each limited by the
    /// limit per booking), and the clock reading the decision will use. The unit of work then holds the lock only for
    /// the check against what is booked; it computes the candidates again only when the event changed in between, or
    /// the attendee's booking window did.</summary>
    internal async Task<CandidatePlan> PlanAsync(CalendarEvent e, IEnumerable<AttendeeId> attendees, CancellationToken cancellationToken)
    {
        var plan = new CandidatePlan(e.Id, e.Version, clock.GetCurrentInstant());
        foreach (AttendeeId id in attendees)
        {
            if (await directory.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } attendee && IsGated(attendee) && !plan.Has(attendee.Policy.BookingWindow))
            {
                Instant windowEnd = plan.Now + attendee.Policy.BookingWindow;
                plan.Add(attendee.Policy.BookingWindow, Wanted(e, attendee, plan.Now, windowEnd), GoesPastWindow(e, windowEnd));
            }
        }
        return plan;
    }

    /// <summary>Invites attendees to an event read inside <paramref name="tx"/>: each new one is added NEEDS-ACTION and
    /// answers through its policy. Returns null for the event when nobody new was invited (nothing to write).</summary>
    internal async Task<(CalendarEvent? Next, IReadOnlyList<InvitationOutcome> Outcomes)> InviteAsync(IStorageTransaction tx, CalendarEvent current,
        IReadOnlyList<AttendeeId> invitees, CandidatePlan? plan, CancellationToken cancellationToken)
    {
        plan = plan?.For(current);
        var commitments = current.Commitments.ToBuilder();
        var added = new List<Attendee>();
        foreach (AttendeeId id in invitees)
        {
            if (!current.HasAttendee(id))
            {
                Attendee attendee = await directory.ResolveForBookingAsync(tx, id, cancellationToken).ConfigureAwait(false);
                added.Add(attendee);
                commitments.Add(Commitment.CreateNew(id, attendee.Type, ParticipationStatus.NeedsAction));
            }
        }
        if (added.Count == 0)
        {
            return (null, [.. invitees.Select(id => Unchanged(current, id))]);
        }
        CalendarEvent next = current.Next(current.Details, commitments.ToImmutable(), clock.GetCurrentInstant());
        var decisions = new Dictionary<AttendeeId, InviteDecision>();
        foreach (Attendee attendee in added)
        {
            InviteDecision decision = await DecideAsync(tx, next, attendee, answering: false, plan, cancellationToken).ConfigureAwait(false);
            decisions[attendee.Id] = decision;
            next = ApplyDecision(next, attendee.Id, decision);
        }
        return (next, [.. invitees.Select(id => decisions.TryGetValue(id, out InviteDecision? d)
            ? new InvitationOutcome(id, wasAlreadyInvited: false, d.Status, d)
            : Unchanged(current, id))]);
    }

    /// <summary>The type of an attendee who joins an event, and whether it may join by having a status set (an attendee
    /// with an automatic policy joins only through its policy, so it cannot be double-booked that way).</summary>
    internal async Task<Commitment> NewCommitmentForStatusAsync(AttendeeId attendeeId, ParticipationStatus status, CancellationToken cancellationToken)
    {
        Attendee attendee = await directory.ResolveAsync(attendeeId, cancellationToken).ConfigureAwait(false);
        Preconditions.CheckArgument(!IsGated(attendee), "attendee",
            $"'{attendeeId}' is booked through the booking gate ({attendee.Type}, {attendee.Policy}); invite it instead of setting its status.");
        return Commitment.CreateNew(attendeeId, attendee.Type, status);
    }

    /// <summary>The commitment of an event's organizer (ACCEPTED), with the type the directory gives.</summary>
    /// <exception cref="ArgumentException">The organizer is a room or a resource: it is booked by inviting it, through the
    /// gate, never by organizing.</exception>
    internal async Task<Commitment> OrganizerCommitmentAsync(AttendeeId organizer, CancellationToken cancellationToken)
    {
        Attendee attendee = await directory.ResolveAsync(organizer, cancellationToken).ConfigureAwait(false);
        Preconditions.CheckArgument(attendee.Type is not (CalendarUserType.Room or CalendarUserType.Resource), "details",
            $"'{organizer}' is a {attendee.Type.ToString().ToLowerInvariant()}: it cannot organize an event; invite it, and the booking gate decides.");
        return Commitment.CreateNew(organizer, attendee.Type, ParticipationStatus.Accepted);
    }

    /// <summary>The gate's answer to a status set for a gated attendee (a room, a resource, or an automatic policy): an
    /// answer that books it (ACCEPTED or TENTATIVE) runs the gate as an acceptance, whatever the automation; any other
    /// answer (declining, or leaving it open) is always allowed. Null when the attendee is not gated.</summary>
    internal async Task<InviteDecision?> AnswerAsync(IStorageTransaction tx, CalendarEvent e, AttendeeId attendeeId, ParticipationStatus status, CandidatePlan? plan,
        CancellationToken cancellationToken)
    {
        if (await directory.FindForBookingAsync(tx, attendeeId, cancellationToken).ConfigureAwait(false) is not { } attendee || !IsGated(attendee))
        {
            return null;
        }
        if (status is not (ParticipationStatus.Accepted or ParticipationStatus.Tentative))
        {
            return null;
        }
        return await DecideAsync(tx, e, attendee, answering: true, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the gate again for a gated attendee already on a series, from now: a booking truncated at the end of
    /// an earlier booking window is extended to the current one (or declined, if the new instances conflict).</summary>
    /// <exception cref="ArgumentException">The attendee is not on the event, or is not gated.</exception>
    internal async Task<(CalendarEvent Next, InviteDecision Decision)> ExtendAsync(IStorageTransaction tx, CalendarEvent e, AttendeeId attendee, CandidatePlan? plan,
        CancellationToken cancellationToken)
    {
        plan = plan?.For(e);
        Commitment c = e.FindCommitment(attendee)
            ?? throw new ArgumentException($"The attendee '{attendee}' is not on event '{e.Id}'.", nameof(attendee));
        Attendee record = await directory.ResolveForBookingAsync(tx, attendee, cancellationToken).ConfigureAwait(false);
        Preconditions.CheckArgument(IsGated(record), nameof(attendee), $"'{attendee}' is not booked through the booking gate ({record.Type}, {record.Policy}).");
        var commitments = e.Commitments.ToBuilder();
        commitments[commitments.IndexOf(c)] = c with { EffectiveEnd = null };
        CalendarEvent next = e.WithCommitments(commitments.ToImmutable());
        InviteDecision decision = await DecideAsync(tx, next, record, answering: !record.Policy.IsAutomatic, plan, cancellationToken).ConfigureAwait(false);
        return (ApplyDecision(next, attendee, decision), decision);
    }



    /// <summary>After a change of an event or series, lets every attendee with an automatic policy answer again when the
    /// change moved it in time or made it block time again.</summary>
    internal async Task<(CalendarEvent Next, IReadOnlyList<BookingDecision> Decisions)> RebookIfMovedAsync(IStorageTransaction tx, CalendarEvent before,
        CalendarEvent next, CancellationToken cancellationToken)
    {
        bool nowBlocks = BusyCalculator.EventBlocks(next) && !BusyCalculator.EventBlocks(before);
        return BusyCalculator.EventBlocks(next) && (SeriesEditor.Moved(before, next) || nowBlocks)
            ? await RebookAsync(tx, next, cancellationToken).ConfigureAwait(false)
            : (next, []);
    }

    /// <summary>Lets every attendee with an automatic policy answer again (the event moved in time).</summary>
    internal async Task<(CalendarEvent Next, IReadOnlyList<BookingDecision> Decisions)> RebookAsync(IStorageTransaction tx, CalendarEvent next, CancellationToken cancellationToken)
    {
        var decisions = new List<BookingDecision>();
        foreach (Commitment c in next.Commitments)
        {
            Attendee? attendee = await directory.FindForBookingAsync(tx, c.AttendeeId, cancellationToken).ConfigureAwait(false);
            if (attendee is not null && IsGated(attendee)
                && (attendee.Policy.IsAutomatic || c.Status is ParticipationStatus.Accepted or ParticipationStatus.Tentative))
            {
                // An automatic policy answers again; a booking someone accepted by hand is checked again as an acceptance.
                InviteDecision decision = await DecideAsync(tx, next, attendee, answering: !attendee.Policy.IsAutomatic, null, cancellationToken).ConfigureAwait(false);
                next = ApplyDecision(next, attendee.Id, decision);
                decisions.Add(new BookingDecision(attendee.Id, null, decision));
            }
            else if (attendee is not null && IsGated(attendee) && next.IsRecurring
                && next.Overrides.Any(o => o.Participation.TryGetValue(c.AttendeeId, out ParticipationStatus s) && s is ParticipationStatus.Accepted or ParticipationStatus.Tentative))
            {
                // Instances someone accepted one by one for a resource not booked on the series: each is checked again
                // against everything else (the series' other instances included) and declined where it now conflicts.
                (next, IReadOnlyList<BookingDecision> instances) = await RecheckAcceptedInstancesAsync(tx, next, attendee, cancellationToken).ConfigureAwait(false);
                decisions.AddRange(instances);
            }
        }
        return (next, decisions);
    }

    private async Task<(CalendarEvent Next, IReadOnlyList<BookingDecision> Decisions)> RecheckAcceptedInstancesAsync(IStorageTransaction tx, CalendarEvent next,
        Attendee attendee, CancellationToken cancellationToken)
    {
        Instant now = clock.GetCurrentInstant();
        ConflictAnalysis? analysis = await AnalyzeAsync(tx, next, attendee, now, now + attendee.Policy.BookingWindow, null, cancellationToken).ConfigureAwait(false);
        var decisions = new List<BookingDecision>();
        var overrides = new List<InstanceOverride>();
        foreach (InstanceOverride o in next.Overrides)
        {
            bool accepted = o.Participation.TryGetValue(attendee.Id, out ParticipationStatus s) && s is ParticipationStatus.Accepted or ParticipationStatus.Tentative;
            if (accepted && (analysis is null || analysis.ConflictingInstances.Contains(o.OriginalStart)))
            {
                InviteDecision declined = analysis is null
                    ? InviteDecision.Decline(FormattableString.Invariant($"The series has more than {maxInstancesPerBooking} instances to check (the engine's limit per booking)."))
                    : InviteDecision.Decline([.. analysis.Conflicts.Where(x => x.Instance == o.OriginalStart)]);
                overrides.Add(SeriesEditor.WithAnswer(o, attendee.Id, ParticipationStatus.Declined));
                decisions.Add(new BookingDecision(attendee.Id, o.OriginalStart, declined));
            }
            else
            {
                overrides.Add(o);
            }
        }
        return (decisions.Count == 0 ? next : next.WithCommitments(next.Commitments, [.. overrides]), decisions);
    }

    /// <summary>A moved instance: attendees with automatic policies answer again for that instance only.</summary>
    internal async Task<(InstanceOverride Updated, IReadOnlyList<BookingDecision> Decisions)> RecheckInstanceAsync(IStorageTransaction tx, CalendarEvent series,
        InstanceSlot slot, InstanceOverride updated, CancellationToken cancellationToken)
    {
        CalendarEvent withChange = series.WithCommitments(series.Commitments, [.. series.Overrides.Where(o => o.OriginalStart != slot.Key), updated]);
        CalendarEvent instance = SeriesExpander.Instance(withChange, StoredSeries.FindSlot(withChange, slot.Key, zone)!.Value);
        if (!BusyCalculator.EventBlocks(instance))
        {
            return (updated, []);
        }
        var decisions = new List<BookingDecision>();
        Instant movedStart = StoredSeries.FindSlot(withChange, slot.Key, zone)!.Value.Interval.Start;
        foreach (Commitment c in series.Commitments)
        {
            ParticipationStatus current = SeriesExpander.StatusOf(series, updated, c.AttendeeId) ?? c.Status;
            if (await directory.FindForBookingAsync(tx, c.AttendeeId, cancellationToken).ConfigureAwait(false) is { } attendee && IsGated(attendee)
                && (attendee.Policy.IsAutomatic || current is ParticipationStatus.Accepted or ParticipationStatus.Tentative)
                && c.IsEffectiveAt(movedStart))
            {
                InviteDecision decision = await DecideAsync(tx, instance, attendee, answering: !attendee.Policy.IsAutomatic, null, cancellationToken).ConfigureAwait(false);
                updated = SeriesEditor.WithAnswer(updated, attendee.Id, decision.Status == c.Status ? null : decision.Status);
                decisions.Add(new BookingDecision(attendee.Id, slot.Key, decision));
            }
        }
        return (updated, decisions);
    }

    /// <summary>
    /// The booking gate: decides whether a gated attendee is booked on an event, from the policy in the engine's
    /// directory and what is booked, read inside <paramref name="tx"/> (the write's unit of work). The limits come first
    /// (recurring allowed, maximum duration, booking window, instances to check), then the automation.
    /// </summary>
    /// <param name="tx">The unit of work (null for a snapshot check).</param>
    /// <param name="e">The event or instance.</param>
    /// <param name="attendee">The attendee, from the directory.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <param name="answering">True when someone answered ACCEPTED (or TENTATIVE) for the attendee: checked as an
    /// acceptance whatever the automation (a manual resource is checked as <see cref="InviteAutomation.AcceptIfPossible"/>).</param>
    /// <param name="plan">The candidates computed before the unit of work for this event (see <see cref="PlanAsync"/>),
    /// or null to compute them here.</param>
    private async Task<InviteDecision> DecideAsync(IStorageTransaction? tx, CalendarEvent e, Attendee attendee, bool answering, CandidatePlan? plan,
        CancellationToken cancellationToken)
    {
        BookingPolicy policy = attendee.Policy;
        InviteAutomation automation = answering && policy.Automation == InviteAutomation.Manual ? InviteAutomation.AcceptIfPossible : policy.Automation;
        if (automation == InviteAutomation.Manual)
        {
            return InviteDecision.NoAnswer;
        }
        if (e.IsRecurring && !policy.AllowRecurring)
        {
            return InviteDecision.Decline($"'{attendee.Id}' does not accept recurring bookings.");
        }
        Duration length = e.Timing.Duration;
        if (policy.MaximumDuration is { } max && length > max)
        {
            return InviteDecision.Decline(FormattableString.Invariant(
                $"'{attendee.Id}' accepts bookings of at most {max.ToString("H:mm", System.Globalization.CultureInfo.InvariantCulture)}; this one lasts {length.ToString("H:mm", System.Globalization.CultureInfo.InvariantCulture)}."));
        }
        Instant now = plan?.Now ?? clock.GetCurrentInstant();
        Instant windowEnd = now + policy.BookingWindow;
        Interval span = SpanOf(e);
        if (span.Start > windowEnd)
        {
            return InviteDecision.Decline(FormattableString.Invariant($"The booking starts after the booking window of '{attendee.Id}' ({windowEnd:uuuu-MM-dd'T'HH:mm'Z'})."));
        }
        Instant? truncateAt = null;
        if (plan?.GoesPastWindow(policy.BookingWindow) ?? GoesPastWindow(e, windowEnd))
        {
            if (policy.PastWindow == BookingWindowAction.Decline)
            {
                return InviteDecision.Decline(FormattableString.Invariant(
                    $"The series goes on past the booking window of '{attendee.Id}' ({windowEnd:uuuu-MM-dd'T'HH:mm'Z'}), and its policy declines such bookings."));
            }
            truncateAt = windowEnd;
        }
        InviteDecision decision;
        if (automation == InviteAutomation.AlwaysAccept)
        {
            decision = InviteDecision.Accept;
        }
        else
        {
            ConflictAnalysis? analysis = await AnalyzeAsync(tx, e, attendee, now, windowEnd, plan, cancellationToken).ConfigureAwait(false);
            if (analysis is null)
            {
                return InviteDecision.Decline(FormattableString.Invariant(
                    $"The booking has more than {maxInstancesPerBooking} instances to check within the booking window of '{attendee.Id}' (the engine's limit per booking)."));
            }
            int conflicting = analysis.ConflictingInstances.Count;
            decision = analysis.IsFree ? InviteDecision.Accept
                : automation == InviteAutomation.AcceptIfPossible || !e.IsRecurring || conflicting > policy.MaxConflicts
                    || conflicting > policy.MaxConflictFraction * analysis.CheckedInstances
                    ? InviteDecision.Decline(analysis.Conflicts)
                    : InviteDecision.AcceptExcept(analysis.ConflictingInstances, analysis.Conflicts);
        }
        return truncateAt is { } end && decision.Status == ParticipationStatus.Accepted ? decision.Until(end) : decision;
    }

    /// <summary>Whether a series has an instance that starts after the end of a booking window: one seek of its
    /// recurrence, and its moved instances (an instance moved past the window is past it, whatever its original start).</summary>
    private bool GoesPastWindow(CalendarEvent e, Instant windowEnd)
    {
        if (!e.IsRecurring || SpanOf(e) is { HasEnd: true } span && span.End <= windowEnd)
        {
            return false;
        }
        Instant from = windowEnd + Duration.Epsilon;
        return StoredSeries.SetOf(e).GetFirstOccurrenceAtOrAfter(from, zone) is not null
            || e.Overrides.Any(o => !o.IsCancelled && o.Timing is { } moved && moved.ToInterval(zone).Start >= from);
    }

    /// <summary>Records a policy's answer: the attendee's status, and for a series the instances it declined one by one
    /// (replacing any earlier per-instance answers of that attendee).</summary>
    internal static CalendarEvent ApplyDecision(CalendarEvent next, AttendeeId attendee, InviteDecision decision)
    {
        var commitments = next.Commitments.ToBuilder();
        int i = 0;
        while (commitments[i].AttendeeId != attendee)
        {
            i++;
        }
        commitments[i] = commitments[i] with { Status = decision.Status, EffectiveEnd = decision.EffectiveEnd };
        if (!next.IsRecurring)
        {
            return next.WithCommitments(commitments.ToImmutable());
        }
        var overrides = new Dictionary<OriginalStart, InstanceOverride>();
        foreach (InstanceOverride o in next.Overrides)
        {
            overrides[o.OriginalStart] = o.Participation.ContainsKey(attendee) ? SeriesEditor.WithAnswer(o, attendee, null) : o;
        }
        foreach (OriginalStart key in decision.DeclinedInstances)
        {
            InstanceOverride o = overrides.GetValueOrDefault(key) ?? new InstanceOverride(key);
            overrides[key] = SeriesEditor.WithAnswer(o, attendee, ParticipationStatus.Declined);
        }
        return next.WithCommitments(commitments.ToImmutable(), [.. overrides.Values.Where(o => !o.IsEmpty)]);
    }

    private static InvitationOutcome Unchanged(CalendarEvent e, AttendeeId id)
        => new(id, wasAlreadyInvited: true, e.GetParticipationStatus(id) ?? ParticipationStatus.NeedsAction, null);

    /// <summary>Checks an event (every instance of a series within the attendee's booking horizon) against everything that
    /// already blocks the attendee's time, series included: both lists sorted by start, then one sweep.</summary>
    /// <returns>The analysis; null when the event has more instances to check than the limit per booking.</returns>
    private async Task<ConflictAnalysis?> AnalyzeAsync(IStorageTransaction? tx, CalendarEvent e, Attendee invitee, Instant now, Instant? windowEnd, CandidatePlan? plan,
        CancellationToken cancellationToken)
    {
        List<(Interval Period, OriginalStart? Key)>? wanted = windowEnd is not null && plan is not null && plan.TryGet(invitee.Policy.BookingWindow, out var planned)
            ? planned
            : Wanted(e, invitee, now, windowEnd);
        if (wanted is null)
        {
            return null;
        }
        if (wanted.Count == 0)
        {
            return new ConflictAnalysis([], [], e.IsRecurring ? 0 : 1);
        }
        wanted.Sort((a, b) => a.Period.Start.CompareTo(b.Period.Start));
        EventId self = e.RecurringEventId ?? e.Id;
        var conflicts = new List<EventConflict>();
        var conflicting = new SortedSet<OriginalStart>();
        // A whole series: its own instances must not overlap each other either (a moved instance, or instances longer
        // than their spacing). Sorted by start, each instance that starts before an earlier one ends conflicts with it.
        int longest = -1;
        for (int i = 0; i < wanted.Count; i++)
        {
            if (longest >= 0 && wanted[i].Period.Start < wanted[longest].Period.End && wanted[i].Key is { } later && wanted[longest].Key is { } earlier)
            {
                conflicts.Add(new EventConflict(EventId.ForInstance(self, earlier), e.Title, wanted[longest].Period, later));
                conflicting.Add(later);
            }
            if (longest < 0 || wanted[i].Period.End > wanted[longest].Period.End)
            {
                longest = i;
            }
        }
        // What is booked is read per group of instances less than a day apart (a daily series is one group, a weekly one
        // a group per week), so the work follows the bookings that could meet the instances, not every booking between
        // the first and the last.
        int from = 0;
        while (from < wanted.Count)
        {
            int to = from + 1;
            Instant end = wanted[from].Period.End;
            while (to < wanted.Count && wanted[to].Period.Start - end < Duration.FromDays(1))
            {
                end = wanted[to].Period.End > end ? wanted[to].Period.End : end;
                to++;
            }
            await SweepAsync(tx, e, invitee, self, wanted, from, to, new Interval(wanted[from].Period.Start, end), conflicts, conflicting, cancellationToken).ConfigureAwait(false);
            from = to;
        }
        return new ConflictAnalysis(conflicts, [.. conflicting], e.IsRecurring ? wanted.Count : 1);
    }

    /// <summary>Reads what blocks the invitee in one range and sweeps the sorted instances of that range against it.</summary>
    private async Task SweepAsync(IStorageTransaction? tx, CalendarEvent e, Attendee invitee, EventId self, List<(Interval Period, OriginalStart? Key)> wanted,
        int from, int to, Interval range, List<EventConflict> conflicts, SortedSet<OriginalStart> conflicting, CancellationToken cancellationToken)
    {
        var query = new EventQuery { Window = range, Attendee = invitee.Id };
        IReadOnlyList<CalendarEvent> booked = tx is null
            ? await storage.QueryEventsAsync(query, cancellationToken).ConfigureAwait(false)
            : await tx.QueryEventsAsync(query, cancellationToken).ConfigureAwait(false);
        var blocks = new List<Block>();
        foreach (CalendarEvent other in booked)
        {
            if (other.Id != self)
            {
                blocks.AddRange(Blocks(other, invitee.Id, range).Where(b => b.Period.Duration > Duration.Zero));
            }
            else if (e.OriginalStart is { } checkedInstance)
            {
                // One instance of a series: the series' other instances count too (a moved instance may land on one).
                blocks.AddRange(Blocks(other, invitee.Id, range).Where(b => b.Period.Duration > Duration.Zero && b.Key != checkedInstance));
            }
        }
        blocks.Sort((a, b) => a.Period.Start.CompareTo(b.Period.Start));
        int first = 0;
        for (int w = from; w < to; w++)
        {
            (Interval period, OriginalStart? key) = wanted[w];
            // Blocks are sorted by start; skip those that ended before this wanted period can start.
            while (first < blocks.Count && blocks[first].Period.End <= period.Start)
            {
                first++;
            }
            for (int k = first; k < blocks.Count && blocks[k].Period.Start < period.End; k++)
            {
                if (blocks[k].Period.End > period.Start)
                {
                    // The conflicting booking's id: the event, or the instance of a series.
                    CalendarEvent source = blocks[k].Source;
                    EventId id = blocks[k].Key is { } otherKey ? EventId.ForInstance(source.RecurringEventId ?? source.Id, otherKey) : source.Id;
                    conflicts.Add(new EventConflict(id, source.Title, blocks[k].Period, key));
                    if (key is { } instance)
                    {
                        conflicting.Add(instance);
                    }
                }
            }
        }
    }

    /// <summary>The times an event wants an invitee: a single event's interval, or the non-cancelled instances of a
    /// series that have not ended by now, up to the end of the booking window (or, for a snapshot check, the invitee's
    /// window from the series' start); null when there are more than the limit per booking (the enumeration stops there,
    /// so the work is bounded by the limit).</summary>
    private List<(Interval Period, OriginalStart? Key)>? Wanted(CalendarEvent e, Attendee invitee, Instant now, Instant? windowEnd)
    {
        if (!BusyCalculator.EventBlocks(e))
        {
            return [];
        }
        Interval span = SpanOf(e);
        if (!e.IsRecurring)
        {
            return span.Duration > Duration.Zero ? [(span, null)] : [];
        }
        Instant from = span.Start > now ? span.Start : now;
        // The window's end is inclusive, as a commitment's effective end is.
        Instant to = (windowEnd ?? (from + invitee.Policy.BookingWindow)) + Duration.Epsilon;
        if (span.HasEnd && span.End < to)
        {
            to = span.End;
        }
        var wanted = new List<(Interval, OriginalStart?)>();
        if (to <= from)
        {
            return wanted;
        }
        foreach (InstanceSlot slot in StoredSeries.SlotsIn(e, new Interval(from, to), zone, maxInstancesPerBooking + 1))
        {
            if (!slot.IsCancelled && slot.Interval.Duration > Duration.Zero && slot.Interval.Start < to
                && (slot.Override is null || BusyCalculator.EventBlocks(SeriesExpander.Instance(e, slot))))
            {
                wanted.Add((slot.Interval, slot.Key));
            }
        }
        return wanted.Count > maxInstancesPerBooking ? null : wanted;
    }

    /// <summary>A period during which an event blocks one attendee, with how busy it is.</summary>
    private readonly record struct Block(Interval Period, BusyType Type, CalendarEvent Source, OriginalStart? Key);

    /// <summary>The periods in a window during which an event blocks one attendee; for a series, its instances in the
    /// window, each with its own fields and the attendee's own answer.</summary>
    private IEnumerable<Block> Blocks(CalendarEvent e, AttendeeId attendee, Interval window)
    {
        if (e.FindCommitment(attendee) is not { } commitment)
        {
            yield break;
        }
        if (!e.IsRecurring)
        {
            if (BusyCalculator.Classify(e, commitment) is { } type && commitment.IsEffectiveAt(SpanOf(e).Start))
            {
                Interval period = SpanOf(e);
                if (SpanMath.Overlaps(period, window))
                {
                    yield return new Block(period, type, e, null);
                }
            }
            yield break;
        }
        foreach (InstanceSlot slot in StoredSeries.SlotsIn(e, window, zone))
        {
            if (slot.IsCancelled || !commitment.IsEffectiveAt(slot.Interval.Start))
            {
                // Outside the attendee's effective period (a booking truncated at the window's end): not booked.
                continue;
            }
            CalendarEvent instance = slot.Override is null ? e : SeriesExpander.Instance(e, slot);
            ParticipationStatus status = SeriesExpander.StatusOf(e, slot.Override, attendee) ?? commitment.Status;
            Commitment c = status == commitment.Status ? commitment : commitment with { Status = status };
            if (BusyCalculator.Classify(instance, c) is { } type)
            {
                yield return new Block(slot.Interval, type, instance, slot.Key);
            }
        }
    }
}
