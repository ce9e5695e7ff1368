using System;
using System.Threading;
using NodaTime;

namespace Calcore.Storage.Specification.Tests;

/// <summary>A settable clock for tests and benchmarks (NodaTime.Testing is not served here), the only one: the tests use it
/// from this library, the benchmarks compile this file in. Thread-safe.</summary>
/// <remarks>
/// <see cref="GetCurrentInstant"/> returns the current instant and then, when <see cref="AutoAdvance"/> is not
/// zero, moves the clock on by it, so consecutive writes get distinct, growing timestamps.
/// </remarks>
public sealed class FakeClock : IClock
{
    private long _ticks;
    private long _autoAdvanceTicks;

    public FakeClock(Instant start, Duration? autoAdvance = null)
    {
        _ticks = start.ToUnixTimeTicks();
        _autoAdvanceTicks = (autoAdvance ?? Duration.Zero).BclCompatibleTicks;
    }

    /// <summary>A clock at 2026-01-01T00:00:00Z that does not move by itself.</summary>
    public static FakeClock At2026() => new(Instant.FromUtc(2026, 1, 1, 0, 0));

    /// <summary>Gets or sets how far each reading moves the clock on.</summary>
    public Duration AutoAdvance
    {
        get => Duration.FromTicks(Interlocked.Read(ref _autoAdvanceTicks));
        set
        {
            if (value < Duration.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A clock does not run backwards.");
            }
            Interlocked.Exchange(ref _autoAdvanceTicks, value.BclCompatibleTicks);
        }
    }

    /// <summary>Gets the instant the next reading returns (without advancing).</summary>
    public Instant Now => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    public Instant GetCurrentInstant()
    {
        long step = Interlocked.Read(ref _autoAdvanceTicks);
        long after = Interlocked.Add(ref _ticks, step);
        return Instant.FromUnixTimeTicks(after - step);
    }

    /// <summary>Moves the clock on.</summary>
    public void Advance(Duration duration)
    {
        if (duration < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A clock does not run backwards.");
        }
        Interlocked.Add(ref _ticks, duration.BclCompatibleTicks);
    }

    /// <summary>Sets the clock to an instant (which may be earlier).</summary>
    public void Reset(Instant instant) => Interlocked.Exchange(ref _ticks, instant.ToUnixTimeTicks());
}
