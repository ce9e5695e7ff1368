#:project ../../src/Calcore/Calcore.csproj
#:package NodaTime

// The CalCore use case (shared/seeds/000_…) as a .NET 10 file-based script:
//   dotnet run samples/scripts/usecase.cs
// It prints an account of each step and exits with code 1 if anything is not as the document says.
using System;
using System.Collections.Generic;
using Calcore;
using Calcore.Attendees;
using Calcore.Events;
using NodaTime;

await using StorageManager m = StorageManager.CreateBuilder().UseMemoryStorage("storage").Build();
var s = new SimpleAttendeeSource(m);
Individual martijn = s.CreateIndividual("martijn", "Martijn");
Individual florent = s.CreateIndividual("florent", "Florent");
Individual bob = s.CreateIndividual("bob", "Bob");
Room room1 = s.CreateRoom("room1", "Room 1", InvitePolicy.AcceptIfPossible);
Console.WriteLine("People: Martijn, Florent, Bob; a room, Room 1, that accepts if it is free.");

CalendarEvent meeting = await florent.CreateEventAsync(
    new EventDetails(EventTiming.Timed(new LocalDateTime(2005, 4, 10, 16, 0), zone: null, Duration.FromMinutes(60)))
    {
        Status = EventStatus.Tentative,
        Title = "Florent's Meeting",
    });
Console.WriteLine($"Florent creates {meeting.Title} on {meeting.Timing}; he is {meeting.GetParticipationStatus(florent)}.");

var april = new Interval(Instant.FromUtc(2005, 4, 1, 0, 0), Instant.FromUtc(2005, 5, 1, 0, 0));
Check((await florent.GetEventsAsync(april)).Count == 1, "Florent sees one event in April");
Check((await martijn.GetEventsAsync(april)).Count == 0, "Martijn sees nothing yet");

InvitationResult invitation = await meeting.InviteAsync([room1, martijn, bob]);
meeting = invitation.Event;
foreach (InvitationOutcome outcome in invitation.Outcomes)
{
    Console.WriteLine($"Florent invites {outcome.AttendeeId}: {outcome.Status}.");
}
Check(meeting.GetParticipationStatus(room1) == ParticipationStatus.Accepted, "Room 1 accepted");

var needsAction = new SearchCriteria { ParticipationStatus = ParticipationStatus.NeedsAction };
IReadOnlyList<CalendarEvent> todo = await martijn.GetEventsAsync(april, needsAction);
Console.WriteLine($"Martijn has {todo.Count} invitation(s) to answer: {todo[0].Title}.");
CalendarEvent answered = await todo[0].SetParticipationStatusAsync(martijn, ParticipationStatus.Accepted);
Console.WriteLine($"Martijn accepts; he is now {answered.GetParticipationStatus(martijn)}.");
Check((await martijn.GetEventsAsync(april, needsAction)).Count == 0, "Martijn has nothing left to answer");

meeting = (await meeting.InviteAsync([martijn])).Event;
Console.WriteLine($"Florent invites Martijn again; Martijn stays {meeting.GetParticipationStatus(martijn)}.");
Check(meeting.GetParticipationStatus(martijn) == ParticipationStatus.Accepted, "re-inviting never downgrades");

IReadOnlyList<CalendarEvent> organized = await florent.GetOrganizedEventsAsync();
Console.WriteLine($"Florent organizes {organized.Count} event(s); he deletes {organized[0].Title}.");
await m.DeleteEventAsync(organized[0].Id);
Check((await florent.GetOrganizedEventsAsync()).Count == 0, "the event is gone");
Console.WriteLine("Done: every step behaved as the use case says.");

static void Check(bool condition, string what)
{
    if (!condition)
    {
        Console.Error.WriteLine($"FAILED: {what}");
        Environment.Exit(1);
    }
}
