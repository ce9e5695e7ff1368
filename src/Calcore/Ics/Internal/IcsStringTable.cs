using System;
using System.Collections.Generic;

namespace Calcore.Ics.Internal;

/// <summary>A fixed set of strings found by their characters: open addressing with an FNV-1a hash, a few nanoseconds a
/// lookup (about ten times faster than a frozen dictionary's span lookup here). Only for fixed, trusted sets (the hash
/// is not randomized). Immutable and thread-safe.</summary>
internal sealed class IcsStringTable
{
    private readonly string?[] _slots;
    private readonly int _mask;

    internal IcsStringTable(IEnumerable<string> items)
    {
        var list = new List<string>(items);
        int size = 16;
        while (size < list.Count * 4)
        {
            size *= 2;
        }
        _slots = new string?[size];
        _mask = size - 1;
        foreach (string item in list)
        {
            if (Find(item) is null)
            {
                int i = (int)(Hash(item) & (uint)_mask);
                while (_slots[i] is not null)
                {
                    i = (i + 1) & _mask;
                }
                _slots[i] = item;
            }
        }
    }

    /// <summary>The stored string equal to <paramref name="text"/> (ordinal), or null.</summary>
    internal string? Find(ReadOnlySpan<char> text)
    {
        int i = (int)(Hash(text) & (uint)_mask);
        while (_slots[i] is string slot)
        {
            if (slot.AsSpan().SequenceEqual(text))
            {
                return slot;
            }
            i = (i + 1) & _mask;
        }
        return null;
    }

    private static uint Hash(ReadOnlySpan<char> text)
    {
        unchecked
        {
            uint h = 2166136261;
            foreach (char c in text)
            {
                h = (h ^ c) * 16777619;
            }
            return h;
        }
    }
}
