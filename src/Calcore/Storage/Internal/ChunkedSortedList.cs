using System.Collections.Generic;

namespace Calcore.Storage.Internal;

/// <summary>
/// A sorted list of distinct items kept as a list of short sorted arrays ("chunks") of at most
/// <see cref="MaxChunk"/> items, with the first item of each chunk in a list of its own.
/// </summary>
/// <remarks>
/// <para>Finding a position is a binary search of the chunks' first items (one contiguous array) and then of one chunk,
/// so a search reads a few short arrays instead of chasing the nodes of a tree spread over the heap; adding or removing
/// moves at most one chunk's items (a full chunk splits in two, an empty one is dropped). The cost of each operation
/// is O(log n + <see cref="MaxChunk"/>), and a range is read in order from its first item.</para>
/// <para>Not thread-safe: the owner locks.</para>
/// </remarks>
/// <typeparam name="T">The item type, ordered by <paramref name="comparer"/>.</typeparam>
/// <param name="comparer">The order; two items are the same item when it compares them as equal.</param>
internal sealed class ChunkedSortedList<T>(IComparer<T> comparer)
{
    /// <summary>The most items a chunk holds before it splits.</summary>
    internal const int MaxChunk = 128;

    private readonly List<List<T>> _chunks = [];
    private readonly List<T> _firsts = [];

    /// <summary>Gets the number of items.</summary>
    internal int Count { get; private set; }

    /// <summary>Adds an item that is not in the list yet.</summary>
    internal void Add(T item)
    {
        if (_chunks.Count == 0)
        {
            _chunks.Add([item]);
            _firsts.Add(item);
            Count = 1;
            return;
        }
        int c = ChunkOf(item);
        List<T> chunk = _chunks[c];
        int i = ~chunk.BinarySearch(item, comparer);
        chunk.Insert(i, item);
        if (i == 0)
        {
            _firsts[c] = item;
        }
        Count++;
        if (chunk.Count > MaxChunk)
        {
            int half = chunk.Count / 2;
            List<T> upper = chunk.GetRange(half, chunk.Count - half);
            chunk.RemoveRange(half, chunk.Count - half);
            _chunks.Insert(c + 1, upper);
            _firsts.Insert(c + 1, upper[0]);
        }
    }

    /// <summary>Removes an item; returns false when it is not in the list.</summary>
    internal bool Remove(T item)
    {
        if (_chunks.Count == 0)
        {
            return false;
        }
        int c = ChunkOf(item);
        List<T> chunk = _chunks[c];
        int i = chunk.BinarySearch(item, comparer);
        if (i < 0)
        {
            return false;
        }
        chunk.RemoveAt(i);
        Count--;
        if (chunk.Count == 0)
        {
            _chunks.RemoveAt(c);
            _firsts.RemoveAt(c);
        }
        else if (i == 0)
        {
            _firsts[c] = chunk[0];
        }
        return true;
    }

    /// <summary>The items from the first one not before <paramref name="from"/> up to, not including, the first one not
    /// before <paramref name="to"/>, in order.</summary>
    internal IEnumerable<T> Range(T from, T to)
    {
        if (_chunks.Count == 0)
        {
            yield break;
        }
        int c = ChunkOf(from);
        int i = _chunks[c].BinarySearch(from, comparer);
        i = i < 0 ? ~i : i;
        for (; c < _chunks.Count; c++, i = 0)
        {
            List<T> chunk = _chunks[c];
            for (; i < chunk.Count; i++)
            {
                if (comparer.Compare(chunk[i], to) >= 0)
                {
                    yield break;
                }
                yield return chunk[i];
            }
        }
    }

    /// <summary>The chunk an item belongs in: the last one whose first item is not after it (the first chunk for an
    /// item before every chunk).</summary>
    private int ChunkOf(T item)
    {
        int i = _firsts.BinarySearch(item, comparer);
        return i >= 0 ? i : System.Math.Max(0, ~i - 1);
    }
}
