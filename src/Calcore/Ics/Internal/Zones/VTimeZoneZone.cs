using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Calcore.Recurrence;
using NodaTime;
using NodaTime.TimeZones;

namespace Calcore.Ics.Internal.Zones;

/// <summary>A time zone defined by a file's VTIMEZONE (RFC 5545 §3.6.5): its STANDARD and DAYLIGHT observances give
/// the onsets (transitions) and the offsets after them.</summary>
/// <remarks>
/// <para>An onset's instant is its DTSTART, RRULE or RDATE wall time read in the observance's TZOFFSETFROM. Before the
/// earliest onset the zone uses the earliest observance's TZOFFSETFROM; after the last onset of finite rules the last
/// offset stays. Two onsets at the same instant are one: a STANDARD one wins over a DAYLIGHT one, otherwise the one
/// earlier in the file.</para>
/// <para>Work: the onsets of one UTC year are computed once (each rule seeks its window directly, see
/// <see cref="RecurrenceSet"/>) and cached, so a lookup costs a dictionary read and a short search. The DTSTART and
/// RDATE onsets are kept sorted and bound the search for the onset before or after an instant. The zone's
/// <see cref="DateTimeZone.Id"/> is the TZID. Immutable and thread-safe.</para>
/// </remarks>
internal sealed class VTimeZoneZone : DateTimeZone
{
    private const int MaxYear = 9999;

    private readonly VTimeZoneObservance[] _observances;
    private readonly Transition[] _fixed;
    private readonly Transition _first;
    private readonly ZoneInterval _before;
    private readonly Instant? _last;
    private readonly ConcurrentDictionary<int, Transition[]> _years = new();

    internal VTimeZoneZone(string id, IReadOnlyList<VTimeZoneObservance> observances)
        : base(id, false, observances.Min(o => Min(o.OffsetFrom, o.OffsetTo)), observances.Max(o => Max(o.OffsetFrom, o.OffsetTo)))
    {
        _observances = [.. observances];
        var fixedOnsets = new List<Transition>();
        for (int i = 0; i < _observances.Length; i++)
        {
            VTimeZoneObservance o = _observances[i];
            fixedOnsets.Add(new Transition(o.OnsetInstant(o.Start), i));
            foreach (LocalDateTime rd in o.RecurrenceDates)
            {
                fixedOnsets.Add(new Transition(o.OnsetInstant(rd), i));
            }
        }
        _fixed = Normalise(fixedOnsets);
        _first = _fixed[0];
        VTimeZoneObservance earliest = _observances[_first.Observance];
        Offset initial = earliest.OffsetFrom;
        // Name the time before the first onset after an observance that ends in that offset, if any.
        VTimeZoneObservance? namesake = _observances.FirstOrDefault(o => o.OffsetTo == initial && o.IsDaylight != earliest.IsDaylight)
            ?? _observances.FirstOrDefault(o => o.OffsetTo == initial);
        _before = new ZoneInterval(namesake?.Name ?? id, null, _first.Instant, initial, namesake?.Savings ?? Offset.Zero);
        if (_observances.All(o => o.Rules is null || o.Rules.IsBounded))
        {
            Instant last = _fixed[^1].Instant;
            foreach (VTimeZoneObservance o in _observances)
            {
                if (o.Rules?.GetLastOccurrence() is Occurrence lastRule)
                {
                    Instant instant = o.OnsetInstant(lastRule.LocalStart);
                    last = instant > last ? instant : last;
                }
            }
            _last = last;
        }
    }

    /// <summary>Gets the observances the zone was built from.</summary>
    internal IReadOnlyList<VTimeZoneObservance> Observances => _observances;

    /// <inheritdoc/>
    public override ZoneInterval GetZoneInterval(Instant instant)
    {
        if (instant < _first.Instant)
        {
            return _before;
        }
        Transition previous = FindPrevious(instant);
        Transition? next = FindNext(instant);
        VTimeZoneObservance o = _observances[previous.Observance];
        return new ZoneInterval(o.Name, previous.Instant, next?.Instant, o.OffsetTo, o.Savings);
    }

    /// <summary>The onsets (instants) whose instant falls in a UTC year, in order.</summary>
    internal IEnumerable<Instant> GetTransitionsInYear(int year) => Year(year).Select(t => t.Instant);

