using System;
using Calcore.Internal;
using Calcore.Recurrence.Internal;
using NodaTime;

namespace Calcore.Recurrence;

/// <summary>
/// The end of a recurrence rule: open, after a COUNT of instances, or UNTIL a date, floating
/// date-time or instant. Only one can be set, so a rule with both COUNT and UNTIL cannot be built.
/// </summary>
/// <remarks>
/// <para>RFC 5545 §3.3.10 (RECUR): "The UNTIL or COUNT rule parts are OPTIONAL, but they MUST NOT
/// occur in the same 'recur'." UNTIL is inclusive: an instance that starts exactly at UNTIL is part of
/// the set. How each UNTIL form is compared is described on <see cref="RecurrenceSet"/>.</para>
/// <para>Values have second precision (RFC 5545 DATE-TIME); the default value is <see cref="Never"/>.</para>
/// <para>This type is an immutable value and thread-safe.</para>
/// </remarks>
public readonly struct RecurrenceEnd : IEquatable<RecurrenceEnd>
{
    private readonly long _value;

    private RecurrenceEnd(RecurrenceEndKind kind, long value)
    {
        Kind = kind;
        _value = value;
    }

    /// <summary>Gets the end of a rule that never ends.</summary>
    /// <value>The open end (the default value).</value>
    public static RecurrenceEnd Never => default;

    /// <summary>Gets the kind of end.</summary>
    /// <value>Which of the properties below holds a value.</value>
    public RecurrenceEndKind Kind { get; }

    /// <summary>Gets the COUNT, when <see cref="Kind"/> is <see cref="RecurrenceEndKind.Count"/>.</summary>
    /// <value>The number of instances (DTSTART included), or <see langword="null"/>.</value>
    public int? Count => Kind == RecurrenceEndKind.Count ? (int)_value : null;

    /// <summary>Gets the UNTIL date, when <see cref="Kind"/> is <see cref="RecurrenceEndKind.UntilDate"/>.</summary>
    /// <value>The last date (inclusive), or <see langword="null"/>.</value>
    public LocalDate? UntilDate => Kind == RecurrenceEndKind.UntilDate ? CalendarMath.ToLocalDate((int)_value) : null;

    /// <summary>Gets the floating UNTIL, when <see cref="Kind"/> is <see cref="RecurrenceEndKind.UntilLocalDateTime"/>.</summary>
    /// <value>The last wall-clock time (inclusive), or <see langword="null"/>.</value>
    public LocalDateTime? UntilLocalDateTime => Kind == RecurrenceEndKind.UntilLocalDateTime ? CalendarMath.ToLocalDateTime(_value) : null;

    /// <summary>Gets the UTC UNTIL, when <see cref="Kind"/> is <see cref="RecurrenceEndKind.UntilInstant"/>.</summary>
    /// <value>The last instant (inclusive), or <see langword="null"/>.</value>
    public Instant? UntilInstant => Kind == RecurrenceEndKind.UntilInstant ? Instant.FromUnixTimeSeconds(_value) : null;

    /// <summary>Gets a value indicating whether the rule ends (COUNT or UNTIL).</summary>
    /// <value><see langword="false"/> only for <see cref="Never"/>.</value>
    public bool IsBounded => Kind != RecurrenceEndKind.Never;

    internal long RawValue => _value;

    /// <summary>Creates an end after <paramref name="count"/> instances (COUNT).</summary>
    /// <param name="count">The number of instances, at least 1.</param>
    /// <returns>The end.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static RecurrenceEnd AfterCount(int count)
    {
        Preconditions.CheckArgumentRange(nameof(count), count, 1, int.MaxValue);
        return new RecurrenceEnd(RecurrenceEndKind.Count, count);
    }

    /// <summary>Creates an end at the end of <paramref name="date"/> (UNTIL as a DATE).</summary>
    /// <param name="date">The last date, inclusive, in years 1 to 9999.</param>
    /// <returns>The end.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1 to 9999.</exception>
    public static RecurrenceEnd Until(LocalDate date)
    {
        Preconditions.CheckArgumentRange(nameof(date), date.Year, 1, 9999);
        return new RecurrenceEnd(RecurrenceEndKind.UntilDate, CalendarMath.ToDays(date));
    }

    /// <summary>Creates an end at a floating wall-clock time (UNTIL as a local DATE-TIME).</summary>
    /// <param name="localDateTime">The last wall-clock time, inclusive; whole seconds, years 1 to 9999.</param>
    /// <returns>The end.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value has a fraction of a second or is out of range.</exception>
    public static RecurrenceEnd Until(LocalDateTime localDateTime)
    {
        Preconditions.CheckArgumentRange(nameof(localDateTime), localDateTime.Year, 1, 9999);
        Preconditions.CheckArgumentRange(nameof(localDateTime), localDateTime.NanosecondOfSecond, 0, 0);
        return new RecurrenceEnd(RecurrenceEndKind.UntilLocalDateTime, CalendarMath.ToSeconds(localDateTime));
    }

    /// <summary>Creates an end at an instant (UNTIL as a UTC DATE-TIME).</summary>
    /// <param name="instant">The last instant, inclusive; whole seconds, years 1 to 9999 in UTC.</param>
    /// <returns>The end.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value has a fraction of a second or is out of range.</exception>
    public static RecurrenceEnd Until(Instant instant)
    {
        Preconditions.CheckArgumentRange(nameof(instant), instant.InUtc().Year, 1, 9999);
        Preconditions.CheckArgumentRange(nameof(instant), instant.InUtc().NanosecondOfSecond, 0, 0);
        return new RecurrenceEnd(RecurrenceEndKind.UntilInstant, instant.ToUnixTimeSeconds());
    }

    /// <summary>Formats the end as the RFC 5545 rule part (<c>COUNT=10</c>, <c>UNTIL=19971224T000000Z</c>), or empty for <see cref="Never"/>.</summary>
    /// <returns>The rule part text.</returns>
    public override string ToString() => Kind switch
    {
        RecurrenceEndKind.Count => "COUNT=" + _value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        RecurrenceEndKind.UntilDate => "UNTIL=" + IcalText.FormatDate((int)_value),
        RecurrenceEndKind.UntilLocalDateTime => "UNTIL=" + IcalText.FormatDateTime(_value),
        RecurrenceEndKind.UntilInstant => "UNTIL=" + IcalText.FormatDateTime(_value) + "Z",
        _ => string.Empty,
    };

    /// <inheritdoc/>
    public bool Equals(RecurrenceEnd other) => Kind == other.Kind && _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RecurrenceEnd other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, _value);

    /// <summary>Compares two ends for equality.</summary>
    /// <param name="left">The first end.</param>
    /// <param name="right">The second end.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(RecurrenceEnd left, RecurrenceEnd right) => left.Equals(right);

    /// <summary>Compares two ends for inequality.</summary>
    /// <param name="left">The first end.</param>
    /// <param name="right">The second end.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(RecurrenceEnd left, RecurrenceEnd right) => !left.Equals(right);

    internal static RecurrenceEnd FromRaw(RecurrenceEndKind kind, long value) => new(kind, value);
}
