using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Calcore.Benchmarks.Ics;

/// <summary>
/// <see cref="IcsReadBaseline"/> again, with the concurrent (background) GC off: on a two-core machine the background
/// GC thread competes with a reader that builds a large heap, and the reader's times depend on it. Ical.Net is this
/// class's baseline too, so its ratios compare like with like.
/// </summary>
/// <remarks>
/// The GC is switched in setup with <c>GCSettings.LatencyMode = GCLatencyMode.Batch</c> (the mode a process started
/// with <c>DOTNET_gcConcurrent=0</c> runs in; setup prints it). Not with a job: with BenchmarkDotNet 0.14,
/// <c>Job.WithGcConcurrent(false)</c> in a config beside the default classes was built into the same generated project,
/// whose runtimeconfig says <c>System.GC.Concurrent: true</c>, and that setting also overrides a
/// <c>DOTNET_gcConcurrent=0</c> environment variable (both tried: the benchmark process stayed Interactive).
/// </remarks>
[Config(typeof(NonConcurrentGcConfig))]
public class IcsReadNonConcurrentGc : IcsReadBaseline
{
    /// <inheritdoc/>
    protected override bool ConcurrentGc => false;
}

/// <summary><see cref="IcsWriteBaseline"/> again, with the concurrent GC off (see <see cref="IcsReadNonConcurrentGc"/>).</summary>
[Config(typeof(NonConcurrentGcConfig))]
public class IcsWriteNonConcurrentGc : IcsWriteBaseline
{
    /// <inheritdoc/>
    protected override bool ConcurrentGc => false;
}

/// <summary>The columns of <see cref="IcsConfig"/> (the base classes' <c>[Config]</c> is not inherited).</summary>
internal sealed class NonConcurrentGcConfig : ManualConfig
{
    public NonConcurrentGcConfig() => AddColumn(IcsColumn.All);
}
