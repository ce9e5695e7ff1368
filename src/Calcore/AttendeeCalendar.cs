using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Internal;
using Calcore.Scheduling;
using Calcore.Storage;
using NodaTime;

namespace Calcore;

/// <summary>One attendee's calendar on a <see cref="StorageManager"/>: a small handle that pairs the attendee's id with
/// the manager, so that code reads like what it does ("Florent creates a meeting", "Martijn's events in April").</summary>
/// <remarks>
/// <para>Get one with <see cref="StorageManager.CalendarOf"/>. Every method is a call on the manager with this attendee's
/// id filled in; the handle keeps no state of its own and reads nothing until a method is called.</para>
/// <code>
/// AttendeeCalendar florent = manager.CalendarOf(new AttendeeId("florent"));
/// CalendarEvent meeting = await florent.CreateEventAsync(details);   // Florent organizes it and is ACCEPTED
/// IReadOnlyList&lt;CalendarEvent&gt; april = await florent.GetEventsAsync(aprilWindow);
/// </code>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class AttendeeCalendar : IEquatable<AttendeeCalendar>
{
    internal AttendeeCalendar(StorageManager manager, AttendeeId attendeeId)
    {
        Manager = manager;
        AttendeeId = attendeeId;
    }

    /// <summary>Gets the manager the calendar is on.</summary>
    public StorageManager Manager { get; }

    /// <summary>Gets the attendee whose calendar this is.</summary>
    public AttendeeId AttendeeId { get; }

    /// <summary>Creates an event organized by this attendee, who is ACCEPTED on it.</summary>
    /// <param name="details">The event's fields; its organizer is set to this attendee.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The stored event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is null.</exception>
    /// <seealso cref="StorageManager.CreateEventAsync"/>
    public Task<CalendarEvent> CreateEventAsync(EventDetails details, CancellationToken cancellationToken = default)
        => Manager.CreateEventAsync(Preconditions.CheckNotNull(details) with { OrganizerId = AttendeeId }, null, cancellationToken);

    /// <summary>Gets the events this attendee is on that overlap a window (series as themselves, not expanded).</summary>
    /// <param name="window">The half-open window; it may be open at either end.</param>
    /// <param name="criteria">Further filters, or null; the scope of this attendee always applies.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by start then id.</returns>
    /// <exception cref="CalcoreStorageException">A stored series whose span reaches the window does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    /// <seealso cref="StorageManager.GetEventsAsync"/>
    public Task<IReadOnlyList<CalendarEvent>> GetEventsAsync(Interval window, SearchCriteria? criteria = null, CancellationToken cancellationToken = default)
        => Manager.GetEventsAsync(new EventListQuery(window) { Attendee = AttendeeId, Criteria = criteria ?? SearchCriteria.None }, cancellationToken);

    /// <summary>Gets every event this attendee organizes, at any time.</summary>
    /// <param name="criteria">Further filters, or null; the organizer is always this attendee.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The events, ordered by start then id.</returns>
    /// <exception cref="CalcoreStorageException">A stored series this attendee organizes does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    public Task<IReadOnlyList<CalendarEvent>> GetOrganizedEventsAsync(SearchCriteria? criteria = null, CancellationToken cancellationToken = default)
        => Manager.GetEventsAsync(new EventListQuery { Criteria = (criteria ?? SearchCriteria.None) with { Organizer = AttendeeId } }, cancellationToken);

    /// <summary>Answers an invitation: sets this attendee's participation status on an event, a series or one instance.</summary>
    /// <param name="eventId">The event, series or instance.</param>
    /// <param name="status">The answer.</param>
    /// <param name="expectedVersion">The version the caller read, or null to skip the check.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new snapshot.</returns>
    /// <exception cref="CalcoreStorageException">The stored series does not read (<see
    /// cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or the storage
    /// fails.</exception>
    /// <seealso cref="StorageManager.SetParticipationStatusAsync"/>
    public Task<CalendarEvent> AnswerAsync(EventId eventId, ParticipationStatus status, long? expectedVersion = null, CancellationToken cancellationToken = default)
        => Manager.SetParticipationStatusAsync(eventId, AttendeeId, status, expectedVersion, cancellationToken);

    /// <summary>Gets when this attendee is busy during a window.</summary>
    /// <param name="window">The half-open window; it must have a start and an end.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The attendee's busy and busy-tentative periods.</returns>
    /// <exception cref="CalcoreStorageException">A stored series of this attendee whose span reaches the window does
    /// not read (<see cref="StorageErrorCode.Corrupt"/>; <see cref="CalcoreStorageException.EventId"/> names it); or
    /// the storage fails.</exception>
    /// <seealso cref="StorageManager.GetFreeBusyAsync"/>
    public async Task<AttendeeBusy> GetFreeBusyAsync(Interval window, CancellationToken cancellationToken = default)
        => (await Manager.GetFreeBusyAsync([AttendeeId], window, cancellationToken).ConfigureAwait(false)).Attendees[0];

    /// <inheritdoc/>
    public bool Equals(AttendeeCalendar? other) => other is not null && ReferenceEquals(Manager, other.Manager) && AttendeeId == other.AttendeeId;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AttendeeCalendar);

    /// <inheritdoc/>
    public override int GetHashCode() => AttendeeId.GetHashCode();

    /// <summary>Returns the attendee's id, e.g. <c>calendar of florent</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"calendar of {AttendeeId}";
}
