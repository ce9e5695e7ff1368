using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Calcore.Recurrence.Internal;

/// <summary>
/// Produces the nominal wall-clock values (local seconds) of one rule in order, period by period,
/// into reusable buffers. Honours COUNT (with DTSTART counted as the first instance when forced),
/// BYSETPOS, the year-9999 limit and the never-stuck bound. Not thread-safe; pooled.
/// </summary>
internal sealed class RuleIterator
{
    private readonly int[] _days = new int[372];
    private int[] _selected = new int[16];
    private CompiledRule _r = null!;
    private int _dayCount;
    private int _timeCount;
    private int _n;
    private bool _useSelected;
    private int _selectedCount;
    private int _cursor;
    private int _cursorEnd;
    private long _periodBase;
    private long _nextK;
    private long _loadedK;
    private long _emptyRun;
    private long _emptyIterations;
    private long _emitted;
    private long _minExclusive;
    private bool _ended;
    private bool _countBeforeSeek;
    private long _resumeLocal;
    private int _lastDay;
    private bool _lastDayOk;

    // Week-number context of the year being scanned (BYWEEKNO).
    private int _w1Start;
    private int _w1StartNext;
    private int _weeksPrev;
    private int _weeksThis;
    private int _weeksNext;

    // Bounded work: the last wall time to generate, single-period loads for membership, memoised day counts.
    private long _maxK;
    private bool _single;
    private long _probeK;
    private bool _probeLoaded;
    private long[]? _dayUnits;
    private CompiledRule? _dayUnitsRule;

    /// <summary>Gets the number of nominal values (DTSTART included when forced) before the position that <see cref="Seek"/> or <see cref="SeekToCount"/> chose.</summary>
    internal long CountedBeforeSeek => _emitted;

    /// <summary>Prepares the iterator.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="forcedStart">Whether DTSTART is the rule's first instance (an RRULE) or not (an EXRULE).</param>
    /// <param name="countBeforeSeek">Whether <see cref="Seek"/> counts the values it skips (only needed to find where COUNT ends).</param>
    /// <param name="maxLocal">No period that starts after this wall time is generated: the iterator ends there.</param>
    internal void Init(CompiledRule rule, bool forcedStart, bool countBeforeSeek, long maxLocal = long.MaxValue)
    {
        _r = rule;
        _timeCount = rule.Times.Length;
        _emitted = forcedStart ? 1 : 0;
        _countBeforeSeek = countBeforeSeek && rule.Count > 0;
        _minExclusive = forcedStart ? rule.DtLocal : rule.DtLocal - 1;
        _ended = _timeCount == 0;
        _resumeLocal = long.MinValue;
        _nextK = 0;
        _loadedK = -1;
        _probeK = long.MinValue;
        _emptyRun = 0;
        _emptyIterations = 0;
        _cursor = _cursorEnd = 0;
        _lastDay = int.MinValue;
        _single = false;
        // The last period that starts by maxLocal: later ones are not generated (one computation, not one per period).
        _maxK = maxLocal >= CalendarMath.MaxLocalSeconds ? long.MaxValue
            : maxLocal < (long)CalendarMath.MinDay * CalendarMath.SecondsPerDay ? -1
            : PeriodIndexOf(maxLocal, out _);
        if (rule.SetPos is not null && _selected.Length < rule.SetPos.Length)
        {
            _selected = new int[rule.SetPos.Length];
        }
    }

    /// <summary>The index of the period that contains a wall time, and how far that period is from one the rule visits.</summary>
    /// <param name="targetLocal">The wall time, within years 1 to 9999.</param>
    /// <param name="offset">The period's distance, in periods, past the last period the rule visits (0 when the rule visits it).</param>
    private long PeriodIndexOf(long targetLocal, out long offset)
    {
        var r = _r;
        long targetDay = CalendarMath.FloorDiv(targetLocal, CalendarMath.SecondsPerDay);
        long units = r.Freq switch
        {
            RecurrenceFrequency.Yearly => YearOf(targetDay) - r.Period0,
            RecurrenceFrequency.Monthly => MonthIndexOf(targetDay) - r.Period0,
            RecurrenceFrequency.Weekly => (CalendarMath.WeekStartOf((int)targetDay, r.WeekStart) - r.Period0) / 7,
            RecurrenceFrequency.Daily => targetDay - r.Period0,
            _ => CalendarMath.FloorDiv(targetLocal, r.UnitSeconds) - r.Period0,
        };
        long k = CalendarMath.FloorDiv(units, r.Interval);
        offset = units - k * r.Interval;
        return k;

        static long YearOf(long day)
        {
            CalendarMath.CivilFromDays((int)day, out int y, out _, out _);
            return y;
        }

        static long MonthIndexOf(long day)
        {
            CalendarMath.CivilFromDays((int)day, out int y, out int m, out _);
            return (y * 12L) + m - 1;
        }
    }

