using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Calcore.Benchmarks.Ics;

/// <summary>
/// Summary columns of the iCalendar benchmarks, each from one run's figures and the corpus this process would
/// generate (<see cref="IcsCorpusShape.ForRun"/>): events/s and MB/s from the mean, bytes allocated per event, and
/// the speed-up over the class's baseline (Ical.Net 5.2.4): its mean ÷ this mean, the figure the targets name
/// ("read at least 20× Ical.Net's speed; write at least 10×").
/// </summary>
internal sealed class IcsColumn : IColumn
{
    private static readonly Lazy<IcsCorpusStats> Corpus = new(() => IcsCorpus.Measure(IcsCorpusShape.ForRun));

    private readonly Kind _kind;

    private IcsColumn(Kind kind, string name, string legend)
    {
        _kind = kind;
        ColumnName = name;
        Legend = legend;
    }

    private enum Kind
    {
        EventsPerSecond,
        MegabytesPerSecond,
        BytesPerEvent,
        SpeedUp,
    }

    /// <summary>Gets all four columns.</summary>
    public static IColumn[] All { get; } =
    [
        new IcsColumn(Kind.SpeedUp, "× Ical.Net", "Ical.Net's mean ÷ this mean, same run (the speed-up the targets name)"),
        new IcsColumn(Kind.EventsPerSecond, "Events/s", "VEVENTs in the corpus ÷ mean"),
        new IcsColumn(Kind.MegabytesPerSecond, "MB/s", "Corpus size in MB (10^6 octets, UTF-8) ÷ mean"),
        new IcsColumn(Kind.BytesPerEvent, "Alloc/event", "Bytes allocated per operation ÷ VEVENTs in the corpus"),
    ];

    public string Id => nameof(IcsColumn) + "." + _kind;

    public string ColumnName { get; }

    public string Legend { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)_kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        double? mean = report?.ResultStatistics?.Mean;
        IcsCorpusStats corpus = Corpus.Value;
        switch (_kind)
        {
            case Kind.BytesPerEvent:
                long? allocated = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
                return allocated is null ? "-" : Format((double)allocated.Value / corpus.Events, "N0") + " B";
            case Kind.SpeedUp:
                BenchmarkCase? peer = summary.BenchmarksCases.FirstOrDefault(b => b.Descriptor.Baseline
                    && b.Descriptor.Type == benchmarkCase.Descriptor.Type && b.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo);
                double? peerMean = peer is null ? null : summary[peer]?.ResultStatistics?.Mean;
                return mean is > 0 && peerMean is > 0 ? Format(peerMean.Value / mean.Value, "0.00") + "×" : "-";
            default:
                if (mean is not > 0)
                {
                    return "-";
                }
                double seconds = mean.Value / 1e9;
                return _kind == Kind.EventsPerSecond
                    ? Format(corpus.Events / seconds, "N0")
                    : Format(corpus.Megabytes / seconds, "N1");
        }
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>The iCalendar benchmarks' config: <see cref="IcsColumn.All"/>.</summary>
internal sealed class IcsConfig : ManualConfig
{
    public IcsConfig() => AddColumn(IcsColumn.All);
}
