using System;
using Calcore.Internal;
using Calcore.Recurrence.Internal;
using NodaTime;

namespace Calcore.Recurrence;

/// <summary>
/// One RDATE or EXDATE value: a date, a date-time (floating, UTC or zoned), or a period.
/// </summary>
/// <remarks>
/// <para>RFC 5545 §3.8.5.1 (EXDATE) and §3.8.5.2 (RDATE). A floating value is read in the set's
/// zone (or, for a floating set, in the zone the set is placed in). A UTC value has
/// <see cref="Zone"/> equal to <see cref="DateTimeZone.Utc"/>. A period contributes only its start to
/// the set; its end or duration is kept so that the set writes back what it read.</para>
/// <para>Values have second precision and years 1 to 9999.</para>
/// <para>This type is an immutable value and thread-safe.</para>
/// </remarks>
public readonly struct RecurrenceDate : IEquatable<RecurrenceDate>
{
    private readonly long _start;
    private readonly long _end;
    private readonly Period? _duration;

    private RecurrenceDate(RecurrenceDateKind kind, long start, DateTimeZone? zone, long end, Period? duration)
    {
        Kind = kind;
        _start = start;
        Zone = zone;
        _end = end;
        _duration = duration;
    }

    /// <summary>Gets the kind of value.</summary>
    /// <value>Date, date-time or period.</value>
    public RecurrenceDateKind Kind { get; }

    /// <summary>Gets the zone of a date-time or period: null when floating, <see cref="DateTimeZone.Utc"/> for UTC.</summary>
    /// <value>The zone, or <see langword="null"/> for floating values and dates.</value>
    public DateTimeZone? Zone { get; }

    /// <summary>Gets the wall-clock start (midnight for a date).</summary>
    /// <value>The local start.</value>
    public LocalDateTime LocalStart => CalendarMath.ToLocalDateTime(StartSeconds);

    /// <summary>Gets the date of the start.</summary>
    /// <value>The local date.</value>
    public LocalDate Date => LocalStart.Date;

    /// <summary>Gets a value indicating whether this is a UTC date-time or period.</summary>
    /// <value><see langword="true"/> when <see cref="Zone"/> is <see cref="DateTimeZone.Utc"/>.</value>
    public bool IsUtc => ReferenceEquals(Zone, DateTimeZone.Utc);

    /// <summary>Gets the explicit end of a period (PERIOD written as start/end).</summary>
    /// <value>The wall-clock end, in the same zone as the start, or <see langword="null"/>.</value>
    public LocalDateTime? PeriodEnd => Kind == RecurrenceDateKind.Period && _duration is null ? CalendarMath.ToLocalDateTime(_end) : null;

    /// <summary>Gets the duration of a period (PERIOD written as start/duration).</summary>
    /// <value>The duration, or <see langword="null"/>.</value>
    public Period? PeriodDuration => Kind == RecurrenceDateKind.Period ? _duration : null;

    internal long StartSeconds => Kind == RecurrenceDateKind.Date ? _start * CalendarMath.SecondsPerDay : _start;

    /// <summary>Creates a DATE value.</summary>
    /// <param name="date">The date, years 1 to 9999.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is out of range.</exception>
    public static RecurrenceDate FromDate(LocalDate date)
    {
        Preconditions.CheckArgumentRange(nameof(date), date.Year, 1, 9999);
        return new RecurrenceDate(RecurrenceDateKind.Date, CalendarMath.ToDays(date), null, 0, null);
    }

    /// <summary>Creates a DATE-TIME value.</summary>
    /// <param name="localDateTime">The wall-clock time, whole seconds, years 1 to 9999.</param>
    /// <param name="zone">The zone; null for floating, <see cref="DateTimeZone.Utc"/> for UTC.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range or has a fraction of a second.</exception>
    public static RecurrenceDate FromDateTime(LocalDateTime localDateTime, DateTimeZone? zone)
        => new(RecurrenceDateKind.DateTime, CheckSeconds(localDateTime, nameof(localDateTime)), zone, 0, null);

    /// <summary>Creates a UTC DATE-TIME value.</summary>
    /// <param name="instant">The instant, whole seconds.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range or has a fraction of a second.</exception>
    public static RecurrenceDate FromInstant(Instant instant) => FromDateTime(instant.InUtc().LocalDateTime, DateTimeZone.Utc);

    /// <summary>Creates a PERIOD value with an explicit end.</summary>
    /// <param name="start">The wall-clock start.</param>
    /// <param name="zone">The zone of start and end; null for floating, <see cref="DateTimeZone.Utc"/> for UTC.</param>
    /// <param name="end">The wall-clock end, after the start.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range, or the end is not after the start.</exception>
    public static RecurrenceDate FromPeriod(LocalDateTime start, DateTimeZone? zone, LocalDateTime end)
    {
        long s = CheckSeconds(start, nameof(start));
        long e = CheckSeconds(end, nameof(end));
        Preconditions.CheckArgumentRange(nameof(end), e, s + 1, long.MaxValue);
        return new RecurrenceDate(RecurrenceDateKind.Period, s, zone, e, null);
    }

    /// <summary>Creates a PERIOD value with a duration.</summary>
    /// <param name="start">The wall-clock start.</param>
    /// <param name="zone">The zone; null for floating, <see cref="DateTimeZone.Utc"/> for UTC.</param>
    /// <param name="duration">The duration: weeks, or days, hours, minutes and seconds, not negative.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="duration"/> is null.</exception>
    /// <exception cref="ArgumentException">The duration has months, years or sub-second units, or negative units.</exception>
    public static RecurrenceDate FromPeriod(LocalDateTime start, DateTimeZone? zone, Period duration)
    {
        Preconditions.CheckNotNull(duration);
        Preconditions.CheckArgument(duration.Years == 0 && duration.Months == 0 && duration.Milliseconds == 0 && duration.Ticks == 0 && duration.Nanoseconds == 0,
            nameof(duration), "An RFC 5545 duration has only weeks, days, hours, minutes and seconds.");
        Preconditions.CheckArgument(duration.Weeks >= 0 && duration.Days >= 0 && duration.Hours >= 0 && duration.Minutes >= 0 && duration.Seconds >= 0,
            nameof(duration), "The duration must not be negative.");
        return new RecurrenceDate(RecurrenceDateKind.Period, CheckSeconds(start, nameof(start)), zone, 0, duration);
    }

    internal static RecurrenceDate Raw(RecurrenceDateKind kind, long start, DateTimeZone? zone, long end, Period? duration)
        => new(kind, start, zone, end, duration);

    private static long CheckSeconds(LocalDateTime value, string name)
    {
        Preconditions.CheckArgumentRange(name, value.Year, 1, 9999);
        Preconditions.CheckArgumentRange(name, value.NanosecondOfSecond, 0, 0);
        return CalendarMath.ToSeconds(value);
    }

    /// <summary>Formats the value as RFC 5545 text (without property name or parameters), e.g. <c>19970714T123000Z</c>.</summary>
    /// <returns>The value text.</returns>
    public override string ToString()
    {
        string z = IsUtc ? "Z" : string.Empty;
        return Kind switch
        {
            RecurrenceDateKind.Date => IcalText.FormatDate((int)_start),
            RecurrenceDateKind.DateTime => IcalText.FormatDateTime(_start) + z,
            _ => IcalText.FormatDateTime(_start) + z + "/" + (_duration is null ? IcalText.FormatDateTime(_end) + z : IcalText.FormatDuration(_duration)),
        };
    }

    /// <inheritdoc/>
    public bool Equals(RecurrenceDate other)
        => Kind == other.Kind && _start == other._start && _end == other._end && Equals(_duration, other._duration)
            && string.Equals(Zone?.Id, other.Zone?.Id, StringComparison.Ordinal) && IsUtc == other.IsUtc;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RecurrenceDate other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, _start, _end, Zone?.Id);

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(RecurrenceDate left, RecurrenceDate right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(RecurrenceDate left, RecurrenceDate right) => !left.Equals(right);
}
