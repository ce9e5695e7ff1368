using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Calcore.Tests.TestWorld;

namespace Calcore.Tests.Attendees;

public partial class BookingPolicyTests : IAsyncLifetime
{
    private readonly TestWorld _w = TestWorld.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private StorageManager Manager => _w.Manager;

    private async Task<CalendarEvent> BookRoom1Async(EventDetails details)
    {
        CalendarEvent e = await _w.MeetingAsync(details, _w.Martijn, _w.Room1);
        e.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Accepted, "the setup booking must succeed");
        return e;
    }

    private async Task<InvitationOutcome> InviteRoom1Async(EventDetails details, Attendee? organizer = null)
    {
        CalendarEvent e = await _w.CalendarOf((organizer ?? _w.Bob)).CreateEventAsync(details);
        InvitationResult result = await Manager.InviteAsync(e.Id, [_w.Room1.Id]);
        InvitationOutcome outcome = result.Outcomes.Single();
        result.Event.GetParticipationStatus(_w.Room1.Id).Should().Be(outcome.Status, "the outcome reports what was stored");
        (await Manager.GetEventAsync(e.Id)).GetParticipationStatus(_w.Room1.Id).Should().Be(outcome.Status);
        return outcome;
    }

    // ------------------------------------------------------------------ named policies

    [Fact]
    public void Named_policies_have_names_and_know_whether_they_answer_by_themselves()
    {
        BookingPolicy.Manual.Automation.Should().Be(InviteAutomation.Manual);
        BookingPolicy.Manual.IsAutomatic.Should().BeFalse();
        BookingPolicy.Manual.ToString().Should().Be("Manual (window 180 days, max 24:00:00, recurring, truncate)");
        BookingPolicy.AlwaysAccept.Automation.Should().Be(InviteAutomation.AlwaysAccept);
        BookingPolicy.AlwaysAccept.IsAutomatic.Should().BeTrue();
        BookingPolicy.AcceptIfPossible.Automation.Should().Be(InviteAutomation.AcceptIfPossible);
        BookingPolicy.AcceptIfPossible.IsAutomatic.Should().BeTrue();
        BookingPolicy.AcceptIfPossible.ToString().Should().StartWith("AcceptIfPossible (");
        BookingPolicy AcceptExcept = BookingPolicy.AcceptExceptConflicts(3, 0.25);
        AcceptExcept.Automation.Should().Be(InviteAutomation.AcceptExceptConflicts);
        AcceptExcept.MaxConflicts.Should().Be(3);
        AcceptExcept.MaxConflictFraction.Should().Be(0.25);
        AcceptExcept.ToString().Should().StartWith("AcceptExceptConflicts(3, 0.25) (");
        AcceptExcept.Should().Be(BookingPolicy.AcceptExceptConflicts(3, 0.25), "a policy is a value");
        AcceptExcept.Should().NotBe(BookingPolicy.AcceptExceptConflicts(4, 0.25));
    }

    [Fact]
    public void A_policy_has_the_documented_limits_by_default_and_is_customised_with_with()
    {
        BookingPolicy p = BookingPolicy.AcceptIfPossible;
        p.BookingWindow.Should().Be(Duration.FromDays(180));
        p.MaximumDuration.Should().Be(Duration.FromHours(24));
        p.AllowRecurring.Should().BeTrue();
        p.PastWindow.Should().Be(BookingWindowAction.Truncate);
        BookingPolicy custom = p with { BookingWindow = Duration.FromDays(90), MaximumDuration = null, AllowRecurring = false, PastWindow = BookingWindowAction.Decline };
        custom.ToString().Should().Be("AcceptIfPossible (window 90 days, max none, no recurring, decline)");
        custom.Should().Be(p with { BookingWindow = Duration.FromDays(90), MaximumDuration = null, AllowRecurring = false, PastWindow = BookingWindowAction.Decline });
        custom.Should().NotBe(p);
    }

    [Fact]
    public void Invalid_policy_values_are_refused_naming_the_property()
    {
        BookingPolicy p = BookingPolicy.AcceptIfPossible;
        ((Action)(() => _ = p with { BookingWindow = Duration.Zero })).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("BookingWindow");
        ((Action)(() => _ = p with { BookingWindow = Duration.FromDays(3654) })).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("BookingWindow");
        ((Action)(() => _ = p with { MaximumDuration = Duration.FromMinutes(-1) })).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaximumDuration");
        ((Action)(() => _ = p with { MaxConflicts = -1 })).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxConflicts");
        ((Action)(() => _ = p with { MaxConflictFraction = 1.5 })).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxConflictFraction");
        ((Action)(() => _ = p with { MaxConflictFraction = double.NaN })).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxConflictFraction");
        ((Action)(() => _ = p with { PastWindow = (BookingWindowAction)7 })).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("PastWindow");
        ((Action)(() => _ = p with { Automation = (InviteAutomation)9 })).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Automation");
    }

    [Fact]
    public void Attendee_kinds_default_to_the_documented_policies()
    {
        new Individual(new AttendeeId("i"), "I").Policy.Should().BeSameAs(BookingPolicy.Manual);
        new Group(new AttendeeId("g"), "G").Policy.Should().BeSameAs(BookingPolicy.Manual);
        new UnknownAttendee(new AttendeeId("u"), "U").Policy.Should().BeSameAs(BookingPolicy.Manual);
        new Room(new AttendeeId("r"), "R").Policy.Should().BeSameAs(BookingPolicy.AcceptIfPossible);
        new Resource(new AttendeeId("p"), "Projector").Policy.Should().BeSameAs(BookingPolicy.AcceptIfPossible);
        _w.Source.CreateRoom(new AttendeeId("r9"), "R9", BookingPolicy.AlwaysAccept).Policy.Should().BeSameAs(BookingPolicy.AlwaysAccept);
    }

    // ------------------------------------------------------------------ AcceptIfPossible

    [Fact]
    public async Task AcceptIfPossible_accepts_when_the_room_is_free()
    {
        InvitationOutcome outcome = await InviteRoom1Async(At(2, 10));

        outcome.Status.Should().Be(ParticipationStatus.Accepted);
        outcome.WasAlreadyInvited.Should().BeFalse();
        outcome.Decision.Should().BeSameAs(InviteDecision.Accept);
        outcome.Conflicts.Should().BeEmpty();
    }

    [Fact]
    public async Task AcceptIfPossible_declines_an_overlapping_booking_naming_the_conflict()
    {
        CalendarEvent booked = await BookRoom1Async(At(2, 10, title: "Board"));

        InvitationOutcome outcome = await InviteRoom1Async(At(2, 10, 30, title: "Standup"));

        outcome.Status.Should().Be(ParticipationStatus.Declined);
        var expected = new EventConflict(booked.Id, "Board", Window(2, 10, 0, 2, 11));
        outcome.Conflicts.Should().Equal(expected);
        outcome.Decision!.Conflicts.Should().Equal(expected);
        outcome.Decision.Status.Should().Be(ParticipationStatus.Declined);
        outcome.Decision.Reason.Should().Contain("Board").And.Contain(booked.Id.Value);
    }

    [Fact]
    public async Task AcceptIfPossible_names_every_conflict_in_start_order()
    {
        CalendarEvent late = await BookRoom1Async(At(2, 11, title: "late"));
        CalendarEvent early = await BookRoom1Async(At(2, 9, minutes: 90, title: "early"));
        await BookRoom1Async(At(2, 13, title: "unrelated"));

        InvitationOutcome outcome = await InviteRoom1Async(At(2, 10, minutes: 120));

        outcome.Conflicts.Select(c => c.EventId).Should().Equal(early.Id, late.Id);
        outcome.Conflicts.Select(c => c.Period).Should().Equal(Window(2, 9, 0, 2, 10, 30), Window(2, 11, 0, 2, 12));
        outcome.Decision!.Reason.Should().Contain("2 bookings");
    }

    [Fact]
    public async Task AcceptIfPossible_compares_instants_across_zones()
    {
        // 10:00 in Paris is 09:00Z.
        await BookRoom1Async(new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), Paris, Duration.FromHours(1))));

        (await InviteRoom1Async(At(2, 9, 30))).Status.Should().Be(ParticipationStatus.Declined);
        (await InviteRoom1Async(At(2, 10, 0))).Status.Should().Be(ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task Touching_events_do_not_conflict()
    {
        await BookRoom1Async(At(2, 10));

        (await InviteRoom1Async(At(2, 11))).Status.Should().Be(ParticipationStatus.Accepted);
        (await InviteRoom1Async(At(2, 9))).Status.Should().Be(ParticipationStatus.Accepted);
        (await InviteRoom1Async(At(2, 10, 59, minutes: 2))).Status.Should().Be(ParticipationStatus.Declined);
    }

    [Fact]
    public async Task Zero_length_events_neither_conflict_nor_are_conflicts()
    {
        await BookRoom1Async(At(2, 10));

        (await InviteRoom1Async(At(2, 10, 30, minutes: 0))).Status.Should().Be(ParticipationStatus.Accepted);
        (await InviteRoom1Async(At(2, 12, 0, minutes: 0))).Status.Should().Be(ParticipationStatus.Accepted);
        (await InviteRoom1Async(At(2, 11, 30, minutes: 60))).Status.Should().Be(ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task Transparent_and_cancelled_bookings_are_not_conflicts()
    {
        await BookRoom1Async(At(2, 10) with { Transparency = Transparency.Transparent });
        CalendarEvent cancelled = await BookRoom1Async(At(2, 10));
        await Manager.UpdateEventAsync(cancelled.Id, cancelled.Details with { Status = EventStatus.Cancelled });

        (await InviteRoom1Async(At(2, 10))).Status.Should().Be(ParticipationStatus.Accepted);
    }

    [Theory]
    [InlineData(ParticipationStatus.Declined)]
    [InlineData(ParticipationStatus.Delegated)]
    public async Task A_booking_the_room_declined_or_delegated_is_not_a_conflict(ParticipationStatus status)
    {
        CalendarEvent other = await BookRoom1Async(At(2, 10));
        await Manager.SetParticipationStatusAsync(other.Id, _w.Room1.Id, status);

        (await InviteRoom1Async(At(2, 10))).Status.Should().Be(ParticipationStatus.Accepted);
    }

    [Theory]
    [InlineData(ParticipationStatus.Tentative)]
    [InlineData(ParticipationStatus.NeedsAction)]
    public async Task A_tentative_or_unanswered_booking_is_a_conflict(ParticipationStatus status)
    {
        CalendarEvent other = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Room1);
        await Manager.SetParticipationStatusAsync(other.Id, _w.Room1.Id, status);

        InvitationOutcome outcome = await InviteRoom1Async(At(2, 10, 30));

        outcome.Status.Should().Be(ParticipationStatus.Declined);
        outcome.Conflicts.Single().EventId.Should().Be(other.Id);
    }

    [Fact]
    public async Task A_tentative_event_is_a_conflict()
    {
        await BookRoom1Async(At(2, 10) with { Status = EventStatus.Tentative });

        (await InviteRoom1Async(At(2, 10))).Status.Should().Be(ParticipationStatus.Declined);
    }

    [Fact]
    public async Task Bookings_of_other_attendees_are_not_conflicts()
    {
        await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Room2, _w.Bob);

        (await InviteRoom1Async(At(2, 10))).Status.Should().Be(ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task A_new_event_that_does_not_block_is_accepted_even_when_the_room_is_busy()
    {
        await BookRoom1Async(At(2, 10));

        (await InviteRoom1Async(At(2, 10) with { Transparency = Transparency.Transparent })).Status.Should().Be(ParticipationStatus.Accepted);
        (await InviteRoom1Async(At(2, 10) with { Status = EventStatus.Cancelled })).Status.Should().Be(ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task Floating_and_all_day_events_conflict_in_the_manager_zone()
    {
        await using TestWorld paris = TestWorld.Create(Paris);
        // All-day on the 3rd in Paris: 2026-03-02T23:00Z to 2026-03-03T23:00Z.
        CalendarEvent allDay = await paris.MeetingAsync(new EventDetails(EventTiming.AllDay(new LocalDate(2026, 3, 3))), paris.Martijn, paris.Room1);

        CalendarEvent late = await paris.MeetingAsync(At(2, 22, 30), paris.Bob, paris.Room1);
        CalendarEvent floating = await paris.MeetingAsync(
            new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 23, 30), null, Duration.FromMinutes(30))), paris.Bob, paris.Room1);

        allDay.GetParticipationStatus(paris.Room1.Id).Should().Be(ParticipationStatus.Accepted);
        late.GetParticipationStatus(paris.Room1.Id).Should().Be(ParticipationStatus.Declined, "22:30–23:30Z overlaps the Paris day from 23:00Z");
        floating.GetParticipationStatus(paris.Room1.Id).Should().Be(ParticipationStatus.Accepted, "23:30 Paris time is 22:30Z, before the all-day event");
    }

    // ------------------------------------------------------------------ Manual and AlwaysAccept

    [Fact]
    public async Task Manual_leaves_the_invitation_needs_action_even_for_a_room()
    {
        Room manualRoom = _w.Source.CreateRoom(new AttendeeId("manual"), "Manual room", BookingPolicy.Manual);
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        InvitationResult result = await Manager.InviteAsync(e.Id, [manualRoom.Id, _w.Bob.Id]);

        result.Outcomes.Should().AllSatisfy(o =>
        {
            o.Status.Should().Be(ParticipationStatus.NeedsAction);
            o.Decision.Should().BeSameAs(InviteDecision.NoAnswer);
        });
    }

    [Fact]
    public async Task AlwaysAccept_accepts_even_when_busy()
    {
        Room lenient = _w.Source.CreateRoom(new AttendeeId("lenient"), "Lenient", BookingPolicy.AlwaysAccept);
        CalendarEvent first = await _w.MeetingAsync(At(2, 10), _w.Martijn, lenient);
        CalendarEvent second = await _w.MeetingAsync(At(2, 10), _w.Bob, lenient);

        first.GetParticipationStatus(lenient.Id).Should().Be(ParticipationStatus.Accepted);
        second.GetParticipationStatus(lenient.Id).Should().Be(ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task Each_new_invitee_answers_through_its_own_policy_in_one_write()
    {
        await BookRoom1Async(At(2, 10));
        CalendarEvent e = await _w.CalendarOf(_w.Bob).CreateEventAsync(At(2, 10));

        InvitationResult result = await Manager.InviteAsync(e.Id, [_w.Room1.Id, _w.Room2.Id, _w.Alice.Id]);

        result.Event.Version.Should().Be(2);
        result.Outcomes.Select(o => o.Status).Should().Equal(ParticipationStatus.Declined, ParticipationStatus.Accepted, ParticipationStatus.NeedsAction);
    }

    // ------------------------------------------------------------------ moving an event re-runs automatic policies

    [Fact]
    public async Task Moving_onto_another_booking_declines_the_room_and_moving_off_accepts_it_again()
    {
        CalendarEvent board = await BookRoom1Async(At(2, 10, title: "Board"));
        CalendarEvent standup = await _w.MeetingAsync(At(2, 14), _w.Bob, _w.Room1, _w.Alice, _w.Martijn);
        standup = await Manager.SetParticipationStatusAsync(standup.Id, _w.Martijn.Id, ParticipationStatus.Accepted);
        standup.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Accepted);

        CalendarEvent onto = (await Manager.UpdateEventAsync(standup.Id, standup.Details with { Timing = At(2, 10, 30).Timing })).Event;

        onto.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Declined);
        onto.GetParticipationStatus(_w.Alice.Id).Should().Be(ParticipationStatus.NeedsAction, "people keep their answers");
        onto.GetParticipationStatus(_w.Martijn.Id).Should().Be(ParticipationStatus.Accepted);
        onto.GetParticipationStatus(_w.Bob.Id).Should().Be(ParticipationStatus.Accepted);
        onto.Version.Should().Be(standup.Version + 1, "the move and the room's answer are one write");
        (await Manager.GetEventAsync(standup.Id)).GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Declined);
        (await Manager.GetEventAsync(board.Id)).GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Accepted);

        CalendarEvent off = (await Manager.UpdateEventAsync(standup.Id, onto.Details with { Timing = At(2, 16).Timing })).Event;

        off.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task Changing_only_the_title_does_not_rerun_the_policy()
    {
        CalendarEvent board = await BookRoom1Async(At(2, 10));
        CalendarEvent standup = await _w.MeetingAsync(At(2, 10), _w.Bob, _w.Room1);
        standup.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Declined);
        await Manager.DeleteEventAsync(board.Id);

        CalendarEvent renamed = (await Manager.UpdateEventAsync(standup.Id, standup.Details with { Title = "renamed" })).Event;

        renamed.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Declined, "only a change of time re-runs the policy");
    }

    [Fact]
    public async Task Making_a_non_blocking_event_blocking_reruns_the_policy()
    {
        await BookRoom1Async(At(2, 10));
        CalendarEvent light = await _w.MeetingAsync(At(2, 10) with { Transparency = Transparency.Transparent }, _w.Bob, _w.Room1);
        light.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Accepted);

        CalendarEvent opaque = (await Manager.UpdateEventAsync(light.Id, light.Details with { Transparency = Transparency.Opaque })).Event;

        opaque.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Declined);
    }

    [Fact]
    public async Task Moving_an_event_does_not_rerun_a_manual_policy()
    {
        Room manualRoom = _w.Source.CreateRoom(new AttendeeId("manual"), "Manual room", BookingPolicy.Manual);
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Bob, manualRoom);
        e = await Manager.SetParticipationStatusAsync(e.Id, manualRoom.Id, ParticipationStatus.Accepted);

        CalendarEvent moved = (await Manager.UpdateEventAsync(e.Id, e.Details with { Timing = At(3, 10).Timing })).Event;

        moved.GetParticipationStatus(manualRoom.Id).Should().Be(ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task Moving_an_event_with_a_stale_version_changes_nothing()
    {
        await BookRoom1Async(At(2, 10));
        CalendarEvent e = await _w.MeetingAsync(At(2, 14), _w.Bob, _w.Room1);

        Func<Task> act = () => Manager.UpdateEventAsync(e.Id, e.Details with { Timing = At(2, 10).Timing }, e.Version - 1);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        CalendarEvent stored = await Manager.GetEventAsync(e.Id);
        stored.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Accepted);
        stored.Timing.Should().Be(e.Timing);
    }

    // ------------------------------------------------------------------ custom policies

    /// <summary>Accepts tentatively when busy; records what it saw.</summary>
    [Fact]
    public void Decisions_carry_status_conflicts_and_reason()
    {
        InviteDecision.Accept.Status.Should().Be(ParticipationStatus.Accepted);
        InviteDecision.Tentative.Status.Should().Be(ParticipationStatus.Tentative);
        InviteDecision.NoAnswer.Status.Should().Be(ParticipationStatus.NeedsAction);
        InviteDecision.Accept.Conflicts.Should().BeEmpty();
        InviteDecision.Accept.Reason.Should().BeNull();

        InviteDecision.Decline("busy").Reason.Should().Be("busy");
        InviteDecision.Decline([]).Reason.Should().Be("Declined.");
    }

    [Fact]
    public void A_decline_copies_its_conflicts_and_summarises_at_most_five()
    {
        var conflicts = Enumerable.Range(0, 7)
            .Select(i => new EventConflict(new EventId($"e{i}"), $"t{i}", new Interval(Utc(2, 9 + i), Utc(2, 10 + i))))
            .ToList();

        InviteDecision decision = InviteDecision.Decline(conflicts);
        conflicts.Clear();

        decision.Status.Should().Be(ParticipationStatus.Declined);
        decision.Conflicts.Should().HaveCount(7);
        decision.Reason.Should().Contain("7 bookings").And.Contain("'t4'").And.NotContain("'t5'").And.Contain("…");
    }

    [Fact]
    public void Decline_refuses_nulls()
    {
        Action conflicts = () => InviteDecision.Decline((IReadOnlyList<EventConflict>)null!);
        Action reason = () => InviteDecision.Decline((string)null!);

        conflicts.Should().Throw<ArgumentNullException>();
        reason.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Conflicts_have_value_equality()
    {
        EqualityAssert.ValueSemantics(
            new EventConflict(new EventId("e"), "Board", Window(2, 10, 0, 2, 11)),
            new EventConflict(new EventId("e"), "Board", Window(2, 10, 0, 2, 11)),
            new EventConflict(new EventId("e"), "Board", Window(2, 10, 0, 2, 12)));
        new EventConflict(new EventId("e"), null!, Window(2, 10, 0, 2, 11)).Title.Should().BeEmpty();
    }
}
