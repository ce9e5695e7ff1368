using System;
using NodaTime;

namespace Calcore.Storage.Sqlite.Internal;

/// <summary>The database schema, its migrations and the SQL the storage runs (exposed to the tests for EXPLAIN).</summary>
internal static class Schema
{
    /// <summary>The schema version this library writes and reads.</summary>
    internal const int CurrentVersion = 3;

    /// <summary>The longest span, in ticks, of each bounded length bucket (MemoryStorage's SortedSpanIndex has one such bound, 35 days); the
    /// last bucket, <see cref="OpenBucket"/>, holds longer and open-ended spans.</summary>
    internal static readonly long[] BucketMaxTicks =
    [
        Duration.FromHours(1).BclCompatibleTicks,
        Duration.FromDays(1).BclCompatibleTicks,
        Duration.FromDays(7).BclCompatibleTicks,
        Duration.FromDays(35).BclCompatibleTicks,
    ];

    internal static int OpenBucket => BucketMaxTicks.Length;

    /// <summary>Forward migrations: entry i takes the schema from version i to i + 1.</summary>
    internal static readonly string[] Migrations =
    [
        """
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
        """,

        // 1 -> 2: events get an integer row key (seq) and a per-write stamp; the attendee rows are keyed for the
        // attendee-window query itself and point at the event's seq (no separate index, no text key per row).
        // Rows are copied in their rowid order; every event gets a random stamp.
        """
        ALTER TABLE event_attendees RENAME TO event_attendees_v1;
        ALTER TABLE events RENAME TO events_v1;
        DROP INDEX ix_event_attendees_window;
        DROP INDEX ix_events_window;
        DROP INDEX ix_events_organizer;
        """ + CreateVersion2 + """

        INSERT INTO events (id, version, stamp, span_start, span_end, bucket, organizer_id, snapshot)
            SELECT id, version, random(), span_start, span_end, bucket, organizer_id, snapshot FROM events_v1 ORDER BY rowid;
        INSERT INTO event_attendees (attendee_id, bucket, span_start, event_seq, span_end)
            SELECT x.attendee_id, x.bucket, x.span_start, e.seq, x.span_end FROM event_attendees_v1 AS x JOIN events AS e ON e.id = x.event_id;
        DROP TABLE event_attendees_v1;
        DROP TABLE events_v1;
        """,

        // 2 -> 3: the attendee directory, one row per attendee record (see AttendeeRows). Adds a table only: the
        // events and their attendee rows are untouched.
        """
        CREATE TABLE attendees (
            id TEXT NOT NULL PRIMARY KEY,
            type TEXT NOT NULL,
            display_name TEXT NOT NULL,
            address TEXT NULL,
            automation TEXT NOT NULL,
            max_conflicts INTEGER NOT NULL,
            max_conflict_fraction REAL NOT NULL,
            booking_window_days INTEGER NOT NULL,
            booking_window_nanos INTEGER NOT NULL,
            past_window TEXT NOT NULL,
            maximum_duration_days INTEGER NULL,
            maximum_duration_nanos INTEGER NULL,
            allow_recurring INTEGER NOT NULL,
            work_start_nanos INTEGER NULL,
            work_end_nanos INTEGER NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_attendees_type ON attendees (type, id);
        """,
    ];

    /// <summary>The tables and indexes of version 2 (see docs/storage-providers.md).</summary>
    private const string CreateVersion2 = """
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
        """;

    /// <summary>The length bucket of a span given as ticks (end null when open).</summary>
    internal static int BucketOf(long start, long? end)
    {
        if (end is not { } e)
        {
            return OpenBucket;
        }
        long length = e - start;
        for (int i = 0; i < BucketMaxTicks.Length; i++)
        {
            if (length <= BucketMaxTicks[i])
            {
                return i;
            }
        }
        return OpenBucket;
    }

    /// <summary>The columns every event read returns, in this order (see <c>SqliteStorage.ReadEvent</c>): the
    /// snapshot and the id are read only when the cache does not hold the row's (seq, stamp).</summary>
    private static string EventColumns(string t) => $"{t}.seq, {t}.version, {t}.stamp, {t}.span_start, {t}.snapshot, {t}.id, {t}.bucket";

    internal static readonly string FindSql = $"SELECT {EventColumns("events")} FROM events WHERE id = @id";

    internal const string InsertEventSql =
        "INSERT INTO events (id, version, stamp, span_start, span_end, bucket, organizer_id, snapshot) VALUES (@id, @version, @stamp, @start, @end, @bucket, @organizer, @snapshot)";

    internal const string UpdateEventSql =
        "UPDATE events SET version = @version, stamp = @stamp, span_start = @start, span_end = @end, bucket = @bucket, organizer_id = @organizer, snapshot = @snapshot WHERE seq = @seq";

    internal const string DeleteEventSql = "DELETE FROM events WHERE seq = @seq";

    internal const string InsertAttendeeSql =
        "INSERT INTO event_attendees (attendee_id, bucket, span_start, event_seq, span_end) VALUES (@attendee, @bucket, @start, @seq, @end)";

    internal const string DeleteAttendeeSql =
        "DELETE FROM event_attendees WHERE attendee_id = @attendee AND bucket = @bucket AND span_start = @start AND event_seq = @seq";

    /// <summary>The query by attendee: one range of event_attendees' primary key per length bucket on
    /// (attendee_id, bucket, span_start), then the event by its seq.</summary>
    internal static readonly string AttendeeQuerySql = WindowQuery(
        $"SELECT {EventColumns("e")} FROM event_attendees AS x JOIN events AS e ON e.seq = x.event_seq WHERE x.attendee_id = @key AND ",
        "x");

    /// <summary>The query by organizer: one index range per length bucket on (organizer_id, bucket, span_start).</summary>
    internal static readonly string OrganizerQuerySql = WindowQuery(
        $"SELECT {EventColumns("x")} FROM events AS x WHERE x.organizer_id = @key AND ",
        "x");

    /// <summary>The unscoped query: one index range per length bucket on (bucket, span_start).</summary>
    internal static readonly string AllQuerySql = WindowQuery(
        $"SELECT {EventColumns("x")} FROM events AS x WHERE ",
        "x");

    /// <summary>
    /// The half-open overlap rule per bucket: a bucket of spans at most L long can only hold spans that start
    /// in [window start − L, window end), so each bucket is one bounded index range; the open bucket is searched
    /// up to the window's end. A zero-length span overlaps when the window contains its instant.
    /// </summary>
    private static string WindowQuery(string head, string t)
    {
        var parts = new string[BucketMaxTicks.Length + 1];
        string overlap = $"({t}.span_end > @ws OR ({t}.span_end = {t}.span_start AND {t}.span_start >= @ws))";
        for (int i = 0; i < BucketMaxTicks.Length; i++)
        {
            parts[i] = FormattableString.Invariant($"{head}{t}.bucket = {i} AND {t}.span_start >= @lo{i} AND {t}.span_start < @we AND {overlap}");
        }
        parts[^1] = FormattableString.Invariant($"{head}{t}.bucket = {OpenBucket} AND {t}.span_start < @we AND ({t}.span_end IS NULL OR {overlap})");
        return string.Join("\nUNION ALL\n", parts);
    }
}
