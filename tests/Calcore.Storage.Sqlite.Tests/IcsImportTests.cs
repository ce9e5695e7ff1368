using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Ics;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>An iCalendar import into a SQLite file: what the file says survives reopening, including events in a zone
/// only the file defined, and the SEQUENCE.</summary>
public sealed class IcsImportTests : IDisposable
{
    private const string Calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        + "BEGIN:VTIMEZONE\r\nTZID:Head Office Time\r\n"
        + "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
        + "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
        + "END:VTIMEZONE\r\n"
        + "BEGIN:VEVENT\r\nUID:hq-weekly\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:5\r\nDTSTART;TZID=Head Office Time:20260302T090000\r\nDURATION:PT1H\r\n"
        + "RRULE:FREQ=WEEKLY;COUNT=6\r\nSUMMARY:Across the spring change\r\nATTENDEE;CN=Room:mailto:room@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    private readonly string _folder = TempFolder.Create("ics");

    public void Dispose() => TempFolder.Delete(_folder);

    [Fact]
    public async Task A_series_in_a_zone_only_the_file_defines_is_stored_in_the_tzdb_zone_with_its_offsets_and_reads_back_after_reopening()
    {
        string path = Path.Combine(_folder, "import.db");
        var clock = new Calcore.Storage.Specification.Tests.FakeClock(Instant.FromUtc(2026, 2, 1, 0, 0));
        IcsImportResult result;
        await using (StorageManager manager = StorageManager.CreateBuilder().UseSqlite(path).UseClock(clock).Build())
        {
            await manager.SaveAttendeeAsync(new AttendeeRecord(new AttendeeId("room"), CalendarUserType.Room, "Room", BookingPolicy.AcceptIfPossible) { Address = "mailto:room@example.com" });
            result = await manager.ImportAsync(IcsCalendar.Read(Calendar).GetValueOrThrow());
        }

        result.Items.Single().Action.Should().Be(IcsImportAction.Created);
        result.Items.Single().Reason.Should().Contain("'Head Office Time' is stored as tzdb's");
        await using (StorageManager reopened = StorageManager.CreateBuilder().UseSqlite(path).UseClock(clock).Build())
        {
            CalendarEvent series = await reopened.GetEventAsync(new EventId("hq-weekly"));
            series.Details.Sequence.Should().Be(5);
            series.GetParticipationStatus(new AttendeeId("room")).Should().Be(ParticipationStatus.Accepted);
            var instances = await reopened.GetInstancesAsync(series.Id, new Interval(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 5, 1, 0, 0)));
            // 09:00 wall time on both sides of the change on 29 March: 08:00Z before it, 07:00Z after it.
            instances.Select(i => i.Timing.ToInterval(DateTimeZone.Utc).Start).Should().Equal(
                Instant.FromUtc(2026, 3, 2, 8, 0), Instant.FromUtc(2026, 3, 9, 8, 0), Instant.FromUtc(2026, 3, 16, 8, 0),
                Instant.FromUtc(2026, 3, 23, 8, 0), Instant.FromUtc(2026, 3, 30, 7, 0), Instant.FromUtc(2026, 4, 6, 7, 0));
        }
    }
}
