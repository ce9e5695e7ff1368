using System.Linq;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

public partial class RecurrenceSetTests
{
    [Fact]
    public void Dtstart_is_the_first_instance_and_counts_toward_count_even_when_the_rule_skips_it()
    {
        var set = Set("DTSTART:20260101T090000", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3"); // 2026-01-01 is a Thursday
        Local(set.GetOccurrences()).Should().Equal("20260101T090000", "20260105T090000", "20260112T090000");
    }

    [Theory]
    [InlineData("RRULE:FREQ=DAILY;BYHOUR=9;COUNT=3")]
    [InlineData("RRULE:FREQ=DAILY;BYHOUR=9;BYMINUTE=30;BYSECOND=15;COUNT=3")]
    [InlineData("RRULE:FREQ=DAILY;BYMINUTE=0,30;COUNT=3")]
    public void A_date_set_ignores_byhour_byminute_and_bysecond_but_keeps_them_as_written(string rule)
    {
        var set = Set("DTSTART;VALUE=DATE:20241018", rule);

        set.GetOccurrences().Select(o => o.Date).Should().Equal(new LocalDate(2024, 10, 18), new LocalDate(2024, 10, 19), new LocalDate(2024, 10, 20));
        Local(set.GetOccurrences()).Should().Equal("20241018T000000", "20241019T000000", "20241020T000000");
        set.Rules.Single().Should().Be(RecurrenceRule.Parse(rule["RRULE:".Length..]));
        set.ToString().Should().Contain(set.Rules.Single().ToString());
        Set(set.ToString()).Should().Be(set);
    }

    [Fact]
    public void Expand_skips_exdate_instances()
    {
        var set = Set("DTSTART:20260101T090000", "RRULE:FREQ=DAILY;COUNT=4", "EXDATE:20260101T090000,20260103T090000");
        Local(set.GetOccurrences()).Should().Equal("20260102T090000", "20260104T090000");
    }

    [Fact]
    public void Exdate_wins_over_rdate_and_date_exdate_removes_the_whole_day()
    {
        var set = Set("DTSTART:20260101T090000", "RRULE:FREQ=HOURLY;INTERVAL=6;COUNT=8", "RDATE:20260102T100000", "EXDATE;VALUE=DATE:20260102");
        Local(set.GetOccurrences()).Should().Equal("20260101T090000", "20260101T150000", "20260101T210000", "20260103T030000");
    }

    [Fact]
    public void Instances_on_the_same_instant_are_one()
    {
        var set = Set("DTSTART:20260101T090000", "RRULE:FREQ=DAILY;COUNT=3", "RRULE:FREQ=DAILY;INTERVAL=2;COUNT=2", "RDATE:20260102T090000,20260102T090000");
        Local(set.GetOccurrences()).Should().Equal("20260101T090000", "20260102T090000", "20260103T090000");
    }

    [Fact]
    public void Exrule_removes_its_instances_but_not_a_forced_dtstart()
    {
        var set = Set("DTSTART:20260101T090000", "RRULE:FREQ=DAILY;COUNT=7", "EXRULE:FREQ=WEEKLY;BYDAY=SA,SU");
        Local(set.GetOccurrences()).Should().Equal("20260101T090000", "20260102T090000", "20260105T090000", "20260106T090000", "20260107T090000");
    }

    [Theory]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=4", "20240229", "20240229,20280229,20320229,20360229")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=30;COUNT=3", "20260130", "20260130,20260330,20260430")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", "20240131", "20240131,20240229,20240331")]
    [InlineData("FREQ=MONTHLY;BYDAY=5MO;COUNT=3", "20260105", "20260105,20260330,20260629")]
    [InlineData("FREQ=YEARLY;BYYEARDAY=-1;COUNT=2", "20241231", "20241231,20251231")]
    [InlineData("FREQ=YEARLY;BYYEARDAY=366;COUNT=2", "20241231", "20241231,20281231")]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=3", "20160229", "20160229,20440229,20720229")]
    [InlineData("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=3", "20260213", "20260213,20260313,20261113")]
    [InlineData("FREQ=YEARLY;BYMONTHDAY=1;BYMONTH=3;COUNT=2", "20260301", "20260301,20270301")]
    [InlineData("FREQ=YEARLY;BYMONTHDAY=15;COUNT=3", "20260115", "20260115,20260215,20260315")]
    [InlineData("FREQ=YEARLY;BYDAY=-1SU;COUNT=2", "20261227", "20261227,20271226")]
    [InlineData("FREQ=YEARLY;BYDAY=20MO;COUNT=2", "20260518", "20260518,20270517")]
    public void Expand_handles_leap_years_invalid_dates_and_negative_positions(string rule, string start, string expected)
    {
        var set = Set("DTSTART;VALUE=DATE:" + start, "RRULE:" + rule);
        set.GetOccurrences().Select(o => o.Date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))
            .Should().Equal(expected.Split(','));
    }

    [Theory]
    [InlineData(IsoDayOfWeek.Monday)]
    [InlineData(IsoDayOfWeek.Tuesday)]
    [InlineData(IsoDayOfWeek.Wednesday)]
    [InlineData(IsoDayOfWeek.Thursday)]
    [InlineData(IsoDayOfWeek.Friday)]
    [InlineData(IsoDayOfWeek.Saturday)]
    [InlineData(IsoDayOfWeek.Sunday)]
    public void Week_numbers_follow_iso_8601_with_wkst(IsoDayOfWeek weekStart)
    {
        string wkst = new RecurrenceWeekday(weekStart).ToString();
        foreach (int week in new[] { 1, 2, 26, 52, 53, -1, -2, -53 })
        {
            var set = Set("DTSTART;VALUE=DATE:20000101", $"RRULE:FREQ=YEARLY;BYWEEKNO={week};WKST={wkst};UNTIL=20301231");
            var actual = set.GetOccurrences().Select(o => o.Date).Where(d => d > new LocalDate(2000, 1, 1)).ToList();
            var expected = Enumerable.Range(0, 11323).Select(i => new LocalDate(2000, 1, 2).PlusDays(i))
                .Where(d => d.Year <= 2030 && WeekMatches(d, weekStart, week)).ToList();
            actual.Should().Equal(expected, $"BYWEEKNO={week};WKST={wkst}");
        }
    }

    // Reference week numbering, written independently: a day belongs to the week (starting on
    // weekStart) that contains it; week 1 of a year is the first such week with four or more days
    // in that year.
    private static bool WeekMatches(LocalDate date, IsoDayOfWeek weekStart, int week)
    {
        var start = date.PlusDays(-(((int)date.DayOfWeek - (int)weekStart + 7) % 7));
        var thursdayLike = start.PlusDays(3); // the week's 4th day decides its year
        int weekYear = thursdayLike.Year;
        var firstWeekStart = FirstWeekStart(weekYear, weekStart);
        int number = Period.Between(firstWeekStart, start, PeriodUnits.Days).Days / 7 + 1;
        int total = Period.Between(firstWeekStart, FirstWeekStart(weekYear + 1, weekStart), PeriodUnits.Days).Days / 7;
        return number == week || number - total - 1 == week;
    }

    private static LocalDate FirstWeekStart(int year, IsoDayOfWeek weekStart)
    {
        var jan4 = new LocalDate(year, 1, 4);
        return jan4.PlusDays(-(((int)jan4.DayOfWeek - (int)weekStart + 7) % 7));
    }

    [Fact]
    public void Wkst_changes_weekly_rules_with_an_interval()
    {
        // RFC 5545 §3.8.5.3: the WKST=MO and WKST=SU examples.
        Local(Set("DTSTART;TZID=America/New_York:19970805T090000", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO").GetOccurrences())
            .Should().Equal("19970805T090000", "19970810T090000", "19970819T090000", "19970824T090000");
        Local(Set("DTSTART;TZID=America/New_York:19970805T090000", "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU").GetOccurrences())
            .Should().Equal("19970805T090000", "19970817T090000", "19970819T090000", "19970831T090000");
    }

    [Fact]
    public void Bysetpos_selects_from_the_whole_period_with_several_by_parts()
    {
        // Last work day of the month at the later of two hours.
        var set = Set("DTSTART:20260130T170000", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17;BYSETPOS=-1;COUNT=3");
        Local(set.GetOccurrences()).Should().Equal("20260130T170000", "20260227T170000", "20260331T170000");
        // WEEKLY: the second of Monday/Wednesday/Friday each week.
        var weekly = Set("DTSTART:20260105T090000", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2;COUNT=3");
        Local(weekly.GetOccurrences()).Should().Equal("20260105T090000", "20260107T090000", "20260114T090000");
        // DAILY with BYHOUR: the first and last hour.
        var daily = Set("DTSTART:20260105T080000", "RRULE:FREQ=DAILY;BYHOUR=8,12,18;BYSETPOS=1,-1;COUNT=4");
        Local(daily.GetOccurrences()).Should().Equal("20260105T080000", "20260105T180000", "20260106T080000", "20260106T180000");
    }

    [Fact]
    public void Mixed_ordinal_and_plain_byday_is_the_union()
    {
        var set = Set("DTSTART:20260101T090000", "RRULE:FREQ=MONTHLY;BYDAY=-1MO,WE;UNTIL=20260131T235959");
        Local(set.GetOccurrences()).Should().Equal("20260101T090000", "20260107T090000", "20260114T090000", "20260121T090000", "20260126T090000", "20260128T090000");
    }

    [Fact]
    public void Missing_by_parts_come_from_dtstart()
    {
        Local(Set("DTSTART:20260131T101520", "RRULE:FREQ=MONTHLY;COUNT=3").GetOccurrences())
            .Should().Equal("20260131T101520", "20260331T101520", "20260531T101520");
        Local(Set("DTSTART:20260105T101520", "RRULE:FREQ=YEARLY;BYMONTH=3;COUNT=2").GetOccurrences())
            .Should().Equal("20260105T101520", "20260305T101520");
        Local(Set("DTSTART:20260105T101520", "RRULE:FREQ=DAILY;BYHOUR=8;COUNT=2").GetOccurrences())
            .Should().Equal("20260105T101520", "20260106T081520");
        Local(Set("DTSTART:20260105T101520", "RRULE:FREQ=HOURLY;BYMINUTE=0;COUNT=2").GetOccurrences())
            .Should().Equal("20260105T101520", "20260105T110020");
    }

    [Fact]
    public void Until_is_inclusive_in_each_form()
    {
        Local(Set("DTSTART;TZID=America/New_York:20260101T090000", "RRULE:FREQ=DAILY;UNTIL=20260103T140000Z").GetOccurrences())
            .Should().HaveCount(3);
        Local(Set("DTSTART;TZID=America/New_York:20260101T090000", "RRULE:FREQ=DAILY;UNTIL=20260103T090000").GetOccurrences())
            .Should().HaveCount(3);
        Local(Set("DTSTART;TZID=America/New_York:20260101T090000", "RRULE:FREQ=DAILY;UNTIL=20260103").GetOccurrences())
            .Should().HaveCount(3);
        Local(Set("DTSTART;VALUE=DATE:20260101", "RRULE:FREQ=DAILY;UNTIL=20260103").GetOccurrences())
            .Should().HaveCount(3);
    }

    [Fact]
    public void Bounded_sets_report_their_last_occurrence()
    {
        var set = Set("DTSTART;TZID=Europe/Paris:20260101T090000", "RRULE:FREQ=WEEKLY;COUNT=10", "RDATE;TZID=Europe/Paris:20270101T090000");
        set.IsBounded.Should().BeTrue();
        set.GetLastOccurrence()!.Value.LocalStart.Should().Be(new LocalDateTime(2027, 1, 1, 9, 0));
        set.GetFirstOccurrence()!.Value.LocalStart.Should().Be(new LocalDateTime(2026, 1, 1, 9, 0));
        var open = Set("DTSTART;TZID=Europe/Paris:20260101T090000", "RRULE:FREQ=WEEKLY");
        open.IsBounded.Should().BeFalse();
        open.GetLastOccurrence().Should().BeNull();
    }

    [Fact]
    public void Finds_occurrences_by_instant_and_by_original_start()
    {
        var set = Set("DTSTART;TZID=America/New_York:20260301T023000", "RRULE:FREQ=DAILY");
        set.IsOccurrence(Instant.FromUtc(2026, 3, 2, 7, 30)).Should().BeTrue();
        set.IsOccurrence(Instant.FromUtc(2026, 3, 2, 7, 31)).Should().BeFalse();
        var shifted = set.FindOccurrenceByOriginalStart(new LocalDateTime(2026, 3, 8, 2, 30));
        shifted!.Value.LocalStart.Should().Be(new LocalDateTime(2026, 3, 8, 3, 30));
        set.FindOccurrenceByOriginalStart(new LocalDateTime(2026, 3, 8, 2, 31)).Should().BeNull();
        set.GetFirstOccurrenceAtOrAfter(Instant.FromUtc(2080, 6, 1, 0, 0))!.Value.LocalStart.Should().Be(new LocalDateTime(2080, 6, 1, 2, 30));
        set.FindOccurrence(Instant.FromUtc(2080, 6, 1, 6, 30))!.Value.LocalStart.Should().Be(new LocalDateTime(2080, 6, 1, 2, 30));
    }

    [Fact]
    public void Overlapping_window_finds_occurrences_that_started_before_it()
    {
        var set = Set("DTSTART:20260101T090000Z", "RRULE:FREQ=DAILY");
        var window = new Interval(At("20260105T100000Z"), At("20260107T000000Z"));
        Utc(set.GetOccurrences(window)).Should().Equal("20260106T090000Z");
        Utc(set.GetOccurrences(window, Duration.FromHours(2))).Should().Equal("20260105T090000Z", "20260106T090000Z");
        Utc(set.GetOccurrences(window, Duration.FromHours(1))).Should().Equal("20260106T090000Z");
        // Zero length: only starts inside the half-open window.
        Utc(set.GetOccurrences(new Interval(At("20260106T090000Z"), At("20260107T090000Z")), Duration.Zero)).Should().Equal("20260106T090000Z");
    }
}
