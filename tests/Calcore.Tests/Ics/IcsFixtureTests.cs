using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Ics;
using Calcore.Tests.Ics.Readers;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Ics;

/// <summary>Issue #14, "Checks": every fixture in <c>tests/TestData/ics</c> through the event-level API. A valid fixture
/// reads without errors (with exactly the warnings listed here), as <c>manifest.json</c> says, and round-trips (events,
/// calendar properties and other components equal; write → read → write gives the same text; the lexical reader and
/// writer give equal components). A malformed fixture reads without an exception, with diagnostics on the right lines,
/// keeping the events <c>tests/TestData/ics/README.md</c> says can be recovered; strict mode throws where there is an
/// error. Generated inputs: a 10 MB line and 10,000 levels of nesting.</summary>
public sealed class IcsFixtureTests
{
    private const string Crlf = "\r\n";

    private static readonly IcsReadOptions Strict = new() { Mode = IcsReadMode.Strict };

    /// <summary>The diagnostics a valid fixture gives (none unless listed): severity, line and a part of the message.</summary>
    private static readonly Dictionary<string, (IcsSeverity Severity, int Line, string Message)[]> ExpectedWarnings = new(StringComparer.Ordinal)
    {
        ["thunderbird.ics"] = [(IcsSeverity.Warning, 78, "A VTODO is kept as it is; the engine imports only VEVENTs.")],
    };

    public static TheoryData<string> ValidFixtures() => [.. IcsManifest.Current.Files.Keys.Order(StringComparer.Ordinal)];

    public static TheoryData<string> MalformedFixtures() => [.. Malformed.Keys.Order(StringComparer.Ordinal)];

    private static string PathOf(string file) => Path.Combine(IcsManifest.DataDirectory, file);