    /// <summary>Positions the iterator at the period containing <paramref name="targetLocal"/> (or the first period), counting earlier instances for COUNT when asked to.</summary>
    internal void Seek(long targetLocal)
    {
        long targetDay = CalendarMath.FloorDiv(targetLocal, CalendarMath.SecondsPerDay);
        if (targetDay < CalendarMath.MinDay)
        {
            return;
        }
        if (targetDay > CalendarMath.MaxDay)
        {
            targetLocal = CalendarMath.MaxLocalSeconds;
        }
        long k = PeriodIndexOf(targetLocal, out _);
        if (k <= 0 || _ended)
        {
            return;
        }
        if (!_countBeforeSeek)
        {
            _nextK = k;
            _cursor = _cursorEnd = 0;
            return;
        }
        CountForward(k, long.MaxValue);
    }

    /// <summary>
    /// Positions the iterator at the period that holds the rule's <paramref name="target"/>-th value (DTSTART
    /// counted when forced), or at its last period with values when it ends before that; <see cref="CountedBeforeSeek"/>
    /// is the number of values before it.
    /// </summary>
    /// <returns>The wall time at which that period starts; <see cref="long.MinValue"/> when no period has values.</returns>
    /// <remarks>Work: constant when every period has the same number of values; otherwise one step per period with
    /// values for DAILY and coarser rules (at most 3,652,059 up to year 9999), and one step per day for finer ones.</remarks>
    internal long SeekToCount(long target)
    {
        if (_ended)
        {
            return long.MinValue;
        }
        _countBeforeSeek = true;
        return CountForward(long.MaxValue, target);
    }

    /// <summary>
    /// Counts the values of the periods before period <paramref name="k"/>, stopping early at the period whose
    /// values reach <paramref name="countTarget"/>; keeps the period it stops at loaded (the next to generate).
    /// </summary>
    /// <returns>The wall-clock start of the period it stopped at, or of the last period with values when the rule
    /// ended first (<see cref="long.MinValue"/> when none had values).</returns>
    private long CountForward(long k, long countTarget)
    {
        var r = _r;
        long lastStart = long.MinValue;
        if (r.UniformCount > 0)
        {
            return CountUniform(k, countTarget);
        }
        bool byDay = r.Freq < RecurrenceFrequency.Daily;
        while (true)
        {
            if (!LoadNextPeriod())
            {
                _ended = true;
                return lastStart;
            }
            long start = PeriodStart(_loadedK);
            long n = CountLoadedAfterMin();
            if (_loadedK >= k || _emitted + n >= countTarget)
            {
                _resumeLocal = start;
                return start; // keep this period loaded
            }
            lastStart = start;
            _emitted += n;
            _cursor = _cursorEnd;
            if (_emitted > (2L * r.Count) + 2)
            {
                _ended = true;
                return lastStart;
            }
            if (byDay && SkipDays(start, k, countTarget, ref lastStart))
            {
                return lastStart;
            }
        }
    }

