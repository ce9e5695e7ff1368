using System;
using System.IO;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>What is particular to the SQLite file: it persists, it is in WAL mode with a schema version, and the builder extension.</summary>
public sealed class SqliteStorageTests : IDisposable
{
    private readonly string _folder = TempFolder.Create("sqlite");

    public void Dispose() => TempFolder.Delete(_folder);

    [Fact]
    public async Task Events_survive_closing_and_reopening_the_file()
    {
        string path = Path.Combine(_folder, "calendar.db");
        EventId id;
        await using (StorageManager manager = StorageManager.CreateBuilder().UseSqlite(path).Build())
        {
            id = (await manager.CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), DateTimeZone.Utc, Duration.FromHours(1)))
            {
                Title = "Kept",
                OrganizerId = new AttendeeId("alice"),
            })).Id;
        }
        await using (StorageManager manager = StorageManager.CreateBuilder().UseSqlite(path, new SqliteStorageOptions { Durability = SqliteDurability.Full }).Build())
        {
            (await manager.GetEventAsync(id)).Title.Should().Be("Kept");
            (await manager.GetEventsAsync(new EventListQuery(new Interval(null, null)) { Attendee = new AttendeeId("alice") })).Should().ContainSingle();
        }
    }

    [Fact]
    public void A_new_file_is_in_WAL_mode_at_the_current_schema_version()
    {
        string path = Path.Combine(_folder, "new.db");
        new SqliteStorage(path).Dispose();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        command.ExecuteScalar().Should().Be("wal");
        command.CommandText = "SELECT version FROM schema_version";
        command.ExecuteScalar().Should().Be((long)SqliteStorage.SchemaVersion);
    }

    [Fact]
    public async Task Two_storages_on_one_file_see_each_others_commits()
    {
        string path = Path.Combine(_folder, "shared.db");
        using var first = new SqliteStorage(path);
        using var second = new SqliteStorage(path);
        var e = Specification.Tests.Snapshots.Event("e", Specification.Tests.Snapshots.Utc(2, 10), Duration.FromHours(1), "alice");
        IStorageTransaction tx = await first.BeginTransactionAsync([], default);
        await using (tx)
        {
            await tx.InsertEventAsync(e, Specification.Tests.Snapshots.SpanOf(e), default);
            (await second.FindEventAsync(e.Id, default)).Should().BeNull();
            await tx.CommitAsync(default);
        }
        (await second.FindEventAsync(e.Id, default)).Should().NotBeNull();
    }

    [Fact]
    public void Options_reject_out_of_range_timeouts_and_bad_paths()
    {
        var options = new SqliteStorageOptions();
        Action negative = () => options.BusyTimeout = Duration.FromSeconds(-1);
        negative.Should().Throw<ArgumentOutOfRangeException>();
        Action empty = () => _ = new SqliteStorage("");
        empty.Should().Throw<ArgumentException>();
        Action nullPath = () => StorageManager.CreateBuilder().UseSqlite(null!);
        nullPath.Should().Throw<ArgumentNullException>();
    }
}
