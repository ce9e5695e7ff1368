using System;
using System.Collections.Generic;
using NodaTime;
using NodaTime.TimeZones;

namespace Calcore.Recurrence.Internal;

/// <summary>
/// One rule's instances as (instant, actual local, nominal local), in instant order: maps the
/// iterator's nominal values through the zone, applies UNTIL, reorders the few instances that a
/// daylight-saving gap moved past later ones, merges values that land on the same instant, and
/// applies COUNT to the distinct instances. Not thread-safe; pooled.
/// </summary>
/// <remarks>
/// COUNT is applied through the instant of the rule's last instance, found once per rule and zone
/// (<see cref="CompiledRule.CountEnd"/>), so that seeking never counts: a source in counting mode
/// (<see cref="InitCounting"/>) is only used to find that instant.
/// </remarks>
internal sealed class RuleSource
{
    private readonly RuleIterator _iterator = new();
    private RuleIterator? _probe;
    private List<long>? _gapValues;
    private CompiledRule _rule = null!;
    private ZoneMapper _zone = null!;
    private long[] _heldInstant = new long[4];
    private long[] _heldLocal = new long[4];
    private long[] _heldNominal = new long[4];
    private int _heldCount;
    private long _lowerBound;
    private bool _rawEnded;
    private long _emitted;
    private bool _counting;
    private long _cutoff;
    private bool _hasLast;
    private long _lastInstant;

    internal bool HasHead { get; private set; }

    internal long HeadInstant { get; private set; }

    internal long HeadLocal { get; private set; }

    internal long HeadNominal { get; private set; }

    /// <summary>Starts the rule at the period containing <paramref name="seekLocal"/> (<see cref="long.MinValue"/>: at DTSTART).</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="forcedStart">Whether DTSTART is the rule's first instance (an RRULE).</param>
    /// <param name="zone">The set's zone.</param>
    /// <param name="seekLocal">Where to start.</param>
    /// <param name="maxLocal">The last wall time to generate; later periods are not generated.</param>
    internal void Init(CompiledRule rule, bool forcedStart, ZoneMapper zone, long seekLocal, long maxLocal = long.MaxValue)
    {
        Reset(rule, zone, counting: false);
        _cutoff = rule.Count > 0 ? rule.CountEnd(zone.Zone, forcedStart) : long.MaxValue;
        _iterator.Init(rule, forcedStart, countBeforeSeek: false, maxLocal);
        if (seekLocal != long.MinValue)
        {
            _iterator.Seek(seekLocal);
        }
        Advance();
    }

    /// <summary>Prepares an exception rule for <see cref="Contains"/> (membership per instant, never enumeration).</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="zone">The set's zone.</param>
    internal void InitMembership(CompiledRule rule, ZoneMapper zone)
    {
        Reset(rule, zone, counting: false);
        _cutoff = rule.Count > 0 ? rule.CountEnd(zone.Zone, forcedStart: false) : long.MaxValue;
        _iterator.Init(rule, forcedStart: false, countBeforeSeek: false);
        HasHead = false;
    }

    /// <summary>Starts the rule in counting mode: COUNT is applied by counting (the values before the seek
    /// included), which is how <see cref="CompiledRule.CountEnd"/> finds the last instance.</summary>
    private void InitCounting(CompiledRule rule, bool forcedStart, ZoneMapper zone, long seekLocal)
    {
        Reset(rule, zone, counting: true);
        _iterator.Init(rule, forcedStart, countBeforeSeek: true);
        if (seekLocal != long.MinValue)
        {
            _iterator.Seek(seekLocal);
        }
        _emitted = _iterator.CountedBeforeSeek;
        if (seekLocal != long.MinValue && _emitted > (forcedStart ? 1 : 0))
        {
            _emitted -= CountMerges(rule.DtLocal, seekLocal);
        }
        if (_emitted >= rule.Count)
        {
            _rawEnded = true;
        }
        Advance();
    }

    private void Reset(CompiledRule rule, ZoneMapper zone, bool counting)
    {
        _rule = rule;
        _zone = zone;
        _heldCount = 0;
        _rawEnded = false;
        _hasLast = false;
        _lowerBound = long.MinValue;
        _counting = counting;
        _cutoff = long.MaxValue;
        _emitted = 0;
    }

