namespace Calcore.Benchmarks;

/// <summary>Marker for the benchmark assembly.</summary>
public static class BenchmarkConfig
{
}
