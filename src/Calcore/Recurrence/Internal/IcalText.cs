using System;
using System.Globalization;
using System.Text;
using NodaTime;

namespace Calcore.Recurrence.Internal;

/// <summary>RFC 5545 DATE, DATE-TIME and DURATION text (basic format, culture-invariant).</summary>
internal static class IcalText
{
    internal static string FormatDate(int days)
    {
        CalendarMath.CivilFromDays(days, out int y, out int m, out int d);
        return string.Create(CultureInfo.InvariantCulture, $"{y:D4}{m:D2}{d:D2}");
    }

    internal static string FormatDateTime(long seconds)
    {
        long days = CalendarMath.FloorDiv(seconds, CalendarMath.SecondsPerDay);
        int sod = (int)(seconds - days * CalendarMath.SecondsPerDay);
        return FormatDate((int)days) + string.Create(CultureInfo.InvariantCulture, $"T{sod / 3600:D2}{sod / 60 % 60:D2}{sod % 60:D2}");
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            char c = s[i];
            if (c < '0' || c > '9')
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>Parses yyyyMMdd into a day number; years 1 to 9999.</summary>
    internal static bool TryParseDate(ReadOnlySpan<char> s, out int days)
    {
        days = 0;
        if (s.Length != 8 || !TryDigits(s, 0, 4, out int y) || !TryDigits(s, 4, 2, out int m) || !TryDigits(s, 6, 2, out int d))
        {
            return false;
        }
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > CalendarMath.DaysInMonth(y, m))
        {
            return false;
        }
        days = CalendarMath.DaysFromCivil(y, m, d);
        return true;
    }

    /// <summary>Parses yyyyMMddTHHmmss[Z] into local seconds.</summary>
    internal static bool TryParseDateTime(ReadOnlySpan<char> s, out long seconds, out bool utc)
    {
        seconds = 0;
        utc = false;
        if (s.Length == 16 && (s[15] == 'Z' || s[15] == 'z'))
        {
            utc = true;
            s = s[..15];
        }
        if (s.Length != 15 || (s[8] != 'T' && s[8] != 't') || !TryParseDate(s[..8], out int days)
            || !TryDigits(s, 9, 2, out int h) || !TryDigits(s, 11, 2, out int mi) || !TryDigits(s, 13, 2, out int sec))
        {
            return false;
        }
        // Leap second 60 is not representable; RFC 5545 allows it, Calcore rejects it in values.
        if (h > 23 || mi > 59 || sec > 59)
        {
            return false;
        }
        seconds = (long)days * CalendarMath.SecondsPerDay + h * 3600 + mi * 60 + sec;
        return true;
    }

    /// <summary>Parses an RFC 5545 §3.3.6 DURATION (positive only) into a period.</summary>
    internal static bool TryParseDuration(ReadOnlySpan<char> s, out Period? period)
    {
        period = null;
        int i = 0;
        if (i < s.Length && s[i] == '+')
        {
            i++;
        }
        if (i >= s.Length || (s[i] != 'P' && s[i] != 'p'))
        {
            return false;
        }
        i++;
        var builder = new PeriodBuilder();
        bool inTime = false;
        bool any = false;
        bool sawWeek = false;
        bool sawOther = false;
        while (i < s.Length)
        {
            if (s[i] == 'T' || s[i] == 't')
            {
                if (inTime)
                {
                    return false;
                }
                inTime = true;
                i++;
                continue;
            }
            int start = i;
            while (i < s.Length && s[i] >= '0' && s[i] <= '9')
            {
                i++;
            }
            if (i == start || i >= s.Length || i - start > 9)
            {
                return false;
            }
            int n = int.Parse(s[start..i], NumberStyles.None, CultureInfo.InvariantCulture);
            char unit = char.ToUpperInvariant(s[i]);
            i++;
            switch (unit)
            {
                case 'W' when !inTime:
                    builder.Weeks = n;
                    sawWeek = true;
                    break;
                case 'D' when !inTime:
                    builder.Days = n;
                    sawOther = true;
                    break;
                case 'H' when inTime:
                    builder.Hours = n;
                    sawOther = true;
                    break;
                case 'M' when inTime:
                    builder.Minutes = n;
                    sawOther = true;
                    break;
                case 'S' when inTime:
                    builder.Seconds = n;
                    sawOther = true;
                    break;
                default:
                    return false;
            }
            any = true;
        }
        if (!any || (sawWeek && sawOther))
        {
            return false;
        }
        period = builder.Build();
        return true;
    }

    internal static string FormatDuration(Period period)
    {
        var sb = new StringBuilder("P");
        if (period.Weeks != 0)
        {
            sb.Append(period.Weeks.ToString(CultureInfo.InvariantCulture)).Append('W');
            return sb.ToString();
        }
        if (period.Days != 0)
        {
            sb.Append(period.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }
        if (period.Hours != 0 || period.Minutes != 0 || period.Seconds != 0)
        {
            sb.Append('T');
            if (period.Hours != 0)
            {
                sb.Append(period.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }
            if (period.Minutes != 0)
            {
                sb.Append(period.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }
            if (period.Seconds != 0)
            {
                sb.Append(period.Seconds.ToString(CultureInfo.InvariantCulture)).Append('S');
            }
        }
        if (sb.Length == 1)
        {
            sb.Append("T0S");
        }
        return sb.ToString();
    }
}
