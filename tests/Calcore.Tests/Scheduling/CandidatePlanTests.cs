using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Scheduling;

/// <summary>The booking gate computes a booking's candidate instances before the write's unit of work takes the lock,
/// and uses them inside only when nothing changed the event in between.</summary>
public class CandidatePlanTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);
    private readonly FakeClock _clock = new(Start, Duration.Zero);
    private readonly HookedStorage _storage = new(new MemoryStorage());
    private readonly StorageManager _m;
    private readonly Individual _ann;
    private readonly Room _room;

    public CandidatePlanTests()
    {
        var source = new SimpleAttendeeSource();
        _m = StorageManager.CreateBuilder().UseClock(_clock).UseStorage(_storage, ownsStorage: true).AddAttendeeSource(source).Build();
        _ann = source.CreateIndividual(new AttendeeId("ann"), "Ann");
        _room = source.CreateRoom(new AttendeeId("room1"), "Room 1");
    }

    private static EventDetails Weekly(int day, int hour) => new(EventTiming.Timed(new LocalDateTime(2026, 1, day, hour, 0), DateTimeZone.Utc, Duration.FromHours(1)))
    {
        Title = "Weekly",
        Recurrence = ["RRULE:FREQ=WEEKLY"],
    };

    [Fact]
    public async Task An_invitation_decides_with_the_clock_reading_and_candidates_taken_before_the_lock()
    {
        CalendarEvent series = await _m.CalendarOf(_ann.Id).CreateEventAsync(Weekly(5, 10));
        // The lock is granted ten days after the call began (a long wait behind other writers).
        _storage.BeforeNextTransaction = () =>
        {
            _clock.Advance(Duration.FromDays(10));
            return Task.CompletedTask;
        };

        InvitationResult result = await _m.InviteAsync(series.Id, [_room.Id]);

        InviteDecision decision = result.Outcomes.Single().Decision!;
        decision.Status.Should().Be(ParticipationStatus.Accepted);
        decision.EffectiveEnd.Should().Be(Start + BookingPolicy.AcceptIfPossible.BookingWindow,
            "the window is measured from the call's clock reading, the one the candidates were computed with");
    }

    [Fact]
    public async Task A_move_between_the_plan_and_the_lock_is_checked_at_its_new_time()
    {
        CalendarEvent blocker = await _m.CalendarOf(_ann.Id).CreateEventAsync(new EventDetails(
            EventTiming.Timed(new LocalDateTime(2026, 3, 2, 14, 0), DateTimeZone.Utc, Duration.FromHours(1)))
        { Title = "Blocker" });
        (await _m.InviteAsync(blocker.Id, [_room.Id])).Outcomes.Single().Status.Should().Be(ParticipationStatus.Accepted);
        CalendarEvent series = await _m.CalendarOf(_ann.Id).CreateEventAsync(Weekly(5, 10));
        // Another writer moves the series onto the blocker's hour (Mondays 14:00) after the invitation planned its
        // candidates at 10:00, before the invitation's unit of work begins.
        _storage.BeforeNextTransaction = async () => await _m.UpdateEventAsync(series.Id, Weekly(5, 14));

        InvitationResult result = await _m.InviteAsync(series.Id, [_room.Id]);

        result.Outcomes.Single().Status.Should().Be(ParticipationStatus.Declined, "the series now meets the blocker on Monday 2 March");
        result.Outcomes.Single().Decision!.Conflicts.Should().ContainSingle(c => c.EventId == blocker.Id);
    }

    [Fact]
    public async Task An_answer_for_a_room_uses_the_candidates_planned_before_the_lock_and_sees_a_change_made_since()
    {
        CalendarEvent blocker = await _m.CalendarOf(_ann.Id).CreateEventAsync(new EventDetails(
            EventTiming.Timed(new LocalDateTime(2026, 3, 2, 14, 0), DateTimeZone.Utc, Duration.FromHours(1)))
        { Title = "Blocker" });
        await _m.InviteAsync(blocker.Id, [_room.Id]);
        CalendarEvent series = await _m.CalendarOf(_ann.Id).CreateEventAsync(Weekly(5, 10));
        await _m.SaveAttendeeAsync(new AttendeeRecord(_room.Id, CalendarUserType.Room, "Room 1", BookingPolicy.Manual));
        (await _m.InviteAsync(series.Id, [_room.Id])).Outcomes.Single().Status.Should().Be(ParticipationStatus.NeedsAction);
        _storage.BeforeNextTransaction = async () => await _m.UpdateEventAsync(series.Id, Weekly(5, 14));

        CalendarEvent answered = await _m.SetParticipationStatusAsync(series.Id, _room.Id, ParticipationStatus.Accepted);

        answered.GetParticipationStatus(_room.Id).Should().Be(ParticipationStatus.Declined, "accepting for the room is checked at the series' time when the answer is written");
    }

    /// <summary>A storage that runs an action once, before the next unit of work begins (another writer's turn).</summary>
    private sealed class HookedStorage(IStorage inner) : IStorage
    {
        public Func<Task>? BeforeNextTransaction { get; set; }

        public ValueTask<CalendarEvent?> FindEventAsync(EventId id, CancellationToken cancellationToken) => inner.FindEventAsync(id, cancellationToken);

        public ValueTask<IReadOnlyList<CalendarEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken) => inner.QueryEventsAsync(query, cancellationToken);

        public ValueTask<AttendeeRecord?> FindAttendeeAsync(AttendeeId id, CancellationToken cancellationToken) => inner.FindAttendeeAsync(id, cancellationToken);

        public ValueTask<IReadOnlyList<AttendeeRecord>> GetAttendeesAsync(CalendarUserType? type, CancellationToken cancellationToken) => inner.GetAttendeesAsync(type, cancellationToken);

        public async ValueTask<IStorageTransaction> BeginTransactionAsync(IReadOnlyCollection<AttendeeId> lockedAttendees, CancellationToken cancellationToken)
        {
            if (BeforeNextTransaction is { } action)
            {
                BeforeNextTransaction = null;
                await action();
            }
            return await inner.BeginTransactionAsync(lockedAttendees, cancellationToken);
        }
    }
}
