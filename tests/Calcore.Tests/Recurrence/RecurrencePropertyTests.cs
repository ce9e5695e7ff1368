using System;
using System.Collections.Generic;
using System.Linq;
using Calcore.Recurrence;
using CsCheck;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

/// <summary>
/// Invariants of the recurrence engine as property-based tests (CsCheck). Every generated set is small and
/// bounded in cost: DTSTART in 2020–2030, frequencies YEARLY to HOURLY, INTERVAL 1–4, COUNT at most 500, UNTIL
/// at most about three years after DTSTART, and every reference expansion stops three years after DTSTART.
/// </summary>
/// <remarks>
/// Replaying a failure: CsCheck reports the failing case (the set's text, its placement zone and its window) and a
/// seed (<c>Set seed: "…" to reproduce</c>). Put that seed in <see cref="Seed"/> (or set the environment variable
/// <c>CsCheck_Seed</c>) and run the one test again: it generates the same case first. Leave <see cref="Seed"/>
/// null in commits so that every run explores new cases.
/// </remarks>
public class RecurrencePropertyTests
{
    /// <summary>The seed to replay a failure with; null explores new cases (see the class remarks).</summary>
    private const string? Seed = null;

    /// <summary>Cases per property: each case costs well under a millisecond to a few milliseconds.</summary>
    private const long Iterations = 100;

    private static readonly string[] ZoneIds = ["America/New_York", "Europe/Paris", "Australia/Lord_Howe", "Asia/Kolkata"];

    private static readonly Duration Horizon = Duration.FromDays(3 * 365);

    /// <summary>
    /// Fewer cases for the membership test: a search on a rule that never matches again (say
    /// <c>FREQ=HOURLY;INTERVAL=4;BYHOUR=1,7,14</c> from midnight) runs to the never-stuck cap, tens of milliseconds a call.
    /// </summary>
    private const long MembershipIterations = 60;

    private static void Check(Gen<SetCase> gen, Action<SetCase> property, long iterations = Iterations) =>
        gen.Sample(property, seed: Seed, iter: iterations, threads: 1, print: c => c.ToString());

    [Fact]
    public void A_window_returns_the_full_expansion_filtered_to_that_window()
    {
        Check(Cases, c =>
        {
            var reference = c.Reference();
            var (from, to) = c.Window();
            var expected = reference.Where(o => o.Start >= from && o.Start < to).ToList();
            c.Set.GetOccurrences(new Interval(from, to), c.Placement).ToList().Should().Equal(expected);
            // The overlap form: start before the window's end and end after its start.
            var duration = c.Pick % 3 == 0 ? Duration.Zero : Duration.FromMinutes(c.Pick % (40 * 24 * 60));
            var overlapping = reference.Where(o => o.Start < to && (duration == Duration.Zero ? o.Start >= from : o.Start + duration > from)).ToList();
            c.Set.GetOccurrences(new Interval(from, to), duration, c.Placement).ToList().Should().Equal(overlapping, $"duration {duration}");
        });
    }

    [Fact]
    public void Seeking_far_from_dtstart_gives_the_same_instances_as_iterating_from_dtstart()
    {
        Check(Cases, c =>
        {
            var from = c.Anchor + Duration.FromHours(c.FarHours);
            var iterated = c.Set.GetOccurrences(c.Placement).SkipWhile(o => o.Start < from).Take(30).ToList();
            c.Set.GetOccurrences(new Interval(from, null), c.Placement).Take(30).ToList().Should().Equal(iterated);
            var to = from + Duration.FromDays(60);
            c.Set.GetOccurrences(new Interval(from, to), c.Placement).ToList().Should()
                .Equal(c.Set.GetOccurrences(c.Placement).SkipWhile(o => o.Start < from).TakeWhile(o => o.Start < to));
            c.Set.GetFirstOccurrenceAtOrAfter(from, c.Placement).Should().Be(iterated.Count == 0 ? null : iterated[0]);
        });
    }

