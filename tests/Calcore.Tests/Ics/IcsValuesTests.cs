using System;
using System.Linq;
using Calcore.Ics;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Ics;

/// <summary>Typed values (RFC 5545 §3.3): reading, writing, round trips and the errors of each.</summary>
public class IcsValuesTests
{
    private static readonly LocalDateTime Nine = new(2026, 12, 4, 9, 0, 0);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\\,b\\;c\\\\d\\ne\\Nf", "a,b;c\\d\ne\nf")]
    [InlineData("10:00 \\: kept", "10:00 \\: kept")]
    [InlineData("ends with \\", "ends with \\")]
    public void Text_is_unescaped(string value, string text)
        => IcsValues.ReadText(value).Should().Be(text);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b;c\\d\ne", "a\\,b\\;c\\\\d\\ne")]
    [InlineData("x\r\ny\rz", "x\\ny\\nz")]
    public void Text_is_escaped(string text, string value)
        => IcsValues.WriteText(text).Should().Be(value);

    [Theory]
    [InlineData("")]
    [InlineData("Caf\u00e9, \\ ; \n end\\n")]
    public void Text_round_trips(string text)
        => IcsValues.ReadText(IcsValues.WriteText(text)).Should().Be(text);

    [Fact]
    public void Text_lists_split_at_unescaped_commas_and_round_trip()
    {
        IcsValues.ReadTextList("a\\,b,c\\\\,d").Should().Equal("a,b", "c\\", "d");
        IcsValues.ReadTextList("").Should().Equal("");
        string[] items = ["x,y", "", "z;\\", "\U0001F600"];
        IcsValues.ReadTextList(IcsValues.WriteTextList(items)).Should().Equal(items);
    }

    [Fact]
    public void Date_times_are_read_in_their_four_forms()
    {
        IcsValues.ReadDateTime("20261204").Should().Be(new IcsDateTime(new LocalDate(2026, 12, 4).AtMidnight(), IcsDateTimeForm.Date, null));
        IcsValues.ReadDateTime("20261204T090000").Should().Be(new IcsDateTime(Nine, IcsDateTimeForm.Floating, null));
        IcsValues.ReadDateTime("20261204T090000Z").Should().Be(new IcsDateTime(Nine, IcsDateTimeForm.Utc, null));
        IcsValues.ReadDateTime("20261204T090000", "Europe/Paris").Should().Be(new IcsDateTime(Nine, IcsDateTimeForm.Zoned, "Europe/Paris"));
        IcsValues.ReadDateTime("20261204T090000Z", "Europe/Paris").Form.Should().Be(IcsDateTimeForm.Utc);
        IcsValues.ReadDateTime("20261204").IsDate.Should().BeTrue();
        IcsValues.ReadDateTime("20261204T235960").Value.Second.Should().Be(59, "a leap second is read as 59");
    }

    [Fact]
    public void A_property_s_date_time_honours_VALUE_DATE_and_a_lower_case_tzid()
    {
        IcsProperty zoned = IcsReader.Read("BEGIN:VCALENDAR\r\nDTSTART;tzid=America/New_York:20261204T090000\r\nEND:VCALENDAR\r\n").Components[0].Properties[0];
        IcsValues.ReadDateTime(zoned).Should().Be(new IcsDateTime(Nine, IcsDateTimeForm.Zoned, "America/New_York"));

        IcsValues.ReadDateTime(new IcsProperty("DTSTART", "20261204", new IcsParameter("VALUE", "DATE"))).IsDate.Should().BeTrue();
        FluentActions.Invoking(() => IcsValues.ReadDateTime(new IcsProperty("DTSTART", "20261204T090000", new IcsParameter("VALUE", "DATE"))))
            .Should().Throw<IcsParseException>().WithMessage("*VALUE=DATE*");
    }

    [Theory]
    [InlineData("2026120")]
    [InlineData("20261304")]
    [InlineData("20260230")]
    [InlineData("00001204")]
    [InlineData("20261204T")]
    [InlineData("20261204T2400")]
    [InlineData("20261204T240000")]
    [InlineData("20261204 090000")]
    [InlineData("20261204T090000+01")]
    [InlineData("2026-12-04")]
    public void Bad_date_times_throw_a_parse_exception(string value)
        => FluentActions.Invoking(() => IcsValues.ReadDateTime(value)).Should().Throw<IcsParseException>().Which.Line.Should().Be(1);

