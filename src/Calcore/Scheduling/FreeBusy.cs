using System;
using System.Collections.Generic;
using System.Linq;
using Calcore.Attendees;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Scheduling;

/// <summary>How busy a period is: RFC 5545 §3.2.9 (FBTYPE), the two values Calcore computes.</summary>
public enum BusyType
{
    /// <summary>BUSY: an accepted (or organized), confirmed booking.</summary>
    Busy = 0,

    /// <summary>BUSY-TENTATIVE: a tentative event, or an invitation answered TENTATIVE or not answered yet.</summary>
    BusyTentative = 1,
}

/// <summary>One busy period of a free/busy answer.</summary>
/// <param name="Period">The half-open period.</param>
/// <param name="Type">How busy it is.</param>
/// <remarks>This type is an immutable value type and is thread-safe.</remarks>
public readonly record struct BusyPeriod(Interval Period, BusyType Type);

/// <summary>When a set of attendees is busy during a window.</summary>
/// <remarks>
/// <para>DESIGN.md "What blocks time": an event blocks an attendee's time unless it is transparent, cancelled, or
/// the attendee declined or delegated it. A block is <see cref="BusyType.BusyTentative"/> when the event is
/// TENTATIVE or the attendee's answer is TENTATIVE or NEEDS-ACTION, and <see cref="BusyType.Busy"/> otherwise.</para>
/// <para>The periods are clipped to the window, merged when they overlap or touch, and disjoint: where a busy
/// and a busy-tentative block overlap, the time is busy. They are ordered by start.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class FreeBusy
{
    internal FreeBusy(Interval window, IReadOnlyList<AttendeeId> attendees, IReadOnlyList<BusyPeriod> periods)
    {
        Window = window;
        Attendees = attendees;
        Periods = periods;
    }

    /// <summary>Gets the window the answer covers.</summary>
    public Interval Window { get; }

    /// <summary>Gets the attendees whose time was combined.</summary>
    public IReadOnlyList<AttendeeId> Attendees { get; }

    /// <summary>Gets every busy period, ordered by start, disjoint.</summary>
    public IReadOnlyList<BusyPeriod> Periods { get; }

    /// <summary>Gets the <see cref="BusyType.Busy"/> periods.</summary>
    public IEnumerable<Interval> Busy => Periods.Where(p => p.Type == BusyType.Busy).Select(p => p.Period);

    /// <summary>Gets the <see cref="BusyType.BusyTentative"/> periods.</summary>
    public IEnumerable<Interval> BusyTentative => Periods.Where(p => p.Type == BusyType.BusyTentative).Select(p => p.Period);
}

/// <summary>The part of each day in which free time is looked for, in the manager's time zone.</summary>
/// <remarks>
/// <para><see cref="End"/> is exclusive; <see cref="LocalTime.Midnight"/> as the end means the end of the day. A
/// working day that starts or ends inside a daylight-saving gap starts or ends at the wall time the gap moves it to.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record WorkingHours
{
    /// <summary>Creates working hours.</summary>
    /// <param name="start">The first moment of each working day.</param>
    /// <param name="end">The end of each working day (exclusive), after <paramref name="start"/>; midnight means the end of the day.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public WorkingHours(LocalTime start, LocalTime end)
    {
        Preconditions.CheckArgument(end == LocalTime.Midnight || end > start, nameof(end),
            $"The working day's end ({end:HH:mm:ss}) must be after its start ({start:HH:mm:ss}), or midnight for the end of the day.");
        Start = start;
        End = end;
    }

    /// <summary>Gets the whole day, midnight to midnight.</summary>
    public static WorkingHours AllDay { get; } = new(LocalTime.Midnight, LocalTime.Midnight);

    /// <summary>Gets the first moment of each working day.</summary>
    public LocalTime Start { get; }

    /// <summary>Gets the end of each working day (exclusive); midnight means the end of the day.</summary>
    public LocalTime End { get; }
}
