using System.Collections.Generic;
using Calcore.Ics;
using Calcore.Ics.Internal.Zones;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Ics.Zones;

public class VTimeZoneZoneTests
{
    private readonly List<IcsDiagnostic> _diagnostics = [];

    private VTimeZoneZone Zone(string text) => VTimeZoneReader.Read(ZoneText.Component(text), _diagnostics.Add)!;

    private static Offset H(int hours) => Offset.FromHours(hours);

    // The US rules as Thunderbird writes them: the old rule ends with a UTC UNTIL, the 2007 rule is open.
    private const string UsEastern = """
        BEGIN:VTIMEZONE
        TZID:US-Eastern
        BEGIN:DAYLIGHT
        DTSTART:19870405T020000
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        TZNAME:EDT
        RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z
        END:DAYLIGHT
        BEGIN:STANDARD
        DTSTART:19671029T020000
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        TZNAME:EST
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:20070311T020000
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        TZNAME:EDT
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
        END:DAYLIGHT
        BEGIN:STANDARD
        DTSTART:20071104T020000
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        TZNAME:EST
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
        END:STANDARD
        END:VTIMEZONE
        """;

    [Fact]
    public void Onsets_are_the_wall_times_read_in_the_offset_before_them_including_the_last_onset_before_UNTIL()
    {
        var zone = Zone(UsEastern);
        _diagnostics.Should().BeEmpty();
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        foreach (int year in new[] { 1990, 2005, 2006, 2007, 2026, 2100 })
        {
            for (int month = 1; month <= 12; month++)
            {
                Instant t = Instant.FromUtc(year, month, 1, 12, 0);
                zone.GetUtcOffset(t).Should().Be(newYork.GetUtcOffset(t), "on {0}", t);
            }
        }
        zone.GetUtcOffset(Instant.FromUtc(2006, 4, 2, 7, 0)).Should().Be(H(-4));
        zone.GetUtcOffset(Instant.FromUtc(2006, 4, 2, 6, 59, 59)).Should().Be(H(-5));
        zone.GetUtcOffset(Instant.FromUtc(2006, 10, 29, 6, 0)).Should().Be(H(-5));
    }

    [Fact]
    public void Before_the_first_onset_the_zone_has_the_earliest_observances_TZOFFSETFROM()
    {
        var zone = Zone(UsEastern);
        // The earliest onset is the STANDARD one of 29 October 1967, from -04:00.
        zone.GetUtcOffset(Instant.FromUtc(1900, 1, 1, 0, 0)).Should().Be(H(-4));
        zone.GetZoneInterval(Instant.FromUtc(1900, 1, 1, 0, 0)).End.Should().Be(Instant.FromUtc(1967, 10, 29, 6, 0));
    }

    [Fact]
    public void After_the_last_onset_of_finite_rules_the_last_offset_stays()
    {
        var zone = Zone("""
            BEGIN:VTIMEZONE
            TZID:Ended
            BEGIN:DAYLIGHT
            DTSTART:20200301T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            RRULE:FREQ=YEARLY;COUNT=3
            END:DAYLIGHT
            BEGIN:STANDARD
            DTSTART:20201001T030000
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            RRULE:FREQ=YEARLY;UNTIL=20221001T010000Z
            END:STANDARD
            END:VTIMEZONE
            """);
        zone.GetUtcOffset(Instant.FromUtc(2022, 7, 1, 0, 0)).Should().Be(H(2));
        zone.GetUtcOffset(Instant.FromUtc(2023, 7, 1, 0, 0)).Should().Be(H(1));
        var last = zone.GetZoneInterval(Instant.FromUtc(2500, 1, 1, 0, 0));
        last.Start.Should().Be(Instant.FromUtc(2022, 10, 1, 1, 0));
        last.HasEnd.Should().BeFalse();
    }

    [Fact]
    public void RDATEs_add_onsets_and_a_bad_RDATE_value_is_skipped_with_an_error()
    {
        var zone = Zone("""
            BEGIN:VTIMEZONE
            TZID:Listed
            BEGIN:STANDARD
            DTSTART:20200101T000000
            TZOFFSETFROM:+0000
            TZOFFSETTO:+0000
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:20200401T000000
            TZOFFSETFROM:+0000
            TZOFFSETTO:+0100
            END:DAYLIGHT
            BEGIN:STANDARD
            DTSTART:20200901T010000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0000
            RDATE:20210901T010000,20220901T010000
            RDATE:notadate
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:20210401T000000
            TZOFFSETFROM:+0000
            TZOFFSETTO:+0100
            RDATE;VALUE=PERIOD:20220401T000000/PT1H
            END:DAYLIGHT
            END:VTIMEZONE
            """);
        _diagnostics.Should().ContainSingle().Which.Should().Match<IcsDiagnostic>(d => d.Severity == IcsSeverity.Error && d.Line == 18);
        zone.GetUtcOffset(Instant.FromUtc(2021, 6, 1, 0, 0)).Should().Be(H(1));
        zone.GetUtcOffset(Instant.FromUtc(2022, 6, 1, 0, 0)).Should().Be(H(1));
        zone.GetUtcOffset(Instant.FromUtc(2022, 12, 1, 0, 0)).Should().Be(H(0));
        zone.GetUtcOffset(Instant.FromUtc(2023, 6, 1, 0, 0)).Should().Be(H(0));
    }

    [Fact]
    public void Wall_times_in_the_gap_and_the_overlap_map_as_in_any_NodaTime_zone()
    {
        var zone = Zone(UsEastern);
        new LocalDateTime(2026, 3, 8, 2, 30).InZoneLeniently(zone).ToInstant().Should().Be(Instant.FromUtc(2026, 3, 8, 7, 30));
        zone.MapLocal(new LocalDateTime(2026, 11, 1, 1, 30)).Count.Should().Be(2);
        zone.MapLocal(new LocalDateTime(2026, 3, 8, 2, 30)).Count.Should().Be(0);
    }

    [Fact]
    public void A_far_future_instant_is_answered_from_the_open_rules()
    {
        var zone = Zone(UsEastern);
        zone.GetUtcOffset(Instant.FromUtc(9000, 7, 1, 0, 0)).Should().Be(H(-4));
        zone.GetUtcOffset(Instant.FromUtc(9000, 12, 1, 0, 0)).Should().Be(H(-5));
        zone.GetZoneInterval(Instant.MaxValue).WallOffset.Should().Be(H(-5));
        zone.GetZoneInterval(Instant.MinValue).WallOffset.Should().Be(H(-4));
    }
}
