using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>Two processes on one database file: room bookings stay atomic across processes.</summary>
public sealed class CrossProcessTests : IDisposable
{
    private readonly string _folder = TempFolder.Create("xproc");

    /// <summary>Only a guard against a hang: a child normally starts and answers within seconds, slower on a busy machine.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    public void Dispose() => TempFolder.Delete(_folder);

    [Fact]
    public async Task Two_processes_inviting_one_room_to_overlapping_meetings_accept_exactly_one()
    {
        string db = Path.Combine(_folder, "rooms.db");
        const int rounds = 3;
        for (int round = 0; round < rounds; round++)
        {
            EventId first, second;
            await using (StorageManager manager = StorageManager.CreateBuilder().UseSqlite(db).Build())
            {
                first = (await manager.CreateEventAsync(Meeting(round, 10, "alice"))).Id;
                second = (await manager.CreateEventAsync(Meeting(round, 10, "bob", minuteOffset: 30))).Id;
            }
            await RaceAsync("invite", db, first, second, Path.Combine(_folder, $"go-{round}"), "one process books the room and the other sees the booking");

            await using (StorageManager manager = StorageManager.CreateBuilder().UseSqlite(db).Build())
            {
                var booked = await manager.GetEventsAsync(new EventListQuery(new Interval(null, null)) { Attendee = new AttendeeId("room") });
                booked.Where(e => e.Id == first || e.Id == second)
                    .Count(e => e.GetParticipationStatus(new AttendeeId("room")) == ParticipationStatus.Accepted).Should().Be(1);
            }
        }
    }

    [Fact]
    public async Task Two_processes_answering_for_one_manual_room_on_overlapping_meetings_book_it_once()
    {
        // The room is in the file's directory (Manual: a person answers for it); each answer of ACCEPTED goes through
        // the booking gate inside its own write, so across processes only one of two overlapping answers can book it.
        string db = Path.Combine(_folder, "answers.db");
        var room = new AttendeeId("room");
        const int rounds = 3;
        for (int round = 0; round < rounds; round++)
        {
            EventId first, second;
            await using (StorageManager manager = StorageManager.CreateBuilder().UseSqlite(db).Build())
            {
                await manager.SaveAttendeeAsync(new AttendeeRecord(room, CalendarUserType.Room, "Room", BookingPolicy.Manual));
                first = (await manager.CreateEventAsync(Meeting(round, 10, "alice"))).Id;
                second = (await manager.CreateEventAsync(Meeting(round, 10, "bob", minuteOffset: 30))).Id;
                (await manager.InviteAsync(first, [room])).Outcomes.Single().Status.Should().Be(ParticipationStatus.NeedsAction);
                (await manager.InviteAsync(second, [room])).Outcomes.Single().Status.Should().Be(ParticipationStatus.NeedsAction);
            }
            await RaceAsync("answer", db, first, second, Path.Combine(_folder, $"answer-go-{round}"), "one answer books the room and the gate declines the other");
        }
    }

    [Theory]
    [InlineData("RRULE:FREQ=MINUTELY;COUNT=20000000")]
    [InlineData("RRULE:FREQ=SECONDLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59")]
    public async Task A_hostile_booking_is_decided_quickly_while_another_process_keeps_writing(string rule)
    {
        // These bookings held the write transaction for 56 s and 168 s, and the other process's writes failed after 5.6 s
        // ("the database stayed locked"). Now the gate checks at most 5,000 instances: the writer never stops.
        string db = Path.Combine(_folder, "hostile.db");
        using ChildProcess writer = ChildProcess.Start("write", db, "11");
        for (int i = 0; i < 5; i++)
        {
            (await writer.ReadLineAsync(HangGuard)).Should().StartWith("W ", writer.Errors);
        }
        var source = new SimpleAttendeeSource();
        Room room = source.CreateRoom(new AttendeeId("hostile-room"), "Room", BookingPolicy.AcceptIfPossible);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan decided;
        await using (StorageManager manager = StorageManager.CreateBuilder().UseSqlite(db).AddAttendeeSource(source).Build())
        {
            LocalDateTime start = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromDays(1)).InUtc().LocalDateTime;
            start = start.PlusNanoseconds(-start.NanosecondOfSecond);
            CalendarEvent series = await manager.CreateEventAsync(new EventDetails(EventTiming.Timed(start, DateTimeZone.Utc, Duration.FromSeconds(1)))
            {
                Title = "Hostile",
                OrganizerId = new AttendeeId("mallory"),
                Recurrence = [rule],
            });
            watch.Restart();
            InvitationResult result = await manager.InviteAsync(series.Id, [room.Id]);
            decided = watch.Elapsed;
            result.Outcomes.Single().Status.Should().Be(ParticipationStatus.Declined);
            result.Outcomes.Single().Decision!.Reason.Should().Contain("5000 instances");
        }
        // The writer went on: more commits after the booking, and it is still running (a timeout would end it).
        for (int i = 0; i < 5; i++)
        {
            (await writer.ReadLineAsync(HangGuard)).Should().StartWith("W ", writer.Errors);
        }
        writer.HasExited.Should().BeFalse(writer.Errors);
        decided.Should().BeLessThan(TimeSpan.FromSeconds(30), "a hang guard; the decision takes well under a second here");
        Console.WriteLine(FormattableString.Invariant($"hostile booking decided in {decided.TotalMilliseconds:0} ms while another process wrote"));
        writer.KillHard();
    }

    /// <summary>Starts two children running <paramref name="command"/> on the two events, releases them together once
    /// both are ready, and checks that exactly one of them booked the room.</summary>
    private static async Task RaceAsync(string command, string db, EventId first, EventId second, string go, string because)
    {
        using ChildProcess a = ChildProcess.Start(command, db, first.Value, go);
        using ChildProcess b = ChildProcess.Start(command, db, second.Value, go);
        (await a.ReadLineAsync(HangGuard)).Should().Be("READY", a.Errors);
        (await b.ReadLineAsync(HangGuard)).Should().Be("READY", b.Errors);
        await File.WriteAllTextAsync(go, "go");
        string? answerA = await a.ReadLineAsync(HangGuard);
        string? answerB = await b.ReadLineAsync(HangGuard);
        new[] { answerA, answerB }.Should().BeEquivalentTo([nameof(ParticipationStatus.Accepted), nameof(ParticipationStatus.Declined)],
            $"{because} (errors: {a.Errors} {b.Errors})");
    }

    private static EventDetails Meeting(int day, int hour, string organizer, int minuteOffset = 0)
        => new(EventTiming.Timed(new LocalDateTime(2026, 3, 2 + day, hour, minuteOffset), DateTimeZone.Utc, Duration.FromHours(1)))
        {
            Title = $"Meeting of {organizer}",
            OrganizerId = new AttendeeId(organizer),
        };
}
