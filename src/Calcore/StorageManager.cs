using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Events.Internal;
using Calcore.Internal;
using Calcore.Storage;
using NodaTime;

namespace Calcore;

/// <summary>The entry point of Calcore: creates, finds, changes and deletes events on a storage, runs invite
/// policies, and answers free/busy questions.</summary>
/// <remarks>
/// <para>Build one with <see cref="CreateBuilder"/>. Every method that may touch storage is asynchronous and
/// takes a <see cref="CancellationToken"/>. Every write is one atomic storage transaction: a refused or failed
/// call changes nothing. Every write returns the new snapshot; a caller may pass the version it read as
/// <c>expectedVersion</c>, and a stale one is refused with a <see cref="ConcurrencyConflictException"/>.</para>
/// <para>Windows are half-open intervals of instants (DESIGN.md "Intervals"). Floating and all-day events are
/// placed on the time line in <see cref="Zone"/>.</para>
/// <para>This type is thread-safe: one manager may be used from many threads at once.</para>
/// </remarks>
public sealed partial class StorageManager : IAsyncDisposable
{
    private readonly bool _ownsStorage;
    private readonly object _sourcesGate = new();
    private ImmutableArray<IAttendeeSource> _sources = [];

    internal StorageManager(IStorage storage, bool ownsStorage, IClock clock, DateTimeZone zone)
    {
        Storage = storage;
        _ownsStorage = ownsStorage;
        Clock = clock;
        Zone = zone;
    }

    /// <summary>Gets the storage the manager works on.</summary>
    public IStorage Storage { get; }

    /// <summary>Gets the clock that stamps created and updated times.</summary>
    public IClock Clock { get; }

    /// <summary>Gets the zone in which floating and all-day events are placed on the time line.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the attendee sources registered with this manager, in registration order.</summary>
    public IReadOnlyList<IAttendeeSource> AttendeeSources => _sources;

    /// <summary>Starts configuring a manager.</summary>
    /// <returns>A new builder.</returns>
    public static StorageManagerBuilder CreateBuilder() => new();

    /// <summary>Creates a manager on a new <see cref="MemoryStorage"/>, the system clock and UTC.</summary>
    /// <returns>The manager.</returns>
    public static StorageManager CreateInMemory() => CreateBuilder().Build();

    /// <summary>Registers an attendee source, so the manager can find attendees' invite policies by id.</summary>
    /// <param name="source">The source.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public void RegisterAttendeeSource(IAttendeeSource source)
    {
        Preconditions.CheckNotNull(source);
        lock (_sourcesGate)
        {
            if (!_sources.Contains(source))
            {
                _sources = _sources.Add(source);
            }
        }
    }

