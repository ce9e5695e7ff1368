using System;
using Calcore.Internal;
using NodaTime;
using NodaTime.TimeZones;

namespace Calcore.Events;

/// <summary>When an event happens: a timed start in a time zone or floating, or whole days.</summary>
/// <remarks>
/// <para>Three forms, after RFC 5545 §3.3.5 and §3.8.2.4:</para>
/// <list type="bullet">
/// <item><description><b>Zoned</b>: a wall-clock <see cref="LocalDateTime"/> in a <see cref="DateTimeZone"/> and an
/// exact <see cref="Duration"/>.</description></item>
/// <item><description><b>Floating</b>: a wall-clock start with no zone (RFC 5545 form 1). It is placed on the
/// time line in the engine's zone (set on its builder, UTC by default).</description></item>
/// <item><description><b>All-day</b>: a <see cref="LocalDate"/> and a whole number of days.
/// An all-day value made from a time and a duration is normalised: the time is dropped, a missing or zero
/// duration becomes one day, and any other duration is rounded up to whole days (1 h → 1 day, 25 h → 2 days).
/// All-day events are also placed in the manager's zone, from midnight to midnight.</description></item>
/// </list>
/// <para>A wall time that does not exist (in a daylight-saving gap) moves forward by the length of the gap; an
/// ambiguous one takes the earlier instant (NodaTime's lenient resolver; RFC 5545 §3.3.5).</para>
/// <para><b>Range.</b> An event must lie, as wall-clock times, between <see cref="MinStart"/> (0001-01-02T00:00) and
/// <see cref="MaxEnd"/> (9999-12-31T00:00): its start not before the first, its end (start plus duration, or the
/// exclusive end date of an all-day event) not after the second. That is the years 1–9999 that the recurrence engine
/// and the storages use, less one day at each end, so that placing the event in any zone (offsets up to ±18 hours)
/// stays on NodaTime's time line. The factories throw <see cref="ArgumentOutOfRangeException"/> otherwise.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class EventTiming : IEquatable<EventTiming>
{
    private readonly Offset? _offset;

    /// <summary>The earliest wall-clock start an event may have: 0001-01-02T00:00 (see the remarks on range).</summary>
    private static readonly LocalDateTime MinStart = new(1, 1, 2, 0, 0);

    /// <summary>The latest wall-clock end an event may have: 9999-12-31T00:00 (see the remarks on range).</summary>
    private static readonly LocalDateTime MaxEnd = new(9999, 12, 31, 0, 0);

    private EventTiming(LocalDateTime start, DateTimeZone? zone, Duration duration, int days, Offset? offset = null)
    {
        Start = start;
        Zone = zone;
        Duration = duration;
        Days = days;
        _offset = offset;
    }

    /// <summary>Gets the wall-clock start; midnight of <see cref="StartDate"/> for all-day events.</summary>
    public LocalDateTime Start { get; }

    /// <summary>Gets the offset a zoned start keeps inside a fall-back overlap (set when the timing was made from a
    /// <see cref="ZonedDateTime"/> at the later of two equal wall times), or null when the earlier instant applies.</summary>
    /// <remarks>Storage providers round-trip it through <see cref="Timed(ZonedDateTime, Duration)"/>.</remarks>
    public Offset? PreferredOffset => _offset;

    /// <summary>Gets the start date.</summary>
    public LocalDate StartDate => Start.Date;

    /// <summary>Gets the time zone of a zoned event, or null for floating and all-day events.</summary>
    public DateTimeZone? Zone { get; }

    /// <summary>Gets the exact length of a timed event; for an all-day event, <see cref="Days"/> standard days.</summary>
    public Duration Duration { get; }

    /// <summary>Gets the number of days of an all-day event, or 0 for a timed event.</summary>
    public int Days { get; }

    /// <summary>Gets a value indicating whether this is an all-day event.</summary>
    public bool IsAllDay => Days > 0;

    /// <summary>Gets a value indicating whether this is a floating timed event (no zone, not all-day).</summary>
    public bool IsFloating => Zone is null && !IsAllDay;

    /// <summary>Gets the exclusive end date of an all-day event (its start date plus <see cref="Days"/>).</summary>
    /// <exception cref="InvalidOperationException">The event is not all-day.</exception>
    public LocalDate EndDate => IsAllDay
        ? StartDate.PlusDays(Days)
        : throw new InvalidOperationException("Only an all-day timing has an end date.");

    /// <summary>Creates a timed event in a zone, or floating when <paramref name="zone"/> is null.</summary>
    /// <param name="start">The wall-clock start.</param>
    /// <param name="zone">The zone, or null for a floating event.</param>
    /// <param name="duration">The exact length; zero or positive.</param>
    /// <returns>The timing.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative, or the event starts before
    /// 0001-01-02 or ends after 9999-12-31T00:00 (see the remarks on range).</exception>
    public static EventTiming Timed(LocalDateTime start, DateTimeZone? zone, Duration duration)
    {
        if (duration < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "An event's duration must not be negative.");
        }
        CheckRange(start, duration, nameof(duration));
        return new EventTiming(start, zone, duration, 0);
    }

    /// <summary>Creates a timed event from its wall-clock start and end, in a zone or floating.</summary>
    /// <param name="start">The wall-clock start.</param>
    /// <param name="zone">The zone, or null for a floating event.</param>
    /// <param name="end">The wall-clock end (exclusive); not before the start once both are placed in the zone.</param>
    /// <returns>The timing, whose duration is the exact time between the two in the zone (across its DST changes); for a
    /// floating event, which has no zone yet, the wall-clock difference: on a night when the clocks change in the zone the
    /// event is later placed in, such an event ends an hour off its wall-clock end (RFC 5545 would keep the wall-clock end).</returns>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The start is before 0001-01-02 or the end after 9999-12-31T00:00
    /// (see the remarks on range).</exception>
    public static EventTiming Timed(LocalDateTime start, DateTimeZone? zone, LocalDateTime end)
    {
        CheckRange(start, Duration.Zero, nameof(start));
        if (end > MaxEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"An event must end by {MaxEnd:uuuu-MM-dd'T'HH:mm} (the representable range).");
        }
        Duration duration = zone is null
            ? end.InUtc().ToInstant() - start.InUtc().ToInstant()
            : end.InZoneLeniently(zone).ToInstant() - start.InZoneLeniently(zone).ToInstant();
        if (duration < Duration.Zero)
        {
            throw new ArgumentException($"The end {end:uuuu-MM-dd'T'HH:mm:ss} is before the start {start:uuuu-MM-dd'T'HH:mm:ss}.", nameof(end));
        }
        return new EventTiming(start, zone, duration, 0);
    }

    /// <summary>Creates a timed event from a zoned start.</summary>
    /// <param name="start">The start, whose zone becomes the event's zone.</param>
    /// <param name="duration">The exact length; zero or positive.</param>
    /// <returns>The timing.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative, or the event starts before
    /// 0001-01-02 or ends after 9999-12-31T00:00 (see the remarks on range).</exception>
    public static EventTiming Timed(ZonedDateTime start, Duration duration)
    {
        EventTiming timing = Timed(start.LocalDateTime, start.Zone, duration);
        // In a fall-back overlap the wall time alone would resolve to the earlier instant: keep the offset given.
        return start.Zone.MapLocal(start.LocalDateTime).Count == 2
            ? new EventTiming(timing.Start, timing.Zone, timing.Duration, 0, start.Offset)
            : timing;
    }

    /// <summary>Creates an all-day event of a whole number of days.</summary>
    /// <param name="start">The first day.</param>
    /// <param name="days">The number of days; at least 1.</param>
    /// <returns>The timing.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1 or more than 36,500, or the
    /// event starts before 0001-01-02 or ends after 9999-12-31 (exclusive end date; see the remarks on range).</exception>
    public static EventTiming AllDay(LocalDate start, int days = 1)
    {
        Preconditions.CheckArgumentRange(nameof(days), days, 1, 36_500);
        CheckRange(start.AtMidnight(), Duration.FromDays(days), nameof(days));
        return new EventTiming(start.AtMidnight(), null, Duration.FromDays(days), days);
    }

    /// <summary>Creates an all-day event from any time on its first day and a length rounded up to whole days.</summary>
    /// <param name="start">Any time on the first day; the time of day is dropped.</param>
    /// <param name="duration">The length: null or zero gives one day; anything else is rounded up to whole days.</param>
    /// <returns>The timing.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative or longer than 36,500 days, or
    /// the event starts before 0001-01-02 or ends after 9999-12-31 (see the remarks on range).</exception>
    public static EventTiming AllDay(LocalDateTime start, Duration? duration)
    {
        Duration length = duration ?? Duration.Zero;
        if (length < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "An event's duration must not be negative.");
        }
        long days = length == Duration.Zero ? 1 : length.Days + (length > Duration.FromDays(length.Days) ? 1 : 0);
        Preconditions.CheckArgumentRange(nameof(duration), days, 1, 36_500);
        return AllDay(start.Date, (int)days);
    }

    /// <summary>Places the event on the time line.</summary>
    /// <param name="defaultZone">The zone for floating and all-day events (the manager's zone).</param>
    /// <returns>The half-open interval [start, end) of instants.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="defaultZone"/> is null.</exception>
    public Interval ToInterval(DateTimeZone defaultZone)
    {
        Preconditions.CheckNotNull(defaultZone);
        if (IsAllDay)
        {
            return new Interval(defaultZone.AtStartOfDay(StartDate).ToInstant(), defaultZone.AtStartOfDay(EndDate).ToInstant());
        }
        Instant start = _offset is { } offset && Zone is not null
            ? Start.InZone(Zone, mapping => mapping.Count == 2 && mapping.Last().Offset == offset ? mapping.Last() : Resolvers.LenientResolver(mapping)).ToInstant()
            : Start.InZoneLeniently(Zone ?? defaultZone).ToInstant();
        return new Interval(start, start + Duration);
    }

    /// <summary>Returns a copy that starts at another wall-clock time (or date, for all-day events), keeping the length.</summary>
    /// <param name="start">The new start; for all-day timings only its date is used.</param>
    /// <returns>The moved timing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The moved event would start before 0001-01-02 or end after
    /// 9999-12-31T00:00 (see the remarks on range).</exception>
    public EventTiming WithStart(LocalDateTime start)
    {
        if (IsAllDay)
        {
            return AllDay(start.Date, Days);
        }
        CheckRange(start, Duration, nameof(start));
        return new EventTiming(start, Zone, Duration, 0);
    }

    /// <summary>Whether this timing moved to another start stays in the representable range (what <see cref="WithStart"/> checks).</summary>
    internal bool FitsAt(LocalDateTime start)
        => IsAllDay
            ? start.Date >= MinStart.Date && start.Date.PlusDays(Days - 1) < MaxEnd.Date
            : start >= MinStart && start <= MaxEnd && MaxEnd.InUtc().ToInstant() - start.InUtc().ToInstant() >= Duration;

    /// <summary>Refuses a wall-clock span outside [<see cref="MinStart"/>, <see cref="MaxEnd"/>].</summary>
    private static void CheckRange(LocalDateTime start, Duration length, string lengthName)
    {
        if (start < MinStart)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start,
                $"An event must start on or after {MinStart:uuuu-MM-dd'T'HH:mm} (the representable range is years 1 to 9999, less a day at each end).");
        }
        if (start > MaxEnd || MaxEnd.InUtc().ToInstant() - start.InUtc().ToInstant() < length)
        {
            throw new ArgumentOutOfRangeException(start > MaxEnd ? nameof(start) : lengthName, start > MaxEnd ? start : length,
                $"An event must end by {MaxEnd:uuuu-MM-dd'T'HH:mm} (the representable range is years 1 to 9999, less a day at each end); this one starts at {start:uuuu-MM-dd'T'HH:mm}.");
        }
    }

    /// <inheritdoc/>
    public bool Equals(EventTiming? other)
        => other is not null && Start == other.Start && Duration == other.Duration && Days == other.Days && _offset == other._offset
           && string.Equals(Zone?.Id, other.Zone?.Id, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EventTiming);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Start, Duration, Days, Zone?.Id);

    /// <summary>Describes the timing, e.g. <c>2005-04-10T16:00:00 Europe/Paris +01:00:00</c> or <c>2005-04-10 (1 day)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => IsAllDay
        ? FormattableString.Invariant($"{StartDate:uuuu-MM-dd} ({Days} day{(Days == 1 ? "" : "s")})")
        : FormattableString.Invariant($"{Start:uuuu-MM-dd'T'HH:mm:ss} {Zone?.Id ?? "floating"} +{Duration:-H:mm:ss}");
}
