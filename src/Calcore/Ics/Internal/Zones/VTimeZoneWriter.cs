using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NodaTime;
using NodaTime.TimeZones;

namespace Calcore.Ics.Internal.Zones;

/// <summary>Writes a tzdb zone as a VTIMEZONE component for the years a file uses (RFC 5545 §3.6.5; issue #14,
/// item 4).</summary>
/// <remarks>
/// <para>The transitions are the zone's own (its zone intervals) from 1 January of the first year to the end of the
/// last year, UTC. They are grouped by kind (DAYLIGHT when the interval after the transition has daylight savings,
/// or follows one with negative savings as Europe/Dublin's winter has in tzdb; otherwise STANDARD), offsets and name. Within a group, consecutive years whose transitions fall in the same month
/// at the same wall time on the same kind of day (the nth or last weekday of the month, or a fixed day of the month)
/// become one observance with a yearly RRULE (<c>FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU</c>), when the zone follows that
/// rule for at least two years (counting the year before and the year after the range). The RRULE has an UNTIL (the
/// last transition, UTC) when the zone stops following it before the year after the range; otherwise it is open,
/// as readers expect of a current rule. The remaining transitions of a group form one observance with its first
/// transition as DTSTART and RDATEs for the rest. A zone without transitions in the range (a fixed offset, UTC, or a
/// zone that abolished daylight saving earlier) gives one STANDARD observance starting on 1 January of the first year.
/// </para>
/// <para>DTSTART is the transition's wall time in the offset before it (TZOFFSETFROM), as RFC 5545 requires. Observances
/// are ordered by their first transition (STANDARD first on a tie) and properties in a fixed order, so the same input
/// always gives the same component. Thread-safe (no state).</para>
/// </remarks>
internal static class VTimeZoneWriter
{
    private static readonly string[] DayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    /// <summary>Builds the VTIMEZONE of a zone for the years <paramref name="fromYear"/> to <paramref name="toYear"/>
    /// (inclusive).</summary>
    internal static IcsComponent Build(DateTimeZone zone, int fromYear, int toYear)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (fromYear > toYear)
        {
            (fromYear, toYear) = (toYear, fromYear);
        }
        fromYear = Math.Clamp(fromYear, 2, 9997);
        toYear = Math.Clamp(toYear, fromYear, 9997);
        Instant start = Instant.FromUtc(fromYear, 1, 1, 0, 0);
        Instant end = Instant.FromUtc(toYear + 1, 1, 1, 0, 0);
        List<ZoneInterval> intervals = [.. zone.GetZoneIntervals(start, end)];
        List<Onset> onsets = Transitions(intervals, start);

