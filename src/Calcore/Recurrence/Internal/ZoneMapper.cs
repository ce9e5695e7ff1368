using System;
using NodaTime;
using NodaTime.TimeZones;

namespace Calcore.Recurrence.Internal;

/// <summary>
/// Maps local seconds to instants in one zone with the lenient rule of RFC 5545 §3.3.5 and NodaTime's
/// <see cref="Resolvers.LenientResolver"/> (gap: shift forward by the gap; overlap: earlier instant).
/// It caches the current zone interval together with the exact range of instants whose wall time is
/// valid and unambiguous in it, so <see cref="DateTimeZone.GetZoneInterval"/> only runs when a value
/// leaves that range; it never allocates. Not thread-safe; pooled.
/// </summary>
internal sealed class ZoneMapper
{
    /// <summary>Sentinel instant for a local time that cannot be placed on NodaTime's time line.</summary>
    internal const long OutOfRange = long.MaxValue;

    private DateTimeZone _zone = DateTimeZone.Utc;
    private bool _fixed;
    private long _offset;
    private long _safeStart;
    private long _safeEnd;
    private bool _hasCache;
    private long _cachedEnd;

    internal DateTimeZone Zone => _zone;

    /// <summary>Gets the largest UTC offset of the zone, in seconds: every instant is at least its wall time minus this.</summary>
    internal long MaxOffsetSeconds { get; private set; }

    internal void Reset(DateTimeZone zone)
    {
        _zone = zone;
        _fixed = zone.MinOffset == zone.MaxOffset;
        _offset = zone.MinOffset.Seconds;
        MaxOffsetSeconds = zone.MaxOffset.Seconds;
        _hasCache = false;
    }

    /// <summary>Returns the instant (Unix seconds) of a local value, and the wall time at which it really occurs.</summary>
    internal long Map(long local, out long actualLocal)
    {
        unchecked
        {
            long t = local - _offset;
            if (_fixed)
            {
                actualLocal = local;
                return t;
            }
            if (_hasCache && t >= _safeStart && t < _safeEnd)
            {
                actualLocal = local;
                return t > CalendarMath.MaxInstantSeconds || t < CalendarMath.MinInstantSeconds ? OutOfRange : t;
            }
            return Slow(local, out actualLocal);
        }
    }

    private static long StartOf(ZoneInterval i) => i.HasStart ? i.Start.ToUnixTimeSeconds() : long.MinValue;

    private static long EndOf(ZoneInterval i) => i.HasEnd ? i.End.ToUnixTimeSeconds() : long.MaxValue;

    private ZoneInterval At(long instant)
        => _zone.GetZoneInterval(Instant.FromUnixTimeSeconds(Math.Clamp(instant, CalendarMath.MinInstantSeconds, CalendarMath.MaxInstantSeconds)));

    private long Slow(long local, out long actualLocal)
    {
        actualLocal = local;
        var a = At(local - _offset);
        long ao = a.WallOffset.Seconds;
        long aStart = StartOf(a);
        long aEnd = EndOf(a);
        long t = local - ao;
        long instant;
        if (t < aStart)
        {
            long po = PreviousOffset(a, aStart);
            long t2 = local - po;
            if (t2 < aStart)
            {
                instant = t2;
                Cache(At(aStart - 1), knownPreviousOffset: null);
            }
            else
            {
                instant = t2; // in the gap: shifted forward by its length
                actualLocal = instant + ao;
                Cache(a, po);
            }
        }
        else if (t >= aEnd)
        {
            var n = At(aEnd);
            long no = n.WallOffset.Seconds;
            long t2 = local - no;
            instant = t2 >= aEnd ? t2 : t; // t2 < aEnd: in the gap, shifted forward by its length
            if (t2 < aEnd)
            {
                actualLocal = instant + no;
            }
            Cache(n, ao);
        }
        else
        {
            instant = t;
            long? po = a.HasStart ? PreviousOffset(a, aStart) : null;
            if (po is { } previous && local - previous < aStart)
            {
                instant = local - previous; // ambiguous: the earlier instant
                Cache(At(aStart - 1), knownPreviousOffset: null);
            }
            else
            {
                Cache(a, po);
            }
        }
        return instant > CalendarMath.MaxInstantSeconds || instant < CalendarMath.MinInstantSeconds ? OutOfRange : instant;
    }

    private long PreviousOffset(ZoneInterval interval, long start)
        => _hasCache && _cachedEnd == start && interval.HasStart ? _offset : At(start - 1).WallOffset.Seconds;

    private void Cache(ZoneInterval interval, long? knownPreviousOffset)
    {
        long offset = interval.WallOffset.Seconds;
        long start = StartOf(interval);
        long safeStart = start;
        if (interval.HasStart)
        {
            // A wall time is also valid in the previous interval (ambiguous) when L - previousOffset < start.
            long previousOffset = knownPreviousOffset ?? PreviousOffset(interval, start);
            if (previousOffset > offset)
            {
                safeStart = start + (previousOffset - offset);
            }
        }
        _offset = offset;
        // The fast path answers only inside NodaTime's time line; instants past either end take the slow path, which
        // reports them out of range.
        _safeStart = Math.Max(safeStart, CalendarMath.MinInstantSeconds);
        _cachedEnd = EndOf(interval);
        _safeEnd = Math.Min(_cachedEnd, CalendarMath.MaxInstantSeconds + 1);
        _hasCache = true;
    }

    /// <summary>Returns the UTC offset (seconds) at an instant and caches that zone interval for the mappings that follow.</summary>
    internal long PrimeAt(long instantSeconds)
    {
        if (_fixed)
        {
            return _offset;
        }
        var interval = At(instantSeconds);
        Cache(interval, knownPreviousOffset: null);
        return _offset;
    }

    /// <summary>The UTC offset (seconds) in force at an instant (Unix seconds).</summary>
    /// <summary>
    /// The length of the daylight-saving gap that ends just before an instant, when a wall time moved forward by it
    /// would be <paramref name="local"/> (the instant's wall time); 0 otherwise.
    /// </summary>
    internal long GapBefore(long instantSeconds, long local)
    {
        if (_fixed)
        {
            return 0;
        }
        var interval = At(instantSeconds);
        if (!interval.HasStart)
        {
            return 0;
        }
        long start = StartOf(interval);
        long previous = At(start - 1).WallOffset.Seconds;
        long gap = interval.WallOffset.Seconds - previous;
        // The gap's wall times are [start + previous, start + offset); moved forward, they become [start + offset, start + offset + gap).
        return gap > 0 && local - gap >= start + previous && local - gap < start + previous + gap ? gap : 0;
    }

    internal long OffsetAt(long instantSeconds)
    {
        if (_fixed)
        {
            return _offset;
        }
        return At(instantSeconds).WallOffset.Seconds;
    }
}
