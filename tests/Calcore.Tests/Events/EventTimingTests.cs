using System;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Events;

public class EventTimingTests
{
    private static readonly DateTimeZone Paris = TestWorld.Paris;
    private static readonly DateTimeZone NewYork = TestWorld.NewYork;
    private static readonly LocalDateTime TenAm = new(2026, 3, 2, 10, 0);

    // ------------------------------------------------------------------ zoned, floating, all-day

    [Fact]
    public void Timed_with_a_zone_is_zoned_and_keeps_its_wall_time_zone_and_duration()
    {
        var timing = EventTiming.Timed(TenAm, Paris, Duration.FromMinutes(90));

        timing.Start.Should().Be(TenAm);
        timing.StartDate.Should().Be(new LocalDate(2026, 3, 2));
        timing.Zone.Should().BeSameAs(Paris);
        timing.Duration.Should().Be(Duration.FromMinutes(90));
        timing.Days.Should().Be(0);
        timing.IsAllDay.Should().BeFalse();
        timing.IsFloating.Should().BeFalse();
    }

    [Fact]
    public void Timed_without_a_zone_is_floating()
    {
        var timing = EventTiming.Timed(TenAm, null, Duration.FromHours(1));

        timing.IsFloating.Should().BeTrue();
        timing.IsAllDay.Should().BeFalse();
        timing.Zone.Should().BeNull();
    }

    [Fact]
    public void Timed_from_a_zoned_start_takes_its_zone()
    {
        ZonedDateTime start = TenAm.InZoneStrictly(Paris);

        var timing = EventTiming.Timed(start, Duration.FromHours(1));

        timing.Should().Be(EventTiming.Timed(TenAm, Paris, Duration.FromHours(1)));
    }

    [Fact]
    public void Timed_from_start_and_end_measures_the_exact_time_between_them()
    {
        var timing = EventTiming.Timed(TenAm, Paris, TenAm.PlusMinutes(45));

        timing.Duration.Should().Be(Duration.FromMinutes(45));
    }

    [Fact]
    public void Timed_from_start_and_end_across_spring_forward_is_an_hour_shorter_than_the_wall_clock_says()
    {
        // Paris springs forward on 2026-03-29 at 02:00 → 03:00.
        var timing = EventTiming.Timed(new LocalDateTime(2026, 3, 29, 0, 0), Paris, new LocalDateTime(2026, 3, 29, 6, 0));

        timing.Duration.Should().Be(Duration.FromHours(5));
    }

    [Fact]
    public void Timed_allows_a_zero_duration()
    {
        var timing = EventTiming.Timed(TenAm, Paris, Duration.Zero);

        timing.ToInterval(DateTimeZone.Utc).Duration.Should().Be(Duration.Zero);
    }

    [Fact]
    public void All_day_from_a_date_is_midnight_to_midnight_for_whole_days()
    {
        var timing = EventTiming.AllDay(new LocalDate(2026, 3, 2), 3);

        timing.IsAllDay.Should().BeTrue();
        timing.IsFloating.Should().BeFalse();
        timing.Zone.Should().BeNull();
        timing.Start.Should().Be(new LocalDateTime(2026, 3, 2, 0, 0));
        timing.Days.Should().Be(3);
        timing.Duration.Should().Be(Duration.FromDays(3));
        timing.EndDate.Should().Be(new LocalDate(2026, 3, 5));
    }

