using System;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Scenarios;

/// <summary>
/// The old CalCore's quirks and bugs (reference/calcore-and-osid.md §2.16, Q1–Q13), one scenario each, showing
/// that Calcore decides them consciously instead of reproducing them.
/// </summary>
public class OldCalCoreQuirksScenarioTests
{
    private static readonly Interval April = new(Instant.FromUtc(2005, 4, 1, 0, 0), Instant.FromUtc(2005, 5, 1, 0, 0));

    private readonly StorageManager _m;
    private readonly Individual _florent;
    private readonly Individual _bob;
    private readonly Room _room;

    public OldCalCoreQuirksScenarioTests()
    {
        var source = new SimpleAttendeeSource();
        _m = StorageManager.CreateBuilder().AddAttendeeSource(source).Build();
        _florent = source.CreateIndividual(new AttendeeId("florent"), "Florent");
        _bob = source.CreateIndividual(new AttendeeId("bob"), "Bob");
        _room = source.CreateRoom(new AttendeeId("room1"), "Room 1");
    }

    private static EventDetails At(int day, int hour, int minutes = 60, string title = "")
        => new(EventTiming.Timed(new LocalDateTime(2005, 4, day, hour, 0), null, Duration.FromMinutes(minutes))) { Title = title };

    [Fact]
    public async Task Q1_a_cancelled_event_spelled_as_the_RFC_spells_it_frees_the_time()
    {
        CalendarEvent e = await _m.CalendarOf(_florent.Id).CreateEventAsync(At(10, 16) with { Status = EventStatus.Cancelled });
        Enum.GetNames<EventStatus>().Should().Contain("Cancelled").And.NotContain("Canceled");
        (await _m.GetFreeBusyAsync([_florent.Id], April)).GetMergedPeriods().Should().BeEmpty();
        e.Status.Should().Be(EventStatus.Cancelled);
    }

    [Fact]
    public async Task Q2_criteria_never_replace_the_attendee_a_query_is_scoped_to()
    {
        CalendarEvent bobsOnly = await _m.CalendarOf(_bob.Id).CreateEventAsync(At(10, 9, title: "Bob alone"));
        CalendarEvent both = await _m.CalendarOf(_florent.Id).CreateEventAsync(At(11, 9, title: "Both"));
        await _m.InviteAsync(both.Id, [_bob.Id]);

        var events = await _m.CalendarOf(_florent.Id).GetEventsAsync(April, new SearchCriteria { Attendees = [_bob.Id] });

        events.Select(e => e.Title).Should().Equal("Both");
        events.Should().NotContain(bobsOnly);
    }

    [Fact]
    public async Task Q3_a_long_event_that_began_before_the_window_is_found()
    {
        // (Series arrive with the recurring-events work; the span rule that finds them is already the storage contract.)
        var longEvent = new EventDetails(EventTiming.AllDay(new LocalDate(2005, 3, 1), 60)) { Title = "Two months" };
        await _m.CalendarOf(_florent.Id).CreateEventAsync(longEvent);
        (await _m.CalendarOf(_florent.Id).GetEventsAsync(April)).Select(e => e.Title).Should().Equal("Two months");
    }

    [Fact]
    public async Task Q4_generated_ids_never_collide_and_a_supplied_id_is_never_overwritten()
    {
        CalendarEvent a = await _m.CalendarOf(_florent.Id).CreateEventAsync(At(10, 9));
        CalendarEvent b = await _m.CalendarOf(_florent.Id).CreateEventAsync(At(10, 10));
        await _m.DeleteEventAsync(a.Id, a.Version);
        CalendarEvent c = await _m.CalendarOf(_florent.Id).CreateEventAsync(At(10, 11));
        new[] { a.Id, b.Id, c.Id }.Should().OnlyHaveUniqueItems();

        await _m.CreateEventAsync(At(12, 9, title: "original"), new EventId("fixed"));
        Func<Task> again = () => _m.CreateEventAsync(At(13, 9, title: "intruder"), new EventId("fixed"));
        (await again.Should().ThrowAsync<EventAlreadyExistsException>()).Which.EventId.Should().Be(new EventId("fixed"));
        (await _m.GetEventAsync(new EventId("fixed"))).Title.Should().Be("original");
    }

