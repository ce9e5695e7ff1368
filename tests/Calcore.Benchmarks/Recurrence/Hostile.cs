using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Calcore.Recurrence;
using NodaTime;

namespace Calcore.Benchmarks.Recurrence;

/// <summary>
/// The worst cases of the work bounds (docs/recurrence.md, "Work bounds"): sets that used to run for seconds to hours.
/// Each invocation parses the set again, so the one-time search for a COUNT rule's last instance is included.
/// </summary>
[MemoryDiagnoser]
public class Hostile
{
    private static readonly Instant Year9000 = Instant.FromUtc(9000, 1, 1, 0, 0);

    private static readonly Dictionary<string, (string Text, Func<RecurrenceSet, object?> Operation)> Cases = new()
    {
        ["DAILY-EXRULE:MINUTELY first"] = ("DTSTART:20260101T000000Z\r\nRRULE:FREQ=DAILY\r\nEXRULE:FREQ=MINUTELY", s => s.GetFirstOccurrence()),
        ["YEARLY-EXRULE:SECONDLY first"] = ("DTSTART:20260101T000000Z\r\nRRULE:FREQ=YEARLY\r\nEXRULE:FREQ=SECONDLY", s => s.GetFirstOccurrence()),
        ["HOURLY;COUNT=max-EXRULE:HOURLY first"] = ("DTSTART:20260101T000000Z\r\nRRULE:FREQ=HOURLY;COUNT=2147483647\r\nEXRULE:FREQ=HOURLY", s => s.GetFirstOccurrence()),
        ["SECONDLY;COUNT=max last"] = ("DTSTART:20260101T000000Z\r\nRRULE:FREQ=SECONDLY;COUNT=2147483647", s => s.GetLastOccurrence()),
        ["SECONDLY;COUNT=2e9 New York last"] = ("DTSTART;TZID=America/New_York:20260101T000000\r\nRRULE:FREQ=SECONDLY;COUNT=2000000000", s => s.GetLastOccurrence()),
        ["SECONDLY;UNTIL=2030+DAILY;COUNT=1 last"] = ("DTSTART:20260101T000000Z\r\nRRULE:FREQ=SECONDLY;UNTIL=20300101T000000Z\r\nRRULE:FREQ=DAILY;COUNT=1", s => s.GetLastOccurrence()),
        ["MINUTELY;BYHOUR=9;COUNT=max seek 9000"] = ("DTSTART:20260101T000000Z\r\nRRULE:FREQ=MINUTELY;BYHOUR=9;COUNT=2147483647", s => s.GetFirstOccurrenceAtOrAfter(Year9000)),
        ["DAILY;BYDAY=MO;COUNT=max seek 9000"] = ("DTSTART:20260101T000000Z\r\nRRULE:FREQ=DAILY;BYDAY=MO;COUNT=2147483647", s => s.GetFirstOccurrenceAtOrAfter(Year9000)),
    };

    /// <summary>The hostile case.</summary>
    [ParamsSource(nameof(Names))]
    public string Case { get; set; } = "SECONDLY;COUNT=max last";

    /// <summary>Gets the case names.</summary>
    public static IEnumerable<string> Names => Cases.Keys;

    /// <summary>Parses the set and runs the operation.</summary>
    /// <returns>The answer.</returns>
    [Benchmark]
    public object? Run()
    {
        var (text, operation) = Cases[Case];
        return operation(RecurrenceSet.Parse(text));
    }
}
