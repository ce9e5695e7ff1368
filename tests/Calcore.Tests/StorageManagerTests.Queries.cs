using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Calcore.Tests.TestWorld;

namespace Calcore.Tests;

/// <summary>GetEventsAsync / GetOrganizedEventsAsync: windows, criteria, scope and ordering.</summary>
public partial class StorageManagerTests
{
    private async Task<IReadOnlyList<EventId>> IdsIn(Interval window, SearchCriteria? criteria = null)
        => [.. (await Manager.GetEventsAsync(new EventListQuery(window) { Criteria = criteria ?? SearchCriteria.None })).Select(e => e.Id)];

    private async Task<IReadOnlyList<EventId>> IdsOf(Attendee attendee, Interval window, SearchCriteria? criteria = null)
        => [.. (await Manager.GetEventsAsync(new EventListQuery(window) { Attendee = attendee.Id, Criteria = criteria ?? SearchCriteria.None })).Select(e => e.Id)];

    // ------------------------------------------------------------------ half-open windows

    [Fact]
    public async Task An_event_ending_exactly_at_the_window_start_is_excluded()
    {
        await Manager.CreateEventAsync(At(2, 10), new EventId("e"));

        (await IdsIn(Window(2, 11, 0, 2, 12))).Should().BeEmpty();
        (await IdsIn(Window(2, 10, 59, 2, 12))).Should().Equal(new EventId("e"));
    }

    [Fact]
    public async Task An_event_starting_exactly_at_the_window_end_is_excluded()
    {
        await Manager.CreateEventAsync(At(2, 10), new EventId("e"));

        (await IdsIn(Window(2, 9, 0, 2, 10))).Should().BeEmpty();
        (await IdsIn(Window(2, 9, 0, 2, 10, 1))).Should().Equal(new EventId("e"));
    }

    [Fact]
    public async Task A_zero_length_event_at_exactly_the_window_start_is_included()
    {
        // Old CalCore bug Q13: such an event was invisible.
        await Manager.CreateEventAsync(At(2, 10, minutes: 0), new EventId("point"));

        (await IdsIn(Window(2, 10, 0, 2, 11))).Should().Equal(new EventId("point"));
        (await IdsIn(Window(2, 9, 0, 2, 10))).Should().BeEmpty("the window end is exclusive");
        (await IdsIn(Window(2, 9, 0, 2, 11))).Should().Equal(new EventId("point"));
        (await IdsOf(_w.Martijn, Window(2, 10, 0, 2, 11))).Should().BeEmpty("martijn is not on it");
    }

    [Fact]
    public async Task A_window_inside_a_long_event_finds_it()
    {
        await Manager.CreateEventAsync(At(2, 10, minutes: 60 * 24 * 60), new EventId("sixty-days"));

        (await IdsIn(Window(20, 12, 0, 20, 13))).Should().Equal(new EventId("sixty-days"));
    }

    [Fact]
    public async Task Windows_may_be_open_at_either_end()
    {
        await Manager.CreateEventAsync(At(2, 10), new EventId("early"));
        await Manager.CreateEventAsync(At(20, 10), new EventId("late"));

        (await IdsIn(new Interval(null, Utc(10, 0)))).Should().Equal(new EventId("early"));
        (await IdsIn(new Interval(Utc(10, 0), null))).Should().Equal(new EventId("late"));
        (await IdsIn(new Interval(null, null))).Should().Equal(new EventId("early"), new EventId("late"));
    }

    // ------------------------------------------------------------------ ordering

    [Fact]
    public async Task Results_are_ordered_by_start_then_id()
    {
        await Manager.CreateEventAsync(At(2, 11), new EventId("a-late"));
        await Manager.CreateEventAsync(At(2, 10, minutes: 30), new EventId("c"));
        await Manager.CreateEventAsync(At(2, 10, minutes: 240), new EventId("B"));
        await Manager.CreateEventAsync(At(2, 10, minutes: 5), new EventId("b"));
        await Manager.CreateEventAsync(At(2, 9, 30, minutes: 600), new EventId("z-first"));
        await Manager.CreateEventAsync(At(1, 9, minutes: 60 * 24 * 40), new EventId("very-long"));

        (await IdsIn(Days(2, 3))).Select(i => i.Value).Should().Equal("very-long", "z-first", "B", "b", "c", "a-late");
    }

