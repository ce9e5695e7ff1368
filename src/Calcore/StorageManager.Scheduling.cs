using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Events.Internal;
using Calcore.Internal;
using Calcore.Scheduling;
using Calcore.Scheduling.Internal;
using Calcore.Storage;
using NodaTime;

namespace Calcore;

/// <content>Free/busy, free periods, and the conflict analysis that invite policies use.</content>
public sealed partial class StorageManager
{
    /// <summary>Computes when a set of attendees is busy during a window (see <see cref="FreeBusy"/> for the rules).</summary>
    /// <remarks>Series count through their instances: a cancelled instance, or one the attendee declined on its own,
    /// does not block; a moved instance blocks where it was moved to.</remarks>
    /// <param name="attendees">The attendees.</param>
    /// <param name="window">The half-open window; it must have a start and an end.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The busy and busy-tentative periods, clipped to the window, merged and disjoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attendees"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="window"/> is open at either end.</exception>
    public async Task<FreeBusy> GetFreeBusyAsync(IEnumerable<AttendeeId> attendees, Interval window, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(attendees);
        CheckBounded(window);
        AttendeeId[] ids = [.. attendees.Distinct()];
        var busy = new List<Interval>();
        var tentative = new List<Interval>();
        foreach (AttendeeId id in ids)
        {
            IReadOnlyList<CalendarEvent> events = await Storage.QueryEventsAsync(new EventQuery { Window = window, Attendee = id }, cancellationToken).ConfigureAwait(false);
            foreach (CalendarEvent e in events)
            {
                foreach ((Interval period, BusyType type, _, _) in Blocks(e, id, window))
                {
                    if (BusyCalculator.Clip(period, window) is { } clipped)
                    {
                        (type == BusyType.Busy ? busy : tentative).Add(clipped);
                    }
                }
            }
        }
        List<Interval> mergedBusy = BusyCalculator.Merge(busy);
        List<Interval> onlyTentative = BusyCalculator.Subtract(BusyCalculator.Merge(tentative), mergedBusy);
        var periods = mergedBusy.Select(i => new BusyPeriod(i, BusyType.Busy))
            .Concat(onlyTentative.Select(i => new BusyPeriod(i, BusyType.BusyTentative)))
            .OrderBy(p => p.Period.Start)
            .ToList();
        return new FreeBusy(window, ids, periods);
    }

    /// <summary>Finds the periods in which every attendee is free, inside each day's working hours, of at least a minimum length.</summary>
    /// <remarks>
    /// The result is the window, intersected with each day's working hours in <see cref="Zone"/>, minus every busy or
    /// busy-tentative period of the attendees; a period is kept when it lasts at least <paramref name="minimum"/>.
    /// Free periods never cross a day boundary. With no attendees the working hours themselves are free.
    /// </remarks>
    /// <param name="attendees">The attendees.</param>
    /// <param name="window">The half-open window; it must have a start and an end, and may start and end at any time of day.</param>
    /// <param name="workingHours">The part of each day to search.</param>
    /// <param name="minimum">The shortest period worth returning (inclusive); zero or positive.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The free periods, ordered by start.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attendees"/> or <paramref name="workingHours"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="window"/> is open at either end, or <paramref name="minimum"/> is negative.</exception>
    public async Task<IReadOnlyList<Interval>> FindFreePeriodsAsync(IEnumerable<AttendeeId> attendees, Interval window, WorkingHours workingHours, Duration minimum, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(workingHours);
        Preconditions.CheckArgument(minimum >= Duration.Zero, nameof(minimum), "The minimum length must not be negative.");
        FreeBusy freeBusy = await GetFreeBusyAsync(attendees, window, cancellationToken).ConfigureAwait(false);
        List<Interval> blocked = BusyCalculator.Merge([.. freeBusy.Periods.Select(p => p.Period)]);
        List<Interval> working = BusyCalculator.WorkingPeriods(window, workingHours, Zone);
        return [.. BusyCalculator.Subtract(working, blocked).Where(i => i.Duration >= minimum && i.Duration > Duration.Zero)];
    }

    /// <summary>The periods in a window during which an event blocks one attendee, with how busy each is.</summary>
    /// <remarks>For a series: its instances in the window, each with its own fields and the attendee's own answer.</remarks>
    private IEnumerable<(Interval Period, BusyType Type, CalendarEvent Source, OriginalStart? Key)> Blocks(CalendarEvent e, AttendeeId attendee, Interval window)
    {
        if (!e.IsRecurring)
        {
            if (e.FindCommitment(attendee) is { } c && BusyCalculator.Classify(e, c) is { } type)
            {
                Interval period = SpanOf(e);
                if (SpanMath.Overlaps(period, window))
                {
                    yield return (period, type, e, null);
                }
            }
            yield break;
        }
        if (e.FindCommitment(attendee) is not { } seriesCommitment)
        {
            yield break;
        }
        foreach (InstanceSlot slot in SeriesExpander.SlotsIn(e, window, Zone))
        {
            if (slot.IsCancelled)
            {
                continue;
            }
            CalendarEvent instance = slot.Override is null ? e : SeriesExpander.Instance(e, slot);
            ParticipationStatus status = SeriesExpander.StatusOf(e, slot.Override, attendee) ?? seriesCommitment.Status;
            Commitment c = status == seriesCommitment.Status ? seriesCommitment : seriesCommitment with { Status = status };
            if (BusyCalculator.Classify(instance, c) is { } type)
            {
                yield return (slot.Interval, type, instance, slot.Key);
            }
        }
    }

