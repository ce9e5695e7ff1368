using System;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Scheduling;

/// <summary>Rooms and recurring meetings: every instance within the booking horizon is checked, series against series.</summary>
public class RecurringRoomBookingTests
{
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 1, 1, 0, 0), Duration.Zero);
    private readonly StorageManager _m;
    private readonly SimpleAttendeeSource _source;
    private readonly Individual _ann;

    public RecurringRoomBookingTests()
    {
        _source = new SimpleAttendeeSource();
        _m = StorageManager.CreateBuilder().UseClock(_clock).AddAttendeeSource(_source).Build();
        _ann = _source.CreateIndividual(new AttendeeId("ann"), "Ann");
    }

    /// <summary>A one-hour UTC event starting on a date of 2026 at a given hour, optionally recurring.</summary>
    private static EventDetails Meeting(int month, int day, int hour, string title, params string[] recurrence)
        => new(EventTiming.Timed(new LocalDateTime(2026, month, day, hour, 0), DateTimeZone.Utc, Duration.FromHours(1)))
        {
            Title = title,
            Recurrence = recurrence,
        };

    private async Task<InvitationOutcome> BookAsync(EventDetails details, Room room)
    {
        CalendarEvent e = await _m.CalendarOf(_ann.Id).CreateEventAsync(details);
        return (await _m.InviteAsync(e.Id, [room.Id])).Outcomes.Single();
    }

    [Fact]
    public async Task A_single_booking_conflicts_with_a_later_instance_of_a_weekly_series()
    {
        Room room = _source.CreateRoom(new AttendeeId("r"), "R");
        await BookAsync(Meeting(3, 16, 10, "One-off"), room);          // Monday 16 March

        InvitationOutcome weekly = await BookAsync(Meeting(3, 2, 10, "Weekly", "RRULE:FREQ=WEEKLY"), room); // Mondays from 2 March

        weekly.Status.Should().Be(ParticipationStatus.Declined);
        EventConflict conflict = weekly.Conflicts.Single();
        conflict.Title.Should().Be("One-off");
        conflict.Instance.Should().Be(OriginalStart.FromInstant(Instant.FromUtc(2026, 3, 16, 10, 0)));
    }

    [Fact]
    public async Task A_single_booking_conflicts_with_an_instance_of_a_series_that_began_long_ago()
    {
        Room room = _source.CreateRoom(new AttendeeId("r"), "R");
        CalendarEvent old = await _m.CalendarOf(_ann.Id).CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2006, 1, 2, 10, 0), DateTimeZone.Utc, Duration.FromHours(1)))
        {
            Title = "Since 2006",
            Recurrence = ["RRULE:FREQ=WEEKLY;BYDAY=MO"],
        });
        (await _m.InviteAsync(old.Id, [room.Id])).Event.GetParticipationStatus(room.Id).Should().Be(ParticipationStatus.Accepted);

        InvitationOutcome single = await BookAsync(Meeting(3, 16, 10, "Clash"), room);

        single.Status.Should().Be(ParticipationStatus.Declined);
        single.Conflicts.Single().EventId.Should().Be(EventId.ForInstance(old.Id, OriginalStart.FromInstant(Instant.FromUtc(2026, 3, 16, 10, 0))));
    }

    [Fact]
    public async Task A_series_past_the_booking_window_is_accepted_up_to_its_end_and_later_instances_show_the_room_not_booked()
    {
        Room room = _source.CreateRoom(new AttendeeId("r"), "R", BookingPolicy.AcceptIfPossible with { BookingWindow = Duration.FromDays(30) });
        _clock.Reset(Instant.FromUtc(2026, 5, 15, 0, 0));
        (await BookAsync(Meeting(6, 1, 10, "In June"), room)).Status.Should().Be(ParticipationStatus.Accepted); // within 30 days of 15 May
        _clock.Reset(Instant.FromUtc(2026, 2, 25, 0, 0));

        InvitationOutcome weekly = await BookAsync(Meeting(3, 2, 10, "Weekly", "RRULE:FREQ=WEEKLY"), room); // Mondays from 2 March

        // Checked (and free) up to the window's end, 27 March: accepted there, not on 1 June.
        weekly.Status.Should().Be(ParticipationStatus.Accepted);
        weekly.Decision!.EffectiveEnd.Should().Be(Instant.FromUtc(2026, 3, 27, 0, 0));
        weekly.Decision.Reason.Should().Contain("booking window");
        CalendarEvent series = (await _m.GetEventsAsync(new EventListQuery(new Interval(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 3, 3, 0, 0))) { Attendee = room.Id }))
            .Single(e => e.Title == "Weekly");
        series.FindCommitment(room.Id)!.EffectiveEnd.Should().Be(Instant.FromUtc(2026, 3, 27, 0, 0));
        var june = await _m.GetInstancesAsync(series.Id, new Interval(Instant.FromUtc(2026, 6, 1, 0, 0), Instant.FromUtc(2026, 6, 2, 0, 0)));
        june.Single().GetParticipationStatus(room.Id).Should().Be(ParticipationStatus.NeedsAction, "past the window the room is not booked");
        var march = await _m.GetInstancesAsync(series.Id, new Interval(Instant.FromUtc(2026, 3, 23, 0, 0), Instant.FromUtc(2026, 3, 24, 0, 0)));
        march.Single().GetParticipationStatus(room.Id).Should().Be(ParticipationStatus.Accepted);
        FreeBusy busy = await _m.GetFreeBusyAsync([room.Id], new Interval(Instant.FromUtc(2026, 6, 1, 0, 0), Instant.FromUtc(2026, 6, 2, 0, 0)));
        busy[room.Id].Periods.Should().ContainSingle("only the June meeting books the room on 1 June");

        // Later, extending the booking checks the instances now in the window: 1 June is taken.
        _clock.Reset(Instant.FromUtc(2026, 5, 20, 0, 0));
        BookingDecision extended = await _m.ExtendBookingAsync(series.Id, room.Id);
        extended.Decision.Status.Should().Be(ParticipationStatus.Declined);
        extended.Decision.Conflicts.Single().Title.Should().Be("In June");
    }

    [Fact]
    public async Task Extending_a_truncated_booking_moves_its_effective_end_to_the_new_window()
    {
        Room room = _source.CreateRoom(new AttendeeId("r"), "R", BookingPolicy.AcceptIfPossible with { BookingWindow = Duration.FromDays(30) });
        _clock.Reset(Instant.FromUtc(2026, 2, 25, 0, 0));
        InvitationOutcome weekly = await BookAsync(Meeting(3, 2, 10, "Weekly", "RRULE:FREQ=WEEKLY"), room);
        weekly.Decision!.EffectiveEnd.Should().Be(Instant.FromUtc(2026, 3, 27, 0, 0));

        _clock.Reset(Instant.FromUtc(2026, 4, 1, 0, 0));
        CalendarEvent series = await _m.GetEventAsync((await _m.GetEventsAsync(new EventListQuery(new Interval(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 3, 3, 0, 0))) { Attendee = room.Id })).Single().Id);
        BookingDecision extended = await _m.ExtendBookingAsync(series.Id, room.Id);

        extended.Decision.Status.Should().Be(ParticipationStatus.Accepted);
        extended.Decision.EffectiveEnd.Should().Be(Instant.FromUtc(2026, 5, 1, 0, 0));
        (await _m.GetEventAsync(series.Id)).FindCommitment(room.Id)!.EffectiveEnd.Should().Be(Instant.FromUtc(2026, 5, 1, 0, 0));
    }

    [Fact]
    public async Task A_series_past_the_window_is_declined_whole_when_the_policy_says_so()
    {
        Room room = _source.CreateRoom(new AttendeeId("r"), "R", BookingPolicy.AcceptIfPossible with { BookingWindow = Duration.FromDays(30), PastWindow = BookingWindowAction.Decline });
        _clock.Reset(Instant.FromUtc(2026, 2, 25, 0, 0));

        InvitationOutcome weekly = await BookAsync(Meeting(3, 2, 10, "Weekly", "RRULE:FREQ=WEEKLY;COUNT=20"), room);

        weekly.Status.Should().Be(ParticipationStatus.Declined);
        weekly.Decision!.Reason.Should().Contain("past");
    }

    [Fact]
    public async Task Two_series_conflict_where_their_instances_meet()
    {
        Room room = _source.CreateRoom(new AttendeeId("r"), "R");
        await BookAsync(Meeting(3, 2, 10, "Mondays", "RRULE:FREQ=WEEKLY;BYDAY=MO"), room);

        (await BookAsync(Meeting(3, 3, 10, "Tuesdays", "RRULE:FREQ=WEEKLY;BYDAY=TU"), room)).Status.Should().Be(ParticipationStatus.Accepted);
        InvitationOutcome daily = await BookAsync(Meeting(3, 2, 10, "Daily", "RRULE:FREQ=DAILY;COUNT=10"), room);
        daily.Status.Should().Be(ParticipationStatus.Declined);
        daily.Conflicts.Select(c => c.Instance!.Value.Instant.InUtc().DayOfWeek).Distinct()
            .Should().BeEquivalentTo([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday]);
    }

    [Fact]
    public async Task Cancelled_or_declined_instances_of_a_series_do_not_block_the_room()
    {
        Room room = _source.CreateRoom(new AttendeeId("r"), "R");
        CalendarEvent weekly = await _m.CalendarOf(_ann.Id).CreateEventAsync(Meeting(3, 2, 10, "Weekly", "RRULE:FREQ=WEEKLY;COUNT=4"));
        weekly = (await _m.InviteAsync(weekly.Id, [room.Id])).Event;
        var instances = await _m.GetInstancesAsync(weekly.Id, new Interval(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 4, 1, 0, 0)));
        await _m.DeleteEventAsync(instances[1].Id);

        (await BookAsync(Meeting(3, 9, 10, "In the gap"), room)).Status.Should().Be(ParticipationStatus.Accepted);
        (await BookAsync(Meeting(3, 16, 10, "Clash"), room)).Status.Should().Be(ParticipationStatus.Declined);
    }

    [Fact]
    public async Task The_exceptions_policy_accepts_the_series_and_declines_only_the_conflicting_instances()
    {
        Room room = _source.CreateRoom(new AttendeeId("r"), "R", BookingPolicy.AcceptExceptConflicts(maxConflicts: 5, maxConflictFraction: 1.0 / 3));
        await BookAsync(Meeting(3, 16, 10, "One-off"), room);

        CalendarEvent weekly = await _m.CalendarOf(_ann.Id).CreateEventAsync(Meeting(3, 2, 10, "Weekly", "RRULE:FREQ=WEEKLY;COUNT=10"));
        InvitationResult result = await _m.InviteAsync(weekly.Id, [room.Id]);

        result.Outcomes.Single().Status.Should().Be(ParticipationStatus.Accepted);
        result.Outcomes.Single().Decision!.DeclinedInstances.Should().Equal(OriginalStart.FromInstant(Instant.FromUtc(2026, 3, 16, 10, 0)));
        var answers = (await _m.GetInstancesAsync(weekly.Id, new Interval(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 3, 24, 0, 0))))
            .Select(i => i.GetParticipationStatus(room.Id));
        answers.Should().Equal(ParticipationStatus.Accepted, ParticipationStatus.Accepted, ParticipationStatus.Declined, ParticipationStatus.Accepted);
        // The declined instance leaves the room free for the one-off; the others block it.
        (await BookAsync(Meeting(3, 23, 10, "Now taken"), room)).Status.Should().Be(ParticipationStatus.Declined);
    }

    [Theory]
    [InlineData(2, 10, ParticipationStatus.Declined)]   // more conflicts than allowed
    [InlineData(5, 0.1, ParticipationStatus.Declined)]  // 3 of 10 is more than 10 %
    [InlineData(5, 0.5, ParticipationStatus.Accepted)]
    public async Task The_exceptions_policy_declines_the_whole_series_beyond_its_limits(int maxConflicts, double fraction, ParticipationStatus expected)
    {
        Room room = _source.CreateRoom(new AttendeeId("r"), "R", BookingPolicy.AcceptExceptConflicts(maxConflicts, Math.Min(fraction, 1)));
        foreach (int day in new[] { 9, 16, 23 })
        {
            await BookAsync(Meeting(3, day, 10, $"One-off {day}"), room);
        }

        InvitationOutcome weekly = await BookAsync(Meeting(3, 2, 10, "Weekly", "RRULE:FREQ=WEEKLY;COUNT=10"), room);

        weekly.Status.Should().Be(expected);
        weekly.Conflicts.Should().HaveCount(3);
    }

    [Fact]
    public async Task Moving_an_instance_rechecks_the_room_for_that_instance_only()
    {
        Room room = _source.CreateRoom(new AttendeeId("r"), "R");
        await BookAsync(Meeting(3, 4, 15, "Wednesday afternoon"), room);
        CalendarEvent weekly = await _m.CalendarOf(_ann.Id).CreateEventAsync(Meeting(3, 2, 10, "Weekly", "RRULE:FREQ=WEEKLY;COUNT=4"));
        weekly = (await _m.InviteAsync(weekly.Id, [room.Id])).Event;
        weekly.GetParticipationStatus(room.Id).Should().Be(ParticipationStatus.Accepted);
        CalendarEvent first = (await _m.GetInstancesAsync(weekly.Id, new Interval(Instant.FromUtc(2026, 3, 2, 0, 0), Instant.FromUtc(2026, 3, 3, 0, 0)))).Single();

        CalendarEvent moved = (await _m.UpdateEventAsync(first.Id, first.Details with { Timing = first.Timing.WithStart(new LocalDateTime(2026, 3, 4, 15, 30)) })).Event;
        moved.GetParticipationStatus(room.Id).Should().Be(ParticipationStatus.Declined);
        (await _m.GetEventAsync(weekly.Id)).GetParticipationStatus(room.Id).Should().Be(ParticipationStatus.Accepted, "the series itself stays booked");

        CalendarEvent movedBack = (await _m.UpdateEventAsync(first.Id, moved.Details with { Timing = moved.Timing.WithStart(new LocalDateTime(2026, 3, 5, 9, 0)) })).Event;
        movedBack.GetParticipationStatus(room.Id).Should().Be(ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task Checking_availability_books_nothing_and_sees_what_an_invitation_would()
    {
        Room room = _source.CreateRoom(new AttendeeId("r"), "R");
        await BookAsync(Meeting(3, 16, 10, "One-off"), room);
        int before = ((Calcore.Storage.MemoryStorage)_m.Storage).Count;

        ConflictAnalysis analysis = await _m.FindConflictsAsync(room.Id, Meeting(3, 2, 10, "Weekly", "RRULE:FREQ=WEEKLY;COUNT=6"));

        analysis.CheckedInstances.Should().Be(6);
        analysis.ConflictingInstances.Should().Equal(OriginalStart.FromInstant(Instant.FromUtc(2026, 3, 16, 10, 0)));
        analysis.Conflicts.Single().Title.Should().Be("One-off");
        ((Calcore.Storage.MemoryStorage)_m.Storage).Count.Should().Be(before);
        (await _m.FindConflictsAsync(room.Id, Meeting(3, 17, 10, "Free"))).Conflicts.Should().BeEmpty();
    }

    [Fact]
    public async Task Free_busy_counts_each_instance_of_a_series()
    {
        CalendarEvent weekly = await _m.CalendarOf(_ann.Id).CreateEventAsync(Meeting(3, 2, 10, "Weekly", "RRULE:FREQ=WEEKLY"));
        var busy = await _m.GetFreeBusyAsync([_ann.Id], new Interval(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 3, 22, 0, 0)));
        busy[_ann.Id].Busy.Select(i => i.Start).Should().Equal(Instant.FromUtc(2026, 3, 2, 10, 0), Instant.FromUtc(2026, 3, 9, 10, 0), Instant.FromUtc(2026, 3, 16, 10, 0));
        weekly.IsRecurring.Should().BeTrue();
    }
}
