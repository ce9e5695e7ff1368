using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NodaTime;
using NodaTime.Text;

namespace Calcore.Tests.Recurrence;

/// <summary>One case of a <c>tests/TestData/Recurrence/*.txt</c> conformance file.</summary>
public sealed class ConformanceCase
{
    public required string File { get; init; }

    public required string Name { get; init; }

    public required int Line { get; init; }

    public required IReadOnlyList<string> ContentLines { get; init; }

    public int? Limit { get; init; }

    public Interval? Window { get; init; }

    public required IReadOnlyList<string> Expected { get; init; }

    public string Key => File + ": " + Name;

    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "TestData", "Recurrence");

    public static IReadOnlyList<ConformanceCase> LoadAll()
        => Directory.Exists(DataDirectory)
            ? Directory.GetFiles(DataDirectory, "*.txt").OrderBy(f => f, StringComparer.Ordinal).SelectMany(Load).ToList()
            : [];

    public static IEnumerable<ConformanceCase> Load(string path)
    {
        string file = Path.GetFileName(path);
        var lines = System.IO.File.ReadAllLines(path);
        int i = 0;
        while (i < lines.Length)
        {
            string line = lines[i].TrimEnd();
            if (!line.StartsWith("CASE ", StringComparison.Ordinal))
            {
                i++;
                continue;
            }
            int caseLine = i + 1;
            string name = line[5..].Trim();
            i++;
            var content = new List<string>();
            var expected = new List<string>();
            int? limit = null;
            Interval? window = null;
            bool inExpect = false;
            for (; i < lines.Length; i++)
            {
                string l = lines[i].TrimEnd();
                if (l.StartsWith('#'))
                {
                    continue;
                }
                if (l.Length == 0 || l.StartsWith("CASE ", StringComparison.Ordinal))
                {
                    break;
                }
                if (inExpect)
                {
                    expected.AddRange(l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                }
                else if (l.StartsWith("SOURCE", StringComparison.Ordinal))
                {
                    continue;
                }
                else if (l.StartsWith("LIMIT ", StringComparison.Ordinal))
                {
                    limit = int.Parse(l[6..].Trim(), CultureInfo.InvariantCulture);
                }
                else if (l.StartsWith("WINDOW ", StringComparison.Ordinal))
                {
                    var parts = l[7..].Trim().Split('/');
                    window = new Interval(ParseUtc(parts[0]), ParseUtc(parts[1]));
                }
                else if (l == "EXPECT")
                {
                    inExpect = true;
                }
                else
                {
                    content.Add(lines[i]);
                }
            }
            yield return new ConformanceCase
            {
                File = file,
                Name = name,
                Line = caseLine,
                ContentLines = content,
                Limit = limit,
                Window = window,
                Expected = expected,
            };
        }
    }

    private static Instant ParseUtc(string text)
        => InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'").Parse(text.Trim()).GetValueOrThrow();

    public override string ToString() => Key;
}