    /// <summary>
    /// For a rule finer than DAILY, after the period starting at <paramref name="start"/> was counted: counts the rest
    /// of its day and then whole days, as long as they end before period <paramref name="k"/> and stay below
    /// <paramref name="countTarget"/>, and positions the iterator at the first period of the day where it stopped.
    /// Every period with values has the same number of them, so a day's count is the number of its periods that the
    /// rule visits and its hour, minute and second parts allow.
    /// </summary>
    /// <returns>True when the rule ended (year 9999 or too many values for COUNT).</returns>
    private bool SkipDays(long start, long k, long countTarget, ref long lastStart)
    {
        var r = _r;
        long perDay = CalendarMath.SecondsPerDay / r.UnitSeconds;
        long startDay = CalendarMath.FloorDiv(start, CalendarMath.SecondsPerDay);
        long stopDay = k == long.MaxValue ? CalendarMath.MaxDay + 1L : CalendarMath.FloorDiv(PeriodStart(k), CalendarMath.SecondsPerDay);
        if (startDay + 1 >= stopDay)
        {
            return false;
        }
        long perPeriod = PeriodValueCount();
        long offsetInDay = (start / r.UnitSeconds) - (startDay * perDay);
        long rest = CountAllowedUnits(offsetInDay + r.Interval, perDay) * perPeriod;
        if (_emitted + rest >= countTarget)
        {
            return false;
        }
        _emitted += rest;
        if (rest > 0)
        {
            lastStart = LastPeriodStartOn(startDay);
        }
        long day = startDay + 1;
        long lastDay = -1;
        if (!r.HasDayFilter && perDay % r.Interval == 0)
        {
            // Every day has the same values: whole days at once.
            long m = UnitsOnDay(day) * perPeriod;
            long days = Math.Min(stopDay, CalendarMath.MaxDay + 1L) - day;
            if (m > 0)
            {
                long room = countTarget == long.MaxValue ? long.MaxValue : (countTarget - 1 - _emitted) / m;
                days = Math.Min(days, Math.Min(room, ((2L * r.Count) + 2 - _emitted) / m + 1));
            }
            if (days > 0)
            {
                _emitted += days * m;
                day += days;
                lastDay = m > 0 ? day - 1 : -1;
            }
        }
        while (day < stopDay && day <= CalendarMath.MaxDay)
        {
            if (!DayOk((int)day))
            {
                day = NextDayToTry((int)day);
                continue;
            }
            long m = UnitsOnDay(day) * perPeriod;
            if (_emitted + m >= countTarget)
            {
                break;
            }
            if (m > 0)
            {
                lastDay = day;
            }
            _emitted += m;
            if (_emitted > (2L * r.Count) + 2)
            {
                break;
            }
            day++;
        }
        if (lastDay >= 0)
        {
            lastStart = LastPeriodStartOn(lastDay);
        }
        if (day > CalendarMath.MaxDay || _emitted > (2L * r.Count) + 2)
        {
            _ended = true;
            return true;
        }
        long first = CalendarMath.CeilDiv(CalendarMath.CeilDiv(day * CalendarMath.SecondsPerDay, r.UnitSeconds) - r.Period0, r.Interval);
        _nextK = Math.Max(first, _nextK);
        _cursor = _cursorEnd = 0;
        return false;
    }

    private long CountUniform(long k, long countTarget)
    {
        var r = _r;
        if (!LoadNextPeriod())
        {
            _ended = true;
            return long.MinValue;
        }
        long first = CountLoadedAfterMin();
        long firstStart = PeriodStart(_loadedK);
        if (k <= _loadedK || _emitted + first >= countTarget)
        {
            _resumeLocal = firstStart;
            return firstStart;
        }
        // Periods 1 .. j-1 are full; period j holds the target-th value.
        long j = countTarget == long.MaxValue ? k : CalendarMath.CeilDiv(countTarget - _emitted - first, r.UniformCount);
        j = Math.Max(1, Math.Min(j, k));
        long last = PeriodIndexOf(CalendarMath.MaxLocalSeconds, out _);
        if (last <= _loadedK)
        {
            _ended = true;
            return firstStart;
        }
        if (j > last)
        {
            // The rule reaches year 9999 first: its last period is the last one that starts by then.
            _emitted += first + ((last - 1) * r.UniformCount);
            _nextK = last;
            _cursor = _cursorEnd = 0;
            _resumeLocal = PeriodStart(last);
            return _resumeLocal;
        }
        long total = _emitted + first + ((j - 1) * r.UniformCount);
        if (countTarget == long.MaxValue && total > (2L * r.Count) + 2)
        {
            // Far more values than COUNT (at most half of them can merge): the rule has ended.
            _emitted = (2L * r.Count) + 2;
            _ended = true;
            return long.MinValue;
        }
        _emitted = total;
        _nextK = j;
        _resumeLocal = PeriodStart(j);
        _cursor = _cursorEnd = 0;
        return _resumeLocal;
    }

    /// <summary>The number of values in one period with values of a rule finer than DAILY (all such periods have the same).</summary>
    private long PeriodValueCount() => _r.SetPos is null ? _timeCount : _r.CountSetPos(_timeCount);

