using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Calcore.Fuzz;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Recurrence;

/// <summary>
/// Runs the committed seed corpus of the afl++ fuzz target (<c>tests/Calcore.Fuzz/corpus</c>) through the target's own
/// checks (<see cref="RecurrenceFuzzTarget"/>): parse, round trip, bounded expansion and seeks. Open findings are kept
/// in <c>tests/Calcore.Fuzz/findings</c>, not in the corpus, so this replay stays green until they are fixed.
/// </summary>
public class FuzzCorpusReplayTests
{
    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "FuzzCorpus");

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(file!);
        }
        return data;
    }

    [Fact]
    public void Corpus_is_present()
        => Directory.GetFiles(CorpusDirectory).Should().HaveCountGreaterThanOrEqualTo(40, "the test project copies tests/Calcore.Fuzz/corpus/*");

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_input_passes_the_fuzz_checks(string file)
        => RecurrenceFuzzTarget.Run(File.ReadAllBytes(Path.Combine(CorpusDirectory, file)));

    [Fact]
    public void Whole_corpus_replays_within_five_seconds()
    {
        var clock = Stopwatch.StartNew();
        foreach (var file in Directory.GetFiles(CorpusDirectory))
        {
            RecurrenceFuzzTarget.Run(File.ReadAllBytes(file));
        }
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }
}
