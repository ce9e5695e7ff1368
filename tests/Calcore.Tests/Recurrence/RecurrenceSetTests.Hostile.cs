using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

/// <summary>
/// Hostile sets: rules whose work used to grow with the distance to year 9999 or with COUNT (an EXRULE that removes
/// every instance, a COUNT of 2,147,483,647, a far seek on a rule with a huge COUNT). Each operation must give the
/// right answer and return within <see cref="HostileGuard"/>, a hang guard and not a time budget: here they take
/// 1–300 ms (see docs/recurrence.md, "Work bounds"), before they took from seconds to hours.
/// </summary>
public partial class RecurrenceSetTests
{
    private static readonly TimeSpan HostileGuard = TimeSpan.FromSeconds(60);

    private static T Bounded<T>(Func<T> operation)
    {
        var watch = Stopwatch.StartNew();
        var task = Task.Run(operation);
        task.Wait(HostileGuard).Should().BeTrue("the operation returns (a hang guard, not a time budget)");
        watch.Elapsed.Should().BeLessThan(HostileGuard);
        return task.Result;
    }

    private static readonly Instant Jan2026 = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Theory]
    [InlineData("RRULE:FREQ=DAILY", "EXRULE:FREQ=MINUTELY")]
    [InlineData("RRULE:FREQ=YEARLY", "EXRULE:FREQ=SECONDLY")]
    [InlineData("RRULE:FREQ=HOURLY;COUNT=2147483647", "EXRULE:FREQ=HOURLY")]
    [InlineData("RRULE:FREQ=DAILY;UNTIL=20900101T000000Z", "EXRULE:FREQ=SECONDLY;COUNT=2147483647")]
    [InlineData("RRULE:FREQ=SECONDLY", "EXRULE:FREQ=SECONDLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12")]
    [InlineData("RRULE:FREQ=MONTHLY;BYDAY=-1FR", "EXRULE:FREQ=DAILY;BYDAY=FR")]
    public void A_set_whose_every_instance_is_excluded_ends_quickly_and_empty(string rule, string exrule)
    {
        var set = Set("DTSTART:20260101T000000Z", rule, exrule, "EXDATE:20260101T000000Z");

        Bounded(() => set.GetFirstOccurrence()).Should().BeNull();
        Bounded(() => set.GetOccurrences().Count()).Should().Be(0);
        Bounded(() => set.GetFirstOccurrenceAtOrAfter(Instant.FromUtc(5000, 1, 1, 0, 0))).Should().BeNull();
        Bounded(() => set.GetOccurrences(new Interval(Instant.FromUtc(2030, 1, 1, 0, 0), Instant.FromUtc(2031, 1, 1, 0, 0))).Count()).Should().Be(0);
    }

    [Fact]
    public void An_exrule_with_a_huge_count_excludes_up_to_its_last_instance_and_no_further()
    {
        // The EXRULE's instances are the first 2,147,483,647 minutes from DTSTART (minutes 0 .. 2,147,483,646), which
        // cover 1,491,308 days and eight hours; the next day's midnight is the first instance left.
        var set = Set("DTSTART:20260101T000000Z", "RRULE:FREQ=DAILY", "EXRULE:FREQ=MINUTELY;COUNT=2147483647");

        Bounded(() => set.GetFirstOccurrenceAtOrAfter(Instant.FromUtc(5000, 1, 1, 0, 0)))!.Value.Start.Should().Be(Jan2026 + Duration.FromDays(1_491_309));
        Bounded(() => set.GetOccurrences(new Interval(Instant.FromUtc(6000, 1, 1, 0, 0), Jan2026 + Duration.FromDays(1_491_309))).Count()).Should().Be(0);
    }

    [Fact]
    public void An_exrule_removes_an_instance_that_a_daylight_saving_gap_moved()
    {
        // 2026-03-08 02:30 does not exist in New York: both rules' 02:30 become 03:30 that day.
        var set = Set("DTSTART;TZID=America/New_York:20260306T023000", "RRULE:FREQ=DAILY;COUNT=5", "EXRULE:FREQ=DAILY;BYDAY=SU");

        Local(set.GetOccurrences()).Should().Equal("20260306T023000", "20260307T023000", "20260309T023000", "20260310T023000");
        Bounded(() => set.IsOccurrence(new LocalDateTime(2026, 3, 8, 3, 30).InZoneStrictly(Zone("America/New_York")).ToInstant())).Should().BeFalse();
    }

    [Fact]
    public void The_last_of_a_secondly_rule_with_the_largest_count_is_found_in_closed_form()
    {
        var set = Set("DTSTART:20260101T000000Z", "RRULE:FREQ=SECONDLY;COUNT=2147483647");

        Bounded(() => set.GetLastOccurrence())!.Value.Start.Should().Be(Jan2026 + Duration.FromSeconds(2147483646L));
        Bounded(() => set.GetFirstOccurrenceAtOrAfter(Instant.FromUtc(2090, 6, 1, 0, 0)))!.Value.Start.Should().Be(Instant.FromUtc(2090, 6, 1, 0, 0));
        Bounded(() => set.GetFirstOccurrenceAtOrAfter(Instant.FromUtc(2095, 1, 1, 0, 0))).Should().BeNull();
    }

    [Fact]
    public void The_last_of_a_secondly_rule_with_a_huge_count_in_a_zone_with_daylight_saving_counts_each_instant_once()
    {
        // Every real second is an instance except those of the hour repeated when clocks go back (an ambiguous wall time
        // takes the earlier instant); the gap when they go forward loses none. So the 2,000,000,000th instance is
        // 1,999,999,999 seconds after DTSTART plus one hour per fall-back passed.
        var zone = Zone("America/New_York");
        var start = new LocalDateTime(2026, 1, 1, 0, 0).InZoneStrictly(zone).ToInstant();
        const long Count = 2_000_000_000;
        var expected = start + Duration.FromSeconds(Count - 1);
        for (int round = 0; round < 5; round++)
        {
            int fallBacks = zone.GetZoneIntervals(start, expected).Zip(zone.GetZoneIntervals(start, expected).Skip(1))
                .Count(p => p.Second.WallOffset < p.First.WallOffset);
            expected = start + Duration.FromSeconds(Count - 1 + (3600L * fallBacks));
        }
        var set = Set("DTSTART;TZID=America/New_York:20260101T000000", $"RRULE:FREQ=SECONDLY;COUNT={Count}");

        Bounded(() => set.GetLastOccurrence())!.Value.Start.Should().Be(expected);
    }

    [Fact]
    public void The_last_of_a_set_with_a_secondly_until_rule_and_a_count_rule_does_not_enumerate()
    {
        var set = Set("DTSTART:20260101T000000Z", "RRULE:FREQ=SECONDLY;UNTIL=20300101T000000Z", "RRULE:FREQ=DAILY;COUNT=1");

        Bounded(() => set.GetLastOccurrence())!.Value.Start.Should().Be(Instant.FromUtc(2030, 1, 1, 0, 0));
    }

    public static TheoryData<string, int, string> HugeCountRules => new()
    {
        // The rule, its unit in seconds, and the condition an instant must meet (checked below by brute force).
        { "FREQ=MINUTELY;BYHOUR=9;COUNT=2147483647", 60, "hour 9" },
        { "FREQ=HOURLY;INTERVAL=5;BYDAY=MO;COUNT=2147483647", 3600, "monday, every fifth hour" },
        { "FREQ=SECONDLY;BYHOUR=9;BYMINUTE=0;BYSECOND=0,30;COUNT=2147483647", 30, "09:00:00 or 09:00:30" },
        { "FREQ=DAILY;BYDAY=MO;COUNT=2147483647", 86400, "monday" },
    };

    [Theory]
    [MemberData(nameof(HugeCountRules))]
    public void A_far_seek_and_the_last_instance_of_a_rule_with_a_huge_count_are_bounded(string rule, int unitSeconds, string condition)
    {
        // None of these reaches its COUNT before year 9999, so the answers are the rule's own instances near 9000 and 9999.
        var set = Set("DTSTART:20260101T000000Z", "RRULE:" + rule);
        bool Matches(Instant t)
        {
            var local = t.InUtc().LocalDateTime;
            return condition switch
            {
                "hour 9" => local.Hour == 9,
                "monday, every fifth hour" => local.DayOfWeek == IsoDayOfWeek.Monday && (long)(t - Jan2026).TotalHours % 5 == 0,
                "09:00:00 or 09:00:30" => local.Hour == 9 && local.Minute == 0,
                _ => local.DayOfWeek == IsoDayOfWeek.Monday,
            };
        }
        var step = Duration.FromSeconds(unitSeconds);
        var first = Instant.FromUtc(9000, 1, 1, 0, 0);
        while (!Matches(first))
        {
            first += step;
        }
        var last = Instant.FromUtc(9999, 12, 31, 0, 0) + Duration.FromSeconds(86400 - unitSeconds);
        while (!Matches(last))
        {
            last -= step;
        }

        Bounded(() => set.GetFirstOccurrenceAtOrAfter(Instant.FromUtc(9000, 1, 1, 0, 0)))!.Value.Start.Should().Be(first, condition);
        Bounded(() => set.GetLastOccurrence())!.Value.Start.Should().Be(last, condition);
    }

    [Fact]
    public void The_count_of_a_rule_with_uneven_periods_ends_where_enumeration_ends()
    {
        // 60 instances a day (09:00-09:59) after DTSTART (counted first): the 1,000,000th is on day 16,666 at 09:39.
        var set = Set("DTSTART:20260101T000000Z", "RRULE:FREQ=MINUTELY;BYHOUR=9;COUNT=1000000");
        var last = Bounded(() => set.GetLastOccurrence())!.Value;

        last.Should().Be(set.GetOccurrences().Last());
        set.GetOccurrences().Count().Should().Be(1_000_000);
    }

    [Fact]
    public void A_window_in_a_long_empty_stretch_of_a_sparse_rule_stops_at_the_window()
    {
        // A sparse sub-daily rule: one instance per 29 February on a Monday (about every 28 years).
        var set = Set("DTSTART:20260101T000000Z", "RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;BYHOUR=12;BYMINUTE=0;BYSECOND=0");

        Bounded(() => set.GetOccurrences(new Interval(Instant.FromUtc(2030, 1, 1, 0, 0), Instant.FromUtc(2030, 1, 2, 0, 0))).Count()).Should().Be(0);
        Format(Bounded(() => set.GetFirstOccurrenceAtOrAfter(Instant.FromUtc(2030, 1, 1, 0, 0)))!.Value).Should().Be("20440229T120000");
    }

    private static string Format(Occurrence o) => o.LocalStart.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture);
}
