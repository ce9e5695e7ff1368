using System.Globalization;
using NodaTime;

namespace Calcore.Ics.Internal.Zones;

/// <summary>
/// The few iCalendar value forms a VTIMEZONE needs (RFC 5545 §3.3.5 DATE-TIME, §3.3.4 DATE and §3.3.14 UTC-OFFSET),
/// read and written. Kept here until the general value reader (<c>IcsValues</c>) exists; the two are to be merged.
/// </summary>
internal static class ZoneValues
{
    /// <summary>Reads <c>yyyyMMddTHHmmss</c>, <c>yyyyMMddTHHmmssZ</c> or <c>yyyyMMdd</c> (midnight).</summary>
    internal static bool TryParseDateTime(string text, out LocalDateTime value, out bool isUtc)
    {
        value = default;
        isUtc = false;
        text = text.Trim();
        if (text.Length == 8)
        {
            if (!TryDate(text, out LocalDate date))
            {
                return false;
            }
            value = date.AtMidnight();
            return true;
        }
        if (text.Length == 16 && (text[15] == 'Z' || text[15] == 'z'))
        {
            isUtc = true;
            text = text[..15];
        }
        if (text.Length != 15 || (text[8] != 'T' && text[8] != 't') || !TryDate(text[..8], out LocalDate day)
            || !TryDigits(text, 9, 2, out int hour) || !TryDigits(text, 11, 2, out int minute) || !TryDigits(text, 13, 2, out int second))
        {
            return false;
        }
        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }
        // A leap second (60) is read as the last second of the minute (RFC 5545 §3.3.12 allows 60).
        value = day.At(new LocalTime(hour, minute, second == 60 ? 59 : second));
        return true;
    }

    /// <summary>Reads a UTC-OFFSET, <c>±hhmm</c> or <c>±hhmmss</c>; <c>-0000</c> is read as zero.</summary>
    internal static bool TryParseOffset(string text, out Offset offset)
    {
        offset = default;
        text = text.Trim();
        if ((text.Length != 5 && text.Length != 7) || (text[0] != '+' && text[0] != '-'))
        {
            return false;
        }
        if (!TryDigits(text, 1, 2, out int hours) || !TryDigits(text, 3, 2, out int minutes))
        {
            return false;
        }
        int seconds = 0;
        if (text.Length == 7 && !TryDigits(text, 5, 2, out seconds))
        {
            return false;
        }
        if (hours > 18 || minutes > 59 || seconds > 59)
        {
            return false;
        }
        int total = (hours * 3600) + (minutes * 60) + seconds;
        if (total > 18 * 3600)
        {
            return false;
        }
        offset = Offset.FromSeconds(text[0] == '-' ? -total : total);
        return true;
    }

    /// <summary>Writes a local DATE-TIME, <c>yyyyMMddTHHmmss</c>.</summary>
    internal static string FormatLocal(LocalDateTime value)
        => string.Create(CultureInfo.InvariantCulture, $"{value.Year:D4}{value.Month:D2}{value.Day:D2}T{value.Hour:D2}{value.Minute:D2}{value.Second:D2}");

    /// <summary>Writes a UTC DATE-TIME, <c>yyyyMMddTHHmmssZ</c>.</summary>
    internal static string FormatUtc(Instant value) => FormatLocal(value.InUtc().LocalDateTime) + "Z";

    /// <summary>Writes a UTC-OFFSET, <c>±hhmm</c>, with seconds only when there are some.</summary>
    internal static string FormatOffset(Offset offset)
    {
        int total = offset.Seconds;
        char sign = total < 0 ? '-' : '+';
        total = System.Math.Abs(total);
        int hours = total / 3600;
        int minutes = total / 60 % 60;
        int seconds = total % 60;
        return seconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{hours:D2}{minutes:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{hours:D2}{minutes:D2}{seconds:D2}");
    }

    private static bool TryDate(string text, out LocalDate date)
    {
        date = default;
        if (text.Length != 8 || !TryDigits(text, 0, 4, out int year) || !TryDigits(text, 4, 2, out int month) || !TryDigits(text, 6, 2, out int day))
        {
            return false;
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }
        date = new LocalDate(year, month, day);
        return true;
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }
        for (int i = start; i < start + count; i++)
        {
            char c = text[i];
            if (c < '0' || c > '9')
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
