using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Calcore.Attendees;
using Calcore.Recurrence;
using NodaTime;

namespace Calcore.Events.Internal;

/// <summary>The rules of editing a series, as pure functions from one snapshot to the next: whole-series changes that
/// keep the exceptions that still apply, per-instance changes, and the "this and following" split.</summary>
/// <remarks>Nothing here touches storage or decides bookings; the engine reads, calls these, lets its scheduling layer
/// re-book rooms where something moved, and writes the result in one unit of work.</remarks>
internal static class SeriesEditor
{
    /// <summary>The next version of an event with new fields; for a series whose start or recurrence changed, the
    /// exceptions whose original start is no longer an instance are dropped and returned.</summary>
    internal static (CalendarEvent Next, List<InstanceOverride> Removed) WithDetails(CalendarEvent current, EventDetails details, Instant now, DateTimeZone zone)
    {
        var removed = new List<InstanceOverride>();
        if (!details.IsRecurring)
        {
            removed.AddRange(current.Overrides);
            return (current.Next(details, current.Commitments, [], now), removed);
        }
        CalendarEvent next = current.Next(details, current.Commitments, current.Overrides, now);
        bool reshaped = !current.Timing.Start.Equals(details.Timing.Start) || current.Timing.IsAllDay != details.Timing.IsAllDay
            || !string.Equals(current.Timing.Zone?.Id, details.Timing.Zone?.Id, StringComparison.Ordinal)
            || !current.Recurrence.SequenceEqual(details.Recurrence, StringComparer.Ordinal);
        if (!reshaped || current.Overrides.IsEmpty)
        {
            return (next, removed);
        }
        // Membership in the new set, ignoring the overrides themselves (a moved instance is found by its original start).
        CalendarEvent probe = next.WithCommitments(current.Commitments, []);
        var keep = new List<InstanceOverride>();
        foreach (InstanceOverride o in current.Overrides)
        {
            (SeriesExpander.FindSlot(probe, o.OriginalStart, zone) is null ? removed : keep).Add(o);
        }
        return (next.WithCommitments(current.Commitments, [.. keep]), removed);
    }

    /// <summary>Whether a change moved an event in time (its timing or its recurrence).</summary>
    internal static bool Moved(CalendarEvent before, CalendarEvent after)
        => !before.Timing.Equals(after.Timing) || !before.Recurrence.SequenceEqual(after.Recurrence, StringComparer.Ordinal);

    /// <summary>The next version of a series with one instance's override replaced (or removed when empty).</summary>
    internal static CalendarEvent WithOverride(CalendarEvent series, OriginalStart key, InstanceOverride updated, Instant now)
    {
        ImmutableArray<InstanceOverride> overrides = [.. series.Overrides.Where(o => o.OriginalStart != key)];
        if (!updated.IsEmpty)
        {
            overrides = overrides.Add(updated);
        }
        return series.Next(series.Details, series.Commitments, overrides, now);
    }

    /// <summary>The override an instance has, or an empty one.</summary>
    internal static InstanceOverride Existing(InstanceSlot slot) => slot.Override ?? new InstanceOverride(slot.Key);

    /// <summary>The override of an instance whose fields change to <paramref name="wanted"/>: only the fields that differ
    /// from the series are kept; a status of CANCELLED cancels the instance (Google Calendar's semantics).</summary>
    internal static InstanceOverride WithFields(CalendarEvent series, InstanceSlot slot, EventDetails wanted, string paramName)
    {
        if (wanted.IsRecurring)
        {
            throw new ArgumentException($"Instance '{EventId.ForInstance(series.Id, slot.Key)}' cannot have recurrence; change the series instead.", paramName);
        }
        if (wanted.OrganizerId != series.OrganizerId)
        {
            throw new ArgumentException("An instance has its series' organizer.", paramName);
        }
        if (wanted.Uid is not null && wanted.Uid != series.Uid)
        {
            throw new ArgumentException("An instance has its series' UID.", paramName);
        }
        EventDetails derived = SeriesExpander.Derive(series.Details, slot.LocalStart);
        wanted = wanted with { OrganizerId = derived.OrganizerId, Uid = derived.Uid };
        bool cancel = wanted.Status == EventStatus.Cancelled;
        return Existing(slot).WithFieldsOf(derived, cancel ? wanted with { Status = derived.Status } : wanted) with { IsCancelled = cancel };
    }

