using System;
using System.Linq;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

public partial class RecurrenceSetTests
{
    [Fact]
    public void Parse_reads_every_property_and_form()
    {
        var set = RecurrenceSet.Parse(
            "DTSTART;TZID=America/New_York:19970902T090000\r\n" +
            "RRULE:FREQ=DAILY;COUNT=10\r\n" +
            "RRULE:FREQ=WEEKLY;COUNT=2;BYDAY=SA\r\n" +
            "EXRULE:FREQ=DAILY;INTERVAL=3;COUNT=3\r\n" +
            "RDATE;VALUE=DATE:19970920,19970921\r\n" +
            "RDATE;VALUE=PERIOD:19970922T150000Z/19970922T160000Z,19970923T150000Z/PT1H30M\r\n" +
            "RDATE;TZID=Europe/London:19970924T120000\r\n" +
            "EXDATE;TZID=America/New_York:19970903T090000,19970904T090000\r\n" +
            "EXDATE:19970905T130000Z\r\n" +
            "EXDATE;VALUE=DATE:19970906\r\n");
        set.StartKind.Should().Be(RecurrenceStartKind.Zoned);
        set.Zone!.Id.Should().Be("America/New_York");
        set.Start.Should().Be(new LocalDateTime(1997, 9, 2, 9, 0));
        set.Rules.Should().HaveCount(2);
        set.ExceptionRules.Should().HaveCount(1);
        set.RecurrenceDates.Should().HaveCount(5);
        set.RecurrenceDates[0].Kind.Should().Be(RecurrenceDateKind.Date);
        set.RecurrenceDates[2].Kind.Should().Be(RecurrenceDateKind.Period);
        set.RecurrenceDates[2].IsUtc.Should().BeTrue();
        set.RecurrenceDates[2].PeriodEnd.Should().Be(new LocalDateTime(1997, 9, 22, 16, 0));
        set.RecurrenceDates[3].PeriodDuration.Should().Be(Period.FromHours(1) + Period.FromMinutes(30));
        set.RecurrenceDates[4].Zone!.Id.Should().Be("Europe/London");
        set.ExceptionDates.Should().HaveCount(4);
        set.ExceptionDates[3].Kind.Should().Be(RecurrenceDateKind.Date);
        RecurrenceSet.Parse(set.ToString()).Should().Be(set);
    }

    [Theory]
    [InlineData("DTSTART;VALUE=DATE:19970902", RecurrenceStartKind.Date)]
    [InlineData("DTSTART:19970902T090000", RecurrenceStartKind.Floating)]
    [InlineData("DTSTART:19970902T090000Z", RecurrenceStartKind.Utc)]
    [InlineData("DTSTART;TZID=Asia/Kolkata:19970902T090000", RecurrenceStartKind.Zoned)]
    public void Parse_keeps_the_form_of_dtstart(string line, RecurrenceStartKind kind)
    {
        var set = Set(line, "RRULE:FREQ=DAILY;COUNT=2");
        set.StartKind.Should().Be(kind);
        set.IsFloating.Should().Be(kind is RecurrenceStartKind.Date or RecurrenceStartKind.Floating);
        RecurrenceSet.Parse(set.ToString()).Should().Be(set);
    }

    [Fact]
    public void Parse_tolerates_lf_folded_lines_and_lowercase()
    {
        var set = RecurrenceSet.Parse("dtstart;tzid=America/New_York:19970902T090000\nRRULE:FREQ=DAILY;\n COUNT=3\n\n");
        Local(set.GetOccurrences()).Should().Equal("19970902T090000", "19970903T090000", "19970904T090000");
    }

    [Fact]
    public void ToString_writes_canonical_folded_lines_that_round_trip()
    {
        var set = Set("DTSTART:20240101T100000Z", "RDATE:" + string.Join(',', Enumerable.Range(1, 12).Select(d => $"202402{d:D2}T100000Z")));
        string text = set.ToString();
        text.Split("\r\n").Should().OnlyContain(l => l.Length <= 75);
        text.Should().Contain("\r\n ");
        RecurrenceSet.Parse(text).Should().Be(set);
        RecurrenceSet.Parse(text).ToString().Should().Be(text);
    }

    [Fact]
    public void Parse_error_names_the_unknown_tzid_with_line_and_column()
    {
        var act = () => RecurrenceSet.Parse("DTSTART;TZID=America/New_York:19970902T090000\r\nEXDATE;TZID=Mars/Olympus:19970903T090000");
        var e = act.Should().Throw<RecurrenceParseException>().Which;
        e.Message.Should().Contain("Mars/Olympus");
        e.Part.Should().Be("TZID");
        e.Line.Should().Be(2);
        e.Column.Should().Be(13);
    }

    [Fact]
    public void Parse_error_in_a_rule_points_into_the_line()
    {
        var act = () => RecurrenceSet.Parse("DTSTART:19970902T090000\nRRULE:FREQ=DAILY;BYMONTH=13");
        var e = act.Should().Throw<RecurrenceParseException>().Which;
        e.Part.Should().Be("BYMONTH");
        e.Line.Should().Be(2);
        e.Column.Should().Be(26);
        e.Position.Should().Be(24 + 25);
    }