    private Transition FindPrevious(Instant instant)
    {
        // The latest DTSTART/RDATE onset at or before the instant exists (the first onset is one) and bounds the search.
        int index = LastAtOrBefore(_fixed, instant);
        int floorYear = _fixed[index].Instant.InUtc().Year;
        for (int year = instant.InUtc().Year; year >= floorYear; year--)
        {
            Transition[] onsets = Year(year);
            int i = LastAtOrBefore(onsets, instant);
            if (i >= 0)
            {
                return onsets[i];
            }
        }
        return _fixed[index];
    }

    private Transition? FindNext(Instant instant)
    {
        if (_last is Instant last && instant >= last)
        {
            return null;
        }
        int startYear = instant.InUtc().Year;
        int ceilingYear = Math.Min(MaxYear, startYear + 400);
        int fixedIndex = LastAtOrBefore(_fixed, instant) + 1;
        if (fixedIndex < _fixed.Length)
        {
            ceilingYear = Math.Min(ceilingYear, _fixed[fixedIndex].Instant.InUtc().Year);
        }
        if (_last is Instant end)
        {
            ceilingYear = Math.Min(ceilingYear, end.InUtc().Year);
        }
        for (int year = startYear; year <= ceilingYear; year++)
        {
            Transition[] onsets = Year(year);
            int i = LastAtOrBefore(onsets, instant) + 1;
            if (i < onsets.Length)
            {
                return onsets[i];
            }
        }
        return fixedIndex < _fixed.Length ? _fixed[fixedIndex] : null;
    }

    private Transition[] Year(int year) => _years.GetOrAdd(year, ComputeYear);

    private Transition[] ComputeYear(int year)
    {
        if (year < 1 || year > MaxYear)
        {
            return [];
        }
        Instant from = Instant.FromUtc(year, 1, 1, 0, 0);
        Instant to = year == MaxYear ? Instant.MaxValue : Instant.FromUtc(year + 1, 1, 1, 0, 0);
        var onsets = new List<Transition>();
        foreach (Transition t in _fixed)
        {
            if (t.Instant >= from && t.Instant < to)
            {
                onsets.Add(t);
            }
        }
        // Rules expand as floating sets placed in UTC: the window is in wall time, widened by two days for offsets.
        Instant windowStart = year == 1 ? Instant.FromUtc(1, 1, 1, 0, 0) : from - Duration.FromDays(2);
        Instant windowEnd = year >= MaxYear - 1 ? Instant.MaxValue : to + Duration.FromDays(2);
        for (int i = 0; i < _observances.Length; i++)
        {
            VTimeZoneObservance o = _observances[i];
            if (o.Rules is null)
            {
                continue;
            }
            foreach (Occurrence occurrence in o.Rules.GetOccurrences(new Interval(windowStart, windowEnd)))
            {
                Instant instant = o.OnsetInstant(occurrence.LocalStart);
                if (instant >= from && instant < to)
                {
                    onsets.Add(new Transition(instant, i));
                }
            }
        }
        return onsets.Count == 0 ? [] : Normalise(onsets);
    }

    /// <summary>Sorts onsets by instant and keeps one per instant (STANDARD over DAYLIGHT, then the earlier in the file).</summary>
    private Transition[] Normalise(List<Transition> onsets)
    {
        onsets.Sort((a, b) =>
        {
            int c = a.Instant.CompareTo(b.Instant);
            if (c != 0)
            {
                return c;
            }
            c = _observances[a.Observance].IsDaylight.CompareTo(_observances[b.Observance].IsDaylight);
            return c != 0 ? c : a.Observance.CompareTo(b.Observance);
        });
        var result = new List<Transition>(onsets.Count);
        foreach (Transition t in onsets)
        {
            if (result.Count == 0 || result[^1].Instant != t.Instant)
            {
                result.Add(t);
            }
        }
        return [.. result];
    }

    private static int LastAtOrBefore(Transition[] onsets, Instant instant)
    {
        int lo = 0;
        int hi = onsets.Length - 1;
        int found = -1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (onsets[mid].Instant <= instant)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }

    private static Offset Min(Offset a, Offset b) => a < b ? a : b;

    private static Offset Max(Offset a, Offset b) => a > b ? a : b;

    private readonly record struct Transition(Instant Instant, int Observance);
}