    /// <summary>
    /// Finds the instant of a COUNT rule's last instance: the COUNT-th distinct instance (DTSTART counted when
    /// forced), or the last one before the rule ends on its own (year 9999, or the never-stuck bound); <see
    /// cref="long.MinValue"/> when the rule has no instance of its own.
    /// </summary>
    /// <remarks>Work: the iterator finds the period holding the COUNT-th value (see <see
    /// cref="RuleIterator.SeekToCount"/>), then the instances from two days before it are generated until COUNT is
    /// reached; values that a daylight-saving gap merged push the end further, and the search moves forward by
    /// them in at most a few rounds.</remarks>
    internal static long FindCountEnd(CompiledRule rule, bool forcedStart, DateTimeZone zone)
    {
        var mapper = new ZoneMapper();
        mapper.Reset(zone);
        var iterator = new RuleIterator();
        iterator.Init(rule, forcedStart, countBeforeSeek: true);
        long position = iterator.SeekToCount(rule.Count);
        if (position == long.MinValue)
        {
            return long.MinValue;
        }
        var source = new RuleSource();
        const long Margin = 2L * CalendarMath.SecondsPerDay;
        for (int round = 0; round < 6; round++)
        {
            source.InitCounting(rule, forcedStart, mapper, position - Margin);
            long merged = source._iterator.CountedBeforeSeek - (source._emitted - (source.HasHead ? 1 : 0));
            if (merged <= 10_000 || !source.HasHead)
            {
                break;
            }
            // Values merged by daylight-saving gaps before the seek point count once: the end is that many values
            // further on.
            iterator.Init(rule, forcedStart, countBeforeSeek: true);
            long next = iterator.SeekToCount(rule.Count + merged);
            if (next <= position)
            {
                break;
            }
            position = next;
        }
        long back = Margin;
        while (!source.HasHead && position - back > rule.DtLocal)
        {
            // The last values (near year 9999) could not be placed: look further back.
            back *= 4;
            source.InitCounting(rule, forcedStart, mapper, position - back);
        }
        if (!source.HasHead)
        {
            source.InitCounting(rule, forcedStart, mapper, long.MinValue);
        }
        long last = long.MinValue;
        while (source.HasHead)
        {
            last = source.HeadInstant;
            source.Advance();
        }
        return last;
    }

    /// <summary>
    /// Counts a rule's distinct instances (DTSTART counted first when forced, as COUNT counts) that start before an
    /// instant, at most COUNT: the values before a point two days earlier are counted without being placed (see
    /// <see cref="RuleIterator.Seek"/>), the rest are generated.
    /// </summary>
    internal static long CountBefore(CompiledRule rule, bool forcedStart, DateTimeZone zone, long instant)
    {
        System.Diagnostics.Debug.Assert(rule.Count > 0, "Only a COUNT rule counts.");
        var mapper = new ZoneMapper();
        mapper.Reset(zone);
        long clamped = Math.Clamp(instant, CalendarMath.MinInstantSeconds, CalendarMath.MaxInstantSeconds);
        long seekLocal = clamped + mapper.OffsetAt(clamped) - (2L * CalendarMath.SecondsPerDay);
        var source = new RuleSource();
        source.InitCounting(rule, forcedStart, mapper, seekLocal <= rule.DtLocal ? long.MinValue : seekLocal);
        long n = source._emitted - (source.HasHead ? 1 : 0);
        while (source.HasHead && source.HeadInstant < instant)
        {
            n++;
            source.Advance();
        }
        return Math.Min(n, rule.Count);
    }

    /// <summary>
    /// Whether the rule (prepared by <see cref="InitMembership"/>) has an instance at an instant whose wall time in
    /// the set's zone is <paramref name="local"/>: the wall time itself is one of its values and maps there, or a
    /// value in the daylight-saving gap just before was moved there.
    /// </summary>
    /// <remarks>Work: at most two period lookups (see <see cref="RuleIterator.Contains"/>).</remarks>
    internal bool Contains(long instant, long local)
    {
        if (instant > _cutoff)
        {
            return false;
        }
        if (IsValueAt(local, instant))
        {
            return true;
        }
        long gap = _zone.GapBefore(instant, local);
        return gap > 0 && IsValueAt(local - gap, instant);
    }

    private bool IsValueAt(long nominal, long instant)
        => _iterator.Contains(nominal) && _zone.Map(nominal, out _) == instant && !PastUntil(nominal, instant);

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
        _gapValues ??= new List<long>();
        ZoneInterval? previous = null;
        foreach (var interval in zone.GetZoneIntervals(Instant.FromUnixTimeSeconds(from), Instant.FromUnixTimeSeconds(to)))
        {
            if (previous is not null)
            {
                long gap = interval.WallOffset.Seconds - (long)previous.WallOffset.Seconds;
                if (gap > 0)
                {
                    // The rule's values from the gap's start to one gap length after its end.
                    long gapStart = interval.Start.ToUnixTimeSeconds() + previous.WallOffset.Seconds;
                    _probe.Init(_rule, forcedStart: false, countBeforeSeek: false);
                    _probe.Seek(gapStart);
                    _gapValues.Clear();
                    while (_probe.Next(out long v) && v < gapStart + (2 * gap))
                    {
                        if (v >= gapStart)
                        {
                            _gapValues.Add(v);
                        }
                    }
                    foreach (long v in _gapValues)
                    {
                        if (v >= gapStart + gap || v <= fromLocal || !_iterator.IsBeforeResume(v))
                        {
                            continue;
                        }
                        if (_gapValues.BinarySearch(v + gap) >= 0)
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
                if (!_counting)
                {
                    if (instant > _cutoff)
                    {
                        _rawEnded = true;
                        _heldCount = 0;
                        HasHead = false;
                        return;
                    }
                }
                else if (_rule.Count > 0)
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
