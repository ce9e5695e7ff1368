using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Attendees.Internal;
using Calcore.Events;
using Calcore.Events.Internal;
using Calcore.Internal;
using Calcore.Scheduling;
using Calcore.Scheduling.Internal;
using Calcore.Storage;
using Calcore.Storage.Internal;
using NodaTime;

namespace Calcore;

/// <summary>The entry point of Calcore: creates, finds, lists, changes and deletes events on a storage, books rooms
/// and answers free/busy questions.</summary>
/// <remarks>
/// <para>Build one with <see cref="CreateBuilder"/>. The manager is a front: it validates arguments, opens one unit of
/// work on the storage for each write, and hands the work to the part of the engine that owns the rule (series editing,
/// listing, or the scheduling layer, which decides every booking). Every write is atomic: a refused or failed call
/// changes nothing. A caller may pass the version it read as <c>expectedVersion</c>; a stale one is refused with a
/// <see cref="ConcurrencyConflictException"/>.</para>
/// <para>Every method that may touch storage is asynchronous and takes a <see cref="CancellationToken"/>. Windows are
/// half-open intervals of instants: an event overlaps a window when it starts before the window's end and ends after
/// its start (a zero-length event when it starts in the window). Floating and all-day events are placed on the time
/// line in <see cref="Zone"/>.</para>
/// <para>Recurrence lines a caller passes are checked as arguments (<see cref="Recurrence.RecurrenceParseException"/>).
/// Lines read back from storage are not: a stored series whose recurrence no longer parses (a file written by another
/// version or edited by hand) makes every call that must expand it throw <see cref="CalcoreStorageException"/> with
/// <see cref="StorageErrorCode.Corrupt"/>, naming the event in <see cref="CalcoreStorageException.EventId"/>, and write
/// nothing. Calls that do not need it keep working, and deleting the series (which does not read it) is the way out.</para>
/// <para>Values hold no reference to the manager. For the readable style of "Florent creates a meeting", take an
/// attendee's calendar with <see cref="CalendarOf"/>.</para>
/// <para>This type is thread-safe: one manager may be used from many threads at once.</para>
/// </remarks>
public sealed partial class StorageManager : IAsyncDisposable
{
    private readonly bool _ownsStorage;
    private readonly AttendeeDirectory _directory;
    private readonly Scheduler _scheduler;
    private readonly EventListing _listing;

    internal StorageManager(IStorage storage, bool ownsStorage, IClock clock, DateTimeZone zone, AttendeeDirectory directory,
        int maxInstancesPerBooking = Scheduler.DefaultMaxInstancesPerBooking)
    {
        Storage = storage;
        _ownsStorage = ownsStorage;
        Clock = clock;
        Zone = zone;
        _directory = directory;
        _scheduler = new Scheduler(storage, directory, zone, clock, maxInstancesPerBooking);
        _listing = new EventListing(storage, zone);
    }

    /// <summary>Gets the clock that stamps created and updated times.</summary>
    public IClock Clock { get; }

    /// <summary>Gets the zone in which floating and all-day events are placed on the time line.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the storage the manager works on (internal: the engine's own tests and benchmarks reach it).</summary>
    internal IStorage Storage { get; }

    /// <summary>The span of an event on the time line, as storage indexes it (for bulk loaders in tests and benchmarks).</summary>
    internal Interval SpanOf(CalendarEvent e) => _scheduler.SpanOf(e);

    /// <summary>Starts configuring a manager.</summary>
    /// <returns>A new builder.</returns>
    public static StorageManagerBuilder CreateBuilder() => new();

