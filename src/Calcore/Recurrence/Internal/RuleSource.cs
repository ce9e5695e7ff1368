using System;
using NodaTime;
using NodaTime.TimeZones;

namespace Calcore.Recurrence.Internal;

/// <summary>
/// One rule's instances as (instant, actual local, nominal local), in instant order: maps the
/// iterator's nominal values through the zone, applies UNTIL, reorders the few instances that a
/// daylight-saving gap moved past later ones, merges values that land on the same instant, and
/// applies COUNT to the distinct instances. Not thread-safe; pooled.
/// </summary>
internal sealed class RuleSource
{
    private readonly RuleIterator _iterator = new();
    private RuleIterator? _probe;
    private CompiledRule _rule = null!;
    private ZoneMapper _zone = null!;
    private long[] _heldInstant = new long[4];
    private long[] _heldLocal = new long[4];
    private long[] _heldNominal = new long[4];
    private int _heldCount;
    private long _lowerBound;
    private bool _rawEnded;
    private long _emitted;
    private bool _hasLast;
    private long _lastInstant;

    internal bool HasHead { get; private set; }

    internal long HeadInstant { get; private set; }

    internal long HeadLocal { get; private set; }

    internal long HeadNominal { get; private set; }

    internal void Init(CompiledRule rule, bool forcedStart, ZoneMapper zone, long seekLocal)
    {
        _rule = rule;
        _zone = zone;
        _heldCount = 0;
        _rawEnded = false;
        _hasLast = false;
        _lowerBound = long.MinValue;
        _iterator.Init(rule, forcedStart, countBeforeSeek: true);
        if (seekLocal != long.MinValue)
        {
            _iterator.Seek(seekLocal);
        }
        _emitted = _iterator.CountedBeforeSeek;
        if (rule.Count > 0 && seekLocal != long.MinValue && _emitted > (forcedStart ? 1 : 0))
        {
            _emitted -= CountMerges(rule.DtLocal, seekLocal);
        }
        if (rule.Count > 0 && _emitted >= rule.Count)
        {
            _rawEnded = true;
        }
        Advance();
    }

    /// <summary>
    /// Counts the wall-clock values before <paramref name="seekLocal"/> that a daylight-saving gap
    /// merged with another value of the rule (v in a gap of length g, and v + g), so that COUNT,
    /// which counts distinct instances, stays exact when seeking.
    /// </summary>
    private long CountMerges(long fromLocal, long seekLocal)
    {
        var zone = _zone.Zone;
        long maxGap = zone.MaxOffset.Seconds - (long)zone.MinOffset.Seconds;
        if (maxGap == 0 || _rule.MinSpacing > maxGap)
        {
            return 0;
        }
        long from = Math.Max(fromLocal - 2 * (long)CalendarMath.SecondsPerDay, CalendarMath.MinInstantSeconds);
        long to = Math.Min(seekLocal + 2 * (long)CalendarMath.SecondsPerDay, CalendarMath.MaxInstantSeconds);
        if (to <= from)
        {
            return 0;
        }
        // Values counted before the seek are those of periods before the one Seek chose; the
        // iterator resumes at that period, so the boundary is the first value it will produce.
        long merges = 0;
        _probe ??= new RuleIterator();
        Span<long> values = stackalloc long[64];
        ZoneInterval? previous = null;
        foreach (var interval in zone.GetZoneIntervals(Instant.FromUnixTimeSeconds(from), Instant.FromUnixTimeSeconds(to)))
        {
            if (previous is not null)
            {
                long gap = interval.WallOffset.Seconds - (long)previous.WallOffset.Seconds;
                if (gap > 0)
                {
                    long gapStart = interval.Start.ToUnixTimeSeconds() + previous.WallOffset.Seconds;
                    _probe.Init(_rule, forcedStart: false, countBeforeSeek: false);
                    _probe.Seek(gapStart - CalendarMath.SecondsPerDay);
                    int n = 0;
                    while (n < values.Length && _probe.Next(out long v) && v < gapStart + 2 * gap)
                    {
                        if (v >= gapStart)
                        {
                            values[n++] = v;
                        }
                    }
                    for (int i = 0; i < n; i++)
                    {
                        long v = values[i];
                        if (v >= gapStart + gap || v <= fromLocal || !_iterator.IsBeforeResume(v))
                        {
                            continue;
                        }
                        if (values[..n].Contains(v + gap))
                        {
                            merges++;
                        }
                    }
                }
            }
            previous = interval;
        }
        return merges;
    }

