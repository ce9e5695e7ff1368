using System;
using System.Collections;
using System.Collections.Generic;
using Calcore.Recurrence.Internal;
using NodaTime;

namespace Calcore.Recurrence;

/// <summary>
/// The lazy, ordered sequence of a recurrence set's occurrences (optionally within a window),
/// returned by <see cref="RecurrenceSet.GetOccurrences(DateTimeZone?)"/> and its overloads.
/// </summary>
/// <remarks>
/// <para>Nothing is computed until enumeration starts. Each enumeration starts afresh. A
/// <c>foreach</c> over this struct uses the struct <see cref="Enumerator"/> and, once warmed up,
/// allocates nothing: the expansion state is pooled per thread and returned when the enumerator is
/// disposed. Through <see cref="IEnumerable{T}"/> (LINQ) one enumerator object is allocated per
/// enumeration, never one per occurrence.</para>
/// <para>The sequence is immutable and thread-safe; each enumerator is not thread-safe and must not
/// be copied while in use.</para>
/// </remarks>
public readonly struct OccurrenceSequence : IEnumerable<Occurrence>
{
    private readonly RecurrenceSet? _set;
    private readonly DateTimeZone? _placement;
    private readonly long _minInclusive;
    private readonly long _maxExclusive;

    internal OccurrenceSequence(RecurrenceSet set, DateTimeZone? placement, long minInclusive, long maxExclusive)
    {
        _set = set;
        _placement = placement;
        _minInclusive = minInclusive;
        _maxExclusive = maxExclusive;
    }

    /// <summary>Starts an enumeration.</summary>
    /// <returns>A struct enumerator; dispose it (as <c>foreach</c> does) to return its state to the pool.</returns>
    public Enumerator GetEnumerator() => new(_set, _placement, _minInclusive, _maxExclusive);

    IEnumerator<Occurrence> IEnumerable<Occurrence>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates the occurrences of a <see cref="OccurrenceSequence"/>.</summary>
    /// <remarks>Not thread-safe; do not copy an enumerator that is in use.</remarks>
    public struct Enumerator : IEnumerator<Occurrence>
    {
        private SetExpander? _expander;
        private readonly int _generation;
        private Occurrence _current;

        internal Enumerator(RecurrenceSet? set, DateTimeZone? placement, long minInclusive, long maxExclusive)
        {
            _current = default;
            if (set is null)
            {
                _expander = null;
                _generation = 0;
                return;
            }
            _expander = SetExpander.Rent();
            _generation = _expander.Generation;
            _expander.Init(set, placement ?? DateTimeZone.Utc, minInclusive, maxExclusive);
        }

        /// <summary>Gets the current occurrence.</summary>
        /// <value>The occurrence at the enumerator's position.</value>
        public readonly Occurrence Current => _current;

        readonly object IEnumerator.Current => _current;

        /// <summary>Advances to the next occurrence.</summary>
        /// <returns><see langword="false"/> at the end of the sequence.</returns>
        public bool MoveNext()
        {
            var e = _expander;
            if (e is null || e.Generation != _generation)
            {
                return false;
            }
            if (e.MoveNext())
            {
                _current = new Occurrence(e.CurrentInstant, e.CurrentLocal, e.CurrentNominal);
                return true;
            }
            return false;
        }

        /// <summary>Not supported: start a new enumeration instead.</summary>
        /// <exception cref="NotSupportedException">Always.</exception>
        public readonly void Reset() => throw new NotSupportedException("Start a new enumeration instead.");

        /// <summary>Returns the enumeration state to the pool.</summary>
        public void Dispose()
        {
            var e = _expander;
            _expander = null;
            if (e is not null && e.Generation == _generation)
            {
                SetExpander.Return(e);
            }
        }
    }
}
