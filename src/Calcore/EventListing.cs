using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Events.Internal;
using Calcore.Internal;
using Calcore.Recurrence;
using Calcore.Storage;
using Calcore.Storage.Internal;
using NodaTime;

namespace Calcore;

/// <summary>Plans and answers a listing: asks storage for the events whose span overlaps the window (through the
/// attendee's or the organizer's index when the query names one), applies the criteria, and lists series either as
/// themselves (with their exceptions) or expanded into instances.</summary>
/// <remarks>
/// <para>Work bound: one storage query, then for each series found, its instances in the window (an expanded listing
/// needs a bounded window, checked before storage is asked), or, for an unbounded window, the first visible instance
/// and the exceptions. Results are sorted by start then id only when storage order was broken by instances.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
internal sealed class EventListing(IStorage storage, DateTimeZone zone)
{
    /// <summary>Checks a query before anything is read: an expanded listing needs a window with a start and an end.</summary>
    internal static void Validate(EventListQuery query, string paramName)
    {
        Preconditions.CheckNotNull(query, paramName);
        Preconditions.CheckArgument(!query.ExpandRecurrence || (query.Window.HasStart && query.Window.HasEnd), paramName,
            "Expanding series into instances needs a window with a start and an end (a series may have no end).");
    }

    /// <summary>Answers a validated query.</summary>
    internal async Task<IReadOnlyList<CalendarEvent>> ListAsync(EventListQuery query, CancellationToken cancellationToken)
    {
        Interval window = query.Window;
        SearchCriteria criteria = query.Criteria;
        AttendeeId? scope = query.Attendee;
        var storageQuery = new EventQuery { Window = window, Attendee = scope, Organizer = scope is null ? criteria.Organizer : null };
        IReadOnlyList<CalendarEvent> found = await storage.QueryEventsAsync(storageQuery, cancellationToken).ConfigureAwait(false);
        // The storage narrows to the scoped attendee exactly, so a scoped query without criteria needs no check.
        bool plain = criteria.Equals(SearchCriteria.None);
        var result = new List<(Instant Start, CalendarEvent Event)>(found.Count);
        foreach (CalendarEvent stored in found)
        {
            if (!stored.IsRecurring)
            {
                Interval interval = StoredSeries.SpanOf(stored, zone);
                if (SpanMath.Overlaps(interval, window) && (plain || criteria.Matches(stored, scope)))
                {
                    result.Add((interval.Start, stored));
                }
                continue;
            }
            bool anyVisible = false;
            foreach (InstanceSlot slot in SlotsForListing(stored, window))
            {
                bool visible = !slot.IsCancelled || query.IncludeCancelledInstances;
                anyVisible |= !slot.IsCancelled;
                bool listInstance = query.ExpandRecurrence ? visible : visible && slot.Override is { } o && (o.ChangesFields || o.IsCancelled);
                if (listInstance)
                {
                    CalendarEvent instance = SeriesExpander.Instance(stored, slot);
                    if (criteria.Matches(instance, scope))
                    {
                        result.Add((slot.Interval.Start, instance));
                    }
                }
            }
            if (!query.ExpandRecurrence && anyVisible && criteria.Matches(stored, scope))
            {
                result.Add((StoredSeries.SpanOf(stored, zone).Start, stored));
            }
        }
        // Storage returns events in this order already; series' instances and moved exceptions may break it.
        if (!IsOrdered(result))
        {
            result.Sort(static (a, b) => CompareListed(a, b));
        }
        var events = new CalendarEvent[result.Count];
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = result[i].Event;
        }
        return events;
    }

    /// <summary>The instances of one series that overlap a bounded window, cancelled ones only when asked for.</summary>
    internal List<CalendarEvent> InstancesOf(CalendarEvent series, Interval window, bool includeCancelled)
    {
        var result = new List<CalendarEvent>();
        foreach (InstanceSlot slot in StoredSeries.SlotsIn(series, window, zone))
        {
            if (includeCancelled || !slot.IsCancelled)
            {
                result.Add(SeriesExpander.Instance(series, slot));
            }
        }
        return result;
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
    /// shows (the first visible instance) plus its exceptions.</summary>
    private List<InstanceSlot> SlotsForListing(CalendarEvent series, Interval window)
    {
        if (window.HasStart && window.HasEnd)
        {
            return StoredSeries.SlotsIn(series, window, zone);
        }
        var slots = new List<InstanceSlot>();
        Interval span = StoredSeries.SpanOf(series, zone);
        Instant from = window.HasStart && window.Start > span.Start ? window.Start : span.Start;
        // A storage may return a series whose span, in this engine's zone, starts after the window ends (a floating
        // series indexed in another zone): it has no instance there.
        IEnumerable<Occurrence> occurrences = window.HasEnd && from >= window.End
            ? []
            : StoredSeries.SetOf(series).GetOccurrences(new Interval(from, window.HasEnd ? window.End : null), zone);
        foreach (Occurrence o in occurrences)
        {
            if (StoredSeries.FindSlot(series, SeriesExpander.KeyOf(series.Details, o), zone) is { } slot)
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
            if (o.ChangesFields && StoredSeries.FindSlot(series, o.OriginalStart, zone) is { } slot && SpanMath.Overlaps(slot.Interval, window)
                && !slots.Exists(s => s.Key == o.OriginalStart))
            {
                slots.Add(slot);
            }
        }
        return slots;
    }
}
