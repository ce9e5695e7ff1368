using System.Collections.Immutable;
using Calcore.Recurrence;
using NodaTime;

namespace Calcore.Ics.Internal.Zones;

/// <summary>One usable STANDARD or DAYLIGHT observance of a VTIMEZONE (RFC 5545 §3.6.5): its first onset (DTSTART, a
/// wall time in <see cref="OffsetFrom"/>), the offsets before and after each onset, its name, and the onsets its
/// RRULEs (a floating set) and RDATEs (wall times) add.</summary>
internal sealed class VTimeZoneObservance
{
    internal VTimeZoneObservance(bool isDaylight, LocalDateTime start, Offset offsetFrom, Offset offsetTo, string name,
        RecurrenceSet? rules, ImmutableArray<LocalDateTime> recurrenceDates, int line)
    {
        IsDaylight = isDaylight;
        Start = start;
        OffsetFrom = offsetFrom;
        OffsetTo = offsetTo;
        Name = name;
        Rules = rules;
        RecurrenceDates = recurrenceDates;
        Line = line;
        // Daylight savings are the step up into the observance; a daylight observance reached otherwise (such as
        // a date-line jump of a day) counts one hour.
        int step = offsetTo.Seconds - offsetFrom.Seconds;
        Savings = !isDaylight ? Offset.Zero : step > 0 && step <= 3 * 3600 ? Offset.FromSeconds(step) : Offset.FromHours(1);
    }

    internal bool IsDaylight { get; }

    internal LocalDateTime Start { get; }

    internal Offset OffsetFrom { get; }

    internal Offset OffsetTo { get; }

    internal Offset Savings { get; }

    internal string Name { get; }

    /// <summary>The RRULEs as a floating set starting at <see cref="Start"/> (UNTIL already turned into a wall time),
    /// or null when the observance has none.</summary>
    internal RecurrenceSet? Rules { get; }

    internal ImmutableArray<LocalDateTime> RecurrenceDates { get; }

    internal int Line { get; }

    /// <summary>The instant of an onset whose wall time is <paramref name="local"/> (read in the offset in effect before
    /// it, RFC 5545 §3.6.5).</summary>
    internal Instant OnsetInstant(LocalDateTime local) => new OffsetDateTime(local, OffsetFrom).ToInstant();
}