    internal void Advance()
    {
        unchecked
        {
            while (true)
            {
                if (!NextRaw(out long instant, out long local, out long nominal))
                {
                    HasHead = false;
                    return;
                }
                if (_hasLast && instant == _lastInstant)
                {
                    continue; // merged with the previous instance of this rule
                }
                if (_rule.Count > 0)
                {
                    if (_emitted >= _rule.Count)
                    {
                        _rawEnded = true;
                        _heldCount = 0;
                        HasHead = false;
                        return;
                    }
                    _emitted++;
                }
                _hasLast = true;
                _lastInstant = instant;
                HeadInstant = instant;
                HeadLocal = local;
                HeadNominal = nominal;
                HasHead = true;
                return;
            }
        }
    }

    private bool NextRaw(out long headInstant, out long headLocal, out long headNominal)
    {
        unchecked
        {
            while (true)
            {
                if (_heldCount > 0 && (_rawEnded || _heldInstant[0] <= _lowerBound))
                {
                    headInstant = _heldInstant[0];
                    headLocal = _heldLocal[0];
                    headNominal = _heldNominal[0];
                    _heldCount--;
                    Array.Copy(_heldInstant, 1, _heldInstant, 0, _heldCount);
                    Array.Copy(_heldLocal, 1, _heldLocal, 0, _heldCount);
                    Array.Copy(_heldNominal, 1, _heldNominal, 0, _heldCount);
                    return true;
                }
                if (_rawEnded || !_iterator.Next(out long nominal))
                {
                    _rawEnded = true;
                    if (_heldCount > 0)
                    {
                        continue;
                    }
                    headInstant = headLocal = headNominal = 0;
                    return false;
                }
                long instant = _zone.Map(nominal, out long actual);
                if (instant == ZoneMapper.OutOfRange || PastUntil(nominal, instant))
                {
                    _rawEnded = true;
                    continue;
                }
                // Every later value maps to an instant after (its wall time - the zone's largest offset).
                long bound = nominal - _zone.MaxOffsetSeconds;
                if (bound > _lowerBound)
                {
                    _lowerBound = bound;
                }
                bool shifted = actual != nominal;
                if (!shifted && _heldCount == 0)
                {
                    _lowerBound = instant;
                    headInstant = instant;
                    headLocal = actual;
                    headNominal = nominal;
                    return true;
                }
                Hold(instant, actual, nominal);
                if (!shifted && instant > _lowerBound)
                {
                    _lowerBound = instant;
                }
            }
        }
    }

    private bool PastUntil(long nominal, long instant) => _rule.UntilKind switch
    {
        RecurrenceEndKind.UntilDate => CalendarMath.FloorDiv(nominal, CalendarMath.SecondsPerDay) > _rule.UntilValue,
        RecurrenceEndKind.UntilLocalDateTime => nominal > _rule.UntilValue,
        RecurrenceEndKind.UntilInstant => instant > _rule.UntilValue,
        _ => false,
    };

    private void Hold(long instant, long local, long nominal)
    {
        if (_heldCount == _heldInstant.Length)
        {
            Array.Resize(ref _heldInstant, _heldCount * 2);
            Array.Resize(ref _heldLocal, _heldCount * 2);
            Array.Resize(ref _heldNominal, _heldCount * 2);
        }
        int i = _heldCount;
        while (i > 0 && (_heldInstant[i - 1] > instant || (_heldInstant[i - 1] == instant && _heldNominal[i - 1] > nominal)))
        {
            _heldInstant[i] = _heldInstant[i - 1];
            _heldLocal[i] = _heldLocal[i - 1];
            _heldNominal[i] = _heldNominal[i - 1];
            i--;
        }
        _heldInstant[i] = instant;
        _heldLocal[i] = local;
        _heldNominal[i] = nominal;
        _heldCount++;
    }
}
