using System;
using System.Collections.Generic;
using Calcore.Internal;

namespace Calcore.Storage.Internal;

/// <summary>
/// A large sorted run of <see cref="TimeIndex.Entry"/> values (a busy room's bookings, every event of a storage):
/// sorted chunks of at most <see cref="ChunkCapacity"/> entries, found through an array of each chunk's last start.
/// </summary>
/// <remarks>
/// A search bisects the small array of last starts and then one chunk: two contiguous arrays instead of one node
/// per level as in a balanced tree, so it waits for far fewer cache lines on a large heap, and it allocates nothing.
/// An insertion moves at most one chunk's entries and splits a full chunk in two; a removal drops a chunk it
/// empties. Entries are ordered by <see cref="TimeIndex.EntryComparer"/>; equal starts may continue from one chunk
/// into the next. Not thread-safe: the owner locks.
/// </remarks>
internal sealed class ChunkedEntries
{
    internal const int ChunkCapacity = 512;

    private TimeIndex.Entry[][] _chunks;
    private int[] _sizes;
    private long[] _lastStarts;
    private int _chunkCount;

    /// <summary>Takes over sorted entries, in half-full chunks so that the next insertions do not split at once.</summary>
    internal ChunkedEntries(ReadOnlySpan<TimeIndex.Entry> sorted)
    {
        int chunks = Math.Max(4, (sorted.Length / (ChunkCapacity / 2)) + 1);
        _chunks = new TimeIndex.Entry[chunks][];
        _sizes = new int[chunks];
        _lastStarts = new long[chunks];
        for (int from = 0; from < sorted.Length; from += ChunkCapacity / 2)
        {
            int take = Math.Min(ChunkCapacity / 2, sorted.Length - from);
            var chunk = new TimeIndex.Entry[ChunkCapacity];
            sorted.Slice(from, take).CopyTo(chunk);
            _chunks[_chunkCount] = chunk;
            _sizes[_chunkCount] = take;
            _lastStarts[_chunkCount] = chunk[take - 1].Start;
            _chunkCount++;
        }
        Count = sorted.Length;
    }

    internal int Count { get; private set; }

    internal void Add(TimeIndex.Entry entry)
    {
        if (_chunkCount == 0)
        {
            var first = new TimeIndex.Entry[ChunkCapacity];
            first[0] = entry;
            InsertChunk(0, first, 1);
            Count++;
            return;
        }
        (int c, int i) = LowerBound(entry);
        if (c == _chunkCount)
        {
            // After every entry: at the end of the last chunk.
            c = _chunkCount - 1;
            i = _sizes[c];
        }
        if (_sizes[c] == ChunkCapacity)
        {
            Split(c);
            if (i > _sizes[c])
            {
                i -= _sizes[c];
                c++;
            }
        }
        TimeIndex.Entry[] chunk = _chunks[c];
        Array.Copy(chunk, i, chunk, i + 1, _sizes[c] - i);
        chunk[i] = entry;
        _sizes[c]++;
        _lastStarts[c] = chunk[_sizes[c] - 1].Start;
        Count++;
    }

    internal bool Remove(TimeIndex.Entry entry)
    {
        (int c, int i) = LowerBound(entry);
        if (c == _chunkCount || TimeIndex.EntryComparer.Instance.Compare(_chunks[c][i], entry) != 0)
        {
            return false;
        }
        TimeIndex.Entry[] chunk = _chunks[c];
        int size = --_sizes[c];
        Array.Copy(chunk, i + 1, chunk, i, size - i);
        chunk[size] = default;
        Count--;
        if (size == 0)
        {
            RemoveChunk(c);
        }
        else
        {
            _lastStarts[c] = chunk[size - 1].Start;
        }
        return true;
    }

    /// <summary>Replaces the entry that compares equal (same start and id) and has the same end.</summary>
    internal bool Replace(TimeIndex.Entry entry)
    {
        (int c, int i) = LowerBound(entry);
        if (c == _chunkCount)
        {
            return false;
        }
        ref TimeIndex.Entry slot = ref _chunks[c][i];
        if (TimeIndex.EntryComparer.Instance.Compare(slot, entry) != 0 || slot.End != entry.End)
        {
            return false;
        }
        slot = entry;
        return true;
    }

    /// <summary>Adds the entries that start in [lower, we) and overlap [ws, we).</summary>
    internal void Collect(long lower, long we, long ws, List<TimeIndex.Entry> into)
    {
        (int c, int i) = LowerBound(new TimeIndex.Entry(lower, long.MinValue, null!));
        for (; c < _chunkCount; c++, i = 0)
        {
            TimeIndex.Entry[] chunk = _chunks[c];
            for (int size = _sizes[c]; i < size; i++)
            {
                TimeIndex.Entry e = chunk[i];
                if (e.Start >= we)
                {
                    return;
                }
                if (SpanMath.Overlaps(e.Start, e.End, ws, we))
                {
                    into.Add(e);
                }
            }
        }
    }

    /// <summary>The position of the first entry not ordered before <paramref name="key"/>: (chunk, index), or
    /// (<see cref="_chunkCount"/>, 0) when every entry is.</summary>
    private (int Chunk, int Index) LowerBound(TimeIndex.Entry key)
    {
        int lo = 0;
        int hi = _chunkCount;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            long last = _lastStarts[mid];
            int cmp = last != key.Start ? last.CompareTo(key.Start) : TimeIndex.EntryComparer.Instance.Compare(_chunks[mid][_sizes[mid] - 1], key);
            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        if (lo == _chunkCount)
        {
            return (lo, 0);
        }
        TimeIndex.Entry[] chunk = _chunks[lo];
        int a = 0;
        int b = _sizes[lo] - 1;
        // The chunk's last entry is not before the key, so the answer is in [a, b].
        while (a < b)
        {
            int mid = a + ((b - a) >> 1);
            if (TimeIndex.EntryComparer.Instance.Compare(chunk[mid], key) < 0)
            {
                a = mid + 1;
            }
            else
            {
                b = mid;
            }
        }
        return (lo, a);
    }

    private void Split(int c)
    {
        TimeIndex.Entry[] chunk = _chunks[c];
        int keep = _sizes[c] / 2;
        int move = _sizes[c] - keep;
        var upper = new TimeIndex.Entry[ChunkCapacity];
        Array.Copy(chunk, keep, upper, 0, move);
        Array.Clear(chunk, keep, move);
        _sizes[c] = keep;
        _lastStarts[c] = chunk[keep - 1].Start;
        InsertChunk(c + 1, upper, move);
    }

    private void InsertChunk(int at, TimeIndex.Entry[] chunk, int size)
    {
        if (_chunkCount == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunkCount * 2);
            Array.Resize(ref _sizes, _chunkCount * 2);
            Array.Resize(ref _lastStarts, _chunkCount * 2);
        }
        Array.Copy(_chunks, at, _chunks, at + 1, _chunkCount - at);
        Array.Copy(_sizes, at, _sizes, at + 1, _chunkCount - at);
        Array.Copy(_lastStarts, at, _lastStarts, at + 1, _chunkCount - at);
        _chunks[at] = chunk;
        _sizes[at] = size;
        _lastStarts[at] = chunk[size - 1].Start;
        _chunkCount++;
    }

    private void RemoveChunk(int at)
    {
        _chunkCount--;
        Array.Copy(_chunks, at + 1, _chunks, at, _chunkCount - at);
        Array.Copy(_sizes, at + 1, _sizes, at, _chunkCount - at);
        Array.Copy(_lastStarts, at + 1, _lastStarts, at, _chunkCount - at);
        _chunks[_chunkCount] = null!;
    }
}
