using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Events.Internal;
using Calcore.Internal;
using Calcore.Recurrence;
using Calcore.Storage;
using NodaTime;

namespace Calcore;

/// <content>Listing and reading recurring events: series, instances and exceptions.</content>
public sealed partial class StorageManager
{
    /// <summary>Gets the instances of a series that overlap a window, ordered by start (Google's <c>events.instances</c>).</summary>
    /// <param name="seriesId">The series.</param>
    /// <param name="window">The half-open window; it must have a start and an end.</param>
    /// <param name="includeCancelled">Whether cancelled instances are included.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The instances, with their exceptions applied.</returns>
    /// <exception cref="ArgumentException"><paramref name="window"/> is open at either end, or the event is not a series.</exception>
    /// <exception cref="EventNotFoundException">The series does not exist.</exception>
    public async Task<IReadOnlyList<CalendarEvent>> GetInstancesAsync(EventId seriesId, Interval window, bool includeCancelled = false, CancellationToken cancellationToken = default)
    {
        CheckBounded(window);
        CalendarEvent series = await GetSeriesAsync(seriesId, cancellationToken).ConfigureAwait(false);
        var result = new List<CalendarEvent>();
        foreach (InstanceSlot slot in SeriesExpander.SlotsIn(series, window, Zone))
        {
            if (includeCancelled || !slot.IsCancelled)
            {
                result.Add(SeriesExpander.Instance(series, slot));
            }
        }
        return result;
    }

    /// <summary>Gets the instance of a series with a given original start (Google's <c>originalStart</c> parameter).</summary>
    /// <param name="seriesId">The series.</param>
    /// <param name="originalStart">The start the series' rule gave the instance.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The instance (cancelled or not).</returns>
    /// <exception cref="ArgumentException">The event is not a series.</exception>
    /// <exception cref="EventNotFoundException">The series does not exist or has no instance there; the exception carries the instance id.</exception>
    public async Task<CalendarEvent> GetInstanceAsync(EventId seriesId, OriginalStart originalStart, CancellationToken cancellationToken = default)
    {
        CalendarEvent series = await GetSeriesAsync(seriesId, cancellationToken).ConfigureAwait(false);
        return SeriesExpander.FindSlot(series, originalStart, Zone) is { } slot
            ? SeriesExpander.Instance(series, slot)
            : throw new EventNotFoundException(EventId.ForInstance(seriesId, originalStart));
    }

    private async Task<CalendarEvent> GetSeriesAsync(EventId seriesId, CancellationToken cancellationToken)
    {
        CalendarEvent? series = await Storage.FindEventAsync(seriesId, cancellationToken).ConfigureAwait(false)
            ?? throw new EventNotFoundException(seriesId);
        if (!(series.IsRecurring))
        {
            throw new ArgumentException($"Event '{seriesId}' is not a recurring event.", nameof(seriesId));
        }
        return series.BindTo(this);
    }

    private async Task<CalendarEvent?> FindInstanceOrNullAsync(EventId id, CancellationToken cancellationToken)
    {
        if (!id.TryGetInstance(out EventId seriesId, out OriginalStart key))
        {
            return null;
        }
        CalendarEvent? series = await Storage.FindEventAsync(seriesId, cancellationToken).ConfigureAwait(false);
        if (series is null || !series.IsRecurring || SeriesExpander.FindSlot(series, key, Zone) is not { } slot)
        {
            return null;
        }
        return SeriesExpander.Instance(series.BindTo(this), slot);
    }

