namespace Calcore.Ics;

/// <summary>An iCalendar PERIOD value (RFC 5545 §3.3.9): a start and either an end or a duration.</summary>
/// <remarks>
/// <para>Exactly one of <see cref="End"/> and <see cref="Duration"/> is set when the value was read.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
/// <param name="Start">The start.</param>
/// <param name="End">The explicit end (<c>start/end</c>), or null.</param>
/// <param name="Duration">The duration (<c>start/duration</c>), or null.</param>
public readonly record struct IcsPeriod(IcsDateTime Start, IcsDateTime? End, IcsDuration? Duration);
