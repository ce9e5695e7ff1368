using BenchmarkDotNet.Attributes;
using Calcore.Recurrence;
using NodaTime;

namespace Calcore.Benchmarks.Recurrence;

/// <summary>
/// One-month window of a daily rule (DTSTART 2025-01-06 09:00 America/Los_Angeles), 1 and 50 years
/// after DTSTART, without and with COUNT=100000.
/// </summary>
[MemoryDiagnoser]
public class SeekWindow
{
    private RecurrenceSet _set = null!;
    private Interval _window;

    /// <summary>The rule.</summary>
    [Params("FREQ=DAILY", "FREQ=DAILY;COUNT=100000")]
    public string Rule { get; set; } = "FREQ=DAILY";

    /// <summary>Years from DTSTART to the window.</summary>
    [Params(1, 50)]
    public int YearsAfter { get; set; }

    /// <summary>Builds the set and the window.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];
        var start = new LocalDateTime(2025, 1, 6, 9, 0);
        _set = RecurrenceSet.Create(start, zone, [RecurrenceRule.Parse(Rule)]);
        var from = start.PlusYears(YearsAfter).InZoneLeniently(zone).ToInstant();
        var to = start.PlusYears(YearsAfter).PlusMonths(1).InZoneLeniently(zone).ToInstant();
        _window = new Interval(from, to);
        System.Console.WriteLine($"// {Rule} +{YearsAfter}y: {Expand()} instances");
    }

    /// <summary>Enumerates the window.</summary>
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