    [Fact]
    public void Occurrences_are_strictly_increasing_instants()
    {
        Check(Cases, c =>
        {
            StrictlyIncreasing(c.Reference());
            var (from, to) = c.Window();
            StrictlyIncreasing(c.Set.GetOccurrences(new Interval(from, to), c.Placement).ToList());
        });
    }

    [Fact]
    public void Count_and_until_bound_the_occurrences_of_a_rule()
    {
        Check(SingleRuleCases, c =>
        {
            var rule = c.Set.Rules[0];
            var all = rule.End.IsBounded
                ? c.Set.GetOccurrences(c.Placement).ToList()
                : c.Set.GetOccurrences(c.Placement).Take(600).ToList();
            var end = rule.End;
            if (end.Count is int count)
            {
                all.Count.Should().BeLessThanOrEqualTo(count);
            }
            // DTSTART is always the first instance (decision 1), so the bound applies from the second one on.
            foreach (var o in all.Skip(1))
            {
                bool within = end.Kind switch
                {
                    RecurrenceEndKind.UntilInstant => o.Start <= end.UntilInstant!.Value,
                    RecurrenceEndKind.UntilLocalDateTime => o.OriginalLocalStart <= end.UntilLocalDateTime!.Value,
                    RecurrenceEndKind.UntilDate => o.LocalStart.Date <= end.UntilDate!.Value,
                    _ => true,
                };
                within.Should().BeTrue($"{o} is after {end}");
            }
        });
    }

    [Fact]
    public void Parsing_the_formatted_text_gives_back_an_equal_rule_and_set()
    {
        Check(Cases, c =>
        {
            foreach (var rule in c.Set.Rules)
            {
                var text = rule.ToString();
                var parsed = RecurrenceRule.Parse(text);
                parsed.Should().Be(rule);
                parsed.ToString().Should().Be(text);
            }
            var setText = c.Set.ToString();
            var set = RecurrenceSet.Parse(setText);
            set.Should().Be(c.Set);
            set.ToString().Should().Be(setText);
        });
    }

    [Fact]
    public void An_exdate_of_an_instance_removes_exactly_that_instance()
    {
        Check(Cases, c =>
        {
            var reference = c.Reference();
            if (reference.Count == 0)
            {
                return;
            }
            var victim = reference[c.Pick % reference.Count];
            var exdate = c.Set.IsAllDay ? RecurrenceDate.FromDate(victim.Date) : RecurrenceDate.FromInstant(victim.Start);
            var changed = c.With(exdate);
            var expected = reference.Where(o => o.Start != victim.Start).ToList();
            changed.GetOccurrences(c.Placement).TakeWhile(o => o.Start < c.End).ToList().Should().Equal(expected, $"EXDATE {exdate}");
        });
    }

    [Fact]
    public void Finding_an_occurrence_agrees_with_the_expansion()
    {
        Check(Cases, c =>
        {
            var reference = c.Reference();
            var byStart = reference.ToDictionary(o => o.Start);
            for (int i = 0; i < Math.Min(reference.Count, 4); i++)
            {
                var o = reference[(c.Pick + (i * 7919)) % reference.Count];
                c.Set.FindOccurrence(o.Start, c.Placement).Should().Be(o);
                c.Set.IsOccurrence(o.Start, c.Placement).Should().BeTrue();
                foreach (var near in new[] { o.Start + Duration.FromSeconds(1), o.Start - Duration.FromMinutes(30) })
                {
                    Agrees(c, byStart, near);
                }
            }
            var (from, _) = c.Window();
            for (int i = 0; i < 6; i++)
            {
                Agrees(c, byStart, from + Duration.FromMinutes(30 * ((c.Pick + (i * 104729)) % 2000)));
            }
        }, MembershipIterations);
    }