    /// <summary>Gets an attendee's calendar: a small handle that pairs the attendee's id with this manager, for code that
    /// reads like "Florent creates a meeting".</summary>
    /// <param name="attendee">The attendee.</param>
    /// <returns>The handle (nothing is read or written).</returns>
    /// <exception cref="ArgumentException"><paramref name="attendee"/> is the default value.</exception>
    public AttendeeCalendar CalendarOf(AttendeeId attendee)
    {
        CheckId(attendee, nameof(attendee));
        return new AttendeeCalendar(this, attendee);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Attendees
    // ----------------------------------------------------------------------------------------------------------

    /// <summary>Finds an attendee: its record in the storage's attendee directory, else the first attendee source that knows it.</summary>
    /// <param name="id">The attendee id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The attendee, or null when no source knows the id.</returns>
    public async Task<Attendee?> FindAttendeeAsync(AttendeeId id, CancellationToken cancellationToken = default)
        => await _directory.FindAsync(id, cancellationToken).ConfigureAwait(false);

    /// <summary>Gets an attendee: its record in the storage's attendee directory, else the first attendee source that knows it.</summary>
    /// <param name="id">The attendee id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The attendee.</returns>
    /// <exception cref="AttendeeNotFoundException">No source knows the id.</exception>
    public async Task<Attendee> GetAttendeeAsync(AttendeeId id, CancellationToken cancellationToken = default)
        => await _directory.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new AttendeeNotFoundException(id);

    // ----------------------------------------------------------------------------------------------------------
    // Events: create, find, list
    // ----------------------------------------------------------------------------------------------------------

    /// <summary>Creates an event, with a supplied id or a generated one; its organizer, if any, is ACCEPTED on it.</summary>
    /// <param name="details">The event's fields; a series' recurrence lines are checked here.</param>
    /// <param name="id">The id to use, or null to generate a unique one.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The stored event (version 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value or has the form of an instance id,
    /// or a recurrence line is not valid (<see cref="Recurrence.RecurrenceParseException"/>).</exception>
    /// <exception cref="EventAlreadyExistsException">An event with the supplied id exists; it is not overwritten.</exception>
    public async Task<CalendarEvent> CreateEventAsync(EventDetails details, EventId? id = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(details);
        if (id is { } given)
        {
            CheckId(given, nameof(id));
            Preconditions.CheckArgument(!given.TryGetInstance(out _, out _), nameof(id),
                $"The id '{given}' has the form of an instance id ({{seriesId}}_{{originalStart}}); choose another.");
        }
        SeriesExpander.Validate(details, nameof(details));
        EventId eventId = id ?? NewEventId();
        Commitment[] commitments = details.OrganizerId is { } organizer
            ? [await _scheduler.OrganizerCommitmentAsync(organizer, cancellationToken).ConfigureAwait(false)]
            : [];
        CalendarEvent created = CalendarEvent.CreateNew(eventId, details, [.. commitments], Clock.GetCurrentInstant());
        IStorageTransaction tx = await Storage.BeginTransactionAsync(LocksOf(created), cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            if (await tx.FindEventAsync(eventId, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new EventAlreadyExistsException(eventId);
            }
            await tx.InsertEventAsync(created, _scheduler.SpanOf(created), cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return created;
    }

    /// <summary>Finds an event, a series, or an instance of a series by id.</summary>
    /// <remarks>An instance id (<c>{seriesId}_{originalStart}</c>, see <see cref="EventId.ForInstance"/>) finds the
    /// instance, cancelled or not, when the series exists and has an instance with that original start.</remarks>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The event, or null when no event has the id.</returns>
    /// <exception cref="CalcoreStorageException">For an instance id, its stored series does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    public async Task<CalendarEvent?> FindEventAsync(EventId id, CancellationToken cancellationToken = default)
    {
        if (id.Value.Length == 0)
        {
            return null;
        }
        if (await Storage.FindEventAsync(id, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return found;
        }
        if (!id.TryGetInstance(out EventId seriesId, out OriginalStart key)
            || await Storage.FindEventAsync(seriesId, cancellationToken).ConfigureAwait(false) is not { IsRecurring: true } series
            || StoredSeries.FindSlot(series, key, Zone) is not { } slot)
        {
            return null;
        }
        return SeriesExpander.Instance(series, slot);
    }

    /// <summary>Gets an event, a series, or an instance of a series by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The event.</returns>
    /// <exception cref="EventNotFoundException">No event has the id; the exception carries it.</exception>
    /// <exception cref="CalcoreStorageException">For an instance id, its stored series does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    public async Task<CalendarEvent> GetEventAsync(EventId id, CancellationToken cancellationToken = default)
        => await FindEventAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new EventNotFoundException(id);

    /// <summary>Lists events: those that overlap the query's window, on the query's attendee's calendar, matching its
    /// criteria, with or without series expanded (see <see cref="EventListQuery"/>).</summary>
    /// <param name="query">What to list.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by start then id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query expands series over a window open at either end.</exception>
    /// <exception cref="CalcoreStorageException">A stored series whose span reaches the window does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    public Task<IReadOnlyList<CalendarEvent>> GetEventsAsync(EventListQuery query, CancellationToken cancellationToken = default)
    {
        EventListing.Validate(query, nameof(query));
        return _listing.ListAsync(query, cancellationToken);
    }

    /// <summary>Gets the instances of a series that overlap a window, ordered by start (Google's <c>events.instances</c>).</summary>
    /// <remarks>Cancelled instances are left out; list them with <see cref="EventListQuery.IncludeCancelledInstances"/>, or
    /// find one by its instance id.</remarks>
    /// <param name="seriesId">The series.</param>
    /// <param name="window">The half-open window; it must have a start and an end.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The instances, with their exceptions applied.</returns>
    /// <exception cref="ArgumentException"><paramref name="window"/> is open at either end, or the event is not a series.</exception>
    /// <exception cref="EventNotFoundException">The series does not exist.</exception>
    /// <exception cref="CalcoreStorageException">The stored series does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    public async Task<IReadOnlyList<CalendarEvent>> GetInstancesAsync(EventId seriesId, Interval window, CancellationToken cancellationToken = default)
    {
        CheckBounded(window, nameof(window));
        CalendarEvent series = await Storage.FindEventAsync(seriesId, cancellationToken).ConfigureAwait(false) ?? throw new EventNotFoundException(seriesId);
        Preconditions.CheckArgument(series.IsRecurring, nameof(seriesId), $"Event '{seriesId}' is not a recurring event.");
        return _listing.InstancesOf(series, window, includeCancelled: false);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Participation
    // ----------------------------------------------------------------------------------------------------------

    /// <summary>Invites attendees: each new one is added NEEDS-ACTION and then answers through its booking policy.</summary>
    /// <remarks>
    /// <para>The attendees are references: each one's type and booking policy come from the engine's attendee directory,
    /// read inside the write, else from the attendee sources the manager was built with (an id neither knows is a person
    /// who answers themselves; a room or resource only a source knows is adopted into the directory). Every room and
    /// resource answers through the booking gate (docs/booking.md). Attendees already on the event are
    /// left untouched (status and role), so re-inviting never downgrades an answer. The invitation and every policy
    /// decision are one atomic step: a room with <see cref="BookingPolicy.AcceptIfPossible"/> sees every booking
    /// committed before it, and two concurrent invitations of one room to overlapping events never both succeed.</para>
    /// <para>When nobody new is invited, nothing is written and the current snapshot is returned.</para>
    /// </remarks>
    /// <param name="eventId">The event (a single event or a series; an instance has its series' attendees).</param>
    /// <param name="invitees">The attendees to invite (duplicates are invited once).</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot and each distinct invitee's outcome, in the order given.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="invitees"/> is null.</exception>
    /// <exception cref="ArgumentException">An invitee is the default id, or <paramref name="eventId"/> is an instance.</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CalcoreStorageException">The stored event does not read, or a stored series booked by an
    /// invitee whose policy decides does not (<see cref="StorageErrorCode.Corrupt"/>; <see
    /// cref="CalcoreStorageException.EventId"/> names it); or the storage fails.</exception>
    public async Task<InvitationResult> InviteAsync(EventId eventId, IEnumerable<AttendeeId> invitees, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(invitees);
        AttendeeId[] distinct = [.. invitees.Distinct()];
        foreach (AttendeeId id in distinct)
        {
            CheckId(id, nameof(invitees));
        }
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        CheckNotInstance(before, "Invite attendees to the series; an instance has the series' attendees.");
        // The candidate instances are computed before the lock; the unit of work only checks them against what is booked.
        CandidatePlan plan = await _scheduler.PlanAsync(before, distinct.Where(id => !before.HasAttendee(id)), cancellationToken).ConfigureAwait(false);
        IStorageTransaction tx = await Storage.BeginTransactionAsync([.. LocksOf(before).Union(distinct)], cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent current = await ReadForWriteAsync(tx, eventId, expectedVersion, cancellationToken).ConfigureAwait(false);
            (CalendarEvent? next, IReadOnlyList<InvitationOutcome> outcomes) = await _scheduler.InviteAsync(tx, current, distinct, plan, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                return new InvitationResult(current, outcomes);
            }
            await ReplaceAsync(tx, next, current.Version, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new InvitationResult(next, outcomes);
        }
    }

    /// <summary>Sets an attendee's participation status: on the event or series, or, for an instance id, on that instance
    /// only. An attendee not yet on an event is added as a required participant.</summary>
    /// <param name="eventId">The event, series or instance.</param>
    /// <param name="attendee">The attendee; a newly added attendee's type comes from the attendee sources.</param>
    /// <param name="status">The new status.</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot (the current one, unwritten, when the status is already the one asked for).</returns>
    /// <exception cref="ArgumentException">The attendee is the default id; or it is not on the event and has an automatic
    /// booking policy (invite it instead); or, for an instance, it is not on the series.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is undefined.</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CalcoreStorageException">The stored series does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    public async Task<CalendarEvent> SetParticipationStatusAsync(EventId eventId, AttendeeId attendee, ParticipationStatus status, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckDefined(status);
        CheckId(attendee, nameof(attendee));
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        if (before.IsInstance)
        {
            return (await ChangeInstanceAsync(before, expectedVersion, async (series, slot, tx) =>
            {
                Commitment c = series.FindCommitment(attendee)
                    ?? throw new ArgumentException($"The attendee '{attendee}' is not on series '{series.Id}'; invite them to the series first.", nameof(attendee));
                // An answer that books a gated attendee (a room, a resource) for this instance goes through the gate.
                InviteDecision? gate = await _scheduler.AnswerAsync(tx, SeriesExpander.Instance(series, slot), attendee, status, null, cancellationToken).ConfigureAwait(false);
                ParticipationStatus answer = gate?.Status ?? status;
                IReadOnlyList<BookingDecision> decisions = gate is null ? [] : [new BookingDecision(attendee, slot.Key, gate)];
                return (SeriesEditor.WithAnswer(SeriesEditor.Existing(slot), attendee, c.Status == answer ? null : answer), decisions);
            }, cancellationToken).ConfigureAwait(false)).Event;
        }
        Commitment? joining = before.HasAttendee(attendee) ? null
            : await _scheduler.NewCommitmentForStatusAsync(attendee, status, cancellationToken).ConfigureAwait(false);
        CandidatePlan? plan = status is ParticipationStatus.Accepted or ParticipationStatus.Tentative
            ? await _scheduler.PlanAsync(before, [attendee], cancellationToken).ConfigureAwait(false)
            : null;
        return await ChangeCommitmentsAsync(before, attendee, expectedVersion, commitments =>
        {
            int i = IndexOf(commitments, attendee);
            if (i < 0)
            {
                commitments.Add(joining ?? Commitment.CreateNew(attendee, CalendarUserType.Individual, status));
            }
            else if (commitments[i].Status != status)
            {
                commitments[i] = commitments[i] with { Status = status };
            }
        }, cancellationToken, async (tx, current, next) =>
            // An answer that books a gated attendee (a room, a resource) goes through the gate: the stored status is its answer.
            await _scheduler.AnswerAsync(tx, next, attendee, status, plan?.For(current), cancellationToken).ConfigureAwait(false) is { } decision
                ? Scheduler.ApplyDecision(next, attendee, decision)
                : next).ConfigureAwait(false);
    }

    /// <summary>Runs the booking gate again for a room or resource on an event, from now: a recurring booking that was
    /// accepted only up to the end of the resource's booking window (its commitment's <see
    /// cref="Commitment.EffectiveEnd"/>) is extended to the end of the current window, or declined when the instances
    /// now in the window conflict. Call it, for example, once a month for series past their window (see
    /// docs/booking.md).</summary>
    /// <param name="eventId">The event or series.</param>
    /// <param name="attendee">The room or resource (or other attendee whose policy answers by itself).</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot and the gate's decision.</returns>
    /// <exception cref="ArgumentException">The attendee is not on the event or is not booked through the gate, or the id
    /// is an instance.</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CalcoreStorageException">The stored series does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>); or the storage fails.</exception>
    public async Task<BookingDecision> ExtendBookingAsync(EventId eventId, AttendeeId attendee, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        CheckId(attendee, nameof(attendee));
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        CheckNotInstance(before, "Extend the booking on the series.");
        CandidatePlan plan = await _scheduler.PlanAsync(before, [attendee], cancellationToken).ConfigureAwait(false);
        IStorageTransaction tx = await Storage.BeginTransactionAsync(LocksOf(before), cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent current = await ReadForWriteAsync(tx, before.Id, expectedVersion, cancellationToken).ConfigureAwait(false);
            (CalendarEvent next, InviteDecision decision) = await _scheduler.ExtendAsync(tx, current, attendee, plan, cancellationToken).ConfigureAwait(false);
            next = current.Next(next.Details, next.Commitments, next.Overrides, Clock.GetCurrentInstant());
            await ReplaceAsync(tx, next, current.Version, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new BookingDecision(attendee, null, decision);
        }
    }

    /// <summary>Sets the role of an attendee who is on the event.</summary>
    /// <param name="eventId">The event or series.</param>
    /// <param name="attendee">The attendee.</param>
    /// <param name="role">The new role.</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot (the current one, unwritten, when the role is already the one asked for).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> is undefined.</exception>
    /// <exception cref="ArgumentException">The attendee is not on the event, or the id is an instance.</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CalcoreStorageException">The stored series does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    public async Task<CalendarEvent> SetParticipationRoleAsync(EventId eventId, AttendeeId attendee, ParticipationRole role, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckDefined(role);
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        return await ChangeCommitmentsAsync(before, attendee, expectedVersion, commitments =>
        {
            int i = IndexOf(commitments, attendee);
            Preconditions.CheckArgument(i >= 0, nameof(attendee), $"The attendee '{attendee}' is not on event '{eventId}'.");
            if (commitments[i].Role != role)
            {
                commitments[i] = commitments[i] with { Role = role };
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes an attendee from an event (a no-op when the attendee is not on it).</summary>
    /// <param name="eventId">The event or series.</param>
    /// <param name="attendee">The attendee.</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot (the current one, unwritten, when the attendee was not on the event).</returns>
    /// <exception cref="ArgumentException">The id is an instance.</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CalcoreStorageException">The stored series does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    public async Task<CalendarEvent> RemoveAttendeeAsync(EventId eventId, AttendeeId attendee, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        return await ChangeCommitmentsAsync(before, attendee, expectedVersion, commitments =>
        {
            int i = IndexOf(commitments, attendee);
            if (i >= 0)
            {
                commitments.RemoveAt(i);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Update and delete
    // ----------------------------------------------------------------------------------------------------------

    /// <summary>Replaces the fields of an event, a whole series, or one instance of a series.</summary>
    /// <remarks>
    /// <para>For a series, field changes reach every instance except in the fields an exception overrode. When the start
    /// or the recurrence changes, every exception whose original start is no longer an instance of the new series is
    /// removed and reported in <see cref="EventUpdateResult.RemovedOverrides"/>; the others are kept (so trimming a
    /// series' UNTIL, as Google's two-call "this and following" does, leaves no orphaned exceptions). A series that stops
    /// recurring loses all its exceptions.</para>
    /// <para>For an instance id, the change becomes an exception stored with the series: only the fields that differ
    /// from the series are recorded, so later changes to the series still reach the others. An instance cannot be given
    /// recurrence, another organizer or UID; a status of CANCELLED cancels it (as Google Calendar does).</para>
    /// <para>When the change moves the event (or the instance) in time, changes a series' recurrence, or makes a
    /// non-blocking event block time again, every attendee whose booking policy is automatic answers again in the same
    /// atomic step: a room re-books itself if it is free and declines, naming the conflicts, if not. Those answers are in
    /// <see cref="EventUpdateResult.Decisions"/>. Other attendees keep their answers.</para>
    /// </remarks>
    /// <param name="eventId">The event, series or instance.</param>
    /// <param name="details">The new fields.</param>
    /// <param name="expectedVersion">The version the caller read (for an instance, its series' version), or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot (the current one, unwritten, when nothing changes), the removed exceptions, and the
    /// automatic answers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is null.</exception>
    /// <exception cref="ArgumentException">A recurrence line is not valid, or the change is not allowed for an instance.</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CalcoreStorageException">The stored series does not read, whatever <paramref name="details"/>
    /// holds, or a stored series booked by an attendee who answers again does not (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    public async Task<EventUpdateResult> UpdateEventAsync(EventId eventId, EventDetails details, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(details);
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        // A stored series that does not read is refused before the new fields are checked, whatever they are: fields the
        // caller copied from it are not the caller's mistake, and no write starts from a snapshot the engine cannot read
        // (delete the series, which does not read it, and create it again).
        StoredSeries.Check(before);
        SeriesExpander.Validate(details, nameof(details));
        if (before.IsInstance)
        {
            return await ChangeInstanceAsync(before, expectedVersion, async (series, slot, tx) =>
            {
                InstanceOverride updated = SeriesEditor.WithFields(series, slot, details, nameof(details));
                EventTiming oldTiming = slot.Override?.Timing ?? SeriesExpander.Derive(series.Details, slot.LocalStart).Timing;
                return oldTiming.Equals(details.Timing)
                    ? (updated, [])
                    : await _scheduler.RecheckInstanceAsync(tx, series, slot, updated, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        IStorageTransaction tx = await Storage.BeginTransactionAsync(LocksOf(before), cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent current = await ReadForWriteAsync(tx, eventId, expectedVersion, cancellationToken).ConfigureAwait(false);
            StoredSeries.Check(current);
            if (current.Details.Equals(details))
            {
                return new EventUpdateResult(current, [], []);
            }
            (CalendarEvent next, List<InstanceOverride> removed) = SeriesEditor.WithDetails(current, details, Clock.GetCurrentInstant(), Zone);
            (next, IReadOnlyList<BookingDecision> decisions) = await _scheduler.RebookIfMovedAsync(tx, current, next, cancellationToken).ConfigureAwait(false);
            await ReplaceAsync(tx, next, current.Version, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new EventUpdateResult(next, removed, decisions);
        }
    }

    /// <summary>Changes "this and following" instances of a series in one atomic step.</summary>
    /// <remarks>
    /// <para>The original series is trimmed to end just before the chosen instance (with UNTIL, or with COUNT for a rule
    /// that used COUNT); a new series begins at the chosen instance with the change applied, keeping the original's
    /// end (UNTIL, or the remaining COUNT). The exceptions and per-instance answers from the chosen instance on, and
    /// every attendee's answer, move to the new series; when the change moves the start, they move with it. RDATEs and
    /// EXDATEs go to whichever series they fall in. The new series gets a new id and UID and names the original in
    /// <see cref="CalendarEvent.SplitFromId"/>. When the change moves the new series in time or gives it its own
    /// recurrence, attendees with automatic booking policies answer again for it (<see cref="SeriesSplitResult.Decisions"/>).</para>
    /// <para>If the chosen instance is the first one, the whole series is changed instead and
    /// <see cref="SeriesSplitResult.Original"/> is null. If the change supplies its own recurrence lines, the new series
    /// uses them as given.</para>
    /// </remarks>
    /// <param name="instanceId">The first instance to change.</param>
    /// <param name="change">A function from the series' fields as of that instance (its timing starts there) to the new series' fields.</param>
    /// <param name="expectedVersion">The series version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The trimmed original and the new series.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is null or returns null.</exception>
    /// <exception cref="ArgumentException">The id is not an instance id, or the change is invalid.</exception>
    /// <exception cref="EventNotFoundException">The id names no instance.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored series version is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CalcoreStorageException">The stored series does not read, or a stored series booked by an
    /// attendee who answers again does not (<see cref="StorageErrorCode.Corrupt"/>; <see
    /// cref="CalcoreStorageException.EventId"/> names it); or the storage fails.</exception>
    public async Task<SeriesSplitResult> UpdateFollowingAsync(EventId instanceId, Func<EventDetails, EventDetails> change, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(change);
        CalendarEvent before = await GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        IStorageTransaction tx = await Storage.BeginTransactionAsync(LocksOf(before), cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent series = await ReadForWriteAsync(tx, before.RecurringEventId!.Value, expectedVersion, cancellationToken).ConfigureAwait(false);
            InstanceSlot slot = StoredSeries.FindSlot(series, before.OriginalStart!.Value, Zone) ?? throw new EventNotFoundException(instanceId);
            EventDetails asOfInstance = series.Details with { Timing = series.Timing.WithStart(slot.LocalStart) };
            EventDetails wanted = change(asOfInstance) ?? throw new ArgumentNullException(nameof(change), "The change returned null.");
            Instant now = Clock.GetCurrentInstant();
            if (StoredSeries.SetOf(series).GetFirstOccurrence(Zone) is { } first && SeriesExpander.KeyOf(series.Details, first) == slot.Key)
            {
                SeriesExpander.Validate(wanted, nameof(change));
                (CalendarEvent whole, List<InstanceOverride> removedWhole) = SeriesEditor.WithDetails(series, wanted, now, Zone);
                (whole, IReadOnlyList<BookingDecision> wholeDecisions) = await _scheduler.RebookIfMovedAsync(tx, series, whole, cancellationToken).ConfigureAwait(false);
                await ReplaceAsync(tx, whole, series.Version, cancellationToken).ConfigureAwait(false);
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new SeriesSplitResult(null, whole, removedWhole, wholeDecisions);
            }
            SeriesEditor.Split split = SeriesEditor.SplitAt(series, slot, asOfInstance, wanted, NewEventId(), now, Zone, nameof(change));
            // The trimmed original is written first, so that the gate checks the following half against it as it will be.
            await ReplaceAsync(tx, split.Original, series.Version, cancellationToken).ConfigureAwait(false);
            (CalendarEvent following, IReadOnlyList<BookingDecision> decisions) = split.Moved
                ? await _scheduler.RebookAsync(tx, split.Following, cancellationToken).ConfigureAwait(false)
                : (split.Following, []);
            await tx.InsertEventAsync(following, _scheduler.SpanOf(following), cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SeriesSplitResult(split.Original, following, split.Removed, decisions);
        }
    }

    /// <summary>Restores a cancelled instance of a series (cancel one with <see cref="DeleteEventAsync"/>).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="expectedVersion">The series version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The restored instance (with any other changes it had).</returns>
    /// <exception cref="ArgumentException">The id is not an instance id.</exception>
    /// <exception cref="EventNotFoundException">The id names no instance.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored series version is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CalcoreStorageException">The stored series does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    public async Task<CalendarEvent> RestoreInstanceAsync(EventId instanceId, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        CalendarEvent before = await GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        // A restored instance blocks time again: the gated attendees on it are checked again, as for a moved instance.
        return (await ChangeInstanceAsync(before, expectedVersion, (series, slot, tx) =>
            _scheduler.RecheckInstanceAsync(tx, series, slot, SeriesEditor.Existing(slot) with { IsCancelled = false }, cancellationToken),
            cancellationToken).ConfigureAwait(false)).Event;
    }

    /// <summary>Deletes an event or a series; for an instance id, cancels the instance (as Google Calendar does): it is
    /// hidden from listings and stops blocking time, but is kept and can be restored with <see cref="RestoreInstanceAsync"/>.</summary>
    /// <param name="eventId">The event, series or instance.</param>
    /// <param name="expectedVersion">The version the caller read (for an instance, its series' version), or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the event is deleted.</returns>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CalcoreStorageException">For an instance id, its stored series does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it; deleting a series
    /// does not read it); or the storage fails.</exception>
    public async Task DeleteEventAsync(EventId eventId, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        if (before.IsInstance)
        {
            await ChangeInstanceAsync(before, expectedVersion, (_, slot, _) => Task.FromResult<(InstanceOverride, IReadOnlyList<BookingDecision>)>(
                (SeriesEditor.Existing(slot) with { IsCancelled = true }, [])), cancellationToken).ConfigureAwait(false);
            return;
        }
        IStorageTransaction tx = await Storage.BeginTransactionAsync(LocksOf(before), cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent current = await ReadForWriteAsync(tx, eventId, expectedVersion, cancellationToken).ConfigureAwait(false);
            if (!await tx.DeleteEventAsync(eventId, current.Version, cancellationToken).ConfigureAwait(false))
            {
                throw new ConcurrencyConflictException(eventId, current.Version, null);
            }
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Scheduling questions
    // ----------------------------------------------------------------------------------------------------------

    /// <summary>Computes when each of a set of attendees is busy during a window (see <see cref="FreeBusy"/> for the rules).</summary>
    /// <param name="attendees">The attendees (duplicates are answered once).</param>
    /// <param name="window">The half-open window; it must have a start and an end.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>Each attendee's busy and busy-tentative periods, clipped to the window, merged and disjoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attendees"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="window"/> is open at either end.</exception>
    /// <exception cref="CalcoreStorageException">A stored series of an attendee whose span reaches the window does not
    /// read (<see cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the
    /// storage fails.</exception>
    public Task<FreeBusy> GetFreeBusyAsync(IEnumerable<AttendeeId> attendees, Interval window, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(attendees);
        CheckBounded(window, nameof(window));
        return _scheduler.GetFreeBusyAsync([.. attendees.Distinct()], window, cancellationToken);
    }

    /// <summary>Finds the periods in which every attendee is free, inside each day's working hours, of at least a minimum length.</summary>
    /// <remarks>
    /// The result is the window, intersected with each day's working hours in <see cref="Zone"/>, minus every busy or
    /// busy-tentative period of the attendees; a period is kept when it lasts at least <paramref name="minimum"/>.
    /// Free periods never cross a day boundary. With no attendees the working hours themselves are free.
    /// </remarks>
    /// <param name="attendees">The attendees.</param>
    /// <param name="window">The half-open window; it must have a start and an end, and may start and end at any time of day.</param>
    /// <param name="workingHours">The part of each day to search.</param>
    /// <param name="minimum">The shortest period worth returning (inclusive); zero or positive.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The free periods, ordered by start.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attendees"/> or <paramref name="workingHours"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="window"/> is open at either end, or <paramref name="minimum"/> is negative.</exception>
    /// <exception cref="CalcoreStorageException">A stored series of an attendee whose span reaches the window does not
    /// read (<see cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the
    /// storage fails.</exception>
    public Task<IReadOnlyList<Interval>> FindFreePeriodsAsync(IEnumerable<AttendeeId> attendees, Interval window, WorkingHours workingHours, Duration minimum, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(attendees);
        Preconditions.CheckNotNull(workingHours);
        CheckBounded(window, nameof(window));
        Preconditions.CheckArgument(minimum >= Duration.Zero, nameof(minimum), "The minimum length must not be negative.");
        return _scheduler.FindFreePeriodsAsync([.. attendees.Distinct()], window, workingHours, minimum, cancellationToken);
    }

    /// <summary>Checks, without booking anything, whether an attendee is free for a proposed event: what
    /// <see cref="BookingPolicy.AcceptIfPossible"/> would see if the attendee were invited to it now.</summary>
    /// <remarks>A proposed series is checked instance by instance within the attendee's booking horizon (whole, when
    /// bounded). The answer is a snapshot: a booking made after it may take the time (an invitation decides atomically).</remarks>
    /// <param name="attendee">The attendee (its booking horizon, from the attendee sources, applies).</param>
    /// <param name="candidate">The proposed event's fields.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The conflicts and the instances checked.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candidate"/> is null.</exception>
    /// <exception cref="ArgumentException">The attendee is the default id, or a recurrence line is not valid.</exception>
    /// <exception cref="CalcoreStorageException">A stored series of the attendee whose span reaches the candidate does
    /// not read (<see cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or
    /// the storage fails.</exception>
    public Task<ConflictAnalysis> FindConflictsAsync(AttendeeId attendee, EventDetails candidate, CancellationToken cancellationToken = default)
    {
        CheckId(attendee, nameof(attendee));
        Preconditions.CheckNotNull(candidate);
        SeriesExpander.Validate(candidate, nameof(candidate));
        return _scheduler.FindConflictsAsync(attendee, candidate, cancellationToken);
    }

    /// <summary>Disposes the storage if the manager owns it.</summary>
    /// <returns>A task that completes when disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (!_ownsStorage)
        {
            return;
        }
        if (Storage is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else if (Storage is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // The unit of work
    // ----------------------------------------------------------------------------------------------------------

    private async Task<CalendarEvent> GetInstanceAsync(EventId instanceId, CancellationToken cancellationToken)
    {
        CalendarEvent e = await GetEventAsync(instanceId, cancellationToken).ConfigureAwait(false);
        Preconditions.CheckArgument(e.IsInstance, nameof(instanceId), $"'{instanceId}' is not an instance of a recurring event.");
        return e;
    }

    /// <summary>Changes an event's commitments in one transaction; <paramref name="before"/> (read outside it) names the attendees to lock.</summary>
    private async Task<CalendarEvent> ChangeCommitmentsAsync(CalendarEvent before, AttendeeId attendee, long? expectedVersion,
        Action<ImmutableArray<Commitment>.Builder> change, CancellationToken cancellationToken,
        Func<IStorageTransaction, CalendarEvent, CalendarEvent, Task<CalendarEvent>>? gate = null)
    {
        CheckNotInstance(before, "Change the series' attendees and roles on the series; an instance only takes its own answers.");
        IStorageTransaction tx = await Storage.BeginTransactionAsync([.. LocksOf(before).Append(attendee).Distinct()], cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent current = await ReadForWriteAsync(tx, before.Id, expectedVersion, cancellationToken).ConfigureAwait(false);
            var commitments = current.Commitments.ToBuilder();
            change(commitments);
            if (commitments.SequenceEqual(current.Commitments))
            {
                return current;
            }
            CalendarEvent next = current.Next(current.Details, commitments.ToImmutable(), Clock.GetCurrentInstant());
            if (gate is not null)
            {
                next = await gate(tx, current, next).ConfigureAwait(false);
                if (next.Commitments.SequenceEqual(current.Commitments) && next.Overrides.SequenceEqual(current.Overrides))
                {
                    return current;
                }
            }
            await ReplaceAsync(tx, next, current.Version, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return next;
        }
    }

    /// <summary>Reads the series of an instance, applies a change to the instance's override, and writes the series.</summary>
    private async Task<EventUpdateResult> ChangeInstanceAsync(CalendarEvent before, long? expectedVersion,
        Func<CalendarEvent, InstanceSlot, IStorageTransaction, Task<(InstanceOverride Updated, IReadOnlyList<BookingDecision> Decisions)>> change,
        CancellationToken cancellationToken)
    {
        OriginalStart key = before.OriginalStart!.Value;
        IStorageTransaction tx = await Storage.BeginTransactionAsync(LocksOf(before), cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent series = await ReadForWriteAsync(tx, before.RecurringEventId!.Value, expectedVersion, cancellationToken).ConfigureAwait(false);
            InstanceSlot slot = StoredSeries.FindSlot(series, key, Zone) ?? throw new EventNotFoundException(before.Id);
            (InstanceOverride updated, IReadOnlyList<BookingDecision> decisions) = await change(series, slot, tx).ConfigureAwait(false);
            if (updated.Equals(slot.Override ?? new InstanceOverride(key)))
            {
                return new EventUpdateResult(SeriesExpander.Instance(series, slot), [], decisions);
            }
            CalendarEvent next = SeriesEditor.WithOverride(series, key, updated, Clock.GetCurrentInstant());
            await ReplaceAsync(tx, next, series.Version, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new EventUpdateResult(SeriesExpander.Instance(next, StoredSeries.FindSlot(next, key, Zone)!.Value), [], decisions);
        }
    }

    private static async Task<CalendarEvent> ReadForWriteAsync(IStorageTransaction tx, EventId eventId, long? expectedVersion, CancellationToken cancellationToken)
    {
        CalendarEvent? current = await tx.FindEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            throw expectedVersion is { } v ? new ConcurrencyConflictException(eventId, v, null) : new EventNotFoundException(eventId);
        }
        if (expectedVersion is { } expected && expected != current.Version)
        {
            throw new ConcurrencyConflictException(eventId, expected, current.Version);
        }
        return current;
    }

    private async Task ReplaceAsync(IStorageTransaction tx, CalendarEvent next, long expectedVersion, CancellationToken cancellationToken)
    {
        if (!await tx.ReplaceEventAsync(next, _scheduler.SpanOf(next), expectedVersion, cancellationToken).ConfigureAwait(false))
        {
            CalendarEvent? now = await tx.FindEventAsync(next.Id, cancellationToken).ConfigureAwait(false);
            throw new ConcurrencyConflictException(next.Id, expectedVersion, now?.Version);
        }
    }

    private static void CheckNotInstance(CalendarEvent e, string hint)
        => Preconditions.CheckArgument(!e.IsInstance, "eventId", $"'{e.Id}' is an instance of series '{e.RecurringEventId}'. {hint}");

    private static void CheckBounded(Interval window, string paramName)
        => Preconditions.CheckArgument(window.HasStart && window.HasEnd, paramName, "The window must have a start and an end.");

    private static void CheckId(AttendeeId id, string paramName)
        => Preconditions.CheckArgument(id.Value.Length > 0, paramName, "The attendee id must not be the default value.");

    private static void CheckId(EventId id, string paramName)
        => Preconditions.CheckArgument(id.Value.Length > 0, paramName, "The event id must not be the default value.");

    private static EventId NewEventId() => new(Guid.NewGuid().ToString("N"));

    private static IReadOnlyCollection<AttendeeId> LocksOf(CalendarEvent e) => [.. e.AttendeeIds];

    private static int IndexOf(ImmutableArray<Commitment>.Builder commitments, AttendeeId attendee)
    {
        for (int i = 0; i < commitments.Count; i++)
        {
            if (commitments[i].AttendeeId == attendee)
            {
                return i;
            }
        }
        return -1;
    }
}
