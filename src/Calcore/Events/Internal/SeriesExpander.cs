using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Calcore.Attendees;
using Calcore.Internal;
using Calcore.Recurrence;
using NodaTime;

namespace Calcore.Events.Internal;

/// <summary>One instance of a series as placed on the time line: its key, its interval, and its override.</summary>
internal readonly record struct InstanceSlot(OriginalStart Key, LocalDateTime LocalStart, Interval Interval, InstanceOverride? Override)
{
    internal bool IsCancelled => Override is { IsCancelled: true };
}

/// <summary>Turns a stored series into its instances: the recurrence set, spans, slots in a window, instance snapshots.</summary>
/// <remarks>Thread-safe: the set cache is a <see cref="ConditionalWeakTable{TKey, TValue}"/> keyed by immutable details.</remarks>
internal static class SeriesExpander
{
    private static readonly ConditionalWeakTable<EventDetails, RecurrenceSet> Sets = [];

    /// <summary>The recurrence set of a series: DTSTART from its timing, then its recurrence lines.</summary>
    /// <exception cref="RecurrenceParseException">A line does not parse.</exception>
    internal static RecurrenceSet SetOf(EventDetails details)
        => Sets.GetValue(details, static d => d.Timing.IsAllDay
            ? RecurrenceSet.FromLines(d.Timing.StartDate, d.Recurrence)
            : RecurrenceSet.FromLines(d.Timing.Start, d.Timing.Zone, d.Recurrence));

    /// <summary>Checks a series' recurrence against its start, the one place recurrence text is validated: a line that is
    /// not a recurrence line, or does not parse, is refused before anything is written.</summary>
    /// <param name="details">The event's fields (a single event passes).</param>
    /// <param name="paramName">The parameter the caller passed the fields in.</param>
    /// <exception cref="ArgumentException">The start of a series is not a whole second.</exception>
    /// <exception cref="RecurrenceParseException">A line is not a recurrence line or does not parse (reported against
    /// <paramref name="paramName"/>, with the line's one-based index and the position in it).</exception>
    internal static void Validate(EventDetails details, string paramName)
    {
        if (!details.IsRecurring)
        {
            return;
        }
        Preconditions.CheckArgument(details.Timing.Start.NanosecondOfSecond == 0, paramName, "A recurring event's start must be a whole second.");
        try
        {
            _ = SetOf(details);
        }
        catch (RecurrenceParseException e)
        {
            throw e.ForParameter(paramName);
        }
    }

    /// <summary>The key of an occurrence.</summary>
    internal static OriginalStart KeyOf(EventDetails details, Occurrence o)
        => details.Timing.IsAllDay ? OriginalStart.FromDate(o.LocalStart.Date) : OriginalStart.FromInstant(o.Start);

    /// <summary>The fields the series gives one of its instances, before any override.</summary>
    internal static EventDetails Derive(EventDetails series, LocalDateTime localStart)
        => series with { Timing = series.Timing.WithStart(localStart), Recurrence = [] };

    /// <summary>The span of an event: a single event's interval; for a series, from its first instance's start to its
    /// last instance's end (open for an unbounded series), widened by any moved instance.</summary>
    internal static Interval SpanOf(CalendarEvent e, DateTimeZone zone)
    {
        if (!e.IsRecurring)
        {
            return e.ToInterval(zone);
        }
        RecurrenceSet set = SetOf(e.Details);
        Interval dtstart = e.ToInterval(zone);
        Occurrence? first = set.GetFirstOccurrence(zone);
        Instant start = first is { } f ? IntervalAt(e.Details, f.LocalStart, zone).Start : dtstart.Start;
        Instant? end = dtstart.End;
        if (!set.IsBounded)
        {
            end = null;
        }
        else if (set.GetLastOccurrence(zone) is { } last)
        {
            // Instances that would end after 9999-12-31 are not instances of the event (see SlotsIn): the span stays open.
            end = e.Timing.FitsAt(last.LocalStart) ? IntervalAt(e.Details, last.LocalStart, zone).End : null;
        }
        foreach (InstanceOverride o in e.Overrides)
        {
            if (o.Timing is { } moved)
            {
                Interval i = moved.ToInterval(zone);
                start = i.Start < start ? i.Start : start;
                end = end is { } x && i.End > x ? i.End : end;
            }
        }
        return new Interval(start, end);
    }