    [Fact]
    public void All_day_defaults_to_one_day()
        => EventTiming.AllDay(new LocalDate(2026, 3, 2)).Days.Should().Be(1);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(36_501)]
    public void All_day_refuses_a_day_count_out_of_range(int days)
    {
        Action act = () => EventTiming.AllDay(new LocalDate(2026, 3, 2), days);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("days");
    }

    [Fact]
    public void EndDate_of_a_timed_event_is_refused()
    {
        Action act = () => _ = EventTiming.Timed(TenAm, Paris, Duration.FromHours(1)).EndDate;

        act.Should().Throw<InvalidOperationException>();
    }

    // ------------------------------------------------------------------ all-day normalisation (old CalCore §2.11)

    [Fact]
    public void AllDay_drops_the_time_of_day()
    {
        var timing = EventTiming.AllDay(new LocalDateTime(2026, 3, 2, 16, 45), Duration.FromHours(2));

        timing.Start.Should().Be(new LocalDateTime(2026, 3, 2, 0, 0));
        timing.StartDate.Should().Be(new LocalDate(2026, 3, 2));
    }

    [Fact]
    public void AllDay_makes_a_null_duration_one_day()
        => EventTiming.AllDay(TenAm, null).Days.Should().Be(1);

    [Fact]
    public void AllDay_makes_a_zero_duration_one_day()
        => EventTiming.AllDay(TenAm, Duration.Zero).Days.Should().Be(1);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(23, 1)]
    [InlineData(24, 1)]
    [InlineData(25, 2)]
    [InlineData(47, 2)]
    [InlineData(48, 2)]
    [InlineData(49, 3)]
    public void AllDay_rounds_a_partial_day_up(int hours, int expectedDays)
    {
        var timing = EventTiming.AllDay(TenAm, Duration.FromHours(hours));

        timing.Days.Should().Be(expectedDays);
        timing.Duration.Should().Be(Duration.FromDays(expectedDays));
    }

    [Fact]
    public void AllDay_rounds_up_a_duration_just_over_a_day()
        => EventTiming.AllDay(TenAm, Duration.FromDays(1) + Duration.FromTicks(1)).Days.Should().Be(2);

    [Fact]
    public void AllDay_rounds_up_a_nanosecond_over_a_long_duration()
        => EventTiming.AllDay(TenAm, Duration.FromDays(200) + Duration.FromNanoseconds(1)).Days.Should().Be(201);

    [Fact]
    public void AllDay_rounds_up_a_nanosecond_over_a_short_duration()
        => EventTiming.AllDay(TenAm, Duration.FromDays(3) + Duration.FromNanoseconds(1)).Days.Should().Be(4);

    [Fact]
    public void AllDay_keeps_exactly_two_days()
        => EventTiming.AllDay(TenAm, Duration.FromDays(2)).Should().Be(EventTiming.AllDay(new LocalDate(2026, 3, 2), 2));

    [Fact]
    public void AllDay_refuses_a_negative_duration_naming_it()
    {
        Action act = () => EventTiming.AllDay(TenAm, Duration.FromHours(-1));

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("duration");
    }

    [Fact]
    public void AllDay_refuses_a_duration_over_the_day_limit_naming_it()
    {
        Action act = () => EventTiming.AllDay(TenAm, Duration.FromDays(36_501));

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("duration");
    }

    // ------------------------------------------------------------------ refusals

    [Fact]
    public void Timed_refuses_an_end_before_the_start_naming_the_end()
    {
        Action act = () => EventTiming.Timed(TenAm, Paris, TenAm.PlusMinutes(-1));

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("end");
    }

    [Fact]
    public void Timed_refuses_a_floating_end_before_the_start_naming_the_end()
    {
        Action act = () => EventTiming.Timed(TenAm, null, TenAm.PlusHours(-2));

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("end");
    }

    [Fact]
    public void Timed_accepts_an_end_equal_to_the_start()
        => EventTiming.Timed(TenAm, Paris, TenAm).Duration.Should().Be(Duration.Zero);

    [Fact]
    public void Timed_refuses_a_negative_duration_naming_it()
    {
        Action act = () => EventTiming.Timed(TenAm, Paris, Duration.FromTicks(-1));

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("duration");
    }

    [Fact]
    public void Timed_from_a_zoned_start_refuses_a_negative_duration_naming_it()
    {
        Action act = () => EventTiming.Timed(TenAm.InZoneStrictly(Paris), Duration.FromMinutes(-5));

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("duration");
    }

    [Fact]
    public void ToInterval_refuses_a_null_zone()
    {
        Action act = () => EventTiming.Timed(TenAm, null, Duration.FromHours(1)).ToInterval(null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("defaultZone");
    }

    // ------------------------------------------------------------------ ToInterval

    [Fact]
    public void ToInterval_of_a_zoned_event_ignores_the_default_zone()
    {
        var timing = EventTiming.Timed(TenAm, Paris, Duration.FromHours(1));

        Interval inUtc = timing.ToInterval(DateTimeZone.Utc);
        Interval inNewYork = timing.ToInterval(NewYork);

        inUtc.Should().Be(new Interval(Instant.FromUtc(2026, 3, 2, 9, 0), Instant.FromUtc(2026, 3, 2, 10, 0)));
        inNewYork.Should().Be(inUtc);
    }

    [Fact]
    public void ToInterval_places_a_floating_event_in_the_given_zone()
    {
        var timing = EventTiming.Timed(TenAm, null, Duration.FromHours(2));

        timing.ToInterval(Paris).Should().Be(new Interval(Instant.FromUtc(2026, 3, 2, 9, 0), Instant.FromUtc(2026, 3, 2, 11, 0)));
        timing.ToInterval(DateTimeZone.Utc).Should().Be(new Interval(Instant.FromUtc(2026, 3, 2, 10, 0), Instant.FromUtc(2026, 3, 2, 12, 0)));
    }

    [Fact]
    public void ToInterval_places_an_all_day_event_from_midnight_to_midnight_in_the_given_zone()
    {
        var timing = EventTiming.AllDay(new LocalDate(2026, 3, 2), 2);

        timing.ToInterval(Paris).Should().Be(new Interval(Instant.FromUtc(2026, 3, 1, 23, 0), Instant.FromUtc(2026, 3, 3, 23, 0)));
    }

    [Fact]
    public void ToInterval_of_an_all_day_event_on_the_spring_forward_day_in_Paris_is_23_hours()
    {
        var timing = EventTiming.AllDay(new LocalDate(2026, 3, 29));

        Interval interval = timing.ToInterval(Paris);

        interval.Duration.Should().Be(Duration.FromHours(23));
        interval.Start.Should().Be(Instant.FromUtc(2026, 3, 28, 23, 0));
        interval.End.Should().Be(Instant.FromUtc(2026, 3, 29, 22, 0));
    }

    [Fact]
    public void ToInterval_of_an_all_day_event_on_the_fall_back_day_in_Paris_is_25_hours()
        => EventTiming.AllDay(new LocalDate(2026, 10, 25)).ToInterval(Paris).Duration.Should().Be(Duration.FromHours(25));

    [Fact]
    public void ToInterval_moves_a_start_in_the_spring_forward_gap_forward_by_the_gap()
    {
        // New York: 2026-03-08 02:00 EST → 03:00 EDT; 02:30 does not exist and becomes 03:30 EDT (07:30Z).
        var timing = EventTiming.Timed(new LocalDateTime(2026, 3, 8, 2, 30), NewYork, Duration.FromHours(1));

        Interval interval = timing.ToInterval(DateTimeZone.Utc);

        interval.Start.Should().Be(new LocalDateTime(2026, 3, 8, 3, 30).InZoneStrictly(NewYork).ToInstant());
        interval.Start.Should().Be(Instant.FromUtc(2026, 3, 8, 7, 30));
        interval.Duration.Should().Be(Duration.FromHours(1));
    }

    [Fact]
    public void ToInterval_takes_the_earlier_instant_of_an_ambiguous_start()
    {
        // New York: 2026-11-01 02:00 EDT → 01:00 EST; 01:30 happens twice: 05:30Z (EDT) and 06:30Z (EST).
        var timing = EventTiming.Timed(new LocalDateTime(2026, 11, 1, 1, 30), NewYork, Duration.FromMinutes(30));

        timing.ToInterval(DateTimeZone.Utc).Start.Should().Be(Instant.FromUtc(2026, 11, 1, 5, 30));
    }

    [Fact]
    public void ToInterval_puts_a_floating_start_in_a_gap_of_the_given_zone_after_the_gap()
    {
        var timing = EventTiming.Timed(new LocalDateTime(2026, 3, 8, 2, 30), null, Duration.FromMinutes(30));

        timing.ToInterval(NewYork).Start.Should().Be(Instant.FromUtc(2026, 3, 8, 7, 30));
    }

    [Fact]
    public void Timed_from_a_zoned_start_keeps_its_instant_in_the_fall_back_overlap()
    {
        ZonedDateTime later = NewYork.AtLeniently(new LocalDateTime(2026, 11, 1, 1, 30)).PlusHours(1); // 01:30 EST = 06:30Z
        later.LocalDateTime.Should().Be(new LocalDateTime(2026, 11, 1, 1, 30));

        var timing = EventTiming.Timed(later, Duration.FromMinutes(30));

        timing.ToInterval(DateTimeZone.Utc).Start.Should().Be(later.ToInstant());
    }

    // ------------------------------------------------------------------ WithStart

    [Fact]
    public void WithStart_moves_a_timed_event_keeping_zone_and_length()
    {
        var timing = EventTiming.Timed(TenAm, Paris, Duration.FromMinutes(30));

        EventTiming moved = timing.WithStart(TenAm.PlusHours(3));

        moved.Should().Be(EventTiming.Timed(TenAm.PlusHours(3), Paris, Duration.FromMinutes(30)));
    }

    [Fact]
    public void WithStart_moves_an_all_day_event_by_date_keeping_its_days()
    {
        var timing = EventTiming.AllDay(new LocalDate(2026, 3, 2), 2);

        EventTiming moved = timing.WithStart(new LocalDateTime(2026, 3, 10, 13, 0));

        moved.Should().Be(EventTiming.AllDay(new LocalDate(2026, 3, 10), 2));
    }

    // ------------------------------------------------------------------ equality

    [Fact]
    public void Equal_timings_have_value_semantics()
        => EqualityAssert.ValueSemantics(
            EventTiming.Timed(TenAm, Paris, Duration.FromHours(1)),
            EventTiming.Timed(TenAm, DateTimeZoneProviders.Tzdb["Europe/Paris"], Duration.FromHours(1)),
            EventTiming.Timed(TenAm, Paris, Duration.FromHours(2)));

    [Fact]
    public void Timings_in_different_zones_differ()
        => EventTiming.Timed(TenAm, Paris, Duration.FromHours(1)).Should().NotBe(EventTiming.Timed(TenAm, NewYork, Duration.FromHours(1)));

    [Fact]
    public void A_floating_timing_differs_from_a_zoned_one()
        => EventTiming.Timed(TenAm, null, Duration.FromHours(1)).Should().NotBe(EventTiming.Timed(TenAm, DateTimeZone.Utc, Duration.FromHours(1)));

    [Fact]
    public void Timings_with_different_starts_differ()
        => EventTiming.Timed(TenAm, Paris, Duration.FromHours(1)).Should().NotBe(EventTiming.Timed(TenAm.PlusMinutes(1), Paris, Duration.FromHours(1)));

    [Fact]
    public void An_all_day_timing_differs_from_a_floating_day_long_timing_at_midnight()
    {
        var allDay = EventTiming.AllDay(new LocalDate(2026, 3, 2));
        var floating = EventTiming.Timed(new LocalDateTime(2026, 3, 2, 0, 0), null, Duration.FromDays(1));

        allDay.Should().NotBe(floating);
        allDay.ToInterval(Paris).Should().Be(floating.ToInterval(Paris));
    }

    [Fact]
    public void All_day_timings_made_either_way_are_equal()
        => EqualityAssert.ValueSemantics(
            EventTiming.AllDay(new LocalDateTime(2026, 3, 2, 9, 0), Duration.FromHours(30)),
            EventTiming.AllDay(new LocalDate(2026, 3, 2), 2),
            EventTiming.AllDay(new LocalDate(2026, 3, 2), 1));

    [Fact]
    public void ToString_describes_each_form()
    {
        EventTiming.AllDay(new LocalDate(2026, 3, 2)).ToString().Should().Be("2026-03-02 (1 day)");
        EventTiming.AllDay(new LocalDate(2026, 3, 2), 3).ToString().Should().Be("2026-03-02 (3 days)");
        EventTiming.Timed(TenAm, null, Duration.FromMinutes(90)).ToString().Should().Contain("2026-03-02T10:00:00").And.Contain("floating");
        EventTiming.Timed(TenAm, Paris, Duration.FromMinutes(90)).ToString().Should().Contain("Europe/Paris");
    }

    // ------------------------------------------------------------------ representable range

    [Fact]
    public void An_all_day_event_that_would_end_after_9999_12_31_is_out_of_range_at_construction()
    {
        Action lastDay = () => EventTiming.AllDay(new LocalDate(9999, 12, 31));
        Action tooLong = () => EventTiming.AllDay(new LocalDate(9999, 12, 1), 31);

        lastDay.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("days").WithMessage("*9999-12-31*");
        tooLong.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("days");
        EventTiming.AllDay(new LocalDate(9999, 12, 30)).EndDate.Should().Be(new LocalDate(9999, 12, 31));
        EventTiming.AllDay(new LocalDate(9999, 12, 30)).ToInterval(DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"]).End
            .Should().Be(Instant.FromUtc(9999, 12, 30, 10, 0));
    }

    [Fact]
    public void A_timed_event_before_year_1_or_ending_after_9999_12_31_is_out_of_range_at_construction()
    {
        Action minimum = () => EventTiming.Timed(LocalDateTime.MinIsoValue, Paris, Duration.FromHours(1));
        Action firstDay = () => EventTiming.Timed(new LocalDateTime(1, 1, 1, 12, 0), Paris, Duration.FromHours(1));
        Action lateEnd = () => EventTiming.Timed(new LocalDateTime(9999, 12, 30, 23, 0), NewYork, Duration.FromHours(2));
        Action maximum = () => EventTiming.Timed(LocalDateTime.MaxIsoValue, null, Duration.Zero);
        Action endForm = () => EventTiming.Timed(new LocalDateTime(9999, 12, 30, 23, 0), NewYork, LocalDateTime.MaxIsoValue);
        Action minimumEndForm = () => EventTiming.Timed(LocalDateTime.MinIsoValue, DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"], TenAm);

        minimum.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("start").WithMessage("*0001-01-02*");
        firstDay.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("start");
        lateEnd.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("duration").WithMessage("*9999-12-31*");
        maximum.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("start");
        endForm.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("end");
        minimumEndForm.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("start");
        EventTiming.Timed(new LocalDateTime(1, 1, 2, 0, 0), DateTimeZoneProviders.Tzdb["Pacific/Kiritimati"], Duration.Zero).ToInterval(Paris).Start
            .Should().Be(Instant.FromUtc(1, 1, 2, 10, 29, 20), "Kiritimati's local mean time then was -10:29:20");
    }

    [Fact]
    public void Moving_a_timing_past_the_representable_range_is_out_of_range()
    {
        var timing = EventTiming.Timed(TenAm, Paris, Duration.FromHours(1));

        Action late = () => timing.WithStart(new LocalDateTime(9999, 12, 30, 23, 30));
        Action early = () => EventTiming.AllDay(new LocalDate(2026, 3, 2)).WithStart(LocalDateTime.MinIsoValue);

        late.Should().Throw<ArgumentOutOfRangeException>();
        early.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("start");
    }
}
