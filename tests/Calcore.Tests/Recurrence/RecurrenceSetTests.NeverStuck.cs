using System;
using System.Diagnostics;
using System.Linq;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

public partial class RecurrenceSetTests
{
    /// <summary>Only a guard against a stuck expansion, never a time budget: the engine gives up after at most
    /// 1,000,000 consecutive empty steps (0.1–0.3 s here, seconds on a busy machine), while a stuck one would step by
    /// the second towards year 9999 for hours.</summary>
    private static readonly TimeSpan NeverStuckGuard = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=YEARLY;INTERVAL=7;BYMONTH=4;BYMONTHDAY=31")]
    [InlineData("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4,6,9,11")]
    [InlineData("FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYSETPOS=2")]
    [InlineData("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=SECONDLY;BYSECOND=60")]
    [InlineData("FREQ=YEARLY;BYMONTH=1;BYDAY=MO;BYSETPOS=6")]
    [InlineData("FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1,2,3;BYMONTH=2;BYYEARDAY=1")]
    public void Rule_that_never_produces_an_instance_ends_quickly(string rule)
    {
        if (!RecurrenceRule.TryParse(rule, out var parsed))
        {
            return; // a combination the validator rejects is not a never-stuck case
        }
        var set = RecurrenceSet.Create(new LocalDateTime(2026, 1, 5, 9, 0), Zone("America/New_York"), [parsed]);
        var watch = Stopwatch.StartNew();
        Local(set.GetOccurrences()).Should().Equal("20260105T090000");
        set.GetOccurrences(new Interval(Instant.FromUtc(3000, 1, 1, 0, 0), null)).Should().BeEmpty();
        watch.Elapsed.Should().BeLessThan(NeverStuckGuard, "the expansion ends (a hang guard, not a time budget)");
    }

    [Theory]
    [InlineData("RRULE:FREQ=MONTHLY;BYDAY=6WE")]
    [InlineData("RRULE:FREQ=MONTHLY;BYDAY=-6WE")]
    [InlineData("RRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=6SU,-6MO")]
    public void A_byday_ordinal_no_month_has_produces_no_occurrences_and_the_enumeration_ends(string rule)
    {
        var set = Set("DTSTART:20260107T090000", rule); // 2026-01-07 is a Wednesday

        Local(set.GetOccurrences()).Should().Equal("20260107T090000"); // DTSTART only (decision 1)
        set.GetOccurrences(new Interval(Instant.FromUtc(2026, 1, 8, 0, 0), null)).Should().BeEmpty();
        set.GetFirstOccurrenceAtOrAfter(Instant.FromUtc(2026, 1, 8, 0, 0)).Should().BeNull();
    }

    [Fact]
    public void A_sixth_weekday_beside_a_fifth_yields_only_the_months_that_have_a_fifth()
    {
        var set = Set("DTSTART:20251231T090000", "RRULE:FREQ=MONTHLY;BYDAY=5WE,6WE;COUNT=4"); // 2025-12-31 is a fifth Wednesday

        Local(set.GetOccurrences()).Should().Equal("20251231T090000", "20260429T090000", "20260729T090000", "20260930T090000");
    }

    [Fact]
    public void Leap_day_on_a_monday_is_found_decades_apart()
    {
        var set = Set("DTSTART;VALUE=DATE:20160229", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO");
        set.GetOccurrences().Take(6).Select(o => o.Date.Year).Should().Equal(2016, 2044, 2072, 2112, 2140, 2168);
    }

    [Fact]
    public void Expansion_stops_cleanly_at_year_9999()
    {
        Set("DTSTART;VALUE=DATE:99991201", "RRULE:FREQ=DAILY").GetOccurrences().Count().Should().Be(31);
        Set("DTSTART:20260101T000000Z", "RRULE:FREQ=YEARLY;COUNT=2000000000").GetOccurrences().Count().Should().Be(9999 - 2026 + 1);
        Set("DTSTART;TZID=America/New_York:99991231T200000", "RRULE:FREQ=HOURLY").GetOccurrences().Count().Should().BeLessThan(5);
        Set("DTSTART;TZID=Pacific/Kiritimati:00010101T000000", "RRULE:FREQ=YEARLY;COUNT=3").GetOccurrences().Count().Should().Be(3);
    }

    [Fact]
    public void Huge_interval_ends_cleanly()
    {
        var watch = Stopwatch.StartNew();
        Set("DTSTART:20260101T000000Z", "RRULE:FREQ=SECONDLY;INTERVAL=2000000000").GetOccurrences().Count().Should().Be(126);
        Set("DTSTART:20260101T000000Z", "RRULE:FREQ=YEARLY;INTERVAL=2000000000").GetOccurrences().Count().Should().Be(1);
        Set("DTSTART:20260101T000000Z", "RRULE:FREQ=MONTHLY;INTERVAL=2000000000;COUNT=5").GetOccurrences().Count().Should().Be(1);
        watch.Elapsed.Should().BeLessThan(NeverStuckGuard, "the expansion ends (a hang guard, not a time budget)");
    }

    [Fact]
    public void Far_window_on_an_unbounded_rule_is_cheap()
    {
        var set = Set("DTSTART;TZID=America/Los_Angeles:20250106T090000", "RRULE:FREQ=SECONDLY");
        var window = new Interval(Instant.FromUtc(9000, 1, 1, 0, 0), Instant.FromUtc(9000, 1, 1, 0, 0, 10));
        set.GetOccurrences(window).Count().Should().Be(10);
    }
}
