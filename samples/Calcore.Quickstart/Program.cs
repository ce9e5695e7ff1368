using Calcore;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Ics;
using Calcore.Scheduling;
using NodaTime;

// People and rooms are plain data; the engine reads each one's type and booking policy from its attendee directory and sources.
var people = new SimpleAttendeeSource();
Individual florent = people.CreateIndividual(new AttendeeId("florent"), "Florent");
Individual martijn = people.CreateIndividual(new AttendeeId("martijn"), "Martijn");
Room room1 = people.CreateRoom(new AttendeeId("room1"), "Room 1", BookingPolicy.AcceptIfPossible);

// Memory storage is the default; .UseSqlite("calendar.db") (package Calcore.Storage.Sqlite) keeps it in a file.
await using StorageManager manager = StorageManager.CreateBuilder()
    .UseZone(DateTimeZoneProviders.Tzdb["Europe/Amsterdam"])
    .AddAttendeeSource(people)
    .Build();

// Florent creates a meeting and invites Martijn and Room 1. The room books itself because it is free.
DateTimeZone paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
AttendeeCalendar florentsCalendar = manager.CalendarOf(florent.Id);
CalendarEvent meeting = await florentsCalendar.CreateEventAsync(
    new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 4, 10, 16, 0), paris, Duration.FromHours(1)))
    {
        Title = "Florent's Meeting",
    });
InvitationResult invited = await manager.InviteAsync(meeting.Id, [martijn.Id, room1.Id]);
foreach (InvitationOutcome outcome in invited.Outcomes)
{
    Console.WriteLine($"Invited {outcome.AttendeeId}: {outcome.Status}");
}

// Who is busy when: one answer per attendee. Martijn has not answered, so the hour is busy-tentative for him.
var day = new Interval(Instant.FromUtc(2026, 4, 10, 0, 0), Instant.FromUtc(2026, 4, 11, 0, 0));
FreeBusy busy = await manager.GetFreeBusyAsync([florent.Id, martijn.Id], day);
foreach (AttendeeBusy attendee in busy.Attendees)
{
    Console.WriteLine($"Free/busy {attendee}");
}

// A recurring event (an RFC 5545 RRULE), then Florent's week with the series expanded into instances.
await florentsCalendar.CreateEventAsync(
    new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 4, 6, 9, 30), paris, Duration.FromMinutes(15)))
    {
        Title = "Stand-up",
        Recurrence = ["RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR"],
    });
var week = new Interval(Instant.FromUtc(2026, 4, 6, 0, 0), Instant.FromUtc(2026, 4, 13, 0, 0));
IReadOnlyList<CalendarEvent> agenda = await manager.GetEventsAsync(
    new EventListQuery(week) { Attendee = florent.Id, ExpandRecurrence = true });
foreach (CalendarEvent e in agenda)
{
    Console.WriteLine($"Florent's week: {e.Timing.Start:ddd HH:mm} {e.Title}");
}

// Florent's week as an iCalendar file (RFC 5545) for Outlook, Google Calendar or Apple Calendar; ImportAsync reads one.
IcsCalendar exported = await manager.ExportAsync([florent.Id], week);
string ics = exported.Write();
Console.WriteLine($"iCalendar: {exported.Events.Length} events, {ics.Split("BEGIN:VTIMEZONE").Length - 1} time zone");
