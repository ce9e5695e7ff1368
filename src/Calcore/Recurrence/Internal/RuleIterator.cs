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

    /// <summary>Gets the number of nominal values (DTSTART included when forced) before the position that <see cref="Seek"/> chose.</summary>
    internal long CountedBeforeSeek => _emitted;

    internal void Init(CompiledRule rule, bool forcedStart, bool countBeforeSeek)
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
        _emptyRun = 0;
        _emptyIterations = 0;
        _cursor = _cursorEnd = 0;
        _lastDay = int.MinValue;
        if (rule.SetPos is not null && _selected.Length < rule.SetPos.Length)
        {
            _selected = new int[rule.SetPos.Length];
        }
    }

    /// <summary>Positions the iterator at the period containing <paramref name="targetLocal"/> (or the first period), counting earlier instances for COUNT.</summary>
    internal void Seek(long targetLocal)
    {
        var r = _r;
        long k;
        long targetDay = CalendarMath.FloorDiv(targetLocal, CalendarMath.SecondsPerDay);
        if (targetDay < CalendarMath.MinDay)
        {
            return;
        }
        if (targetDay > CalendarMath.MaxDay)
        {
            targetDay = CalendarMath.MaxDay;
            targetLocal = CalendarMath.MaxLocalSeconds;
        }
        switch (r.Freq)
        {
            case RecurrenceFrequency.Yearly:
                {
                    CalendarMath.CivilFromDays((int)targetDay, out int y, out _, out _);
                    k = CalendarMath.FloorDiv(y - r.Period0, r.Interval);
                    break;
                }
            case RecurrenceFrequency.Monthly:
                {
                    CalendarMath.CivilFromDays((int)targetDay, out int y, out int m, out _);
                    k = CalendarMath.FloorDiv(y * 12L + m - 1 - r.Period0, r.Interval);
                    break;
                }
            case RecurrenceFrequency.Weekly:
                k = CalendarMath.FloorDiv((CalendarMath.WeekStartOf((int)targetDay, r.WeekStart) - r.Period0) / 7, r.Interval);
                break;
            case RecurrenceFrequency.Daily:
                k = CalendarMath.FloorDiv(targetDay - r.Period0, r.Interval);
                break;
            default:
                k = CalendarMath.FloorDiv(CalendarMath.FloorDiv(targetLocal, r.UnitSeconds) - r.Period0, r.Interval);
                break;
        }
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

        // COUNT: the instances of the skipped periods still count.
        if (r.UniformCount > 0)
        {
            if (LoadNextPeriod())
            {
                _emitted += CountLoadedAfterMin();
            }
            long total = _emitted + (k - 1) * r.UniformCount;
            if (total > 2L * r.Count + 2)
            {
                // Far more values than COUNT (at most half of them can merge): the rule has ended.
                _emitted = 2L * r.Count + 2;
                _ended = true;
                return;
            }
            _emitted = total;
            _nextK = k;
            _resumeLocal = PeriodStart(k);
            _cursor = _cursorEnd = 0;
            return;
        }
        while (true)
        {
            if (!LoadNextPeriod())
            {
                _ended = true;
                return;
            }
            if (_loadedK >= k)
            {
                _resumeLocal = PeriodStart(_loadedK);
                return; // keep this period loaded
            }
            _emitted += CountLoadedAfterMin();
            _cursor = _cursorEnd;
            if (_emitted > 2L * r.Count + 2)
            {
                _ended = true;
                return;
            }
        }
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
            while (true)
            {
                if (_emptyRun > r.EmptyLimit || _emptyIterations > CompiledRule.EmptyIterationLimit)
                {
                    return false;
                }
                long k = _nextK;
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