    /// <summary>The number of periods of a rule finer than DAILY that start on a day (which passes the day parts) and that
    /// the hour, minute and second parts allow.</summary>
    private long UnitsOnDay(long day)
    {
        var r = _r;
        long perDay = CalendarMath.SecondsPerDay / r.UnitSeconds;
        long u0 = day * perDay;
        long first = CalendarMath.FloorDiv(r.Period0 - u0, r.Interval);
        first = r.Period0 - (first * r.Interval) - u0; // smallest offset in the day the rule visits
        if (first >= perDay)
        {
            return 0;
        }
        if (r.HourMask == 0 && r.MinuteMask == 0 && r.SecondMask == 0)
        {
            return ((perDay - 1 - first) / r.Interval) + 1;
        }
        if (r.Interval < perDay && r.Interval <= 4096)
        {
            // The count depends only on where the first visited unit falls: memoised per offset.
            if (_dayUnits is null || _dayUnitsRule != r)
            {
                _dayUnits = new long[r.Interval];
                Array.Fill(_dayUnits, -1);
                _dayUnitsRule = r;
            }
            if (_dayUnits[first] < 0)
            {
                _dayUnits[first] = CountAllowedUnits(first, perDay);
            }
            return _dayUnits[first];
        }
        return CountAllowedUnits(first, perDay);
    }

