using NodaTime;

namespace Calcore.Ics;

/// <summary>An iCalendar DURATION value (RFC 5545 §3.3.6): a signed number of nominal days and an exact time.</summary>
/// <remarks>
/// <para>Weeks are read as 7 days. <see cref="Days"/> are nominal: added to a wall-clock time they keep the time of day
/// across a daylight-saving change (RFC 5545 §3.3.6); <see cref="Time"/> (hours, minutes, seconds) is exact. A
/// negative duration has both parts zero or negative, as <c>-P1DT2H</c> reads as −1 day and −2 hours.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
/// <param name="Days">The nominal days (weeks times 7 plus days), signed.</param>
/// <param name="Time">The exact hours, minutes and seconds, signed.</param>
public readonly record struct IcsDuration(int Days, Duration Time);
