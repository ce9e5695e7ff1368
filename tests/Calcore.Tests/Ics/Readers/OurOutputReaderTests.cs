using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Ics;
using FluentAssertions;
using NodaTime;
using Xunit;
using Xunit.Abstractions;

namespace Calcore.Tests.Ics.Readers;

/// <summary>Issue #14, "Independent readers accept our output": for every valid fixture, what we write
/// (<c>IcsCalendar.Read(fixture).Calendar.Write()</c>) is read by python3-icalendar, libical and Ical.Net 5.2.4 as
/// <c>manifest.json</c> says: events, start and end as instants, recurrence ids, summaries, rules, EXDATEs and
/// attendees' addresses, PARTSTAT, ROLE and CUTYPE.</summary>
/// <remarks>
/// <para>Our output needs <b>none</b> of the manifest's <c>knownDifferences</c>: we write the IANA id with a VTIMEZONE
/// built from tzdb (so Ical.Net reads the Exchange file right) and never fold inside a UTF-8 character (so neither
/// python3-icalendar nor Ical.Net sees U+FFFD). The one deliberate change is ours, not a reader's: an event without
/// DTEND or DURATION is written with the DTEND RFC 5545 §3.6.1 implies (one day for a date, the start for a
/// date-time), see <see cref="IcsManifest.WithEndWritten"/>.</para>
/// <para>A second test writes generated events in zones with awkward rules (half-hour and 45-minute offsets and
/// savings, southern-hemisphere summers, abolished or changed daylight saving, tzdb's negative savings, Morocco's
/// Ramadan changes) across years, and requires each reader to read the instants we mean; libical builds its zones
/// from our VTIMEZONEs, so this checks them.</para>
/// </remarks>
public sealed class OurOutputReaderTests(ITestOutputHelper output)
{
    private static readonly IndependentReader[] AllReaders = [IndependentReader.Python, IndependentReader.Libical, IndependentReader.IcalNet];

    private static readonly ConcurrentDictionary<string, string> Written = new(StringComparer.Ordinal);

    public static TheoryData<IndependentReader, string> ReaderAndFixture()
    {
        var data = new TheoryData<IndependentReader, string>();
        foreach (IndependentReader reader in AllReaders)
        {
            foreach (string file in IcsManifest.Current.Files.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(reader, file);
            }
        }

        return data;
    }

    public static TheoryData<IndependentReader> Readers() => [.. AllReaders];

    /// <summary>Our output for a fixture (read as bytes, written once per test run).</summary>
    private static string OurOutput(string file) => Written.GetOrAdd(file, f =>
    {
        using FileStream stream = File.OpenRead(Path.Combine(IcsManifest.DataDirectory, f));
        return IcsCalendar.Read(stream).GetValueOrThrow().Write();
    });

    /// <summary>Writes the text to a temporary file as UTF-8 without a byte order mark, reads it, and deletes it.</summary>
    private static IReadOnlyList<ReaderEvent> ReadText(IndependentReader reader, string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"calcore-ics-ours-{Guid.NewGuid():N}.ics");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        try
        {
            return IndependentReaders.Read(reader, path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(ReaderAndFixture))]
    public void A_reader_reads_our_output_of_the_fixture_as_the_manifest_says_without_known_differences(IndependentReader reader, string file)
    {
        if (!IndependentReaders.Require(reader, output.WriteLine))
        {
            return;
        }

        IcsManifestFile manifest = IcsManifest.Current.Files[file];

        IReadOnlyList<ReaderEvent> read = ReadText(reader, OurOutput(file));

        read.Should().HaveCount(manifest.EventCount, "{0} reads every VEVENT we wrote for {1}", reader, file);
        read.Select(e => e.Uid).Distinct().Order(StringComparer.Ordinal).Should().Equal(manifest.Uids);
        var expected = manifest.Events.Select(IcsManifest.WithEndWritten).ToList();
        for (int i = 0; i < expected.Count; i++)
        {
            read[i].Should().Be(expected[i], "{0} reads our {1}, event {2} (field by field: {3})", reader, file, expected[i].Key, IcsManifest.Differences(read[i], expected[i]));
        }
    }

    /// <summary>Events in awkward zones, each at noon local time on days across the years the zone's rules changed.</summary>
    private static IcsCalendar AwkwardZones()
    {
        (string Zone, int[] Years)[] zones =
        [
            ("Australia/Lord_Howe", [2025, 2026]),   // +10:30, half an hour of summer time (+11), southern hemisphere
            ("Pacific/Chatham", [2026]),              // +12:45 / +13:45
            ("America/St_Johns", [2026]),             // -03:30 / -02:30
            ("Asia/Kolkata", [2026]),                 // +05:30, no daylight saving
            ("Asia/Kathmandu", [2026]),               // +05:45
            ("America/Sao_Paulo", [2017, 2026]),      // summer time until 2019, none since
            ("Europe/Moscow", [2010, 2012, 2016]),    // +03/+04 until 2011, +04 all year, +03 since 2014
            ("Europe/Dublin", [2026]),                // tzdb's negative savings in winter
            // +01, +00 during Ramadan. Not 2026: tzdb 2026f (NodaTime's) has Morocco on +00 from 2026-09-20, and
            // python3-icalendar reads the system's tz database (Debian's may be older) instead of our VTIMEZONE, so the
            // answer would depend on the machine's tzdata.
            ("Africa/Casablanca", [2025]),
            ("America/New_York", [2026]),
        ];
        var events = new List<IcsEvent>();
        var people = new[]
        {
            new IcsCalendarUser("mailto:ada@example.com", "Ada", Status: ParticipationStatus.Accepted, Role: ParticipationRole.Chair),
            new IcsCalendarUser("mailto:room-1@example.com", "Room 1", CalendarUserType.Room, ParticipationRole.NonParticipant, ParticipationStatus.Tentative),
        };
        foreach ((string id, int[] years) in zones)
        {
            DateTimeZone zone = DateTimeZoneProviders.Tzdb[id];
            foreach (int year in years)
            {
                foreach (int month in new[] { 1, 3, 4, 7, 10, 11 })
                {
                    foreach (int day in new[] { 1, 15 })
                    {
                        string uid = $"{id}-{year}-{month:00}-{day:00}@calcore.test";
                        var timing = EventTiming.Timed(new LocalDateTime(year, month, day, 12, 0), zone, Duration.FromMinutes(90));
                        events.Add(new IcsEvent(uid, new EventDetails(timing) { Title = $"Noon in {id}", Uid = uid })
                        {
                            Stamp = Instant.FromUtc(2026, 1, 1, 0, 0),
                            Attendees = [.. people],
                        });
                    }
                }
            }
        }

        return new IcsCalendar(events);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_reader_reads_our_events_in_awkward_zones_at_the_instants_we_mean(IndependentReader reader)
    {
        if (!IndependentReaders.Require(reader, output.WriteLine))
        {
            return;
        }

        IcsCalendar calendar = AwkwardZones();
        string text = calendar.Write();
        IReadOnlyList<ReaderEvent> expected = [.. IcsManifest.FromOurEvents(calendar)];

        IReadOnlyList<ReaderEvent> read = ReadText(reader, text);

        IcsCalendar.Read(text).Calendar.Events.Should().Equal(calendar.Events, "we read our own output as we wrote it");
        read.Should().HaveCount(expected.Count);
        var wrong = read.Zip(expected).Where(p => !p.First.Equals(p.Second)).Select(p => $"{p.Second.Key}: {IcsManifest.Differences(p.First, p.Second)}").ToList();
        wrong.Should().BeEmpty("{0} reads every event at the instant we mean", reader);
    }
}
