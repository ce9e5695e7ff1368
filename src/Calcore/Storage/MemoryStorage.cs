using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Internal;
using Calcore.Storage.Internal;
using NodaTime;

namespace Calcore.Storage;

/// <summary>Keeps events and the attendee directory in memory: the default storage and the reference implementation of
/// <see cref="IStorage"/>.</summary>
/// <remarks>
/// <para>Events are kept in a dictionary by id and in time indexes: one per attendee, one per organizer and one for
/// all events, each ordered by span start then id (see <see cref="IStorage"/> for the span rule). A query reads one
/// index: it finds its first candidate by a search on the start, at the window's start minus the longest span of up
/// to 35 days in that index, and reads on until the window's end; spans longer than 35 days and open-ended series are
/// kept apart in the same index and each of those that starts before the window's end is checked. So a query costs
/// O(log n + k + the index's entries that start shortly before the window + its long spans), where k is the number of
/// events returned: one attendee's week does not look at other attendees' events, nor at that attendee's events far
/// from the week. A write costs O(log n) per index it touches.</para>
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
    private readonly SortedSpanIndex _all = new();
    private readonly Dictionary<AttendeeId, SortedSpanIndex> _byAttendee = [];
    private readonly Dictionary<AttendeeId, SortedSpanIndex> _byOrganizer = [];
    private readonly Dictionary<AttendeeId, AttendeeRecord> _attendees = [];
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
    public ValueTask<AttendeeRecord?> FindAttendeeAsync(AttendeeId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ThrowIfDisposed();
            return ValueTask.FromResult(_attendees.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<AttendeeRecord>> GetAttendeesAsync(CalendarUserType? type, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<AttendeeRecord>>(ListAttendees(type, pending: null));
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

    /// <summary>The committed events that match the query (and, with <paramref name="pending"/>, a transaction's own
    /// writes instead of the committed state of the events they touch), ordered by span start then id.</summary>
    private CalendarEvent[] Query(EventQuery query, Dictionary<EventId, Stored?>? pending)
    {
        long ws = SpanMath.StartTicks(query.Window);
        long we = SpanMath.EndTicks(query.Window);
        var entries = new List<SortedSpanIndex.Entry>();
        CalendarEvent[] found;
        lock (_gate)
        {
            ThrowIfDisposed();
            // The attendee's index, else the organizer's, else all events'; a query by both filters the attendee's.
            SortedSpanIndex? index = query.Attendee is { } a ? _byAttendee.GetValueOrDefault(a)
                : query.Organizer is { } o ? _byOrganizer.GetValueOrDefault(o)
                : _all;
            index?.Collect(ws, we, entries);
            found = new CalendarEvent[entries.Count];
            for (int i = 0; i < found.Length; i++)
            {
                found[i] = _events[entries[i].Id].Event;
            }
        }
        if ((query.Attendee is null || query.Organizer is null) && pending is null)
        {
            return found;
        }
        // A query by both filters, or a transaction's view: its own writes replace the committed state of what they touch.
        var listed = new List<(SortedSpanIndex.Entry Entry, CalendarEvent Event)>(found.Length);
        for (int i = 0; i < found.Length; i++)
        {
            if (Matches(found[i], query) && (pending is null || !pending.ContainsKey(found[i].Id)))
            {
                listed.Add((entries[i], found[i]));
            }
        }
        if (pending is not null)
        {
            foreach (Stored? p in pending.Values)
            {
                if (p is { } s && SpanMath.Overlaps(s.Span, query.Window) && Matches(s.Event, query))
                {
                    listed.Add((EntryOf(s), s.Event));
                }
            }
            listed.Sort((x, y) => SortedSpanIndex.EntryComparer.Instance.Compare(x.Entry, y.Entry));
        }
        return [.. listed.Select(l => l.Event)];
    }

    /// <summary>The committed attendee records (with <paramref name="pending"/>, a transaction's own writes over them)
    /// of a type or all, ordered by id.</summary>
    private AttendeeRecord[] ListAttendees(CalendarUserType? type, Dictionary<AttendeeId, AttendeeRecord?>? pending)
    {
        var listed = new List<AttendeeRecord>();
        lock (_gate)
        {
            ThrowIfDisposed();
            foreach (AttendeeRecord r in _attendees.Values)
            {
                if ((type is null || r.Type == type) && (pending is null || !pending.ContainsKey(r.Id)))
                {
                    listed.Add(r);
                }
            }
        }
        if (pending is not null)
        {
            foreach (AttendeeRecord? p in pending.Values)
            {
                if (p is not null && (type is null || p.Type == type))
                {
                    listed.Add(p);
                }
            }
        }
        listed.Sort(static (x, y) => x.Id.CompareTo(y.Id));
        return [.. listed];
    }

    private static bool Matches(CalendarEvent e, EventQuery query)
        => (query.Attendee is not { } a || e.HasAttendee(a)) && (query.Organizer is not { } o || e.OrganizerId == o);

    private static void CheckSpan(Interval span, string paramName)
        => Preconditions.CheckArgument(span.HasStart, paramName, "An event's span must have a start (its first occurrence's start).");

    /// <summary>Applies a transaction's writes (null: a deletion) to the events and every index, and to the attendee
    /// directory, under the lock, all at once.</summary>
    private void Apply(Dictionary<EventId, Stored?> pending, Dictionary<AttendeeId, AttendeeRecord?> attendees)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            foreach ((AttendeeId id, AttendeeRecord? record) in attendees)
            {
                if (record is null)
                {
                    _attendees.Remove(id);
                }
                else
                {
                    _attendees[id] = record;
                }
            }
            foreach ((EventId id, Stored? change) in pending)
            {
                bool existed = _events.Remove(id, out Stored old);
                if (change is { } next)
                {
                    _events.Add(id, next);
                    if (existed && next.Span == old.Span)
                    {
                        Reindex(old.Event, next.Event, EntryOf(next));
                        continue;
                    }
                }
                if (existed)
                {
                    Index(old, add: false);
                }
                if (change is { } added)
                {
                    Index(added, add: true);
                }
            }
        }
    }

    /// <summary>A replacement that keeps the event's span keeps its entries (they name the event, not its snapshot):
    /// only the attendees who joined or left, and a changed organizer, touch an index.</summary>
    private void Reindex(CalendarEvent before, CalendarEvent after, SortedSpanIndex.Entry entry)
    {
        foreach (Commitment c in before.Commitments)
        {
            if (!after.HasAttendee(c.AttendeeId))
            {
                Change(_byAttendee, c.AttendeeId, entry, add: false);
            }
        }
        foreach (Commitment c in after.Commitments)
        {
            if (!before.HasAttendee(c.AttendeeId))
            {
                Change(_byAttendee, c.AttendeeId, entry, add: true);
            }
        }
        if (before.OrganizerId != after.OrganizerId)
        {
            if (before.OrganizerId is { } was)
            {
                Change(_byOrganizer, was, entry, add: false);
            }
            if (after.OrganizerId is { } now)
            {
                Change(_byOrganizer, now, entry, add: true);
            }
        }
    }

    /// <summary>Adds a stored event's entry to, or removes it from, every index it belongs in: all events, each
    /// attendee's, and its organizer's.</summary>
    private void Index(Stored stored, bool add)
    {
        SortedSpanIndex.Entry entry = EntryOf(stored);
        if (add)
        {
            _all.Add(entry);
        }
        else
        {
            _all.Remove(entry);
        }
        foreach (Commitment c in stored.Event.Commitments)
        {
            Change(_byAttendee, c.AttendeeId, entry, add);
        }
        if (stored.Event.OrganizerId is { } organizer)
        {
            Change(_byOrganizer, organizer, entry, add);
        }
    }

    private static SortedSpanIndex.Entry EntryOf(Stored s)
        => new(SpanMath.StartTicks(s.Span), SpanMath.EndTicks(s.Span), s.Event.Id);

    /// <summary>Adds an entry to a key's index (creating the index), or removes it (and the index when that leaves it
    /// empty).</summary>
    private static void Change(Dictionary<AttendeeId, SortedSpanIndex> indexes, AttendeeId key, SortedSpanIndex.Entry entry, bool add)
    {
        if (add)
        {
            if (!indexes.TryGetValue(key, out SortedSpanIndex? created))
            {
                created = new SortedSpanIndex();
                indexes.Add(key, created);
            }
            created.Add(entry);
        }
        else if (indexes.TryGetValue(key, out SortedSpanIndex? index))
        {
            index.Remove(entry);
            if (index.Count == 0)
            {
                indexes.Remove(key);
            }
        }
    }

    private readonly record struct Stored(CalendarEvent Event, Interval Span);

    private sealed class Transaction(MemoryStorage storage) : IStorageTransaction
    {
        private readonly Dictionary<EventId, Stored?> _pending = [];
        private readonly Dictionary<AttendeeId, AttendeeRecord?> _attendees = [];
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

        public ValueTask<AttendeeRecord?> FindAttendeeAsync(AttendeeId id, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(FindAttendee(id));
        }

        public ValueTask<bool> UpsertAttendeeAsync(AttendeeRecord record, CancellationToken cancellationToken)
        {
            Preconditions.CheckNotNull(record);
            ThrowIfDone();
            cancellationToken.ThrowIfCancellationRequested();
            bool added = FindAttendee(record.Id) is null;
            _attendees[record.Id] = record;
            return ValueTask.FromResult(added);
        }

        public ValueTask<bool> DeleteAttendeeAsync(AttendeeId id, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            cancellationToken.ThrowIfCancellationRequested();
            if (FindAttendee(id) is null)
            {
                return ValueTask.FromResult(false);
            }
            _attendees[id] = null;
            return ValueTask.FromResult(true);
        }

        public ValueTask CommitAsync(CancellationToken cancellationToken)
        {
            ThrowIfDone();
            cancellationToken.ThrowIfCancellationRequested();
            storage.Apply(_pending, _attendees);
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

        private AttendeeRecord? FindAttendee(AttendeeId id)
        {
            if (_attendees.TryGetValue(id, out AttendeeRecord? p))
            {
                return p;
            }
            lock (storage._gate)
            {
                storage.ThrowIfDisposed();
                return storage._attendees.GetValueOrDefault(id);
            }
        }

        private void Finish()
        {
            _done = true;
            _pending.Clear();
            _attendees.Clear();
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
