using System;
using System.IO;
using System.Threading.Tasks;
using Calcore.Events;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit;
using static Calcore.Storage.Specification.Tests.Snapshots;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>The parsed-snapshot cache is keyed by (seq, stamp): a storage never returns a snapshot another storage
/// (or process) has since replaced, nor the old snapshot of an id deleted and created anew at the same version.</summary>
public sealed class SnapshotCacheTests : IDisposable
{
    private readonly string _folder = TempFolder.Create("cache");

    public void Dispose() => TempFolder.Delete(_folder);

    [Fact]
    public async Task A_replacement_written_by_another_storage_is_read_not_the_cached_snapshot()
    {
        string path = Path.Combine(_folder, "shared.db");
        using var writer = new SqliteStorage(path);
        using var reader = new SqliteStorage(path);
        CalendarEvent first = Event("e", Utc(2, 10), Duration.FromHours(1), "alice", "bob");
        await Write(writer, async tx => await tx.InsertEventAsync(first, SpanOf(first), default));
        (await reader.FindEventAsync(first.Id, default)).ShouldBeSameSnapshot(first); // now cached by the reader
        (await reader.QueryEventsAsync(new EventQuery { Attendee = new("bob") }, default)).Should().ContainSingle();

        CalendarEvent second = NextVersion(first, "alice", "carol");
        await Write(writer, async tx => (await tx.ReplaceEventAsync(second, SpanOf(second), 1, default)).Should().BeTrue());

        (await reader.FindEventAsync(first.Id, default)).ShouldBeSameSnapshot(second);
        (await reader.QueryEventsAsync(new EventQuery { Attendee = new("bob") }, default)).Should().BeEmpty();
        (await reader.QueryEventsAsync(new EventQuery { Attendee = new("carol") }, default)).Should().ContainSingle().Which.ShouldBeSameSnapshot(second);
    }

    [Fact]
    public async Task An_id_deleted_and_created_anew_at_the_same_version_reads_the_new_snapshot()
    {
        string path = Path.Combine(_folder, "recreated.db");
        using var writer = new SqliteStorage(path);
        using var reader = new SqliteStorage(path);
        CalendarEvent old = Event("e", Utc(2, 10), Duration.FromHours(1), "alice");
        await Write(writer, async tx => await tx.InsertEventAsync(old, SpanOf(old), default));
        long seq = Seq(path, "e");
        (await reader.FindEventAsync(old.Id, default)).ShouldBeSameSnapshot(old);
        (await writer.FindEventAsync(old.Id, default)).ShouldBeSameSnapshot(old);

        CalendarEvent recreated = Event("e", Utc(3, 14), Duration.FromHours(2), "dave");
        recreated.Version.Should().Be(old.Version, "the point is a new snapshot at the same version");
        await Write(writer, async tx =>
        {
            (await tx.DeleteEventAsync(old.Id, 1, default)).Should().BeTrue();
            await tx.InsertEventAsync(recreated, SpanOf(recreated), default);
        });
        Seq(path, "e").Should().Be(seq, "SQLite reuses the highest seq after a delete, so only the stamp tells the rows apart");

        (await reader.FindEventAsync(old.Id, default)).ShouldBeSameSnapshot(recreated);
        (await writer.FindEventAsync(old.Id, default)).ShouldBeSameSnapshot(recreated);
        (await reader.QueryEventsAsync(new EventQuery { Attendee = new("alice") }, default)).Should().BeEmpty();
        (await reader.QueryEventsAsync(new EventQuery { Organizer = new("dave") }, default)).Should().ContainSingle().Which.ShouldBeSameSnapshot(recreated);
    }

    [Fact]
    public async Task Every_write_stores_a_new_stamp()
    {
        string path = Path.Combine(_folder, "stamps.db");
        using var storage = new SqliteStorage(path);
        CalendarEvent e = Event("e", Utc(2, 10), Duration.FromHours(1), "alice");
        await Write(storage, async tx => await tx.InsertEventAsync(e, SpanOf(e), default));
        long inserted = Stamp(path, "e");
        CalendarEvent next = NextVersion(e);
        await Write(storage, async tx => (await tx.ReplaceEventAsync(next, SpanOf(next), 1, default)).Should().BeTrue());
        Stamp(path, "e").Should().NotBe(inserted);
    }

    private static async Task Write(SqliteStorage storage, Func<IStorageTransaction, Task> body)
    {
        IStorageTransaction tx = await storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            await body(tx);
            await tx.CommitAsync(default);
        }
    }

    private static long Seq(string path, string id) => Column(path, "seq", id);

    private static long Stamp(string path, string id) => Column(path, "stamp", id);

    private static long Column(string path, string column, string id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM events WHERE id = @id";
        command.Parameters.AddWithValue("@id", id);
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_storage_with_the_default_options_returns_the_cached_snapshot_when_nothing_changed()
    {
        string path = Path.Combine(_folder, "cached.db");
        using var storage = new SqliteStorage(path);
        storage.SnapshotCacheSize.Should().Be(200_000);
        CalendarEvent e = Event("e", Utc(2, 10), Duration.FromHours(1), "alice");
        await Write(storage, async tx => await tx.InsertEventAsync(e, SpanOf(e), default));

        CalendarEvent? first = await storage.FindEventAsync(e.Id, default);
        CalendarEvent? second = await storage.FindEventAsync(e.Id, default);

        second.Should().BeSameAs(first);
    }

    [Fact]
    public async Task A_cache_size_of_zero_parses_every_read_afresh()
    {
        string path = Path.Combine(_folder, "uncached.db");
        using var storage = new SqliteStorage(path, new SqliteStorageOptions { SnapshotCacheSize = 0 });
        CalendarEvent e = Event("e", Utc(2, 10), Duration.FromHours(1), "alice");
        await Write(storage, async tx => await tx.InsertEventAsync(e, SpanOf(e), default));

        CalendarEvent? first = await storage.FindEventAsync(e.Id, default);
        CalendarEvent? second = (await storage.QueryEventsAsync(new EventQuery { Attendee = new("alice") }, default)).Should().ContainSingle().Subject;

        second.Should().NotBeSameAs(first);
        first.ShouldBeSameSnapshot(e);
        second.ShouldBeSameSnapshot(e);
    }

    [Fact]
    public async Task A_full_cache_starts_over_and_still_returns_every_current_snapshot()
    {
        string path = Path.Combine(_folder, "small.db");
        using var storage = new SqliteStorage(path, new SqliteStorageOptions { SnapshotCacheSize = 2 });
        var events = new CalendarEvent[5];
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = Event("e" + i, Utc(2, 8 + i), Duration.FromHours(1), "alice");
        }
        await Write(storage, async tx =>
        {
            foreach (CalendarEvent e in events)
            {
                await tx.InsertEventAsync(e, SpanOf(e), default);
            }
        });

        for (int round = 0; round < 3; round++)
        {
            var found = await storage.QueryEventsAsync(new EventQuery { Attendee = new("alice") }, default);
            found.Should().HaveCount(events.Length);
            for (int i = 0; i < events.Length; i++)
            {
                found[i].ShouldBeSameSnapshot(events[i]);
            }
        }
    }

    [Fact]
    public void A_negative_cache_size_is_refused()
    {
        var options = new SqliteStorageOptions();
        Action set = () => options.SnapshotCacheSize = -1;
        set.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("value");
        options.SnapshotCacheSize.Should().Be(200_000);
    }
}
