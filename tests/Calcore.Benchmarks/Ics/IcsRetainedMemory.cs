using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Calendar = Ical.Net.Calendar;

namespace Calcore.Benchmarks.Ics;

/// <summary>
/// Heap retained per parsed event (issue #14's target: under 2 KB per event; Ical.Net 5.2.4 was measured at ~40 KB):
/// run from the command line, outside BenchmarkDotNet, as
/// <c>dotnet run -c Release -- --ics-retained [rounds]</c>. Measured: Ical.Net's <c>Calendar.Load</c>, Calcore's
/// lexical tree (<c>IcsReader.Read</c>: the components) and Calcore's event model (<c>IcsCalendar.Read</c>: the
/// calendar of <c>IcsEvent</c>s, what an application keeps, and the one the target is judged on). Each result is kept
/// whole (diagnostics included).
/// </summary>
/// <remarks>
/// <para>For each reader: parse a small calendar first and drop it (one-time costs such as type caches and the tzdb
/// are not counted), then full collections and <see cref="GC.GetTotalMemory(bool)"/> before; parse the corpus
/// (<see cref="IcsCorpusShape.ForRun"/>) and keep the result alive; full collections and the total again. Retained per
/// event = (after − before) ÷ VEVENTs. The text itself is alive before and after, so it is not counted. Also printed:
/// bytes allocated by the parse (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) and its wall time (one cold-ish
/// run, not a benchmark: BenchmarkDotNet's figures are the ones to quote for time).</para>
/// <para>Each round measures every reader once, and the rounds are printed one by one; retained bytes barely vary.</para>
/// </remarks>
public static class IcsRetainedMemory
{
    /// <summary>The command-line switch that runs <see cref="Run"/> instead of BenchmarkDotNet.</summary>
    public const string Switch = "--ics-retained";

    /// <summary>Measures every reader and prints one line per reader and round.</summary>
    /// <param name="args">The arguments after the switch: optionally the number of rounds (default 3).</param>
    /// <returns>The process exit code.</returns>
    public static int Run(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int rounds = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        (string text, IcsCorpusStats stats) = IcsCorpus.Build(IcsCorpusShape.ForRun);
        (string small, _) = IcsCorpus.Build(IcsCorpusShape.Issue14.Scale(0.02));
        Console.WriteLine("Corpus: " + stats);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Runtime {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, {Environment.ProcessorCount} processors"));

        for (int round = 1; round <= rounds; round++)
        {
            Measure("Ical.Net 5.2.4", round, text, small, stats, static t => Calendar.Load(t));
            Measure("Calcore lexical (IcsReader.Read)", round, text, small, stats, static t => global::Calcore.Ics.IcsReader.Read(t));
            Measure("Calcore events (IcsCalendar.Read)", round, text, small, stats, static t => global::Calcore.Ics.IcsCalendar.Read(t));
        }
        return 0;
    }

    /// <summary>Measures one reader once and prints the line.</summary>
    /// <param name="name">The reader's name.</param>
    /// <param name="round">The round number.</param>
    /// <param name="text">The corpus.</param>
    /// <param name="warmUp">A small calendar parsed first and dropped.</param>
    /// <param name="stats">What the corpus holds.</param>
    /// <param name="parse">Parses a text; the result is kept alive until measured.</param>
    /// <returns>The bytes retained per VEVENT.</returns>
    public static double Measure(string name, int round, string text, string warmUp, IcsCorpusStats stats, Func<string, object?> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(stats);
        GC.KeepAlive(parse(warmUp));

        long before = Settle();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        object? result = parse(text);
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long after = Settle();
        GC.KeepAlive(result);

        long retained = after - before;
        double perEvent = retained / (double)stats.Events;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}, round {round}: retained {retained / 1e6:N1} MB = {perEvent:N0} B/event ({retained / (double)stats.Octets:F1}× the file's {stats.Megabytes:F1} MB); "
            + $"allocated {allocated / 1e9:F2} GB ({allocated / (double)stats.Events:N0} B/event); parse {clock.Elapsed.TotalMilliseconds:N0} ms"));
        return perEvent;
    }

    /// <summary>Full blocking collections until finalizers have run, then the heap's total.</summary>
    private static long Settle()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
