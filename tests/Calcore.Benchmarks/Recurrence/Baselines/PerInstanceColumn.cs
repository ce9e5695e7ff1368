using System;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Calcore.Benchmarks.Recurrence.Baselines;

/// <summary>
/// A summary column that divides a benchmark's figures by the number of instances one invocation enumerates:
/// instances per second (from the mean) or bytes allocated per instance (from the memory diagnoser).
/// </summary>
internal sealed class PerInstanceColumn : IColumn
{
    private readonly Func<BenchmarkCase, int> _instances;
    private readonly bool _bytes;

    private PerInstanceColumn(string name, Func<BenchmarkCase, int> instances, bool bytes)
    {
        ColumnName = name;
        _instances = instances;
        _bytes = bytes;
    }

    public string Id => nameof(PerInstanceColumn) + "." + ColumnName;

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _bytes ? 2 : 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _bytes
        ? "Bytes allocated per instance (Allocated / Instances)"
        : "Instances enumerated per second (Instances / Mean)";

    /// <summary>Creates the instances-per-second column.</summary>
    /// <param name="instances">The number of instances one invocation enumerates.</param>
    /// <returns>The column.</returns>
    public static PerInstanceColumn Throughput(Func<BenchmarkCase, int> instances) => new("Instances/s", instances, bytes: false);

    /// <summary>Creates the bytes-per-instance column.</summary>
    /// <param name="instances">The number of instances one invocation enumerates.</param>
    /// <returns>The column.</returns>
    public static PerInstanceColumn BytesPerInstance(Func<BenchmarkCase, int> instances) => new("B/instance", instances, bytes: true);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        int instances = _instances(benchmarkCase);
        if (report is null || instances <= 0)
        {
            return "-";
        }

        if (_bytes)
        {
            long? allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return allocated is null ? "-" : ((double)allocated.Value / instances).ToString("N1", CultureInfo.InvariantCulture);
        }

        var statistics = report.ResultStatistics;
        if (statistics is null || statistics.Mean <= 0)
        {
            return "-";
        }

        double perSecond = instances / (statistics.Mean / 1e9);
        return perSecond >= 1e6
            ? (perSecond / 1e6).ToString("N2", CultureInfo.InvariantCulture) + " M"
            : (perSecond / 1e3).ToString("N1", CultureInfo.InvariantCulture) + " k";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
