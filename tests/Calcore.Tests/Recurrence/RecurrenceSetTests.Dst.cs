using System.Linq;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

public partial class RecurrenceSetTests
{
    [Fact]
    public void Expand_moves_a_gap_wall_time_forward_for_that_instance_only()
    {
        var set = Set("DTSTART;TZID=America/New_York:20260307T023000", "RRULE:FREQ=DAILY;COUNT=3");
        var occurrences = set.GetOccurrences().ToList();
        Local(occurrences).Should().Equal("20260307T023000", "20260308T033000", "20260309T023000");
        occurrences[1].OriginalLocalStart.Should().Be(new LocalDateTime(2026, 3, 8, 2, 30));
        occurrences[1].IsShifted.Should().BeTrue();
        occurrences[1].Start.Should().Be(Instant.FromUtc(2026, 3, 8, 7, 30));
        occurrences[1].Offset.Should().Be(Offset.FromHours(-4));
        occurrences[2].IsShifted.Should().BeFalse();
    }

    [Fact]
    public void Expand_takes_the_earlier_instant_of_an_ambiguous_wall_time()
    {
        var set = Set("DTSTART;TZID=America/New_York:20261031T013000", "RRULE:FREQ=DAILY;COUNT=2");
        Utc(set.GetOccurrences()).Should().Equal("20261031T053000Z", "20261101T053000Z");
    }

    [Fact]
    public void Hourly_rule_steps_in_wall_time_across_fall_back()
    {
        var set = Set("DTSTART;TZID=America/New_York:20261101T000000", "RRULE:FREQ=HOURLY;COUNT=4");
        Utc(set.GetOccurrences()).Should().Equal("20261101T040000Z", "20261101T050000Z", "20261101T070000Z", "20261101T080000Z");
    }

    [Fact]
    public void Minutely_rule_merges_instances_that_coincide_after_a_gap()
    {
        var set = Set("DTSTART;TZID=America/New_York:20260308T013000", "RRULE:FREQ=MINUTELY;INTERVAL=30;UNTIL=20260308T080000Z");
        Local(set.GetOccurrences()).Should().Equal("20260308T013000", "20260308T030000", "20260308T033000", "20260308T040000");
    }

    [Fact]
    public void Europe_London_gap_and_overlap()
    {
        var spring = Set("DTSTART;TZID=Europe/London:20260328T013000", "RRULE:FREQ=DAILY;COUNT=3");
        Local(spring.GetOccurrences()).Should().Equal("20260328T013000", "20260329T023000", "20260330T013000");
        var autumn = Set("DTSTART;TZID=Europe/London:20261024T013000", "RRULE:FREQ=DAILY;COUNT=2");
        Utc(autumn.GetOccurrences()).Should().Equal("20261024T003000Z", "20261025T003000Z");
    }

    [Fact]
    public void Australia_Lord_Howe_thirty_minute_shift()
    {
        // Lord Howe moves from +10:30 to +11:00 at 02:00 local on the first Sunday of October.
        var set = Set("DTSTART;TZID=Australia/Lord_Howe:20261003T021500", "RRULE:FREQ=DAILY;COUNT=3");
        var occurrences = set.GetOccurrences().ToList();
        Local(occurrences).Should().Equal("20261003T021500", "20261004T024500", "20261005T021500");
        occurrences[1].Offset.Should().Be(Offset.FromHoursAndMinutes(11, 0));
        // Fall back (+11:00 to +10:30 at 02:00 on the first Sunday of April): 01:45 is ambiguous, earlier instant.
        var back = Set("DTSTART;TZID=Australia/Lord_Howe:20260405T014500", "RRULE:FREQ=DAILY;COUNT=1");
        Utc(back.GetOccurrences()).Should().Equal("20260404T144500Z");
    }

    [Fact]
    public void Asia_Kolkata_has_no_transitions()
    {
        var set = Set("DTSTART;TZID=Asia/Kolkata:20260308T023000", "RRULE:FREQ=MONTHLY;COUNT=12");
        set.GetOccurrences().Should().OnlyContain(o => o.Offset == Offset.FromHoursAndMinutes(5, 30) && !o.IsShifted);
        set.GetOccurrences().Count().Should().Be(12);
    }

    [Fact]
    public void Floating_set_is_placed_in_the_zone_given()
    {
        var set = Set("DTSTART:20260308T023000", "RRULE:FREQ=DAILY;COUNT=2");
        Utc(set.GetOccurrences()).Should().Equal("20260308T023000Z", "20260309T023000Z");
        var ny = set.GetOccurrences(Zone("America/New_York")).ToList();
        Local(ny).Should().Equal("20260308T033000", "20260309T023000");
        Utc(ny).Should().Equal("20260308T073000Z", "20260309T063000Z");
    }

    [Fact]
    public void Zoned_set_ignores_the_placement_zone()
    {
        var set = Set("DTSTART;TZID=Asia/Tokyo:20260101T090000", "RRULE:FREQ=DAILY;COUNT=1");
        Utc(set.GetOccurrences(Zone("America/New_York"))).Should().Equal("20260101T000000Z");
    }

    [Fact]
    public void Date_set_is_placed_at_midnight_in_the_zone_given()
    {
        var set = Set("DTSTART;VALUE=DATE:20260308", "RRULE:FREQ=DAILY;COUNT=2");
        var occurrences = set.GetOccurrences(Zone("America/New_York")).ToList();
        occurrences.Select(o => o.Date).Should().Equal(new LocalDate(2026, 3, 8), new LocalDate(2026, 3, 9));
        Utc(occurrences).Should().Equal("20260308T050000Z", "20260309T040000Z");
    }

    [Fact]
    public void Rdate_in_another_zone_keeps_its_instant()
    {
        var set = Set("DTSTART;TZID=America/New_York:20260101T090000", "RDATE;TZID=Europe/Paris:20260105T150000");
        Local(set.GetOccurrences()).Should().Equal("20260101T090000", "20260105T090000");
    }

    [Fact]
    public void Exdate_matches_by_instant_even_in_another_zone()
    {
        var set = Set("DTSTART;TZID=America/New_York:20260101T090000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260102T140000Z");
        Local(set.GetOccurrences()).Should().Equal("20260101T090000", "20260103T090000");
    }
}
