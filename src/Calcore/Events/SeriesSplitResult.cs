using System.Collections.Generic;

namespace Calcore.Events;

/// <summary>What a "this and following" change did: the trimmed original series and the new one that follows it.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class SeriesSplitResult
{
    internal SeriesSplitResult(CalendarEvent? original, CalendarEvent following, IReadOnlyList<InstanceOverride> removedOverrides, IReadOnlyList<BookingDecision> decisions)
    {
        Decisions = decisions;
        Original = original;
        Following = following;
        RemovedOverrides = removedOverrides;
    }

    /// <summary>Gets the original series, trimmed to end just before the chosen instance; null when the chosen instance
    /// was the first, in which case the whole series was changed and is <see cref="Following"/>.</summary>
    public CalendarEvent? Original { get; }

    /// <summary>Gets the series that starts at the chosen instance with the change applied (its
    /// <see cref="CalendarEvent.SplitFromId"/> names the original).</summary>
    public CalendarEvent Following { get; }

    /// <summary>Gets the exceptions that could not move to the new series because the change left their instance out of it.</summary>
    public IReadOnlyList<InstanceOverride> RemovedOverrides { get; }

    /// <summary>Gets the answers that attendees with automatic booking policies gave for the new series, when the change
    /// moved it in time or changed its recurrence; empty otherwise.</summary>
    public IReadOnlyList<BookingDecision> Decisions { get; }

    /// <summary>Describes the result: the trimmed original (if any) and the new series.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
        => $"{(Original is null ? "whole series changed" : $"original {Original}")}; following {Following}; {RemovedOverrides.Count} exception(s) removed";
}
