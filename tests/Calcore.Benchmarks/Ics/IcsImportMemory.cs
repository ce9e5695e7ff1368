using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Ics;

namespace Calcore.Benchmarks.Ics;

/// <summary>
/// Issue #14's import target ("importing a 100 MB file into SQLite with peak process memory under 500 MB, with
/// progress reported"), run from the command line, outside BenchmarkDotNet, as
/// <c>dotnet run -c Release -- --ics-import [factor] [seconds]</c>.
/// </summary>
/// <remarks>
/// <para>Streams the generated calendar (<see cref="IcsCorpusShape.Issue14"/> × factor, default 5.3: 53,000 VEVENTs,
/// 99.66 MB) to a temporary file, then imports that file into a new SQLite file with
/// <c>StorageManager.ImportAsync(stream, new IcsImportOptions { UnknownAttendees = Create }, progress)</c>, the
/// stream read from disk (never the whole text in memory). Printed: the elapsed time, events per second, the
/// report's counts, the number of progress reports, and memory: a timer samples the working set, the peak working
/// set and <see cref="GC.GetTotalMemory(bool)"/> every 100 ms, and the largest of each is printed with the process's
/// own peak (<see cref="Process.PeakWorkingSet64"/>, which also covers writing the corpus before the import).</para>
/// <para>With a time limit in seconds the import is cancelled when it is reached, and the rate so far (from the last
/// progress report) is printed with the time the whole file would take at that rate, labelled as an extrapolation.
/// The temporary directory is deleted at the end.</para>
/// </remarks>
public static class IcsImportMemory
{
    /// <summary>The command-line switch that runs <see cref="RunAsync"/> instead of BenchmarkDotNet.</summary>
    public const string Switch = "--ics-import";

    private const double Mega = 1e6;

