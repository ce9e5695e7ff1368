using BenchmarkDotNet.Attributes;
using Calcore.Recurrence;
using NodaTime;

namespace Calcore.Benchmarks.Recurrence;

/// <summary>
/// Expands one RRULE with DTSTART in America/Los_Angeles over ten years (the window of the Ical.Net
/// comparison figures). Instances per second = <see cref="Instances"/> / mean time.
/// </summary>
[MemoryDiagnoser]
public class ExpandTenYears
{
    private RecurrenceSet _set = null!;
    private Interval _window;

    /// <summary>Gets the rules the <see cref="Rule"/> parameter takes: the five anchor rules.</summary>
    public static System.Collections.Generic.IEnumerable<string> Rules => AnchorRules.All;

    /// <summary>The rule under test.</summary>
    [ParamsSource(nameof(Rules))]
    public string Rule { get; set; } = "FREQ=DAILY";

    /// <summary>The number of instances in the window (for the instances/s figure).</summary>
    public int Instances { get; private set; }

    /// <summary>Builds the set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];
        var start = new LocalDateTime(2025, 1, 6, 9, 0);
        _set = RecurrenceSet.Create(start, zone, [RecurrenceRule.Parse(Rule)]);
        var startInstant = start.InZoneLeniently(zone).ToInstant();
        var end = start.PlusYears(10).InZoneLeniently(zone).ToInstant();
        _window = new Interval(startInstant, end);
        Instances = Expand();
        System.Console.WriteLine($"// {Rule}: {Instances} instances");
    }

    /// <summary>Enumerates the ten-year window.</summary>
    /// <returns>The number of instances.</returns>
    [Benchmark]
    public int Expand()
    {
        int n = 0;
        foreach (var occurrence in _set.GetOccurrences(_window))
        {
            n++;
        }
        return n;
    }
}
