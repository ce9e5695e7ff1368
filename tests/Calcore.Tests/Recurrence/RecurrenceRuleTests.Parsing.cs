using System;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

public partial class RecurrenceRuleTests
{
    [Fact]
    public void Parse_reads_every_part()
    {
        var rule = RecurrenceRule.Parse(
            "FREQ=YEARLY;INTERVAL=2;COUNT=7;BYSECOND=0,30;BYMINUTE=15;BYHOUR=9,17;BYDAY=MO,-1FR,2TU;BYMONTHDAY=1,-1;BYYEARDAY=100,-100;BYMONTH=1,6;BYSETPOS=1,-1;WKST=SU");
        rule.Frequency.Should().Be(RecurrenceFrequency.Yearly);
        rule.Interval.Should().Be(2);
        rule.End.Kind.Should().Be(RecurrenceEndKind.Count);
        rule.End.Count.Should().Be(7);
        rule.BySecond.Should().Equal(0, 30);
        rule.ByMinute.Should().Equal(15);
        rule.ByHour.Should().Equal(9, 17);
        rule.ByDay.Should().Equal(new RecurrenceWeekday(IsoDayOfWeek.Friday, -1), new RecurrenceWeekday(IsoDayOfWeek.Monday), new RecurrenceWeekday(IsoDayOfWeek.Tuesday, 2));
        rule.ByMonthDay.Should().Equal(-1, 1);
        rule.ByYearDay.Should().Equal(-100, 100);
        rule.ByMonth.Should().Equal(1, 6);
        rule.BySetPosition.Should().Equal(-1, 1);
        rule.WeekStart.Should().Be(IsoDayOfWeek.Sunday);
    }

    [Theory]
    [InlineData("FREQ=MONTHLY;BYDAY=6WE")]
    [InlineData("FREQ=MONTHLY;BYDAY=53MO,-53FR")]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYDAY=-6SU")]
    public void Parse_accepts_any_byday_ordinal_the_grammar_allows_in_monthly_and_yearly(string text)
    {
        var rule = RecurrenceRule.Parse(text);

        RecurrenceRule.Parse(rule.ToString()).Should().Be(rule);
        rule.ToBuilder().Build().Should().Be(rule);
    }

    [Fact]
    public void Parse_reads_byweekno()
        => RecurrenceRule.Parse("FREQ=YEARLY;BYWEEKNO=20,-1;BYDAY=MO").ByWeekNumber.Should().Equal(-1, 20);

    [Theory]
    [InlineData("SECONDLY", RecurrenceFrequency.Secondly)]
    [InlineData("minutely", RecurrenceFrequency.Minutely)]
    [InlineData("Hourly", RecurrenceFrequency.Hourly)]
    [InlineData("DAILY", RecurrenceFrequency.Daily)]
    [InlineData("WEEKLY", RecurrenceFrequency.Weekly)]
    [InlineData("MONTHLY", RecurrenceFrequency.Monthly)]
    [InlineData("YEARLY", RecurrenceFrequency.Yearly)]
    public void Parse_reads_every_frequency_case_insensitively(string text, RecurrenceFrequency expected)
        => RecurrenceRule.Parse("FREQ=" + text).Frequency.Should().Be(expected);

    [Fact]
    public void Parse_reads_the_three_until_forms()
    {
        RecurrenceRule.Parse("FREQ=DAILY;UNTIL=19971224").End.UntilDate.Should().Be(new LocalDate(1997, 12, 24));
        RecurrenceRule.Parse("FREQ=DAILY;UNTIL=19971224T090000").End.UntilLocalDateTime.Should().Be(new LocalDateTime(1997, 12, 24, 9, 0));
        RecurrenceRule.Parse("FREQ=DAILY;UNTIL=19971224T000000Z").End.UntilInstant.Should().Be(Instant.FromUtc(1997, 12, 24, 0, 0));
        RecurrenceRule.Parse("FREQ=DAILY;UNTIL=19971224T000000Z").End.Kind.Should().Be(RecurrenceEndKind.UntilInstant);
    }

    [Fact]
    public void Parse_accepts_any_order_a_prefix_and_a_trailing_semicolon()
        => RecurrenceRule.Parse("RRULE:COUNT=3;freq=weekly;byday=tu;").Should().Be(RecurrenceRule.Parse("FREQ=WEEKLY;BYDAY=TU;COUNT=3"));

    [Theory]
    [InlineData("FREQ=MONTHLY;BYDAY=-1FR;COUNT=10")]
    [InlineData("FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8")]
    [InlineData("FREQ=WEEKLY;UNTIL=19971007T000000Z;INTERVAL=2;BYDAY=TU,SU;WKST=SU")]
    [InlineData("FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1")]
    [InlineData("FREQ=MINUTELY;UNTIL=19970902T170000;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16")]
    [InlineData("FREQ=YEARLY;UNTIL=20301231;BYWEEKNO=-1,1;BYDAY=MO,SU;BYSETPOS=-2")]
    [InlineData("FREQ=SECONDLY;BYSECOND=60")]
    public void ToString_round_trips(string text)
    {
        var rule = RecurrenceRule.Parse(text);
        var again = RecurrenceRule.Parse(rule.ToString());
        again.Should().Be(rule);
        again.ToString().Should().Be(rule.ToString());
        again.GetHashCode().Should().Be(rule.GetHashCode());
    }

