using System.Collections.Generic;
using Calcore.Attendees;
using Calcore.Events;
using NodaTime;

namespace Calcore.Scheduling.Internal;

/// <summary>The busy rule, interval merging and free-period search (pure functions).</summary>
internal static class BusyCalculator
{
    /// <summary>Whether an event blocks one attendee, and how: not when the event is transparent or cancelled or the
    /// attendee declined or delegated; busy-tentative when the event is TENTATIVE or the answer TENTATIVE or NEEDS-ACTION.</summary>
    internal static BusyType? Classify(CalendarEvent e, Commitment c)
    {
        if (!EventBlocks(e) || !c.BlocksTime)
        {
            return null;
        }
        return e.Status == EventStatus.Tentative || c.Status is ParticipationStatus.Tentative or ParticipationStatus.NeedsAction
            ? BusyType.BusyTentative
            : BusyType.Busy;
    }

    /// <summary>Whether an event blocks anybody's time at all (not transparent, not cancelled).</summary>
    internal static bool EventBlocks(CalendarEvent e)
        => e.Transparency == Transparency.Opaque && e.Status != EventStatus.Cancelled;

    /// <summary>Sorts and merges intervals that overlap or touch.</summary>
    internal static List<Interval> Merge(List<Interval> intervals)
    {
        intervals.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<Interval>(intervals.Count);
        foreach (Interval i in intervals)
        {
            if (merged.Count > 0 && i.Start <= merged[^1].End)
            {
                Interval last = merged[^1];
                merged[^1] = new Interval(last.Start, Max(last.End, i.End));
            }
            else
            {
                merged.Add(i);
            }
        }
        return merged;
    }

    /// <summary>Merges busy periods into disjoint ones ordered by start: busy where any is busy, busy-tentative where the
    /// rest are.</summary>
    internal static List<BusyPeriod> Combine(IEnumerable<BusyPeriod> periods)
    {
        var busy = new List<Interval>();
        var tentative = new List<Interval>();
        foreach (BusyPeriod p in periods)
        {
            (p.Type == BusyType.Busy ? busy : tentative).Add(p.Period);
        }
        List<Interval> mergedBusy = Merge(busy);
        var result = new List<BusyPeriod>();
        foreach (Interval i in mergedBusy)
        {
            result.Add(new BusyPeriod(i, BusyType.Busy));
        }
        foreach (Interval i in Subtract(Merge(tentative), mergedBusy))
        {
            result.Add(new BusyPeriod(i, BusyType.BusyTentative));
        }
        result.Sort((a, b) => a.Period.Start.CompareTo(b.Period.Start));
        return result;
    }

    /// <summary>The parts of <paramref name="from"/> not covered by the sorted, disjoint <paramref name="cut"/>.</summary>
    internal static List<Interval> Subtract(List<Interval> from, List<Interval> cut)
    {
        var result = new List<Interval>();
        int j = 0;
        foreach (Interval interval in from)
        {
            Instant cursor = interval.Start;
            while (j < cut.Count && cut[j].End <= cursor)
            {
                j++;
            }
            for (int k = j; k < cut.Count && cut[k].Start < interval.End; k++)
            {
                if (cut[k].Start > cursor)
                {
                    result.Add(new Interval(cursor, cut[k].Start));
                }
                cursor = Max(cursor, cut[k].End);
            }
            if (cursor < interval.End)
            {
                result.Add(new Interval(cursor, interval.End));
            }
        }
        return result;
    }

    /// <summary>Clips an interval to a window, or null when they do not overlap.</summary>
    internal static Interval? Clip(Interval interval, Interval window)
    {
        Instant start = Max(interval.Start, window.Start);
        Instant end = Min(interval.End, window.End);
        return start < end ? new Interval(start, end) : null;
    }

    /// <summary>The working part of each day that meets the window, in a zone.</summary>
    internal static List<Interval> WorkingPeriods(Interval window, WorkingHours hours, DateTimeZone zone)
    {
        var result = new List<Interval>();
        LocalDate first = window.Start.InZone(zone).Date;
        LocalDate last = window.End.InZone(zone).Date;
        for (LocalDate day = first; day <= last; day = day.PlusDays(1))
        {
            Instant start = day.At(hours.Start).InZoneLeniently(zone).ToInstant();
            Instant end = hours.End == LocalTime.Midnight
                ? zone.AtStartOfDay(day.PlusDays(1)).ToInstant()
                : day.At(hours.End).InZoneLeniently(zone).ToInstant();
            if (Clip(new Interval(start, end), window) is { } clipped)
            {
                result.Add(clipped);
            }
        }
        return result;
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