    /// <summary>Writes the corpus, imports it and prints the figures.</summary>
    /// <param name="args">The arguments after the switch: optionally the factor (default 5.3), then a time limit in
    /// seconds (default none).</param>
    /// <returns>The process exit code: 0, or 1 when an event failed or the import was cancelled.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        double factor = args.Count > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5.3;
        double? limit = args.Count > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : null;
        string directory = Path.Combine(Path.GetTempPath(), "calcore-ics-import-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            return await ImportAsync(directory, factor, limit).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<int> ImportAsync(string directory, double factor, double? limit)
    {
        string file = Path.Combine(directory, "corpus.ics");
        string database = Path.Combine(directory, "calendar.db");
        Print($"Runtime {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, concurrent GC {IsConcurrentGc()}, {Environment.ProcessorCount} processors");

        var clock = Stopwatch.StartNew();
        IcsCorpusStats stats = IcsCorpus.WriteFile(file, IcsCorpusShape.Issue14.Scale(factor));
        Print($"Corpus (× {factor}): {stats}");
        Print($"Written to {file} in {clock.Elapsed.TotalSeconds:F1} s ({new FileInfo(file).Length / Mega:F2} MB on disk)");

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        Print($"Before the import: working set {self.WorkingSet64 / Mega:F1} MB, process peak so far {self.PeakWorkingSet64 / Mega:F1} MB, "
            + $"managed heap {GC.GetTotalMemory(false) / Mega:F1} MB");

        using var sampler = new Sampler();
        var progress = new ProgressCounter(stats.Events);
        using var cancel = limit is { } seconds ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
        IcsImportResult? result = null;
        clock.Restart();
        try
        {
            await using StorageManager manager = StorageManager.CreateBuilder().UseSqlite(database).Build();
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            result = await manager.ImportAsync(stream, new IcsImportOptions { UnknownAttendees = IcsUnknownAttendees.Create }, progress, cancel.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Reported below from the progress so far.
        }
        TimeSpan elapsed = clock.Elapsed;
        sampler.Stop();
        self.Refresh();

        if (result is not null)
        {
            Print($"Imported in {elapsed.TotalSeconds:F1} s: {stats.Events / elapsed.TotalSeconds:N0} VEVENTs/s, "
                + $"{stats.Octets / Mega / elapsed.TotalSeconds:F2} MB/s; {result.Items.Length:N0} items: created {result.Created:N0}, "
                + $"updated {result.Updated:N0}, unchanged {result.Unchanged:N0}, failed {result.Failed:N0}; {result.Diagnostics.Length:N0} diagnostics");
            // The reasons by kind (their text up to the first quote, where the names and addresses start).
            var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (IcsImportItem item in result.Items)
            {
                if (item.Reason is { } reason)
                {
                    int quote = reason.IndexOf('\'', StringComparison.Ordinal);
                    string kind = quote > 0 ? reason[..quote] + "…" : reason;
                    reasons[kind] = reasons.GetValueOrDefault(kind) + 1;
                }
            }
            foreach ((string kind, int count) in reasons)
            {
                Print($"  reason ×{count:N0}: {kind}");
            }
        }
        else
        {
            double rate = progress.LastRead / elapsed.TotalSeconds;
            Print($"CANCELLED after {elapsed.TotalSeconds:F1} s (the limit): {progress.LastRead:N0} of {stats.Events:N0} VEVENTs read, "
                + $"{progress.LastImported:N0} items imported: {rate:N0} VEVENTs/s. EXTRAPOLATED at that rate, the whole file would take "
                + $"{stats.Events / rate:N0} s ({stats.Events / rate / 60:F1} min)");
        }
        Print($"Progress reports: {progress.Reports:N0}");
        Print($"Memory during the import (sampled every 100 ms, {sampler.Samples:N0} samples): largest working set {sampler.MaxWorkingSet / Mega:F1} MB, "
            + $"largest managed heap {sampler.MaxManagedHeap / Mega:F1} MB; process peak working set {self.PeakWorkingSet64 / Mega:F1} MB "
            + "(the whole process, writing the corpus included; target < 500 MB)");
        Print($"Database: {new FileInfo(database).Length / Mega:F1} MB");
        return result is { Failed: 0 } ? 0 : 1;
    }

    private static bool IsConcurrentGc() => System.Runtime.GCSettings.LatencyMode != System.Runtime.GCLatencyMode.Batch;

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    private static void Print(string line) => Console.WriteLine(line);

    /// <summary>Counts the reports synchronously (not <see cref="Progress{T}"/>, which posts to the thread pool), and
    /// prints a line at every tenth of the file.</summary>
    private sealed class ProgressCounter(int events) : IProgress<IcsImportProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _nextTenth = 1;

        public int Reports { get; private set; }

        public int LastRead { get; private set; }

        public int LastImported { get; private set; }

        public void Report(IcsImportProgress value)
        {
            Reports++;
            LastRead = value.EventsRead;
            LastImported = value.EventsImported;
            if (value.EventsRead * 10L >= (long)events * _nextTenth)
            {
                _nextTenth++;
                double seconds = _clock.Elapsed.TotalSeconds;
                Print($"  {seconds,7:F1} s: {value.EventsRead,7:N0} read, {value.EventsImported,7:N0} imported ({value.EventsRead / seconds:N0} VEVENTs/s), "
                    + $"working set {Environment.WorkingSet / Mega:F0} MB, managed heap {GC.GetTotalMemory(false) / Mega:F0} MB");
            }
        }
    }

    /// <summary>Samples the process's memory every 100 ms on a timer.</summary>
    private sealed class Sampler : IDisposable
    {
        private readonly Process _process = Process.GetCurrentProcess();
        private readonly Timer _timer;
        private readonly object _gate = new();

        public Sampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

        public int Samples { get; private set; }

        public long MaxWorkingSet { get; private set; }

        public long MaxManagedHeap { get; private set; }

        public void Stop()
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            Sample();
        }

        public void Dispose()
        {
            _timer.Dispose();
            _process.Dispose();
        }

        private void Sample()
        {
            lock (_gate)
            {
                _process.Refresh();
                Samples++;
                MaxWorkingSet = Math.Max(MaxWorkingSet, _process.WorkingSet64);
                MaxManagedHeap = Math.Max(MaxManagedHeap, GC.GetTotalMemory(false));
            }
        }
    }
}
