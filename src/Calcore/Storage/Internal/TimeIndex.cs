using System;
using System.Collections.Generic;
using Calcore.Events;
using Calcore.Internal;

namespace Calcore.Storage.Internal;

/// <summary>
/// An index of spans on the time line that answers "which spans overlap this window" in
/// O(log n + matches): spans up to 35 days long are kept sorted by start, and searched from (window start − the
/// longest of them); longer and open-ended spans (series) go to a second bucket searched from the beginning of
/// time up to the window's end.
/// </summary>
/// <remarks>
/// <para>The layout is chosen for a large, cold heap, where a query's cost is the number of cache lines it has to
/// wait for one after the other: the index holds its buckets inline (no object per bucket), a bucket is one array
/// of entries (start, end, event) while it is small, and a search first guesses the position from the bucket's
/// first and last start (calendars are spread fairly evenly over time) and then brackets and bisects around the
/// guess, so it touches a few neighbouring lines instead of one line per bisection step. Every entry points at the
/// event itself, so a match costs one more line. A bucket becomes a <see cref="ChunkedEntries"/> past
/// <see cref="ChunkThreshold"/> entries (a busy room's: an insertion moves one chunk instead of a large array).</para>
/// <para>The longest short span only grows (a removal does not shrink it), which can only widen a search. Not
/// thread-safe: the owner locks.</para>
/// </remarks>
internal sealed class TimeIndex
{
    internal const int ChunkThreshold = 2048;

    private static readonly long ShortMaxTicks = NodaTime.Duration.FromDays(35).BclCompatibleTicks;

    private Bucket _short;
    private Bucket _long;
    private long _longestShort;

    internal int Count => _short.Count + _long.Count;

    internal void Add(Entry entry)
    {
        if (IsLong(entry))
        {
            _long.Add(entry);
            return;
        }
        _short.Add(entry);
        if (entry.End - entry.Start > _longestShort)
        {
            _longestShort = entry.End - entry.Start;
        }
    }

    internal bool Remove(Entry entry) => IsLong(entry) ? _long.Remove(entry) : _short.Remove(entry);

    /// <summary>Points the entry with the same start, end and id at a newer snapshot of its event.</summary>
    /// <returns>Whether the entry was found.</returns>
    internal bool Replace(Entry entry) => IsLong(entry) ? _long.Replace(entry) : _short.Replace(entry);

    /// <summary>Adds to <paramref name="into"/> every entry whose span overlaps the window [ws, we), in order of start then id.</summary>
    internal void Collect(long ws, long we, List<Entry> into)
    {
        int first = into.Count;
        if (_short.Count > 0)
        {
            long lower = ws < long.MinValue + _longestShort ? long.MinValue : ws - _longestShort;
            if (lower < we)
            {
                _short.Collect(lower, we, ws, into);
            }
        }
        int fromShort = into.Count - first;
        if (_long.Count > 0)
        {
            _long.Collect(long.MinValue, we, ws, into);
            if (fromShort > 0 && into.Count - first > fromShort)
            {
                into.Sort(first, into.Count - first, EntryComparer.Instance);
            }
        }
    }

    private static bool IsLong(Entry e)
        => e.End == long.MaxValue || e.Start == long.MinValue || e.End - e.Start > ShortMaxTicks;

    /// <summary>One indexed span: start and end as Unix ticks (end <see cref="long.MaxValue"/> when open) and the stored snapshot.</summary>
    internal readonly record struct Entry(long Start, long End, CalendarEvent Event)
    {
        internal EventId Id => Event.Id;
    }

    /// <summary>Orders entries by start, then id (ordinal): the order storage results are returned in.</summary>
    internal sealed class EntryComparer : IComparer<Entry>
    {
        internal static readonly EntryComparer Instance = new();

        public int Compare(Entry x, Entry y)
        {
            int c = x.Start.CompareTo(y.Start);
            if (c != 0 || ReferenceEquals(x.Event, y.Event))
            {
                return c;
            }
            // A search key (no event) comes before every entry with its start.
            return x.Event is null ? -1 : y.Event is null ? 1 : string.CompareOrdinal(x.Event.Id.Value, y.Event.Id.Value);
        }
    }

