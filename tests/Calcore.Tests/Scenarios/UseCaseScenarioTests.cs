using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Scenarios;

/// <summary>
/// The CalCore use case (the 2005 doctest this product started from), step by step: each block quotes the document's doctest in a
/// comment and asserts every value it shows.
/// </summary>
public class UseCaseScenarioTests
{
    [Fact]
    public async Task The_CalCore_use_case_works_as_written()
    {
        // >>> s = cal.SimpleAttendeeSource(m)
        // >>> martijn = s.createIndividual('martijn', 'Martijn')
        // >>> florent = s.createIndividual('florent', 'Florent')
        // >>> bob = s.createIndividual('bob', 'Bob')
        // (The people are plain data; the engine is given the source when it is built, below.)
        var s = new SimpleAttendeeSource();
        Individual martijn = s.CreateIndividual(new AttendeeId("martijn"), "Martijn");
        Individual florent = s.CreateIndividual(new AttendeeId("florent"), "Florent");
        Individual bob = s.CreateIndividual(new AttendeeId("bob"), "Bob");

        // >>> room1 = s.createRoom('room1', 'Room 1', on_invite=cal.acceptIfPossible)
        Room room1 = s.CreateRoom(new AttendeeId("room1"), "Room 1", BookingPolicy.AcceptIfPossible);

        // >>> m = cal.StorageManager()
        // >>> storage = cal.MemoryStorage('storage')
        // >>> m.setStorage(storage)
        var storage = new MemoryStorage("storage");
        await using StorageManager m = StorageManager.CreateBuilder().UseStorage(storage, ownsStorage: true).AddAttendeeSource(s).Build();
        (await m.GetAttendeeAsync(room1.Id)).Should().Be(room1);

        // Each person's calendar: the readable "florent.createEvent(...)" of the document.
        AttendeeCalendar florentsCalendar = m.CalendarOf(florent.Id);
        AttendeeCalendar martijnsCalendar = m.CalendarOf(martijn.Id);

        // >>> meeting = florent.createEvent(dtstart=datetime(2005, 4, 10, 16, 00), duration=timedelta(minutes=60),
        // ...     status='TENTATIVE', title="Florent's Meeting")
        CalendarEvent meeting = await florentsCalendar.CreateEventAsync(
            new EventDetails(EventTiming.Timed(new LocalDateTime(2005, 4, 10, 16, 0), zone: null, Duration.FromMinutes(60)))
            {
                Status = EventStatus.Tentative,
                Title = "Florent's Meeting",
            });

        // >>> april = (datetime(2005, 4, 1), datetime(2005, 5, 1))
        // >>> events = florent.getEvents(april)
        // >>> len(events)
        // 1
        // >>> events[0] == meeting
        // True
        // >>> events[0].title
        // "Florent's Meeting"
        var april = new Interval(Instant.FromUtc(2005, 4, 1, 0, 0), Instant.FromUtc(2005, 5, 1, 0, 0));
        var events = await florentsCalendar.GetEventsAsync(april);
        events.Should().HaveCount(1);
        (events[0] == meeting).Should().BeTrue();
        events[0].Title.Should().Be("Florent's Meeting");

        // >>> events[0].getParticipationStatus(florent)
        // 'ACCEPTED'
        events[0].GetParticipationStatus(florent.Id).Should().Be(ParticipationStatus.Accepted);

        // >>> martijn.getEvents(april)  →  []   (and the same for bob and room1)
        (await martijnsCalendar.GetEventsAsync(april)).Should().BeEmpty();
        (await m.CalendarOf(bob.Id).GetEventsAsync(april)).Should().BeEmpty();
        (await m.CalendarOf(room1.Id).GetEventsAsync(april)).Should().BeEmpty();

        // >>> meeting.invite([room1, martijn, bob])
        InvitationResult invitation = await m.InviteAsync(meeting.Id, [room1.Id, martijn.Id, bob.Id]);
        meeting = invitation.Event;

        // >>> for attendee in [martijn, bob, room1]: result.append(attendee.getEvents(april)[0] == meeting)
        // [True, True, True]
        foreach (Attendee attendee in new Attendee[] { martijn, bob, room1 })
        {
            var seen = await m.CalendarOf(attendee.Id).GetEventsAsync(april);
            (seen[0] == meeting).Should().BeTrue($"{attendee.Name} should see the meeting");
        }

        // >>> [meeting.getParticipationStatus(attendee) for attendee in [martijn, bob]]
        // ['NEEDS-ACTION', 'NEEDS-ACTION']
        new[] { martijn, bob }.Select(a => meeting.GetParticipationStatus(a.Id))
            .Should().Equal(ParticipationStatus.NeedsAction, ParticipationStatus.NeedsAction);

        // >>> meeting.getParticipationStatus(room1)
        // 'ACCEPTED'
        meeting.GetParticipationStatus(room1.Id).Should().Be(ParticipationStatus.Accepted);
        invitation.Outcomes.Single(o => o.AttendeeId == room1.Id).Conflicts.Should().BeEmpty();

        // >>> events = martijn.getEvents(april, cal.SearchCriteria(participation_status='NEEDS-ACTION'))
        // >>> len(events)
        // 1
        var needsAction = new SearchCriteria { ParticipationStatus = ParticipationStatus.NeedsAction };
        events = await martijnsCalendar.GetEventsAsync(april, needsAction);
        events.Should().HaveCount(1);

        // >>> events[0].title
        // "Florent's Meeting"
        events[0].Title.Should().Be("Florent's Meeting");

        // >>> event = events[0]
        // >>> event.setParticipationStatus(martijn, 'ACCEPTED')
        // >>> event.getParticipationStatus(martijn)
        // 'ACCEPTED'
        CalendarEvent @event = events[0];
        @event = await martijnsCalendar.AnswerAsync(@event.Id, ParticipationStatus.Accepted);
        @event.GetParticipationStatus(martijn.Id).Should().Be(ParticipationStatus.Accepted);

        // >>> martijn.getEvents(april, cal.SearchCriteria(participation_status='NEEDS-ACTION'))
        // []
        (await martijnsCalendar.GetEventsAsync(april, needsAction)).Should().BeEmpty();

        // >>> meeting.invite([martijn])
        // >>> meeting.getParticipationStatus(martijn)
        // 'ACCEPTED'
        meeting = (await m.InviteAsync(meeting.Id, [martijn.Id])).Event;
        meeting.GetParticipationStatus(martijn.Id).Should().Be(ParticipationStatus.Accepted);

        // >>> events = florent.getOrganizedEvents()
        // >>> len(events)
        // 1
        // >>> events[0].title
        // "Florent's Meeting"
        events = await florentsCalendar.GetOrganizedEventsAsync();
        events.Should().HaveCount(1);
        events[0].Title.Should().Be("Florent's Meeting");

        // >>> m.deleteEvent(events[0])
        // >>> events = florent.getOrganizedEvents()
        // >>> len(events)
        // 0
        await m.DeleteEventAsync(events[0].Id, events[0].Version);
        events = await florentsCalendar.GetOrganizedEventsAsync();
        events.Should().HaveCount(0);
        storage.Count.Should().Be(0);
    }

