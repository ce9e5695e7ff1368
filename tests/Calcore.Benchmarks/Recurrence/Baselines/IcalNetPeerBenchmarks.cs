using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Calcore.Benchmarks.Recurrence.Baselines;

/// <summary>
/// Calcore against Ical.Net 5.2.4 in the same run: the five anchor rules over ten years from DTSTART
/// 2025-01-06 09:00 America/Los_Angeles. Calcore is the baseline, so the Ratio column is Ical.Net's time over
/// Calcore's; Instances/s and B/instance divide by the instance count (Calcore's count; setup checks both engines return the same instants, except that Ical.Net 5.2.4 leaves out a DTSTART that does not match the rule, which RFC 5545 counts as the first instance: one of 121 and one of 21 here).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
public class IcalNetPeerTenYears
{
    private static readonly ConcurrentDictionary<string, int> Counts = new();

    private IcalNetPeer _peer = null!;

    /// <summary>Gets the rules the <see cref="Rule"/> parameter takes: the five anchor rules.</summary>
    public static System.Collections.Generic.IEnumerable<string> Rules => AnchorRules.All;

    /// <summary>The rule under test.</summary>
    [ParamsSource(nameof(Rules))]
    public string Rule { get; set; } = "FREQ=DAILY";

    /// <summary>Prepares both engines and checks they agree on the instance count.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _peer = IcalNetPeer.TenYears(Rule);
        System.Console.WriteLine(
            $"// {Rule}: Calcore {_peer.Instances} instances, Ical.Net {_peer.IcalNetInstances}{Agreement()}");
    }

    private string Agreement() =>
        _peer.StartOnlyInCalcore ? " (the same instants; DTSTART does not match the rule and only Calcore returns it)"
        : _peer.ExactHourSteps ? " (Ical.Net steps exact hours across DST, Calcore wall-clock hours: same count, summer instants an hour apart)"
        : " (the same instants)";

    /// <summary>Calcore enumerates the ten-year window.</summary>
    /// <returns>The number of instances.</returns>
    [Benchmark(Baseline = true)]
    public int Calcore() => _peer.CountCalcore();

    /// <summary>Ical.Net enumerates the ten-year window.</summary>
    /// <returns>The number of instances.</returns>
    [Benchmark]
    public int IcalNet() => _peer.CountIcalNet();

    private static int Instances(BenchmarkCase benchmarkCase) =>
        Counts.GetOrAdd((string)benchmarkCase.Parameters["Rule"], static rule => IcalNetPeer.TenYears(rule).Instances);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(PerInstanceColumn.Throughput(Instances), PerInstanceColumn.BytesPerInstance(Instances));
            WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(60));
        }
    }
}

/// <summary>
/// Calcore against Ical.Net 5.2.4 in the same run: the one-month window of a daily rule 50 years after DTSTART
/// (2025-01-06 09:00 America/Los_Angeles), without and with COUNT=100000. Calcore is the baseline.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
public class IcalNetPeerSeekWindow
{
    private const int YearsAfter = 50;

    private static readonly ConcurrentDictionary<string, int> Counts = new();

    private IcalNetPeer _peer = null!;

    /// <summary>The rule.</summary>
    [Params("FREQ=DAILY", "FREQ=DAILY;COUNT=100000")]
    public string Rule { get; set; } = "FREQ=DAILY";

    /// <summary>Prepares both engines and checks they agree on the instance count.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _peer = IcalNetPeer.MonthAfter(Rule, YearsAfter);
        System.Console.WriteLine($"// {Rule} +{YearsAfter}y: {_peer.Instances} instances, the same instants from both engines");
    }

    /// <summary>Calcore enumerates the window.</summary>
    /// <returns>The number of instances.</returns>
    [Benchmark(Baseline = true)]
    public int Calcore() => _peer.CountCalcore();

    /// <summary>Ical.Net enumerates the window.</summary>
    /// <returns>The number of instances.</returns>
    [Benchmark]
    public int IcalNet() => _peer.CountIcalNet();

    private static int Instances(BenchmarkCase benchmarkCase) =>
        Counts.GetOrAdd((string)benchmarkCase.Parameters["Rule"], static rule => IcalNetPeer.MonthAfter(rule, YearsAfter).Instances);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(PerInstanceColumn.Throughput(Instances), PerInstanceColumn.BytesPerInstance(Instances));
            WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(60));
        }
    }
}
