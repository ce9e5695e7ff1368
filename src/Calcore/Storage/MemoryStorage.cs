using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Internal;
using Calcore.Storage.Internal;
using NodaTime;

namespace Calcore.Storage;

/// <summary>Keeps events in memory: the default storage and the reference implementation of <see cref="IStorage"/>.</summary>
/// <remarks>
/// <para>Events are indexed by id, by attendee and by organizer, each index ordered by time (see
/// <see cref="IStorage"/> for the span rule), so a query for one attendee's week does not look at other
/// attendees' events nor at that attendee's events far from the week.</para>
/// <para>Transactions are serialized by one writer lock, which is stronger than the contract asks (serializable
/// per locked attendee); readers never wait for a transaction, only for the brief moment a commit is applied,
/// and never see uncommitted writes. Everything is lost when the process ends: use
/// <c>Calcore.Storage.Sqlite</c> to keep a calendar on disk.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class MemoryStorage : IStorage, IDisposable
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Dictionary<EventId, Stored> _events = [];
    private readonly TimeIndex _all = new();
    private readonly AttendeeIndexMap _byAttendee = new();
    private readonly AttendeeIndexMap _byOrganizer = new();
    private bool _disposed;

    /// <summary>Creates an empty storage.</summary>
    /// <param name="name">A name for diagnostics.</param>
    public MemoryStorage(string name = "memory")
    {
        Name = Preconditions.CheckNotNull(name);
    }

    /// <summary>Gets the storage's name.</summary>
    public string Name { get; }

    /// <summary>Gets the number of stored events.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<CalendarEvent?> FindEventAsync(EventId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ThrowIfDisposed();
            return ValueTask.FromResult(_events.TryGetValue(id, out Stored s) ? s.Event : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<CalendarEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        Preconditions.CheckNotNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<CalendarEvent>>(Query(query, pending: null));
    }

    /// <inheritdoc/>
    public async ValueTask<IStorageTransaction> BeginTransactionAsync(IReadOnlyCollection<AttendeeId> lockedAttendees, CancellationToken cancellationToken)
    {
        Preconditions.CheckNotNull(lockedAttendees);
        ThrowIfDisposed();
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Transaction(this);
    }

    /// <summary>Releases the writer lock.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
        _writer.Dispose();
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new CalcoreStorageException(StorageErrorCode.Disposed, $"The memory storage '{Name}' has been disposed.");
        }
    }

    /// <summary>The committed entries of the index the query names (attendee, else organizer, else all) that overlap its window.</summary>
    private List<TimeIndex.Entry> Collect(EventQuery query)
    {
        long ws = SpanMath.StartTicks(query.Window);
        long we = SpanMath.EndTicks(query.Window);
        var entries = new List<TimeIndex.Entry>();
        lock (_gate)
        {
            ThrowIfDisposed();
            TimeIndex.Summary summary = default;
            TimeIndex? index = query.Attendee is { } a ? _byAttendee.Find(a, out summary)
                : query.Organizer is { } o ? _byOrganizer.Find(o, out summary)
                : _all;
            if (summary.IsUsable)
            {
                // The slot's summary says where the entries are: the index object itself need not be read.
                TimeIndex.Collect(summary, ws, we, entries);
            }
            else
            {
                index?.Collect(ws, we, entries);
            }
        }
        return entries;
    }

    private CalendarEvent[] Query(EventQuery query, Dictionary<EventId, Stored?>? pending)
    {
        List<TimeIndex.Entry> entries = Collect(query);
        // The attendee and organizer indexes hold exactly the events that match, so only a query by both reads the
        // events to filter them.
        bool exact = query.Attendee is null || query.Organizer is null;
        if (pending is null && exact)
        {
            return Arrays.Map(entries, static e => e.Event);
        }
        var found = new List<TimeIndex.Entry>(entries.Count);
        foreach (TimeIndex.Entry e in entries)
        {
            if ((pending is null || !pending.ContainsKey(e.Id)) && (exact || Matches(e.Event, query)))
            {
                found.Add(e);
            }
        }
        if (pending is not null)
        {
            foreach (Stored? p in pending.Values)
            {
                if (p is { } s && SpanMath.Overlaps(s.Span, query.Window) && Matches(s.Event, query))
                {
                    found.Add(EntryOf(s));
                }
            }
            // The index's entries are in order; merge the pending writes into that order: span start, then id.
            found.Sort(TimeIndex.EntryComparer.Instance);
        }
        return Arrays.Map(found, static e => e.Event);
    }

    private static bool Matches(CalendarEvent e, EventQuery query)
        => (query.Attendee is not { } a || e.HasAttendee(a)) && (query.Organizer is not { } o || e.OrganizerId == o);

    private static void CheckSpan(Interval span, string paramName)
        => Preconditions.CheckArgument(span.HasStart, paramName, "An event's span must have a start (its first occurrence's start).");

    private void Apply(Dictionary<EventId, Stored?> pending)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            foreach ((EventId id, Stored? change) in pending)
            {
                bool found = _events.TryGetValue(id, out Stored old);
                if (found && change is { } same && SameIndexing(old, same))
                {
                    // Same span, attendees and organizer (an answer, a title): every entry stays where it is and
                    // points at the new snapshot.
                    _events[id] = same;
                    TimeIndex.Entry replacement = EntryOf(same);
                    ForEachIndex(same.Event, create: false, index => index.Replace(replacement));
                    continue;
                }
                if (found)
                {
                    _events.Remove(id);
                    TimeIndex.Entry entry = EntryOf(old);
                    ForEachIndex(old.Event, create: false, index => index.Remove(entry));
                    PruneEmptyIndexes(old.Event);
                }
                if (change is { } s)
                {
                    _events.Add(id, s);
                    TimeIndex.Entry entry = EntryOf(s);
                    ForEachIndex(s.Event, create: true, index => index.Add(entry));
                }
            }
        }
    }

    private static TimeIndex.Entry EntryOf(Stored s)
        => new(SpanMath.StartTicks(s.Span), SpanMath.EndTicks(s.Span), s.Event);

    private static bool SameIndexing(Stored old, Stored change)
    {
        if (old.Span != change.Span || old.Event.OrganizerId != change.Event.OrganizerId || old.Event.Commitments.Length != change.Event.Commitments.Length)
        {
            return false;
        }
        foreach (Commitment c in change.Event.Commitments)
        {
            if (!old.Event.HasAttendee(c.AttendeeId))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Calls <paramref name="action"/> on every index that holds the event: all events, its attendees', its
    /// organizer's; with <paramref name="create"/>, an attendee or organizer without an index gets one first.</summary>
    private void ForEachIndex(CalendarEvent e, bool create, Action<TimeIndex> action)
    {
        action(_all);
        foreach (Commitment c in e.Commitments)
        {
            _byAttendee.Change(c.AttendeeId, create, action);
        }
        if (e.OrganizerId is { } o)
        {
            _byOrganizer.Change(o, create, action);
        }
    }

    /// <summary>Drops the attendee and organizer indexes an event's removal left empty.</summary>
    private void PruneEmptyIndexes(CalendarEvent e)
    {
        foreach (Commitment c in e.Commitments)
        {
            if (_byAttendee.Find(c.AttendeeId) is { Count: 0 })
            {
                _byAttendee.Remove(c.AttendeeId);
            }
        }
        if (e.OrganizerId is { } o && _byOrganizer.Find(o) is { Count: 0 })
        {
            _byOrganizer.Remove(o);
        }
    }

    private readonly record struct Stored(CalendarEvent Event, Interval Span);

    private sealed class Transaction(MemoryStorage storage) : IStorageTransaction
    {
        private readonly Dictionary<EventId, Stored?> _pending = [];
        private bool _done;

        public ValueTask<CalendarEvent?> FindEventAsync(EventId id, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Find(id)?.Event);
        }

        public ValueTask<IReadOnlyList<CalendarEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken)
        {
            Preconditions.CheckNotNull(query);
            ThrowIfDone();
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult<IReadOnlyList<CalendarEvent>>(storage.Query(query, _pending.Count == 0 ? null : _pending));
        }

        public ValueTask InsertEventAsync(CalendarEvent calendarEvent, Interval span, CancellationToken cancellationToken)
        {
            Preconditions.CheckNotNull(calendarEvent);
            ThrowIfDone();
            cancellationToken.ThrowIfCancellationRequested();
            CheckSpan(span, nameof(span));
            if (Find(calendarEvent.Id) is not null)
            {
                throw new CalcoreStorageException(StorageErrorCode.DuplicateKey, $"An event with the id '{calendarEvent.Id}' is already stored.");
            }
            _pending[calendarEvent.Id] = new Stored(calendarEvent, span);
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> ReplaceEventAsync(CalendarEvent calendarEvent, Interval span, long expectedVersion, CancellationToken cancellationToken)
        {
            Preconditions.CheckNotNull(calendarEvent);
            ThrowIfDone();
            cancellationToken.ThrowIfCancellationRequested();
            CheckSpan(span, nameof(span));
            if (Find(calendarEvent.Id) is not { } current || current.Event.Version != expectedVersion)
            {
                return ValueTask.FromResult(false);
            }
            _pending[calendarEvent.Id] = new Stored(calendarEvent, span);
            return ValueTask.FromResult(true);
        }

        public ValueTask<bool> DeleteEventAsync(EventId id, long expectedVersion, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            cancellationToken.ThrowIfCancellationRequested();
            if (Find(id) is not { } current || current.Event.Version != expectedVersion)
            {
                return ValueTask.FromResult(false);
            }
            _pending[id] = null;
            return ValueTask.FromResult(true);
        }

        public ValueTask CommitAsync(CancellationToken cancellationToken)
        {
            ThrowIfDone();
            cancellationToken.ThrowIfCancellationRequested();
            storage.Apply(_pending);
            Finish();
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_done)
            {
                Finish();
            }
            return ValueTask.CompletedTask;
        }

        private Stored? Find(EventId id)
        {
            if (_pending.TryGetValue(id, out Stored? p))
            {
                return p;
            }
            lock (storage._gate)
            {
                storage.ThrowIfDisposed();
                return storage._events.TryGetValue(id, out Stored s) ? s : null;
            }
        }

        private void Finish()
        {
            _done = true;
            _pending.Clear();
            try
            {
                storage._writer.Release();
            }
            catch (ObjectDisposedException)
            {
                // The storage was disposed while this transaction was open; there is no lock left to release.
            }
        }

        private void ThrowIfDone()
        {
            if (_done)
            {
                throw new InvalidOperationException("The transaction has already been committed or disposed.");
            }
        }
    }
}
