using System;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Attendees;

/// <summary>The part of each day in which an attendee works, or in which free time is looked for: a start and an end
/// wall time.</summary>
/// <remarks>
/// <para>The value is kept in an attendee's directory record (<see cref="AttendeeRecord.WorkingHours"/>) and passed to
/// the engine's free-time search, which reads it in the manager's time zone. It lives in <c>Calcore.Attendees</c>, below
/// the scheduling layer that uses it, so that an attendee record can carry it.</para>
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
