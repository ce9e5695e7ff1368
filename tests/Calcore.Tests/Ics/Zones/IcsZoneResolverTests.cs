using System.Collections.Generic;
using System.Linq;
using Calcore.Ics;
using Calcore.Ics.Internal.Zones;
using FluentAssertions;
using NodaTime;
using NodaTime.TimeZones;
using Xunit;

namespace Calcore.Tests.Ics.Zones;

public class IcsZoneResolverTests
{
    private readonly List<IcsDiagnostic> _diagnostics = [];

    private IcsZoneResolver Resolver(params string[] vtimezones)
        => new(DateTimeZoneProviders.Tzdb, vtimezones.Select(ZoneText.Component), _diagnostics.Add);

    [Fact]
    public void An_exact_IANA_id_is_the_tzdb_zone()
    {
        Resolver().Resolve("Europe/Paris", 3).Should().BeSameAs(DateTimeZoneProviders.Tzdb["Europe/Paris"]);
        _diagnostics.Should().BeEmpty();
    }

    [Theory]
    [InlineData("europe/paris", "Europe/Paris")]
    [InlineData("AMERICA/NEW_YORK", "America/New_York")]
    [InlineData("  \"Asia/Tokyo\" ", "Asia/Tokyo")]
    public void An_IANA_id_in_another_case_or_quoted_is_the_tzdb_zone(string tzid, string expected)
    {
        Resolver().Resolve(tzid, 3)!.Id.Should().Be(expected);
        _diagnostics.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/mozilla.org/20050126_1/Europe/Paris", "Europe/Paris")]
    [InlineData("/mozilla.org/20070129_1/America/New_York", "America/New_York")]
    [InlineData("/citadel.org/20190914_1/Europe/Paris", "Europe/Paris")]
    [InlineData("/softwarestudio.org/Olson_20011030_5/America/New_York", "America/New_York")]
    [InlineData("/example.com/tz/2024a/Australia/Sydney", "Australia/Sydney")]
    public void A_vendor_prefixed_name_is_the_tzdb_zone_of_its_tail(string tzid, string expected)
    {
        Resolver().Resolve(tzid, 3)!.Id.Should().Be(expected);
        _diagnostics.Should().BeEmpty();
    }

    [Theory]
    [InlineData("W. Europe Standard Time", "Europe/Berlin")]
    [InlineData("Romance Standard Time", "Europe/Paris")]
    [InlineData("GMT Standard Time", "Europe/London")]
    [InlineData("Pacific Standard Time", "America/Los_Angeles")]
    [InlineData("Eastern Standard Time", "America/New_York")]
    [InlineData("AUS Eastern Standard Time", "Australia/Sydney")]
    [InlineData("Tokyo Standard Time", "Asia/Tokyo")]
    [InlineData("w. europe standard time", "Europe/Berlin")]
    public void A_Windows_zone_id_is_the_tzdb_zone_of_the_CLDR_mapping(string tzid, string expected)
    {
        Resolver().Resolve(tzid, 3)!.Id.Should().Be(expected);
        _diagnostics.Should().BeEmpty();
    }

    [Theory]
    [InlineData("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin")]
    [InlineData("(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna", "Europe/Berlin")]
    [InlineData("(GMT+01:00) Brussels, Copenhagen, Madrid, Paris", "Europe/Paris")]
    [InlineData("(utc+01:00)  brussels,copenhagen, MADRID,  paris", "Europe/Paris")]
    [InlineData("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York")]
    [InlineData("(GMT-08:00) Pacific Time (US & Canada); Tijuana", "America/Los_Angeles")]
    [InlineData("(UTC+10:00) Canberra, Melbourne, Sydney", "Australia/Sydney")]
    [InlineData("(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "Europe/London")]
    [InlineData("(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "Europe/London")]
    [InlineData("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "Asia/Calcutta")]
    [InlineData("(UTC+03:00) Moscow, St Petersburg", "Europe/Moscow")]
    [InlineData("(UTC+01:00) Amsterdam, Berlin, Rome", "Europe/Berlin")]
    [InlineData("\"(UTC+09:00) Osaka, Sapporo, Tokyo\"", "Asia/Tokyo")]
    public void An_Exchange_display_name_is_the_zone_of_its_Windows_id(string tzid, string expected)
    {
        Resolver().Resolve(tzid, 3)!.Id.Should().Be(expected);
        _diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Every_display_name_of_the_table_maps_to_a_tzdb_zone()
    {
        var mapping = TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping;
        var unmapped = WindowsDisplayNames.Table.Where(row => !mapping.ContainsKey(row.WindowsId)).Select(row => row.DisplayName).ToList();
        unmapped.Should().BeEmpty();
        WindowsDisplayNames.Table.Select(row => row.DisplayName).Should().OnlyHaveUniqueItems();
        foreach (var (displayName, windowsId) in WindowsDisplayNames.Table)
        {
            WindowsDisplayNames.FindWindowsId(displayName).Should().Be(windowsId, displayName);
        }
    }

    [Fact]
    public void A_display_name_with_a_wrong_offset_is_not_guessed()
    {
        Resolver().Resolve("(UTC+04:00) Brussels, Copenhagen, Madrid, Paris", 9).Should().BeNull();
        _diagnostics.Should().ContainSingle().Which.Severity.Should().Be(IcsSeverity.Error);
    }

    private const string Testland = """
        BEGIN:VTIMEZONE
        TZID:Testland Time
        BEGIN:STANDARD
        DTSTART:19701025T030000
        TZOFFSETFROM:+0330
        TZOFFSETTO:+0230
        TZNAME:TST
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:19700329T020000
        TZOFFSETFROM:+0230
        TZOFFSETTO:+0330
        TZNAME:TDT
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        END:VTIMEZONE
        """;

    [Fact]
    public void An_unknown_name_with_a_VTIMEZONE_is_the_files_zone_with_a_warning()
    {
        var zone = Resolver(Testland).Resolve("Testland Time", 12);

        zone.Should().BeOfType<VTimeZoneZone>().Which.Id.Should().Be("Testland Time");
        _diagnostics.Should().ContainSingle().Which.Should().Match<IcsDiagnostic>(d => d.Severity == IcsSeverity.Warning && d.Line == 12
            && d.Message.Contains("not recognised") && d.Message.Contains("VTIMEZONE"));
        // 2026: last Sunday of March is the 29th, of October the 25th.
        Instant spring = Instant.FromUtc(2026, 3, 28, 23, 30); // 02:00 at +02:30
        Instant autumn = Instant.FromUtc(2026, 10, 24, 23, 30); // 03:00 at +03:30
        zone!.GetUtcOffset(spring - Duration.FromSeconds(1)).Should().Be(Offset.FromHoursAndMinutes(2, 30));
        zone.GetUtcOffset(spring).Should().Be(Offset.FromHoursAndMinutes(3, 30));
        zone.GetUtcOffset(autumn - Duration.FromSeconds(1)).Should().Be(Offset.FromHoursAndMinutes(3, 30));
        zone.GetUtcOffset(autumn).Should().Be(Offset.FromHoursAndMinutes(2, 30));
        zone.GetZoneInterval(Instant.FromUtc(2026, 7, 1, 0, 0)).Name.Should().Be("TDT");
        zone.GetZoneInterval(Instant.FromUtc(2026, 7, 1, 0, 0)).Start.Should().Be(spring);
        zone.GetZoneInterval(Instant.FromUtc(2026, 7, 1, 0, 0)).End.Should().Be(autumn);
        new LocalDateTime(2026, 7, 1, 12, 0).InZoneStrictly(zone).ToInstant().Should().Be(Instant.FromUtc(2026, 7, 1, 8, 30));
    }

    [Fact]
    public void An_unknown_name_without_a_VTIMEZONE_is_null_with_an_error()
    {
        Resolver(Testland).Resolve("Atlantis/Capital", 7).Should().BeNull();
        _diagnostics.Should().ContainSingle().Which.Should().Match<IcsDiagnostic>(d => d.Severity == IcsSeverity.Error && d.Line == 7
            && d.Message == "Unknown time zone 'Atlantis/Capital' and no VTIMEZONE defines it.");
    }

    [Fact]
    public void A_VTIMEZONE_that_disagrees_with_its_known_name_wins_with_a_warning()
    {
        // A file that calls its zone Europe/Paris but says it is UTC+3 all year.
        var resolver = Resolver("""
            BEGIN:VTIMEZONE
            TZID:Europe/Paris
            BEGIN:STANDARD
            DTSTART:19700101T000000
            TZOFFSETFROM:+0300
            TZOFFSETTO:+0300
            TZNAME:XYZ
            END:STANDARD
            END:VTIMEZONE
            """);

        var zone = resolver.Resolve("Europe/Paris", 20);

        zone.Should().BeOfType<VTimeZoneZone>();
        zone!.GetUtcOffset(Instant.FromUtc(2026, 1, 1, 0, 0)).Should().Be(Offset.FromHours(3));
        _diagnostics.Should().ContainSingle().Which.Should().Match<IcsDiagnostic>(d => d.Severity == IcsSeverity.Warning
            && d.Message.Contains("file's definition is used"));
    }

    [Fact]
    public void A_VTIMEZONE_that_agrees_with_its_known_name_gives_the_tzdb_zone()
    {
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var text = ToText(VTimeZoneWriter.Build(paris, 2010, 2040));
        var zone = Resolver(text).Resolve("Europe/Paris", 20);
        zone.Should().BeSameAs(paris);
        _diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void An_Outlook_VTIMEZONE_under_a_Windows_name_that_matches_tzdb_gives_the_tzdb_zone()
    {
        var zone = Resolver("""
            BEGIN:VTIMEZONE
            TZID:W. Europe Standard Time
            BEGIN:STANDARD
            DTSTART:16010101T030000
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:16010101T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
            END:DAYLIGHT
            END:VTIMEZONE
            """).Resolve("W. Europe Standard Time", 30);
        zone!.Id.Should().Be("Europe/Berlin");
        _diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void A_result_is_cached_and_reported_once_per_name()
    {
        var resolver = Resolver(Testland);
        var first = resolver.Resolve("Testland Time", 12);
        resolver.Resolve("Testland Time", 40).Should().BeSameAs(first);
        resolver.Resolve("Nowhere", 41).Should().BeNull();
        resolver.Resolve("Nowhere", 42).Should().BeNull();
        _diagnostics.Should().HaveCount(2);
    }

    [Fact]
    public void A_malformed_observance_is_skipped_with_an_error_and_the_rest_is_used()
    {
        var zone = Resolver("""
            BEGIN:VTIMEZONE
            TZID:Half Broken
            BEGIN:DAYLIGHT
            DTSTART:19700329T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:two hours
            END:DAYLIGHT
            BEGIN:STANDARD
            DTSTART:19700101T000000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0100
            END:STANDARD
            END:VTIMEZONE
            """).Resolve("Half Broken", 50);

        zone!.GetUtcOffset(Instant.FromUtc(2026, 7, 1, 0, 0)).Should().Be(Offset.FromHours(1));
        _diagnostics.Should().HaveCount(2);
        _diagnostics[0].Should().Match<IcsDiagnostic>(d => d.Severity == IcsSeverity.Error && d.Line == 6 && d.Message.Contains("TZOFFSETTO"));
        _diagnostics[1].Severity.Should().Be(IcsSeverity.Warning);
    }

    [Fact]
    public void A_VTIMEZONE_without_a_usable_observance_is_not_built()
    {
        var zone = Resolver("""
            BEGIN:VTIMEZONE
            TZID:Broken
            BEGIN:STANDARD
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0100
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:19700329T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            RRULE:FREQ=SOMETIMES
            END:DAYLIGHT
            END:VTIMEZONE
            """).Resolve("Broken", 60);

        zone.Should().BeNull();
        _diagnostics.Select(d => d.Severity).Should().OnlyContain(s => s == IcsSeverity.Error);
        _diagnostics.Should().HaveCount(4); // DTSTART missing, bad RRULE, no usable observance, unknown zone
        _diagnostics[^1].Message.Should().Contain("cannot be used");
    }

    internal static string ToText(IcsComponent component)
    {
        var lines = new List<string> { "BEGIN:" + component.Name };
        lines.AddRange(component.Properties.Select(p => p.ToString()));
        lines.AddRange(component.Components.Select(ToText));
        lines.Add("END:" + component.Name);
        return string.Join("\n", lines);
    }
}