    [Fact]
    public async Task Scoped_and_organized_results_are_ordered_by_start_then_id()
    {
        foreach ((string id, int hour, int minutes) in new[] { ("m", 12, 30), ("k", 9, 600), ("a", 12, 5), ("z", 8, 60 * 24 * 50) })
        {
            await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, hour, minutes: minutes)); // noise: someone else's events
            await Manager.CreateEventAsync(At(2, hour, minutes: minutes) with { OrganizerId = _w.Bob.Id }, new EventId(id));
        }

        (await IdsOf(_w.Bob, Days(2, 3))).Select(i => i.Value).Should().Equal("z", "k", "a", "m");
        (await _w.CalendarOf(_w.Bob).GetOrganizedEventsAsync()).Select(e => e.Id.Value).Should().Equal("z", "k", "a", "m");
    }

    // ------------------------------------------------------------------ criteria

    [Fact]
    public async Task Categories_match_any_of_the_listed_ones_and_an_empty_set_matches_nothing()
    {
        await Manager.CreateEventAsync(At(2, 9) with { Categories = ["work"] }, new EventId("work"));
        await Manager.CreateEventAsync(At(2, 10) with { Categories = ["home", "sport"] }, new EventId("home"));
        await Manager.CreateEventAsync(At(2, 11), new EventId("none"));
        Interval day = Days(2, 3);

        (await IdsIn(day, new SearchCriteria { Categories = ["work", "sport"] })).Should().Equal(new EventId("work"), new EventId("home"));
        (await IdsIn(day, new SearchCriteria { Categories = ["sport"] })).Should().Equal(new EventId("home"));
        (await IdsIn(day, new SearchCriteria { Categories = ["Work"] })).Should().BeEmpty("categories compare ordinally");
        (await IdsIn(day, new SearchCriteria { Categories = [] })).Should().BeEmpty();
        (await IdsIn(day, new SearchCriteria { Categories = null })).Should().HaveCount(3);
        (await IdsIn(day, SearchCriteria.None)).Should().HaveCount(3);
    }

    [Fact]
    public async Task Organizer_criterion_keeps_events_of_that_organizer()
    {
        await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 9));
        await _w.CalendarOf(_w.Bob).CreateEventAsync(At(2, 10));
        await Manager.CreateEventAsync(At(2, 11));

        IReadOnlyList<CalendarEvent> found = await Manager.GetEventsAsync(new EventListQuery(Days(2, 3)) { Criteria = new SearchCriteria { Organizer = _w.Bob.Id } });

        found.Should().ContainSingle().Which.OrganizerId.Should().Be(_w.Bob.Id);
    }

    [Fact]
    public async Task Attendee_status_and_role_must_hold_for_the_same_listed_attendee()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob, _w.Alice);
        await Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.Accepted);
        await Manager.SetParticipationStatusAsync(e.Id, _w.Alice.Id, ParticipationStatus.Tentative);
        await Manager.SetParticipationRoleAsync(e.Id, _w.Alice.Id, ParticipationRole.OptionalParticipant);
        Interval day = Days(2, 3);

        (await IdsIn(day, new SearchCriteria { Attendees = [_w.Bob.Id], ParticipationStatus = ParticipationStatus.Tentative }))
            .Should().BeEmpty("bob accepted; alice, who is tentative, is not listed");
        (await IdsIn(day, new SearchCriteria { Attendees = [_w.Bob.Id, _w.Alice.Id], ParticipationStatus = ParticipationStatus.Tentative }))
            .Should().Equal(e.Id);
        (await IdsIn(day, new SearchCriteria
        {
            Attendees = [_w.Bob.Id, _w.Alice.Id],
            ParticipationStatus = ParticipationStatus.Accepted,
            ParticipationRole = ParticipationRole.OptionalParticipant,
        })).Should().BeEmpty("no single listed attendee is both accepted and optional");
        (await IdsIn(day, new SearchCriteria
        {
            Attendees = [_w.Alice.Id],
            ParticipationStatus = ParticipationStatus.Tentative,
            ParticipationRole = ParticipationRole.OptionalParticipant,
        })).Should().Equal(e.Id);
        (await IdsIn(day, new SearchCriteria { Attendees = [_w.Bob.Id] })).Should().Equal(e.Id);
        (await IdsIn(day, new SearchCriteria { Attendees = [new AttendeeId("stranger")] })).Should().BeEmpty();
    }

    [Fact]
    public async Task An_empty_attendee_list_matches_nothing()
    {
        await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);

        (await IdsIn(Days(2, 3), new SearchCriteria { Attendees = [] })).Should().BeEmpty();
        (await IdsOf(_w.Bob, Days(2, 3), new SearchCriteria { Attendees = [] })).Should().BeEmpty();
    }

    [Fact]
    public async Task Status_without_attendees_in_a_scoped_query_applies_to_the_scope_attendee()
    {
        CalendarEvent pending = await _w.MeetingAsync(At(2, 9), _w.Martijn, _w.Bob);
        CalendarEvent accepted = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);
        await Manager.SetParticipationStatusAsync(accepted.Id, _w.Bob.Id, ParticipationStatus.Accepted);
        var acceptedOnly = new SearchCriteria { ParticipationStatus = ParticipationStatus.Accepted };

        (await IdsOf(_w.Bob, Days(2, 3), acceptedOnly)).Should().Equal(accepted.Id);
        (await IdsOf(_w.Bob, Days(2, 3), new SearchCriteria { ParticipationStatus = ParticipationStatus.NeedsAction }))
            .Should().Equal(pending.Id);
        (await IdsOf(_w.Martijn, Days(2, 3), acceptedOnly)).Should().Equal(pending.Id, accepted.Id);
        (await IdsOf(_w.Bob, Days(2, 3), new SearchCriteria { ParticipationRole = ParticipationRole.Chair })).Should().BeEmpty();
    }

    [Fact]
    public async Task Status_without_attendees_in_an_unscoped_query_applies_to_any_attendee()
    {
        CalendarEvent withTentative = await _w.MeetingAsync(At(2, 9), _w.Martijn, _w.Bob);
        await Manager.SetParticipationStatusAsync(withTentative.Id, _w.Bob.Id, ParticipationStatus.Tentative);
        await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);
        await Manager.CreateEventAsync(At(2, 11));

        (await IdsIn(Days(2, 3), new SearchCriteria { ParticipationStatus = ParticipationStatus.Tentative }))
            .Should().Equal(withTentative.Id);
        (await IdsIn(Days(2, 3), new SearchCriteria { ParticipationStatus = ParticipationStatus.Accepted }))
            .Should().HaveCount(2, "the organizer accepted both meetings; the third event has no attendees");
    }

    [Fact]
    public async Task The_scope_is_never_overridden_by_listed_attendees()
    {
        // Old CalCore's clone() bug Q2: bob's query with attendees=[martijn] returned martijn's events.
        CalendarEvent both = await _w.MeetingAsync(At(2, 9, title: "both"), _w.Martijn, _w.Bob);
        await _w.MeetingAsync(At(2, 10, title: "martijn only"), _w.Martijn);
        CalendarEvent bobOnly = await _w.MeetingAsync(At(2, 11, title: "bob only"), _w.Bob);

        IReadOnlyList<CalendarEvent> found = await Manager.GetEventsAsync(new EventListQuery(Days(2, 3)) { Attendee = _w.Bob.Id, Criteria = new SearchCriteria { Attendees = [_w.Martijn.Id] } });
        IReadOnlyList<CalendarEvent> viaAttendee = await _w.CalendarOf(_w.Bob).GetEventsAsync(Days(2, 3), new SearchCriteria { Attendees = [_w.Martijn.Id] });

        found.Select(e => e.Id).Should().Equal(both.Id);
        viaAttendee.Select(e => e.Id).Should().Equal(both.Id);
        (await IdsOf(_w.Bob, Days(2, 3))).Should().Equal(both.Id, bobOnly.Id);
    }

    [Fact]
    public async Task Unscoped_queries_see_every_event_including_ones_without_attendees()
    {
        await Manager.CreateEventAsync(At(2, 9), new EventId("nobody"));
        await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);
        await _w.CalendarOf(_w.Alice).CreateEventAsync(At(2, 11));

        (await Manager.GetEventsAsync(new EventListQuery(Days(2, 3)))).Should().HaveCount(3);
        (await IdsOf(_w.Alice, Days(2, 3))).Should().ContainSingle();
    }

    [Fact]
    public async Task Queries_list_tentative_cancelled_and_transparent_events_too()
    {
        await _w.CalendarOf(_w.Bob).CreateEventAsync(At(2, 9) with { Status = EventStatus.Cancelled });
        await _w.CalendarOf(_w.Bob).CreateEventAsync(At(2, 10) with { Status = EventStatus.Tentative });
        await _w.CalendarOf(_w.Bob).CreateEventAsync(At(2, 11) with { Transparency = Transparency.Transparent });

        (await IdsOf(_w.Bob, Days(2, 3))).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_declined_attendee_still_finds_the_event()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 9), _w.Martijn, _w.Bob);
        await Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.Declined);

        (await IdsOf(_w.Bob, Days(2, 3))).Should().Equal(e.Id);
        (await IdsOf(_w.Bob, Days(2, 3), new SearchCriteria { ParticipationStatus = ParticipationStatus.Declined })).Should().Equal(e.Id);
    }

    // ------------------------------------------------------------------ organized events

    [Fact]
    public async Task Organized_events_cover_all_time_and_apply_criteria()
    {
        CalendarEvent past = await _w.CalendarOf(_w.Martijn).CreateEventAsync(new EventDetails(EventTiming.AllDay(new LocalDate(1990, 1, 1))) { Categories = ["old"] });
        CalendarEvent now = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));
        CalendarEvent future = await _w.CalendarOf(_w.Martijn).CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2090, 6, 1, 9, 0), Paris, Duration.FromHours(1))));
        await _w.CalendarOf(_w.Bob).CreateEventAsync(At(2, 11));
        await _w.MeetingAsync(At(2, 12), _w.Bob, _w.Martijn);

        (await _w.CalendarOf(_w.Martijn).GetOrganizedEventsAsync()).Select(e => e.Id).Should().Equal(past.Id, now.Id, future.Id);
        (await Manager.CalendarOf(_w.Martijn.Id).GetOrganizedEventsAsync(new SearchCriteria { Categories = ["old"] })).Select(e => e.Id).Should().Equal(past.Id);
        (await Manager.CalendarOf(new AttendeeId("nobody")).GetOrganizedEventsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Organized_events_keep_the_organizer_even_when_criteria_name_another()
    {
        CalendarEvent mine = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));
        await _w.CalendarOf(_w.Bob).CreateEventAsync(At(2, 11));

        IReadOnlyList<CalendarEvent> found = await Manager.CalendarOf(_w.Martijn.Id).GetOrganizedEventsAsync(new SearchCriteria { Organizer = _w.Bob.Id });

        found.Select(e => e.Id).Should().Equal(mine.Id);
    }

    // ------------------------------------------------------------------ floating and all-day placement

    [Fact]
    public async Task Floating_and_all_day_events_are_placed_in_the_manager_zone()
    {
        await using TestWorld paris = TestWorld.Create(Paris);
        StorageManager m = paris.Manager;
        // Floating 00:30–01:00 on the 3rd, in Paris (UTC+1): 23:30–00:00Z on the 2nd.
        await m.CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 3, 0, 30), null, Duration.FromMinutes(30))), new EventId("floating"));
        // All-day on the 3rd in Paris: 23:00Z on the 2nd to 23:00Z on the 3rd.
        await m.CreateEventAsync(new EventDetails(EventTiming.AllDay(new LocalDate(2026, 3, 3))), new EventId("all-day"));
        // Zoned in UTC: not moved by the manager zone.
        await m.CreateEventAsync(At(3, 0, 30, minutes: 30), new EventId("utc"));

        async Task<IEnumerable<string>> In(Interval w) => (await m.GetEventsAsync(new EventListQuery(w))).Select(e => e.Id.Value);

        (await In(Window(2, 22, 0, 2, 23))).Should().BeEmpty();
        (await In(Window(2, 23, 0, 2, 23, 30))).Should().Equal("all-day");
        (await In(Window(2, 23, 30, 3, 0))).Should().Equal("all-day", "floating");
        (await In(Window(3, 0, 0, 3, 1))).Should().Equal("all-day", "utc");
        (await In(Window(3, 22, 59, 3, 23))).Should().Equal("all-day");
        (await In(Window(3, 23, 0, 4, 0))).Should().BeEmpty();
    }

    [Fact]
    public async Task The_same_floating_event_lands_elsewhere_under_another_manager_zone()
    {
        var details = new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), null, Duration.FromHours(1)));
        await using TestWorld newYork = TestWorld.Create(NewYork);
        await Manager.CreateEventAsync(details, new EventId("f"));
        await newYork.Manager.CreateEventAsync(details, new EventId("f"));

        (await Manager.GetEventsAsync(new EventListQuery(Window(2, 10, 0, 2, 11)))).Should().ContainSingle();
        (await newYork.Manager.GetEventsAsync(new EventListQuery(Window(2, 10, 0, 2, 11)))).Should().BeEmpty();
        (await newYork.Manager.GetEventsAsync(new EventListQuery(Window(2, 15, 0, 2, 16)))).Should().ContainSingle("10:00 EST is 15:00Z");
    }
}
