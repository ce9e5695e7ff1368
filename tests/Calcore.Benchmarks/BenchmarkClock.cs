using NodaTime;

namespace Calcore.Benchmarks;

/// <summary>A clock that always reads the same instant, so that "now" in a benchmark does not drift between runs.</summary>
public sealed class BenchmarkClock(Instant now) : IClock
{
    /// <inheritdoc/>
    public Instant GetCurrentInstant() => now;
}