    [Fact]
    public async Task Q5_events_with_the_same_start_are_not_equal()
    {
        CalendarEvent a = await _m.CalendarOf(_florent.Id).CreateEventAsync(At(10, 9));
        CalendarEvent b = await _m.CalendarOf(_florent.Id).CreateEventAsync(At(10, 9));
        a.Should().NotBe(b);
        (await _m.GetEventAsync(a.Id)).Should().Be(a);
    }

    [Fact]
    public async Task Q9_accept_if_possible_really_checks_availability()
    {
        CalendarEvent first = await _m.CalendarOf(_florent.Id).CreateEventAsync(At(10, 16));
        CalendarEvent second = await _m.CalendarOf(_bob.Id).CreateEventAsync(At(10, 16));
        (await _m.InviteAsync(first.Id, [_room.Id])).Event.GetParticipationStatus(_room.Id).Should().Be(ParticipationStatus.Accepted);
        (await _m.InviteAsync(second.Id, [_room.Id])).Event.GetParticipationStatus(_room.Id).Should().Be(ParticipationStatus.Declined);
    }

    [Fact]
    public async Task Q11_a_status_set_for_someone_not_invited_comes_with_a_role()
    {
        CalendarEvent e = await _m.CalendarOf(_florent.Id).CreateEventAsync(At(10, 9));
        e = await _m.SetParticipationStatusAsync(e.Id, _bob.Id, ParticipationStatus.Tentative);
        e.GetParticipationRole(_bob.Id).Should().Be(ParticipationRole.RequiredParticipant);
        var byRole = await _m.GetEventsAsync(new EventListQuery(April) { Criteria = new SearchCriteria { Attendees = [_bob.Id], ParticipationRole = ParticipationRole.RequiredParticipant } });
        byRole.Should().ContainSingle().Which.Should().Be(e);
    }

    [Fact]
    public async Task Q13_a_zero_length_event_at_the_window_start_is_visible()
    {
        await _m.CalendarOf(_florent.Id).CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2005, 4, 1, 0, 0), null, Duration.Zero)) { Title = "Reminder" });
        (await _m.CalendarOf(_florent.Id).GetEventsAsync(April)).Select(e => e.Title).Should().Equal("Reminder");
        var previousMonth = new Interval(Instant.FromUtc(2005, 3, 1, 0, 0), April.Start);
        (await _m.CalendarOf(_florent.Id).GetEventsAsync(previousMonth)).Should().BeEmpty();
    }

    [Fact]
    public async Task Periods_are_half_open_at_both_ends()
    {
        await _m.CalendarOf(_florent.Id).CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2005, 3, 31, 23, 0), null, Duration.FromHours(1))) { Title = "ends at the start" });
        await _m.CalendarOf(_florent.Id).CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2005, 5, 1, 0, 0), null, Duration.FromHours(1))) { Title = "starts at the end" });
        await _m.CalendarOf(_florent.Id).CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2005, 3, 31, 23, 0), null, Duration.FromHours(2))) { Title = "crosses the start" });
        (await _m.CalendarOf(_florent.Id).GetEventsAsync(April)).Select(e => e.Title).Should().Equal("crosses the start");
    }

    [Fact]
    public async Task All_day_events_are_normalised_as_the_old_CalCore_did()
    {
        CalendarEvent e = await _m.CalendarOf(_florent.Id).CreateEventAsync(new EventDetails(EventTiming.AllDay(new LocalDateTime(2005, 4, 10, 15, 30), Duration.FromHours(25))));
        e.Timing.Start.Should().Be(new LocalDateTime(2005, 4, 10, 0, 0));
        e.Timing.Days.Should().Be(2);
        EventTiming.AllDay(new LocalDateTime(2005, 4, 10, 15, 30), null).Days.Should().Be(1);
    }
}
