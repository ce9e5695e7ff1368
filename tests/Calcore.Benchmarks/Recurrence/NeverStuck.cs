using System.Linq;
using BenchmarkDotNet.Attributes;
using Calcore.Recurrence;
using NodaTime;

namespace Calcore.Benchmarks.Recurrence;

/// <summary>Cost of rules that never produce an instance after DTSTART (the never-stuck bound).</summary>
[MemoryDiagnoser]
public class NeverStuck
{
    private RecurrenceSet _set = null!;

    /// <summary>The rule under test.</summary>
    [Params("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=SECONDLY;BYSECOND=60")]
    public string Rule { get; set; } = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30";

    /// <summary>Builds the set.</summary>
    [GlobalSetup]
    public void Setup()
        => _set = RecurrenceSet.Create(new LocalDateTime(2026, 1, 5, 9, 0), DateTimeZoneProviders.Tzdb["America/New_York"], [RecurrenceRule.Parse(Rule)]);

    /// <summary>Enumerates to the end.</summary>
    /// <returns>The number of instances (1).</returns>
    [Benchmark]
    public int Enumerate() => _set.GetOccurrences().Count();
}
