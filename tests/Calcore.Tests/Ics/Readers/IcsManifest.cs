using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Ics;
using NodaTime;
using NodaTime.Text;

namespace Calcore.Tests.Ics.Readers;

/// <summary><c>tests/TestData/ics/manifest.json</c>: the expected reading of every valid fixture, and the fields an
/// independent reader is known to read differently (format in <c>tests/TestData/ics/README.md</c>).</summary>
public sealed class IcsManifest
{
    private static readonly Lazy<IcsManifest> Instance = new(() => Load(Path.Combine(DataDirectory, "manifest.json")));

    /// <summary>The fixtures folder in the test output.</summary>
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "ics");

    /// <summary>The manifest in the test output, read once.</summary>
    public static IcsManifest Current => Instance.Value;

    /// <summary>The valid fixtures by file name.</summary>
    public required IReadOnlyDictionary<string, IcsManifestFile> Files { get; init; }

    /// <summary>The documented differences of the independent readers.</summary>
    public required IReadOnlyList<KnownDifference> KnownDifferences { get; init; }

    /// <summary>Reads a manifest.</summary>
    public static IcsManifest Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = document.RootElement;
        var files = new Dictionary<string, IcsManifestFile>(StringComparer.Ordinal);
        foreach (JsonElement f in root.GetProperty("files").EnumerateArray())
        {
            string name = f.GetProperty("file").GetString()!;
            files.Add(name, new IcsManifestFile(
                name,
                f.GetProperty("eventCount").GetInt32(),
                [.. f.GetProperty("uids").EnumerateArray().Select(u => u.GetString()!)],
                IndependentReaders.Parse(f.GetProperty("events"))));
        }

        var differences = root.GetProperty("knownDifferences").EnumerateArray().Select(d => new KnownDifference(
            Enum.Parse<IndependentReader>(d.GetProperty("reader").GetString()!),
            d.GetProperty("file").GetString()!,
            d.GetProperty("uid").GetString()!,
            d.GetProperty("recurrenceId").GetString(),
            d.GetProperty("field").GetString()!,
            d.GetProperty("expected").GetString(),
            d.GetProperty("actual").GetString(),
            d.GetProperty("reason").GetString()!)).ToList();
        return new IcsManifest { Files = files, KnownDifferences = differences };
    }

    /// <summary>What <paramref name="reader"/> must read from <paramref name="file"/>: the manifest's events with the
    /// reader's documented differences applied (each difference's <c>expected</c> must be the manifest's value).</summary>
    public IReadOnlyList<ReaderEvent> ExpectedFor(IndependentReader reader, string file)
    {
        var events = Files[file].Events.ToList();
        foreach (KnownDifference d in KnownDifferences.Where(d => d.Reader == reader && d.File == file))
        {
            int index = events.FindIndex(e => e.Uid == d.Uid && e.RecurrenceId == d.RecurrenceId);
            if (index < 0)
            {
                throw new InvalidOperationException($"known difference {d}: no such event in the manifest");
            }

            ReaderEvent e = events[index];
            string? current = d.Field switch
            {
                "recurrenceId" => e.RecurrenceId,
                "start" => e.Start,
                "end" => e.End,
                "summary" => e.Summary,
                "rrule" => e.RRule,
                _ => throw new InvalidOperationException($"known difference {d}: field '{d.Field}' cannot differ (only recurrenceId, start, end, summary, rrule)"),
            };
            if (current != d.Expected)
            {
                throw new InvalidOperationException($"known difference {d}: the manifest says '{current}', not '{d.Expected}'");
            }

            events[index] = d.Field switch
            {
                "recurrenceId" => e with { RecurrenceId = d.Actual },
                "start" => e with { Start = d.Actual },
                "end" => e with { End = d.Actual },
                "summary" => e with { Summary = d.Actual },
                _ => e with { RRule = d.Actual },
            };
        }

        events.Sort((x, y) =>
        {
            int c = string.CompareOrdinal(x.Uid, y.Uid);
            return c != 0 ? c : string.CompareOrdinal(x.RecurrenceId ?? "", y.RecurrenceId ?? "");
        });
        return events;
    }

    /// <summary>A manifest event as it reads once an end is written: our model has no "no end", and RFC 5545 §3.6.1
    /// gives an event without DTEND or DURATION one day (a date) or no time (a date-time), which is what our writer writes
    /// as DTEND. Other fields are unchanged.</summary>
    public static ReaderEvent WithEndWritten(ReaderEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.End is not null || e.Start is null)
        {
            return e;
        }

        return e with
        {
            End = e.Start.Length == 10
                ? FormatDate(LocalDatePattern.Iso.Parse(e.Start).Value.PlusDays(1))
                : e.Start,
        };
    }

    /// <summary>Our reading of a calendar in the manifest's terms (times from <see cref="EventTiming.ToInterval"/> in UTC:
    /// an instant with Z, a floating time without, a date for all-day; recurrence ids likewise, floating when the series
    /// is floating), sorted as the readers' lists are.</summary>
    public static IReadOnlyList<ReaderEvent> FromOurEvents(IcsCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var floatingSeries = calendar.Events.Where(e => e.RecurrenceId is null && e.Details.Timing.IsFloating).Select(e => e.Uid).ToHashSet(StringComparer.Ordinal);
        var events = new List<ReaderEvent>();
        foreach (IcsEvent e in calendar.Events)
        {
            EventTiming timing = e.Details.Timing;
            Interval interval = timing.ToInterval(DateTimeZone.Utc);
            string? recurrenceId = e.RecurrenceId switch
            {
                null => null,
                { IsDate: true } key => FormatDate(key.Date),
                { } key => FormatInstant(key.Instant, floatingSeries.Contains(e.Uid)),
            };
            string start = timing.IsAllDay ? FormatDate(timing.StartDate) : FormatInstant(interval.Start, timing.IsFloating);
            string end = timing.IsAllDay ? FormatDate(timing.EndDate) : FormatInstant(interval.End, timing.IsFloating);
            string? rrule = e.Details.Recurrence.FirstOrDefault(l => l.StartsWith("RRULE:", StringComparison.Ordinal));
            IEnumerable<string> exdates = e.Details.Recurrence.Where(l => l.StartsWith("EXDATE", StringComparison.Ordinal))
                .SelectMany(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(','))
                .Select(FormatIcsTime);
            events.Add(new ReaderEvent(
                e.Uid, recurrenceId, start, end, e.Details.Title.Length == 0 ? null : e.Details.Title, IndependentReaders.NormalizeRRule(rrule),
                [.. exdates.Order(StringComparer.Ordinal)],
                [.. e.Attendees.Select(Attendee).OrderBy(a => a.Address, StringComparer.Ordinal)]));
        }

        events.Sort((x, y) =>
        {
            int c = string.CompareOrdinal(x.Uid, y.Uid);
            return c != 0 ? c : string.CompareOrdinal(x.RecurrenceId ?? "", y.RecurrenceId ?? "");
        });
        return events;
    }

    /// <summary>Field by field, where two readings of an event differ ("equal" when they do not).</summary>
    public static string Differences(ReaderEvent read, ReaderEvent expected)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(expected);
        var parts = new List<string>();
        void Compare(string name, object? a, object? b)
        {
            if (!Equals(a, b))
            {
                parts.Add($"{name}: read '{a}', expected '{b}'");
            }
        }

        Compare("uid", read.Uid, expected.Uid);
        Compare("recurrenceId", read.RecurrenceId, expected.RecurrenceId);
        Compare("start", read.Start, expected.Start);
        Compare("end", read.End, expected.End);
        Compare("summary", read.Summary, expected.Summary);
        Compare("rrule", read.RRule, expected.RRule);
        Compare("exdates", string.Join(",", read.ExDates), string.Join(",", expected.ExDates));
        Compare("attendees", string.Join(",", read.Attendees), string.Join(",", expected.Attendees));
        return parts.Count == 0 ? "equal" : string.Join("; ", parts);
    }

    private static ReaderAttendee Attendee(IcsCalendarUser user)
    {
        string address = user.Address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? user.Address[7..] : user.Address;
        return new ReaderAttendee(
            address.ToLowerInvariant(),
            user.Status switch
            {
                ParticipationStatus.Accepted => "ACCEPTED",
                ParticipationStatus.Declined => "DECLINED",
                ParticipationStatus.Tentative => "TENTATIVE",
                ParticipationStatus.Delegated => "DELEGATED",
                _ => "NEEDS-ACTION",
            },
            user.Role switch
            {
                ParticipationRole.Chair => "CHAIR",
                ParticipationRole.OptionalParticipant => "OPT-PARTICIPANT",
                ParticipationRole.NonParticipant => "NON-PARTICIPANT",
                _ => "REQ-PARTICIPANT",
            },
            user.Type switch
            {
                CalendarUserType.Individual => "INDIVIDUAL",
                CalendarUserType.Group => "GROUP",
                CalendarUserType.Resource => "RESOURCE",
                CalendarUserType.Room => "ROOM",
                _ => "UNKNOWN",
            });
    }

    private static string FormatDate(LocalDate date) => date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    private static string FormatInstant(Instant instant, bool floating)
        => instant.InUtc().LocalDateTime.ToString(floating ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A DATE (<c>20280214</c>), UTC (<c>20260406T080000Z</c>) or floating date-time in the manifest's form.</summary>
    private static string FormatIcsTime(string value)
        => value.Length == 8
            ? $"{value[..4]}-{value[4..6]}-{value[6..8]}"
            : $"{value[..4]}-{value[4..6]}-{value[6..8]}T{value[9..11]}:{value[11..13]}:{value[13..15]}{(value.EndsWith('Z') ? "Z" : "")}";
}

/// <summary>One valid fixture in the manifest.</summary>
public sealed record IcsManifestFile(string File, int EventCount, IReadOnlyList<string> Uids, IReadOnlyList<ReaderEvent> Events);

/// <summary>A field of one event that a reader is known to read differently from the manifest, and why.</summary>
public sealed record KnownDifference(
    IndependentReader Reader, string File, string Uid, string? RecurrenceId, string Field, string? Expected, string? Actual, string Reason);
