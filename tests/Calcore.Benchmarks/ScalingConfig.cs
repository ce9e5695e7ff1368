using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Calcore.Benchmarks;

/// <summary>
/// Config for the "within N× as the data grows" targets: adds a <see cref="ParamScalingColumn"/> and Op/s.
/// </summary>
/// <remarks>
/// BenchmarkDotNet's own Ratio column compares methods against a baseline method, not parameter values against
/// each other, so the scaling targets get their own column. It divides means taken in one run, never figures
/// taken from different runs or machines.
/// </remarks>
public sealed class ScalingConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public ScalingConfig()
    {
        AddColumn(new ParamScalingColumn());
        AddColumn(StatisticColumn.OperationsPerSecond);
    }
}

/// <summary>
/// The mean of a case divided by the mean of the same benchmark method and job at the smallest value of the
/// first numeric parameter, all other parameters equal, e.g. 1.35 for "1 million events is 1.35× as slow as 10 thousand".
/// </summary>
public sealed class ParamScalingColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(ParamScalingColumn);

    /// <inheritdoc/>
    public string ColumnName => "Scaling";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Mean / mean of the same method at the smallest value of the first numeric parameter, other parameters equal (same run)";

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        // The scaling parameter is the first numeric one; every other parameter must be equal.
        int axis = -1;
        for (int i = 0; i < benchmarkCase.Parameters.Count && axis < 0; i++)
        {
            if (IsNumber(benchmarkCase.Parameters.Items[i].Value))
            {
                axis = i;
            }
        }
        if (axis < 0)
        {
            return "-";
        }
        BenchmarkCase smallest = summary.BenchmarksCases
            .Where(b => b.Descriptor.Equals(benchmarkCase.Descriptor)
                && b.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo
                && b.Parameters.Count == benchmarkCase.Parameters.Count
                && Enumerable.Range(0, b.Parameters.Count).All(i => i == axis
                    || Equals(b.Parameters.Items[i].Value, benchmarkCase.Parameters.Items[i].Value)))
            .OrderBy(b => Convert.ToDouble(b.Parameters.Items[axis].Value, CultureInfo.InvariantCulture))
            .First();
        double? mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        double? baseline = summary[smallest]?.ResultStatistics?.Mean;
        return mean is { } m && baseline is { } b && b > 0
            ? (m / b).ToString("0.00", CultureInfo.InvariantCulture)
            : "?";
    }

    private static bool IsNumber(object? value) => value is int or long or double or float or decimal or short;
}