    [Fact]
    public void ToString_is_canonical()
        => RecurrenceRule.Parse("WKST=MO;BYDAY=FR,MO,MO;INTERVAL=1;COUNT=5;FREQ=WEEKLY").ToString()
            .Should().Be("FREQ=WEEKLY;COUNT=5;BYDAY=MO,FR");

    [Fact]
    public void Equality_is_by_value()
    {
        var a = RecurrenceRule.Parse("FREQ=MONTHLY;BYMONTHDAY=1,15");
        var b = RecurrenceRule.Parse("FREQ=MONTHLY;BYMONTHDAY=15,1");
        (a == b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        (a != RecurrenceRule.Parse("FREQ=MONTHLY;BYMONTHDAY=1")).Should().BeTrue();
    }

    [Theory]
    [InlineData("FREQ=DAILY;BYMONTH=13", "BYMONTH", 19)]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY", 24)]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=1,32", "BYMONTHDAY", 26)]
    [InlineData("FREQ=MONTHLY;BYSETPOS=0;BYDAY=MO", "BYSETPOS", 22)]
    [InlineData("FREQ=DAILY;INTERVAL=0", "INTERVAL", 20)]
    [InlineData("FREQ=DAILY;COUNT=0", "COUNT", 17)]
    [InlineData("FREQ=DAILY;COUNT=2;UNTIL=19970101", "UNTIL", 19)]
    [InlineData("FREQ=MONTHLY;BYWEEKNO=1", "BYWEEKNO", 13)]
    [InlineData("FREQ=DAILY;BYYEARDAY=1", "BYYEARDAY", 11)]
    [InlineData("FREQ=WEEKLY;BYYEARDAY=1", "BYYEARDAY", 12)]
    [InlineData("FREQ=MONTHLY;BYYEARDAY=1", "BYYEARDAY", 13)]
    [InlineData("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY", 12)]
    [InlineData("FREQ=WEEKLY;BYDAY=1MO", "BYDAY", 12)]
    [InlineData("FREQ=DAILY;BYDAY=-1MO", "BYDAY", 11)]
    [InlineData("FREQ=YEARLY;BYWEEKNO=3;BYDAY=1MO", "BYDAY", 23)]
    [InlineData("FREQ=MONTHLY;BYDAY=54MO", "BYDAY", 19)]
    [InlineData("FREQ=MONTHLY;BYDAY=MO,XX", "BYDAY", 22)]
    [InlineData("FREQ=DAILY;BYHOUR=24", "BYHOUR", 18)]
    [InlineData("FREQ=DAILY;BYMINUTE=60", "BYMINUTE", 20)]
    [InlineData("FREQ=DAILY;BYSECOND=61", "BYSECOND", 20)]
    [InlineData("FREQ=DAILY;BYHOUR=-1", "BYHOUR", 18)]
    [InlineData("FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY", 22)]
    [InlineData("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO", 21)]
    [InlineData("FREQ=DAILY;BYSETPOS=1", "BYSETPOS", 11)]
    [InlineData("FREQ=FORTNIGHTLY", "FREQ", 5)]
    [InlineData("FREQ=DAILY;WKST=XX", "WKST", 16)]
    [InlineData("FREQ=DAILY;UNTIL=1997", "UNTIL", 17)]
    [InlineData("FREQ=DAILY;UNTIL=19970230", "UNTIL", 17)]
    [InlineData("FREQ=DAILY;FREQ=WEEKLY", "FREQ", 11)]
    [InlineData("FREQ=DAILY;COLOR=RED", "COLOR", 11)]
    [InlineData("COUNT=3", "FREQ", 0)]
    public void Parse_errors_name_the_part_and_position(string text, string part, int position)
    {
        var act = () => RecurrenceRule.Parse(text);
        var e = act.Should().Throw<RecurrenceParseException>().Which;
        e.Part.Should().Be(part);
        e.Position.Should().Be(position);
        e.Line.Should().Be(1);
        e.Column.Should().Be(position + 1);
        e.Message.Should().Contain(part).And.Contain($"column {position + 1}");
        e.Should().BeAssignableTo<ArgumentException>();
        RecurrenceRule.TryParse(text, out var rule).Should().BeFalse();
        rule.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("FREQ")]
    [InlineData("FREQ=")]
    [InlineData(";;")]
    public void Parse_rejects_malformed_text(string text)
        => ((Action)(() => RecurrenceRule.Parse(text))).Should().Throw<RecurrenceParseException>();

    [Fact]
    public void Parse_rejects_null()
        => ((Action)(() => RecurrenceRule.Parse(null!))).Should().Throw<ArgumentNullException>();

    [Fact]
    public void TryParse_returns_the_rule()
    {
        RecurrenceRule.TryParse("FREQ=DAILY", out var rule).Should().BeTrue();
        rule!.Frequency.Should().Be(RecurrenceFrequency.Daily);
        RecurrenceRule.TryParse(null, out _).Should().BeFalse();
    }
}
