using System.Threading;
using NodaTime;

namespace Calcore.Storage.Specification.Tests;

/// <summary>A clock that moves on by a fixed step at every reading, so writes get distinct times. Thread-safe.</summary>
public sealed class SpecClock(Instant start, Duration step) : IClock
{
    private long _ticks = start.ToUnixTimeTicks();

    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Add(ref _ticks, step.BclCompatibleTicks) - step.BclCompatibleTicks);
}
