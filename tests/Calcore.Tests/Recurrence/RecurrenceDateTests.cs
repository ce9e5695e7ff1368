using System;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

public class RecurrenceDateTests
{
    [Fact]
    public void Factories_keep_the_form_of_the_value()
    {
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        RecurrenceDate.FromDate(new LocalDate(2026, 7, 14)).ToString().Should().Be("20260714");
        RecurrenceDate.FromDateTime(new LocalDateTime(2026, 7, 14, 12, 30), null).ToString().Should().Be("20260714T123000");
        RecurrenceDate.FromInstant(Instant.FromUtc(2026, 7, 14, 12, 30)).ToString().Should().Be("20260714T123000Z");
        var zoned = RecurrenceDate.FromDateTime(new LocalDateTime(2026, 7, 14, 12, 30), paris);
        zoned.Zone.Should().BeSameAs(paris);
        zoned.IsUtc.Should().BeFalse();
        RecurrenceDate.FromPeriod(new LocalDateTime(2026, 7, 14, 12, 30), DateTimeZone.Utc, new LocalDateTime(2026, 7, 14, 13, 0))
            .ToString().Should().Be("20260714T123000Z/20260714T130000Z");
        var period = RecurrenceDate.FromPeriod(new LocalDateTime(2026, 7, 14, 12, 30), null, Period.FromWeeks(2));
        period.ToString().Should().Be("20260714T123000/P2W");
        period.PeriodDuration.Should().Be(Period.FromWeeks(2));
        period.LocalStart.Should().Be(new LocalDateTime(2026, 7, 14, 12, 30));
        period.Date.Should().Be(new LocalDate(2026, 7, 14));
    }

    [Fact]
    public void Factories_validate()
    {
        ((Action)(() => RecurrenceDate.FromDateTime(new LocalDateTime(2026, 7, 14, 12, 30).PlusMilliseconds(1), null))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => RecurrenceDate.FromPeriod(new LocalDateTime(2026, 7, 14, 12, 30), null, new LocalDateTime(2026, 7, 14, 12, 30)))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => RecurrenceDate.FromPeriod(new LocalDateTime(2026, 7, 14, 12, 30), null, Period.FromMonths(1)))).Should().Throw<ArgumentException>();
        ((Action)(() => RecurrenceDate.FromPeriod(new LocalDateTime(2026, 7, 14, 12, 30), null, Period.FromHours(-1)))).Should().Throw<ArgumentException>();
        ((Action)(() => RecurrenceDate.FromPeriod(new LocalDateTime(2026, 7, 14, 12, 30), null, (Period)null!))).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = RecurrenceDate.FromDateTime(new LocalDateTime(2026, 7, 14, 12, 30), DateTimeZoneProviders.Tzdb["Europe/Paris"]);
        var b = RecurrenceDate.FromDateTime(new LocalDateTime(2026, 7, 14, 12, 30), DateTimeZoneProviders.Tzdb["Europe/Paris"]);
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a != RecurrenceDate.FromDateTime(new LocalDateTime(2026, 7, 14, 12, 30), null)).Should().BeTrue();
        (a != RecurrenceDate.FromInstant(Instant.FromUtc(2026, 7, 14, 12, 30))).Should().BeTrue();
    }
}
