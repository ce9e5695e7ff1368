using System;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using NodaTime;

namespace Calcore.Tests;

/// <summary>A manager on memory storage with a fake clock, an attendee source, three people and two rooms.</summary>
/// <remarks>Dates are in March 2026 (2026-03-02 is a Monday); the manager's zone is UTC unless given.</remarks>
public sealed class TestWorld : IAsyncDisposable
{
    public static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private TestWorld(DateTimeZone zone)
    {
        Clock = new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0), Duration.FromSeconds(1));
        Source = new SimpleAttendeeSource();
        Manager = StorageManager.CreateBuilder().UseClock(Clock).UseZone(zone).AddAttendeeSource(Source).Build();
        Martijn = Source.CreateIndividual(new AttendeeId("martijn"), "Martijn Faassen");
        Bob = Source.CreateIndividual(new AttendeeId("bob"), "Bob");
        Alice = Source.CreateIndividual(new AttendeeId("alice"), "Alice");
        Room1 = Source.CreateRoom(new AttendeeId("room1"), "Room 1");
        Room2 = Source.CreateRoom(new AttendeeId("room2"), "Room 2");
    }

    public FakeClock Clock { get; }

    public StorageManager Manager { get; }

    public SimpleAttendeeSource Source { get; }

    public Individual Martijn { get; }

    public Individual Bob { get; }

    public Individual Alice { get; }

    public Room Room1 { get; }

    public Room Room2 { get; }

    public static TestWorld Create(DateTimeZone? zone = null) => new(zone ?? DateTimeZone.Utc);

    /// <summary>An instant on a day of March 2026, UTC.</summary>
    public static Instant Utc(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 3, day, hour, minute);

    /// <summary>A half-open window between two instants of March 2026, UTC.</summary>
    public static Interval Window(int day, int hour, int minute, int endDay, int endHour, int endMinute = 0)
        => new(Utc(day, hour, minute), Utc(endDay, endHour, endMinute));

    /// <summary>A window covering whole days of March 2026 (UTC midnight to midnight, end exclusive).</summary>
    public static Interval Days(int firstDay, int endDayExclusive) => new(Utc(firstDay, 0), Utc(endDayExclusive, 0));

    /// <summary>Details of a UTC-zoned event in March 2026.</summary>
    public static EventDetails At(int day, int hour, int minute = 0, int minutes = 60, string title = "")
        => new(EventTiming.Timed(new LocalDateTime(2026, 3, day, hour, minute), DateTimeZone.Utc, Duration.FromMinutes(minutes))) { Title = title };

    /// <summary>An attendee's calendar on this world's manager.</summary>
    public AttendeeCalendar CalendarOf(Attendee attendee) => Manager.CalendarOf(attendee.Id);

    /// <summary>Creates an event organized by <paramref name="organizer"/> and invites the others.</summary>
    public async Task<CalendarEvent> MeetingAsync(EventDetails details, Attendee organizer, params Attendee[] invitees)
    {
        CalendarEvent e = await CalendarOf(organizer).CreateEventAsync(details);
        if (invitees.Length == 0)
        {
            return e;
        }
        InvitationResult result = await Manager.InviteAsync(e.Id, invitees.Select(a => a.Id));
        return result.Event;
    }

    public ValueTask DisposeAsync() => Manager.DisposeAsync();
}
