using System;
using System.IO;
using System.Threading.Tasks;
using Calcore.Attendees;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>How the SQLite provider lays out the attendee directory (docs/storage-providers.md), and what it does with a
/// row it cannot read.</summary>
public sealed class AttendeeDirectoryTests : IDisposable
{
    private readonly string _folder = TempFolder.Create("directory");

    public void Dispose() => TempFolder.Delete(_folder);

    [Fact]
    public async Task A_record_is_stored_in_readable_exact_columns()
    {
        string path = Path.Combine(_folder, "layout.db");
        var room = new AttendeeRecord(new AttendeeId("room"), CalendarUserType.Room, "Room",
            BookingPolicy.AcceptExceptConflicts(7, 0.25) with
            {
                BookingWindow = Duration.FromDays(90) + Duration.FromNanoseconds(123_456_789),
                PastWindow = BookingWindowAction.Decline,
                MaximumDuration = null,
                AllowRecurring = false,
            })
        {
            Address = "mailto:room@example.com",
            WorkingHours = new WorkingHours(new LocalTime(9, 0), LocalTime.Midnight),
        };
        using (var storage = new SqliteStorage(path))
        {
            await Write(storage, room);
        }
        Row(path, "SELECT id || '|' || type || '|' || display_name || '|' || address || '|' || automation || '|' || max_conflicts || '|' || max_conflict_fraction"
            + " || '|' || booking_window_days || '|' || booking_window_nanos || '|' || past_window || '|' || ifnull(maximum_duration_days, 'null')"
            + " || '|' || ifnull(maximum_duration_nanos, 'null') || '|' || allow_recurring || '|' || work_start_nanos || '|' || work_end_nanos FROM attendees")
            .Should().Be("room|ROOM|Room|mailto:room@example.com|ACCEPT-EXCEPT-CONFLICTS|7|0.25|90|123456789|DECLINE|null|null|0|32400000000000|0");
    }

    [Theory]
    [InlineData("automation = 'SOMETIMES'", "Unknown automation 'SOMETIMES'")]
    [InlineData("type = 'room'", "Unknown calendar user type 'room'")]
    [InlineData("booking_window_days = 0, booking_window_nanos = 0", "BookingWindow")]
    [InlineData("booking_window_nanos = 86400000000000", "not a nanosecond of a day")]
    [InlineData("allow_recurring = 2", "allow_recurring is 2")]
    [InlineData("address = 'room@example.com'", "not a calendar address")]
    public async Task A_row_edited_into_a_value_no_record_has_is_refused_as_corrupt_naming_it(string change, string named)
    {
        string path = Path.Combine(_folder, "edited.db");
        var other = new AttendeeRecord(new AttendeeId("other"), CalendarUserType.Individual, "Other");
        using (var storage = new SqliteStorage(path))
        {
            await Write(storage, new AttendeeRecord(new AttendeeId("room"), CalendarUserType.Room, "Room"), other);
        }
        Row(path, $"UPDATE attendees SET {change} WHERE id = 'room'; SELECT changes()").Should().Be("1");

        using var reopened = new SqliteStorage(path);
        Func<Task> find = async () => await reopened.FindAttendeeAsync(new AttendeeId("room"), default);
        CalcoreStorageException ex = (await find.Should().ThrowAsync<CalcoreStorageException>()).Which;
        ex.Code.Should().Be(StorageErrorCode.Corrupt);
        ex.Message.Should().Contain("'room'").And.Contain(named).And.Contain(path);
        Func<Task> list = async () => await reopened.GetAttendeesAsync(null, default);
        (await list.Should().ThrowAsync<CalcoreStorageException>()).Which.Code.Should().Be(StorageErrorCode.Corrupt);
        (await reopened.FindAttendeeAsync(other.Id, default)).Should().Be(other, "the other records still read");
    }

    private static async Task Write(SqliteStorage storage, params AttendeeRecord[] records)
    {
        IStorageTransaction tx = await storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            foreach (AttendeeRecord r in records)
            {
                await tx.UpsertAttendeeAsync(r, default);
            }
            await tx.CommitAsync(default);
        }
    }

    private static string Row(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
