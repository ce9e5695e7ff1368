using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace Calcore.Recurrence.Internal;

/// <summary>
/// A rule prepared for fast expansion from a given DTSTART: defaults filled in from DTSTART
/// (RFC 5545 §3.3.10), lists turned into bit masks and lookup tables. Immutable and thread-safe.
/// </summary>
internal sealed class CompiledRule
{
    internal const long YearlyEmptyLimit = 400;       // 400 Gregorian years repeat exactly
    internal const long MonthlyEmptyLimit = 4800;     // 400 years of months
    internal const long WeeklyEmptyLimit = 20871;     // 400 years of weeks
    internal const long DailyEmptyLimit = 146097;     // 400 years of days
    internal const long HourlyEmptyLimit = 146097L * 24;      // 400 years of hours
    internal const long MinutelyEmptyLimit = 146097L * 1440;  // 400 years of minutes
    internal const long SecondlyEmptyLimit = 146097L * 86400; // 400 years of seconds

    /// <summary>Cap on consecutive loop iterations without an instance (each iteration skips at least one period).</summary>
    internal const long EmptyIterationLimit = 1_000_000;

    private System.Collections.Concurrent.ConcurrentDictionary<(string Zone, bool Forced), long>? _countEnds;

    /// <param name="rule">The rule as written.</param>
    /// <param name="dtLocal">DTSTART's local seconds.</param>
    /// <param name="dateStart">
    /// True when DTSTART is a DATE: BYHOUR, BYMINUTE and BYSECOND are then ignored (RFC 5545 §3.3.10: they
    /// "MUST be ignored" with a DATE DTSTART), so the rule expands as if they were absent.
    /// </param>
    internal CompiledRule(RecurrenceRule rule, long dtLocal, bool dateStart = false)
    {
        IReadOnlyList<int> byHour = dateStart ? [] : rule.ByHour;
        IReadOnlyList<int> byMinute = dateStart ? [] : rule.ByMinute;
        IReadOnlyList<int> bySecond = dateStart ? [] : rule.BySecond;
        Freq = rule.Frequency;
        Interval = rule.Interval;
        Count = rule.End.Kind == RecurrenceEndKind.Count ? rule.End.Count!.Value : 0;
        UntilKind = rule.End.Kind is RecurrenceEndKind.Count or RecurrenceEndKind.Never ? RecurrenceEndKind.Never : rule.End.Kind;
        UntilValue = rule.End.RawValue;
        WeekStart = (int)rule.WeekStart;
        DtLocal = dtLocal;
        int dtDay = (int)CalendarMath.FloorDiv(dtLocal, CalendarMath.SecondsPerDay);
        int dtSod = (int)(dtLocal - (long)dtDay * CalendarMath.SecondsPerDay);
        CalendarMath.CivilFromDays(dtDay, out int dtY, out int dtM, out int dtD);

        var byMonthDay = rule.ByMonthDay.ToList();
        var byMonth = rule.ByMonth.ToList();
        var byDay = rule.ByDay.ToList();
        bool noDayParts = rule.ByWeekNumber.Count == 0 && rule.ByYearDay.Count == 0 && byMonthDay.Count == 0 && byDay.Count == 0;
        switch (Freq)
        {
            case RecurrenceFrequency.Yearly when noDayParts:
                byMonthDay.Add(dtD);
                if (byMonth.Count == 0)
                {
                    byMonth.Add(dtM);
                }
                break;
            case RecurrenceFrequency.Monthly when noDayParts:
                byMonthDay.Add(dtD);
                break;
            case RecurrenceFrequency.Weekly when byDay.Count == 0:
                byDay.Add(new RecurrenceWeekday((NodaTime.IsoDayOfWeek)CalendarMath.IsoWeekday(dtDay)));
                break;
            default:
                break;
        }

        foreach (int m in byMonth)
        {
            MonthMask |= 1 << m;
        }
        if (byMonthDay.Count > 0)
        {
            MonthDayMasks = new uint[4];
            for (int len = 28; len <= 31; len++)
            {
                uint mask = 0;
                foreach (int v in byMonthDay)
                {
                    int d = v > 0 ? v : len + 1 + v;
                    if (d >= 1 && d <= len)
                    {
                        mask |= 1u << d;
                    }
                }
                MonthDayMasks[len - 28] = mask;
            }
        }
        if (rule.ByYearDay.Count > 0)
        {
            YearDayMasks = new ulong[12];
            for (int leap = 0; leap < 2; leap++)
            {
                int yearLen = 365 + leap;
                foreach (int v in rule.ByYearDay)
                {
                    int yd = v > 0 ? v : yearLen + 1 + v;
                    if (yd >= 1 && yd <= yearLen)
                    {
                        int bit = yd - 1;
                        YearDayMasks[leap * 6 + (bit >> 6)] |= 1UL << (bit & 63);
                    }
                }
            }
        }
        if (rule.ByWeekNumber.Count > 0)
        {
            WeekNoSet = new bool[107];
            foreach (int w in rule.ByWeekNumber)
            {
                WeekNoSet[w + 53] = true;
            }
        }
        HasByDay = byDay.Count > 0;
        var ordinals = byDay.Where(d => d.HasOrdinal).ToArray();
        OrdValues = ordinals.Select(d => d.Ordinal).ToArray();
        OrdDays = ordinals.Select(d => (int)d.Day).ToArray();
        foreach (var d in byDay.Where(d => !d.HasOrdinal))
        {
            PlainDayMask |= 1 << (int)d.Day;
        }
        MonthContext = Freq == RecurrenceFrequency.Monthly || MonthMask != 0;
        PlainMonthTable = new uint[28];
        for (int wd1 = 1; wd1 <= 7; wd1++)
        {
            for (int len = 28; len <= 31; len++)
            {
                uint mask = 0;
                for (int wd = 1; wd <= 7; wd++)
                {
                    if ((PlainDayMask & (1 << wd)) == 0)
                    {
                        continue;
                    }
                    for (int d = 1 + ((wd - wd1 + 7) % 7); d <= len; d += 7)
                    {
                        mask |= 1u << d;
                    }
                }
                PlainMonthTable[(wd1 - 1) * 4 + len - 28] = mask;
            }
        }
        HasDayFilter = MonthMask != 0 || MonthDayMasks is not null || YearDayMasks is not null || WeekNoSet is not null || HasByDay;

        // Times: BYHOUR/BYMINUTE/BYSECOND expand for coarser frequencies (defaulting to DTSTART's
        // value) and limit for finer ones.
        var hours = byHour.ToList();
        var minutes = byMinute.ToList();
        var seconds = bySecond.Where(s => s < 60).ToList();
        bool secondsGiven = bySecond.Count > 0;
        if (Freq > RecurrenceFrequency.Hourly && hours.Count == 0)
        {
            hours.Add(dtSod / 3600);
        }
        if (Freq > RecurrenceFrequency.Minutely && minutes.Count == 0)
        {
            minutes.Add(dtSod / 60 % 60);
        }
        if (Freq > RecurrenceFrequency.Secondly && !secondsGiven)
        {
            seconds.Add(dtSod % 60);
        }
        var times = new List<int>();
        switch (Freq)
        {
            case RecurrenceFrequency.Secondly:
                times.Add(0);
                UnitSeconds = 1;
                HourMask = Mask(byHour);
                MinuteMask = Mask(byMinute);
                SecondMask = Mask(bySecond);
                break;
            case RecurrenceFrequency.Minutely:
                times.AddRange(seconds);
                UnitSeconds = 60;
                HourMask = Mask(byHour);
                MinuteMask = Mask(byMinute);
                break;
            case RecurrenceFrequency.Hourly:
                foreach (int mi in minutes)
                {
                    foreach (int s in seconds)
                    {
                        times.Add(mi * 60 + s);
                    }
                }
                UnitSeconds = 3600;
                HourMask = Mask(byHour);
                break;
            default:
                foreach (int h in hours)
                {
                    foreach (int mi in minutes)
                    {
                        foreach (int s in seconds)
                        {
                            times.Add(h * 3600 + mi * 60 + s);
                        }
                    }
                }
                UnitSeconds = CalendarMath.SecondsPerDay;
                break;
        }
        // A SECONDLY rule whose only BYSECOND is 60 (a leap second) can never match.
        Times = SecondMask != 0 && (SecondMask & ((1UL << 60) - 1)) == 0 ? [] : times.Distinct().Order().ToArray();
        long spacing = Freq >= RecurrenceFrequency.Daily ? CalendarMath.SecondsPerDay : UnitSeconds * Interval;
        for (int i = 0; i < Times.Length; i++)
        {
            long next = i + 1 < Times.Length ? Times[i + 1] : Times[0] + (Freq >= RecurrenceFrequency.Daily ? CalendarMath.SecondsPerDay : UnitSeconds);
            spacing = Math.Min(spacing, next - Times[i]);
        }
        MinSpacing = spacing;
        SetPos = rule.BySetPosition.Count > 0 ? rule.BySetPosition.ToArray() : null;
        if (SetPos is not null)
        {
            // BYSETPOS that no period can satisfy (every |position| above the most candidates a
            // period can hold) makes the rule produce nothing after DTSTART.
            long maxCandidates = (long)Times.Length * Freq switch
            {
                RecurrenceFrequency.Yearly => 366,
                RecurrenceFrequency.Monthly => 31,
                RecurrenceFrequency.Weekly => 7,
                _ => 1,
            };
            if (SetPos.All(p => Math.Abs(p) > maxCandidates))
            {
                Times = [];
            }
        }

        Period0 = Freq switch
        {
            RecurrenceFrequency.Yearly => dtY,
            RecurrenceFrequency.Monthly => dtY * 12L + dtM - 1,
            RecurrenceFrequency.Weekly => CalendarMath.WeekStartOf(dtDay, WeekStart),
            RecurrenceFrequency.Daily => dtDay,
            _ => CalendarMath.FloorDiv(dtLocal, UnitSeconds),
        };
        EmptyLimit = Freq switch
        {
            RecurrenceFrequency.Yearly => YearlyEmptyLimit,
            RecurrenceFrequency.Monthly => MonthlyEmptyLimit,
            RecurrenceFrequency.Weekly => WeeklyEmptyLimit,
            RecurrenceFrequency.Daily => DailyEmptyLimit,
            RecurrenceFrequency.Hourly => HourlyEmptyLimit,
            RecurrenceFrequency.Minutely => MinutelyEmptyLimit,
            _ => SecondlyEmptyLimit,
        };
        bool hasOrdinals = OrdValues.Length > 0;
        YearPath = Freq != RecurrenceFrequency.Yearly ? YearPathKind.None
            : YearDayMasks is not null || WeekNoSet is not null ? YearPathKind.Scan
            : MonthMask != 0 || !hasOrdinals ? YearPathKind.Months
            : MonthDayMasks is null ? YearPathKind.ByDayInYear
            : YearPathKind.Scan;

        UniformCount = -1;
        int perPeriod = -1;
        switch (Freq)
        {
            case RecurrenceFrequency.Daily when !HasDayFilter:
                perPeriod = Times.Length;
                break;
            case RecurrenceFrequency.Weekly when MonthMask == 0:
                perPeriod = BitOperations.PopCount((uint)PlainDayMask) * Times.Length;
                break;
            case RecurrenceFrequency.Hourly or RecurrenceFrequency.Minutely or RecurrenceFrequency.Secondly
                when !HasDayFilter && HourMask == 0 && MinuteMask == 0 && SecondMask == 0:
                perPeriod = Times.Length;
                break;
            default:
                break;
        }
        if (perPeriod > 0)
        {
            int selected = SetPos is null ? perPeriod : CountSetPos(perPeriod);
            if (selected > 0)
            {
                UniformCount = selected;
            }
        }
    }