    [Fact]
    public void A_bad_date_time_in_a_property_names_its_line_and_column()
    {
        IcsProperty p = IcsReader.Read("BEGIN:VCALENDAR\r\nEXDATE;TZID=X:20261204T090000,20261304T090000\r\nEND:VCALENDAR\r\n").Components[0].Properties[0];

        IcsParseException e = FluentActions.Invoking(() => IcsValues.ReadDateTimeList(p)).Should().Throw<IcsParseException>().Which;

        e.Line.Should().Be(2);
        e.Column.Should().Be(31);
        e.Message.Should().Contain("EXDATE").And.Contain("20261304");
    }

    [Fact]
    public void Date_time_lists_and_period_lists_are_read()
    {
        var exdate = new IcsProperty("EXDATE", "20261204T090000,20261205T090000", new IcsParameter("TZID", "Europe/Paris"));
        IcsValues.ReadDateTimeList(exdate).Should().Equal(
            new IcsDateTime(Nine, IcsDateTimeForm.Zoned, "Europe/Paris"), new IcsDateTime(Nine.PlusDays(1), IcsDateTimeForm.Zoned, "Europe/Paris"));

        var rdate = new IcsProperty("RDATE", "20261204T090000Z/20261204T100000Z,20261205T090000Z/PT1H", new IcsParameter("VALUE", "PERIOD"));
        IcsValues.ReadPeriodList(rdate).Should().Equal(
            new IcsPeriod(new IcsDateTime(Nine, IcsDateTimeForm.Utc, null), new IcsDateTime(Nine.PlusHours(1), IcsDateTimeForm.Utc, null), null),
            new IcsPeriod(new IcsDateTime(Nine.PlusDays(1), IcsDateTimeForm.Utc, null), null, new IcsDuration(0, Duration.FromHours(1))));
        FluentActions.Invoking(() => IcsValues.ReadDateTimeList(rdate)).Should().Throw<IcsParseException>().WithMessage("*ReadPeriodList*");
        FluentActions.Invoking(() => IcsValues.ReadPeriodList(new IcsProperty("RDATE", "20261204T090000Z"))).Should().Throw<IcsParseException>();
    }

    [Fact]
    public void Dates_and_date_times_are_written_and_read_back()
    {
        IcsValues.WriteDate(new LocalDate(2026, 1, 4)).Should().Be("20260104");
        IcsValues.WriteDateTime(new LocalDateTime(987, 1, 4, 5, 6, 7, 890)).Should().Be("09870104T050607");
        IcsValues.WriteUtc(Instant.FromUtc(2026, 12, 4, 8, 0)).Should().Be("20261204T080000Z");
        IcsValues.ReadDateTime(IcsValues.WriteDateTime(Nine)).Value.Should().Be(Nine);
        IcsValues.ReadDateTime(IcsValues.WriteUtc(Instant.FromUtc(9999, 12, 31, 23, 59, 59))).Value.Should().Be(new LocalDateTime(9999, 12, 31, 23, 59, 59));
        FluentActions.Invoking(() => IcsValues.WriteDate(new LocalDate(0, 1, 1))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("PT1H30M", 0, 5400, "PT1H30M")]
    [InlineData("P1W", 7, 0, "P1W")]
    [InlineData("P7D", 7, 0, "P1W")]
    [InlineData("-P1DT12H", -1, -43200, "-P1DT12H")]
    [InlineData("+P2D", 2, 0, "P2D")]
    [InlineData("PT1H5S", 0, 3605, "PT1H0M5S")]
    [InlineData("P1W2D", 9, 0, "P9D")]
    [InlineData("pt15m", 0, 900, "PT15M")]
    [InlineData("PT0S", 0, 0, "PT0S")]
    [InlineData("P0D", 0, 0, "PT0S")]
    [InlineData("PT36H", 0, 129600, "PT36H")]
    public void Durations_are_read_and_written(string value, int days, long seconds, string written)
    {
        IcsDuration d = IcsValues.ReadDuration(value);

        d.Should().Be(new IcsDuration(days, Duration.FromSeconds(seconds)));
        IcsValues.WriteDuration(d).Should().Be(written);
        IcsValues.ReadDuration(written).Should().Be(d);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("1H")]
    [InlineData("PT1D")]
    [InlineData("P1H")]
    [InlineData("PT1M1H")]
    [InlineData("P1D1W")]
    [InlineData("PT1.5H")]
    [InlineData("P9999999999D")]
    [InlineData("P99999999W")]
    public void Bad_durations_throw_a_parse_exception(string value)
        => FluentActions.Invoking(() => IcsValues.ReadDuration(value)).Should().Throw<IcsParseException>();

    [Fact]
    public void Durations_that_cannot_be_written_are_rejected()
    {
        FluentActions.Invoking(() => IcsValues.WriteDuration(new IcsDuration(1, Duration.FromHours(-1)))).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => IcsValues.WriteDuration(new IcsDuration(0, Duration.FromMilliseconds(1500)))).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("+0100", 3600, "+0100")]
    [InlineData("-0500", -18000, "-0500")]
    [InlineData("+0530", 19800, "+0530")]
    [InlineData("-001530", -930, "-001530")]
    [InlineData("+0000", 0, "+0000")]
    [InlineData("-0000", 0, "+0000")]
    [InlineData("+1800", 64800, "+1800")]
    public void Utc_offsets_are_read_and_written(string value, int seconds, string written)
    {
        IcsValues.ReadUtcOffset(value).Should().Be(Offset.FromSeconds(seconds));
        IcsValues.WriteUtcOffset(Offset.FromSeconds(seconds)).Should().Be(written);
    }

