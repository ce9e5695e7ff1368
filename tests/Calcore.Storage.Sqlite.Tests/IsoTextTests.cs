using System;
using System.Text;
using Calcore.Storage.Sqlite.Internal;
using FluentAssertions;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>The snapshot reader's fast parsers agree with the NodaTime patterns the writer uses, and decline (so the
/// pattern decides) whatever they do not recognise.</summary>
public sealed class IsoTextTests
{
    [Fact]
    public void Agrees_with_the_NodaTime_patterns_on_what_they_format()
    {
        var random = new Random(20261122);
        for (int i = 0; i < 20_000; i++)
        {
            var local = new LocalDateTime(random.Next(1, 10_000), random.Next(1, 13), 1, random.Next(24), random.Next(60), random.Next(60))
                .PlusDays(random.Next(31))
                .PlusNanoseconds(random.Next(4) switch { 0 => 0, 1 => random.Next(1000) * 1_000_000L, 2 => random.Next(1000) * 100L, _ => random.Next(1_000_000_000) });
            string localText = LocalDateTimePattern.ExtendedIso.Format(local);
            IsoText.TryParseLocalDateTime(Utf8(localText), out LocalDateTime parsedLocal).Should().BeTrue(localText);
            parsedLocal.Should().Be(local, localText);

            Instant instant = local.InUtc().ToInstant();
            string instantText = InstantPattern.ExtendedIso.Format(instant);
            IsoText.TryParseInstant(Utf8(instantText), out Instant parsedInstant).Should().BeTrue(instantText);
            parsedInstant.Should().Be(instant, instantText);

            string dateText = LocalDatePattern.Iso.Format(local.Date);
            IsoText.TryParseDate(Utf8(dateText), out LocalDate parsedDate).Should().BeTrue(dateText);
            parsedDate.Should().Be(local.Date, dateText);

            Duration duration = Duration.FromNanoseconds((long)(random.NextDouble() * 2e15)) * (random.Next(2) == 0 ? 1 : -1);
            string durationText = DurationPattern.Roundtrip.Format(duration);
            IsoText.TryParseDuration(Utf8(durationText), out Duration parsedDuration).Should().BeTrue(durationText);
            parsedDuration.Should().Be(duration, durationText);
        }
    }

    [Theory]
    [InlineData("2024-02-29T23:59:59.999999999", true)]
    [InlineData("0001-01-01T00:00:00", true)]
    [InlineData("9999-12-31T23:59:59.1", true)]
    [InlineData("2023-02-29T10:00:00", false)] // not a leap year
    [InlineData("2026-13-01T10:00:00", false)]
    [InlineData("2026-01-01T24:00:00", false)]
    [InlineData("2026-01-01T10:00:00,5", false)] // the pattern accepts a comma; the fast path leaves it to the pattern
    [InlineData("2026-01-01T10:00:00.", false)]
    [InlineData("2026-01-01T10:00:00.1234567890", false)]
    [InlineData("0000-01-01T00:00:00", false)]
    [InlineData("2026-01-01 10:00:00", false)]
    [InlineData("", false)]
    public void Local_date_times_are_recognised_only_in_the_written_form(string text, bool recognised)
    {
        IsoText.TryParseLocalDateTime(Utf8(text), out LocalDateTime value).Should().Be(recognised);
        if (recognised)
        {
            value.Should().Be(LocalDateTimePattern.ExtendedIso.Parse(text).Value);
        }
    }

    [Theory]
    [InlineData("0:01:00:00", true)]
    [InlineData("-1:00:00:00.5", true)]
    [InlineData("1234567:00:00:00", true)]
    [InlineData("0:1:00:00", false)]
    [InlineData("0:24:00:00", false)]
    [InlineData(":01:00:00", false)]
    [InlineData("--1:00:00:00", false)]
    public void Durations_are_recognised_only_in_the_written_form(string text, bool recognised)
    {
        IsoText.TryParseDuration(Utf8(text), out Duration value).Should().Be(recognised);
        if (recognised)
        {
            value.Should().Be(DurationPattern.Roundtrip.Parse(text).Value);
        }
    }

    [Fact]
    public void Instants_need_the_Z()
    {
        IsoText.TryParseInstant(Utf8("2026-01-01T10:00:00"), out _).Should().BeFalse();
        IsoText.TryParseInstant(Utf8("2026-01-01T10:00:00+01:00"), out _).Should().BeFalse();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
