using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Samples;

/// <summary>The README's quickstart: the code between the region markers is copied into README.md verbatim
/// (ReadmeTests checks that it still is).</summary>
public class QuickstartSample
{
    [Fact]
    public async Task Book_a_meeting_with_a_room_and_ask_who_is_busy()
    {
        #region quickstart
        await using StorageManager manager = StorageManager.CreateBuilder()
            .UseMemoryStorage()
            .UseZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"])
            .Build();
        var people = new SimpleAttendeeSource(manager);
        Individual florent = people.CreateIndividual("florent", "Florent");
        Individual martijn = people.CreateIndividual("martijn", "Martijn");
        Room room1 = people.CreateRoom("room1", "Room 1", InvitePolicy.AcceptIfPossible);

        DateTimeZone paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        CalendarEvent meeting = await florent.CreateEventAsync(
            new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 4, 10, 16, 0), paris, Duration.FromHours(1)))
            {
                Title = "Florent's Meeting",
            });
        InvitationResult invited = await meeting.InviteAsync([martijn, room1]);
        // Martijn answers himself; the room booked itself because it was free.
        invited.Event.GetParticipationStatus(martijn).Should().Be(ParticipationStatus.NeedsAction);
        invited.Event.GetParticipationStatus(room1).Should().Be(ParticipationStatus.Accepted);

        var day = new Interval(Instant.FromUtc(2026, 4, 10, 0, 0), Instant.FromUtc(2026, 4, 11, 0, 0));
        FreeBusy busy = await manager.GetFreeBusyAsync([florent.Id, martijn.Id], day);
        // Florent is busy 14:00–15:00 UTC; Martijn has not answered, so that hour is busy-tentative for him.
        busy.Periods.Should().Equal(
            new BusyPeriod(new Interval(Instant.FromUtc(2026, 4, 10, 14, 0), Instant.FromUtc(2026, 4, 10, 15, 0)), BusyType.Busy));

        // A recurring event (RFC 5545 RRULE, as Google's "recurrence" list), expanded into a week of Florent's calendar.
        await florent.CreateEventAsync(
            new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 4, 6, 9, 30), paris, Duration.FromMinutes(15)))
            {
                Title = "Stand-up",
                Recurrence = ["RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR"],
            });
        var week = new Interval(Instant.FromUtc(2026, 4, 6, 0, 0), Instant.FromUtc(2026, 4, 13, 0, 0));
        var agenda = await manager.GetEventsAsync(florent.Id, week, null, EventListOptions.Expanded);
        agenda.Select(e => (e.Timing.Start, e.Title)).Should().Equal(
            (new LocalDateTime(2026, 4, 6, 9, 30), "Stand-up"),
            (new LocalDateTime(2026, 4, 8, 9, 30), "Stand-up"),
            (new LocalDateTime(2026, 4, 10, 9, 30), "Stand-up"),
            (new LocalDateTime(2026, 4, 10, 16, 0), "Florent's Meeting"));
        #endregion

        (await martijn.GetEventsAsync(day)).Single().Should().Be(invited.Event);
    }
}
