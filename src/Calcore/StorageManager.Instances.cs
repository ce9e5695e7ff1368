using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Events.Internal;
using Calcore.Internal;
using Calcore.Recurrence;
using Calcore.Scheduling.Internal;
using Calcore.Storage;
using NodaTime;

namespace Calcore;

/// <content>Changing recurring events: exceptions, cancellations, per-instance answers, whole-series edits and
/// "this and following".</content>
public sealed partial class StorageManager
{
    /// <summary>Changes a whole series (or a single event), keeping the exceptions that still apply.</summary>
    /// <remarks>
    /// <para>Field changes reach every instance except in the fields an exception overrode (per-field tracking).
    /// When the start or the recurrence changes, every exception whose original start is no longer an instance of the
    /// new series is removed and reported in <see cref="SeriesUpdateResult.RemovedOverrides"/>; the others are kept
    /// (so trimming a series' UNTIL, as Google's two-call "this and following" does, leaves no orphaned exceptions).
    /// A series that stops recurring loses all its exceptions.</para>
    /// <para>When the event moves in time or its recurrence changes, attendees with automatic invite policies answer
    /// again, in the same atomic step.</para>
    /// </remarks>
    /// <param name="eventId">The series or single event (not an instance).</param>
    /// <param name="details">The new fields.</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot and the removed exceptions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is null.</exception>
    /// <exception cref="ArgumentException">The id is an instance id, or a recurrence line does not parse (<see cref="RecurrenceParseException"/>).</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    public async Task<SeriesUpdateResult> UpdateSeriesAsync(EventId eventId, EventDetails details, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(details);
        ValidateRecurrence(details);
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        CheckNotInstance(before, "Use UpdateEventAsync to change one instance, or UpdateFollowingAsync for this and following.");
        IStorageTransaction tx = await Storage.BeginTransactionAsync(LocksOf(before), cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent current = await ReadForWriteAsync(tx, eventId, expectedVersion, cancellationToken).ConfigureAwait(false);
            if (current.Details.Equals(details))
            {
                return new SeriesUpdateResult(current.BindTo(this), []);
            }
            (CalendarEvent next, List<InstanceOverride> removed) = NextSeries(current, details, current.Commitments, current.Overrides);
            next = await RebookIfMovedAsync(tx, current, next, cancellationToken).ConfigureAwait(false);
            next = await ReplaceAsync(tx, next, current.Version, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SeriesUpdateResult(next, removed);
        }
    }

