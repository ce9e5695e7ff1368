using System;
using NodaTime;

namespace Calcore.Storage.Sqlite.Internal;

/// <summary>
/// Parses the exact text forms the snapshot writer produces with NodaTime's patterns, straight from UTF-8 bytes:
/// <c>uuuu-MM-ddTHH:mm:ss[.F…]</c> (local date-time), the same followed by <c>Z</c> (instant), <c>uuuu-MM-dd</c> (date)
/// and <c>[-]D:hh:mm:ss[.F…]</c> (duration, NodaTime's round-trip pattern).
/// </summary>
/// <remarks>A fast path for reads, not a second definition of the format: anything it does not recognise (another
/// year range, a comma before the fraction, an out-of-range field) returns false, and the caller parses the text with
/// the NodaTime pattern, which decides. Tests compare both on many values.</remarks>
internal static class IsoText
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    internal static bool TryParseLocalDateTime(ReadOnlySpan<byte> s, out LocalDateTime value)
    {
        value = default;
        if (s.Length < 19 || s[10] != (byte)'T' || !TryParseDate(s[..10], out LocalDate date)
            || !TryTime(s[11..], out int hour, out int minute, out int second, out long nanoseconds))
        {
            return false;
        }
        value = date.At(new LocalTime(hour, minute, second)).PlusNanoseconds(nanoseconds);
        return true;
    }

    internal static bool TryParseInstant(ReadOnlySpan<byte> s, out Instant value)
    {
        value = default;
        if (s.Length < 20 || s[^1] != (byte)'Z' || !TryParseLocalDateTime(s[..^1], out LocalDateTime local))
        {
            return false;
        }
        value = local.InUtc().ToInstant();
        return true;
    }

    internal static bool TryParseDate(ReadOnlySpan<byte> s, out LocalDate value)
    {
        value = default;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-'
            || !Digits(s[..4], out int year) || !Digits(s.Slice(5, 2), out int month) || !Digits(s.Slice(8, 2), out int day)
            || year < 1 || month < 1 || month > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }
        value = new LocalDate(year, month, day);
        return true;
    }

    internal static bool TryParseDuration(ReadOnlySpan<byte> s, out Duration value)
    {
        value = default;
        bool negative = s.Length > 0 && s[0] == (byte)'-';
        if (negative)
        {
            s = s[1..];
        }
        int colon = s.IndexOf((byte)':');
        if (colon < 1 || colon > 7 || !Digits(s[..colon], out int days)
            || !TryTime(s[(colon + 1)..], out int hours, out int minutes, out int seconds, out long nanoseconds))
        {
            return false;
        }
        Duration d = Duration.FromDays(days) + Duration.FromHours(hours) + Duration.FromMinutes(minutes)
            + Duration.FromSeconds(seconds) + Duration.FromNanoseconds(nanoseconds);
        value = negative ? -d : d;
        return true;
    }

    /// <summary><c>HH:mm:ss</c> with an optional <c>.</c> and 1–9 fraction digits, nothing after.</summary>
    private static bool TryTime(ReadOnlySpan<byte> s, out int hour, out int minute, out int second, out long nanoseconds)
    {
        hour = minute = second = 0;
        nanoseconds = 0;
        if (s.Length < 8 || s[2] != (byte)':' || s[5] != (byte)':'
            || !Digits(s[..2], out hour) || !Digits(s.Slice(3, 2), out minute) || !Digits(s.Slice(6, 2), out second)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        if (s.Length == 8)
        {
            return true;
        }
        ReadOnlySpan<byte> fraction = s[9..];
        if (s[8] != (byte)'.' || fraction.Length is < 1 or > 9 || !Digits(fraction, out int digits))
        {
            return false;
        }
        long scale = NanosecondsPerSecond;
        for (int i = 0; i < fraction.Length; i++)
        {
            scale /= 10;
        }
        nanoseconds = digits * scale;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }
        foreach (byte b in s)
        {
            uint digit = unchecked((uint)(b - '0'));
            if (digit > 9)
            {
                return false;
            }
            value = (value * 10) + (int)digit;
        }
        return true;
    }
}
