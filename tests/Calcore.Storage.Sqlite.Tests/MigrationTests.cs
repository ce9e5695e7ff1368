using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage.Sqlite.Internal;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit;
using static Calcore.Storage.Specification.Tests.Snapshots;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>A file written by schema version 1 or 2 opens, is migrated forward in place, and reads and writes as a new one.</summary>
public sealed class MigrationTests : IDisposable
{
    /// <summary>Schema version 1 exactly as released (kept here verbatim, so that a change to the migration chain
    /// cannot silently change what an old file looks like).</summary>
    private const string Version1 = """
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        CREATE TABLE events (
            id TEXT NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NULL,
            bucket INTEGER NOT NULL,
            organizer_id TEXT NULL,
            snapshot TEXT NOT NULL
        );
        CREATE INDEX ix_events_window ON events (bucket, span_start, span_end);
        CREATE INDEX ix_events_organizer ON events (organizer_id, bucket, span_start, span_end) WHERE organizer_id IS NOT NULL;
        CREATE TABLE event_attendees (
            event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
            attendee_id TEXT NOT NULL,
            bucket INTEGER NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NULL,
            PRIMARY KEY (event_id, attendee_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_event_attendees_window ON event_attendees (attendee_id, bucket, span_start, span_end);
        INSERT INTO schema_version (version) VALUES (1);
        """;

    /// <summary>Schema version 2 exactly as released (verbatim, as <see cref="Version1"/>).</summary>
    private const string Version2 = """
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            stamp INTEGER NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NULL,
            bucket INTEGER NOT NULL,
            organizer_id TEXT NULL,
            snapshot TEXT NOT NULL
        );
        CREATE UNIQUE INDEX ix_events_id ON events (id);
        CREATE INDEX ix_events_window ON events (bucket, span_start, span_end);
        CREATE INDEX ix_events_organizer ON events (organizer_id, bucket, span_start, span_end) WHERE organizer_id IS NOT NULL;
        CREATE TABLE event_attendees (
            attendee_id TEXT NOT NULL,
            bucket INTEGER NOT NULL,
            span_start INTEGER NOT NULL,
            event_seq INTEGER NOT NULL,
            span_end INTEGER NULL,
            PRIMARY KEY (attendee_id, bucket, span_start, event_seq)
        ) WITHOUT ROWID;
        INSERT INTO schema_version (version) VALUES (2);
        """;

    private readonly string _folder = TempFolder.Create("migrate");

    public void Dispose() => TempFolder.Delete(_folder);