    /// <summary>Cancels one instance of a series: it is hidden from listings and stops blocking time, but is kept (as a
    /// cancelled exception) and can be restored.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="expectedVersion">The series version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The cancelled instance.</returns>
    /// <exception cref="EventNotFoundException">The id names no instance.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored series version is not <paramref name="expectedVersion"/>.</exception>
    public async Task<CalendarEvent> CancelInstanceAsync(EventId instanceId, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        CalendarEvent before = await GetInstanceByIdAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return await ChangeInstanceAsync(before, expectedVersion, (_, slot, _) => Task.FromResult(Existing(slot) with { IsCancelled = true }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Restores a cancelled instance of a series.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="expectedVersion">The series version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The restored instance (with any other changes it had).</returns>
    /// <exception cref="EventNotFoundException">The id names no instance.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored series version is not <paramref name="expectedVersion"/>.</exception>
    public async Task<CalendarEvent> RestoreInstanceAsync(EventId instanceId, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        CalendarEvent before = await GetInstanceByIdAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return await ChangeInstanceAsync(before, expectedVersion, (_, slot, _) => Task.FromResult(Existing(slot) with { IsCancelled = false }), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes "this and following" instances in one atomic step.</summary>
    /// <remarks>
    /// <para>The original series is trimmed to end just before the chosen instance (with UNTIL, or with COUNT for a rule
    /// that used COUNT); a new series begins at the chosen instance with the change applied, keeping the original's
    /// end (UNTIL, or the remaining COUNT). The exceptions and per-instance answers from the chosen instance on, and
    /// every attendee's answer, move to the new series; when the change moves the start, they move with it. RDATEs and
    /// EXDATEs go to whichever series they fall in. The new series gets a new id and UID and names the original in
    /// <see cref="CalendarEvent.SplitFromId"/>.</para>
    /// <para>If the chosen instance is the first one, the whole series is changed instead and
    /// <see cref="SeriesSplitResult.Original"/> is null. If the change supplies its own recurrence lines, the new series
    /// uses them as given.</para>
    /// </remarks>
    /// <param name="instanceId">The first instance to change.</param>
    /// <param name="change">A function from the series' fields as of that instance (its timing starts there) to the new series' fields.</param>
    /// <param name="expectedVersion">The series version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The trimmed original and the new series.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is null or returns null.</exception>
    /// <exception cref="ArgumentException">The id is not an instance id, or the change is invalid.</exception>
    /// <exception cref="EventNotFoundException">The id names no instance.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored series version is not <paramref name="expectedVersion"/>.</exception>
    public async Task<SeriesSplitResult> UpdateFollowingAsync(EventId instanceId, Func<EventDetails, EventDetails> change, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(change);
        CalendarEvent before = await GetInstanceByIdAsync(instanceId, cancellationToken).ConfigureAwait(false);
        EventId seriesId = before.RecurringEventId!.Value;
        OriginalStart key = before.OriginalStart!.Value;
        IStorageTransaction tx = await Storage.BeginTransactionAsync(LocksOf(before), cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent series = await ReadForWriteAsync(tx, seriesId, expectedVersion, cancellationToken).ConfigureAwait(false);
            InstanceSlot slot = SeriesExpander.FindSlot(series, key, Zone) ?? throw new EventNotFoundException(instanceId);
            EventDetails asOfInstance = series.Details with { Timing = series.Timing.WithStart(slot.LocalStart) };
            EventDetails wanted = change(asOfInstance) ?? throw new ArgumentNullException(nameof(change), "The change returned null.");
            RecurrenceSet set = SeriesExpander.SetOf(series.Details);
            bool isFirst = set.GetFirstOccurrence(Zone) is { } first && SeriesExpander.KeyOf(series.Details, first) == key;
            if (isFirst)
            {
                ValidateRecurrence(wanted);
                (CalendarEvent whole, List<InstanceOverride> removedWhole) = NextSeries(series, wanted, series.Commitments, series.Overrides);
                whole = await RebookIfMovedAsync(tx, series, whole, cancellationToken).ConfigureAwait(false);
                whole = await ReplaceAsync(tx, whole, series.Version, cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new SeriesSplitResult(null, whole, removedWhole);
            }

            Instant now = Clock.GetCurrentInstant();
            (IReadOnlyList<string> trimmedLines, IReadOnlyList<string> followingLines) = SeriesSplitter.Split(set, series.Details, key, Zone);
            bool ownRecurrence = !wanted.Recurrence.SequenceEqual(asOfInstance.Recurrence, StringComparer.Ordinal);
            EventDetails followingDetails = wanted with
            {
                Recurrence = ownRecurrence ? wanted.Recurrence : followingLines,
                Uid = string.Equals(wanted.Uid, series.Details.Uid, StringComparison.Ordinal) ? null : wanted.Uid,
            };
            ValidateRecurrence(followingDetails);

            // Exceptions from the chosen instance on move to the new series, shifted with its start.
            Duration shift = followingDetails.Timing.ToInterval(Zone).Start - slot.Interval.Start;
            if (slot.Override?.Timing is not null)
            {
                shift = followingDetails.Timing.ToInterval(Zone).Start - key.ToInstant(Zone);
            }
            var kept = series.Overrides.Where(o => o.OriginalStart < key).ToImmutableArray();
            CalendarEvent following = CalendarEvent.CreateNew(NewEventId(), followingDetails,
                [.. series.Commitments.Select(c => NewCommitment(c.AttendeeId, c.AttendeeType, c.Status) with { Role = c.Role, EffectiveStart = c.EffectiveStart, EffectiveEnd = c.EffectiveEnd })],
                now, splitFromId: series.Id);
            var moved = new List<InstanceOverride>();
            var removed = new List<InstanceOverride>();
            foreach (InstanceOverride o in series.Overrides.Where(o => o.OriginalStart >= key))
            {
                OriginalStart newKey = Shift(o.OriginalStart, shift);
                InstanceOverride rekeyed = Rekey(o, newKey) with { Timing = o.OriginalStart == key ? null : o.Timing };
                if (!rekeyed.IsEmpty && SeriesExpander.FindSlot(following, newKey, Zone) is not null)
                {
                    moved.Add(rekeyed);
                }
                else if (!rekeyed.IsEmpty)
                {
                    removed.Add(o);
                }
            }
            following = following.WithCommitments(following.Commitments, [.. moved]);
            CalendarEvent original = series.Next(series.Details with { Recurrence = trimmedLines }, series.Commitments, kept, now);
            original = await ReplaceAsync(tx, original, series.Version, cancellationToken).ConfigureAwait(false);
            if (!followingDetails.Timing.Equals(asOfInstance.Timing) || ownRecurrence)
            {
                following = await RebookAsync(tx, following, cancellationToken).ConfigureAwait(false);
            }
            following = following.BindTo(this);
            await tx.InsertEventAsync(following, SpanOf(following), cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SeriesSplitResult(original, following, removed);
        }
    }

    private async Task<CalendarEvent> GetInstanceByIdAsync(EventId instanceId, CancellationToken cancellationToken)
    {
        CalendarEvent e = await GetEventAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (!(e.IsInstance))
        {
            throw new ArgumentException($"'{instanceId}' is not an instance of a recurring event.", nameof(instanceId));
        }
        return e;
    }

    private async Task<CalendarEvent> UpdateInstanceAsync(CalendarEvent before, EventDetails details, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (!(!details.IsRecurring))
        {
            throw new ArgumentException($"Instance '{before.Id}' cannot have recurrence; change the series instead.", nameof(details));
        }
        return await ChangeInstanceAsync(before, expectedVersion, async (series, slot, tx) =>
        {
            Preconditions.CheckArgument(details.OrganizerId == series.OrganizerId, nameof(details), "An instance has its series' organizer.");
            Preconditions.CheckArgument(details.Uid is null || details.Uid == series.Uid, nameof(details), "An instance has its series' UID.");
            EventDetails derived = SeriesExpander.Derive(series.Details, slot.LocalStart);
            EventDetails wanted = details with { OrganizerId = derived.OrganizerId, Uid = derived.Uid };
            // Google's semantics: an instance whose status becomes CANCELLED is cancelled (hidden, restorable).
            bool cancel = wanted.Status == EventStatus.Cancelled;
            InstanceOverride updated = Existing(slot).WithFieldsOf(derived, cancel ? wanted with { Status = derived.Status } : wanted) with { IsCancelled = cancel };
            EventTiming oldTiming = slot.Override?.Timing ?? derived.Timing;
            if (!oldTiming.Equals(wanted.Timing))
            {
                updated = await RecheckInstanceAsync(tx, series, slot, updated, cancellationToken).ConfigureAwait(false);
            }
            return updated;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CalendarEvent> SetInstanceParticipationAsync(CalendarEvent before, AttendeeId attendee, ParticipationStatus status, long? expectedVersion, CancellationToken cancellationToken)
        => await ChangeInstanceAsync(before, expectedVersion, (series, slot, _) =>
        {
            Commitment c = series.FindCommitment(attendee)
                ?? throw new ArgumentException($"The attendee '{attendee}' is not on series '{series.Id}'; invite them to the series first.", nameof(attendee));
            return Task.FromResult(WithAnswer(Existing(slot), attendee, c.Status == status ? null : status));
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the series of an instance, applies a change to the instance's override, and writes the series.</summary>
    private async Task<CalendarEvent> ChangeInstanceAsync(CalendarEvent before, long? expectedVersion,
        Func<CalendarEvent, InstanceSlot, IStorageTransaction, Task<InstanceOverride>> change, CancellationToken cancellationToken)
    {
        EventId seriesId = before.RecurringEventId!.Value;
        OriginalStart key = before.OriginalStart!.Value;
        IStorageTransaction tx = await Storage.BeginTransactionAsync(LocksOf(before), cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent series = await ReadForWriteAsync(tx, seriesId, expectedVersion, cancellationToken).ConfigureAwait(false);
            InstanceSlot slot = SeriesExpander.FindSlot(series, key, Zone) ?? throw new EventNotFoundException(before.Id);
            InstanceOverride updated = await change(series, slot, tx).ConfigureAwait(false);
            if (updated.Equals(slot.Override ?? new InstanceOverride(key)))
            {
                return SeriesExpander.Instance(series.BindTo(this), slot);
            }
            ImmutableArray<InstanceOverride> overrides = [.. series.Overrides.Where(o => o.OriginalStart != key)];
            if (!updated.IsEmpty)
            {
                overrides = overrides.Add(updated);
            }
            CalendarEvent next = series.Next(series.Details, series.Commitments, overrides, Clock.GetCurrentInstant());
            next = await ReplaceAsync(tx, next, series.Version, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return SeriesExpander.Instance(next, SeriesExpander.FindSlot(next, key, Zone)!.Value);
        }
    }

    /// <summary>A moved instance: attendees with automatic policies answer again for that instance only.</summary>
    private async Task<InstanceOverride> RecheckInstanceAsync(IStorageTransaction tx, CalendarEvent series, InstanceSlot slot, InstanceOverride updated, CancellationToken cancellationToken)
    {
        CalendarEvent withChange = series.WithCommitments(series.Commitments, [.. series.Overrides.Where(o => o.OriginalStart != slot.Key), updated]);
        CalendarEvent instance = SeriesExpander.Instance(withChange.BindTo(this), SeriesExpander.FindSlot(withChange, slot.Key, Zone)!.Value);
        if (!BusyCalculator.EventBlocks(instance))
        {
            return updated;
        }
        foreach (Commitment c in series.Commitments)
        {
            if (await FindAttendeeAsync(c.AttendeeId, cancellationToken).ConfigureAwait(false) is { Policy.IsAutomatic: true } attendee)
            {
                InviteDecision decision = await DecideAsync(tx, instance, attendee, cancellationToken).ConfigureAwait(false);
                updated = WithAnswer(updated, attendee.Id, decision.Status == c.Status ? null : decision.Status);
            }
        }
        return updated;
    }

    /// <summary>The next version of a series with new fields, dropping exceptions that no longer apply.</summary>
    private (CalendarEvent Next, List<InstanceOverride> Removed) NextSeries(CalendarEvent current, EventDetails details,
        ImmutableArray<Commitment> commitments, ImmutableArray<InstanceOverride> overrides)
    {
        var removed = new List<InstanceOverride>();
        if (!details.IsRecurring)
        {
            removed.AddRange(overrides);
            return (current.Next(details, commitments, [], Clock.GetCurrentInstant()), removed);
        }
        CalendarEvent next = current.Next(details, commitments, overrides, Clock.GetCurrentInstant());
        bool reshaped = !current.Timing.Start.Equals(details.Timing.Start) || current.Timing.IsAllDay != details.Timing.IsAllDay
            || !string.Equals(current.Timing.Zone?.Id, details.Timing.Zone?.Id, StringComparison.Ordinal)
            || !current.Recurrence.SequenceEqual(details.Recurrence, StringComparer.Ordinal);
        if (!reshaped || overrides.IsEmpty)
        {
            return (next, removed);
        }
        var keep = new List<InstanceOverride>();
        foreach (InstanceOverride o in overrides)
        {
            // Membership in the new set, ignoring the override itself (a moved instance is found by its original start).
            CalendarEvent probe = next.WithCommitments(commitments, []);
            (SeriesExpander.FindSlot(probe, o.OriginalStart, Zone) is null ? removed : keep).Add(o);
        }
        return (next.WithCommitments(commitments, [.. keep]), removed);
    }

    private async Task<CalendarEvent> RebookIfMovedAsync(IStorageTransaction tx, CalendarEvent current, CalendarEvent next, CancellationToken cancellationToken)
    {
        bool moved = !current.Timing.Equals(next.Timing) || !current.Recurrence.SequenceEqual(next.Recurrence, StringComparer.Ordinal);
        bool nowBlocks = BusyCalculator.EventBlocks(next) && !BusyCalculator.EventBlocks(current);
        return BusyCalculator.EventBlocks(next) && (moved || nowBlocks)
            ? await RebookAsync(tx, next, cancellationToken).ConfigureAwait(false)
            : next;
    }

    private static InstanceOverride Existing(InstanceSlot slot) => slot.Override ?? new InstanceOverride(slot.Key);

    private static OriginalStart Shift(OriginalStart key, Duration shift)
        => key.IsDate
            ? OriginalStart.FromDate(key.Date.PlusDays((int)Math.Round(shift.TotalDays)))
            : OriginalStart.FromInstant(key.Instant + shift);

    private static InstanceOverride Rekey(InstanceOverride o, OriginalStart key)
        => new InstanceOverride(key)
        {
            IsCancelled = o.IsCancelled,
            Title = o.Title,
            Description = o.Description,
            Location = o.Location,
            Timing = o.Timing,
            Status = o.Status,
            Transparency = o.Transparency,
            AccessClass = o.AccessClass,
            Categories = o.Categories,
            Participation = o.Participation,
        };
}
