using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Ics;

/// <summary>Reads and writes the typed values of iCalendar properties (RFC 5545 §3.3): TEXT, DATE, DATE-TIME,
/// DURATION, PERIOD, UTC-OFFSET, BOOLEAN, INTEGER, FLOAT and BINARY.</summary>
/// <remarks>
/// <para>Each <c>Read…</c> method throws an <see cref="IcsParseException"/> that names the problem. Its line and column
/// are those of the property for the overloads taking an <see cref="IcsProperty"/> (line 0 for a property that was not
/// read from a file; the column is that of the value in the unfolded line), and line 1 with the column in the value for
/// the overloads taking a string.</para>
/// <para>Each <c>Write…</c> method gives the text of the value as a property holds it; reading it back gives the same
/// value.</para>
/// <para>Thread-safe: every method is a pure function.</para>
/// </remarks>
public static class IcsValues
{
    private const int MaxDays = 3_660_000; // about 10,000 years
    private const long MaxSeconds = (long)MaxDays * 86_400;

    /// <summary>Reads a TEXT value (RFC 5545 §3.3.11): <c>\\</c>, <c>\;</c>, <c>\,</c>, <c>\n</c> and <c>\N</c> are
    /// unescaped.</summary>
    /// <remarks>A backslash before any other character is kept as it is, with that character (producers write
    /// <c>\:</c> and the like); this never fails.</remarks>
    /// <param name="value">The escaped value, as in <see cref="IcsProperty.Value"/>.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static string ReadText(string value)
    {
        Preconditions.CheckNotNull(value);
        int slash = value.IndexOf('\\', StringComparison.Ordinal);
        return slash < 0 ? value : Unescape(value.AsSpan(), slash);
    }

    /// <summary>Writes a TEXT value (RFC 5545 §3.3.11): backslash, ';' and ',' are escaped, and each line break (CRLF,
    /// LF or CR) becomes <c>\n</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string WriteText(string text)
    {
        Preconditions.CheckNotNull(text);
        if (text.AsSpan().IndexOfAny("\\;,\r\n") < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 8);
        AppendEscaped(sb, text);
        return sb.ToString();
    }

