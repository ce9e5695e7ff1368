using System;
using NodaTime;

namespace Calcore.Recurrence.Internal;

/// <summary>
/// Merges DTSTART, RDATEs and RRULEs in instant order, drops duplicates (same instant), EXDATEs and
/// EXRULE instances, and applies the window. One instance per thread is pooled. Not thread-safe.
/// </summary>
internal sealed class SetExpander
{
    private const long SeekMargin = 2L * CalendarMath.SecondsPerDay;

    [ThreadStatic]
    private static SetExpander? t_cached;

    private readonly ZoneMapper _zone = new();
    private RuleSource[] _rules = [];
    private int _ruleCount;
    private RuleSource[] _exRules = [];
    private int _exRuleCount;
    private long[] _rdInstant = new long[4];
    private long[] _rdLocal = new long[4];
    private int _rdCount;
    private int _rdPos;
    private long[] _exInstants = new long[4];
    private int _exCount;
    private int _exPos;
    private int[] _exDays = new int[4];
    private int _exDayCount;
    private bool _dtPending;
    private long _dtInstant;
    private long _dtLocal;
    private long _dtNominal;
    private long _minInclusive;
    private long _maxExclusive;
    private bool _hasLast;
    private long _lastInstant;
    private long _excludedRun;

    internal int Generation { get; private set; }

    internal long CurrentInstant { get; private set; }

    internal long CurrentLocal { get; private set; }

    internal long CurrentNominal { get; private set; }

    internal static SetExpander Rent()
    {
        var e = t_cached;
        if (e is not null)
        {
            t_cached = null;
            return e;
        }
        return new SetExpander();
    }

    internal static void Return(SetExpander e)
    {
        e.Generation++;
        t_cached = e;
    }

    internal void Init(RecurrenceSet set, DateTimeZone placement, long minInclusive, long maxExclusive)
    {
        _zone.Reset(set.Zone ?? placement);
        _minInclusive = minInclusive;
        _maxExclusive = maxExclusive;
        _hasLast = false;

        long seekLocal = long.MinValue;
        if (minInclusive != long.MinValue && minInclusive > CalendarMath.MinInstantSeconds)
        {
            long clamped = Math.Min(minInclusive, CalendarMath.MaxInstantSeconds);
            seekLocal = clamped + _zone.PrimeAt(clamped) - SeekMargin;
        }

        _dtNominal = set.StartSeconds;
        if (_dtNominal < seekLocal)
        {
            _dtPending = false; // DTSTART is long before the window: no need to place it
        }
        else
        {
            _dtInstant = _zone.Map(_dtNominal, out _dtLocal);
            _dtPending = _dtInstant != ZoneMapper.OutOfRange && _dtInstant >= minInclusive;
        }

        // No rule generates periods that start after the window: every value there maps to an instant past its end
        // (a wall time is at most the zone's largest offset after its instant).
        long maxLocal = maxExclusive >= CalendarMath.MaxInstantSeconds ? long.MaxValue
            : maxExclusive + _zone.MaxOffsetSeconds + CalendarMath.SecondsPerDay;
        var rules = set.CompiledRules;
        _ruleCount = rules.Length;
        EnsureSources(ref _rules, _ruleCount);
        for (int i = 0; i < rules.Length; i++)
        {
            _rules[i].Init(rules[i], forcedStart: true, _zone, seekLocal, maxLocal);
        }
        // Exception rules are asked, per candidate, whether they have an instance there: never enumerated.
        var exRules = set.CompiledExceptionRules;
        _exRuleCount = exRules.Length;
        EnsureSources(ref _exRules, _exRuleCount);
        for (int i = 0; i < exRules.Length; i++)
        {
            _exRules[i].InitMembership(exRules[i], _zone);
        }
        _excludedRun = 0;

        // RDATEs: placed and sorted per enumeration (their placement may depend on the caller's zone).
        var rdates = set.RecurrenceDateList;
        _rdCount = 0;
        _rdPos = 0;
        if (rdates.Length > 0)
        {
            if (_rdInstant.Length < rdates.Length)
            {
                _rdInstant = new long[rdates.Length];
                _rdLocal = new long[rdates.Length];
            }
            foreach (var rd in rdates)
            {
                long instant = Place(rd, out long local);
                if (instant == ZoneMapper.OutOfRange)
                {
                    continue;
                }
                _rdInstant[_rdCount] = instant;
                _rdLocal[_rdCount] = local;
                _rdCount++;
            }
            SortPairs(_rdInstant, _rdLocal, _rdCount);
            while (_rdPos < _rdCount && _rdInstant[_rdPos] < minInclusive)
            {
                _rdPos++;
            }
        }

        var exdates = set.ExceptionDateList;
        _exCount = 0;
        _exPos = 0;
        _exDayCount = 0;
        if (exdates.Length > 0)
        {
            if (_exInstants.Length < exdates.Length)
            {
                _exInstants = new long[exdates.Length];
                _exDays = new int[exdates.Length];
            }
            bool dateSet = set.StartKind == RecurrenceStartKind.Date;
            foreach (var ex in exdates)
            {
                if (dateSet || ex.Kind == RecurrenceDateKind.Date)
                {
                    _exDays[_exDayCount++] = (int)CalendarMath.FloorDiv(ex.StartSeconds, CalendarMath.SecondsPerDay);
                }
                else
                {
                    long instant = Place(ex, out _);
                    if (instant != ZoneMapper.OutOfRange)
                    {
                        _exInstants[_exCount++] = instant;
                    }
                }
            }
            Array.Sort(_exInstants, 0, _exCount);
            Array.Sort(_exDays, 0, _exDayCount);
        }
    }

