using System.Runtime.CompilerServices;
using NodaTime;

namespace Calcore.Recurrence.Internal;

/// <summary>
/// Integer calendar arithmetic on the proleptic Gregorian calendar. Days are counted from
/// 1970-01-01 (day 0); local date-times are seconds from 1970-01-01T00:00:00 (local).
/// </summary>
internal static class CalendarMath
{
    internal const int SecondsPerDay = 86400;
    internal const int MinYear = 1;
    internal const int MaxYear = 9999;
    internal static readonly int MinDay = DaysFromCivil(MinYear, 1, 1);
    internal static readonly int MaxDay = DaysFromCivil(MaxYear, 12, 31);
    internal static readonly long MaxLocalSeconds = ((long)MaxDay + 1) * SecondsPerDay - 1;
    internal static readonly long MaxInstantSeconds = Instant.MaxValue.ToUnixTimeSeconds();
    internal static readonly long MinInstantSeconds = Instant.MinValue.ToUnixTimeSeconds();

    private static readonly int[] CumulativeDays = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

    /// <summary>Days from 1970-01-01 to the given civil date (era-based computation).</summary>
    internal static int DaysFromCivil(int year, int month, int day)
    {
        unchecked
        {
            int y = month <= 2 ? year - 1 : year;
            int era = (y >= 0 ? y : y - 399) / 400;
            int yearOfEra = y - era * 400;
            int shiftedMonth = (month + 9) % 12; // March = 0
            int dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
            int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146097 + dayOfEra - 719468;
        }
    }

    internal static void CivilFromDays(int days, out int year, out int month, out int day)
    {
        unchecked
        {
            int z = days + 719468;
            int era = (z >= 0 ? z : z - 146096) / 146097;
            int dayOfEra = z - era * 146097;
            int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            int shiftedMonth = (5 * dayOfYear + 2) / 153;
            day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
            month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsLeapYear(int year) => (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int DaysInMonth(int year, int month)
        => month == 2 ? (IsLeapYear(year) ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int DayOfYear(int year, int month, int day)
        => CumulativeDays[month] + day + (month > 2 && IsLeapYear(year) ? 1 : 0);

    /// <summary>ISO day of week, 1 = Monday … 7 = Sunday.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int IsoWeekday(long days)
    {
        unchecked
        {
            long r = (days + 3) % 7;
            if (r < 0)
            {
                r += 7;
            }
            return (int)r + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long FloorDiv(long a, long b)
    {
        unchecked
        {
            long q = a / b;
            if ((a % b != 0) && ((a < 0) != (b < 0)))
            {
                q--;
            }
            return q;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    internal static int ToDays(LocalDate date) => DaysFromCivil(date.Year, date.Month, date.Day);

    internal static long ToSeconds(LocalDateTime value)
        => (long)ToDays(value.Date) * SecondsPerDay + value.Hour * 3600 + value.Minute * 60 + value.Second;

    internal static LocalDate ToLocalDate(int days)
    {
        CivilFromDays(days, out int y, out int m, out int d);
        return new LocalDate(y, m, d);
    }

    internal static LocalDateTime ToLocalDateTime(long seconds)
    {
        long days = FloorDiv(seconds, SecondsPerDay);
        int sod = (int)(seconds - days * SecondsPerDay);
        CivilFromDays((int)days, out int y, out int m, out int d);
        return new LocalDateTime(y, m, d, sod / 3600, sod / 60 % 60, sod % 60);
    }

    /// <summary>Start day of the week (starting on <paramref name="weekStart"/>) that contains <paramref name="days"/>.</summary>
    internal static int WeekStartOf(int days, int weekStart)
        => days - ((IsoWeekday(days) - weekStart + 7) % 7);

    /// <summary>First day of week 1 of <paramref name="year"/>: the first week with at least four days in the year (ISO 8601 with WKST).</summary>
    internal static int Week1Start(int year, int weekStart)
    {
        int jan1 = DaysFromCivil(year, 1, 1);
        int start = WeekStartOf(jan1, weekStart);
        return jan1 - start >= 4 ? start + 7 : start;
    }

    internal static int WeeksInYear(int year, int weekStart)
        => (Week1Start(year + 1, weekStart) - Week1Start(year, weekStart)) / 7;
}