    /// <summary>Reads a list of TEXT values separated by commas that are not escaped (as in CATEGORIES or RESOURCES).</summary>
    /// <param name="value">The escaped value.</param>
    /// <returns>The texts, unescaped; an empty value gives one empty text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static IReadOnlyList<string> ReadTextList(string value)
    {
        Preconditions.CheckNotNull(value);
        var items = new List<string>();
        ReadOnlySpan<char> s = value;
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
            }
            else if (s[i] == ',')
            {
                items.Add(UnescapeSpan(s[start..i]));
                start = i + 1;
            }
        }
        items.Add(UnescapeSpan(s[start..]));
        return items;
    }

    /// <summary>Writes a list of TEXT values, each escaped, separated by commas.</summary>
    /// <param name="items">The texts.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null or holds null.</exception>
    public static string WriteTextList(IEnumerable<string> items)
    {
        Preconditions.CheckNotNull(items);
        var sb = new StringBuilder();
        bool first = true;
        foreach (string item in items)
        {
            Preconditions.CheckNotNull(item, nameof(items));
            if (!first)
            {
                sb.Append(',');
            }
            first = false;
            AppendEscaped(sb, item);
        }
        return sb.ToString();
    }

    /// <summary>Reads the DATE or DATE-TIME value of a property (RFC 5545 §3.3.4, §3.3.5), such as DTSTART.</summary>
    /// <remarks>With <c>VALUE=DATE</c> the value must be a DATE; a DATE-TIME with a <c>TZID</c> parameter is
    /// <see cref="IcsDateTimeForm.Zoned"/> with the parameter's text as <see cref="IcsDateTime.ZoneId"/>; a trailing
    /// <c>Z</c> makes it <see cref="IcsDateTimeForm.Utc"/> (a TZID beside it is ignored); otherwise it is floating.
    /// A seconds value of 60 (a leap second) is read as 59.</remarks>
    /// <param name="property">The property.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> is null.</exception>
    /// <exception cref="IcsParseException">The value is not a DATE or DATE-TIME.</exception>
    public static IcsDateTime ReadDateTime(IcsProperty property)
    {
        Preconditions.CheckNotNull(property);
        bool dateOnly = IsValue(property, "DATE");
        string? error = ParseDateTime(property.Value, property.GetParameter("TZID"), dateOnly, out IcsDateTime result, out int at);
        return error is null ? result : throw Fail(property, at, error);
    }

    /// <summary>Reads a DATE (<c>20261204</c>) or DATE-TIME (<c>20261204T090000</c>, <c>20261204T080000Z</c>) value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="zoneId">The TZID text for a DATE-TIME that is neither UTC nor floating; ignored for a DATE or a UTC
    /// value.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="IcsParseException">The value is not a DATE or DATE-TIME.</exception>
    public static IcsDateTime ReadDateTime(string value, string? zoneId = null)
    {
        Preconditions.CheckNotNull(value);
        string? error = ParseDateTime(value, zoneId, false, out IcsDateTime result, out int at);
        return error is null ? result : throw Fail(at, error);
    }

    /// <summary>Reads the comma-separated DATE or DATE-TIME values of a property such as EXDATE or RDATE, with its
    /// <c>VALUE</c> and <c>TZID</c> parameters as in <see cref="ReadDateTime(IcsProperty)"/>.</summary>
    /// <param name="property">The property.</param>
    /// <returns>The values, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> is null.</exception>
    /// <exception cref="IcsParseException">A value is not a DATE or DATE-TIME (for periods, <c>VALUE=PERIOD</c>, use
    /// <see cref="ReadPeriodList"/>).</exception>
    public static IReadOnlyList<IcsDateTime> ReadDateTimeList(IcsProperty property)
    {
        Preconditions.CheckNotNull(property);
        if (IsValue(property, "PERIOD"))
        {
            throw Fail(property, 0, $"{property.Name} holds periods (VALUE=PERIOD); read it with ReadPeriodList.");
        }
        bool dateOnly = IsValue(property, "DATE");
        string? zone = property.GetParameter("TZID");
        var list = new List<IcsDateTime>();
        string value = property.Value;
        int start = 0;
        while (true)
        {
            int comma = value.IndexOf(',', start);
            int end = comma < 0 ? value.Length : comma;
            string? error = ParseDateTime(value.AsSpan(start, end - start), zone, dateOnly, out IcsDateTime item, out int at);
            if (error is not null)
            {
                throw Fail(property, start + at, error);
            }
            list.Add(item);
            if (comma < 0)
            {
                return list;
            }
            start = comma + 1;
        }
    }

    /// <summary>Reads the comma-separated PERIOD values of a property (RFC 5545 §3.3.9), such as FREEBUSY or
    /// <c>RDATE;VALUE=PERIOD</c>: each <c>start/end</c> or <c>start/duration</c>, with the property's TZID.</summary>
    /// <param name="property">The property.</param>
    /// <returns>The periods, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="property"/> is null.</exception>
    /// <exception cref="IcsParseException">A value is not a period.</exception>
    public static IReadOnlyList<IcsPeriod> ReadPeriodList(IcsProperty property)
    {
        Preconditions.CheckNotNull(property);
        string? zone = property.GetParameter("TZID");
        var list = new List<IcsPeriod>();
        string value = property.Value;
        int start = 0;
        while (true)
        {
            int comma = value.IndexOf(',', start);
            int end = comma < 0 ? value.Length : comma;
            ReadOnlySpan<char> item = value.AsSpan(start, end - start);
            int slash = item.IndexOf('/');
            if (slash < 0)
            {
                throw Fail(property, start, $"'{item}' is not a period (start/end or start/duration).");
            }
            string? error = ParseDateTime(item[..slash], zone, false, out IcsDateTime from, out int at);
            if (error is not null)
            {
                throw Fail(property, start + at, error);
            }
            ReadOnlySpan<char> second = item[(slash + 1)..];
            if (!second.IsEmpty && (second[0] is 'P' or 'p' or '+' or '-'))
            {
                error = ParseDuration(second, out IcsDuration duration, out at);
                if (error is not null)
                {
                    throw Fail(property, start + slash + 1 + at, error);
                }
                list.Add(new IcsPeriod(from, null, duration));
            }
            else
            {
                error = ParseDateTime(second, zone, false, out IcsDateTime to, out at);
                if (error is not null)
                {
                    throw Fail(property, start + slash + 1 + at, error);
                }
                list.Add(new IcsPeriod(from, to, null));
            }
            if (comma < 0)
            {
                return list;
            }
            start = comma + 1;
        }
    }

    /// <summary>Writes a DATE value, such as <c>20261204</c>.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is not between 1 and 9999.</exception>
    public static string WriteDate(LocalDate date)
    {
        Span<char> chars = stackalloc char[8];
        FormatDate(date, chars);
        return new string(chars);
    }

    /// <summary>Writes a floating DATE-TIME value, such as <c>20261204T090000</c> (a zoned value is the same text with a
    /// TZID parameter); fractions of a second are dropped.</summary>
    /// <param name="value">The wall-clock date and time.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is not between 1 and 9999.</exception>
    public static string WriteDateTime(LocalDateTime value)
    {
        Span<char> chars = stackalloc char[15];
        FormatDateTime(value, chars);
        return new string(chars);
    }

    /// <summary>Writes a UTC DATE-TIME value, such as <c>20261204T080000Z</c>; fractions of a second are dropped.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is not between 1 and 9999.</exception>
    public static string WriteUtc(Instant instant)
    {
        Span<char> chars = stackalloc char[16];
        FormatDateTime(instant.InUtc().LocalDateTime, chars);
        chars[15] = 'Z';
        return new string(chars);
    }

    /// <summary>Reads a DURATION value (RFC 5545 §3.3.6), such as <c>PT1H30M</c>, <c>P1W</c> or <c>-P1DT12H</c>.</summary>
    /// <remarks>Letters may be of either case. Weeks may be followed by days (<c>P1W2D</c>, which some producers write);
    /// the hours, minutes and seconds after <c>T</c> are each optional but come in that order. At most about 10,000
    /// years.</remarks>
    /// <param name="value">The value.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="IcsParseException">The value is not a duration.</exception>
    public static IcsDuration ReadDuration(string value)
    {
        Preconditions.CheckNotNull(value);
        string? error = ParseDuration(value, out IcsDuration result, out int at);
        return error is null ? result : throw Fail(at, error);
    }

    /// <summary>Writes a DURATION value: <c>P2W</c> for whole weeks and no time, otherwise days and then the hours,
    /// minutes and seconds from the first to the last that is not zero (<c>P1DT2H</c>, <c>PT1H0M5S</c>); <c>PT0S</c>
    /// for zero; a leading '-' for a negative duration.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The days and the time have opposite signs, or the time has a fraction of a
    /// second (neither can be written).</exception>
    public static string WriteDuration(IcsDuration duration)
    {
        Duration time = duration.Time;
        Preconditions.CheckArgument(time.NanosecondOfDay % NodaConstants.NanosecondsPerSecond == 0, nameof(duration),
            "A DURATION holds whole seconds only; the time has a fraction of a second.");
        Preconditions.CheckArgument(!(duration.Days > 0 && time < Duration.Zero) && !(duration.Days < 0 && time > Duration.Zero), nameof(duration),
            "A DURATION has one sign; the days and the time have opposite signs.");
        bool negative = duration.Days < 0 || time < Duration.Zero;
        long days = Math.Abs((long)duration.Days);
        long seconds = Math.Abs(((long)time.Days * 86_400) + (time.NanosecondOfDay / NodaConstants.NanosecondsPerSecond));
        var sb = new StringBuilder(16);
        if (negative)
        {
            sb.Append('-');
        }
        sb.Append('P');
        if (days == 0 && seconds == 0)
        {
            return sb.Append("T0S").ToString();
        }
        if (seconds == 0 && days % 7 == 0)
        {
            return sb.Append(days / 7).Append('W').ToString();
        }
        if (days != 0)
        {
            sb.Append(days).Append('D');
        }
        if (seconds != 0)
        {
            long[] parts = [seconds / 3600, seconds / 60 % 60, seconds % 60];
            const string units = "HMS";
            int first = Array.FindIndex(parts, p => p != 0);
            int last = Array.FindLastIndex(parts, p => p != 0);
            sb.Append('T');
            for (int i = first; i <= last; i++)
            {
                sb.Append(parts[i]).Append(units[i]);
            }
        }
        return sb.ToString();
    }

    /// <summary>Reads a UTC-OFFSET value (RFC 5545 §3.3.14): <c>±hhmm</c> or <c>±hhmmss</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The offset.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="IcsParseException">The value is not an offset, or is beyond ±18 hours.</exception>
    public static Offset ReadUtcOffset(string value)
    {
        Preconditions.CheckNotNull(value);
        string? error = ParseUtcOffset(value, out Offset result, out int at);
        return error is null ? result : throw Fail(at, error);
    }

    /// <summary>Writes a UTC-OFFSET value: <c>+hhmm</c>, or <c>+hhmmss</c> when there are seconds; <c>+0000</c> for zero.</summary>
    /// <param name="offset">The offset.</param>
    /// <returns>The value.</returns>
    public static string WriteUtcOffset(Offset offset)
    {
        int total = offset.Seconds;
        char sign = total < 0 ? '-' : '+';
        total = Math.Abs(total);
        int h = total / 3600;
        int m = total / 60 % 60;
        int s = total % 60;
        return s == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{h:00}{m:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{h:00}{m:00}{s:00}");
    }

    /// <summary>Reads a BOOLEAN value (RFC 5545 §3.3.2): <c>TRUE</c> or <c>FALSE</c>, in any case.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The boolean.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="IcsParseException">The value is neither.</exception>
    public static bool ReadBoolean(string value)
    {
        Preconditions.CheckNotNull(value);
        if (value.Equals("TRUE", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return value.Equals("FALSE", StringComparison.OrdinalIgnoreCase) ? false : throw Fail(0, $"'{Clip(value)}' is not a BOOLEAN (TRUE or FALSE).");
    }

    /// <summary>Reads an INTEGER value (RFC 5545 §3.3.8): an optional sign and digits.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The integer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="IcsParseException">The value is not an integer, or is out of the 32-bit range.</exception>
    public static int ReadInteger(string value)
    {
        Preconditions.CheckNotNull(value);
        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int result)
            ? result
            : throw Fail(0, $"'{Clip(value)}' is not an INTEGER (an optional sign and digits, 32-bit).");
    }

    /// <summary>Reads a FLOAT value (RFC 5545 §3.3.7): an optional sign, digits, and optionally '.' and digits.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="IcsParseException">The value is not a FLOAT.</exception>
    public static double ReadFloat(string value)
    {
        Preconditions.CheckNotNull(value);
        ReadOnlySpan<char> s = value;
        int i = s.Length > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
        int digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }
        bool ok = digits > 0;
        if (ok && i < s.Length && s[i] == '.')
        {
            i++;
            int fraction = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                fraction++;
            }
            ok = fraction > 0;
        }
        if (!ok || i != s.Length)
        {
            throw Fail(Math.Min(i, s.Length), $"'{Clip(value)}' is not a FLOAT (an optional sign, digits, and optionally '.' and digits).");
        }
        return double.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    /// <summary>Reads a BINARY value (RFC 5545 §3.3.1): base64 (RFC 4648).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="IcsParseException">The value is not base64.</exception>
    public static byte[] ReadBinary(string value)
    {
        Preconditions.CheckNotNull(value);
        byte[] buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out int written)
            ? buffer.AsSpan(0, written).ToArray()
            : throw Fail(0, "The value is not base64 (RFC 4648).");
    }

    /// <summary>Reads a DATE or DATE-TIME without throwing.</summary>
    internal static bool TryReadDateTime(ReadOnlySpan<char> value, string? zoneId, out IcsDateTime result)
        => ParseDateTime(value, zoneId, false, out result, out _) is null;

    /// <summary>Reads a DURATION without throwing.</summary>
    internal static bool TryReadDuration(ReadOnlySpan<char> value, out IcsDuration result) => ParseDuration(value, out result, out _) is null;

    /// <summary>Reads a UTC-OFFSET without throwing.</summary>
    internal static bool TryReadUtcOffset(ReadOnlySpan<char> value, out Offset result) => ParseUtcOffset(value, out result, out _) is null;

    private static bool IsValue(IcsProperty property, string type)
        => string.Equals(property.GetParameter("VALUE"), type, StringComparison.OrdinalIgnoreCase);

    private static string? ParseDateTime(ReadOnlySpan<char> s, string? zoneId, bool dateOnly, out IcsDateTime result, out int at)
    {
        result = default;
        at = 0;
        if (s.Length < 8 || !Digits(s[..8], out int ymd))
        {
            return $"'{Clip(s)}' is not a DATE (yyyymmdd) or DATE-TIME (yyyymmddThhmmss, optionally with Z).";
        }
        int year = ymd / 10000;
        int month = ymd / 100 % 100;
        int day = ymd % 100;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return $"'{s[..8]}' is not a valid date.";
        }
        var date = new LocalDate(year, month, day);
        if (s.Length == 8)
        {
            result = new IcsDateTime(date.AtMidnight(), IcsDateTimeForm.Date, null);
            return null;
        }
        at = 8;
        if (dateOnly)
        {
            return $"'{Clip(s)}' is not a DATE (VALUE=DATE: yyyymmdd).";
        }
        bool utc = s.Length == 16 && (s[15] == 'Z' || s[15] == 'z');
        if ((s.Length != 15 && !utc) || (s[8] != 'T' && s[8] != 't') || !Digits(s[9..15], out int hms))
        {
            return $"'{Clip(s)}' is not a DATE-TIME (yyyymmddThhmmss, optionally with Z).";
        }
        int hour = hms / 10000;
        int minute = hms / 100 % 100;
        int second = hms % 100;
        if (hour > 23 || minute > 59 || second > 60)
        {
            at = 9;
            return $"'{s[9..15]}' is not a valid time of day.";
        }
        LocalDateTime value = date.At(new LocalTime(hour, minute, Math.Min(second, 59)));
        result = utc ? new IcsDateTime(value, IcsDateTimeForm.Utc, null)
            : zoneId is not null ? new IcsDateTime(value, IcsDateTimeForm.Zoned, zoneId)
            : new IcsDateTime(value, IcsDateTimeForm.Floating, null);
        return null;
    }

    private static string? ParseDuration(ReadOnlySpan<char> s, out IcsDuration result, out int at)
    {
        result = default;
        at = 0;
        int i = 0;
        int sign = 1;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            sign = s[i] == '-' ? -1 : 1;
            i++;
        }
        if (i >= s.Length || (s[i] != 'P' && s[i] != 'p'))
        {
            return $"'{Clip(s)}' is not a DURATION (it starts with P, such as PT1H or -P1D).";
        }
        i++;
        long days = 0;
        long seconds = 0;
        bool any = false;
        int lastUnit = -1; // W=0, D=1, H=2, M=3, S=4: each at most once, in this order
        bool inTime = false;
        while (i < s.Length)
        {
            at = i;
            if (!inTime && (s[i] == 'T' || s[i] == 't'))
            {
                inTime = true;
                i++;
                if (i == s.Length)
                {
                    return $"'{Clip(s)}' has no hours, minutes or seconds after T.";
                }
                continue;
            }
            int digitsStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
            if (i == digitsStart || i - digitsStart > 9 || i == s.Length)
            {
                return $"'{Clip(s)}' is not a DURATION (a number and a unit W, D, H, M or S expected at {digitsStart + 1}).";
            }
            long n = long.Parse(s[digitsStart..i], NumberStyles.None, CultureInfo.InvariantCulture);
            int unit = char.ToUpperInvariant(s[i]) switch
            {
                'W' when !inTime => 0,
                'D' when !inTime => 1,
                'H' when inTime => 2,
                'M' when inTime => 3,
                'S' when inTime => 4,
                _ => -1,
            };
            if (unit <= lastUnit)
            {
                at = i;
                return $"'{Clip(s)}' is not a DURATION (unit '{s[i]}' unexpected at {i + 1}).";
            }
            lastUnit = unit;
            switch (unit)
            {
                case 0: days += n * 7; break;
                case 1: days += n; break;
                case 2: seconds += n * 3600; break;
                case 3: seconds += n * 60; break;
                default: seconds += n; break;
            }
            any = true;
            i++;
        }
        if (!any)
        {
            return $"'{Clip(s)}' is not a DURATION (no W, D, H, M or S).";
        }
        if (days > MaxDays || seconds > MaxSeconds)
        {
            at = 0;
            return $"'{Clip(s)}' is longer than this library reads (about 10,000 years).";
        }
        result = new IcsDuration(sign * (int)days, Duration.FromSeconds(sign * seconds));
        return null;
    }

    private static string? ParseUtcOffset(ReadOnlySpan<char> s, out Offset result, out int at)
    {
        result = default;
        at = 0;
        if ((s.Length != 5 && s.Length != 7) || (s[0] != '+' && s[0] != '-') || !Digits(s[1..], out int digits))
        {
            return $"'{Clip(s)}' is not a UTC-OFFSET (+hhmm or +hhmmss, with a sign).";
        }
        if (s.Length == 5)
        {
            digits *= 100;
        }
        int h = digits / 10000;
        int m = digits / 100 % 100;
        int sec = digits % 100;
        if (m > 59 || sec > 59 || h > 18 || (h == 18 && (m > 0 || sec > 0)))
        {
            at = 1;
            return $"'{Clip(s)}' is not a valid UTC-OFFSET (at most ±18 hours, minutes and seconds below 60).";
        }
        int total = (h * 3600) + (m * 60) + sec;
        result = Offset.FromSeconds(s[0] == '-' ? -total : total);
        return null;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            value = (value * 10) + (c - '0');
        }
        return true;
    }

    private static void FormatDate(LocalDate date, Span<char> chars)
    {
        Preconditions.CheckArgumentRange(nameof(date), date.Year, 1, 9999);
        Put(chars, 0, date.Year, 4);
        Put(chars, 4, date.Month, 2);
        Put(chars, 6, date.Day, 2);
    }

    private static void FormatDateTime(LocalDateTime value, Span<char> chars)
    {
        Preconditions.CheckArgumentRange(nameof(value), value.Year, 1, 9999);
        FormatDate(value.Date, chars);
        chars[8] = 'T';
        Put(chars, 9, value.Hour, 2);
        Put(chars, 11, value.Minute, 2);
        Put(chars, 13, value.Second, 2);
    }

    private static void Put(Span<char> chars, int at, int value, int width)
    {
        for (int i = at + width - 1; i >= at; i--)
        {
            chars[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static string Unescape(ReadOnlySpan<char> s, int firstSlash)
    {
        var sb = new StringBuilder(s.Length);
        sb.Append(s[..firstSlash]);
        for (int i = firstSlash; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\\' && i + 1 < s.Length)
            {
                char e = s[i + 1];
                switch (e)
                {
                    case '\\' or ';' or ',':
                        sb.Append(e);
                        i++;
                        continue;
                    case 'n' or 'N':
                        sb.Append('\n');
                        i++;
                        continue;
                }
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string UnescapeSpan(ReadOnlySpan<char> s)
    {
        int slash = s.IndexOf('\\');
        return slash < 0 ? s.ToString() : Unescape(s, slash);
    }

    private static void AppendEscaped(StringBuilder sb, string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case ';': sb.Append("\\;"); break;
                case ',': sb.Append("\\,"); break;
                case '\r':
                    sb.Append("\\n");
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }
                    break;
                case '\n': sb.Append("\\n"); break;
                default: sb.Append(c); break;
            }
        }
    }

    private static string Clip(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "…");

    private static IcsParseException Fail(int position, string message)
        => new(new IcsDiagnostic(IcsSeverity.Error, 1, position + 1, message));

    private static IcsParseException Fail(IcsProperty property, int position, string message)
    {
        int valueColumn = property.ToString().Length - property.Value.Length + 1;
        return new(new IcsDiagnostic(IcsSeverity.Error, property.Line, valueColumn + position, $"{property.Name}: {message}"));
    }
}
