using System.Globalization;
using BenchmarkDotNet.Running;
using Calcore.Benchmarks.Ics;

// Measurements outside BenchmarkDotNet, by switch:
//   --ics-retained [rounds]          heap retained per parsed VEVENT (Ics/IcsRetainedMemory.cs)
//   --ics-import [factor] [seconds]  a generated calendar (default × 5.3, ~100 MB) imported from a file into SQLite:
//                                    time, events/s, progress and peak memory (Ics/IcsImportMemory.cs)
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

BenchmarkSwitcher.FromAssembly(typeof(Calcore.Benchmarks.BenchmarkConfig).Assembly).Run(args);
return 0;
