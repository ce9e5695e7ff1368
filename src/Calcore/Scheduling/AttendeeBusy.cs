using System.Collections.Generic;
using System.Linq;
using Calcore.Attendees;
using NodaTime;

namespace Calcore.Scheduling;

/// <summary>One attendee's part of a <see cref="FreeBusy"/> answer: when that attendee is busy and busy-tentative.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class AttendeeBusy
{
    internal AttendeeBusy(AttendeeId attendeeId, IReadOnlyList<BusyPeriod> periods)
    {
        AttendeeId = attendeeId;
        Periods = periods;
    }

    /// <summary>Gets the attendee.</summary>
    public AttendeeId AttendeeId { get; }

    /// <summary>Gets the attendee's busy periods, clipped to the window, disjoint and ordered by start.</summary>
    public IReadOnlyList<BusyPeriod> Periods { get; }

    /// <summary>Gets the <see cref="BusyType.Busy"/> periods.</summary>
    public IEnumerable<Interval> Busy => Periods.Where(p => p.Type == BusyType.Busy).Select(p => p.Period);

    /// <summary>Gets the <see cref="BusyType.BusyTentative"/> periods.</summary>
    public IEnumerable<Interval> BusyTentative => Periods.Where(p => p.Type == BusyType.BusyTentative).Select(p => p.Period);

    /// <summary>Gets a value indicating whether the attendee is free for the whole window.</summary>
    public bool IsFree => Periods.Count == 0;

    /// <summary>Describes the attendee's periods, e.g. <c>martijn: BusyTentative 2026-04-10T14:00:00Z/2026-04-10T15:00:00Z</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
        => IsFree ? $"{AttendeeId}: free" : $"{AttendeeId}: {string.Join(", ", Periods.Select(p => $"{p.Type} {p.Period}"))}";
}