    /// <summary>Sets (or, with null, clears) one attendee's answer for one instance.</summary>
    internal static InstanceOverride WithAnswer(InstanceOverride o, AttendeeId attendee, ParticipationStatus? status)
    {
        var answers = new Dictionary<AttendeeId, ParticipationStatus>(o.Participation);
        if (status is { } s)
        {
            answers[attendee] = s;
        }
        else
        {
            answers.Remove(attendee);
        }
        return o with { Participation = answers };
    }

    /// <summary>The result of cutting a series at one of its instances.</summary>
    internal readonly record struct Split(CalendarEvent Original, CalendarEvent Following, List<InstanceOverride> Removed, bool Moved);

    /// <summary>Cuts a series at an instance that is not its first: the original is trimmed to end just before it, and a
    /// new series (<paramref name="followingId"/>) starts there with the change, taking the exceptions and answers from
    /// that instance on (shifted when the change moves the start).</summary>
    /// <param name="series">The stored series.</param>
    /// <param name="slot">The chosen instance.</param>
    /// <param name="asOfInstance">The series' fields as of the chosen instance.</param>
    /// <param name="wanted">The caller's new fields for the following series.</param>
    /// <param name="followingId">The new series' id.</param>
    /// <param name="now">The time of the change.</param>
    /// <param name="zone">The engine's zone.</param>
    /// <param name="paramName">The parameter the change came in.</param>
    internal static Split SplitAt(CalendarEvent series, InstanceSlot slot, EventDetails asOfInstance, EventDetails wanted, EventId followingId,
        Instant now, DateTimeZone zone, string paramName)
    {
        OriginalStart key = slot.Key;
        RecurrenceSet set = SeriesExpander.SetOf(series.Details);
        (IReadOnlyList<string> trimmedLines, IReadOnlyList<string> followingLines) = SeriesSplitter.Split(set, series.Details, key, zone);
        bool ownRecurrence = !wanted.Recurrence.SequenceEqual(asOfInstance.Recurrence, StringComparer.Ordinal);
        EventDetails followingDetails = wanted with
        {
            Recurrence = ownRecurrence ? wanted.Recurrence : followingLines,
            Uid = string.Equals(wanted.Uid, series.Details.Uid, StringComparison.Ordinal) ? null : wanted.Uid,
        };
        SeriesExpander.Validate(followingDetails, paramName);

        // Exceptions from the chosen instance on move to the new series, shifted with its start.
        Instant followingStart = followingDetails.Timing.ToInterval(zone).Start;
        Duration shift = slot.Override?.Timing is not null ? followingStart - key.ToInstant(zone) : followingStart - slot.Interval.Start;
        CalendarEvent following = CalendarEvent.CreateNew(followingId, followingDetails,
            [.. series.Commitments.Select(c => Commitment.CreateNew(c.AttendeeId, c.AttendeeType, c.Status) with
            {
                Role = c.Role,
                EffectiveStart = c.EffectiveStart,
                EffectiveEnd = c.EffectiveEnd,
            })],
            now, splitFromId: series.Id);
        var moved = new List<InstanceOverride>();
        var removed = new List<InstanceOverride>();
        foreach (InstanceOverride o in series.Overrides.Where(o => o.OriginalStart >= key))
        {
            OriginalStart newKey = Shift(o.OriginalStart, shift);
            InstanceOverride rekeyed = Rekey(o, newKey) with { Timing = o.OriginalStart == key ? null : o.Timing };
            if (rekeyed.IsEmpty)
            {
                continue;
            }
            if (SeriesExpander.FindSlot(following, newKey, zone) is not null)
            {
                moved.Add(rekeyed);
            }
            else
            {
                removed.Add(o);
            }
        }
        following = following.WithCommitments(following.Commitments, [.. moved]);
        var kept = series.Overrides.Where(o => o.OriginalStart < key).ToImmutableArray();
        CalendarEvent original = series.Next(series.Details with { Recurrence = trimmedLines }, series.Commitments, kept, now);
        // Moved: the new first instance is not where the chosen instance was (its own moved time, if it had one).
        return new Split(original, following, removed, !followingDetails.Timing.Equals(slot.Override?.Timing ?? asOfInstance.Timing) || ownRecurrence);
    }

    private static OriginalStart Shift(OriginalStart key, Duration shift)
        => key.IsDate
            ? OriginalStart.FromDate(key.Date.PlusDays((int)Math.Round(shift.TotalDays)))
            : OriginalStart.FromInstant(key.Instant + shift);

    private static InstanceOverride Rekey(InstanceOverride o, OriginalStart key)
        => new(key)
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