    /// <summary>The instances of a series that overlap a window (cancelled ones included), ordered by start; at most
    /// <paramref name="limit"/> of the rule's occurrences are looked at (the booking gate's bound).</summary>
    internal static List<InstanceSlot> SlotsIn(CalendarEvent series, Interval window, DateTimeZone zone, int limit = int.MaxValue)
    {
        RecurrenceSet set = SetOf(series.Details);
        EventTiming timing = series.Timing;
        // All-day instances last whole days, which are 23 to 25 hours where the zone changes offset: widen, then filter exactly.
        Duration reach = timing.IsAllDay ? timing.Duration + Duration.FromHours(3) : timing.Duration;
        var slots = new List<InstanceSlot>();
        var seen = series.Overrides.IsEmpty ? null : new HashSet<OriginalStart>();
        // Overrides looked up per occurrence: a dictionary once a series has more than a few.
        Dictionary<OriginalStart, InstanceOverride>? byKey = series.Overrides.Length > 8
            ? series.Overrides.ToDictionary(o => o.OriginalStart)
            : null;
        int looked = 0;
        foreach (Occurrence o in set.GetOccurrences(window, reach, zone))
        {
            if (++looked > limit)
            {
                break;
            }
            if (!timing.FitsAt(o.LocalStart))
            {
                // An instance outside the range an event can have (the last day of year 9999): the series ends before it.
                continue;
            }
            OriginalStart key = KeyOf(series.Details, o);
            InstanceOverride? ovr = series.Overrides.IsEmpty ? null
                : byKey is not null ? byKey.GetValueOrDefault(key)
                : series.FindOverride(key);
            seen?.Add(key);
            Interval interval = ovr?.Timing is { } moved ? moved.ToInterval(zone) : IntervalOf(timing, o, zone);
            if (SpanMath.Overlaps(interval, window))
            {
                slots.Add(new InstanceSlot(key, o.LocalStart, interval, ovr));
            }
        }
        foreach (InstanceOverride ovr in series.Overrides)
        {
            if (ovr.Timing is { } moved && !seen!.Contains(ovr.OriginalStart) && SpanMath.Overlaps(moved.ToInterval(zone), window)
                && FindSlot(series, ovr.OriginalStart, zone) is { } slot)
            {
                slots.Add(slot);
            }
        }
        slots.Sort((a, b) => a.Interval.Start.CompareTo(b.Interval.Start) is var c && c != 0 ? c : a.Key.CompareTo(b.Key));
        return slots;
    }

    /// <summary>The instance with a given original start, or null when the series has none there.</summary>
    internal static InstanceSlot? FindSlot(CalendarEvent series, OriginalStart key, DateTimeZone zone)
    {
        if (key.IsDate != series.Timing.IsAllDay)
        {
            return null;
        }
        RecurrenceSet set = SetOf(series.Details);
        Occurrence? o = key.IsDate
            ? set.FindOccurrenceByOriginalStart(key.Date.AtMidnight(), zone)
            : set.FindOccurrence(key.Instant, zone);
        if (o is not { } occurrence || !series.Timing.FitsAt(occurrence.LocalStart))
        {
            return null;
        }
        InstanceOverride? ovr = series.FindOverride(key);
        Interval interval = ovr?.Timing is { } moved ? moved.ToInterval(zone) : IntervalAt(series.Details, occurrence.LocalStart, zone);
        return new InstanceSlot(key, occurrence.LocalStart, interval, ovr);
    }

    /// <summary>The snapshot of one instance.</summary>
    internal static CalendarEvent Instance(CalendarEvent series, InstanceSlot slot)
    {
        EventDetails derived = Derive(series.Details, slot.LocalStart);
        EventDetails details = slot.Override?.Apply(derived) ?? derived;
        return CalendarEvent.CreateInstance(series, slot.Key, details, CommitmentsOf(series, slot.Override, slot.Interval.Start));
    }

    /// <summary>The series' commitments with the answers given for one instance; an attendee whose commitment is not
    /// effective when the instance starts (a booking truncated at the end of a booking window) is NEEDS-ACTION there:
    /// not booked, and the commitment's effective period says why.</summary>
    internal static ImmutableArray<Commitment> CommitmentsOf(CalendarEvent series, InstanceOverride? ovr, Instant instanceStart)
    {
        bool limited = series.Commitments.Any(c => !c.IsEffectiveAt(instanceStart));
        if (!limited && (ovr is null || ovr.Participation.Count == 0))
        {
            return series.Commitments;
        }
        var builder = series.Commitments.ToBuilder();
        for (int i = 0; i < builder.Count; i++)
        {
            if (!builder[i].IsEffectiveAt(instanceStart))
            {
                builder[i] = builder[i] with { Status = ParticipationStatus.NeedsAction };
            }
            else if (ovr is not null && ovr.Participation.TryGetValue(builder[i].AttendeeId, out ParticipationStatus status))
            {
                builder[i] = builder[i] with { Status = status };
            }
        }
        return builder.ToImmutable();
    }

    /// <summary>The status of one attendee for one instance (the instance's own answer, else the series').</summary>
    internal static ParticipationStatus? StatusOf(CalendarEvent series, InstanceOverride? ovr, AttendeeId attendee)
        => ovr is not null && ovr.Participation.TryGetValue(attendee, out ParticipationStatus s) ? s : series.FindCommitment(attendee)?.Status;

    /// <summary>An occurrence's interval without building its timing: the engine already placed its start.</summary>
    private static Interval IntervalOf(EventTiming timing, Occurrence o, DateTimeZone zone)
        => timing.IsAllDay
            ? new Interval(zone.AtStartOfDay(o.LocalStart.Date).ToInstant(), zone.AtStartOfDay(o.LocalStart.Date.PlusDays(timing.Days)).ToInstant())
            : new Interval(o.Start, o.Start + timing.Duration);

    private static Interval IntervalAt(EventDetails series, LocalDateTime localStart, DateTimeZone zone)
        => series.Timing.WithStart(localStart).ToInterval(zone);
}
