using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Recurrence;
using Calcore.Storage.Specification.Tests;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>The contract over a file whose stored series' recurrence was changed with SQL, as a file written by another
/// version or edited by hand would be.</summary>
public sealed class SqliteCorruptDataStorageTests(SqliteStorageFixture fixture) : CorruptDataStorageTestBase<SqliteStorageFixture>(fixture)
{
    /// <summary>Rewrites the snapshot's recurrence in place with SQLite's JSON functions. The row also gets a new stamp,
    /// as every write by any version does, so this storage's snapshot cache sees the change (a hand edit that leaves the
    /// stamp is read when the file is opened again: <see cref="CorruptDataTests"/>).</summary>
    protected override Task CorruptRecurrenceAsync(EventId id, IReadOnlyList<string> lines, Interval storedSpan)
    {
        int changed = CorruptDataTests.Sql(((SqliteStorage)Storage).Path,
            "UPDATE events SET snapshot = json_set(snapshot, '$.details.recurrence', json(@lines)), stamp = random() WHERE id = @id",
            ("@lines", JsonSerializer.Serialize(lines)), ("@id", id.Value));
        changed.Should().Be(1);
        return Task.CompletedTask;
    }
}

/// <summary>A file edited by hand while no storage had it open: a series whose recurrence no longer parses is
/// <see cref="StorageErrorCode.Corrupt"/> naming it on every call that expands it, and the file is not changed.</summary>
public sealed class CorruptDataTests : IDisposable
{
    private static readonly AttendeeId Alice = new("alice");
    private static readonly AttendeeId Room = new("room");
    private readonly string _folder = TempFolder.Create("corrupt");

    public void Dispose() => TempFolder.Delete(_folder);

    [Fact]
    public async Task A_series_edited_by_hand_is_refused_as_corrupt_naming_it_and_the_file_is_left_as_it_was()
    {
        string path = Path.Combine(_folder, "edited.db");
        var source = new SimpleAttendeeSource();
        source.CreateIndividual(Alice, "Alice");
        source.CreateRoom(Room, "Room", BookingPolicy.AcceptIfPossible);
        EventId series = new("weekly");
        await using (StorageManager manager = StorageManager.CreateBuilder().UseSqlite(path).AddAttendeeSource(source).Build())
        {
            await manager.CreateEventAsync(Details(2, "Weekly") with { Recurrence = ["RRULE:FREQ=WEEKLY;BYDAY=MO"] }, series);
            await manager.InviteAsync(series, [Room]);
            await manager.CreateEventAsync(Details(3, "Single"), new EventId("single"));
            (await manager.InviteAsync(new EventId("single"), [Room])).Outcomes[0].Status.Should().Be(ParticipationStatus.Accepted);
        }
        // The lines as a hand edit leaves them: the stamp is not touched (no storage had the file open).
        Sql(path, "UPDATE events SET snapshot = json_set(snapshot, '$.details.recurrence', json_array('RRULE:FREQ=WEEKLY;BYDAY=XX')) WHERE id = 'weekly'")
            .Should().Be(1);
        string before = Dump(path);

        await using (StorageManager manager = StorageManager.CreateBuilder().UseSqlite(path).AddAttendeeSource(source).Build())
        {
            Interval week = new(Instant.FromUtc(2026, 3, 9, 0, 0), Instant.FromUtc(2026, 3, 16, 0, 0));
            List<Func<Task>> calls =
            [
                () => manager.GetEventsAsync(new EventListQuery(week) { ExpandRecurrence = true }),
                () => manager.GetFreeBusyAsync([Room], week),
                () => manager.FindConflictsAsync(Room, Details(9, "Proposed")),
                () => manager.UpdateEventAsync(series, Details(2, "Renamed") with { Recurrence = ["RRULE:FREQ=WEEKLY;BYDAY=XX"] }),
                () => manager.SetParticipationStatusAsync(series, Alice, ParticipationStatus.Tentative),
                () => manager.UpdateEventAsync(new EventId("single"), Details(9, "Moved onto the series")),
            ];
            foreach (Func<Task> call in calls)
            {
                CalcoreStorageException ex = (await call.Should().ThrowExactlyAsync<CalcoreStorageException>()).Which;
                ex.Code.Should().Be(StorageErrorCode.Corrupt);
                ex.EventId.Should().Be(series);
                ex.Message.Should().Contain("'weekly'").And.Contain("BYDAY");
                ex.InnerException.Should().BeOfType<RecurrenceParseException>();
            }
            (await manager.GetEventAsync(series)).Recurrence.Should().Equal("RRULE:FREQ=WEEKLY;BYDAY=XX");
            (await manager.GetEventAsync(new EventId("single"))).Version.Should().Be(2);
        }
        Dump(path).Should().Be(before, "a refused call writes nothing");
    }

    private static EventDetails Details(int day, string title)
        => new(EventTiming.Timed(new LocalDateTime(2026, 3, day, 10, 0), DateTimeZone.Utc, Duration.FromHours(1)))
        {
            Title = title,
            OrganizerId = Alice,
        };

    /// <summary>Runs SQL on a database file outside any storage; returns the rows changed.</summary>
    internal static int Sql(string path, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command.ExecuteNonQuery();
    }

    /// <summary>Every stored row of both tables, as text.</summary>
    private static string Dump(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT group_concat(seq || '|' || id || '|' || version || '|' || stamp || '|' || span_start || '|' || ifnull(span_end, '') || '|' || snapshot, char(10)) FROM events)
                || char(10) || (SELECT group_concat(attendee_id || '|' || bucket || '|' || span_start || '|' || event_seq, char(10)) FROM event_attendees)
            """;
        return (string)command.ExecuteScalar()!;
    }
}
