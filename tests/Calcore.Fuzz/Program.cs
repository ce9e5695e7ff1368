using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace Calcore.Fuzz;

/// <summary>
/// The afl++ entry point (see fuzz.sh). Without arguments it is the SharpFuzz fork server: under afl-fuzz it runs one
/// input from standard input per execution; outside afl-fuzz it runs standard input once. With <c>--replay</c> it
/// runs files or folders through the same checks and prints each finding (used to triage afl's crashes).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--replay")
        {
            return Replay(args.Skip(1).ToArray());
        }
        if (args.Length > 0)
        {
            Console.Error.WriteLine("usage: Calcore.Fuzz                    (input on stdin; under afl-fuzz, the fork server)");
            Console.Error.WriteLine("       Calcore.Fuzz --replay PATH...    (files, or folders of files, through the same checks)");
            return 2;
        }

        // Out of process: a hang or an uncatchable crash kills only the child, which the server restarts.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            RecurrenceFuzzTarget.Run(memory.GetBuffer().AsSpan(0, (int)memory.Length));
        });
        return 0;
    }

    private static int Replay(string[] paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p).Order(StringComparer.Ordinal) : new[] { p }.AsEnumerable())
            .Where(f => !Path.GetFileName(f).StartsWith("README", StringComparison.Ordinal))
            .ToList();
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                RecurrenceFuzzTarget.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                var inner = e.InnerException ?? e;
                // A finding's kind: the exception type and the first frame in Calcore (not the checker), else the check's message.
                var frames = (inner.StackTrace ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
                string top = frames.FirstOrDefault(l => l.StartsWith("at Calcore.", StringComparison.Ordinal) && !l.StartsWith("at Calcore.Fuzz.", StringComparison.Ordinal))
                    ?? (ReferenceEquals(inner, e) ? e.Message.Split('\n')[0] : frames.FirstOrDefault()) ?? string.Empty;
                string kind = $"{inner.GetType().Name} {top}";
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                Console.WriteLine($"FINDING {file}");
                Console.WriteLine($"  {e.Message}");
                if (e.InnerException is not null)
                {
                    Console.WriteLine($"  {inner.GetType().FullName}: {inner.Message}");
                }
                foreach (var line in (inner.StackTrace ?? string.Empty).Split('\n').Take(4))
                {
                    Console.WriteLine($"    {line.Trim()}");
                }
            }
        }
        foreach (var (kind, count) in kinds)
        {
            Console.WriteLine($"{count,5} x {kind}");
        }
        Console.WriteLine($"{files.Count} inputs replayed, {kinds.Values.Sum()} findings");
        return kinds.Count == 0 ? 0 : 1;
    }
}
