using System;
using System.Collections.Generic;
using System.Linq;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

public partial class RecurrenceSetTests
{
    private static readonly string[] RandomZones = ["UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "America/Los_Angeles"];

    [Fact]
    public void Seeking_gives_the_same_results_as_filtering_the_full_expansion()
    {
        var random = new Random(20261122);
        int compared = 0;
        for (int i = 0; i < 400; i++)
        {
            var set = RandomSet(random);
            var all = set.GetOccurrences().Take(200).ToList();
            if (all.Count < 2)
            {
                continue;
            }
            var last = all[^1].Start;
            for (int w = 0; w < 6; w++)
            {
                var a = RandomInstant(random, all[0].Start - Duration.FromDays(3), last);
                var b = RandomInstant(random, a, last);
                var duration = random.Next(3) == 0 ? Duration.Zero : Duration.FromMinutes(random.Next(1, 60 * 24 * 40));
                var expected = all.Where(o => o.Start < b && (duration == Duration.Zero ? o.Start >= a : o.Start + duration > a)).ToList();
                set.GetOccurrences(new Interval(a, b), duration).Should().Equal(expected, $"set {set} window {a}/{b} duration {duration}");
                compared++;
            }
            // Everything at or after an occurrence.
            var pick = all[random.Next(all.Count)];
            set.GetFirstOccurrenceAtOrAfter(pick.Start).Should().Be(pick);
        }
        compared.Should().BeGreaterThan(1000);
    }

    [Fact]
    public void Count_is_respected_when_seeking_far_into_the_rule()
    {
        var set = Set("DTSTART;TZID=America/Los_Angeles:20250106T090000", "RRULE:FREQ=DAILY;COUNT=100000");
        var last = set.GetOccurrences(new Interval(Instant.FromUtc(2298, 1, 1, 0, 0), null)).ToList();
        last.Should().NotBeEmpty();
        last[^1].LocalStart.Should().Be(new LocalDateTime(2025, 1, 6, 9, 0).PlusDays(99999));
        var hourly = Set("DTSTART;TZID=America/New_York:20250106T003000", "RRULE:FREQ=MINUTELY;INTERVAL=30;COUNT=50000");
        var full = hourly.GetOccurrences().ToList();
        full.Should().HaveCountLessThan(50000 + 1);
        var window = new Interval(full[40000].Start, full[^1].Start + Duration.FromHours(1));
        hourly.GetOccurrences(window).Should().Equal(full.Skip(40000));
    }

    [Theory]
    [InlineData("RRULE:FREQ=DAILY;UNTIL=20990101T000000Z")]
    [InlineData("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;UNTIL=22000101")]
    [InlineData("RRULE:FREQ=MINUTELY;INTERVAL=7;UNTIL=20300101T000000")]
    [InlineData("RRULE:FREQ=WEEKLY;COUNT=500")]
    [InlineData("RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20800101T000000Z\nRDATE;TZID=Europe/Paris:20810101T120000")]
    [InlineData("RRULE:FREQ=DAILY;UNTIL=20260110T000000Z\nEXDATE;VALUE=DATE:20260109")]
    [InlineData("RDATE;TZID=Europe/Paris:20270101T120000")]
    public void Last_occurrence_matches_full_expansion(string lines)
    {
        var set = Set(["DTSTART;TZID=Europe/Paris:20160229T090000", .. lines.Split('\n')]);
        set.GetLastOccurrence().Should().Be(set.GetOccurrences().Last());
        set.IsOccurrence(set.GetOccurrences().First().OriginalLocalStart).Should().BeTrue();
    }

    private static Instant RandomInstant(Random random, Instant from, Instant to)
    {
        long span = Math.Max(1, (to - from).BclCompatibleTicks / 10_000_000);
        return from + Duration.FromSeconds(random.NextInt64(span + 1));
    }

    private static RecurrenceSet RandomSet(Random random)
    {
        var zone = DateTimeZoneProviders.Tzdb[RandomZones[random.Next(RandomZones.Length)]];
        var start = new LocalDateTime(random.Next(1995, 2035), random.Next(1, 13), random.Next(1, 29), random.Next(24), random.Next(4) * 15, 0);
        var rules = new List<RecurrenceRule>();
        while (rules.Count == 0)
        {
            if (RecurrenceRule.TryParse(RandomRule(random), out var rule))
            {
                rules.Add(rule);
            }
        }
        var exdates = new List<RecurrenceDate>();
        if (random.Next(4) == 0)
        {
            exdates.Add(RecurrenceDate.FromDateTime(start.PlusDays(random.Next(1, 60)), zone));
        }
        var rdates = new List<RecurrenceDate>();
        if (random.Next(4) == 0)
        {
            rdates.Add(RecurrenceDate.FromDateTime(start.PlusHours(random.Next(1, 5000)), zone));
        }
        return RecurrenceSet.Create(start, zone, rules, rdates, exdates);
    }

    private static string RandomRule(Random random)
    {
        string[] freqs = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"];
        string[] days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
        int f = random.Next(freqs.Length);
        var parts = new List<string> { "FREQ=" + freqs[f] };
        if (f < 3)
        {
            parts.Add("INTERVAL=" + random.Next(1, 13));
        }
        else if (random.Next(2) == 0)
        {
            parts.Add("INTERVAL=" + random.Next(1, 4));
        }
        if (random.Next(3) == 0)
        {
            parts.Add("COUNT=" + random.Next(1, 300));
        }
        string List(int n, Func<string> item) => string.Join(',', Enumerable.Range(0, n).Select(_ => item()));
        if (random.Next(3) == 0)
        {
            parts.Add("BYMONTH=" + List(random.Next(1, 4), () => random.Next(1, 13).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (random.Next(3) == 0)
        {
            bool ordinals = f >= 5 && random.Next(2) == 0;
            parts.Add("BYDAY=" + List(random.Next(1, 4), () => (ordinals ? (random.Next(2) == 0 ? "-" : "") + random.Next(1, 5) : "") + days[random.Next(7)]));
        }
        if (random.Next(4) == 0 && f != 4)
        {
            parts.Add("BYMONTHDAY=" + List(random.Next(1, 3), () => ((random.Next(2) == 0 ? -1 : 1) * random.Next(1, 32)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (random.Next(5) == 0 && (f == 6 || f < 3))
        {
            parts.Add("BYYEARDAY=" + List(random.Next(1, 3), () => ((random.Next(2) == 0 ? -1 : 1) * random.Next(1, 367)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (random.Next(5) == 0 && f == 6)
        {
            parts.Add("BYWEEKNO=" + List(random.Next(1, 3), () => ((random.Next(2) == 0 ? -1 : 1) * random.Next(1, 54)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (random.Next(3) == 0)
        {
            parts.Add("BYHOUR=" + List(random.Next(1, 4), () => random.Next(0, 24).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (random.Next(4) == 0)
        {
            parts.Add("BYMINUTE=" + List(random.Next(1, 3), () => (random.Next(0, 4) * 15).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (random.Next(5) == 0)
        {
            parts.Add("BYSETPOS=" + List(random.Next(1, 3), () => ((random.Next(2) == 0 ? -1 : 1) * random.Next(1, 4)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (random.Next(4) == 0)
        {
            parts.Add("WKST=" + days[random.Next(7)]);
        }
        return string.Join(';', parts);
    }
}
