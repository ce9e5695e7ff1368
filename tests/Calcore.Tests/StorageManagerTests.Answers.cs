using System;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Recurrence;
using Calcore.Scheduling;
using Calcore.Storage;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Calcore.Tests.TestWorld;

namespace Calcore.Tests;

/// <summary>Answers a user can read: free/busy per attendee, booking decisions on every write that changes a room's
/// answer, windows checked before storage is read, recurrence text checked in one place, results that print.</summary>
public partial class StorageManagerTests
{
    [Fact]
    public async Task Free_busy_answers_per_attendee_so_a_tentative_attendee_can_be_told_apart()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);

        FreeBusy fb = await Manager.GetFreeBusyAsync([_w.Martijn.Id, _w.Bob.Id, _w.Alice.Id], Days(2, 3));

        fb.Attendees.Select(a => a.AttendeeId).Should().Equal(_w.Martijn.Id, _w.Bob.Id, _w.Alice.Id);
        fb[_w.Martijn.Id].Periods.Should().Equal(new BusyPeriod(Window(2, 10, 0, 2, 11), BusyType.Busy));
        fb[_w.Bob.Id].Periods.Should().Equal([new BusyPeriod(Window(2, 10, 0, 2, 11), BusyType.BusyTentative)], "Bob has not answered");
        fb[_w.Alice.Id].IsFree.Should().BeTrue();
        fb.GetMergedPeriods().Should().Equal([new BusyPeriod(Window(2, 10, 0, 2, 11), BusyType.Busy)], "busy wins over busy-tentative in the merged view");
        Action unknown = () => _ = fb[_w.Room1.Id];
        unknown.Should().Throw<System.Collections.Generic.KeyNotFoundException>().WithMessage("*room1*");
        (await _w.CalendarOf(_w.Bob).GetFreeBusyAsync(Days(2, 3))).BusyTentative.Should().Equal(Window(2, 10, 0, 2, 11));
        e.Should().NotBeNull();
    }

    [Fact]
    public async Task Moving_an_event_onto_a_booked_room_returns_the_rooms_decline_with_the_conflict()
    {
        CalendarEvent booked = await _w.MeetingAsync(At(2, 14, title: "Board"), _w.Alice, _w.Room1);
        CalendarEvent moving = await _w.MeetingAsync(At(2, 10, title: "Standup"), _w.Martijn, _w.Room1);
        moving.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Accepted);

        EventUpdateResult moved = await Manager.UpdateEventAsync(moving.Id, moving.Details with { Timing = At(2, 14).Timing }, moving.Version);

        moved.Event.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Declined);
        BookingDecision decision = moved.Decisions.Should().ContainSingle().Which;
        decision.AttendeeId.Should().Be(_w.Room1.Id);
        decision.Instance.Should().BeNull();
        decision.Status.Should().Be(ParticipationStatus.Declined);
        decision.Decision.Conflicts.Should().ContainSingle().Which.EventId.Should().Be(booked.Id);
        decision.ToString().Should().Contain("room1").And.Contain("Board");
        moved.ToString().Should().Contain("1 automatic answer");
    }

    [Fact]
    public async Task Moving_one_instance_onto_a_booked_room_returns_the_rooms_decline_for_that_instance()
    {
        CalendarEvent booked = await _w.MeetingAsync(At(4, 14, title: "Board"), _w.Alice, _w.Room1);
        CalendarEvent series = await _w.MeetingAsync(At(2, 10, title: "Daily") with { Recurrence = ["RRULE:FREQ=DAILY;COUNT=5"] }, _w.Martijn, _w.Room1);
        CalendarEvent third = (await Manager.GetInstancesAsync(series.Id, Days(4, 5))).Single();

        EventUpdateResult moved = await Manager.UpdateEventAsync(third.Id, third.Details with { Timing = At(4, 14).Timing });

        moved.Event.Id.Should().Be(third.Id);
        moved.Event.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Declined);
        BookingDecision decision = moved.Decisions.Should().ContainSingle().Which;
        decision.Instance.Should().Be(third.OriginalStart);
        decision.Decision.Conflicts.Should().ContainSingle().Which.EventId.Should().Be(booked.Id);
        (await Manager.GetEventAsync(series.Id)).GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Accepted, "only that instance is declined");
    }

    [Fact]
    public async Task Changing_a_title_makes_no_booking_decision()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Room1);

        EventUpdateResult renamed = await Manager.UpdateEventAsync(e.Id, e.Details with { Title = "renamed" });

        renamed.Decisions.Should().BeEmpty();
        renamed.RemovedOverrides.Should().BeEmpty();
    }

    [Fact]
    public async Task This_and_following_that_moves_the_new_series_returns_the_rooms_decisions()
    {
        CalendarEvent series = await _w.MeetingAsync(At(2, 10, title: "Daily") with { Recurrence = ["RRULE:FREQ=DAILY;COUNT=5"] }, _w.Martijn, _w.Room1);
        CalendarEvent third = (await Manager.GetInstancesAsync(series.Id, Days(4, 5))).Single();

        SeriesSplitResult split = await Manager.UpdateFollowingAsync(third.Id, d => d with { Timing = d.Timing.WithStart(new LocalDateTime(2026, 3, 4, 15, 0)) });

        split.Decisions.Should().ContainSingle().Which.Should().Match<BookingDecision>(d => d.AttendeeId == _w.Room1.Id && d.Status == ParticipationStatus.Accepted);
        split.Following.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Accepted);
        split.ToString().Should().Contain("following");
    }

    [Fact]
    public async Task An_expanded_listing_over_an_open_window_is_refused_before_storage_is_read_even_without_series()
    {
        await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));
        var storage = new MemoryStorage();
        StorageManager closed = StorageManager.CreateBuilder().UseStorage(storage, ownsStorage: true).Build();
        await closed.DisposeAsync();

        Func<Task> here = () => Manager.GetEventsAsync(new EventListQuery(new Interval(Utc(1, 0), null)) { ExpandRecurrence = true });
        Func<Task> onClosedStorage = () => closed.GetEventsAsync(new EventListQuery() { ExpandRecurrence = true });
        Func<Task> nullQuery = () => Manager.GetEventsAsync(null!);

        (await here.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("query");
        (await onClosedStorage.Should().ThrowAsync<ArgumentException>("the window is checked before the (disposed) storage is asked"))
            .Which.Should().NotBeOfType<CalcoreStorageException>();
        (await nullQuery.Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("query");
        Func<Task> afterDispose = () => closed.GetEventsAsync(new EventListQuery(Days(2, 3)) { ExpandRecurrence = true });
        await afterDispose.Should().ThrowAsync<CalcoreStorageException>("a bounded window goes on to storage");
    }

    [Theory]
    [InlineData("RRULE:FREQ=FOO", "FREQ")]
    [InlineData("FREQ=WEEKLY", null)]
    [InlineData("RRULE:FREQ=WEEKLY;BYDAY=XX", "BYDAY")]
    public async Task Recurrence_text_is_checked_in_one_place_when_the_event_is_written(string line, string? part)
    {
        // The value accepts any non-null lines; the engine checks the whole set against the start, on every write.
        EventDetails details = At(2, 10) with { Recurrence = [line] };
        CalendarEvent single = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        Func<Task> create = () => Manager.CreateEventAsync(details);
        Func<Task> update = () => Manager.UpdateEventAsync(single.Id, details);
        Func<Task> conflicts = () => Manager.FindConflictsAsync(_w.Room1.Id, details);

        foreach ((Func<Task> act, string param) in new[] { (create, "details"), (update, "details"), (conflicts, "candidate") })
        {
            RecurrenceParseException e = (await act.Should().ThrowAsync<RecurrenceParseException>()).Which;
            e.ParamName.Should().Be(param);
            e.Line.Should().Be(1);
            if (part is not null)
            {
                e.Part.Should().Be(part);
            }
        }
        (await Manager.GetEventsAsync(new EventListQuery())).Should().ContainSingle("nothing was written");
        Action nullLine = () => _ = At(2, 10) with { Recurrence = [null!] };
        nullLine.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task An_invitee_is_only_a_reference_its_policy_comes_from_the_attendee_sources()
    {
        CalendarEvent first = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Room1);
        CalendarEvent second = await _w.CalendarOf(_w.Bob).CreateEventAsync(At(2, 10));
        // A caller may build its own value claiming the room always accepts; the engine never sees it.
        var claimed = new Room(_w.Room1.Id, "Room 1", BookingPolicy.AlwaysAccept);

        InvitationResult invited = await Manager.InviteAsync(second.Id, [claimed.Id, new AttendeeId("stranger")]);

        invited.Outcomes[0].Status.Should().Be(ParticipationStatus.Declined, "the directory says the room accepts only if it is free");
        invited.Outcomes[0].Conflicts.Should().ContainSingle().Which.EventId.Should().Be(first.Id);
        invited.Outcomes[1].Status.Should().Be(ParticipationStatus.NeedsAction, "an id no source knows answers manually");
        invited.Event.FindCommitment(new AttendeeId("stranger"))!.AttendeeType.Should().Be(CalendarUserType.Individual);
        invited.ToString().Should().Contain("room1: Declined").And.Contain("stranger: NeedsAction");
    }

    [Fact]
    public async Task Results_and_answers_describe_themselves()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10, title: "Planning"), _w.Martijn, _w.Room1);
        InvitationResult again = await Manager.InviteAsync(e.Id, [_w.Room1.Id]);
        ConflictAnalysis analysis = await Manager.FindConflictsAsync(_w.Room1.Id, At(2, 10));
        FreeBusy fb = await Manager.GetFreeBusyAsync([_w.Room1.Id, _w.Alice.Id], Days(2, 3));

        again.Outcomes.Single().ToString().Should().Be("room1: already invited (Accepted)");
        analysis.ToString().Should().StartWith("1 conflict(s) (1 checked): 'Planning'");
        analysis.IsFree.Should().BeFalse();
        (await Manager.FindConflictsAsync(_w.Room1.Id, At(3, 10))).ToString().Should().Be("free (1 checked)");
        fb.ToString().Should().Contain("room1: Busy 2026-03-02T10:00:00Z/2026-03-02T11:00:00Z").And.Contain("alice: free");
        InviteDecision.Accept.ToString().Should().Be("Accepted");
        InviteDecision.Decline("closed for works").ToString().Should().Be("Declined (closed for works)");
    }
}
