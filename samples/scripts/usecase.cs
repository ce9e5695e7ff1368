#:project ../../src/Calcore/Calcore.csproj
#:project ../../src/Calcore.Storage.Sqlite/Calcore.Storage.Sqlite.csproj
#:package NodaTime

// The CalCore use case (the 2005 doctest Calcore started from) as a .NET 10 file-based script:
//   dotnet run samples/scripts/usecase.cs              (a SQLite file, kept between runs)
//   dotnet run samples/scripts/usecase.cs -- --memory  (memory storage, as the seed has it)
// It prints an account of each step and exits with code 1 if anything is not as the document says.
// The file is $CALCORE_USECASE_DB or calcore-usecase.db in the temp folder. Each run adds one log event that
// stays; the next run lists the log events of the runs before it, read back from the file.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Calcore;
using Calcore.Attendees;
using Calcore.Events;
using NodaTime;

bool memory = args.Contains("--memory");
string path = Environment.GetEnvironmentVariable("CALCORE_USECASE_DB") is { Length: > 0 } p ? p : Path.Combine(Path.GetTempPath(), "calcore-usecase.db");
// People and rooms are plain data in an attendee source that the engine is built with.
var s = new SimpleAttendeeSource();
Individual martijn = s.CreateIndividual(new AttendeeId("martijn"), "Martijn");
Individual florent = s.CreateIndividual(new AttendeeId("florent"), "Florent");
Individual bob = s.CreateIndividual(new AttendeeId("bob"), "Bob");
Room room1 = s.CreateRoom(new AttendeeId("room1"), "Room 1", BookingPolicy.AcceptIfPossible);
StorageManagerBuilder builder = StorageManager.CreateBuilder().AddAttendeeSource(s);
await using StorageManager m = memory ? builder.UseMemoryStorage("storage").Build() : builder.UseSqlite(path).Build();
Console.WriteLine(memory ? "Storage: memory (nothing is kept)." : $"Storage: SQLite file {path} (kept between runs).");

var runLog = new AttendeeId("usecase-runs");
IReadOnlyList<CalendarEvent> earlierRuns = await m.CalendarOf(runLog).GetOrganizedEventsAsync();
Console.WriteLine(earlierRuns.Count == 0
    ? "No earlier runs in this storage."
    : $"Earlier runs kept in this storage ({earlierRuns.Count}): {string.Join(", ", earlierRuns.Select(e => e.Title))}.");
Instant now = m.Clock.GetCurrentInstant();
await m.CreateEventAsync(new EventDetails(EventTiming.Timed(now.InUtc().LocalDateTime, DateTimeZone.Utc, Duration.Zero))
{
    Title = $"run {earlierRuns.Count + 1} at {now:uuuu-MM-dd'T'HH:mm:ss'Z'}",
    OrganizerId = runLog,
});
// A run that stopped half-way leaves Florent's meeting behind; the use case starts from an empty calendar.
foreach (CalendarEvent left in await m.CalendarOf(florent.Id).GetOrganizedEventsAsync())
{
    Console.WriteLine($"Removing {left.Title}, left by an interrupted run.");
    await m.DeleteEventAsync(left.Id);
}

// Each person's calendar on the engine: "Florent creates a meeting" reads as it does in the use case.
AttendeeCalendar florentsCalendar = m.CalendarOf(florent.Id);
AttendeeCalendar martijnsCalendar = m.CalendarOf(martijn.Id);
Console.WriteLine("People: Martijn, Florent, Bob; a room, Room 1, that accepts if it is free.");

CalendarEvent meeting = await florentsCalendar.CreateEventAsync(
    new EventDetails(EventTiming.Timed(new LocalDateTime(2005, 4, 10, 16, 0), zone: null, Duration.FromMinutes(60)))
    {
        Status = EventStatus.Tentative,
        Title = "Florent's Meeting",
    });
Console.WriteLine($"Florent creates {meeting.Title} on {meeting.Timing}; he is {meeting.GetParticipationStatus(florent.Id)}.");

var april = new Interval(Instant.FromUtc(2005, 4, 1, 0, 0), Instant.FromUtc(2005, 5, 1, 0, 0));
Check((await florentsCalendar.GetEventsAsync(april)).Count == 1, "Florent sees one event in April");
Check((await martijnsCalendar.GetEventsAsync(april)).Count == 0, "Martijn sees nothing yet");

InvitationResult invitation = await m.InviteAsync(meeting.Id, [room1.Id, martijn.Id, bob.Id]);
meeting = invitation.Event;
foreach (InvitationOutcome outcome in invitation.Outcomes)
{
    Console.WriteLine($"Florent invites {outcome.AttendeeId}: {outcome.Status}.");
}
Check(meeting.GetParticipationStatus(room1.Id) == ParticipationStatus.Accepted, "Room 1 accepted");

var needsAction = new SearchCriteria { ParticipationStatus = ParticipationStatus.NeedsAction };
IReadOnlyList<CalendarEvent> todo = await martijnsCalendar.GetEventsAsync(april, needsAction);
Console.WriteLine($"Martijn has {todo.Count} invitation(s) to answer: {todo[0].Title}.");
CalendarEvent answered = await martijnsCalendar.AnswerAsync(todo[0].Id, ParticipationStatus.Accepted);
Console.WriteLine($"Martijn accepts; he is now {answered.GetParticipationStatus(martijn.Id)}.");
Check((await martijnsCalendar.GetEventsAsync(april, needsAction)).Count == 0, "Martijn has nothing left to answer");

meeting = (await m.InviteAsync(meeting.Id, [martijn.Id])).Event;
Console.WriteLine($"Florent invites Martijn again; Martijn stays {meeting.GetParticipationStatus(martijn.Id)}.");
Check(meeting.GetParticipationStatus(martijn.Id) == ParticipationStatus.Accepted, "re-inviting never downgrades");

IReadOnlyList<CalendarEvent> organized = await florentsCalendar.GetOrganizedEventsAsync();
Console.WriteLine($"Florent organizes {organized.Count} event(s); he deletes {organized[0].Title}.");
await m.DeleteEventAsync(organized[0].Id, organized[0].Version);
Check((await florentsCalendar.GetOrganizedEventsAsync()).Count == 0, "the event is gone");
Console.WriteLine("Done: every step behaved as the use case says.");

static void Check(bool condition, string what)
{
    if (!condition)
    {
        Console.Error.WriteLine($"FAILED: {what}");
        Environment.Exit(1);
    }
}
