using NodaTime;

namespace Calcore.Internal;

/// <summary>The half-open overlap rule (an interval overlaps a window when it starts before the window's end and ends
/// after its start; a zero-length one when it starts in the window), on Unix ticks (open ends as min/max values).</summary>
internal static class SpanMath
{
    /// <summary>
    /// True when [start, end) overlaps the window [ws, we): it starts before the window ends and ends after the
    /// window starts; a zero-length span overlaps when the window contains its instant.
    /// </summary>
    internal static bool Overlaps(long start, long end, long ws, long we)
        => start == end ? start >= ws && start < we : start < we && end > ws;

    /// <summary>The same rule on NodaTime intervals (an interval without a start or end is open on that side).</summary>
    internal static bool Overlaps(Interval span, Interval window)
        => Overlaps(StartTicks(span), EndTicks(span), StartTicks(window), EndTicks(window));

    /// <summary>An interval's start as Unix ticks, <see cref="long.MinValue"/> when it has none.</summary>
    internal static long StartTicks(Interval interval) => interval.HasStart ? interval.Start.ToUnixTimeTicks() : long.MinValue;

    /// <summary>An interval's end as Unix ticks, <see cref="long.MaxValue"/> when it has none.</summary>
    internal static long EndTicks(Interval interval) => interval.HasEnd ? interval.End.ToUnixTimeTicks() : long.MaxValue;
}
