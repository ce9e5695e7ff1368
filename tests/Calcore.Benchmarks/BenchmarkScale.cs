using System;

namespace Calcore.Benchmarks;

/// <summary>Scales benchmark data sets down when <c>CALCORE_BENCH_SMOKE=1</c> (CI's dry smoke pass), so every
/// benchmark runs end to end in seconds; real runs use the sizes the targets name.</summary>
public static class BenchmarkScale
{
    /// <summary>Gets a value indicating whether this is a smoke pass.</summary>
    public static bool IsSmoke { get; } = Environment.GetEnvironmentVariable("CALCORE_BENCH_SMOKE") == "1";

    /// <summary>Returns the size to use: the size asked for, or at most <paramref name="smokeSize"/> in a smoke pass.</summary>
    /// <param name="size">The size the target names.</param>
    /// <param name="smokeSize">The largest size in a smoke pass.</param>
    /// <returns>The size.</returns>
    public static int Of(int size, int smokeSize = 2_000) => IsSmoke ? Math.Min(size, smokeSize) : size;
}
