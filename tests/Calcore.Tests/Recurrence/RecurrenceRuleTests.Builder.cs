using System;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

public partial class RecurrenceRuleTests
{
    [Fact]
    public void Builder_builds_the_same_rule_as_parsing()
    {
        var builder = RecurrenceRule.CreateBuilder(RecurrenceFrequency.Monthly);
        builder.Interval = 2;
        builder.End = RecurrenceEnd.AfterCount(10);
        builder.ByDay.Add(new RecurrenceWeekday(IsoDayOfWeek.Sunday, 1));
        builder.ByDay.Add(new RecurrenceWeekday(IsoDayOfWeek.Sunday, -1));
        builder.Build().Should().Be(RecurrenceRule.Parse("FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU"));
    }

    [Fact]
    public void ToBuilder_derives_a_changed_rule()
    {
        var rule = RecurrenceRule.Parse("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4");
        var builder = rule.ToBuilder();
        builder.End = RecurrenceEnd.Until(Instant.FromUtc(2030, 1, 1, 0, 0));
        builder.Build().ToString().Should().Be("FREQ=WEEKLY;UNTIL=20300101T000000Z;BYDAY=MO,WE");
        rule.ToBuilder().Build().Should().Be(rule);
    }

    [Theory]
    [InlineData(0, "Interval")]
    [InlineData(-3, "Interval")]
    public void Builder_rejects_a_bad_interval(int interval, string parameter)
    {
        var builder = RecurrenceRule.CreateBuilder(RecurrenceFrequency.Daily);
        builder.Interval = interval;
        ((Action)(() => builder.Build())).Should().Throw<ArgumentException>().Which.ParamName.Should().Be(parameter);
    }

    [Fact]
    public void Builder_validates_combinations()
    {
        var builder = RecurrenceRule.CreateBuilder(RecurrenceFrequency.Weekly);
        builder.ByMonthDay.Add(3);
        ((Action)(() => builder.Build())).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("ByMonthDay");

        var b2 = RecurrenceRule.CreateBuilder(RecurrenceFrequency.Monthly);
        b2.ByMonth.Add(13);
        ((Action)(() => b2.Build())).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("ByMonth");

        var b3 = RecurrenceRule.CreateBuilder(RecurrenceFrequency.Daily);
        b3.ByDay.Add(new RecurrenceWeekday(IsoDayOfWeek.Monday, 2));
        ((Action)(() => b3.Build())).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("ByDay");
    }

    [Fact]
    public void End_cannot_hold_both_count_and_until()
    {
        var end = RecurrenceEnd.AfterCount(3);
        end.Count.Should().Be(3);
        end.UntilInstant.Should().BeNull();
        end.UntilDate.Should().BeNull();
        RecurrenceEnd.Never.IsBounded.Should().BeFalse();
        ((Action)(() => RecurrenceEnd.AfterCount(0))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Weekday_validates_and_formats()
    {
        new RecurrenceWeekday(IsoDayOfWeek.Friday, -1).ToString().Should().Be("-1FR");
        new RecurrenceWeekday(IsoDayOfWeek.Monday).ToString().Should().Be("MO");
        ((Action)(() => _ = new RecurrenceWeekday(IsoDayOfWeek.None))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => _ = new RecurrenceWeekday(IsoDayOfWeek.Monday, 54))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