    private long CountAllowedUnits(long first, long perDay)
    {
        var r = _r;
        long count = 0;
        for (long o = first; o < perDay; o += r.Interval)
        {
            if (TimeAllowed(o * r.UnitSeconds))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Whether the hour, minute and second parts that limit a rule finer than DAILY allow a time of day.</summary>
    private bool TimeAllowed(long secondOfDay)
    {
        var r = _r;
        int hour = (int)(secondOfDay / 3600);
        int minute = (int)(secondOfDay / 60 % 60);
        int second = (int)(secondOfDay % 60);
        return (r.HourMask == 0 || (r.HourMask & (1UL << hour)) != 0)
            && (r.MinuteMask == 0 || (r.MinuteMask & (1UL << minute)) != 0)
            && (r.SecondMask == 0 || (r.SecondMask & (1UL << second)) != 0);
    }

    /// <summary>The wall-clock start of the last period with values on a day (of a rule finer than DAILY).</summary>
    private long LastPeriodStartOn(long day)
    {
        var r = _r;
        long perDay = CalendarMath.SecondsPerDay / r.UnitSeconds;
        long u0 = day * perDay;
        long k = CalendarMath.FloorDiv(u0 + perDay - 1 - r.Period0, r.Interval);
        for (; (r.Period0 + (k * r.Interval)) >= u0; k--)
        {
            if (TimeAllowed(((r.Period0 + (k * r.Interval)) - u0) * r.UnitSeconds))
            {
                return PeriodStart(k);
            }
        }
        return day * CalendarMath.SecondsPerDay;
    }

    /// <summary>
    /// Whether a wall-clock value is one of the rule's nominal values, ignoring COUNT and UNTIL: the one period that
    /// could hold it is generated (reused while consecutive questions fall in the same period) and searched.
    /// </summary>
    /// <remarks>Work: one period, at most a year of days times the rule's times of day. An iterator used for membership
    /// after <see cref="Init"/> is not also iterated (the loaded period is its memo).</remarks>
    internal bool Contains(long local)
    {
        if (local <= _minExclusive || local > CalendarMath.MaxLocalSeconds || _timeCount == 0)
        {
            return false;
        }
        long k = PeriodIndexOf(local, out long offset);
        if (offset != 0 || k < 0)
        {
            return false;
        }
        if (k != _probeK)
        {
            _probeK = k;
            _nextK = k;
            _single = true;
            _probeLoaded = LoadNextPeriod();
            _single = false;
        }
        if (!_probeLoaded)
        {
            return false;
        }
        int lo = 0;
        int hi = _cursorEnd - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            long v = CandidateAt(mid);
            if (v == local)
            {
                return true;
            }
            if (v < local)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return false;
    }

    /// <summary>Whether a wall-clock value lies in a period that <see cref="Seek"/> counted rather than kept.</summary>
    internal bool IsBeforeResume(long local) => local < _resumeLocal;

    private long PeriodStart(long k)
    {
        var r = _r;
        long p = r.Period0 + k * r.Interval;
        switch (r.Freq)
        {
            case RecurrenceFrequency.Yearly:
                return p > CalendarMath.MaxYear ? long.MaxValue : (long)CalendarMath.DaysFromCivil((int)p, 1, 1) * CalendarMath.SecondsPerDay;
            case RecurrenceFrequency.Monthly:
                {
                    long y = CalendarMath.FloorDiv(p, 12);
                    return y > CalendarMath.MaxYear ? long.MaxValue : (long)CalendarMath.DaysFromCivil((int)y, (int)(p - y * 12) + 1, 1) * CalendarMath.SecondsPerDay;
                }
            case RecurrenceFrequency.Weekly:
                return (r.Period0 + k * 7 * r.Interval) * CalendarMath.SecondsPerDay;
            case RecurrenceFrequency.Daily:
                return p * CalendarMath.SecondsPerDay;
            default:
                return p * r.UnitSeconds;
        }
    }

    private long CountLoadedAfterMin()
    {
        if (_loadedK != 0)
        {
            return _cursorEnd;
        }
        int count = 0;
        for (int i = 0; i < _cursorEnd; i++)
        {
            if (CandidateAt(i) > _minExclusive)
            {
                count++;
            }
        }
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long CandidateAt(int i)
    {
        unchecked
        {
            int idx = _useSelected ? _selected[i] : i;
            if (_r.Freq >= RecurrenceFrequency.Daily)
            {
                if (_timeCount == 1)
                {
                    return (long)_days[idx] * CalendarMath.SecondsPerDay + _r.Times[0];
                }
                int dayIndex = idx / _timeCount;
                return (long)_days[dayIndex] * CalendarMath.SecondsPerDay + _r.Times[idx - dayIndex * _timeCount];
            }
            return _periodBase + _r.Times[idx];
        }
    }

    /// <summary>Gets the next nominal local value, or false when the rule has ended.</summary>
    internal bool Next(out long local)
    {
        unchecked
        {
            while (true)
            {
                if (_cursor < _cursorEnd)
                {
                    long v = CandidateAt(_cursor++);
                    if (v <= _minExclusive)
                    {
                        continue;
                    }
                    if (v > CalendarMath.MaxLocalSeconds)
                    {
                        _ended = true;
                        local = 0;
                        return false;
                    }
                    local = v;
                    return true;
                }
                if (_ended || !LoadNextPeriod())
                {
                    _ended = true;
                    local = 0;
                    return false;
                }
            }
        }
    }

    /// <summary>Loads the next period that has candidates; false at the end (year 9999 or the empty-period bound).</summary>
    private bool LoadNextPeriod()
    {
        unchecked
        {
            var r = _r;
            bool tried = false;
            while (true)
            {
                if (_single)
                {
                    // Membership: only the period asked about.
                    if (tried)
                    {
                        return false;
                    }
                    tried = true;
                }
                else if (_emptyRun > r.EmptyLimit || _emptyIterations > CompiledRule.EmptyIterationLimit)
                {
                    return false;
                }
                long k = _nextK;
                if (k > _maxK)
                {
                    return false;
                }
                long p = r.Period0 + k * r.Interval;
                _dayCount = 0;
                switch (r.Freq)
                {
                    case RecurrenceFrequency.Yearly:
                        if (p > CalendarMath.MaxYear)
                        {
                            return false;
                        }
                        FillYear((int)p);
                        break;
                    case RecurrenceFrequency.Monthly:
                        {
                            long y = CalendarMath.FloorDiv(p, 12);
                            if (y > CalendarMath.MaxYear)
                            {
                                return false;
                            }
                            int m = (int)(p - y * 12) + 1;
                            if (r.MonthMask == 0 || (r.MonthMask & (1 << m)) != 0)
                            {
                                FillMonth((int)y, m);
                            }
                            break;
                        }
                    case RecurrenceFrequency.Weekly:
                        p = r.Period0 + k * 7 * r.Interval;
                        if (p > CalendarMath.MaxDay)
                        {
                            return false;
                        }
                        FillWeek((int)p);
                        break;
                    case RecurrenceFrequency.Daily:
                        if (p > CalendarMath.MaxDay)
                        {
                            return false;
                        }
                        if (!DayOk((int)p))
                        {
                            long next = NextDayToTry((int)p);
                            _nextK = Math.Max(CalendarMath.CeilDiv(next - r.Period0, r.Interval), k + 1);
                            _emptyRun += _nextK - k;
                            _emptyIterations++;
                            continue;
                        }
                        _days[0] = (int)p;
                        _dayCount = 1;
                        break;
                    default:
                        {
                            long secs = p * r.UnitSeconds;
                            if (!r.HasDayFilter && r.HourMask == 0 && r.MinuteMask == 0 && r.SecondMask == 0)
                            {
                                if (secs > CalendarMath.MaxLocalSeconds)
                                {
                                    return false;
                                }
                                _periodBase = secs;
                                _dayCount = 1;
                                break;
                            }
                            long day = CalendarMath.FloorDiv(secs, CalendarMath.SecondsPerDay);
                            if (day > CalendarMath.MaxDay)
                            {
                                return false;
                            }
                            if (!DayOk((int)day))
                            {
                                JumpTo(NextDayToTry((int)day) * CalendarMath.SecondsPerDay);
                                continue;
                            }
                            int sod = (int)(secs - day * CalendarMath.SecondsPerDay);
                            int hour = sod / 3600;
                            int minute = sod / 60 % 60;
                            int second = sod % 60;
                            long dayStart = day * CalendarMath.SecondsPerDay;
                            if (r.HourMask != 0 && (r.HourMask & (1UL << hour)) == 0)
                            {
                                int nextHour = NextAllowed(r.HourMask, hour, 24);
                                JumpTo(nextHour < 0 ? dayStart + CalendarMath.SecondsPerDay : dayStart + nextHour * 3600L);
                                continue;
                            }
                            if (r.MinuteMask != 0 && (r.MinuteMask & (1UL << minute)) == 0)
                            {
                                int nextMinute = NextAllowed(r.MinuteMask, minute, 60);
                                JumpTo(nextMinute < 0 ? dayStart + (hour + 1) * 3600L : dayStart + hour * 3600L + nextMinute * 60L);
                                continue;
                            }
                            if (r.SecondMask != 0 && (r.SecondMask & (1UL << second)) == 0)
                            {
                                int nextSecond = NextAllowed(r.SecondMask, second, 60);
                                JumpTo(nextSecond < 0 ? dayStart + hour * 3600L + (minute + 1) * 60L : dayStart + hour * 3600L + minute * 60L + nextSecond);
                                continue;
                            }
                            _periodBase = secs;
                            _dayCount = 1;
                            break;
                        }
                }
                _nextK = k + 1;
                _loadedK = k;
                _n = r.Freq >= RecurrenceFrequency.Daily ? _dayCount * _timeCount : (_dayCount == 0 ? 0 : _timeCount);
                if (_n == 0)
                {
                    _emptyRun++;
                    _emptyIterations++;
                    continue;
                }
                if (r.SetPos is null)
                {
                    _useSelected = false;
                    _cursorEnd = _n;
                }
                else
                {
                    SelectPositions();
                    if (_selectedCount == 0)
                    {
                        _emptyRun++;
                        _emptyIterations++;
                        continue;
                    }
                    _useSelected = true;
                    _cursorEnd = _selectedCount;
                }
                _cursor = 0;
                _emptyRun = 0;
                _emptyIterations = 0;
                return true;
            }
        }
    }

    private void JumpTo(long localSeconds)
    {
        long unit = CalendarMath.CeilDiv(localSeconds, _r.UnitSeconds);
        long k = CalendarMath.CeilDiv(unit - _r.Period0, _r.Interval);
        long current = _nextK;
        _nextK = Math.Max(k, current + 1);
        _emptyRun += _nextK - current;
        _emptyIterations++;
    }

    private static int NextAllowed(ulong mask, int current, int limit)
    {
        ulong above = current + 1 >= 64 ? 0 : mask & (ulong.MaxValue << (current + 1));
        if (above == 0)
        {
            return -1;
        }
        int next = BitOperations.TrailingZeroCount(above);
        return next < limit ? next : -1;
    }

    private void SelectPositions()
    {
        unchecked
        {
            int count = 0;
            int n = _n;
            foreach (int p in _r.SetPos!)
            {
                int idx = p > 0 ? p - 1 : n + p;
                if (idx < 0 || idx >= n)
                {
                    continue;
                }
                // insertion sort, skipping duplicates
                int j = count;
                bool dup = false;
                while (j > 0 && _selected[j - 1] >= idx)
                {
                    if (_selected[j - 1] == idx)
                    {
                        dup = true;
                        break;
                    }
                    j--;
                }
                if (dup)
                {
                    continue;
                }
                Array.Copy(_selected, j, _selected, j + 1, count - j);
                _selected[j] = idx;
                count++;
            }
            _selectedCount = count;
        }
    }

    /// <summary>The next day that may pass the day filter after <paramref name="day"/> failed it: the next day, or the first day of the next month that BYMONTH allows.</summary>
    private long NextDayToTry(int day)
    {
        int mask = _r.MonthMask;
        if (mask != 0)
        {
            CalendarMath.CivilFromDays(day, out int y, out int m, out _);
            if ((mask & (1 << m)) == 0)
            {
                do
                {
                    m++;
                    if (m > 12)
                    {
                        m = 1;
                        y++;
                    }
                }
                while ((mask & (1 << m)) == 0);
                return y > CalendarMath.MaxYear ? CalendarMath.MaxDay + 1L : CalendarMath.DaysFromCivil(y, m, 1);
            }
        }
        return day + 1L;
    }

    private bool DayOk(int day)
    {
        if (!_r.HasDayFilter)
        {
            return true;
        }
        if (day == _lastDay)
        {
            return _lastDayOk;
        }
        CalendarMath.CivilFromDays(day, out int y, out int m, out int d);
        int len = CalendarMath.DaysInMonth(y, m);
        int yd = CalendarMath.DayOfYear(y, m, d);
        int yearLen = CalendarMath.IsLeapYear(y) ? 366 : 365;
        _lastDay = day;
        _lastDayOk = Matches(day, m, d, len, yd, yearLen, CalendarMath.IsoWeekday(day));
        return _lastDayOk;
    }

    private bool Matches(int day, int m, int d, int len, int yd, int yearLen, int wd)
    {
        var r = _r;
        if (r.MonthMask != 0 && (r.MonthMask & (1 << m)) == 0)
        {
            return false;
        }
        if (r.MonthDayMasks is not null && (r.MonthDayMasks[len - 28] & (1u << d)) == 0)
        {
            return false;
        }
        if (r.YearDayMasks is not null)
        {
            int bit = yd - 1;
            if ((r.YearDayMasks[(yearLen == 366 ? 6 : 0) + (bit >> 6)] & (1UL << (bit & 63))) == 0)
            {
                return false;
            }
        }
        if (r.WeekNoSet is not null && !WeekMatches(day))
        {
            return false;
        }
        if (r.HasByDay && (r.PlainDayMask & (1 << wd)) == 0)
        {
            bool any = false;
            for (int i = 0; i < r.OrdValues.Length; i++)
            {
                if (r.OrdDays[i] != wd)
                {
                    continue;
                }
                int nth, nthFromEnd;
                if (r.MonthContext)
                {
                    nth = (d - 1) / 7 + 1;
                    nthFromEnd = -((len - d) / 7 + 1);
                }
                else
                {
                    nth = (yd - 1) / 7 + 1;
                    nthFromEnd = -((yearLen - yd) / 7 + 1);
                }
                if (r.OrdValues[i] == nth || r.OrdValues[i] == nthFromEnd)
                {
                    any = true;
                    break;
                }
            }
            if (!any)
            {
                return false;
            }
        }
        return true;
    }

    private bool WeekMatches(int day)
    {
        int number;
        int total;
        if (day < _w1Start)
        {
            number = total = _weeksPrev;
        }
        else if (day >= _w1StartNext)
        {
            number = 1;
            total = _weeksNext;
        }
        else
        {
            number = (day - _w1Start) / 7 + 1;
            total = _weeksThis;
        }
        var set = _r.WeekNoSet!;
        return set[number + 53] || set[number - total - 1 + 53];
    }

    private void FillYear(int y)
    {
        var r = _r;
        switch (r.YearPath)
        {
            case CompiledRule.YearPathKind.Months:
                for (int m = 1; m <= 12; m++)
                {
                    if (r.MonthMask == 0 || (r.MonthMask & (1 << m)) != 0)
                    {
                        FillMonth(y, m);
                    }
                }
                break;
            case CompiledRule.YearPathKind.ByDayInYear:
                FillByDayInYear(y);
                break;
            default:
                ScanYear(y);
                break;
        }
    }

    private void FillMonth(int y, int m)
    {
        unchecked
        {
            var r = _r;
            int len = CalendarMath.DaysInMonth(y, m);
            int first = CalendarMath.DaysFromCivil(y, m, 1);
            uint mask = len == 31 ? 0xFFFFFFFEu : ((1u << (len + 1)) - 2u);
            if (r.MonthDayMasks is not null)
            {
                mask &= r.MonthDayMasks[len - 28];
            }
            if (r.HasByDay)
            {
                int wd1 = CalendarMath.IsoWeekday(first);
                uint byDay = r.PlainMonthTable[(wd1 - 1) * 4 + len - 28];
                for (int i = 0; i < r.OrdValues.Length; i++)
                {
                    int f = 1 + ((r.OrdDays[i] - wd1 + 7) % 7);
                    int ord = r.OrdValues[i];
                    int d = ord > 0 ? f + (ord - 1) * 7 : f + ((len - f) / 7) * 7 + (ord + 1) * 7;
                    if (d >= 1 && d <= len)
                    {
                        byDay |= 1u << d;
                    }
                }
                mask &= byDay;
            }
            while (mask != 0)
            {
                int d = BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                _days[_dayCount++] = first + d - 1;
            }
        }
    }

    private void FillWeek(int weekStart)
    {
        unchecked
        {
            var r = _r;
            int wd = r.WeekStart;
            for (int i = 0; i < 7; i++, wd = wd == 7 ? 1 : wd + 1)
            {
                if ((r.PlainDayMask & (1 << wd)) == 0)
                {
                    continue;
                }
                int day = weekStart + i;
                if (r.MonthMask != 0)
                {
                    CalendarMath.CivilFromDays(day, out _, out int m, out _);
                    if ((r.MonthMask & (1 << m)) == 0)
                    {
                        continue;
                    }
                }
                _days[_dayCount++] = day;
            }
        }
    }

    private void FillByDayInYear(int y)
    {
        var r = _r;
        int yearLen = CalendarMath.IsLeapYear(y) ? 366 : 365;
        int jan1 = CalendarMath.DaysFromCivil(y, 1, 1);
        int wd1 = CalendarMath.IsoWeekday(jan1);
        Span<ulong> bits = stackalloc ulong[6];
        bits.Clear();
        for (int wd = 1; wd <= 7; wd++)
        {
            if ((r.PlainDayMask & (1 << wd)) == 0)
            {
                continue;
            }
            for (int idx = (wd - wd1 + 7) % 7; idx < yearLen; idx += 7)
            {
                bits[idx >> 6] |= 1UL << (idx & 63);
            }
        }
        for (int i = 0; i < r.OrdValues.Length; i++)
        {
            int f = (r.OrdDays[i] - wd1 + 7) % 7;
            int ord = r.OrdValues[i];
            int idx = ord > 0 ? f + (ord - 1) * 7 : f + ((yearLen - 1 - f) / 7) * 7 + (ord + 1) * 7;
            if (idx >= 0 && idx < yearLen)
            {
                bits[idx >> 6] |= 1UL << (idx & 63);
            }
        }
        for (int w = 0; w < 6; w++)
        {
            ulong word = bits[w];
            while (word != 0)
            {
                int b = BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                _days[_dayCount++] = jan1 + w * 64 + b;
            }
        }
    }

    private void ScanYear(int y)
    {
        var r = _r;
        if (r.WeekNoSet is not null)
        {
            _w1Start = CalendarMath.Week1Start(y, r.WeekStart);
            _w1StartNext = CalendarMath.Week1Start(y + 1, r.WeekStart);
            int w1Prev = CalendarMath.Week1Start(y - 1, r.WeekStart);
            _weeksPrev = (_w1Start - w1Prev) / 7;
            _weeksThis = (_w1StartNext - _w1Start) / 7;
            _weeksNext = (CalendarMath.Week1Start(y + 2, r.WeekStart) - _w1StartNext) / 7;
        }
        int yearLen = CalendarMath.IsLeapYear(y) ? 366 : 365;
        int day = CalendarMath.DaysFromCivil(y, 1, 1);
        int wd = CalendarMath.IsoWeekday(day);
        int yd = 1;
        for (int m = 1; m <= 12; m++)
        {
            int len = CalendarMath.DaysInMonth(y, m);
            for (int d = 1; d <= len; d++, day++, yd++, wd = wd == 7 ? 1 : wd + 1)
            {
                if (Matches(day, m, d, len, yd, yearLen, wd))
                {
                    _days[_dayCount++] = day;
                }
            }
        }
    }
}
