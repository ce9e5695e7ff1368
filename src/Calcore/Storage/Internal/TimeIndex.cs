using System.Collections.Generic;
using Calcore.Events;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Storage.Internal;

/// <summary>A stored event and its span: the record every index entry points at, so that a query reads the event
/// without another lookup. Mutable, guarded by the storage's lock: a write that keeps the span, attendees and
/// organizer replaces <see cref="Event"/> in place instead of re-indexing.</summary>
internal sealed class StoredEvent(CalendarEvent calendarEvent, Interval span)
{
    internal CalendarEvent Event { get; set; } = calendarEvent;

    internal Interval Span { get; } = span;
}

/// <summary>
/// An index of spans on the time line that answers "which spans overlap this window" in
/// O(log n + matches): spans up to 35 days long are kept sorted by start, and searched from (window start − the
/// longest of them); longer and open-ended spans (series) go to a second bucket searched from the beginning of
/// time up to the window's end.
/// </summary>
/// <remarks>
/// A bucket is a sorted array while it is small (most attendees' calendars: a binary search over contiguous memory
/// touches few cache lines even on a large, cold heap) and becomes a balanced tree past <see cref="TreeThreshold"/>
/// entries (a busy room's: insertion stays O(log n) instead of moving a large array). The longest short span only
/// grows (a removal does not shrink it), which can only widen a search. Not thread-safe: the owner locks.
/// </remarks>
internal sealed class TimeIndex
{
    internal const int TreeThreshold = 2048;

    private static readonly long ShortMaxTicks = Duration.FromDays(35).BclCompatibleTicks;

    private readonly Bucket?[] _buckets = new Bucket?[2];
    private long _longestShort;

    internal int Count { get; private set; }

    internal void Add(StoredEvent stored)
    {
        var entry = Entry.From(stored);
        int b = BucketOf(entry);
        (_buckets[b] ??= new Bucket()).Add(entry);
        if (b == 0 && entry.End - entry.Start > _longestShort)
        {
            _longestShort = entry.End - entry.Start;
        }
        Count++;
    }

    internal void Remove(StoredEvent stored)
    {
        var entry = Entry.From(stored);
        if (_buckets[BucketOf(entry)]?.Remove(entry) == true)
        {
            Count--;
        }
    }

    /// <summary>Adds to <paramref name="into"/> every entry whose span overlaps the window.</summary>
    internal void Collect(Interval window, List<Entry> into)
    {
        long ws = window.HasStart ? window.Start.ToUnixTimeTicks() : long.MinValue;
        long we = window.HasEnd ? window.End.ToUnixTimeTicks() : long.MaxValue;
        for (int i = 0; i < _buckets.Length; i++)
        {
            if (_buckets[i] is not { Count: > 0 } bucket)
            {
                continue;
            }
            long lower = i == 0 ? SaturatingSubtract(ws, _longestShort) : long.MinValue;
            if (lower < we)
            {
                bucket.Collect(lower, we, ws, into);
            }
        }
    }

    private static int BucketOf(Entry e)
        => e.End == long.MaxValue || e.Start == long.MinValue || e.End - e.Start > ShortMaxTicks ? 1 : 0;

    private static long SaturatingSubtract(long value, long amount)
        => value < long.MinValue + amount ? long.MinValue : value - amount;

    /// <summary>One indexed span: start and end as Unix ticks (end <see cref="long.MaxValue"/> when open), the id, and the stored event.</summary>
    internal readonly record struct Entry(long Start, EventId Id, long End, StoredEvent? Stored)
    {
        internal static Entry From(StoredEvent stored)
        {
            Interval span = stored.Span;
            return new(span.HasStart ? span.Start.ToUnixTimeTicks() : long.MinValue, stored.Event.Id, span.HasEnd ? span.End.ToUnixTimeTicks() : long.MaxValue, stored);
        }
    }

    /// <summary>Orders entries by start, then id (ordinal): the order storage results are returned in.</summary>
    internal sealed class EntryComparer : IComparer<Entry>
    {
        internal static readonly EntryComparer Instance = new();

        public int Compare(Entry x, Entry y)
        {
            int c = x.Start.CompareTo(y.Start);
            return c != 0 ? c : string.CompareOrdinal(x.Id.Value, y.Id.Value);
        }
    }

    /// <summary>Entries of one length class, sorted by start then id: an array while small, a tree when large.</summary>
    private sealed class Bucket
    {
        private List<Entry>? _list = [];
        private SortedSet<Entry>? _tree;

        internal int Count => _list?.Count ?? _tree!.Count;

        internal void Add(Entry entry)
        {
            if (_list is not null)
            {
                int i = _list.BinarySearch(entry, EntryComparer.Instance);
                _list.Insert(i < 0 ? ~i : i, entry);
                if (_list.Count > TreeThreshold)
                {
                    _tree = new SortedSet<Entry>(_list, EntryComparer.Instance);
                    _list = null;
                }
                return;
            }
            _tree!.Add(entry);
        }

        internal bool Remove(Entry entry)
        {
            if (_list is not null)
            {
                int i = _list.BinarySearch(entry, EntryComparer.Instance);
                if (i < 0)
                {
                    return false;
                }
                _list.RemoveAt(i);
                return true;
            }
            return _tree!.Remove(entry);
        }

        /// <summary>Adds the entries that start in [lower, we) and overlap [ws, we).</summary>
        internal void Collect(long lower, long we, long ws, List<Entry> into)
        {
            var low = new Entry(lower, default, long.MinValue, null);
            if (_list is not null)
            {
                int i = _list.BinarySearch(low, EntryComparer.Instance);
                for (i = i < 0 ? ~i : i; i < _list.Count; i++)
                {
                    Entry e = _list[i];
                    if (e.Start >= we)
                    {
                        break;
                    }
                    if (SpanMath.Overlaps(e.Start, e.End, ws, we))
                    {
                        into.Add(e);
                    }
                }
                return;
            }
            foreach (Entry e in _tree!.GetViewBetween(low, new Entry(we, default, long.MinValue, null)))
            {
                if (e.Start < we && SpanMath.Overlaps(e.Start, e.End, ws, we))
                {
                    into.Add(e);
                }
            }
        }
    }
}