    [Fact]
    public async Task A_version_1_file_is_migrated_and_keeps_every_event_and_index_row()
    {
        string path = Path.Combine(_folder, "v1.db");
        CalendarEvent meeting = Event("meeting", Utc(2, 10), Duration.FromHours(1), "alice", "bob", "carol");
        CalendarEvent untitled = Event("no-organizer", Utc(3, 9), Duration.FromMinutes(30), null, "bob");
        CalendarEvent series = Event("series", Utc(2, 8), Duration.FromMinutes(15), "carol", "bob") is var s
            ? new CalendarEvent(s.Id, s.Details with { Recurrence = ["RRULE:FREQ=DAILY"] }, s.Commitments, 3, s.Created, s.Updated)
            : throw new InvalidOperationException();
        var seriesSpan = new Interval(Utc(2, 8), null);
        WriteVersion1(path, [(meeting, SpanOf(meeting)), (untitled, SpanOf(untitled)), (series, seriesSpan)]);

        using (var storage = new SqliteStorage(path))
        {
            (await storage.FindEventAsync(meeting.Id, default)).ShouldBeSameSnapshot(meeting);
            (await storage.FindEventAsync(series.Id, default)).ShouldBeSameSnapshot(series);
            var week = new Interval(Utc(2, 0), Utc(9, 0));
            (await storage.QueryEventsAsync(new EventQuery { Window = week, Attendee = new AttendeeId("bob") }, default))
                .Select(e => e.Id.Value).Should().Equal("series", "meeting", "no-organizer");
            (await storage.QueryEventsAsync(new EventQuery { Window = week, Organizer = new AttendeeId("carol") }, default))
                .Select(e => e.Id.Value).Should().Equal("series");
            (await storage.QueryEventsAsync(new EventQuery { Window = new Interval(Utc(20, 0), Utc(21, 0)) }, default))
                .Select(e => e.Id.Value).Should().Equal("series");

            IStorageTransaction tx = await storage.BeginTransactionAsync([], default);
            await using (tx)
            {
                CalendarEvent moved = NextVersion(meeting, "alice", "dave");
                (await tx.ReplaceEventAsync(moved, SpanOf(moved), 1, default)).Should().BeTrue();
                (await tx.DeleteEventAsync(untitled.Id, 1, default)).Should().BeTrue();
                await tx.CommitAsync(default);
            }
            (await storage.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("bob") }, default))
                .Select(e => e.Id.Value).Should().Equal("series");
            (await storage.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("dave") }, default))
                .Select(e => e.Id.Value).Should().Equal("meeting");
        }

        using var connection = Open(path);
        Scalar(connection, "SELECT group_concat(version) FROM schema_version").Should().Be(SqliteStorage.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Scalar(connection, "PRAGMA integrity_check").Should().Be("ok");
        Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v1'").Should().Be("0", "the version 1 tables are gone");
        Scalar(connection, "SELECT count(DISTINCT stamp) FROM events").Should().Be("2", "every migrated row got its own stamp");
        Scalar(connection, "SELECT group_concat(attendee_id, ',') FROM (SELECT attendee_id FROM event_attendees ORDER BY attendee_id)")
            .Should().Be("alice,bob,carol,dave");
        Scalar(connection, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name)")
            .Should().Be(FreshSchema(), "a migrated file has exactly the schema of a new one");
    }

    [Fact]
    public void Opening_a_version_1_file_read_only_is_refused_as_it_needs_a_migration()
    {
        string path = Path.Combine(_folder, "v1-readonly.db");
        WriteVersion1(path, []);
        Action open = () => new SqliteStorage(path, new SqliteStorageOptions { ReadOnly = true }).Dispose();
        open.Should().Throw<CalcoreStorageException>().Which.Code.Should().Be(StorageErrorCode.ReadOnly);
    }

    [Fact]
    public async Task A_version_2_file_gains_the_attendee_directory_and_keeps_every_event()
    {
        string path = Path.Combine(_folder, "v2.db");
        CalendarEvent meeting = Event("meeting", Utc(2, 10), Duration.FromHours(1), "alice", "bob", "room");
        WriteVersion2(path, meeting);
        string eventsBefore = Rows(path, "SELECT group_concat(seq || '|' || id || '|' || version || '|' || stamp || '|' || snapshot, ';') FROM events");
        string attendeeRowsBefore = Rows(path, "SELECT group_concat(attendee_id || '|' || event_seq, ';') FROM event_attendees");

        using (var storage = new SqliteStorage(path))
        {
            (await storage.FindEventAsync(meeting.Id, default)).ShouldBeSameSnapshot(meeting);
            (await storage.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("room") }, default)).Select(e => e.Id.Value).Should().Equal("meeting");
            (await storage.GetAttendeesAsync(null, default)).Should().BeEmpty("an upgraded file starts with an empty directory");
            var room = new AttendeeRecord(new AttendeeId("room"), CalendarUserType.Room, "Room", BookingPolicy.AcceptExceptConflicts(3, 0.25) with { MaximumDuration = null })
            {
                Address = "mailto:room@example.com",
                WorkingHours = new WorkingHours(new LocalTime(9, 0), new LocalTime(17, 0)),
            };
            IStorageTransaction tx = await storage.BeginTransactionAsync([room.Id], default);
            await using (tx)
            {
                (await tx.UpsertAttendeeAsync(room, default)).Should().BeTrue();
                await tx.CommitAsync(default);
            }
            (await storage.FindAttendeeAsync(room.Id, default)).Should().Be(room);
        }

        using (var reopened = new SqliteStorage(path, new SqliteStorageOptions { ReadOnly = true }))
        {
            (await reopened.GetAttendeesAsync(CalendarUserType.Room, default)).Select(r => r.Id.Value).Should().Equal("room");
        }
        Rows(path, "SELECT group_concat(version) FROM schema_version").Should().Be("3");
        Rows(path, "PRAGMA integrity_check").Should().Be("ok");
        Rows(path, "SELECT group_concat(seq || '|' || id || '|' || version || '|' || stamp || '|' || snapshot, ';') FROM events").Should().Be(eventsBefore, "the migration adds a table only");
        Rows(path, "SELECT group_concat(attendee_id || '|' || event_seq, ';') FROM event_attendees").Should().Be(attendeeRowsBefore);
        Rows(path, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name)")
            .Should().Be(FreshSchema(), "a migrated file has exactly the schema of a new one");
    }

    [Fact]
    public void Opening_a_version_2_file_read_only_is_refused_and_leaves_it_at_version_2()
    {
        string path = Path.Combine(_folder, "v2-readonly.db");
        WriteVersion2(path, Event("meeting", Utc(2, 10), Duration.FromHours(1), "alice", "bob"));
        byte[] before = File.ReadAllBytes(path);
        Action open = () => new SqliteStorage(path, new SqliteStorageOptions { ReadOnly = true }).Dispose();
        CalcoreStorageException ex = open.Should().Throw<CalcoreStorageException>().Which;
        ex.Code.Should().Be(StorageErrorCode.ReadOnly);
        ex.Message.Should().Contain("schema version 2").And.Contain(path);
        File.ReadAllBytes(path).Should().Equal(before, "a read-only open never migrates");
    }

    /// <summary>Writes a file as version 2 of the library did (rollback journal; one event and its attendee rows).</summary>
    private static void WriteVersion2(string path, CalendarEvent e)
    {
        using var connection = Open(path);
        Execute(connection, Version2, _ => { });
        Interval span = SpanOf(e);
        long start = span.Start.ToUnixTimeTicks();
        long end = span.End.ToUnixTimeTicks();
        int bucket = Schema.BucketOf(start, end);
        Execute(connection, "INSERT INTO events (seq, id, version, stamp, span_start, span_end, bucket, organizer_id, snapshot) VALUES (1, @id, @version, 42, @start, @end, @bucket, @organizer, @snapshot)", c =>
        {
            c.Parameters.AddWithValue("@id", e.Id.Value);
            c.Parameters.AddWithValue("@version", e.Version);
            c.Parameters.AddWithValue("@start", start);
            c.Parameters.AddWithValue("@end", end);
            c.Parameters.AddWithValue("@bucket", bucket);
            c.Parameters.AddWithValue("@organizer", e.OrganizerId is { } o ? o.Value : DBNull.Value);
            c.Parameters.AddWithValue("@snapshot", SnapshotJson.Write(e));
        });
        foreach (Commitment commitment in e.Commitments)
        {
            Execute(connection, "INSERT INTO event_attendees (attendee_id, bucket, span_start, event_seq, span_end) VALUES (@attendee, @bucket, @start, 1, @end)", c =>
            {
                c.Parameters.AddWithValue("@attendee", commitment.AttendeeId.Value);
                c.Parameters.AddWithValue("@bucket", bucket);
                c.Parameters.AddWithValue("@start", start);
                c.Parameters.AddWithValue("@end", end);
            });
        }
    }

    private static string Rows(string path, string sql)
    {
        using var connection = Open(path);
        return Scalar(connection, sql);
    }

    private string FreshSchema()
    {
        string path = Path.Combine(_folder, "fresh.db");
        new SqliteStorage(path).Dispose();
        using var connection = Open(path);
        return Scalar(connection, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name)");
    }

    /// <summary>Writes a file as version 1 of the library did: rollback journal (never switched to WAL), one row per event and per commitment.</summary>
    private static void WriteVersion1(string path, IReadOnlyList<(CalendarEvent Event, Interval Span)> events)
    {
        using var connection = Open(path);
        Execute(connection, Version1, _ => { });
        foreach ((CalendarEvent e, Interval span) in events)
        {
            long start = span.Start.ToUnixTimeTicks();
            long? end = span.HasEnd ? span.End.ToUnixTimeTicks() : null;
            int bucket = Schema.BucketOf(start, end);
            Execute(connection, "INSERT INTO events (id, version, span_start, span_end, bucket, organizer_id, snapshot) VALUES (@id, @version, @start, @end, @bucket, @organizer, @snapshot)", c =>
            {
                c.Parameters.AddWithValue("@id", e.Id.Value);
                c.Parameters.AddWithValue("@version", e.Version);
                c.Parameters.AddWithValue("@start", start);
                c.Parameters.AddWithValue("@end", end is { } x ? x : DBNull.Value);
                c.Parameters.AddWithValue("@bucket", bucket);
                c.Parameters.AddWithValue("@organizer", e.OrganizerId is { } o ? o.Value : DBNull.Value);
                c.Parameters.AddWithValue("@snapshot", SnapshotJson.Write(e));
            });
            foreach (Commitment commitment in e.Commitments)
            {
                Execute(connection, "INSERT INTO event_attendees (event_id, attendee_id, bucket, span_start, span_end) VALUES (@id, @attendee, @bucket, @start, @end)", c =>
                {
                    c.Parameters.AddWithValue("@id", e.Id.Value);
                    c.Parameters.AddWithValue("@attendee", commitment.AttendeeId.Value);
                    c.Parameters.AddWithValue("@bucket", bucket);
                    c.Parameters.AddWithValue("@start", start);
                    c.Parameters.AddWithValue("@end", end is { } x ? x : DBNull.Value);
                });
            }
        }
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, Action<SqliteCommand> bind)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