        var observances = new List<Observance>();
        if (onsets.Count == 0)
        {
            ZoneInterval only = intervals[0];
            observances.Add(new Observance(new Onset(start, new LocalDateTime(fromYear, 1, 1, 0, 0), only.WallOffset, only.WallOffset, only.Name, false),
                null, []));
        }
        else
        {
            // Transitions just outside the range tell whether a rule started before it or goes on after it.
            List<Onset> before = Transitions([.. zone.GetZoneIntervals(Instant.FromUtc(fromYear - 1, 1, 1, 0, 0), start)], Instant.MinValue);
            List<Onset> after = Transitions([.. zone.GetZoneIntervals(end, Instant.FromUtc(toYear + 2, 1, 1, 0, 0))], end - Duration.FromSeconds(1));
            foreach (var group in onsets.GroupBy(o => o.Kind).OrderBy(g => g.First().Instant))
            {
                observances.AddRange(Observances([.. group], before, after, toYear));
            }
        }
        var components = observances
            .OrderBy(o => o.First.Instant)
            .ThenBy(o => o.First.IsDaylight)
            .Select(ToComponent)
            .ToList();
        return new IcsComponent("VTIMEZONE", [new IcsProperty("TZID", zone.Id)], components);
    }

    private static List<Onset> Transitions(List<ZoneInterval> intervals, Instant after)
    {
        var onsets = new List<Onset>();
        for (int i = 1; i < intervals.Count; i++)
        {
            ZoneInterval zi = intervals[i];
            if (!zi.HasStart || zi.Start <= after)
            {
                continue;
            }
            Offset from = intervals[i - 1].WallOffset;
            // tzdb gives Europe/Dublin a negative saving in winter; iCalendar readers expect summer as DAYLIGHT, so
            // the interval after one with a negative saving counts as daylight time, and one with a negative saving
            // as standard time.
            bool daylight = zi.Savings > Offset.Zero || (zi.Savings == Offset.Zero && intervals[i - 1].Savings < Offset.Zero);
            onsets.Add(new Onset(zi.Start, zi.Start.WithOffset(from).LocalDateTime, from, zi.WallOffset, zi.Name, daylight));
        }
        return onsets;
    }

    private static IEnumerable<Observance> Observances(List<Onset> group, List<Onset> before, List<Onset> after, int toYear)
    {
        var singles = new List<Onset>();
        int i = 0;
        while (i < group.Count)
        {
            Pattern patterns = Patterns(group[i]);
            int j = i + 1;
            while (j < group.Count && Follows(group[j - 1], group[j]) && (patterns & Common(group[i], group[j])) != 0)
            {
                patterns &= Common(group[i], group[j]);
                j++;
            }
            Onset first = group[i];
            Onset last = group[j - 1];
            Onset? previous = before.FirstOrDefault(b => b.Kind == first.Kind && Follows(b, first) && (Common(first, b) & patterns) != 0);
            Onset? next = last.Local.Year >= toYear
                ? after.FirstOrDefault(a => a.Kind == last.Kind && Follows(last, a) && (Common(first, a) & patterns) != 0)
                : null;
            if (previous is not null)
            {
                patterns &= Common(first, previous);
            }
            if (next is not null)
            {
                patterns &= Common(first, next);
            }
            int years = (j - i) + (previous is null ? 0 : 1) + (next is null ? 0 : 1);
            if (years >= 2 && patterns != 0)
            {
                yield return new Observance(first, Rule(first, patterns, next is null ? last.Instant : null), []);
            }
            else
            {
                singles.AddRange(group.Skip(i).Take(j - i));
            }
            i = j;
        }
        if (singles.Count > 0)
        {
            yield return new Observance(singles[0], null, [.. singles.Skip(1)]);
        }
    }

    /// <summary>Whether <paramref name="b"/> is the same yearly transition as <paramref name="a"/>, a year later.</summary>
    private static bool Follows(Onset a, Onset b)
        => b.Local.Year == a.Local.Year + 1 && b.Local.Month == a.Local.Month && b.Local.TimeOfDay == a.Local.TimeOfDay;

    [Flags]
    private enum Pattern
    {
        None = 0,
        LastWeekday = 1,
        NthWeekday = 2,
        MonthDay = 4,
    }

    private static Pattern Patterns(Onset o)
    {
        LocalDate d = o.Local.Date;
        Pattern p = Pattern.MonthDay;
        if ((d.Day - 1) / 7 < 4)
        {
            p |= Pattern.NthWeekday;
        }
        if (d.Day + 7 > d.Calendar.GetDaysInMonth(d.Year, d.Month))
        {
            p |= Pattern.LastWeekday;
        }
        return p;
    }

    /// <summary>The patterns of <paramref name="first"/> that describe <paramref name="other"/> too (same weekday and
    /// ordinal, same weekday and both last, or the same day of the month).</summary>
    private static Pattern Common(Onset first, Onset other)
    {
        LocalDate a = first.Local.Date;
        LocalDate b = other.Local.Date;
        Pattern both = Patterns(first) & Patterns(other);
        Pattern result = Pattern.None;
        if ((both & Pattern.MonthDay) != 0 && a.Day == b.Day)
        {
            result |= Pattern.MonthDay;
        }
        if (a.DayOfWeek == b.DayOfWeek)
        {
            if ((both & Pattern.LastWeekday) != 0)
            {
                result |= Pattern.LastWeekday;
            }
            if ((both & Pattern.NthWeekday) != 0 && (a.Day - 1) / 7 == (b.Day - 1) / 7)
            {
                result |= Pattern.NthWeekday;
            }
        }
        return result;
    }

    private static string Rule(Onset first, Pattern patterns, Instant? until)
    {
        LocalDate d = first.Local.Date;
        var sb = new StringBuilder("FREQ=YEARLY;BYMONTH=").Append(d.Month.ToString(CultureInfo.InvariantCulture));
        string day = DayCodes[(int)d.DayOfWeek - 1];
        if ((patterns & Pattern.LastWeekday) != 0)
        {
            sb.Append(";BYDAY=-1").Append(day);
        }
        else if ((patterns & Pattern.NthWeekday) != 0)
        {
            sb.Append(";BYDAY=").Append(((d.Day - 1) / 7) + 1).Append(day);
        }
        else
        {
            sb.Append(";BYMONTHDAY=").Append(d.Day.ToString(CultureInfo.InvariantCulture));
        }
        if (until is Instant u)
        {
            sb.Append(";UNTIL=").Append(ZoneValues.FormatUtc(u));
        }
        return sb.ToString();
    }

    private static IcsComponent ToComponent(Observance o)
    {
        var properties = new List<IcsProperty>
        {
            new("DTSTART", ZoneValues.FormatLocal(o.First.Local)),
            new("TZOFFSETFROM", ZoneValues.FormatOffset(o.First.From)),
            new("TZOFFSETTO", ZoneValues.FormatOffset(o.First.To)),
            new("TZNAME", EscapeText(o.First.Name)),
        };
        if (o.Rule is not null)
        {
            properties.Add(new IcsProperty("RRULE", o.Rule));
        }
        foreach (Onset rd in o.RecurrenceDates)
        {
            properties.Add(new IcsProperty("RDATE", ZoneValues.FormatLocal(rd.Local)));
        }
        return new IcsComponent(o.First.IsDaylight ? "DAYLIGHT" : "STANDARD", properties);
    }

    private static string EscapeText(string text)
        => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal);

    /// <summary>One transition: its instant, its wall time in the offset before it, the offsets, the name after it.</summary>
    private sealed record Onset(Instant Instant, LocalDateTime Local, Offset From, Offset To, string Name, bool IsDaylight)
    {
        public (bool, Offset, Offset, string) Kind => (IsDaylight, From, To, Name);
    }

    private sealed record Observance(Onset First, string? Rule, List<Onset> RecurrenceDates);
}
