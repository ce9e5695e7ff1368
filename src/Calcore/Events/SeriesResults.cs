using System.Collections.Generic;

namespace Calcore.Events;

/// <summary>What a change to a whole series did: the new snapshot and the exceptions it removed.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class SeriesUpdateResult
{
    internal SeriesUpdateResult(CalendarEvent @event, IReadOnlyList<InstanceOverride> removedOverrides)
    {
        Event = @event;
        RemovedOverrides = removedOverrides;
    }

    /// <summary>Gets the event after the change.</summary>
    public CalendarEvent Event { get; }

    /// <summary>Gets the exceptions and cancellations that were removed because their original start is no longer an
    /// instance of the series (its start or rule changed, or it stopped recurring).</summary>
    public IReadOnlyList<InstanceOverride> RemovedOverrides { get; }
}

/// <summary>What a "this and following" change did: the trimmed original series and the new one that follows it.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class SeriesSplitResult
{
    internal SeriesSplitResult(CalendarEvent? original, CalendarEvent following, IReadOnlyList<InstanceOverride> removedOverrides)
    {
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
}
