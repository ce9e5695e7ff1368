using System.Collections.Generic;
using System.Linq;
using Calcore.Attendees;
using Calcore.Scheduling.Internal;
using NodaTime;

namespace Calcore.Scheduling;

/// <summary>When each of a set of attendees is busy during a window (Google Calendar's <c>freeBusy</c> answers per
/// calendar in the same way).</summary>
/// <remarks>
/// <para>An event blocks an attendee's time unless it is transparent, cancelled, or the attendee declined or delegated
/// it. A block is <see cref="BusyType.BusyTentative"/> when the event is TENTATIVE or the attendee's answer is TENTATIVE
/// or NEEDS-ACTION, and <see cref="BusyType.Busy"/> otherwise. Series count through their instances: a cancelled
/// instance, or one the attendee declined on its own, does not block; a moved instance blocks where it was moved to.</para>
/// <para>Each attendee's periods are clipped to the window, merged when they overlap or touch, disjoint, and ordered by
/// start: where a busy and a busy-tentative block overlap, the time is busy. <see cref="GetMergedPeriods"/> combines
/// every attendee's periods the same way, for "when is anyone busy".</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class FreeBusy
{
    internal FreeBusy(Interval window, IReadOnlyList<AttendeeBusy> attendees)
    {
        Window = window;
        Attendees = attendees;
    }

    /// <summary>Gets the window the answer covers.</summary>
    public Interval Window { get; }

    /// <summary>Gets each attendee's busy periods, one entry per distinct attendee asked for, in the order asked.</summary>
    public IReadOnlyList<AttendeeBusy> Attendees { get; }

    /// <summary>Gets one attendee's busy periods.</summary>
    /// <param name="attendee">The attendee.</param>
    /// <returns>The attendee's periods.</returns>
    /// <exception cref="KeyNotFoundException">The attendee was not asked for.</exception>
    public AttendeeBusy this[AttendeeId attendee]
        => Attendees.FirstOrDefault(a => a.AttendeeId == attendee)
           ?? throw new KeyNotFoundException($"The free/busy answer has no attendee '{attendee}'.");

    /// <summary>Combines every attendee's periods: the time at least one attendee is busy (or busy-tentative, where
    /// nobody is busy).</summary>
    /// <returns>The combined periods, disjoint and ordered by start.</returns>
    public IReadOnlyList<BusyPeriod> GetMergedPeriods()
        => BusyCalculator.Combine(Attendees.SelectMany(a => a.Periods));

    /// <summary>Describes the answer: each attendee's periods.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Window}: {string.Join("; ", Attendees)}";
}