    [Fact]
    public async Task Room_1_declines_a_second_meeting_at_the_same_time_and_says_why()
    {
        // The document's room policy is "accept if possible, i.e. there is no other event defined yet in that
        // timeframe"; the old CalCore's acceptIfPossible accepted unconditionally. Calcore checks.
        var s = new SimpleAttendeeSource();
        StorageManager m = StorageManager.CreateBuilder().AddAttendeeSource(s).Build();
        Individual florent = s.CreateIndividual(new AttendeeId("florent"), "Florent");
        Individual bob = s.CreateIndividual(new AttendeeId("bob"), "Bob");
        Room room1 = s.CreateRoom(new AttendeeId("room1"), "Room 1", BookingPolicy.AcceptIfPossible);
        var at4pm = EventTiming.Timed(new LocalDateTime(2005, 4, 10, 16, 0), null, Duration.FromMinutes(60));
        CalendarEvent first = await m.CalendarOf(florent.Id).CreateEventAsync(new EventDetails(at4pm) { Title = "Florent's Meeting" });
        CalendarEvent second = await m.CalendarOf(bob.Id).CreateEventAsync(new EventDetails(at4pm.WithStart(new LocalDateTime(2005, 4, 10, 16, 30))) { Title = "Bob's Meeting" });

        (await m.InviteAsync(first.Id, [room1.Id])).Event.GetParticipationStatus(room1.Id).Should().Be(ParticipationStatus.Accepted);
        InvitationResult declined = await m.InviteAsync(second.Id, [room1.Id]);

        declined.Event.GetParticipationStatus(room1.Id).Should().Be(ParticipationStatus.Declined);
        EventConflict conflict = declined.Outcomes.Single().Conflicts.Single();
        conflict.EventId.Should().Be(first.Id);
        conflict.Title.Should().Be("Florent's Meeting");
        conflict.Period.Should().Be(new Interval(Instant.FromUtc(2005, 4, 10, 16, 0), Instant.FromUtc(2005, 4, 10, 17, 0)));
        declined.Outcomes.Single().Decision!.Reason.Should().Contain("Florent's Meeting");
    }
}
