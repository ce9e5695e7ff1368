using System;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Calcore.Benchmarks.Ics;

// Measurements outside BenchmarkDotNet, by switch:
//   --ics-retained [rounds]          heap retained per parsed VEVENT (Ics/IcsRetainedMemory.cs)
//   --ics-import [factor] [seconds]  a generated calendar (default × 5.3, ~100 MB) imported from a file into SQLite:
//                                    time, events/s, progress and peak memory (Ics/IcsImportMemory.cs)
//   --gc-nonconcurrent               (with BenchmarkDotNet's options) every benchmark process with the concurrent GC off
//   --ics-corpus <path> [factor]     write the generated calendar (issue #14's shape × factor, default 1; 5.3 for ~100 MB)
if (args.Length > 0 && args[0] == IcsRetainedMemory.Switch)
{
    return IcsRetainedMemory.Run(args[1..]);
}
if (args.Length > 0 && args[0] == IcsImportMemory.Switch)
{
    return await IcsImportMemory.RunAsync(args[1..]);
}
if (args.Length > 1 && args[0] == "--ics-corpus")
{
    double factor = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1;
    System.Console.WriteLine(IcsCorpus.WriteFile(args[1], IcsCorpusShape.Issue14.Scale(factor)));
    return 0;
}

// --gc-nonconcurrent (anywhere, before BenchmarkDotNet's own options): every job of the run with the concurrent GC off
// (the benchmark processes' runtimeconfig says System.GC.Concurrent false, as DOTNET_gcConcurrent=0 would, which
// BenchmarkDotNet's generated runtimeconfig would otherwise override). For the whole run: BenchmarkDotNet 0.14 builds
// one project for classes that differ only in this setting, so both modes cannot share one run.
IConfig? config = null;
if (Array.IndexOf(args, "--gc-nonconcurrent") >= 0)
{
    args = Array.FindAll(args, a => a != "--gc-nonconcurrent");
    config = DefaultConfig.Instance.AddJob(Job.Default.WithGcConcurrent(false).AsMutator());
}
BenchmarkSwitcher.FromAssembly(typeof(Calcore.Benchmarks.BenchmarkConfig).Assembly).Run(args, config);
return 0;