    private static void EnsureSources(ref RuleSource[] sources, int count)
    {
        if (sources.Length < count)
        {
            int old = sources.Length;
            Array.Resize(ref sources, count);
            for (int i = old; i < count; i++)
            {
                sources[i] = new RuleSource();
            }
        }
    }

    private long Place(RecurrenceDate value, out long local)
    {
        var zone = value.Zone;
        if (zone is null || value.Kind == RecurrenceDateKind.Date || ReferenceEquals(zone, _zone.Zone)
            || string.Equals(zone.Id, _zone.Zone.Id, StringComparison.Ordinal))
        {
            return _zone.Map(value.StartSeconds, out local);
        }
        long instant;
        if (ReferenceEquals(zone, DateTimeZone.Utc))
        {
            instant = value.StartSeconds;
        }
        else
        {
            var other = new ZoneMapper();
            other.Reset(zone);
            instant = other.Map(value.StartSeconds, out _);
            if (instant == ZoneMapper.OutOfRange)
            {
                local = 0;
                return instant;
            }
        }
        local = instant + _zone.OffsetAt(instant);
        return instant;
    }

    private static void SortPairs(long[] keys, long[] values, int count)
    {
        for (int i = 1; i < count; i++)
        {
            long k = keys[i];
            long v = values[i];
            int j = i - 1;
            while (j >= 0 && (keys[j] > k || (keys[j] == k && values[j] > v)))
            {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }
            keys[j + 1] = k;
            values[j + 1] = v;
        }
    }

    internal bool MoveNext()
    {
        unchecked
        {
            if (_ruleCount == 1 && !_dtPending && _rdPos >= _rdCount && _exCount == 0 && _exDayCount == 0 && _exRuleCount == 0)
            {
                // One rule and nothing else left to merge or exclude: the common case, kept short.
                var rule = _rules[0];
                while (rule.HasHead)
                {
                    long instant = rule.HeadInstant;
                    if (instant >= _maxExclusive)
                    {
                        return false;
                    }
                    long local = rule.HeadLocal;
                    long nominal = rule.HeadNominal;
                    rule.Advance();
                    if ((_hasLast && instant == _lastInstant) || instant < _minInclusive)
                    {
                        _hasLast = true;
                        _lastInstant = instant;
                        continue;
                    }
                    _hasLast = true;
                    _lastInstant = instant;
                    CurrentInstant = instant;
                    CurrentLocal = local;
                    CurrentNominal = nominal;
                    return true;
                }
                return false;
            }
            while (true)
            {
                // Pick the earliest head (instant, then local wall time).
                int source = -2; // -1 DTSTART, -3 RDATE, >= 0 rule index
                long bestInstant = long.MaxValue;
                long bestLocal = long.MaxValue;
                long bestNominal = 0;
                if (_dtPending)
                {
                    source = -1;
                    bestInstant = _dtInstant;
                    bestLocal = _dtLocal;
                    bestNominal = _dtNominal;
                }
                if (_rdPos < _rdCount && Less(_rdInstant[_rdPos], _rdLocal[_rdPos], bestInstant, bestLocal, source))
                {
                    source = -3;
                    bestInstant = _rdInstant[_rdPos];
                    bestLocal = _rdLocal[_rdPos];
                    bestNominal = bestLocal;
                }
                for (int i = 0; i < _ruleCount; i++)
                {
                    var r = _rules[i];
                    if (r.HasHead && Less(r.HeadInstant, r.HeadLocal, bestInstant, bestLocal, source))
                    {
                        source = i;
                        bestInstant = r.HeadInstant;
                        bestLocal = r.HeadLocal;
                        bestNominal = r.HeadNominal;
                    }
                }
                if (source == -2)
                {
                    return false;
                }
                if (bestInstant >= _maxExclusive)
                {
                    return false;
                }
                switch (source)
                {
                    case -1:
                        _dtPending = false;
                        break;
                    case -3:
                        _rdPos++;
                        break;
                    default:
                        _rules[source].Advance();
                        break;
                }
                if (_hasLast && bestInstant == _lastInstant)
                {
                    continue;
                }
                _hasLast = true;
                _lastInstant = bestInstant;
                if (bestInstant < _minInclusive)
                {
                    continue;
                }
                if (IsExcluded(bestInstant, bestLocal))
                {
                    // Never stuck: as many consecutive excluded candidates as a rule may skip empty periods end the set.
                    if (++_excludedRun > CompiledRule.EmptyIterationLimit)
                    {
                        return false;
                    }
                    continue;
                }
                _excludedRun = 0;
                CurrentInstant = bestInstant;
                CurrentLocal = bestLocal;
                CurrentNominal = bestNominal;
                return true;
            }
        }
    }

    private static bool Less(long instant, long local, long bestInstant, long bestLocal, int bestSource)
        => bestSource == -2 || instant < bestInstant || (instant == bestInstant && local < bestLocal);

    private bool IsExcluded(long instant, long local)
    {
        unchecked
        {
            if (_exCount > 0)
            {
                while (_exPos < _exCount && _exInstants[_exPos] < instant)
                {
                    _exPos++;
                }
                if (_exPos < _exCount && _exInstants[_exPos] == instant)
                {
                    return true;
                }
            }
            if (_exDayCount > 0 && Array.BinarySearch(_exDays, 0, _exDayCount, (int)CalendarMath.FloorDiv(local, CalendarMath.SecondsPerDay)) >= 0)
            {
                return true;
            }
            for (int i = 0; i < _exRuleCount; i++)
            {
                if (_exRules[i].Contains(instant, local))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
