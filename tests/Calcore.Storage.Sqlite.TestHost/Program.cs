using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore;
using Calcore.Attendees;
using Calcore.Events;
using NodaTime;

// Commands:
//   invite <db> <eventId> <goFile>   opens the file, prints READY, waits for <goFile>, invites the room "room"
//                                    (AcceptIfPossible) to the event and prints the room's answer.
//   write <db> <seed>                writes forever: creates, updates and invites; after each commit prints
//                                    "W <eventId> <version>" (flushed), so a killer knows what was committed.
return args.Length > 0 ? args[0] switch
{
    "invite" => await InviteAsync(args[1], args[2], args[3]),
    "write" => await WriteAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    _ => Usage(),
} : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: invite <db> <eventId> <goFile> | write <db> <seed>");
    return 2;
}

static async Task<int> InviteAsync(string db, string eventId, string goFile)
{
    var source = new SimpleAttendeeSource();
    await using StorageManager manager = StorageManager.CreateBuilder().UseSqlite(db).AddAttendeeSource(source).Build();
    Room room = source.CreateRoom(new AttendeeId("room"), "Room", InvitePolicy.AcceptIfPossible);
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

static async Task<int> WriteAsync(string db, int seed)
{
    var random = new Random(seed);
    var source = new SimpleAttendeeSource();
    await using StorageManager manager = StorageManager.CreateBuilder().UseSqlite(db).AddAttendeeSource(source).Build();
    Individual[] people = [.. Enumerable.Range(0, 20).Select(i => source.CreateIndividual(new AttendeeId($"p{i}"), $"Person {i}"))];
    Room[] rooms = [.. Enumerable.Range(0, 3).Select(i => source.CreateRoom(new AttendeeId($"room{i}"), $"Room {i}", InvitePolicy.AcceptIfPossible))];
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