    [Fact]
    public void An_exrule_removes_exactly_the_instants_its_rule_produces()
    {
        var gen = from c in SingleRuleCases
                  from ex in Rules
                  select (Case: c, Exclusion: ex);
        gen.Sample(pair =>
        {
            var (c, ex) = pair;
            var set = c.Set;
            int kind = set.StartKind switch
            {
                RecurrenceStartKind.Date => 0,
                RecurrenceStartKind.Floating => 1,
                RecurrenceStartKind.Utc => 2,
                _ => 3,
            };
            // Without COUNT: an EXRULE's COUNT does not count DTSTART, an RRULE's does, so the reference below would differ.
            var exrule = (ex with { EndKind = ex.EndKind == 1 ? 0 : ex.EndKind }).Build(kind, set.Start, set.Zone);
            var excluded = set.IsAllDay
                ? RecurrenceSet.Create(set.StartDate, set.Rules, set.RecurrenceDates, set.ExceptionDates, [exrule])
                : RecurrenceSet.Create(set.Start, set.Zone, set.Rules, set.RecurrenceDates, set.ExceptionDates, [exrule]);
            var asRule = set.IsAllDay ? RecurrenceSet.Create(set.StartDate, [exrule]) : RecurrenceSet.Create(set.Start, set.Zone, [exrule]);
            var ruleInstants = asRule.GetOccurrences(c.Placement).TakeWhile(o => o.Start < c.End).Select(o => o.Start).ToList();
            if (ruleInstants.Count == 0)
            {
                return;
            }
            // DTSTART is always an RRULE's first instance but not always an EXRULE's: compare after it.
            var dtstart = ruleInstants[0];
            var removed = ruleInstants.Skip(1).ToHashSet();
            var expected = c.Reference().Where(o => o.Start > dtstart && !removed.Contains(o.Start)).ToList();
            excluded.GetOccurrences(c.Placement).SkipWhile(o => o.Start <= dtstart).TakeWhile(o => o.Start < c.End).ToList()
                .Should().Equal(expected, $"EXRULE:{exrule}");
            var (from, to) = c.Window();
            excluded.GetOccurrences(new Interval(from, to), c.Placement).Where(o => o.Start > dtstart).ToList()
                .Should().Equal(expected.Where(o => o.Start >= from && o.Start < to), $"EXRULE:{exrule}, window");
        }, seed: Seed, iter: MembershipIterations, threads: 1, print: p => $"{p.Case} ; exrule {p.Exclusion}");
    }

    private static void Agrees(SetCase c, Dictionary<Instant, Occurrence> byStart, Instant t)
    {
        if (t >= c.End)
        {
            return;
        }
        Occurrence? expected = byStart.TryGetValue(t, out var o) ? o : null;
        c.Set.FindOccurrence(t, c.Placement).Should().Be(expected, $"at {t}");
        c.Set.IsOccurrence(t, c.Placement).Should().Be(expected is not null, $"at {t}");
    }

    private static void StrictlyIncreasing(List<Occurrence> list)
    {
        for (int i = 1; i < list.Count; i++)
        {
            list[i].Start.Should().BeGreaterThan(list[i - 1].Start, $"occurrence {i} of {list.Count}");
        }
    }

    // Generators.

