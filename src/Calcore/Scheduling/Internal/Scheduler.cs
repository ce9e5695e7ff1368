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

/// <summary>Every rule about who may be booked when: invite policies and their decisions, conflict analysis, re-booking
/// after a move, free/busy and free time.</summary>
/// <remarks>
/// <para>The engine's front opens the unit of work and hands its transaction here, so a decision reads what is booked
/// inside the same atomic step as the write that records it. The attendee's type and policy always come from the
/// engine's attendee directory, never from an object a caller passed.</para>
/// <para>Work bound: checking one attendee against an event expands the event's instances within the attendee's
/// booking horizon (the whole series when it is bounded) and the attendee's bookings in that range once, then sweeps
/// both sorted lists; free/busy expands each attendee's bookings in the window once.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
internal sealed class Scheduler(IStorage storage, AttendeeDirectory directory, DateTimeZone zone, IClock clock)
{
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
        return await AnalyzeAsync(null, proposed, attendee, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Invites attendees to an event read inside <paramref name="tx"/>: each new one is added NEEDS-ACTION and
    /// answers through its policy. Returns null for the event when nobody new was invited (nothing to write).</summary>
    internal async Task<(CalendarEvent? Next, IReadOnlyList<InvitationOutcome> Outcomes)> InviteAsync(IStorageTransaction tx, CalendarEvent current,
        IReadOnlyList<AttendeeId> invitees, CancellationToken cancellationToken)
    {
        var commitments = current.Commitments.ToBuilder();
        var added = new List<Attendee>();
        foreach (AttendeeId id in invitees)
        {
            if (!current.HasAttendee(id))
            {
                Attendee attendee = await directory.ResolveAsync(id, cancellationToken).ConfigureAwait(false);
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
            InviteDecision decision = await DecideAsync(tx, next, attendee, cancellationToken).ConfigureAwait(false);
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
        Preconditions.CheckArgument(!attendee.Policy.IsAutomatic, "attendee",
            $"'{attendeeId}' answers invitations through its invite policy ({attendee.Policy}); invite it instead of setting its status.");
        return Commitment.CreateNew(attendeeId, attendee.Type, status);
    }

    /// <summary>The commitment of an event's organizer (ACCEPTED), with the type the directory gives.</summary>
    internal async Task<Commitment> OrganizerCommitmentAsync(AttendeeId organizer, CancellationToken cancellationToken)
        => Commitment.CreateNew(organizer, (await directory.ResolveAsync(organizer, cancellationToken).ConfigureAwait(false)).Type, ParticipationStatus.Accepted);

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
            if (await directory.FindAsync(c.AttendeeId, cancellationToken).ConfigureAwait(false) is { Policy.IsAutomatic: true } attendee)
            {
                InviteDecision decision = await DecideAsync(tx, next, attendee, cancellationToken).ConfigureAwait(false);
                next = ApplyDecision(next, attendee.Id, decision);
                decisions.Add(new BookingDecision(attendee.Id, null, decision));
            }
        }
        return (next, decisions);
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
        foreach (Commitment c in series.Commitments)
        {
            if (await directory.FindAsync(c.AttendeeId, cancellationToken).ConfigureAwait(false) is { Policy.IsAutomatic: true } attendee)
            {
                InviteDecision decision = await DecideAsync(tx, instance, attendee, cancellationToken).ConfigureAwait(false);
                updated = SeriesEditor.WithAnswer(updated, attendee.Id, decision.Status == c.Status ? null : decision.Status);
                decisions.Add(new BookingDecision(attendee.Id, slot.Key, decision));
            }
        }
        return (updated, decisions);
    }

    /// <summary>Runs an attendee's policy for an event, reading its bookings inside <paramref name="tx"/>.</summary>
    private async Task<InviteDecision> DecideAsync(IStorageTransaction tx, CalendarEvent e, Attendee attendee, CancellationToken cancellationToken)
    {
        BookingPolicy policy = attendee.Policy;
        switch (policy.Automation)
        {
            case InviteAutomation.Manual:
                return InviteDecision.NoAnswer;
            case InviteAutomation.AlwaysAccept:
                return InviteDecision.Accept;
            case InviteAutomation.AcceptIfPossible:
                {
                    ConflictAnalysis analysis = await AnalyzeAsync(tx, e, attendee, cancellationToken).ConfigureAwait(false);
                    return analysis.IsFree ? InviteDecision.Accept : InviteDecision.Decline(analysis.Conflicts);
                }
            default:
                {
                    ConflictAnalysis analysis = await AnalyzeAsync(tx, e, attendee, cancellationToken).ConfigureAwait(false);
                    if (analysis.IsFree)
                    {
                        return InviteDecision.Accept;
                    }
                    int conflicting = analysis.ConflictingInstances.Count;
                    if (!e.IsRecurring || conflicting > policy.MaxConflicts || conflicting > policy.MaxConflictFraction * analysis.CheckedInstances)
                    {
                        return InviteDecision.Decline(analysis.Conflicts);
                    }
                    return InviteDecision.AcceptExcept(analysis.ConflictingInstances, analysis.Conflicts);
                }
        }
    }

    /// <summary>Records a policy's answer: the attendee's status, and for a series the instances it declined one by one
    /// (replacing any earlier per-instance answers of that attendee).</summary>
    private static CalendarEvent ApplyDecision(CalendarEvent next, AttendeeId attendee, InviteDecision decision)
    {
        var commitments = next.Commitments.ToBuilder();
        int i = 0;
        while (commitments[i].AttendeeId != attendee)
        {
            i++;
        }
        commitments[i] = commitments[i] with { Status = decision.Status };
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
    private async Task<ConflictAnalysis> AnalyzeAsync(IStorageTransaction? tx, CalendarEvent e, Attendee invitee, CancellationToken cancellationToken)
    {
        List<(Interval Period, OriginalStart? Key)> wanted = Wanted(e, invitee);
        if (wanted.Count == 0)
        {
            return new ConflictAnalysis([], [], e.IsRecurring ? 0 : 1);
        }
        wanted.Sort((a, b) => a.Period.Start.CompareTo(b.Period.Start));
        var range = new Interval(wanted[0].Period.Start, wanted.Max(w => w.Period.End));
        EventId self = e.RecurringEventId ?? e.Id;
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
        }
        blocks.Sort((a, b) => a.Period.Start.CompareTo(b.Period.Start));
        var conflicts = new List<EventConflict>();
        var conflicting = new SortedSet<OriginalStart>();
        int first = 0;
        foreach ((Interval period, OriginalStart? key) in wanted)
        {
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
        return new ConflictAnalysis(conflicts, [.. conflicting], e.IsRecurring ? wanted.Count : 1);
    }

    /// <summary>The times an event wants an invitee: a single event's interval, or the non-cancelled instances of a
    /// series within the invitee's booking horizon (the whole series when it is bounded).</summary>
    private List<(Interval Period, OriginalStart? Key)> Wanted(CalendarEvent e, Attendee invitee)
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
        Instant now = clock.GetCurrentInstant();
        Instant from = span.Start;
        Instant to = span.HasEnd ? span.End : (from > now ? from : now) + invitee.Policy.BookingWindow;
        var wanted = new List<(Interval, OriginalStart?)>();
        foreach (InstanceSlot slot in StoredSeries.SlotsIn(e, new Interval(from, to), zone))
        {
            if (!slot.IsCancelled && slot.Interval.Duration > Duration.Zero
                && (slot.Override is null || BusyCalculator.EventBlocks(SeriesExpander.Instance(e, slot))))
            {
                wanted.Add((slot.Interval, slot.Key));
            }
        }
        return wanted;
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
            if (BusyCalculator.Classify(e, commitment) is { } type)
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
            if (slot.IsCancelled)
            {
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