    /// <summary>Reads a fixture as bytes (the way a file is read: a fold inside a multi-byte character is restored).</summary>
    private static IcsCalendarReadResult ReadFixture(string file, IcsReadOptions? options = null)
    {
        using FileStream stream = File.OpenRead(PathOf(file));
        return IcsCalendar.Read(stream, options);
    }

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void A_valid_fixture_reads_without_errors_and_with_exactly_the_expected_warnings(string file)
    {
        IcsCalendarReadResult result = ReadFixture(file);

        result.HasErrors.Should().BeFalse(string.Join("; ", result.Diagnostics));
        var expected = ExpectedWarnings.GetValueOrDefault(file) ?? [];
        result.Diagnostics.Select(d => (d.Severity, d.Line, d.Message)).Should().Equal(expected, "{0}: {1}", file, string.Join("; ", result.Diagnostics));
        FluentActions.Invoking(() => ReadFixture(file, Strict)).Should().NotThrow("strict mode fails on errors only");
    }

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void A_valid_fixture_reads_as_the_manifest_says(string file)
    {
        IcsManifestFile manifest = IcsManifest.Current.Files[file];

        IcsCalendar calendar = ReadFixture(file).Calendar;

        calendar.Events.Should().HaveCount(manifest.EventCount);
        calendar.Events.Select(e => e.Uid).Distinct().Order(StringComparer.Ordinal).Should().Equal(manifest.Uids);
        IReadOnlyList<ReaderEvent> ours = IcsManifest.FromOurEvents(calendar);
        // Our model has no "no end": an event without DTEND or DURATION reads as one day or no time (RFC 5545 §3.6.1).
        var expected = manifest.Events.Select(IcsManifest.WithEndWritten).ToList();
        for (int i = 0; i < expected.Count; i++)
        {
            ours[i].Should().Be(expected[i], "{0}, event {1}: {2}", file, expected[i].Key, IcsManifest.Differences(ours[i], expected[i]));
        }
    }

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void A_valid_fixture_round_trips_through_our_writer(string file)
    {
        IcsCalendarReadResult first = ReadFixture(file);

        string written = first.Calendar.Write();
        IcsCalendarReadResult second = IcsCalendar.Read(written);

        second.HasErrors.Should().BeFalse(string.Join("; ", second.Diagnostics));
        second.Calendar.Events.Should().Equal(first.Calendar.Events, "{0}: read → write → read gives equal events", file);
        second.Calendar.Properties.Should().Equal(first.Calendar.Properties);
        second.Calendar.OtherComponents.Should().Equal(first.Calendar.OtherComponents);
        second.Calendar.Write().Should().Be(written, "write → read → write gives identical text");
        IcsCalendar.Read(new MemoryStream(Encoding.UTF8.GetBytes(written))).Calendar.Events.Should().Equal(first.Calendar.Events, "as bytes too");
    }

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void Our_output_of_a_valid_fixture_reads_back_with_the_fixture_s_warnings_and_nothing_else(string file)
    {
        IcsCalendarReadResult first = ReadFixture(file);

        IcsCalendarReadResult second = IcsCalendar.Read(first.Calendar.Write());

        second.Diagnostics.Select(d => (d.Severity, d.Message)).Should().Equal(
            first.Diagnostics.Select(d => (d.Severity, d.Message)), "{0}: {1}", file, string.Join("; ", second.Diagnostics));
        second.Calendar.Events.Select(e => e.Details.Timing.Zone)
            .Where(z => z is not null && z != DateTimeZone.Utc && !ReferenceEquals(z, DateTimeZoneProviders.Tzdb.GetZoneOrNull(z.Id)))
            .Should().BeEmpty("our output names tzdb zones by their ids, and they read as tzdb's zones");
    }

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void Our_output_of_a_valid_fixture_is_crlf_folded_at_75_octets_without_splitting_a_character(string file)
    {
        string written = ReadFixture(file).Calendar.Write();
        byte[] bytes = new UTF8Encoding(false, true).GetBytes(written);

        written.Should().EndWith(Crlf);
        written.Replace(Crlf, "", StringComparison.Ordinal).Should().NotContainAny("\r", "\n");
        int lineStart = 0;
        for (int i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                (i - lineStart).Should().BeLessThanOrEqualTo(75, "{0}: a line of our output is at most 75 octets", file);
                if (i + 2 < bytes.Length)
                {
                    ((bytes[i + 2] & 0xC0) == 0x80).Should().BeFalse("{0}: a fold never splits a UTF-8 sequence (offset {1})", file, i + 2);
                }

                lineStart = i + 2;
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void A_valid_fixture_round_trips_through_the_lexical_reader_and_writer(string file)
    {
        IcsReadResult first;
        using (FileStream stream = File.OpenRead(PathOf(file)))
        {
            first = IcsReader.Read(stream);
        }

        string written = IcsWriter.Write(first.Components);
        IcsReadResult second = IcsReader.Read(written);

        first.HasErrors.Should().BeFalse();
        second.Diagnostics.Should().BeEmpty("our lexical output is clean");
        second.Components.Should().Equal(first.Components, "{0}: read → write → read gives equal components", file);
        IcsWriter.Write(second.Components).Should().Be(written);
    }

    private sealed record MalformedCase(
        (IcsSeverity Severity, int Line)[]? Diagnostics, string[] Uids, int? StrictLine, string Why);

    /// <summary>The malformed fixtures (README, "Malformed files"): the diagnostics (severity and line, in order; null
    /// where there are too many to list), the UIDs kept, and the line strict mode throws at (null: no error).</summary>
    private static readonly Dictionary<string, MalformedCase> Malformed = new(StringComparer.Ordinal)
    {
        ["truncated.ics"] = new(
            [(IcsSeverity.Error, 21), (IcsSeverity.Error, 21)], ["truncated-1@calcore.test", "truncated-2@calcore.test"], 21,
            "ends in a DTSTART on line 21: the unfinished VEVENT and the missing END:VCALENDAR"),
        ["bad-dates.ics"] = new(
            [(IcsSeverity.Error, 14), (IcsSeverity.Error, 21), (IcsSeverity.Error, 27), (IcsSeverity.Error, 33)],
            ["bad-dates-ok-1@calcore.test", "bad-dates-ok-2@calcore.test"], 14,
            "each bad DTSTART skips its event, on the DTSTART's line"),
        ["unbalanced-begin-end.ics"] = new(
            [(IcsSeverity.Error, 11), (IcsSeverity.Error, 17), (IcsSeverity.Error, 29), (IcsSeverity.Error, 29), (IcsSeverity.Error, 29)],
            ["unbalanced-ok-1@calcore.test"], 11,
            "END:VALARM (11) and END:VTODO (17) match nothing; at the end two VEVENTs and the VCALENDAR are unfinished"),
        ["trailing-tab.ics"] = new(
            [(IcsSeverity.Warning, 10)], ["trailing-tab-1@calcore.test", "trailing-tab-2@calcore.test"], null,
            "the tab after END:VEVENT is recoverable"),
        ["lowercase-names.ics"] = new(
            [], ["lowercase-1@calcore.test"], null, "names are case-insensitive (RFC 5545 §2)"),
        ["binary-garbage.ics"] = new(
            null, [], 1, "every line is garbage"),
        ["garbage-inside.ics"] = new(
            [(IcsSeverity.Error, 11)], ["garbage-inside-1@calcore.test", "garbage-inside-2@calcore.test"], 11,
            "the garbage is one line without a colon"),
        ["empty.ics"] = new(
            [(IcsSeverity.Error, 1)], [], 1, "no VCALENDAR"),
        ["no-colon.ics"] = new(
            [(IcsSeverity.Error, 8)], ["no-colon-1@calcore.test", "no-colon-2@calcore.test"], 8,
            "the SUMMARY line without a colon is skipped; its event is kept without it"),
    };

    [Fact]
    public void Every_malformed_fixture_has_an_expectation()
        => Directory.GetFiles(Path.Combine(IcsManifest.DataDirectory, "malformed"), "*.ics").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal(Malformed.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(MalformedFixtures))]
    public void A_malformed_fixture_reads_tolerantly_with_diagnostics_on_its_lines_and_keeps_the_intact_events(string file)
    {
        MalformedCase expected = Malformed[file];
        string path = Path.Combine("malformed", file);
        byte[] bytes = File.ReadAllBytes(PathOf(path));
        int physicalLines = 1 + Enumerable.Range(0, bytes.Length).Count(i => bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n')));

        IcsCalendarReadResult result = ReadFixture(path);

        result.Calendar.Events.Select(e => e.Uid).Should().Equal(expected.Uids, "{0}: {1}", file, expected.Why);
        result.HasErrors.Should().Be(expected.StrictLine is not null, string.Join("; ", result.Diagnostics));
        if (expected.Diagnostics is { } diagnostics)
        {
            result.Diagnostics.Select(d => (d.Severity, d.Line)).Should().Equal(diagnostics, "{0}: {1}", file, string.Join("; ", result.Diagnostics));
        }
        else
        {
            result.Diagnostics.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(1000);
            result.Diagnostics.Should().Contain(d => d.Severity == IcsSeverity.Error && d.Message.Contains("no VCALENDAR", StringComparison.Ordinal));
        }

        result.Diagnostics.Where(d => d.Line < 1 || d.Line > physicalLines || d.Column < 1).Should().BeEmpty("a diagnostic names a physical line of the file");

        // Read as text (decoded first) instead of bytes: never an exception, and the same events.
        IcsCalendar.Read(File.ReadAllText(PathOf(path))).Calendar.Events.Select(e => e.Uid).Should().Equal(expected.Uids);
    }

    [Theory]
    [MemberData(nameof(MalformedFixtures))]
    public void Strict_mode_throws_at_the_first_error_of_a_malformed_fixture_and_reads_one_with_warnings_only(string file)
    {
        MalformedCase expected = Malformed[file];
        string path = Path.Combine("malformed", file);

        Func<IcsCalendarReadResult> read = () => ReadFixture(path, Strict);

        if (expected.StrictLine is { } line)
        {
            read.Should().Throw<IcsParseException>().Which.Line.Should().Be(line);
            FluentActions.Invoking(() => ReadFixture(path).GetValueOrThrow()).Should().Throw<IcsParseException>().Which.Line.Should().Be(line);
        }
        else
        {
            read().Calendar.Events.Select(e => e.Uid).Should().Equal(expected.Uids);
        }
    }

    [Fact]
    public void Malformed_fixtures_recover_what_the_README_says_field_by_field()
    {
        IcsCalendar noColon = ReadFixture(Path.Combine("malformed", "no-colon.ics")).Calendar;
        noColon.Events[0].Details.Title.Should().BeEmpty("the broken SUMMARY line is skipped, the rest of the event kept");
        noColon.Events[0].Details.Timing.ToInterval(DateTimeZone.Utc).Start.Should().Be(Instant.FromUtc(2026, 3, 10, 9, 0));
        noColon.Events[1].Details.Title.Should().Be("Intact event");

        IcsEvent lower = ReadFixture(Path.Combine("malformed", "lowercase-names.ics")).Calendar.Events.Single();
        lower.Details.Timing.Zone!.Id.Should().Be("Europe/Berlin", "tzid= in lower case still names the zone");
        lower.Details.Timing.ToInterval(DateTimeZone.Utc).Should().Be(new Interval(Instant.FromUtc(2026, 3, 10, 9, 0), Instant.FromUtc(2026, 3, 10, 10, 0)));
        lower.Attendees.Should().ContainSingle().Which.Should().Match<IcsCalendarUser>(
            a => a.Email == "grace@example.com" && a.Type == CalendarUserType.Room && a.Status == ParticipationStatus.Accepted);

        IcsCalendarReadResult truncated = ReadFixture(Path.Combine("malformed", "truncated.ics"));
        truncated.Diagnostics.Select(d => d.Message).Should().Contain(m => m.Contains("unfinished VEVENT is dropped", StringComparison.Ordinal));
        truncated.Calendar.Events.Select(e => e.Details.Timing.ToInterval(DateTimeZone.Utc).Start)
            .Should().Equal(Instant.FromUtc(2026, 3, 10, 9, 0), Instant.FromUtc(2026, 3, 11, 9, 0));

        IcsCalendarReadResult badDates = ReadFixture(Path.Combine("malformed", "bad-dates.ics"));
        badDates.Diagnostics.Should().OnlyContain(d => d.Message.Contains("DTSTART", StringComparison.Ordinal) && d.Message.Contains("was skipped", StringComparison.Ordinal));
    }

    private static string Calendar(params string[] lines)
        => string.Join(Crlf, ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Calcore//Tests//EN", .. lines, "END:VCALENDAR", ""]);

    private static string Event(string uid, params string[] lines)
        => string.Join(Crlf, ["BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20260301T090000Z", "DTSTART:20260310T090000Z", "DTEND:20260310T100000Z", .. lines, "END:VEVENT"]);

    private static IEnumerable<IcsCalendarReadResult> ReadBothWays(string text, IcsReadOptions? options = null)
    {
        yield return IcsCalendar.Read(text, options);
        yield return IcsCalendar.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), options);
    }

    [Fact]
    public void A_ten_megabyte_description_reads_and_writes_back()
    {
        var value = new StringBuilder(10 * 1024 * 1024 + 64);
        while (value.Length < 10 * 1024 * 1024)
        {
            value.Append("Café, 会議 🎉 ");
        }

        string description = value.ToString();
        string text = Calendar(Event("big", "DESCRIPTION:" + IcsValues.WriteText(description)), Event("after"));

        foreach (IcsCalendarReadResult result in ReadBothWays(text))
        {
            result.Diagnostics.Should().BeEmpty();
            result.Calendar.Events.Select(e => e.Uid).Should().Equal("big", "after");
            result.Calendar.Events[0].Details.Description.Should().Be(description);
        }

        IcsCalendar calendar = IcsCalendar.Read(text).Calendar;
        string written = calendar.Write();
        IcsCalendar again = IcsCalendar.Read(written).GetValueOrThrow();
        again.Events.Should().Equal(calendar.Events);
        again.Write().Should().Be(written);
    }

    [Fact]
    public void A_ten_megabyte_line_without_a_colon_inside_an_event_is_one_error_and_the_event_is_kept()
    {
        string text = Calendar(Event("kept", new string('x', 10 * 1024 * 1024), "SUMMARY:still here"), Event("after"));

        foreach (IcsCalendarReadResult result in ReadBothWays(text))
        {
            result.Diagnostics.Should().ContainSingle().Which.Should().Match<IcsDiagnostic>(d => d.Severity == IcsSeverity.Error && d.Line == 9);
            result.Calendar.Events.Select(e => e.Uid).Should().Equal("kept", "after");
            result.Calendar.Events[0].Details.Title.Should().Be("still here");
        }

        FluentActions.Invoking(() => IcsCalendar.Read(text, Strict)).Should().Throw<IcsParseException>().Which.Line.Should().Be(9);
    }

    private static string Nested(string name, int levels)
        => string.Concat(Enumerable.Repeat($"BEGIN:{name}{Crlf}", levels)) + string.Concat(Enumerable.Repeat($"END:{name}{Crlf}", levels));

    [Fact]
    public void Ten_thousand_levels_of_nesting_inside_an_event_are_skipped_and_the_event_is_kept()
    {
        string text = Calendar(
            string.Join(Crlf, ["BEGIN:VEVENT", "UID:deep", "DTSTAMP:20260301T090000Z", "DTSTART:20260310T090000Z", "SUMMARY:deep"]) + Crlf
                + Nested("X-DEEP", 10_000) + "END:VEVENT",
            Event("after"));

        foreach (IcsCalendarReadResult result in ReadBothWays(text))
        {
            result.Calendar.Events.Select(e => e.Uid).Should().Equal("deep", "after");
            result.Diagnostics.Select(d => (d.Severity, d.Line)).Should().Equal(
                [(IcsSeverity.Error, 107), (IcsSeverity.Warning, 9)], string.Join("; ", result.Diagnostics));
            result.Diagnostics[0].Message.Should().Contain("deeper than 100");
            result.Diagnostics[1].Message.Should().Contain("X-DEEP inside a VEVENT");
            result.Calendar.Events[0].Details.Title.Should().Be("deep");
        }

        FluentActions.Invoking(() => IcsCalendar.Read(text, Strict)).Should().Throw<IcsParseException>().Which.Line.Should().Be(107);
    }

    [Fact]
    public void Ten_thousand_levels_of_nesting_in_the_calendar_within_MaxDepth_are_kept_and_written_back()
    {
        var deep = new IcsReadOptions { MaxDepth = 20_000 };
        string text = Calendar(Event("shallow"), Nested("X-DEEP", 10_000).TrimEnd());

        IcsCalendarReadResult result = IcsCalendar.Read(text, deep);

        result.Calendar.Events.Should().ContainSingle().Which.Uid.Should().Be("shallow");
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("X-DEEP is kept");
        result.Calendar.OtherComponents.Should().ContainSingle().Which.Name.Should().Be("X-DEEP");
        string written = result.Calendar.Write();
        IcsCalendar.Read(written, deep).Calendar.Write().Should().Be(written);
        IcsCalendar.Read(written).HasErrors.Should().BeTrue("by default, the levels below 100 are skipped with an error");
    }

    [Fact]
    public void Ten_thousand_unclosed_events_read_without_an_exception()
    {
        string text = "BEGIN:VCALENDAR" + Crlf + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"BEGIN:VEVENT{Crlf}UID:{i}{Crlf}DTSTART:20260310T090000Z{Crlf}"));

        foreach (IcsCalendarReadResult result in ReadBothWays(text))
        {
            result.HasErrors.Should().BeTrue();
            result.Calendar.Events.Should().BeEmpty("no event is complete");
            result.Diagnostics.Should().HaveCountLessThanOrEqualTo(1001);
        }

        FluentActions.Invoking(() => IcsCalendar.Read(text, Strict)).Should().Throw<IcsParseException>();
    }
}
