using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

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
}

/// <summary>One valid fixture in the manifest.</summary>
public sealed record IcsManifestFile(string File, int EventCount, IReadOnlyList<string> Uids, IReadOnlyList<ReaderEvent> Events);

/// <summary>A field of one event that a reader is known to read differently from the manifest, and why.</summary>
public sealed record KnownDifference(
    IndependentReader Reader, string File, string Uid, string? RecurrenceId, string Field, string? Expected, string? Actual, string Reason);
