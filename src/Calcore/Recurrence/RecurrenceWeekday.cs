using System;
using System.Globalization;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Recurrence;

/// <summary>
/// One entry of a BYDAY rule part: a day of the week, optionally with an ordinal such as the
/// <c>-1</c> of <c>-1FR</c> (the last Friday).
/// </summary>
/// <remarks>
/// <para>RFC 5545 §3.3.10 (RECUR), "weekdaynum". An ordinal of zero means "every such weekday in
/// the period". A positive ordinal <c>n</c> means the n-th such weekday of the month (MONTHLY, or
/// YEARLY with BYMONTH) or of the year (YEARLY without BYMONTH); a negative one counts from the
/// end.</para>
/// <para>This type is an immutable value and thread-safe.</para>
/// </remarks>
public readonly struct RecurrenceWeekday : IEquatable<RecurrenceWeekday>, IComparable<RecurrenceWeekday>
{
    private readonly sbyte _ordinal;
    private readonly byte _day;

    /// <summary>Initializes a new weekday entry.</summary>
    /// <param name="day">The day of the week; must not be <see cref="IsoDayOfWeek.None"/>.</param>
    /// <param name="ordinal">The ordinal: 0 for none, otherwise -53 to -1 or 1 to 53.</param>
    /// <exception cref="ArgumentOutOfRangeException">The day is not a real day or the ordinal is out of range.</exception>
    public RecurrenceWeekday(IsoDayOfWeek day, int ordinal = 0)
    {
        Preconditions.CheckArgumentRange(nameof(day), (int)day, 1, 7);
        Preconditions.CheckArgumentRange(nameof(ordinal), ordinal, -53, 53);
        _day = (byte)day;
        _ordinal = (sbyte)ordinal;
    }

    /// <summary>Gets the day of the week.</summary>
    /// <value>Monday to Sunday; <see cref="IsoDayOfWeek.None"/> only for the default value.</value>
    public IsoDayOfWeek Day => (IsoDayOfWeek)_day;

    /// <summary>Gets the ordinal: 0 for "every", otherwise the n-th (negative: from the end).</summary>
    /// <value>The ordinal, -53 to 53.</value>
    public int Ordinal => _ordinal;

    /// <summary>Gets a value indicating whether this entry has an ordinal.</summary>
    /// <value><see langword="true"/> when <see cref="Ordinal"/> is not zero.</value>
    public bool HasOrdinal => _ordinal != 0;

    /// <summary>Formats this entry as in RFC 5545, for example <c>MO</c> or <c>-1FR</c>.</summary>
    /// <returns>The RFC 5545 text of this entry.</returns>
    public override string ToString()
        => _ordinal == 0 ? DayCode(Day) : _ordinal.ToString(CultureInfo.InvariantCulture) + DayCode(Day);

    /// <inheritdoc/>
    public bool Equals(RecurrenceWeekday other) => _day == other._day && _ordinal == other._ordinal;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RecurrenceWeekday other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => unchecked((_day << 8) | (byte)_ordinal);

    /// <summary>Orders entries by ordinal (entries without one first), then by day.</summary>
    /// <param name="other">The entry to compare with.</param>
    /// <returns>A negative, zero or positive number.</returns>
    public int CompareTo(RecurrenceWeekday other)
    {
        int c = _ordinal.CompareTo(other._ordinal);
        return c != 0 ? c : _day.CompareTo(other._day);
    }

    /// <summary>Compares two entries for equality.</summary>
    /// <param name="left">The first entry.</param>
    /// <param name="right">The second entry.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(RecurrenceWeekday left, RecurrenceWeekday right) => left.Equals(right);

    /// <summary>Compares two entries for inequality.</summary>
    /// <param name="left">The first entry.</param>
    /// <param name="right">The second entry.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(RecurrenceWeekday left, RecurrenceWeekday right) => !left.Equals(right);

    /// <summary>Orders two entries.</summary>
    /// <param name="left">The first entry.</param>
    /// <param name="right">The second entry.</param>
    /// <returns>Whether <paramref name="left"/> sorts first.</returns>
    public static bool operator <(RecurrenceWeekday left, RecurrenceWeekday right) => left.CompareTo(right) < 0;

    /// <summary>Orders two entries.</summary>
    /// <param name="left">The first entry.</param>
    /// <param name="right">The second entry.</param>
    /// <returns>Whether <paramref name="left"/> sorts first or equal.</returns>
    public static bool operator <=(RecurrenceWeekday left, RecurrenceWeekday right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two entries.</summary>
    /// <param name="left">The first entry.</param>
    /// <param name="right">The second entry.</param>
    /// <returns>Whether <paramref name="left"/> sorts last.</returns>
    public static bool operator >(RecurrenceWeekday left, RecurrenceWeekday right) => left.CompareTo(right) > 0;

    /// <summary>Orders two entries.</summary>
    /// <param name="left">The first entry.</param>
    /// <param name="right">The second entry.</param>
    /// <returns>Whether <paramref name="left"/> sorts last or equal.</returns>
    public static bool operator >=(RecurrenceWeekday left, RecurrenceWeekday right) => left.CompareTo(right) >= 0;

    internal static string DayCode(IsoDayOfWeek day) => day switch
    {
        IsoDayOfWeek.Monday => "MO",
        IsoDayOfWeek.Tuesday => "TU",
        IsoDayOfWeek.Wednesday => "WE",
        IsoDayOfWeek.Thursday => "TH",
        IsoDayOfWeek.Friday => "FR",
        IsoDayOfWeek.Saturday => "SA",
        IsoDayOfWeek.Sunday => "SU",
        _ => "??",
    };

    internal static IsoDayOfWeek ParseDayCode(ReadOnlySpan<char> code)
    {
        if (code.Length != 2)
        {
            return IsoDayOfWeek.None;
        }
        char a = char.ToUpperInvariant(code[0]);
        char b = char.ToUpperInvariant(code[1]);
        return (a, b) switch
        {
            ('M', 'O') => IsoDayOfWeek.Monday,
            ('T', 'U') => IsoDayOfWeek.Tuesday,
            ('W', 'E') => IsoDayOfWeek.Wednesday,
            ('T', 'H') => IsoDayOfWeek.Thursday,
            ('F', 'R') => IsoDayOfWeek.Friday,
            ('S', 'A') => IsoDayOfWeek.Saturday,
            ('S', 'U') => IsoDayOfWeek.Sunday,
            _ => IsoDayOfWeek.None,
        };
    }
}