    /// <summary>Finds an attendee by id in the registered sources (the first that knows it).</summary>
    /// <param name="id">The attendee id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The attendee, or null.</returns>
    public async ValueTask<Attendee?> FindAttendeeAsync(AttendeeId id, CancellationToken cancellationToken = default)
    {
        foreach (IAttendeeSource source in _sources)
        {
            if (await source.FindAttendeeAsync(id, cancellationToken).ConfigureAwait(false) is { } attendee)
            {
                return attendee;
            }
        }
        return null;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Events: create, find, list
    // ----------------------------------------------------------------------------------------------------------

    /// <summary>Creates an event with a generated id; its organizer, if any, is ACCEPTED on it.</summary>
    /// <param name="details">The event's fields.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The stored event (version 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is null.</exception>
    public Task<CalendarEvent> CreateEventAsync(EventDetails details, CancellationToken cancellationToken = default)
        => CreateEventAsync(details, null, cancellationToken);

    /// <summary>Creates an event, with a supplied id or a generated one; its organizer, if any, is ACCEPTED on it.</summary>
    /// <param name="details">The event's fields.</param>
    /// <param name="id">The id to use, or null to generate a unique one.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The stored event (version 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value.</exception>
    /// <exception cref="EventAlreadyExistsException">An event with the supplied id exists; it is not overwritten.</exception>
    public async Task<CalendarEvent> CreateEventAsync(EventDetails details, EventId? id, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(details);
        Preconditions.CheckArgument(id is null || id.Value.Value.Length > 0, nameof(id), "The event id must not be the default value.");
        Preconditions.CheckArgument(id is null || !id.Value.TryGetInstance(out _, out _), nameof(id),
            $"The id '{id}' has the form of an instance id ({{seriesId}}_{{originalStart}}); choose another.");
        ValidateRecurrence(details);
        EventId eventId = id ?? NewEventId();
        var commitments = ImmutableArray<Commitment>.Empty;
        if (details.OrganizerId is { } organizer)
        {
            CalendarUserType type = (await FindAttendeeAsync(organizer, cancellationToken).ConfigureAwait(false))?.Type ?? CalendarUserType.Individual;
            commitments = [NewCommitment(organizer, type, ParticipationStatus.Accepted)];
        }
        // Stored bound to this manager (see ReplaceAsync).
        CalendarEvent created = CalendarEvent.CreateNew(eventId, details, commitments, Clock.GetCurrentInstant()).BindTo(this);
        IStorageTransaction tx = await Storage.BeginTransactionAsync(LocksOf(created), cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            if (await tx.FindEventAsync(eventId, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new EventAlreadyExistsException(eventId);
            }
            await tx.InsertEventAsync(created, SpanOf(created), cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return created;
    }

    /// <summary>Finds an event, a series or an instance of a series by id.</summary>
    /// <remarks>An instance id (<c>{seriesId}_{originalStart}</c>) finds the instance, cancelled or not, when the
    /// series exists and has an instance with that original start.</remarks>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The event, or null when no event has the id.</returns>
    public async Task<CalendarEvent?> FindEventOrNullAsync(EventId id, CancellationToken cancellationToken = default)
    {
        if (id.Value.Length == 0)
        {
            return null;
        }
        CalendarEvent? found = await Storage.FindEventAsync(id, cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            return found.BindTo(this);
        }
        return await FindInstanceOrNullAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets an event by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The event.</returns>
    /// <exception cref="EventNotFoundException">No event has the id.</exception>
    public async Task<CalendarEvent> GetEventAsync(EventId id, CancellationToken cancellationToken = default)
        => await FindEventOrNullAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new EventNotFoundException(id);

    /// <summary>Gets every event that overlaps a window and matches criteria.</summary>
    /// <param name="window">The half-open window; it may be open at either end.</param>
    /// <param name="criteria">Filters, or null for none.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by start then id.</returns>
    public Task<IReadOnlyList<CalendarEvent>> GetEventsAsync(Interval window, SearchCriteria? criteria = null, CancellationToken cancellationToken = default)
        => QueryAsync(new EventQuery { Window = window }, window, criteria, scope: null, null, cancellationToken);

    /// <summary>Gets every event that overlaps a window and matches criteria, with or without expanding series.</summary>
    /// <param name="window">The half-open window; it may be open at either end (not when expanding).</param>
    /// <param name="criteria">Filters, or null for none.</param>
    /// <param name="options">Whether to expand series into instances and show cancelled instances.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by start then id (see <see cref="EventListOptions"/>).</returns>
    public Task<IReadOnlyList<CalendarEvent>> GetEventsAsync(Interval window, SearchCriteria? criteria, EventListOptions? options, CancellationToken cancellationToken = default)
        => QueryAsync(new EventQuery { Window = window }, window, criteria, scope: null, options, cancellationToken);

    /// <summary>Gets the events an attendee is on that overlap a window and match criteria.</summary>
    /// <param name="attendee">The attendee; the scope always applies (the criteria narrow it, never replace it).</param>
    /// <param name="window">The half-open window; it may be open at either end.</param>
    /// <param name="criteria">Filters, or null for none; a participation status or role without attendees applies to <paramref name="attendee"/>.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by start then id.</returns>
    public Task<IReadOnlyList<CalendarEvent>> GetEventsAsync(AttendeeId attendee, Interval window, SearchCriteria? criteria = null, CancellationToken cancellationToken = default)
        => QueryAsync(new EventQuery { Window = window, Attendee = attendee }, window, criteria, attendee, null, cancellationToken);

    /// <summary>Gets the events an attendee is on that overlap a window, with or without expanding series.</summary>
    /// <param name="attendee">The attendee; the scope always applies.</param>
    /// <param name="window">The half-open window; it may be open at either end (not when expanding).</param>
    /// <param name="criteria">Filters, or null for none.</param>
    /// <param name="options">Whether to expand series into instances and show cancelled instances.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by start then id (see <see cref="EventListOptions"/>).</returns>
    public Task<IReadOnlyList<CalendarEvent>> GetEventsAsync(AttendeeId attendee, Interval window, SearchCriteria? criteria, EventListOptions? options, CancellationToken cancellationToken = default)
        => QueryAsync(new EventQuery { Window = window, Attendee = attendee }, window, criteria, attendee, options, cancellationToken);

    /// <summary>Gets every event an attendee organizes, at any time, matching criteria.</summary>
    /// <param name="organizer">The organizer.</param>
    /// <param name="criteria">Filters, or null for none.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by start then id.</returns>
    public Task<IReadOnlyList<CalendarEvent>> GetOrganizedEventsAsync(AttendeeId organizer, SearchCriteria? criteria = null, CancellationToken cancellationToken = default)
    {
        var window = new Interval(null, null);
        SearchCriteria scoped = (criteria ?? SearchCriteria.None) with { Organizer = organizer };
        return QueryAsync(new EventQuery { Organizer = organizer }, window, scoped, scope: null, null, cancellationToken);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Participation
    // ----------------------------------------------------------------------------------------------------------

    /// <summary>Invites attendees: each new one is added NEEDS-ACTION and then answers through its invite policy.</summary>
    /// <remarks>
    /// <para>Attendees already on the event are left untouched (status and role), so re-inviting never downgrades
    /// an answer. The invitation and every policy decision are one atomic step: a room with
    /// <see cref="InvitePolicy.AcceptIfPossible"/> sees every booking committed before it, and two concurrent
    /// invitations of one room to overlapping events never both succeed.</para>
    /// <para>When nobody new is invited, nothing is written and the current snapshot is returned.</para>
    /// </remarks>
    /// <param name="eventId">The event.</param>
    /// <param name="invitees">The attendees to invite (duplicates are invited once).</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot and each distinct invitee's outcome, in the order given.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="invitees"/> or one of them is null.</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    public async Task<InvitationResult> InviteAsync(EventId eventId, IEnumerable<Attendee> invitees, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(invitees);
        var distinct = new List<Attendee>();
        var seen = new HashSet<AttendeeId>();
        foreach (Attendee? a in invitees)
        {
            if (a is null)
            {
                throw new ArgumentNullException(nameof(invitees), "An invitee must not be null.");
            }
            if (seen.Add(a.Id))
            {
                distinct.Add(a);
            }
        }
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        CheckNotInstance(before, "Invite attendees to the series; an instance has the series' attendees.");
        IStorageTransaction tx = await Storage.BeginTransactionAsync([.. LocksOf(before).Union(seen)], cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent current = await ReadForWriteAsync(tx, eventId, expectedVersion, cancellationToken).ConfigureAwait(false);
            var commitments = current.Commitments.ToBuilder();
            var added = new List<(int Index, Attendee Attendee)>();
            foreach (Attendee a in distinct)
            {
                if (!current.HasAttendee(a.Id))
                {
                    added.Add((commitments.Count, a));
                    commitments.Add(NewCommitment(a.Id, a.Type, ParticipationStatus.NeedsAction));
                }
            }
            if (added.Count == 0)
            {
                return new InvitationResult(current.BindTo(this), [.. distinct.Select(a => Unchanged(current, a.Id))]);
            }
            CalendarEvent next = current.Next(current.Details, commitments.ToImmutable(), Clock.GetCurrentInstant());
            var decisions = new Dictionary<AttendeeId, InviteDecision>();
            foreach ((_, Attendee attendee) in added)
            {
                InviteDecision decision = await DecideAsync(tx, next, attendee, cancellationToken).ConfigureAwait(false);
                decisions[attendee.Id] = decision;
                next = ApplyDecision(next, attendee.Id, decision);
            }
            next = await ReplaceAsync(tx, next, current.Version, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            IReadOnlyList<InvitationOutcome> outcomes =
            [
                .. distinct.Select(a => decisions.TryGetValue(a.Id, out InviteDecision? d)
                    ? new InvitationOutcome(a.Id, wasAlreadyInvited: false, d.Status, d)
                    : Unchanged(current, a.Id)),
            ];
            return new InvitationResult(next, outcomes);
        }
    }

    /// <summary>Sets an attendee's participation status (adding them as a required participant when not on the event).</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="attendee">The attendee.</param>
    /// <param name="status">The new status.</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot (the current one, unwritten, when the status is already the one asked for).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attendee"/> is null.</exception>
    /// <exception cref="ArgumentException">The attendee is not on the event and has an automatic invite policy (invite it instead).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is undefined.</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    public Task<CalendarEvent> SetParticipationStatusAsync(EventId eventId, Attendee attendee, ParticipationStatus status, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(attendee);
        return SetParticipationStatusAsync(eventId, attendee.Id, attendee.Type, attendee.Policy, status, expectedVersion, cancellationToken);
    }

    /// <summary>Sets an attendee's participation status (adding them as a required participant when not on the event).</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="attendee">The attendee id; a newly added attendee's type comes from the registered sources (INDIVIDUAL when unknown).</param>
    /// <param name="status">The new status.</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot (the current one, unwritten, when the status is already the one asked for).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is undefined.</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    public async Task<CalendarEvent> SetParticipationStatusAsync(EventId eventId, AttendeeId attendee, ParticipationStatus status, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Attendee? known = await FindAttendeeAsync(attendee, cancellationToken).ConfigureAwait(false);
        return await SetParticipationStatusAsync(eventId, attendee, known?.Type ?? CalendarUserType.Individual, known?.Policy, status, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CalendarEvent> SetParticipationStatusAsync(EventId eventId, AttendeeId attendee, CalendarUserType type, InvitePolicy? policy,
        ParticipationStatus status, long? expectedVersion, CancellationToken cancellationToken)
    {
        Preconditions.CheckDefined(status);
        Preconditions.CheckArgument(attendee.Value.Length > 0, nameof(attendee), "The attendee id must not be the default value.");
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        if (before.IsInstance)
        {
            return await SetInstanceParticipationAsync(before, attendee, status, expectedVersion, cancellationToken).ConfigureAwait(false);
        }
        return await ChangeCommitmentsAsync(before, attendee, expectedVersion, commitments =>
        {
            int i = IndexOf(commitments, attendee);
            if (i < 0)
            {
                // A room (any attendee with an automatic policy) joins an event only through its policy, so it cannot be double-booked this way.
                Preconditions.CheckArgument(policy is not { IsAutomatic: true }, nameof(attendee),
                    $"'{attendee}' answers invitations through its invite policy ({policy}); invite it instead of setting its status.");
                commitments.Add(NewCommitment(attendee, type, status));
            }
            else if (commitments[i].Status != status)
            {
                commitments[i] = commitments[i] with { Status = status };
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the role of an attendee who is on the event.</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="attendee">The attendee.</param>
    /// <param name="role">The new role.</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot (the current one, unwritten, when the role is already the one asked for).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> is undefined.</exception>
    /// <exception cref="ArgumentException">The attendee is not on the event.</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    public Task<CalendarEvent> SetParticipationRoleAsync(EventId eventId, AttendeeId attendee, ParticipationRole role, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckDefined(role);
        return ChangeCommitmentsAsync(eventId, attendee, expectedVersion, commitments =>
        {
            int i = IndexOf(commitments, attendee);
            if (!(i >= 0))
            {
                throw new ArgumentException($"The attendee '{attendee}' is not on event '{eventId}'.", nameof(attendee));
            }
            if (commitments[i].Role != role)
            {
                commitments[i] = commitments[i] with { Role = role };
            }
        }, cancellationToken);
    }

    /// <summary>Removes an attendee from an event (a no-op when the attendee is not on it).</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="attendee">The attendee.</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot (the current one, unwritten, when the attendee was not on the event).</returns>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    public Task<CalendarEvent> RemoveParticipantAsync(EventId eventId, AttendeeId attendee, long? expectedVersion = null, CancellationToken cancellationToken = default)
        => ChangeCommitmentsAsync(eventId, attendee, expectedVersion, commitments =>
        {
            int i = IndexOf(commitments, attendee);
            if (i >= 0)
            {
                commitments.RemoveAt(i);
            }
        }, cancellationToken);

    private async Task<CalendarEvent> ChangeCommitmentsAsync(EventId eventId, AttendeeId attendee, long? expectedVersion, Action<ImmutableArray<Commitment>.Builder> change, CancellationToken cancellationToken)
        => await ChangeCommitmentsAsync(await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false), attendee, expectedVersion, change, cancellationToken).ConfigureAwait(false);

    /// <summary>Changes an event's commitments in one transaction; <paramref name="before"/> (read outside it) names the attendees to lock.</summary>
    private async Task<CalendarEvent> ChangeCommitmentsAsync(CalendarEvent before, AttendeeId attendee, long? expectedVersion, Action<ImmutableArray<Commitment>.Builder> change, CancellationToken cancellationToken)
    {
        EventId eventId = before.Id;
        CheckNotInstance(before, "Change the series' attendees and roles on the series; an instance only takes its own answers.");
        IStorageTransaction tx = await Storage.BeginTransactionAsync([.. LocksOf(before).Append(attendee).Distinct()], cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            CalendarEvent current = await ReadForWriteAsync(tx, eventId, expectedVersion, cancellationToken).ConfigureAwait(false);
            var commitments = current.Commitments.ToBuilder();
            change(commitments);
            if (commitments.SequenceEqual(current.Commitments))
            {
                return current.BindTo(this);
            }
            CalendarEvent next = current.Next(current.Details, commitments.ToImmutable(), Clock.GetCurrentInstant());
            next = await ReplaceAsync(tx, next, current.Version, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return next;
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Update and delete
    // ----------------------------------------------------------------------------------------------------------

    /// <summary>Replaces the fields of an event, a series, or one instance of a series.</summary>
    /// <remarks>
    /// <para>For an instance id, the change becomes an exception stored with the series (see
    /// <see cref="InstanceOverride"/>): only the fields that differ from the series are recorded, so later changes
    /// to the series still reach the others. An instance cannot be given recurrence, another organizer or UID. Moving
    /// an instance re-checks the rooms (automatic policies) for that instance only.</para>
    /// <para>For a series, see <see cref="UpdateSeriesAsync"/>, which also reports the exceptions a new rule or start
    /// removed.</para>
    /// When the change moves the event in time (or makes a non-blocking event blocking again), every attendee whose
    /// invite policy is automatic (<see cref="InvitePolicy.IsAutomatic"/>, found through the registered attendee
    /// sources) answers again for the new time, in the same atomic step: a room re-books itself if it is free and
    /// declines, naming the conflicts, if not. Other attendees keep their answers.
    /// </remarks>
    /// <param name="eventId">The event.</param>
    /// <param name="details">The new fields.</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot (the current one, unwritten, when nothing changes).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is null.</exception>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    public async Task<CalendarEvent> UpdateEventAsync(EventId eventId, EventDetails details, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(details);
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        if (before.IsInstance)
        {
            return await UpdateInstanceAsync(before, details, expectedVersion, cancellationToken).ConfigureAwait(false);
        }
        return (await UpdateSeriesAsync(eventId, details, expectedVersion, cancellationToken).ConfigureAwait(false)).Event;
    }

    /// <summary>Deletes an event or a series; for an instance id, cancels the instance (as Google Calendar does).</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the event is deleted.</returns>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version is not <paramref name="expectedVersion"/>.</exception>
    public async Task DeleteEventAsync(EventId eventId, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        CalendarEvent before = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        if (before.IsInstance)
        {
            await CancelInstanceAsync(eventId, expectedVersion, cancellationToken).ConfigureAwait(false);
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
    // Disposal and helpers
    // ----------------------------------------------------------------------------------------------------------

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

    /// <summary>Gets the span of an event on the time line, as every storage indexes it: a single event's interval; for
    /// a series, from its first instance's start to its last instance's end (open for an unbounded series), widened
    /// by moved instances. Floating and all-day events are placed in <see cref="Zone"/>.</summary>
    /// <remarks>Bulk loaders and storage tools use this to write spans that match the manager's.</remarks>
    /// <param name="calendarEvent">The event.</param>
    /// <returns>The span.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendarEvent"/> is null.</exception>
    public Interval GetSpan(CalendarEvent calendarEvent) => SpanOf(Preconditions.CheckNotNull(calendarEvent));

    /// <summary>The span of an event on the time line, as storage indexes it.</summary>
    internal Interval SpanOf(CalendarEvent e) => SeriesExpander.SpanOf(e, Zone);

    private static void CheckNotInstance(CalendarEvent e, string hint)
        => Preconditions.CheckArgument(!e.IsInstance, "eventId", $"'{e.Id}' is an instance of series '{e.RecurringEventId}'. {hint}");

    /// <summary>Parses a series' recurrence against its start, so that a bad line is refused before anything is written.</summary>
    private static void ValidateRecurrence(EventDetails details)
    {
        if (details.IsRecurring)
        {
            Preconditions.CheckArgument(details.Timing.Start.NanosecondOfSecond == 0, nameof(details), "A recurring event's start must be a whole second.");
            _ = SeriesExpander.SetOf(details);
        }
    }

    private static void CheckBounded(Interval window)
        => Preconditions.CheckArgument(window.HasStart && window.HasEnd, nameof(window), "The window must have a start and an end.");

    private static EventId NewEventId() => new(Guid.NewGuid().ToString("N"));

    private static Commitment NewCommitment(AttendeeId attendee, CalendarUserType type, ParticipationStatus status)
        => new(new CommitmentId(Guid.NewGuid().ToString("N")), attendee, type, status, ParticipationRole.RequiredParticipant);

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

    private static InvitationOutcome Unchanged(CalendarEvent e, AttendeeId id)
        => new(id, wasAlreadyInvited: true, e.GetParticipationStatus(id) ?? ParticipationStatus.NeedsAction, null);

    private static async Task<CalendarEvent> ReadForWriteAsync(IStorageTransaction tx, EventId eventId, long? expectedVersion, CancellationToken cancellationToken)
    {
        CalendarEvent? current = await tx.FindEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            if (expectedVersion is { } v)
            {
                throw new ConcurrencyConflictException(eventId, v, null);
            }
            throw new EventNotFoundException(eventId);
        }
        if (expectedVersion is { } expected && expected != current.Version)
        {
            throw new ConcurrencyConflictException(eventId, expected, current.Version);
        }
        return current;
    }

    /// <summary>Replaces the stored event with <paramref name="next"/>, bound to this manager: a storage that keeps the
    /// objects it is given (memory) then returns them to this manager's reads without a copy.</summary>
    /// <returns>The bound snapshot that was stored.</returns>
    private async Task<CalendarEvent> ReplaceAsync(IStorageTransaction tx, CalendarEvent next, long expectedVersion, CancellationToken cancellationToken)
    {
        next = next.BindTo(this);
        if (!await tx.ReplaceEventAsync(next, SpanOf(next), expectedVersion, cancellationToken).ConfigureAwait(false))
        {
            CalendarEvent? now = await tx.FindEventAsync(next.Id, cancellationToken).ConfigureAwait(false);
            throw new ConcurrencyConflictException(next.Id, expectedVersion, now?.Version);
        }
        return next;
    }

    /// <summary>Lets every attendee with an automatic invite policy answer again (the event moved in time).</summary>
    private async Task<CalendarEvent> RebookAsync(IStorageTransaction tx, CalendarEvent next, CancellationToken cancellationToken)
    {
        foreach (Commitment c in next.Commitments)
        {
            if (await FindAttendeeAsync(c.AttendeeId, cancellationToken).ConfigureAwait(false) is { Policy.IsAutomatic: true } attendee)
            {
                InviteDecision decision = await DecideAsync(tx, next, attendee, cancellationToken).ConfigureAwait(false);
                next = ApplyDecision(next, attendee.Id, decision);
            }
        }
        return next;
    }

    /// <summary>Records a policy's answer: the attendee's status, and for a series the instances it declined one by one
    /// (replacing any earlier per-instance answers of that attendee).</summary>
    private static CalendarEvent ApplyDecision(CalendarEvent next, AttendeeId attendee, InviteDecision decision)
    {
        var commitments = next.Commitments.ToBuilder();
        int i = IndexOf(commitments, attendee);
        commitments[i] = commitments[i] with { Status = decision.Status };
        if (!next.IsRecurring)
        {
            return next.WithCommitments(commitments.ToImmutable());
        }
        var overrides = new Dictionary<OriginalStart, InstanceOverride>();
        foreach (InstanceOverride o in next.Overrides)
        {
            overrides[o.OriginalStart] = o.Participation.ContainsKey(attendee) ? WithAnswer(o, attendee, null) : o;
        }
        foreach (OriginalStart key in decision.DeclinedInstances)
        {
            InstanceOverride o = overrides.GetValueOrDefault(key) ?? new InstanceOverride(key);
            overrides[key] = WithAnswer(o, attendee, ParticipationStatus.Declined);
        }
        return next.WithCommitments(commitments.ToImmutable(), [.. overrides.Values.Where(o => !o.IsEmpty)]);
    }

    /// <summary>Sets (or, with null, clears) one attendee's answer for one instance.</summary>
    private static InstanceOverride WithAnswer(InstanceOverride o, AttendeeId attendee, ParticipationStatus? status)
    {
        var answers = new Dictionary<AttendeeId, ParticipationStatus>(o.Participation);
        if (status is { } s)
        {
            answers[attendee] = s;
        }
        else
        {
            answers.Remove(attendee);
        }
        return o with { Participation = answers };
    }
}
