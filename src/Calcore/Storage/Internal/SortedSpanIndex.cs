using System;
using System.Collections.Generic;
using Calcore.Events;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Storage.Internal;

/// <summary>
/// The spans of one key's events (an attendee's, an organizer's, or all events), ordered by start then id, for
/// "which spans overlap this window" queries.
/// </summary>
/// <remarks>
/// <para>Spans of at most <see cref="LongSpanDays"/> days are kept in one sorted set and searched from the window's
/// start minus the longest of them: no shorter span that starts earlier can reach the window. Longer and open-ended
/// spans (series) are kept in a second sorted set and searched from its beginning up to the window's end, since any of
/// them may reach the window. A query of [ws, we) therefore costs O(log n) plus the short spans that start in
/// [ws − longest short span, we) plus the long spans that start before we.</para>
/// <para>Each set is a <see cref="ChunkedSortedList{T}"/> (short sorted arrays under a sorted list of their first
/// entries), so adding or removing one entry costs O(log n) plus one short array's move even in the index of all
/// events, and a search reads a few contiguous arrays. The longest short span only grows while the index holds short spans (a removal does
/// not shrink it), which can only widen a search. Not thread-safe: the owner locks.</para>
/// </remarks>
internal sealed class SortedSpanIndex
{
    /// <summary>The length in days beyond which a span goes to the long set.</summary>
    internal const int LongSpanDays = 35;

    private static readonly long LongSpanTicks = Duration.FromDays(LongSpanDays).BclCompatibleTicks;

    private readonly ChunkedSortedList<Entry> _short = new(EntryComparer.Instance);
    private readonly ChunkedSortedList<Entry> _long = new(EntryComparer.Instance);
    private long _longestShort;

    /// <summary>Gets the number of entries.</summary>
    internal int Count => _short.Count + _long.Count;

    /// <summary>Adds an entry (whose start and id are not in the index yet).</summary>
    internal void Add(Entry entry)
    {
        if (IsLong(entry))
        {
            _long.Add(entry);
            return;
        }
        _short.Add(entry);
        _longestShort = Math.Max(_longestShort, entry.End - entry.Start);
    }

    /// <summary>Removes the entry with the same start, end and id.</summary>
    internal void Remove(Entry entry)
    {
        if (IsLong(entry))
        {
            _long.Remove(entry);
            return;
        }
        _short.Remove(entry);
        if (_short.Count == 0)
        {
            _longestShort = 0;
        }
    }

    /// <summary>Adds to <paramref name="into"/> every entry whose span overlaps the window [ws, we), ordered by start then id.</summary>
    internal void Collect(long ws, long we, List<Entry> into)
    {
        int first = into.Count;
        long lower = ws < long.MinValue + _longestShort ? long.MinValue : ws - _longestShort;
        Collect(_short, lower, ws, we, into);
        int fromShort = into.Count - first;
        Collect(_long, long.MinValue, ws, we, into);
        if (fromShort > 0 && into.Count - first > fromShort)
        {
            into.Sort(first, into.Count - first, EntryComparer.Instance);
        }
    }

    /// <summary>Adds the entries of <paramref name="set"/> that start in [lower, we) and overlap [ws, we).</summary>
    private static void Collect(ChunkedSortedList<Entry> set, long lower, long ws, long we, List<Entry> into)
    {
        if (set.Count == 0 || lower >= we)
        {
            return;
        }
        // A key without an event comes before every entry with its start, so the view is exactly the starts in [lower, we).
        foreach (Entry e in set.Range(new Entry(lower, lower, default), new Entry(we, we, default)))
        {
            if (SpanMath.Overlaps(e.Start, e.End, ws, we))
            {
                into.Add(e);
            }
        }
    }

    private static bool IsLong(Entry e) => e.End == long.MaxValue || e.End - e.Start > LongSpanTicks;

    /// <summary>One indexed span: start and end as Unix ticks (end <see cref="long.MaxValue"/> when open) and the event's
    /// id (the default id, which no event has, only in a search key). The entry names the event rather than holding its snapshot, so a change that
    /// keeps an event's span leaves its entries as they are.</summary>
    internal readonly record struct Entry(long Start, long End, EventId Id);

    /// <summary>Orders entries by start, then id (ordinal): the order storage results are returned in. A search key (no
    /// event) comes before every entry with its start.</summary>
    internal sealed class EntryComparer : IComparer<Entry>
    {
        internal static readonly EntryComparer Instance = new();

        public int Compare(Entry x, Entry y)
        {
            int c = x.Start.CompareTo(y.Start);
            return c != 0 ? c : string.CompareOrdinal(x.Id.Value, y.Id.Value);
        }
    }
}
