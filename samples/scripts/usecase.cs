#:project ../../src/Calcore/Calcore.csproj
#:project ../../src/Calcore.Storage.Sqlite/Calcore.Storage.Sqlite.csproj
#:package NodaTime

// The CalCore use case (shared/seeds/000_…) as a .NET 10 file-based script:
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
await using StorageManager m = memory
    ? StorageManager.CreateBuilder().UseMemoryStorage("storage").Build()
    : StorageManager.CreateBuilder().UseSqlite(path).Build();
Console.WriteLine(memory ? "Storage: memory (nothing is kept)." : $"Storage: SQLite file {path} (kept between runs).");

var runLog = new AttendeeId("usecase-runs");
IReadOnlyList<CalendarEvent> earlierRuns = await m.GetOrganizedEventsAsync(runLog);
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
foreach (CalendarEvent left in await m.GetOrganizedEventsAsync(new AttendeeId("florent")))
{
    Console.WriteLine($"Removing {left.Title}, left by an interrupted run.");
    await m.DeleteEventAsync(left.Id);
}

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