    private sealed record RuleSpec(
        RecurrenceFrequency Frequency, int Interval, int EndKind, int Count, int UntilHours, int[] ByMonth,
        (int Day, int Ordinal)[] ByDay, int[] ByMonthDay, int[] ByHour, int[] BySetPos, bool WeekStartSunday)
    {
        public RecurrenceRule Build(int kind, LocalDateTime start, DateTimeZone? zone)
        {
            bool allDay = kind == 0;
            var frequency = allDay && Frequency == RecurrenceFrequency.Hourly ? RecurrenceFrequency.Daily : Frequency;
            var builder = RecurrenceRule.CreateBuilder(frequency);
            builder.Interval = Interval;
            builder.WeekStart = WeekStartSunday ? IsoDayOfWeek.Sunday : IsoDayOfWeek.Monday;
            var until = start.PlusHours(UntilHours);
            builder.End = EndKind switch
            {
                1 => RecurrenceEnd.AfterCount(Count),
                2 when allDay || UntilHours % 5 == 0 => RecurrenceEnd.Until(until.Date),
                2 when kind == 1 => RecurrenceEnd.Until(until),
                2 => RecurrenceEnd.Until(until.InZoneLeniently(zone!).ToInstant()),
                _ => RecurrenceEnd.Never,
            };
            foreach (int m in ByMonth.Distinct())
            {
                builder.ByMonth.Add(m);
            }
            bool ordinals = frequency is RecurrenceFrequency.Monthly or RecurrenceFrequency.Yearly;
            foreach (var (day, ordinal) in ByDay)
            {
                var weekday = new RecurrenceWeekday((IsoDayOfWeek)day, ordinals ? ordinal : 0);
                if (!builder.ByDay.Contains(weekday))
                {
                    builder.ByDay.Add(weekday);
                }
            }
            if (frequency != RecurrenceFrequency.Weekly)
            {
                foreach (int d in ByMonthDay.Distinct())
                {
                    builder.ByMonthDay.Add(d);
                }
            }
            if (!allDay && frequency is RecurrenceFrequency.Daily or RecurrenceFrequency.Hourly)
            {
                foreach (int h in ByHour.Distinct())
                {
                    builder.ByHour.Add(h);
                }
            }
            if (builder.ByMonth.Count + builder.ByDay.Count + builder.ByMonthDay.Count + builder.ByHour.Count > 0)
            {
                foreach (int p in BySetPos.Distinct())
                {
                    builder.BySetPosition.Add(p);
                }
            }
            return builder.Build();
        }
    }

    /// <summary>One generated set with its placement zone and the random numbers its properties use.</summary>
    internal sealed class SetCase
    {
        private readonly int _windowStartHours;
        private readonly int _windowHours;
        private readonly List<RecurrenceDate> _exdates;

        public SetCase(RecurrenceSet set, DateTimeZone? placement, List<RecurrenceDate> exdates, int windowStartHours, int windowHours, int farHours, int pick)
        {
            Set = set;
            Placement = placement;
            _exdates = exdates;
            _windowStartHours = windowStartHours;
            _windowHours = windowHours;
            FarHours = farHours;
            Pick = pick;
            Anchor = set.Start.InUtc().ToInstant() - Duration.FromDays(2);
            End = Anchor + Horizon;
        }

        public RecurrenceSet Set { get; }

        public DateTimeZone? Placement { get; }

        public Instant Anchor { get; }

        public Instant End { get; }

        public int FarHours { get; }

        public int Pick { get; }

        public List<Occurrence> Reference() => Set.GetOccurrences(Placement).TakeWhile(o => o.Start < End).ToList();

        public (Instant From, Instant To) Window()
        {
            var from = Anchor + Duration.FromHours(_windowStartHours);
            var to = from + Duration.FromHours(_windowHours);
            return (from, to < End ? to : End);
        }

        public RecurrenceSet With(RecurrenceDate exdate) => Set.IsAllDay
            ? RecurrenceSet.Create(Set.StartDate, Set.Rules, Set.RecurrenceDates, [.. _exdates, exdate])
            : RecurrenceSet.Create(Set.Start, Set.Zone, Set.Rules, Set.RecurrenceDates, [.. _exdates, exdate]);

        public override string ToString() =>
            $"{Set.ToString().Replace("\r\n", " | ", StringComparison.Ordinal)} ; placement {Placement?.Id ?? "none"} ; window {Window()} ; far +{FarHours}h ; pick {Pick}";
    }

    private static Gen<int[]> NoneOr(Gen<int> value, int max) =>
        Gen.Int[0, 2].SelectMany(use => use == 0 ? value.Array[1, max] : Gen.Const(Array.Empty<int>()));

