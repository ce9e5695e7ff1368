using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using Calcore.Storage.Sqlite;
using NodaTime;

// Commands:
//   invite <db> <eventId> <goFile>   opens the file, prints READY, waits for <goFile>, invites the room "room"
//                                    (AcceptIfPossible) to the event and prints the room's answer.
//   answer <db> <eventId> <goFile>   opens the file (no attendee source: the room "room" is in the file's directory),
//                                    prints READY, waits for <goFile>, answers ACCEPTED for the room on the event and
//                                    prints the status the booking gate stored.
//   write <db> <seed>                writes forever: creates, updates and invites; after each commit prints
//                                    "W <eventId> <version>" (flushed), so a killer knows what was committed.
//   read <db>                        opens the file read-only (SqliteStorageOptions.ReadOnly), prints "E <eventId> <version>
//                                    <title>" for every event (by id), then tries to create an event and prints
//                                    "REFUSED <StorageErrorCode>" or "WRITTEN"; an open that fails prints "OPEN-FAILED <code>".
return args.Length > 0 ? args[0] switch
{
    "invite" => await InviteAsync(args[1], args[2], args[3]),
    "answer" => await AnswerAsync(args[1], args[2], args[3]),
    "write" => await WriteAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    "read" => await ReadAsync(args[1]),
    _ => Usage(),
} : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: invite <db> <eventId> <goFile> | answer <db> <eventId> <goFile> | write <db> <seed> | read <db>");
    return 2;
}

static async Task<int> InviteAsync(string db, string eventId, string goFile)
{
    var source = new SimpleAttendeeSource();
    await using StorageManager manager = StorageManager.CreateBuilder().UseSqlite(db).AddAttendeeSource(source).Build();
    Room room = source.CreateRoom(new AttendeeId("room"), "Room", BookingPolicy.AcceptIfPossible);
    // Warm up (JIT, connection pool) so that both processes reach the invitation at the same moment.
    _ = await manager.FindEventAsync(new EventId(eventId));
    Console.Out.WriteLine("READY");
    Console.Out.Flush();
    while (!File.Exists(goFile))
    {
        Thread.SpinWait(100);
    }
    InvitationResult result = await manager.InviteAsync(new EventId(eventId), [room.Id]);
    Console.Out.WriteLine(result.Outcomes.Single().Status.ToString());
    Console.Out.Flush();
    return 0;
}

static async Task<int> AnswerAsync(string db, string eventId, string goFile)
{
    await using StorageManager manager = StorageManager.CreateBuilder().UseSqlite(db).Build();
    _ = await manager.FindEventAsync(new EventId(eventId));
    Console.Out.WriteLine("READY");
    Console.Out.Flush();
    while (!File.Exists(goFile))
    {
        Thread.SpinWait(100);
    }
    CalendarEvent answered = await manager.SetParticipationStatusAsync(new EventId(eventId), new AttendeeId("room"), ParticipationStatus.Accepted);
    Console.Out.WriteLine(answered.GetParticipationStatus(new AttendeeId("room")).ToString());
    Console.Out.Flush();
    return 0;
}

static async Task<int> ReadAsync(string db)
{
    SqliteStorage storage;
    try
    {
        storage = new SqliteStorage(db, new SqliteStorageOptions { ReadOnly = true });
    }
    catch (CalcoreStorageException ex)
    {
        Console.Out.WriteLine($"OPEN-FAILED {ex.Code}");
        Console.Error.WriteLine(ex);
        return 1;
    }
    await using StorageManager manager = StorageManager.CreateBuilder().UseStorage(storage, ownsStorage: true).Build();
    foreach (CalendarEvent e in (await storage.QueryEventsAsync(new EventQuery(), default)).OrderBy(e => e.Id.Value, StringComparer.Ordinal))
    {
        Console.Out.WriteLine(FormattableString.Invariant($"E {e.Id} {e.Version} {e.Title}"));
    }
    try
    {
        await manager.CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 1, 8, 0), DateTimeZone.Utc, Duration.FromHours(1))) { Title = "Written by a reader" });
        Console.Out.WriteLine("WRITTEN");
    }
    catch (CalcoreStorageException ex)
    {
        Console.Out.WriteLine($"REFUSED {ex.Code}");
        Console.Error.WriteLine(ex.Message);
    }
    Console.Out.Flush();
    return 0;
}

static async Task<int> WriteAsync(string db, int seed)
{
    var random = new Random(seed);
    var source = new SimpleAttendeeSource();
    await using StorageManager manager = StorageManager.CreateBuilder().UseSqlite(db).AddAttendeeSource(source).Build();
    Individual[] people = [.. Enumerable.Range(0, 20).Select(i => source.CreateIndividual(new AttendeeId($"p{i}"), $"Person {i}"))];
    Room[] rooms = [.. Enumerable.Range(0, 3).Select(i => source.CreateRoom(new AttendeeId($"room{i}"), $"Room {i}", BookingPolicy.AcceptIfPossible))];
    var mine = new System.Collections.Generic.List<EventId>();
    for (long n = 0; ; n++)
    {
        CalendarEvent written;
        int action = mine.Count == 0 ? 0 : random.Next(3);
        if (action == 0)
        {
            var start = new LocalDateTime(2026, 3, 1, 8, 0).PlusMinutes(random.Next(60 * 24 * 30));
            written = await manager.CreateEventAsync(new EventDetails(EventTiming.Timed(start, DateTimeZone.Utc, Duration.FromMinutes(15 * (1 + random.Next(8)))))
            {
                Title = $"Event {seed}-{n}",
                Description = new string('x', random.Next(2000)),
                OrganizerId = people[random.Next(people.Length)].Id,
                Recurrence = random.Next(5) == 0 ? ["RRULE:FREQ=WEEKLY;COUNT=10"] : [],
            });
            mine.Add(written.Id);
        }
        else if (action == 1)
        {
            CalendarEvent current = await manager.GetEventAsync(mine[random.Next(mine.Count)]);
            written = (await manager.UpdateEventAsync(current.Id, current.Details with { Title = $"Updated {seed}-{n}" }, current.Version)).Event;
        }
        else
        {
            EventId id = mine[random.Next(mine.Count)];
            AttendeeId[] invitees = [people[random.Next(people.Length)].Id, rooms[random.Next(rooms.Length)].Id];
            written = (await manager.InviteAsync(id, invitees)).Event;
        }
        Console.Out.WriteLine(FormattableString.Invariant($"W {written.Id} {written.Version}"));
        Console.Out.Flush();
    }
}