    [Theory]
    [InlineData("0100")]
    [InlineData("+01")]
    [InlineData("+01:00")]
    [InlineData("+0160")]
    [InlineData("+1801")]
    [InlineData("+2400")]
    public void Bad_utc_offsets_throw_a_parse_exception(string value)
        => FluentActions.Invoking(() => IcsValues.ReadUtcOffset(value)).Should().Throw<IcsParseException>();

    [Fact]
    public void Booleans_integers_floats_and_binaries_are_read()
    {
        IcsValues.ReadBoolean("TRUE").Should().BeTrue();
        IcsValues.ReadBoolean("false").Should().BeFalse();
        IcsValues.ReadInteger("-42").Should().Be(-42);
        IcsValues.ReadInteger("+7").Should().Be(7);
        IcsValues.ReadFloat("37.386013").Should().Be(37.386013);
        IcsValues.ReadFloat("-122").Should().Be(-122);
        IcsValues.ReadBinary("AAECAw==").Should().Equal(0, 1, 2, 3);
        IcsValues.ReadBinary("").Should().BeEmpty();
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("")]
    public void Bad_booleans_throw(string value) => FluentActions.Invoking(() => IcsValues.ReadBoolean(value)).Should().Throw<IcsParseException>();

    [Theory]
    [InlineData("1.5")]
    [InlineData(" 1")]
    [InlineData("2147483648")]
    [InlineData("")]
    public void Bad_integers_throw(string value) => FluentActions.Invoking(() => IcsValues.ReadInteger(value)).Should().Throw<IcsParseException>();

    [Theory]
    [InlineData("1e5")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("NaN")]
    [InlineData("1,5")]
    public void Bad_floats_throw(string value) => FluentActions.Invoking(() => IcsValues.ReadFloat(value)).Should().Throw<IcsParseException>();

    [Fact]
    public void Bad_base64_throws() => FluentActions.Invoking(() => IcsValues.ReadBinary("not base64!")).Should().Throw<IcsParseException>();

    [Fact]
    public void Date_time_values_of_random_wall_clock_times_round_trip()
    {
        var random = new Random(5545);
        foreach (int _ in Enumerable.Range(0, 200))
        {
            var value = new LocalDateTime(random.Next(1, 10000), random.Next(1, 13), random.Next(1, 29), random.Next(24), random.Next(60), random.Next(60));
            IcsValues.ReadDateTime(IcsValues.WriteDateTime(value)).Value.Should().Be(value);
            IcsValues.ReadDateTime(IcsValues.WriteDate(value.Date)).Date.Should().Be(value.Date);
            var duration = new IcsDuration(random.Next(-1000, 1000), Duration.Zero);
            duration = duration with { Time = Duration.FromSeconds(Math.Sign(duration.Days) * random.Next(0, 1_000_000)) };
            IcsValues.ReadDuration(IcsValues.WriteDuration(duration)).Should().Be(duration);
        }
    }
}