    /// <summary>Entries of one length class, sorted by start then id: an array while small, chunks when large.</summary>
    private struct Bucket
    {
        private Entry[]? _items;
        private int _count;
        private ChunkedEntries? _chunked;

        internal readonly int Count => _chunked?.Count ?? _count;

        internal void Add(Entry entry)
        {
            if (_chunked is not null)
            {
                _chunked.Add(entry);
                return;
            }
            _items ??= new Entry[4];
            int i = Find(entry);
            i = i < 0 ? ~i : i;
            if (_count == _items.Length)
            {
                if (_count >= ChunkThreshold)
                {
                    _chunked = new ChunkedEntries(_items.AsSpan(0, _count));
                    _chunked.Add(entry);
                    _items = null;
                    _count = 0;
                    return;
                }
                Array.Resize(ref _items, _count * 2);
            }
            Array.Copy(_items, i, _items, i + 1, _count - i);
            _items[i] = entry;
            _count++;
        }

        internal bool Remove(Entry entry)
        {
            if (_chunked is not null)
            {
                return _chunked.Remove(entry);
            }
            int i = Find(entry);
            if (i < 0)
            {
                return false;
            }
            _count--;
            Array.Copy(_items!, i + 1, _items!, i, _count - i);
            _items![_count] = default;
            return true;
        }

        internal readonly bool Replace(Entry entry)
        {
            if (_chunked is not null)
            {
                return _chunked.Replace(entry);
            }
            int i = Find(entry);
            if (i < 0 || _items![i].End != entry.End)
            {
                return false;
            }
            _items[i] = entry;
            return true;
        }

        /// <summary>Adds the entries that start in [lower, we) and overlap [ws, we).</summary>
        internal readonly void Collect(long lower, long we, long ws, List<Entry> into)
        {
            if (_chunked is not null)
            {
                _chunked.Collect(lower, we, ws, into);
                return;
            }
            Entry[]? items = _items;
            for (int i = LowerBound(items!, _count, lower); i < _count; i++)
            {
                Entry e = items![i];
                if (e.Start >= we)
                {
                    break;
                }
                if (SpanMath.Overlaps(e.Start, e.End, ws, we))
                {
                    into.Add(e);
                }
            }
        }

        /// <summary>The index of the entry with the same start and id, or the bitwise complement of where it would go.</summary>
        private readonly int Find(Entry entry)
        {
            int i = LowerBound(_items!, _count, entry.Start);
            for (; i < _count && _items![i].Start == entry.Start; i++)
            {
                int c = string.CompareOrdinal(_items[i].Event.Id.Value, entry.Event.Id.Value);
                if (c == 0)
                {
                    return i;
                }
                if (c > 0)
                {
                    break;
                }
            }
            return ~i;
        }

        /// <summary>The first position whose start is at least <paramref name="key"/> (<paramref name="count"/> when none).</summary>
        /// <remarks>Interpolates a guess from the first and last start, brackets the answer by doubling steps from the
        /// guess, and bisects the bracket: on evenly spread starts it reads a few neighbouring entries; on any other
        /// spread it is still O(log n).</remarks>
        private static int LowerBound(Entry[] items, int count, long key)
        {
            if (count == 0 || items[0].Start >= key)
            {
                return 0;
            }
            long last = items[count - 1].Start;
            if (last < key)
            {
                return count;
            }
            // Invariant from here: items[lo].Start < key <= items[hi].Start, the answer is in (lo, hi].
            int lo = 0;
            int hi = count - 1;
            if (hi - lo > 8)
            {
                long first = items[0].Start;
                int guess = (int)((double)(key - first) / ((double)last - first) * hi);
                guess = Math.Clamp(guess, 1, hi - 1);
                int step = 1;
                if (items[guess].Start < key)
                {
                    lo = guess;
                    while (lo + step < hi && items[lo + step].Start < key)
                    {
                        lo += step;
                        step <<= 1;
                    }
                    hi = Math.Min(hi, lo + step);
                }
                else
                {
                    hi = guess;
                    while (hi - step > lo && items[hi - step].Start >= key)
                    {
                        hi -= step;
                        step <<= 1;
                    }
                    lo = Math.Max(lo, hi - step);
                }
            }
            while (hi - lo > 1)
            {
                int mid = lo + ((hi - lo) >> 1);
                if (items[mid].Start < key)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }
            return hi;
        }
    }
}
