using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Calcore.Benchmarks.Ics;

/// <summary>
/// <see cref="IcsReadBaseline"/> again, with the concurrent (background) GC off (<c>DOTNET_gcConcurrent=0</c>): on a
/// two-core machine the background GC thread competes with a reader that allocates a large heap, and the reader's times
/// depend on it. Ical.Net is this class's baseline too, so its ratios compare like with like.
/// </summary>
[Config(typeof(NonConcurrentGcConfig))]
public class IcsReadNonConcurrentGc : IcsReadBaseline
{
}

/// <summary><see cref="IcsWriteBaseline"/> again, with the concurrent GC off (see <see cref="IcsReadNonConcurrentGc"/>).</summary>
[Config(typeof(NonConcurrentGcConfig))]
public class IcsWriteNonConcurrentGc : IcsWriteBaseline
{
}

/// <summary>Turns the concurrent GC off in every job of the run (a mutator: it changes the jobs the command line asks
/// for, such as <c>--job short</c>, and adds none). Not in a smoke pass, whose in-process toolchain runs in CI's own
/// process and cannot change its GC.</summary>
internal sealed class NonConcurrentGcConfig : ManualConfig
{
    public NonConcurrentGcConfig()
    {
        // The base class's [Config(typeof(IcsConfig))] is not inherited: its columns again.
        AddColumn(IcsColumn.All);
        if (!BenchmarkScale.IsSmoke)
        {
            AddJob(Job.Default.WithGcConcurrent(false).WithId("NonConcurrentGc").AsMutator());
        }
    }
}
