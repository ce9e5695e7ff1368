using System;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests;

/// <summary>The test clock itself: the other tests rely on it.</summary>
public class FakeClockTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Fact]
    public void A_clock_without_auto_advance_stands_still_until_moved()
    {
        var clock = new FakeClock(Start);

        clock.GetCurrentInstant().Should().Be(Start);
        clock.GetCurrentInstant().Should().Be(Start);
        clock.Advance(Duration.FromMinutes(5));
        clock.GetCurrentInstant().Should().Be(Start + Duration.FromMinutes(5));
        clock.Reset(Start - Duration.FromDays(1));
        clock.Now.Should().Be(Start - Duration.FromDays(1));
    }

    [Fact]
    public void An_auto_advancing_clock_moves_on_after_each_reading()
    {
        var clock = new FakeClock(Start, Duration.FromSeconds(1));

        clock.GetCurrentInstant().Should().Be(Start);
        clock.GetCurrentInstant().Should().Be(Start + Duration.FromSeconds(1));
        clock.Now.Should().Be(Start + Duration.FromSeconds(2));
        clock.AutoAdvance = Duration.Zero;
        clock.GetCurrentInstant().Should().Be(clock.GetCurrentInstant());
    }

    [Fact]
    public void A_clock_does_not_run_backwards()
    {
        var clock = FakeClock.At2026();

        Action advance = () => clock.Advance(Duration.FromTicks(-1));
        Action auto = () => clock.AutoAdvance = Duration.FromTicks(-1);

        advance.Should().Throw<ArgumentOutOfRangeException>();
        auto.Should().Throw<ArgumentOutOfRangeException>();
        clock.Now.Should().Be(Start);
    }
}