    internal enum YearPathKind
    {
        None,
        Months,
        ByDayInYear,
        Scan,
    }

    internal RecurrenceFrequency Freq { get; }

    internal long Interval { get; }

    internal int Count { get; }

    internal RecurrenceEndKind UntilKind { get; }

    internal long UntilValue { get; }

    internal int WeekStart { get; }

    internal long DtLocal { get; }

    internal int MonthMask { get; }

    internal uint[]? MonthDayMasks { get; }

    internal ulong[]? YearDayMasks { get; }

    internal bool[]? WeekNoSet { get; }

    internal bool HasByDay { get; }

    internal int PlainDayMask { get; }

    internal int[] OrdValues { get; }

    internal int[] OrdDays { get; }

    internal bool MonthContext { get; }

    internal uint[] PlainMonthTable { get; }

    internal bool HasDayFilter { get; }

    internal int[] Times { get; }

    internal long UnitSeconds { get; }

    internal ulong HourMask { get; }

    internal ulong MinuteMask { get; }

    internal ulong SecondMask { get; }

    internal int[]? SetPos { get; }

    /// <summary>A lower bound of the distance between two wall-clock values of the rule (seconds).</summary>
    internal long MinSpacing { get; }

    internal long Period0 { get; }

    internal long EmptyLimit { get; }

