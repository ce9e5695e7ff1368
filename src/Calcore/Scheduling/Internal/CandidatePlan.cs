using System.Collections.Generic;
using Calcore.Events;
using NodaTime;

namespace Calcore.Scheduling.Internal;

/// <summary>
/// The candidate instances of one booking, computed (and limited) before the write's unit of work takes the storage's
/// lock, so the lock is held only for the index-backed check against what is booked and the write.
/// </summary>
/// <remarks>
/// <para>A plan belongs to one call: it is computed from the event read before the unit of work, with one clock
/// reading that the whole decision then uses as "now". Inside the unit of work it is used only for the same event at
/// the same version (nothing changed its timing in between) and for a policy with the same booking window; otherwise
/// the gate computes the candidates again inside, under the same limit. The policy itself is always the one read inside
/// the unit of work: the plan holds times, never rules.</para>
/// <para>Not thread-safe; used by one call at a time.</para>
/// </remarks>
internal sealed class CandidatePlan
{
    private readonly Dictionary<Duration, (List<(Interval Period, OriginalStart? Key)>? Candidates, bool GoesPastWindow)> _byWindow = [];

    internal CandidatePlan(EventId eventId, long version, Instant now)
    {
        EventId = eventId;
        Version = version;
        Now = now;
    }

    /// <summary>Gets the event the plan was computed for.</summary>
    internal EventId EventId { get; }

    /// <summary>Gets the event's version when the plan was computed.</summary>
    internal long Version { get; }

    /// <summary>Gets the clock reading the whole decision uses.</summary>
    internal Instant Now { get; }

    /// <summary>The plan when it was computed for this event at this version; null otherwise (computed again inside).</summary>
    internal CandidatePlan? For(CalendarEvent current) => current.Id == EventId && current.Version == Version ? this : null;

    internal bool Has(Duration bookingWindow) => _byWindow.ContainsKey(bookingWindow);

    internal void Add(Duration bookingWindow, List<(Interval Period, OriginalStart? Key)>? candidates, bool goesPastWindow)
        => _byWindow[bookingWindow] = (candidates, goesPastWindow);

    /// <summary>The candidates for a booking window: found (the list, or null when over the limit per booking), or not
    /// planned.</summary>
    internal bool TryGet(Duration bookingWindow, out List<(Interval Period, OriginalStart? Key)>? candidates)
    {
        bool found = _byWindow.TryGetValue(bookingWindow, out var planned);
        candidates = planned.Candidates;
        return found;
    }

    /// <summary>Whether the series has an instance after the end of a booking window: planned (true or false), or
    /// null when not planned.</summary>
    internal bool? GoesPastWindow(Duration bookingWindow) => _byWindow.TryGetValue(bookingWindow, out var planned) ? planned.GoesPastWindow : null;
}
