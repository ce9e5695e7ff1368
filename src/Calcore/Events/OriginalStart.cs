using System;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Calcore.Events;

/// <summary>Which instance of a recurring series: the start its rule produced, before any change.</summary>
/// <remarks>
/// <para>For a timed series it is an instant (a floating series is placed in the manager's zone); for an all-day
/// series it is a date. It identifies the instance even after the instance is moved (Google Calendar's
/// <c>originalStartTime</c>; RFC 5545 RECURRENCE-ID). In instance ids it is written in UTC basic format
/// <c>yyyyMMdd'T'HHmmss'Z'</c>, or <c>yyyyMMdd</c> for a date.</para>
/// <para>This type is an immutable value type and is thread-safe.</para>
/// </remarks>
public readonly record struct OriginalStart : IComparable<OriginalStart>
{
    private static readonly InstantPattern InstantText = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");
    private static readonly LocalDatePattern DateText = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    private readonly Instant _instant;
    private readonly LocalDate _date;

    private OriginalStart(Instant instant, LocalDate date, bool isDate)
    {
        _instant = instant;
        _date = date;
        IsDate = isDate;
    }

    /// <summary>Gets a value indicating whether this is the date of an all-day instance.</summary>
    public bool IsDate { get; }

    /// <summary>Gets the instant of a timed instance.</summary>
    /// <exception cref="InvalidOperationException">This is a date.</exception>
    public Instant Instant => IsDate ? throw new InvalidOperationException("An all-day instance's original start is a date.") : _instant;

    /// <summary>Gets the date of an all-day instance.</summary>
    /// <exception cref="InvalidOperationException">This is an instant.</exception>
    public LocalDate Date => IsDate ? _date : throw new InvalidOperationException("A timed instance's original start is an instant.");

    /// <summary>Creates the original start of a timed instance.</summary>
    /// <param name="instant">The instant, whole seconds.</param>
    /// <returns>The value.</returns>
    public static OriginalStart FromInstant(Instant instant) => new(instant, default, false);

    /// <summary>Creates the original start of an all-day instance.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The value.</returns>
    public static OriginalStart FromDate(LocalDate date) => new(default, date, true);

    /// <summary>Parses the form used in instance ids (<c>20110617T170000Z</c> or <c>20110617</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value when successful.</param>
    /// <returns>True when the text is in one of the two forms.</returns>
    public static bool TryParse(string? text, out OriginalStart value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }
        if (text.Length == 16 && InstantText.Parse(text) is { Success: true } i)
        {
            value = FromInstant(i.Value);
            return true;
        }
        if (text.Length == 8 && DateText.Parse(text) is { Success: true } d)
        {
            value = FromDate(d.Value);
            return true;
        }
        return false;
    }

    /// <summary>Places the original start on the time line (a date at its start of day in a zone).</summary>
    /// <param name="zone">The zone for dates.</param>
    /// <returns>The instant.</returns>
    public Instant ToInstant(DateTimeZone zone) => IsDate ? zone.AtStartOfDay(_date).ToInstant() : _instant;

    /// <summary>Returns the form used in instance ids.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsDate ? DateText.Format(_date) : InstantText.Format(_instant);

    /// <summary>Orders dates before instants, then by value.</summary>
    /// <param name="other">The other value.</param>
    /// <returns>The comparison.</returns>
    public int CompareTo(OriginalStart other)
        => IsDate != other.IsDate ? IsDate.CompareTo(other.IsDate) * -1
            : IsDate ? _date.CompareTo(other._date) : _instant.CompareTo(other._instant);

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator <(OriginalStart left, OriginalStart right) => left.CompareTo(right) < 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator >(OriginalStart left, OriginalStart right) => left.CompareTo(right) > 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator <=(OriginalStart left, OriginalStart right) => left.CompareTo(right) <= 0;

    /// <inheritdoc cref="IComparable{T}.CompareTo"/>
    public static bool operator >=(OriginalStart left, OriginalStart right) => left.CompareTo(right) >= 0;

    internal static string FormatForId(EventId series, OriginalStart start)
        => string.Create(CultureInfo.InvariantCulture, $"{series.Value}_{start}");
}
