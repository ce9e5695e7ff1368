using System.Collections.Generic;

namespace Calcore.Events;

/// <summary>What a change of an event, a series or one instance did: the new snapshot, the exceptions the change
/// removed, and the answers attendees with automatic booking policies gave again.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class EventUpdateResult
{
    internal EventUpdateResult(CalendarEvent @event, IReadOnlyList<InstanceOverride> removedOverrides, IReadOnlyList<BookingDecision> decisions)
    {
        Event = @event;
        RemovedOverrides = removedOverrides;
        Decisions = decisions;
    }

    /// <summary>Gets the event after the change (the instance, when one instance was changed).</summary>
    public CalendarEvent Event { get; }

    /// <summary>Gets the exceptions and cancellations of a series that were removed because their original start is no
    /// longer an instance of the series (its start or rule changed, or it stopped recurring).</summary>
    public IReadOnlyList<InstanceOverride> RemovedOverrides { get; }

    /// <summary>Gets the answers that attendees with automatic booking policies gave again because the change moved the
    /// event in time (or made it block time again), in the order of the event's attendees; empty when nothing moved.</summary>
    public IReadOnlyList<BookingDecision> Decisions { get; }

    /// <summary>Describes the result: the event, and how many exceptions were removed and answers given.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
        => $"{Event}; {RemovedOverrides.Count} exception(s) removed; {Decisions.Count} automatic answer(s)";
}
