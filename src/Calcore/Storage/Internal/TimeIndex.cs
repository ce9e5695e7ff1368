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

    /// <summary>The number of slots in an array bucket's inline directory.</summary>
    private const int SlotCount = 32;

    /// <summary>The size from which an array bucket keeps a directory (below it, the array is a few lines).</summary>
    private const int MinEntriesForSlots = 24;

    private static readonly long ShortMaxTicks = NodaTime.Duration.FromDays(35).BclCompatibleTicks;

    private Bucket _short;
    private Bucket _long;
    private long _longestShort;

    internal int Count => _short.Count + _long.Count;

    /// <summary>
    /// Returns what a search needs when this index is one array of short spans (no long span, not in chunks), to be
    /// kept next to the index's key (see <see cref="AttendeeIndexMap"/>), or a summary that is not
    /// <see cref="Summary.IsUsable"/>. It is valid until the next change to the index.
    /// </summary>
    internal Summary Summarize()
    {
        if (_long.Count != 0 || !_short.TryGetArray(out Entry[]? items, out int count))
        {
            return default;
        }
        return count == 0
            ? new Summary([], 0, 0, 0, 0)
            : new Summary(items!, count, items![0].Start, items[count - 1].Start, _longestShort);
    }

    /// <summary>Adds to <paramref name="into"/> the entries of a summarized index that overlap [ws, we), like
    /// <see cref="Collect(long, long, List{Entry})"/> on the index itself.</summary>
    internal static void Collect(in Summary summary, long ws, long we, List<Entry> into)
        => Bucket.CollectFrom(summary.Items!, FirstCandidate(summary, ws, we), summary.Count, we, ws, into);

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
            long lower = LowerStart(ws, _longestShort);
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

    /// <summary>The earliest start of a short span that can overlap a window starting at <paramref name="ws"/>, given the
    /// longest short span (saturating at <see cref="long.MinValue"/>).</summary>
    private static long LowerStart(long ws, long longestShort)
        => ws < long.MinValue + longestShort ? long.MinValue : ws - longestShort;

    /// <summary>The first position of a summarized index whose entry can overlap [ws, we) (the count when none can).</summary>
    private static int FirstCandidate(in Summary summary, long ws, long we)
    {
        long lower = LowerStart(ws, summary.LongestShort);
        return summary.Count == 0 || lower >= we ? summary.Count
            : Bucket.LowerBound(summary.Items!, summary.Count, lower, summary.FirstStart, summary.LastStart);
    }

    private static bool IsLong(Entry e)
        => e.End == long.MaxValue || e.Start == long.MinValue || e.End - e.Start > ShortMaxTicks;

    /// <summary>What a search of an index that is one array of short spans needs: the array, its count, its first and
    /// last start (for the interpolation) and the longest span in it.</summary>
    internal readonly record struct Summary(Entry[]? Items, int Count, long FirstStart, long LastStart, long LongestShort)
    {
        /// <summary>Gets a value indicating whether the index could be summarized.</summary>
        internal bool IsUsable => Items is not null;
    }

    /// <summary>One indexed span: start and end as Unix ticks (end <see cref="long.MaxValue"/> when open), the stored
    /// snapshot.</summary>
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

    /// <summary>
    /// The first index of each of <see cref="SlotCount"/> equal slices of a bucket's time range, plus the first index
    /// past the range: a directory kept inline in the index object (see <see cref="Bucket"/>).
    /// </summary>
    [System.Runtime.CompilerServices.InlineArray(SlotCount + 1)]
    private struct Slots
    {
        private int _first;
    }

    /// <summary>Entries of one length class, sorted by start then id: an array while small, chunks when large.</summary>
    /// <remarks>
    /// From <see cref="MinEntriesForSlots"/> entries, an array bucket keeps a directory of its time range cut into
    /// <see cref="SlotCount"/> equal slots, inline: the first index whose start is at or after each slot's start. A
    /// search goes straight to its slot's entries and interpolates inside it, so on a cold heap it waits for one line
    /// of the array, where a search from the array's ends waits for its first and last entries (other pages) first.
    /// Insertions and removals shift the later slots by one; the directory is rebuilt when the count has doubled or
    /// halved since it was built, or when a quarter of the entries fall outside its range. Entries outside the range
    /// are found by bisection.
    /// </remarks>
    private struct Bucket
    {
        private Entry[]? _items;
        private int _count;
        private ChunkedEntries? _chunked;

        // The directory: slot s covers starts in [_slotBase + s·_slotWidth, _slotBase + (s+1)·_slotWidth);
        // _slots[s] is the first index whose start is at or after the slot's start (for s = SlotCount, the range's
        // end). Absent while _slotWidth is 0.
        private long _slotBase;
        private long _slotWidth;
        private long _slotEnd;
        private int _slotsBuiltAt;
        private int _outsideSlots;
        private Slots _slots;

        internal readonly int Count => _chunked?.Count ?? _count;

        /// <summary>Gets the entries when they are one array (not chunks).</summary>
        internal readonly bool TryGetArray(out Entry[]? items, out int count)
        {
            items = _items;
            count = _count;
            return _chunked is null;
        }

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
                    _slotWidth = 0;
                    return;
                }
                Array.Resize(ref _items, _count * 2);
            }
            Array.Copy(_items, i, _items, i + 1, _count - i);
            _items[i] = entry;
            _count++;
            MoveSlots(entry.Start, +1);
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
            MoveSlots(entry.Start, -1);
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
            CollectFrom(_items!, LowerBound(lower), _count, we, ws, into);
        }

        /// <summary>Adds the entries from position <paramref name="from"/> that start before <paramref name="we"/> and
        /// overlap [ws, we).</summary>
        internal static void CollectFrom(Entry[] items, int from, int count, long we, long ws, List<Entry> into)
        {
            for (int i = from; i < count; i++)
            {
                Entry e = items[i];
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
            int i = LowerBound(entry.Start);
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

        /// <summary>The first position whose start is at least <paramref name="key"/> (the count when none).</summary>
        private readonly int LowerBound(long key)
        {
            Entry[]? items = _items;
            int count = _count;
            if (_slotWidth == 0)
            {
                return count == 0 ? 0 : LowerBound(items!, count, key, items![0].Start, items[count - 1].Start);
            }
            if (key <= _slotBase)
            {
                return Bisect(items!, 0, _slots[0], key);
            }
            if (key >= _slotEnd)
            {
                return Bisect(items!, _slots[SlotCount], count, key);
            }
            int s = (int)((key - _slotBase) / _slotWidth);
            long slotStart = _slotBase + (s * _slotWidth);
            return Search(items!, _slots[s], _slots[s + 1], key, slotStart, slotStart + _slotWidth);
        }

        /// <summary>The first position whose start is at least <paramref name="key"/> in a non-empty sorted array
        /// whose first and last starts are given, by interpolating between them.</summary>
        internal static int LowerBound(Entry[] items, int count, long key, long firstStart, long lastStart)
            => firstStart >= key ? 0
                : lastStart < key ? count
                : Search(items, 0, count - 1, key, firstStart, lastStart);

        /// <summary>Shifts the directory after an entry starting at <paramref name="start"/> was added (+1) or removed
        /// (−1): every slot that starts after it. Builds, rebuilds or drops the directory when it is due.</summary>
        private void MoveSlots(long start, int delta)
        {
            if (_slotWidth == 0 || _count >= 2 * _slotsBuiltAt || _count * 2 <= _slotsBuiltAt)
            {
                BuildSlots();
                return;
            }
            int from;
            if (start < _slotBase)
            {
                from = 0;
            }
            else if (start >= _slotEnd)
            {
                from = SlotCount + 1;
            }
            else
            {
                from = (int)((start - _slotBase) / _slotWidth) + 1;
            }
            for (int s = from; s <= SlotCount; s++)
            {
                _slots[s] += delta;
            }
            if (delta > 0 && (start < _slotBase || start >= _slotEnd) && ++_outsideSlots > _count / 4)
            {
                BuildSlots();
            }
        }

        private void BuildSlots()
        {
            _slotWidth = 0;
            _outsideSlots = 0;
            _slotsBuiltAt = _count;
            if (_count < MinEntriesForSlots)
            {
                return;
            }
            Entry[] items = _items!;
            long first = items[0].Start;
            long range = items[_count - 1].Start - first;
            _slotBase = first;
            _slotWidth = (range / SlotCount) + 1;
            _slotEnd = first + (SlotCount * _slotWidth);
            int i = 0;
            for (int s = 0; s <= SlotCount; s++)
            {
                long slotStart = first + (s * _slotWidth);
                while (i < _count && items[i].Start < slotStart)
                {
                    i++;
                }
                _slots[s] = i;
            }
        }

        /// <summary>
        /// The first position in [lo, hi] whose start is at least <paramref name="key"/>, where the entries in
        /// [lo, hi) start in [rangeStart, rangeEnd] and position hi counts as at least the key: guesses by
        /// interpolation, brackets by doubling steps from the guess, bisects the bracket.
        /// </summary>
        private static int Search(Entry[] items, int lo, int hi, long key, long rangeStart, long rangeEnd)
        {
            if (hi - lo <= 4 || rangeEnd <= rangeStart)
            {
                return Bisect(items, lo, hi, key);
            }
            double fraction = Math.Clamp(((double)key - rangeStart) / ((double)rangeEnd - rangeStart), 0, 1);
            int guess = Math.Clamp(lo + (int)(fraction * (hi - lo)), lo, hi - 1);
            int step = 1;
            if (items[guess].Start < key)
            {
                int below = guess;
                while (below + step < hi && items[below + step].Start < key)
                {
                    below += step;
                    step <<= 1;
                }
                return Bisect(items, below + 1, Math.Min(hi, below + step), key);
            }
            int atOrAbove = guess;
            while (atOrAbove - step >= lo && items[atOrAbove - step].Start >= key)
            {
                atOrAbove -= step;
                step <<= 1;
            }
            return Bisect(items, Math.Max(lo, atOrAbove - step), atOrAbove, key);
        }

        /// <summary>The first position in [lo, hi] whose start is at least <paramref name="key"/>, where position hi counts as at least the key.</summary>
        private static int Bisect(Entry[] items, int lo, int hi, long key)
        {
            while (lo < hi)
            {
                int mid = lo + ((hi - lo) >> 1);
                if (items[mid].Start < key)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