    private async Task<IReadOnlyList<CalendarEvent>> QueryAsync(EventQuery query, Interval window, SearchCriteria? criteria, AttendeeId? scope,
        EventListOptions? options, CancellationToken cancellationToken)
    {
        options ??= EventListOptions.Default;
        criteria ??= SearchCriteria.None;
        bool plain = ReferenceEquals(criteria, SearchCriteria.None) && scope == query.Attendee;
        IReadOnlyList<CalendarEvent> found = await Storage.QueryEventsAsync(query, cancellationToken).ConfigureAwait(false);
        var result = new List<(Instant Start, CalendarEvent Event)>(found.Count);
        bool expanded = options.ExpandRecurrence;
        foreach (CalendarEvent stored in found)
        {
            if (!stored.IsRecurring)
            {
                // The span is computed on the stored snapshot, which keeps it for the next query (a bound copy is new
                // each time); the copy is made only for an event that is returned.
                Interval interval = SpanOf(stored);
                // The storage narrows to the scoped attendee exactly, so criteria without filters need no check.
                if (SpanMath.Overlaps(interval, window) && (plain || criteria.Matches(stored, scope)))
                {
                    result.Add((interval.Start, stored.BindTo(this)));
                }
                continue;
            }
            CalendarEvent e = stored.BindTo(this);
            Preconditions.CheckArgument(!expanded || (window.HasStart && window.HasEnd), nameof(window), "Expanding series needs a window with a start and an end.");
            List<InstanceSlot> slots = SlotsForListing(e, window);
            bool anyVisible = false;
            foreach (InstanceSlot slot in slots)
            {
                bool visible = !slot.IsCancelled || options.IncludeCancelledInstances;
                anyVisible |= !slot.IsCancelled;
                bool listInstance = expanded ? visible : visible && slot.Override is { } o && (o.ChangesFields || o.IsCancelled);
                if (listInstance)
                {
                    CalendarEvent instance = SeriesExpander.Instance(e, slot);
                    if (criteria.Matches(instance, scope))
                    {
                        result.Add((slot.Interval.Start, instance));
                    }
                }
            }
            if (!expanded && anyVisible && criteria.Matches(e, scope))
            {
                result.Add((SpanOf(e).Start, e));
            }
        }
        // Storage returns events in this order already; series' instances and moved exceptions may break it.
        if (!IsOrdered(result))
        {
            result.Sort(static (a, b) => CompareListed(a, b));
        }
        return Arrays.Map(result, static r => r.Event);
    }

    private static int CompareListed((Instant Start, CalendarEvent Event) a, (Instant Start, CalendarEvent Event) b)
        => a.Start.CompareTo(b.Start) is var c && c != 0 ? c : string.CompareOrdinal(a.Event.Id.Value, b.Event.Id.Value);

    private static bool IsOrdered(List<(Instant Start, CalendarEvent Event)> listed)
    {
        for (int i = 1; i < listed.Count; i++)
        {
            if (CompareListed(listed[i - 1], listed[i]) > 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The instances of a series in a listing window; for an unbounded window, only enough to know the series
    /// shows (the first instance) plus its exceptions.</summary>
    private List<InstanceSlot> SlotsForListing(CalendarEvent series, Interval window)
    {
        if (window.HasStart && window.HasEnd)
        {
            return SeriesExpander.SlotsIn(series, window, Zone);
        }
        // An open window (organized events over all time): the series shows when it has any visible instance.
        var slots = new List<InstanceSlot>();
        Interval span = SpanOf(series);
        Instant from = window.HasStart && window.Start > span.Start ? window.Start : span.Start;
        // A storage may return a series whose span, in this manager's zone, starts after the window ends (a floating
        // series indexed in another zone): it has no instance there.
        IEnumerable<Occurrence> occurrences = window.HasEnd && from >= window.End
            ? []
            : SeriesExpander.SetOf(series.Details).GetOccurrences(new Interval(from, window.HasEnd ? window.End : null), Zone);
        foreach (Occurrence o in occurrences)
        {
            if (SeriesExpander.FindSlot(series, SeriesExpander.KeyOf(series.Details, o), Zone) is { } slot)
            {
                slots.Add(slot);
                if (!slot.IsCancelled)
                {
                    break;
                }
            }
        }
        foreach (InstanceOverride o in series.Overrides)
        {
            if (o.ChangesFields && SeriesExpander.FindSlot(series, o.OriginalStart, Zone) is { } slot && SpanMath.Overlaps(slot.Interval, window)
                && !slots.Exists(s => s.Key == o.OriginalStart))
            {
                slots.Add(slot);
            }
        }
        return slots;
    }
}
