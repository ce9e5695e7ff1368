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
/// The CalCore use case (shared/seeds/000_…), step by step: each block quotes the document's doctest in a
/// comment and asserts every value it shows.
/// </summary>
public class UseCaseScenarioTests
{
    [Fact]
    public async Task The_CalCore_use_case_works_as_written()
    {
        // >>> m = cal.StorageManager()
        // >>> storage = cal.MemoryStorage('storage')
        // >>> m.setStorage(storage)
        var storage = new MemoryStorage("storage");
        StorageManager m = StorageManager.CreateBuilder().UseStorage(storage, ownsStorage: true).Build();
        m.Storage.Should().BeSameAs(storage);

        // >>> s = cal.SimpleAttendeeSource(m)
        // >>> martijn = s.createIndividual('martijn', 'Martijn')
        // >>> florent = s.createIndividual('florent', 'Florent')
        // >>> bob = s.createIndividual('bob', 'Bob')
        var s = new SimpleAttendeeSource(m);
        Individual martijn = s.CreateIndividual("martijn", "Martijn");
        Individual florent = s.CreateIndividual("florent", "Florent");
        Individual bob = s.CreateIndividual("bob", "Bob");

        // >>> room1 = s.createRoom('room1', 'Room 1', on_invite=cal.acceptIfPossible)
        Room room1 = s.CreateRoom("room1", "Room 1", InvitePolicy.AcceptIfPossible);

        // >>> meeting = florent.createEvent(dtstart=datetime(2005, 4, 10, 16, 00), duration=timedelta(minutes=60),
        // ...     status='TENTATIVE', title="Florent's Meeting")
        CalendarEvent meeting = await florent.CreateEventAsync(
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
        var events = await florent.GetEventsAsync(april);
        events.Should().HaveCount(1);
        (events[0] == meeting).Should().BeTrue();
        events[0].Title.Should().Be("Florent's Meeting");

        // >>> events[0].getParticipationStatus(florent)
        // 'ACCEPTED'
        events[0].GetParticipationStatus(florent).Should().Be(ParticipationStatus.Accepted);

        // >>> martijn.getEvents(april)  →  []   (and the same for bob and room1)
        (await martijn.GetEventsAsync(april)).Should().BeEmpty();
        (await bob.GetEventsAsync(april)).Should().BeEmpty();
        (await room1.GetEventsAsync(april)).Should().BeEmpty();

        // >>> meeting.invite([room1, martijn, bob])
        InvitationResult invitation = await meeting.InviteAsync([room1, martijn, bob]);
        meeting = invitation.Event;

        // >>> for attendee in [martijn, bob, room1]: result.append(attendee.getEvents(april)[0] == meeting)
        // [True, True, True]
        foreach (Attendee attendee in new Attendee[] { martijn, bob, room1 })
        {
            var seen = await attendee.GetEventsAsync(april);
            (seen[0] == meeting).Should().BeTrue($"{attendee.Name} should see the meeting");
        }

        // >>> [meeting.getParticipationStatus(attendee) for attendee in [martijn, bob]]
        // ['NEEDS-ACTION', 'NEEDS-ACTION']
        new[] { martijn, bob }.Select(a => meeting.GetParticipationStatus(a))
            .Should().Equal(ParticipationStatus.NeedsAction, ParticipationStatus.NeedsAction);

        // >>> meeting.getParticipationStatus(room1)
        // 'ACCEPTED'
        meeting.GetParticipationStatus(room1).Should().Be(ParticipationStatus.Accepted);
        invitation.Outcomes.Single(o => o.AttendeeId == room1.Id).Conflicts.Should().BeEmpty();

        // >>> events = martijn.getEvents(april, cal.SearchCriteria(participation_status='NEEDS-ACTION'))
        // >>> len(events)
        // 1
        var needsAction = new SearchCriteria { ParticipationStatus = ParticipationStatus.NeedsAction };
        events = await martijn.GetEventsAsync(april, needsAction);
        events.Should().HaveCount(1);

        // >>> events[0].title
        // "Florent's Meeting"
        events[0].Title.Should().Be("Florent's Meeting");

        // >>> event = events[0]
        // >>> event.setParticipationStatus(martijn, 'ACCEPTED')
        // >>> event.getParticipationStatus(martijn)
        // 'ACCEPTED'
        CalendarEvent @event = events[0];
        @event = await @event.SetParticipationStatusAsync(martijn, ParticipationStatus.Accepted);
        @event.GetParticipationStatus(martijn).Should().Be(ParticipationStatus.Accepted);

        // >>> martijn.getEvents(april, cal.SearchCriteria(participation_status='NEEDS-ACTION'))
        // []
        (await martijn.GetEventsAsync(april, needsAction)).Should().BeEmpty();

        // >>> meeting.invite([martijn])
        // >>> meeting.getParticipationStatus(martijn)
        // 'ACCEPTED'
        meeting = (await meeting.InviteAsync([martijn])).Event;
        meeting.GetParticipationStatus(martijn).Should().Be(ParticipationStatus.Accepted);

        // >>> events = florent.getOrganizedEvents()
        // >>> len(events)
        // 1
        // >>> events[0].title
        // "Florent's Meeting"
        events = await florent.GetOrganizedEventsAsync();
        events.Should().HaveCount(1);
        events[0].Title.Should().Be("Florent's Meeting");

        // >>> m.deleteEvent(events[0])
        // >>> events = florent.getOrganizedEvents()
        // >>> len(events)
        // 0
        await m.DeleteEventAsync(events[0].Id);
        events = await florent.GetOrganizedEventsAsync();
        events.Should().HaveCount(0);
        storage.Count.Should().Be(0);
    }

    [Fact]
    public async Task Room_1_declines_a_second_meeting_at_the_same_time_and_says_why()
    {
        // The document's room policy is "accept if possible, i.e. there is no other event defined yet in that
        // timeframe"; the old CalCore's acceptIfPossible accepted unconditionally. Calcore checks.
        StorageManager m = StorageManager.CreateBuilder().Build();
        var s = new SimpleAttendeeSource(m);
        Individual florent = s.CreateIndividual("florent", "Florent");
        Individual bob = s.CreateIndividual("bob", "Bob");
        Room room1 = s.CreateRoom("room1", "Room 1", InvitePolicy.AcceptIfPossible);
        var at4pm = EventTiming.Timed(new LocalDateTime(2005, 4, 10, 16, 0), null, Duration.FromMinutes(60));
        CalendarEvent first = await florent.CreateEventAsync(new EventDetails(at4pm) { Title = "Florent's Meeting" });
        CalendarEvent second = await bob.CreateEventAsync(new EventDetails(at4pm.WithStart(new LocalDateTime(2005, 4, 10, 16, 30))) { Title = "Bob's Meeting" });

        (await first.InviteAsync([room1])).Event.GetParticipationStatus(room1).Should().Be(ParticipationStatus.Accepted);
        InvitationResult declined = await second.InviteAsync([room1]);

        declined.Event.GetParticipationStatus(room1).Should().Be(ParticipationStatus.Declined);
        EventConflict conflict = declined.Outcomes.Single().Conflicts.Single();
        conflict.EventId.Should().Be(first.Id);
        conflict.Title.Should().Be("Florent's Meeting");
        conflict.Period.Should().Be(new Interval(Instant.FromUtc(2005, 4, 10, 16, 0), Instant.FromUtc(2005, 4, 10, 17, 0)));
        declined.Outcomes.Single().Decision!.Reason.Should().Contain("Florent's Meeting");
    }
}