    internal YearPathKind YearPath { get; }

    /// <summary>Instances per period when every period has the same number, else -1.</summary>
    internal int UniformCount { get; }

    /// <summary>
    /// Gets the instant of the last instance of a COUNT rule when its values are placed in a zone (see <see
    /// cref="RuleSource.FindCountEnd"/>); sources stop after it, so that COUNT costs nothing when seeking. Found once
    /// per zone and start kind and kept; thread-safe.
    /// </summary>
    /// <param name="zone">The zone the set is placed in.</param>
    /// <param name="forcedStart">Whether DTSTART counts as the first instance (an RRULE) or not (an EXRULE).</param>
    /// <returns>The instant (Unix seconds); <see cref="long.MinValue"/> when the rule has no instance of its own.</returns>
    internal long CountEnd(NodaTime.DateTimeZone zone, bool forcedStart)
    {
        var ends = _countEnds ?? System.Threading.Interlocked.CompareExchange(ref _countEnds, new(), null) ?? _countEnds;
        return ends.GetOrAdd((zone.Id, forcedStart), static (key, state) => RuleSource.FindCountEnd(state.Rule, key.Forced, state.Zone),
            (Rule: this, Zone: zone));
    }

    internal int CountSetPos(int n)
    {
        int count = 0;
        Span<int> seen = stackalloc int[SetPos!.Length];
        foreach (int p in SetPos)
        {
            int idx = p > 0 ? p - 1 : n + p;
            if (idx < 0 || idx >= n || seen[..count].Contains(idx))
            {
                continue;
            }
            seen[count++] = idx;
        }
        return count;
    }

    private static ulong Mask(IReadOnlyList<int> values)
    {
        ulong mask = 0;
        foreach (int v in values)
        {
            mask |= 1UL << v;
        }
        return mask;
    }
}
