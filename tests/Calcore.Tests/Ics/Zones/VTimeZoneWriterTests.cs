using System.Collections.Generic;
using System.Linq;
using Calcore.Ics;
using Calcore.Ics.Internal.Zones;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Ics.Zones;

public class VTimeZoneWriterTests
{
    private static DateTimeZone Tz(string id) => DateTimeZoneProviders.Tzdb[id];

    private static List<string> Lines(IcsComponent observance) => [.. observance.Properties.Select(p => p.ToString())];

    [Fact]
    public void Europe_Paris_is_two_open_yearly_rules_on_the_last_Sundays()
    {
        var vtimezone = VTimeZoneWriter.Build(Tz("Europe/Paris"), 2020, 2030);

        vtimezone.Name.Should().Be("VTIMEZONE");
        vtimezone.Properties.Should().Equal(new IcsProperty("TZID", "Europe/Paris"));
        vtimezone.Components.Should().HaveCount(2);
        vtimezone.Components[0].Name.Should().Be("DAYLIGHT");
        Lines(vtimezone.Components[0]).Should().Equal(
            "DTSTART:20200329T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
        vtimezone.Components[1].Name.Should().Be("STANDARD");
        Lines(vtimezone.Components[1]).Should().Equal(
            "DTSTART:20201025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
    }

    [Fact]
    public void America_New_York_across_the_2007_change_is_a_rule_with_UNTIL_then_a_new_open_rule()
    {
        var vtimezone = VTimeZoneWriter.Build(Tz("America/New_York"), 2006, 2008);

        vtimezone.Components.Select(c => c.Name + " " + string.Join(" | ", Lines(c))).Should().Equal(
            "DAYLIGHT DTSTART:20060402T020000 | TZOFFSETFROM:-0500 | TZOFFSETTO:-0400 | TZNAME:EDT | RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z",
            "STANDARD DTSTART:20061029T020000 | TZOFFSETFROM:-0400 | TZOFFSETTO:-0500 | TZNAME:EST | RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z",
            "DAYLIGHT DTSTART:20070311T020000 | TZOFFSETFROM:-0500 | TZOFFSETTO:-0400 | TZNAME:EDT | RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
            "STANDARD DTSTART:20071104T020000 | TZOFFSETFROM:-0400 | TZOFFSETTO:-0500 | TZNAME:EST | RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU");
    }

    [Fact]
    public void Australia_Sydney_has_daylight_time_from_October_to_April()
    {
        var vtimezone = VTimeZoneWriter.Build(Tz("Australia/Sydney"), 2024, 2026);

        vtimezone.Components.Select(c => c.Name + " " + string.Join(" | ", Lines(c))).Should().Equal(
            "STANDARD DTSTART:20240407T030000 | TZOFFSETFROM:+1100 | TZOFFSETTO:+1000 | TZNAME:AEST | RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
            "DAYLIGHT DTSTART:20241006T020000 | TZOFFSETFROM:+1000 | TZOFFSETTO:+1100 | TZNAME:AEDT | RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU");
    }

    [Fact]
    public void Asia_Kolkata_without_daylight_saving_is_one_standard_observance()
    {
        var vtimezone = VTimeZoneWriter.Build(Tz("Asia/Kolkata"), 2020, 2030);

        vtimezone.Components.Should().ContainSingle();
        vtimezone.Components[0].Name.Should().Be("STANDARD");
        Lines(vtimezone.Components[0]).Should().Equal("DTSTART:20200101T000000", "TZOFFSETFROM:+0530", "TZOFFSETTO:+0530", "TZNAME:IST");
    }

    [Fact]
    public void Europe_Dublin_with_negative_savings_in_tzdb_is_written_with_summer_as_daylight_time()
    {
        var vtimezone = VTimeZoneWriter.Build(Tz("Europe/Dublin"), 2020, 2030);

        vtimezone.Components.Select(c => c.Name + " " + c.FindProperty("TZNAME")!.Value).Should().Equal("DAYLIGHT IST", "STANDARD GMT");
    }

    [Fact]
    public void UTC_is_one_standard_observance_at_offset_zero()
    {
        var vtimezone = VTimeZoneWriter.Build(DateTimeZone.Utc, 2026, 2026);

        vtimezone.FindProperty("TZID")!.Value.Should().Be("UTC");
        vtimezone.Components.Should().ContainSingle();
        Lines(vtimezone.Components[0]).Should().Equal("DTSTART:20260101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000", "TZNAME:UTC");
    }

    [Fact]
    public void A_zone_that_stopped_daylight_saving_in_the_range_has_rules_with_UNTIL()
    {
        // Brazil (America/Sao_Paulo) ended daylight saving in 2019.
        var vtimezone = VTimeZoneWriter.Build(Tz("America/Sao_Paulo"), 2016, 2022);

        vtimezone.Components.SelectMany(c => c.GetProperties("RRULE")).Should().OnlyContain(p => p.Value.Contains(";UNTIL="));
    }

    [Fact]
    public void Irregular_transitions_are_written_as_RDATEs()
    {
        // Morocco suspends its +01 for Ramadan: the dates follow the lunar calendar.
        var vtimezone = VTimeZoneWriter.Build(Tz("Africa/Casablanca"), 2022, 2026);

        vtimezone.Components.SelectMany(c => c.GetProperties("RDATE")).Should().NotBeEmpty();
    }

    [Fact]
    public void The_same_zone_and_years_give_the_same_component()
    {
        VTimeZoneWriter.Build(Tz("Europe/London"), 1990, 2030).Should().Be(VTimeZoneWriter.Build(Tz("Europe/London"), 1990, 2030));
    }

    public static TheoryData<string> RoundTripZones =>
    [
        "Europe/Paris", "Europe/London", "Europe/Dublin", "Europe/Moscow", "Europe/Kyiv", "America/New_York", "America/Los_Angeles",
        "America/Sao_Paulo", "America/Santiago", "America/St_Johns", "America/Havana", "America/Mexico_City", "Australia/Sydney",
        "Australia/Lord_Howe", "Pacific/Auckland", "Pacific/Chatham", "Asia/Kolkata", "Asia/Tehran", "Asia/Jerusalem", "Asia/Gaza",
        "Africa/Cairo", "Africa/Casablanca", "Pacific/Apia", "UTC",
    ];

    [Theory]
    [MemberData(nameof(RoundTripZones))]
    public void A_written_VTIMEZONE_read_back_has_the_offsets_of_tzdb_at_every_transition(string id)
    {
        DateTimeZone tz = Tz(id);
        const int from = 1995;
        const int to = 2035;
        var diagnostics = new List<IcsDiagnostic>();
        var text = IcsZoneResolverTests.ToText(VTimeZoneWriter.Build(tz, from, to));

        VTimeZoneZone? own = VTimeZoneReader.Read(ZoneText.Component(text), diagnostics.Add);

        diagnostics.Should().BeEmpty();
        own.Should().NotBeNull();
        own!.Id.Should().Be(id);
        Instant start = Instant.FromUtc(from, 1, 1, 0, 0);
        Instant end = Instant.FromUtc(to + 1, 1, 1, 0, 0);
        var checkpoints = new List<Instant> { start, end - Duration.FromSeconds(1) };
        foreach (var zi in tz.GetZoneIntervals(start, end).Where(zi => zi.HasStart && zi.Start > start))
        {
            checkpoints.Add(zi.Start - Duration.FromSeconds(1));
            checkpoints.Add(zi.Start);
            checkpoints.Add(zi.Start + Duration.FromSeconds(1));
            if (zi.HasEnd && zi.End < end)
            {
                checkpoints.Add(zi.Start + ((zi.End - zi.Start) / 2));
            }
        }
        foreach (Instant t in checkpoints)
        {
            own.GetUtcOffset(t).Should().Be(tz.GetUtcOffset(t), "at {0} in {1}", t, id);
        }
    }
}
