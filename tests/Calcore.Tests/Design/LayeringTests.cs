using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Design;

/// <summary>The layers of docs/architecture.md, checked on the source: a namespace uses only itself and the layers
/// below it, never one above (code, <c>using</c> lines and documentation references alike).</summary>
public partial class LayeringTests
{
    /// <summary>The layers from the bottom up; a layer may use the ones before it in this list.</summary>
    /// <remarks>Commitments and Ics are reserved for the features that plug into the booking gate.</remarks>
    private static readonly string[][] Layers =
    [
        ["Internal"],
        ["Recurrence"],
        ["Attendees"],
        ["Events"],
        ["Storage"],
        ["Scheduling"],
        ["Commitments", "Ics"],
        [""],
    ];

    /// <summary>The types of the root namespace, which lower layers could name without a <c>using</c> line.</summary>
    private static readonly string[] RootTypes = ["StorageManager", "StorageManagerBuilder", "AttendeeCalendar", "EventListing"];

    private static int RankOf(string part)
    {
        for (int i = 0; i < Layers.Length; i++)
        {
            if (Layers[i].Contains(part))
            {
                return i;
            }
        }
        throw new InvalidOperationException($"The namespace part '{part}' is not in any layer; add it to docs/architecture.md and to this test.");
    }

    /// <summary>The layer of a namespace: <c>Calcore.Events.Internal</c> → Events, <c>Calcore</c> → the root.</summary>
    private static string LayerOf(string ns)
    {
        string[] parts = ns.Split('.');
        return parts.Length == 1 ? "" : parts[1];
    }

    private static string SourceRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Calcore.sln")))
                {
                    return Path.Combine(dir.FullName, "src", "Calcore");
                }
            }
            throw new InvalidOperationException("Calcore.sln not found above " + AppContext.BaseDirectory);
        }
    }

    [GeneratedRegex(@"^namespace (Calcore(?:\.\w+)*);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"\bCalcore\.(\w+)")]
    private static partial Regex QualifiedName();

    /// <summary>Every upward use in a file: (what is used, the line).</summary>
    internal static IEnumerable<string> UpwardUses(string source)
    {
        Match declared = NamespaceLine().Match(source);
        if (!declared.Success)
        {
            yield break;
        }
        int own = RankOf(LayerOf(declared.Groups[1].Value));
        string[] lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("namespace ", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (Match m in QualifiedName().Matches(line))
            {
                string part = m.Groups[1].Value;
                if (part.Length > 0 && char.IsUpper(part[0]) && !RootTypes.Contains(part) && RankOf(part) > own)
                {
                    yield return $"Calcore.{part} (line {i + 1}: {line.Trim()})";
                }
            }
            if (own < RankOf(""))
            {
                foreach (string type in RootTypes.Where(t => Regex.IsMatch(line, $@"\b{t}\b")))
                {
                    yield return $"{type} (line {i + 1}: {line.Trim()})";
                }
            }
        }
    }

    [Fact]
    public void No_namespace_uses_a_layer_above_it()
    {
        string[] files = Directory.GetFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToArray();
        files.Should().HaveCountGreaterThan(50, "otherwise the check reads nothing");

        string[] offenders = [.. files.SelectMany(f => UpwardUses(File.ReadAllText(f)).Select(u => $"{Path.GetRelativePath(SourceRoot, f)} uses {u}"))];

        offenders.Should().BeEmpty("arrows point down only (docs/architecture.md)");
    }

    [Fact]
    public void The_check_finds_an_upward_use_in_code_in_a_using_line_and_in_a_doc_reference()
    {
        UpwardUses("namespace Calcore.Events;\nusing Calcore.Scheduling;\n").Should().ContainSingle().Which.Should().StartWith("Calcore.Scheduling");
        UpwardUses("namespace Calcore.Attendees;\nclass A { Calcore.Events.EventId _id; }\n").Should().ContainSingle();
        UpwardUses("namespace Calcore.Events;\n/// <see cref=\"StorageManager\"/>\n").Should().ContainSingle().Which.Should().StartWith("StorageManager");
        UpwardUses("namespace Calcore.Scheduling;\nusing Calcore.Storage;\nusing Calcore.Events;\n").Should().BeEmpty("a layer may use the ones below it");
        UpwardUses("namespace Calcore;\nusing Calcore.Scheduling;\nclass M { StorageManager _m; }\n").Should().BeEmpty("the root may use everything");
    }

    /// <summary>Stored data that does not read is translated in one place: above the Events layer, a series is expanded
    /// through <c>Storage.Internal.StoredSeries</c> (a <c>CalcoreStorageException</c>, Corrupt), never through
    /// <c>SeriesExpander</c> directly (which would let a <c>RecurrenceParseException</c>, an argument error, escape).</summary>
    [Fact]
    public void Above_the_events_layer_series_are_expanded_only_through_StoredSeries()
    {
        string[] offenders = [.. Directory.GetFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && RankOf(LayerOf(NamespaceLine().Match(File.ReadAllText(f)) is { Success: true } m ? m.Groups[1].Value : "Calcore.Internal")) > RankOf("Events")
                && !f.EndsWith("StoredSeries.cs", StringComparison.Ordinal))
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"SeriesExpander\.(SetOf|SpanOf|SlotsIn|FindSlot)\("))
            .Select(f => Path.GetRelativePath(SourceRoot, f))];

        offenders.Should().BeEmpty("a stored series whose recurrence does not parse is Corrupt data, not the caller's argument");
    }

    [Fact]
    public void Each_source_file_declares_at_most_one_public_type()
    {
        string sources = Path.GetDirectoryName(SourceRoot)!;
        string[] offenders = [.. Directory.GetFiles(sources, "*.cs", SearchOption.AllDirectories)
            .Where(f => Regex.Count(File.ReadAllText(f), @"^public (?:[\w ]+ )?(?:class|struct|enum|record|interface) ", RegexOptions.Multiline) > 1)
            .Select(f => Path.GetRelativePath(sources, f))];

        offenders.Should().BeEmpty("one public type per file, named after it");
    }
}
