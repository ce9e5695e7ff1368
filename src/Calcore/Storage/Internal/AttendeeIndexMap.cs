using System;
using Calcore.Attendees;

namespace Calcore.Storage.Internal;

/// <summary>
/// The time indexes of attendees (or organizers) by attendee id: an open-addressing hash table whose slots hold each
/// id's hash and text next to its index.
/// </summary>
/// <remarks>
/// <para>A lookup reads one line of the slot array, and then at the same time the id's text (to compare it) and the
/// index it is looking for; a <c>Dictionary</c> reads a bucket, then an entry, then the key and the index. The slot
/// also keeps a summary of its index (<see cref="TimeIndex.Summarize"/>), taken again after every change made through
/// <see cref="Change"/>, so that a query of an index that is one array reads the slot and then the entries. On a heap of
/// millions of events those reads are cache misses that wait for each other, and they are much of a week query's
/// cost.</para>
/// <para>Linear probing at a load of at most one half; a removal shifts the following entries of its run back
/// instead of leaving a marker, so a lookup never crosses removed slots. Not thread-safe: the owner locks.</para>
/// </remarks>
internal sealed class AttendeeIndexMap
{
    private Slot[] _slots = new Slot[16];

    /// <summary>Gets the number of indexes.</summary>
    internal int Count { get; private set; }

    /// <summary>Finds the index of an attendee.</summary>
    /// <param name="attendee">The attendee.</param>
    /// <returns>The index, or null.</returns>
    internal TimeIndex? Find(AttendeeId attendee) => Find(attendee, out _);

    /// <summary>Finds the index of an attendee and the summary kept next to it.</summary>
    /// <param name="attendee">The attendee.</param>
    /// <param name="summary">The index's summary (see <see cref="TimeIndex.Summarize"/>), or the default value.</param>
    /// <returns>The index, or null.</returns>
    internal TimeIndex? Find(AttendeeId attendee, out TimeIndex.Summary summary)
    {
        int i = SlotOf(attendee);
        summary = i < 0 ? default : _slots[i].Summary;
        return i < 0 ? null : _slots[i].Index;
    }

    /// <summary>Changes the index of an attendee and takes a new summary of it, in one lookup.</summary>
    /// <param name="attendee">The attendee.</param>
    /// <param name="create">Whether to add an empty index first when the attendee has none (otherwise nothing is done).</param>
    /// <param name="change">The change.</param>
    internal void Change(AttendeeId attendee, bool create, Action<TimeIndex> change)
    {
        int i = create ? SlotOrAdd(attendee) : SlotOf(attendee);
        if (i < 0)
        {
            return;
        }
        TimeIndex index = _slots[i].Index!;
        change(index);
        _slots[i] = _slots[i] with { Summary = index.Summarize() };
    }

    /// <summary>Finds the index of an attendee, or adds an empty one (to be changed through <see cref="Change"/>, which
    /// keeps the slot's summary).</summary>
    /// <param name="attendee">The attendee.</param>
    /// <returns>The index.</returns>
    internal TimeIndex GetOrAdd(AttendeeId attendee)
    {
        // SlotOrAdd may replace the slot array: read it after the call.
        int i = SlotOrAdd(attendee);
        return _slots[i].Index!;
    }

    private int SlotOf(AttendeeId attendee)
    {
        int hash = attendee.GetHashCode();
        Slot[] slots = _slots;
        int mask = slots.Length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask)
        {
            ref readonly Slot slot = ref slots[i];
            if (slot.Index is null)
            {
                return -1;
            }
            if (slot.Hash == hash && slot.Attendee == attendee)
            {
                return i;
            }
        }
    }

    private int SlotOrAdd(AttendeeId attendee)
    {
        int i = SlotOf(attendee);
        if (i >= 0)
        {
            return i;
        }
        if ((Count + 1) * 2 > _slots.Length)
        {
            Resize(_slots.Length * 2);
        }
        var index = new TimeIndex();
        Count++;
        return Place(_slots, new Slot(attendee.GetHashCode(), attendee, index, index.Summarize()));
    }

    /// <summary>Removes the index of an attendee.</summary>
    /// <param name="attendee">The attendee.</param>
    /// <returns>Whether there was one.</returns>
    internal bool Remove(AttendeeId attendee)
    {
        int i = SlotOf(attendee);
        if (i < 0)
        {
            return false;
        }
        Slot[] slots = _slots;
        int mask = slots.Length - 1;
        // Backward shift: move each later entry of the run whose home is not in (i, j] into the hole.
        int hole = i;
        for (int j = (hole + 1) & mask; slots[j].Index is not null; j = (j + 1) & mask)
        {
            int home = slots[j].Hash & mask;
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = default;
        Count--;
        return true;
    }

    private void Resize(int length)
    {
        var slots = new Slot[length];
        foreach (Slot slot in _slots)
        {
            if (slot.Index is not null)
            {
                Place(slots, slot);
            }
        }
        _slots = slots;
    }

    private static int Place(Slot[] slots, Slot slot)
    {
        int mask = slots.Length - 1;
        int i = slot.Hash & mask;
        while (slots[i].Index is not null)
        {
            i = (i + 1) & mask;
        }
        slots[i] = slot;
        return i;
    }

    /// <summary>A slot: the id's hash and text, its index, and the index's summary, so that a query of a small index
    /// reads the slot and then the entries, without the index object in between.</summary>
    private readonly record struct Slot(int Hash, AttendeeId Attendee, TimeIndex? Index, TimeIndex.Summary Summary);
}
