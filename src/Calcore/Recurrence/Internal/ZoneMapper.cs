using System;
using NodaTime;
using NodaTime.TimeZones;

namespace Calcore.Recurrence.Internal;

/// <summary>
/// Maps local seconds to instants in one zone with NodaTime's lenient resolver (gap: shift forward by
/// the gap; overlap: earlier instant), caching the current zone interval so that the resolver only
/// runs within two days of a transition. Not thread-safe; pooled.
/// </summary>
internal sealed class ZoneMapper
{
    /// <summary>Sentinel instant for a local time that cannot be placed on NodaTime's time line.</summary>
    internal const long OutOfRange = long.MaxValue;

    private const long Margin = 2L * CalendarMath.SecondsPerDay;

    private DateTimeZone _zone = DateTimeZone.Utc;
    private bool _fixed;
    private long _offset;
    private long _safeStart;
    private long _safeEnd;
    private bool _hasCache;

    internal DateTimeZone Zone => _zone;

    internal void Reset(DateTimeZone zone)
    {
        _zone = zone;
        _fixed = zone.MinOffset == zone.MaxOffset;
        _offset = zone.MinOffset.Seconds;
        _hasCache = false;
    }

    /// <summary>Returns the instant (Unix seconds) of a local value, and the wall time at which it really occurs.</summary>
    internal long Map(long local, out long actualLocal)
    {
        if (_fixed)
        {
            actualLocal = local;
            long t0 = local - _offset;
            return t0 > CalendarMath.MaxInstantSeconds || t0 < CalendarMath.MinInstantSeconds ? OutOfRange : t0;
        }
        long t = local - _offset;
        if (_hasCache && t >= _safeStart && t < _safeEnd)
        {
            actualLocal = local;
            return t;
        }
        return Slow(local, out actualLocal);
    }

    private long Slow(long local, out long actualLocal)
    {
        actualLocal = local;
        try
        {
            var ldt = CalendarMath.ToLocalDateTime(local);
            var zoned = _zone.ResolveLocal(ldt, Resolvers.LenientResolver);
            var instant = zoned.ToInstant();
            long seconds = instant.ToUnixTimeSeconds();
            actualLocal = seconds + zoned.Offset.Seconds;
            var interval = _zone.GetZoneInterval(instant);
            _offset = interval.WallOffset.Seconds;
            _safeStart = interval.HasStart ? interval.Start.ToUnixTimeSeconds() + Margin : long.MinValue;
            _safeEnd = interval.HasEnd ? interval.End.ToUnixTimeSeconds() - Margin : long.MaxValue;
            _hasCache = true;
            return seconds;
        }
        catch (ArgumentOutOfRangeException)
        {
            return OutOfRange;
        }
        catch (OverflowException)
        {
            return OutOfRange;
        }
    }

    /// <summary>The UTC offset (seconds) in force at an instant (Unix seconds).</summary>
    internal long OffsetAt(long instantSeconds)
    {
        if (_fixed)
        {
            return _offset;
        }
        long clamped = Math.Clamp(instantSeconds, CalendarMath.MinInstantSeconds, CalendarMath.MaxInstantSeconds);
        return _zone.GetUtcOffset(Instant.FromUnixTimeSeconds(clamped)).Seconds;
    }
}
