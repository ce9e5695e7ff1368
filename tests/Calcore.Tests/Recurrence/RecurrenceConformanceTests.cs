using System.Collections.Generic;
using System.Linq;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Calcore.Tests.Recurrence;

/// <summary>Runs every case of <c>tests/TestData/Recurrence/*.txt</c> (format in that folder's README).</summary>
public class RecurrenceConformanceTests
{
    private static readonly Dictionary<string, ConformanceCase> Cases = ConformanceCase.LoadAll().ToDictionary(c => c.Key);

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var key in Cases.Keys)
        {
            data.Add(key);
        }
        return data;
    }

    [Fact]
    public void Conformance_data_files_are_present()
        => Cases.Should().NotBeEmpty("the test project copies tests/TestData/Recurrence/*.txt");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Expand_matches_conformance_case(string name)
    {
        var c = Cases[name];
        var set = RecurrenceSet.Parse(string.Join("\r\n", c.ContentLines));
        var actual = Expand(set, c).Select(o => Format(set, o)).ToList();
        actual.Should().Equal(c.Expected, $"case '{c.Name}' ({c.File} line {c.Line})");

        // The canonical text reads back to an equal set with the same expansion.
        var reparsed = RecurrenceSet.Parse(set.ToString());
        reparsed.Should().Be(set);
        Expand(reparsed, c).Select(o => Format(set, o)).Should().Equal(actual);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Seeking_matches_filtered_full_expansion(string name)
    {
        var c = Cases[name];
        var set = RecurrenceSet.Parse(string.Join("\r\n", c.ContentLines));
        var all = (c.Window is { } w ? set.GetOccurrences(new Interval(null, w.End)) : set.GetOccurrences())
            .Take(c.Limit ?? 5000).ToList();
        if (all.Count < 2)
        {
            return;
        }
        // A window starting at each of a few occurrences (and one second after) gives the suffix.
        foreach (int index in new[] { 1, all.Count / 3, all.Count / 2, all.Count - 1 }.Distinct())
        {
            var start = all[index].Start;
            var end = all[^1].Start + Duration.FromSeconds(1);
            set.GetOccurrences(new Interval(start, end)).Should().Equal(all.Skip(index), $"window from #{index}");
            set.GetOccurrences(new Interval(start + Duration.FromSeconds(1), end)).Should().Equal(all.Skip(index + 1), $"window after #{index}");
        }
    }

    private static IEnumerable<Occurrence> Expand(RecurrenceSet set, ConformanceCase c)
    {
        if (c.Window is { } window)
        {
            var inWindow = set.GetOccurrences(window);
            return c.Limit is { } l ? inWindow.Take(l) : inWindow;
        }
        if (c.Limit is { } limit)
        {
            return set.GetOccurrences().Take(limit);
        }
        set.IsBounded.Should().BeTrue($"case '{c.Name}' has neither LIMIT nor WINDOW");
        return set.GetOccurrences();
    }

    private static string Format(RecurrenceSet set, Occurrence o)
        => set.IsAllDay && o.LocalStart.TimeOfDay == LocalTime.Midnight
            ? LocalDatePattern.Iso.WithTemplateValue(default).Format(o.Date).Replace("-", "", System.StringComparison.Ordinal)
            : LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss").Format(o.LocalStart);
}