    [Fact]
    public void Parse_error_in_a_folded_line_points_to_the_physical_line()
    {
        var act = () => RecurrenceSet.Parse("DTSTART:19970902T090000\nRRULE:FREQ=DAILY;\n BYMONTH=13");
        var e = act.Should().Throw<RecurrenceParseException>().Which;
        e.Line.Should().Be(3);
        e.Column.Should().Be(10);
    }

    [Theory]
    [InlineData("DTSTART;=:20260101T000000", 8)]
    [InlineData("DTSTART;=X:20260101T000000", 8)]
    [InlineData("DTSTART;VALUE=DATE-TIME; =X:20260101T000000", 24)]
    public void Parse_refuses_an_empty_parameter_name_naming_its_position(string text, int position)
    {
        var e = ((Action)(() => RecurrenceSet.Parse(text))).Should().Throw<RecurrenceParseException>().Which;
        e.Part.Should().Be("DTSTART");
        e.Position.Should().Be(position);
        e.Line.Should().Be(1);
        e.Column.Should().Be(position + 1);
        e.Message.Should().Contain("parameter name");
        RecurrenceSet.TryParse(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("RRULE:FREQ=DAILY", 1, "DTSTART")]
    [InlineData("DTSTART:19970902T090000\nDTSTART:19970902T090000", 2, "DTSTART")]
    [InlineData("DTSTART:19970902T090000\nSUMMARY:hello", 2, "SUMMARY")]
    [InlineData("DTSTART:1997090", 1, "DTSTART")]
    [InlineData("DTSTART:19970902T090000\nEXDATE;VALUE=PERIOD:19970902T090000/PT1H", 2, "EXDATE")]
    [InlineData("DTSTART:19970902T090000\nRDATE:19970902T090000/19970902T080000", 2, "RDATE")]
    [InlineData("DTSTART:19970902T090000\nRDATE:19970230T090000", 2, "RDATE")]
    [InlineData("DTSTART;TZID=Europe/Paris:19970902T090000Z", 1, "DTSTART")]
    [InlineData("DTSTART:19970902T090000\nRDATE", 2, "RDATE")]
    public void Parse_errors_name_the_line_and_property(string text, int line, string part)
    {
        var e = ((Action)(() => RecurrenceSet.Parse(text))).Should().Throw<RecurrenceParseException>().Which;
        e.Line.Should().Be(line);
        e.Part.Should().Be(part);
        RecurrenceSet.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void FromLines_takes_dtstart_separately()
    {
        var zone = Zone("America/New_York");
        var set = RecurrenceSet.FromLines(new LocalDateTime(2026, 3, 2, 9, 0), zone, ["RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;TZID=America/New_York:20260309T090000"]);
        Local(set.GetOccurrences()).Should().Equal("20260302T090000", "20260316T090000");
        set.ToString().Should().StartWith("DTSTART;TZID=America/New_York:20260302T090000\r\n");
    }

    [Fact]
    public void FromLines_for_dates_and_errors_name_the_line_index()
    {
        var set = RecurrenceSet.FromLines(new LocalDate(2026, 1, 1), ["RRULE:FREQ=YEARLY;COUNT=2"]);
        set.IsAllDay.Should().BeTrue();
        set.GetOccurrences().Select(o => o.Date).Should().Equal(new LocalDate(2026, 1, 1), new LocalDate(2027, 1, 1));

        var e = ((Action)(() => RecurrenceSet.FromLines(new LocalDate(2026, 1, 1), ["RRULE:FREQ=YEARLY", "RRULE:FREQ=DAILY;BYSETPOS=1"])))
            .Should().Throw<RecurrenceParseException>().Which;
        e.Line.Should().Be(2);
        ((Action)(() => RecurrenceSet.FromLines(new LocalDate(2026, 1, 1), ["DTSTART:20260101T000000"]))).Should().Throw<RecurrenceParseException>();
    }

    [Fact]
    public void Create_builds_sets_in_code()
    {
        var set = RecurrenceSet.Create(new LocalDateTime(2026, 1, 5, 8, 0), Zone("Europe/London"),
            [RecurrenceRule.Parse("FREQ=DAILY;COUNT=3")],
            [RecurrenceDate.FromInstant(Instant.FromUtc(2026, 2, 1, 12, 0))],
            [RecurrenceDate.FromDateTime(new LocalDateTime(2026, 1, 6, 8, 0), null)]);
        Local(set.GetOccurrences()).Should().Equal("20260105T080000", "20260107T080000", "20260201T120000");
        RecurrenceSet.Parse(set.ToString()).Should().Be(set);
        ((Action)(() => RecurrenceSet.Create(new LocalDateTime(2026, 1, 5, 8, 0).PlusMilliseconds(5), null))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => RecurrenceSet.Create(new LocalDate(2026, 1, 5), exceptionDates: [RecurrenceDate.FromPeriod(new LocalDateTime(2026, 1, 5, 8, 0), null, Period.FromHours(1))])))
            .Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = Set("DTSTART;TZID=Europe/Paris:20260101T090000", "RRULE:FREQ=DAILY");
        var b = Set("DTSTART;TZID=Europe/Paris:20260101T090000", "RRULE:FREQ=DAILY;INTERVAL=1");
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a != Set("DTSTART;TZID=Europe/Berlin:20260101T090000", "RRULE:FREQ=DAILY")).Should().BeTrue();
    }
}
