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
            string go = Path.Combine(_folder, $"go-{round}");
            using ChildProcess a = ChildProcess.Start("invite", db, first.Value, go);
            using ChildProcess b = ChildProcess.Start("invite", db, second.Value, go);
            (await a.ReadLineAsync(HangGuard)).Should().Be("READY", a.Errors);
            (await b.ReadLineAsync(HangGuard)).Should().Be("READY", b.Errors);
            await File.WriteAllTextAsync(go, "go");
            string? answerA = await a.ReadLineAsync(HangGuard);
            string? answerB = await b.ReadLineAsync(HangGuard);
            new[] { answerA, answerB }.Should().BeEquivalentTo([nameof(ParticipationStatus.Accepted), nameof(ParticipationStatus.Declined)],
                $"one process books the room and the other sees the booking (errors: {a.Errors} {b.Errors})");

            await using (StorageManager manager = StorageManager.CreateBuilder().UseSqlite(db).Build())
            {
                var booked = await manager.GetEventsAsync(new EventListQuery(new Interval(null, null)) { Attendee = new AttendeeId("room") });
                booked.Where(e => e.Id == first || e.Id == second)
                    .Count(e => e.GetParticipationStatus(new AttendeeId("room")) == ParticipationStatus.Accepted).Should().Be(1);
            }
        }
    }

    private static EventDetails Meeting(int day, int hour, string organizer, int minuteOffset = 0)
        => new(EventTiming.Timed(new LocalDateTime(2026, 3, 2 + day, hour, minuteOffset), DateTimeZone.Utc, Duration.FromHours(1)))
        {
            Title = $"Meeting of {organizer}",
            OrganizerId = new AttendeeId(organizer),
        };
}
