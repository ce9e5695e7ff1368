using System.Collections.Generic;
using Calcore.Events;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Storage.Internal;

/// <summary>
/// An index of spans on the time line that answers "which spans overlap this window" in
/// O(log n + matches): spans are kept sorted by start in buckets by length, and a bucket whose spans are at
/// most L long is searched from (window start − L). Spans longer than the largest bucket (and open-ended
/// ones) go to a last bucket that is searched from the beginning of time up to the window's end.
/// </summary>
/// <remarks>Not thread-safe: the owner locks.</remarks>
internal sealed class TimeIndex
{
    private static readonly long[] BucketMaxTicks =
    [
        Duration.FromHours(1).BclCompatibleTicks,
        Duration.FromDays(1).BclCompatibleTicks,
        Duration.FromDays(7).BclCompatibleTicks,
        Duration.FromDays(35).BclCompatibleTicks,
    ];

    private readonly SortedSet<Entry>[] _buckets;

    internal TimeIndex()
    {
        _buckets = new SortedSet<Entry>[BucketMaxTicks.Length + 1];
        for (int i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = new SortedSet<Entry>(EntryComparer.Instance);
        }
    }

    internal int Count
    {
        get
        {
            int n = 0;
            foreach (SortedSet<Entry> b in _buckets)
            {
                n += b.Count;
            }
            return n;
        }
    }

    internal void Add(EventId id, Interval span)
    {
        var entry = Entry.From(id, span);
        _buckets[BucketOf(entry)].Add(entry);
    }

    internal void Remove(EventId id, Interval span)
    {
        var entry = Entry.From(id, span);
        _buckets[BucketOf(entry)].Remove(entry);
    }

    /// <summary>Adds to <paramref name="into"/> every entry whose span overlaps the window.</summary>
    internal void Collect(Interval window, List<Entry> into)
    {
        long ws = window.HasStart ? window.Start.ToUnixTimeTicks() : long.MinValue;
        long we = window.HasEnd ? window.End.ToUnixTimeTicks() : long.MaxValue;
        for (int i = 0; i < _buckets.Length; i++)
        {
            SortedSet<Entry> bucket = _buckets[i];
            if (bucket.Count == 0)
            {
                continue;
            }
            long lower = i < BucketMaxTicks.Length ? SaturatingSubtract(ws, BucketMaxTicks[i]) : long.MinValue;
            var low = new Entry(lower, default, long.MinValue);
            var high = new Entry(we, default, long.MinValue);
            if (EntryComparer.Instance.Compare(low, high) > 0)
            {
                continue;
            }
            foreach (Entry e in bucket.GetViewBetween(low, high))
            {
                if (SpanMath.Overlaps(e.Start, e.End, ws, we))
                {
                    into.Add(e);
                }
            }
        }
    }

    private static int BucketOf(Entry e)
    {
        if (e.End == long.MaxValue)
        {
            return BucketMaxTicks.Length;
        }
        long length = e.End - e.Start;
        for (int i = 0; i < BucketMaxTicks.Length; i++)
        {
            if (length <= BucketMaxTicks[i])
            {
                return i;
            }
        }
        return BucketMaxTicks.Length;
    }

    private static long SaturatingSubtract(long value, long amount)
        => value < long.MinValue + amount ? long.MinValue : value - amount;

    /// <summary>One indexed span: start and end as Unix ticks (end <see cref="long.MaxValue"/> when open), and the id.</summary>
    internal readonly record struct Entry(long Start, EventId Id, long End)
    {
        internal static Entry From(EventId id, Interval span)
            => new(span.HasStart ? span.Start.ToUnixTimeTicks() : long.MinValue, id, span.HasEnd ? span.End.ToUnixTimeTicks() : long.MaxValue);
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
}
