using NodaTime;

namespace Calcore.Internal;

/// <summary>The half-open overlap rule of DESIGN.md "Intervals", on Unix ticks (open ends as min/max values).</summary>
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
        => Overlaps(
            span.HasStart ? span.Start.ToUnixTimeTicks() : long.MinValue,
            span.HasEnd ? span.End.ToUnixTimeTicks() : long.MaxValue,
            window.HasStart ? window.Start.ToUnixTimeTicks() : long.MinValue,
            window.HasEnd ? window.End.ToUnixTimeTicks() : long.MaxValue);
}
