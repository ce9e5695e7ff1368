using System;
using Calcore.Recurrence.Internal;
using NodaTime;

namespace Calcore.Recurrence;

/// <summary>
/// One instance of a recurrence set: when it starts on the time line and on the wall clock.
/// </summary>
/// <remarks>
/// <para><see cref="LocalStart"/> is the wall-clock time at which the instance really starts in the
/// set's zone; <see cref="OriginalLocalStart"/> is the wall time the rule asked for. They differ only
/// when that wall time fell into a daylight-saving gap: a 02:30 instance on a spring-forward day in
/// America/New_York has an original start of 02:30 and starts at 03:30 (RFC 5545 §3.3.5: a wall time in
/// a gap moves forward by the length of the gap). For a date set both are midnight (unless midnight itself is skipped in the
/// zone). <see cref="Start"/> is always available: floating and date sets are placed on the time line
/// in the zone given to the expansion method (UTC by default).</para>
/// <para>An occurrence is a small value (three 64-bit numbers); the NodaTime values are computed on
/// access.</para>
/// <para>This type is an immutable value and thread-safe.</para>
/// </remarks>
public readonly struct Occurrence : IEquatable<Occurrence>
{
    private readonly long _instant;
    private readonly long _local;
    private readonly long _nominal;

    internal Occurrence(long instant, long local, long nominal)
    {
        _instant = instant;
        _local = local;
        _nominal = nominal;
    }

    /// <summary>Gets the instant at which the occurrence starts.</summary>
    /// <value>The start instant.</value>
    public Instant Start => Instant.FromUnixTimeSeconds(_instant);

    /// <summary>Gets the wall-clock time at which the occurrence really starts, in the set's (or placement) zone.</summary>
    /// <value>The local start (midnight for dates).</value>
    public LocalDateTime LocalStart => CalendarMath.ToLocalDateTime(_local);

    /// <summary>Gets the wall-clock time that the rule, RDATE or DTSTART named, before any daylight-saving shift.</summary>
    /// <value>The nominal local start; equal to <see cref="LocalStart"/> unless <see cref="IsShifted"/>.</value>
    public LocalDateTime OriginalLocalStart => CalendarMath.ToLocalDateTime(_nominal);

    /// <summary>Gets the date of <see cref="LocalStart"/>.</summary>
    /// <value>The local date.</value>
    public LocalDate Date => CalendarMath.ToLocalDate((int)CalendarMath.FloorDiv(_local, CalendarMath.SecondsPerDay));

    /// <summary>Gets the UTC offset in force at the start.</summary>
    /// <value>The offset of <see cref="LocalStart"/> from <see cref="Start"/>.</value>
    public Offset Offset => Offset.FromSeconds((int)(_local - _instant));

    /// <summary>Gets a value indicating whether a daylight-saving gap moved this occurrence.</summary>
    /// <value><see langword="true"/> when <see cref="LocalStart"/> differs from <see cref="OriginalLocalStart"/>.</value>
    public bool IsShifted => _local != _nominal;

    internal long InstantSeconds => _instant;

    internal long LocalSeconds => _local;

    internal long NominalSeconds => _nominal;

    /// <summary>Formats the occurrence for diagnostics, e.g. <c>2024-03-10T03:30:00 (2024-03-10T07:30:00Z)</c>.</summary>
    /// <returns>Local start and instant.</returns>
    public override string ToString()
        => IcalText.FormatDateTime(_local) + " (" + IcalText.FormatDateTime(_instant) + "Z)";

    /// <inheritdoc/>
    public bool Equals(Occurrence other) => _instant == other._instant && _local == other._local && _nominal == other._nominal;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Occurrence other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_instant, _local, _nominal);

    /// <summary>Compares two occurrences for equality.</summary>
    /// <param name="left">The first occurrence.</param>
    /// <param name="right">The second occurrence.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(Occurrence left, Occurrence right) => left.Equals(right);

    /// <summary>Compares two occurrences for inequality.</summary>
    /// <param name="left">The first occurrence.</param>
    /// <param name="right">The second occurrence.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(Occurrence left, Occurrence right) => !left.Equals(right);
}