    private static readonly Gen<RuleSpec> Rules =
        from frequency in Gen.OneOf(RecurrenceFrequency.Yearly, RecurrenceFrequency.Monthly, RecurrenceFrequency.Weekly, RecurrenceFrequency.Daily, RecurrenceFrequency.Hourly)
        from interval in Gen.Int[1, 4]
        from endKind in Gen.Int[0, 2]
        from count in Gen.Int[1, 500]
        from untilHours in Gen.Int[0, 3 * 365 * 24]
        from byMonth in NoneOr(Gen.Int[1, 12], 3)
        from useByDay in Gen.Int[0, 2]
        from byDay in Gen.Select(Gen.Int[1, 7], Gen.OneOf(0, 0, 1, 2, 3, -1, -2)).Array[1, 3]
        from byMonthDay in NoneOr(Gen.OneOf(1, 2, 13, 15, 28, 29, 30, 31, -1, -2), 2)
        from byHour in NoneOr(Gen.Int[0, 23], 3)
        from bySetPos in NoneOr(Gen.OneOf(1, 2, -1), 1)
        from sunday in Gen.Bool
        select new RuleSpec(frequency, interval, endKind, count, untilHours, byMonth, useByDay == 0 ? byDay : [], byMonthDay, byHour, bySetPos, sunday);

    private static Gen<SetCase> CasesOf(int minRules, int maxRules, int maxDates) =>
        from kind in Gen.Int[0, 3]
        from zoneId in Gen.OneOf(ZoneIds)
        from placementIndex in Gen.Int[0, ZoneIds.Length]
        from year in Gen.Int[2020, 2030]
        from month in Gen.Int[1, 12]
        from day in Gen.Int[1, 28]
        from hour in Gen.Int[0, 23]
        from minute in Gen.OneOf(0, 30)
        from rules in Rules.Array[minRules, maxRules]
        from rdates in Gen.Int[1, 700 * 24].Array[0, maxDates]
        from exdates in Gen.Int[0, 700 * 24].Array[0, maxDates]
        from windowStart in Gen.Int[0, 3 * 365 * 24]
        from windowHours in Gen.Int[0, 90 * 24]
        from farHours in Gen.Int[365 * 24, 3 * 365 * 24]
        from pick in Gen.Int[0, 1_000_000]
        select Make(kind, zoneId, placementIndex, new LocalDateTime(year, month, day, hour, minute), rules, rdates, exdates, windowStart, windowHours, farHours, pick);

    private static readonly Gen<SetCase> Cases = CasesOf(1, 2, 2);

    private static readonly Gen<SetCase> SingleRuleCases = CasesOf(1, 1, 0);

    private static SetCase Make(int kind, string zoneId, int placementIndex, LocalDateTime start, RuleSpec[] specs, int[] rdateHours, int[] exdateHours,
        int windowStart, int windowHours, int farHours, int pick)
    {
        // kind: 0 date, 1 floating, 2 UTC, 3 zoned.
        var zone = kind switch
        {
            2 => DateTimeZone.Utc,
            3 => DateTimeZoneProviders.Tzdb[zoneId],
            _ => null,
        };
        var placement = kind <= 1 && placementIndex < ZoneIds.Length ? DateTimeZoneProviders.Tzdb[ZoneIds[placementIndex]] : null;
        if (kind == 0)
        {
            start = start.Date.AtMidnight();
        }
        var rules = specs.Select(s => s.Build(kind, start, zone)).ToList();
        RecurrenceDate Date(int hours)
        {
            var at = start.PlusHours(hours);
            return kind switch
            {
                0 => RecurrenceDate.FromDate(at.Date),
                2 when hours % 2 == 0 => RecurrenceDate.FromInstant(at.InUtc().ToInstant()),
                _ => RecurrenceDate.FromDateTime(at, zone),
            };
        }
        var rdates = rdateHours.Select(Date).ToList();
        var exdates = exdateHours.Select(Date).ToList();
        var set = kind == 0
            ? RecurrenceSet.Create(start.Date, rules, rdates, exdates)
            : RecurrenceSet.Create(start, zone, rules, rdates, exdates);
        return new SetCase(set, placement, exdates, windowStart, windowHours, farHours, pick);
    }
}