    /// <summary>Checks, without booking anything, whether an attendee is free for a proposed event: what
    /// <see cref="InvitePolicy.AcceptIfPossible"/> would see if the attendee were invited to it now.</summary>
    /// <remarks>A proposed series is checked instance by instance within the attendee's booking horizon (whole, when
    /// bounded). The answer is a snapshot: a booking made after it may take the time (an invitation decides atomically).</remarks>
    /// <param name="attendee">The attendee (its booking horizon applies).</param>
    /// <param name="candidate">The proposed event's fields.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The conflicts and the instances checked.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The candidate's recurrence does not parse.</exception>
    public async Task<ConflictAnalysis> FindConflictsAsync(Attendee attendee, EventDetails candidate, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(attendee);
        Preconditions.CheckNotNull(candidate);
        ValidateRecurrence(candidate);
        CalendarEvent proposed = CalendarEvent.CreateNew(new EventId("proposed-" + Guid.NewGuid().ToString("N")), candidate, [], Clock.GetCurrentInstant());
        return await new ManagerInviteContext(this, null, proposed.BindTo(this), attendee).AnalyzeConflictsAsync(cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<InviteDecision> DecideAsync(IStorageTransaction tx, CalendarEvent next, Attendee attendee, CancellationToken cancellationToken)
        => attendee.Policy.DecideAsync(new ManagerInviteContext(this, tx, next.BindTo(this), attendee), cancellationToken);

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
        Instant from = span.Start;
        Instant to = span.HasEnd ? span.End : (from > Clock.GetCurrentInstant() ? from : Clock.GetCurrentInstant()) + invitee.BookingHorizon;
        var wanted = new List<(Interval, OriginalStart?)>();
        foreach (InstanceSlot slot in SeriesExpander.SlotsIn(e, new Interval(from, to), Zone))
        {
            if (!slot.IsCancelled && slot.Interval.Duration > Duration.Zero
                && (slot.Override is null || BusyCalculator.EventBlocks(SeriesExpander.Instance(e, slot))))
            {
                wanted.Add((slot.Interval, slot.Key));
            }
        }
        return wanted;
    }

    /// <summary>The invite context the manager gives a policy: conflicts are read inside the policy's transaction.</summary>
    private sealed class ManagerInviteContext(StorageManager manager, IStorageTransaction? tx, CalendarEvent @event, Attendee invitee)
        : InviteContext(@event, invitee)
    {
        private ConflictAnalysis? _analysis;

        public override async ValueTask<ConflictAnalysis> AnalyzeConflictsAsync(CancellationToken cancellationToken)
        {
            return _analysis ??= await AnalyzeCoreAsync(cancellationToken).ConfigureAwait(false);
        }

        private async Task<ConflictAnalysis> AnalyzeCoreAsync(CancellationToken cancellationToken)
        {
            List<(Interval Period, OriginalStart? Key)> wanted = manager.Wanted(Event, Invitee);
            if (wanted.Count == 0)
            {
                return new ConflictAnalysis([], [], Event.IsRecurring ? 0 : 1);
            }
            wanted.Sort((a, b) => a.Period.Start.CompareTo(b.Period.Start));
            Instant from = wanted[0].Period.Start;
            Instant to = wanted.Max(w => w.Period.End);
            var range = new Interval(from, to);
            EventId self = Event.RecurringEventId ?? Event.Id;
            var query = new EventQuery { Window = range, Attendee = Invitee.Id };
            IReadOnlyList<CalendarEvent> booked = tx is null
                ? await manager.Storage.QueryEventsAsync(query, cancellationToken).ConfigureAwait(false)
                : await tx.QueryEventsAsync(query, cancellationToken).ConfigureAwait(false);
            var blocks = new List<(Interval Period, BusyType Type, CalendarEvent Source, OriginalStart? Key)>();
            foreach (CalendarEvent other in booked)
            {
                if (other.Id != self)
                {
                    blocks.AddRange(manager.Blocks(other, Invitee.Id, range).Where(b => b.Period.Duration > Duration.Zero));
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
                        // The conflicting booking's id: the event, or the instance of a series (formatted only for real conflicts).
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
            return new ConflictAnalysis(conflicts, [.. conflicting], Event.IsRecurring ? wanted.Count : 1);
        }
    }
}
