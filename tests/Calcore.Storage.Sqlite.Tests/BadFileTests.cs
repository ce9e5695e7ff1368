using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Calcore.Events;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit;
using Xunit.Abstractions;
using static Calcore.Storage.Specification.Tests.Snapshots;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>Files that cannot be used: each a typed <see cref="CalcoreStorageException"/> naming the path, and the file left as it was.</summary>
public sealed class BadFileTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = TempFolder.Create("bad");

    public void Dispose()
    {
        Immutable.Clear(_folder);
        TempFolder.Delete(_folder);
    }

    [Fact]
    public void A_text_file_is_refused_as_corrupt_and_left_untouched()
    {
        string path = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(path, string.Concat(System.Linq.Enumerable.Repeat("These are my notes, not a database.\n", 200)));
        string before = Hash(path);
        CalcoreStorageException ex = OpenFails(path, StorageErrorCode.Corrupt);
        ex.InnerException.Should().BeOfType<SqliteException>();
        Hash(path).Should().Be(before);
    }

    [Fact]
    public void A_database_of_a_newer_schema_is_refused_and_left_untouched()
    {
        string path = Path.Combine(_folder, "newer.db");
        int newer = SqliteStorage.SchemaVersion + 1;
        Raw(path, $"CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES ({newer}); CREATE TABLE events_v{newer} (id TEXT);");
        string before = Hash(path);
        CalcoreStorageException ex = OpenFails(path, StorageErrorCode.SchemaTooNew);
        ex.Message.Should().Contain($"schema version {newer}");
        Hash(path).Should().Be(before);
        File.Exists(path + "-wal").Should().BeFalse("the journal mode was not switched");
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(-2147483649L)]
    [InlineData(long.MinValue)]
    public void A_database_with_a_negative_schema_version_is_refused_as_corrupt_naming_the_version(long version)
    {
        string path = Path.Combine(_folder, "negative.db");
        string text = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Raw(path, $"CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES ({text});");
        string before = Hash(path);
        CalcoreStorageException ex = OpenFails(path, StorageErrorCode.Corrupt);
        ex.Message.Should().Contain($"schema version {text}");
        Hash(path).Should().Be(before);
        OpenFails(path, StorageErrorCode.Corrupt, new SqliteStorageOptions { ReadOnly = true }).Message.Should().Contain($"schema version {text}");
    }

    [Theory]
    [InlineData("0", "schema version 0")]
    [InlineData("'2'", "not an integer (SQLite type text, value '2')")]
    [InlineData("1.5", "not an integer (SQLite type real, value '1.5')")]
    [InlineData("NULL", "not an integer (SQLite type null")]
    public void A_database_whose_schema_version_is_not_a_version_is_refused_as_corrupt(string value, string named)
    {
        string path = Path.Combine(_folder, "odd.db");
        Raw(path, $"CREATE TABLE schema_version (version); INSERT INTO schema_version VALUES ({value}); CREATE TABLE events (id TEXT);");
        string before = Hash(path);
        OpenFails(path, StorageErrorCode.Corrupt).Message.Should().Contain(named);
        Hash(path).Should().Be(before);
    }

    /// <summary>Calcore writes the table and its one row in one transaction, so an empty table was not written by it: it
    /// is refused rather than read as version 0, which would create the tables again over what the file holds (or, with
    /// the table alone, over nothing; a file with no tables at all is a new storage).</summary>
    [Theory]
    [InlineData("CREATE TABLE events (id TEXT); INSERT INTO events VALUES ('kept');")]
    [InlineData("")]
    public void A_database_with_an_empty_schema_version_table_is_refused_as_corrupt_and_left_untouched(string more)
    {
        string path = Path.Combine(_folder, "empty-version.db");
        Raw(path, "CREATE TABLE schema_version (version INTEGER NOT NULL); " + more);
        string before = Hash(path);
        OpenFails(path, StorageErrorCode.Corrupt).Message.Should().Contain("schema_version table has no row");
        Hash(path).Should().Be(before);
        OpenFails(path, StorageErrorCode.Corrupt, new SqliteStorageOptions { ReadOnly = true });
        Hash(path).Should().Be(before);
    }

    [Fact]
    public void A_database_with_two_schema_versions_is_refused_as_corrupt()
    {
        string path = Path.Combine(_folder, "two-versions.db");
        Raw(path, $"CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1), ({SqliteStorage.SchemaVersion});");
        string before = Hash(path);
        OpenFails(path, StorageErrorCode.Corrupt).Message.Should().Contain("more than one row");
        Hash(path).Should().Be(before);
    }

    [Fact]
    public async Task A_file_with_no_tables_is_a_new_storage()
    {
        string path = Path.Combine(_folder, "no-tables.db");
        Raw(path, "PRAGMA user_version = 7;");
        new FileInfo(path).Length.Should().BeGreaterThan(0, "the file is a SQLite database, with a header and no tables");
        using var storage = new SqliteStorage(path);
        (await storage.QueryEventsAsync(new EventQuery(), default)).Should().BeEmpty();
    }

    [Fact]
    public void Another_applications_database_is_refused_and_left_untouched()
    {
        string path = Path.Combine(_folder, "other.db");
        Raw(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada');");
        string before = Hash(path);
        OpenFails(path, StorageErrorCode.Corrupt).Message.Should().Contain("not a Calcore storage");
        Hash(path).Should().Be(before);
    }

    [Fact]
    public void A_path_in_a_missing_folder_is_unavailable()
    {
        OpenFails(Path.Combine(_folder, "missing", "calendar.db"), StorageErrorCode.Unavailable);
    }

    [Fact]
    public void A_folder_path_is_unavailable()
    {
        string path = Path.Combine(_folder, "a-folder");
        Directory.CreateDirectory(path);
        OpenFails(path, StorageErrorCode.Unavailable);
    }

    [Fact]
    public async Task A_file_opened_read_only_reads_but_refuses_writes_and_is_left_untouched()
    {
        string path = Path.Combine(_folder, "ro.db");
        CalendarEvent e = Event("e", Utc(2, 10), Duration.FromHours(1), "alice");
        await SeedAsync(path, e);
        string before = Hash(path);
        using var storage = new SqliteStorage(path, new SqliteStorageOptions { ReadOnly = true });
        (await storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(e);
        await WriteFails(storage, path, StorageErrorCode.ReadOnly);
        Hash(path).Should().Be(before);
    }

    [Fact]
    public void An_empty_file_opened_read_only_cannot_be_migrated()
    {
        string path = Path.Combine(_folder, "empty.db");
        File.WriteAllBytes(path, []);
        OpenFails(path, StorageErrorCode.ReadOnly, new SqliteStorageOptions { ReadOnly = true });
        new FileInfo(path).Length.Should().Be(0);
    }

    [Fact]
    public async Task An_immutable_file_refuses_writes_with_ReadOnly()
    {
        // Tests run as root, which ignores permission bits; the immutable attribute (chattr +i) binds root too.
        string path = Path.Combine(_folder, "immutable.db");
        CalendarEvent e = Event("e", Utc(2, 10), Duration.FromHours(1), "alice");
        await SeedAsync(path, e);
        string before = Hash(path);
        if (!Immutable.Set(path))
        {
            output.WriteLine("chattr +i is not available here: the read-only-file case is covered only by SqliteStorageOptions.ReadOnly.");
            return;
        }
        try
        {
            CalcoreStorageException ex;
            try
            {
                using var storage = new SqliteStorage(path);
                output.WriteLine("opened; writing");
                ex = await WriteFails(storage, path, StorageErrorCode.ReadOnly);
            }
            catch (CalcoreStorageException open)
            {
                output.WriteLine("refused on open: " + open.Message);
                ex = open;
            }
            ex.Code.Should().BeOneOf(StorageErrorCode.ReadOnly);
            ex.Message.Should().Contain(path);
        }
        finally
        {
            Immutable.Clear(path);
        }
        Hash(path).Should().Be(before);
    }

    [Fact]
    public void A_new_file_in_an_immutable_folder_is_refused_with_ReadOnly()
    {
        string folder = Path.Combine(_folder, "locked-folder");
        Directory.CreateDirectory(folder);
        if (!Immutable.Set(folder))
        {
            output.WriteLine("chattr +i is not available here: the read-only-folder case is untested.");
            return;
        }
        try
        {
            OpenFails(Path.Combine(folder, "calendar.db"), StorageErrorCode.ReadOnly);
            Directory.GetFiles(folder).Should().BeEmpty();
        }
        finally
        {
            Immutable.Clear(folder);
        }
    }

    [Fact]
    public async Task A_database_locked_past_the_busy_timeout_fails_with_Timeout()
    {
        string path = Path.Combine(_folder, "locked.db");
        CalendarEvent e = Event("e", Utc(2, 10), Duration.FromHours(1), "alice");
        await SeedAsync(path, e);
        string before = Hash(path);
        using var storage = new SqliteStorage(path, new SqliteStorageOptions { BusyTimeout = Duration.FromMilliseconds(200) });
        using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            holder.Open();
            using SqliteCommand begin = holder.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
            var clock = Stopwatch.StartNew();
            CalcoreStorageException ex = await WriteFails(storage, path, StorageErrorCode.Timeout);
            clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190), "the writer waited for the lock");
            // Which timeout applies is read from the connection, not inferred from the elapsed time (which a busy
            // machine can stretch by seconds): SQLite waits its busy_timeout, the driver retries up to its command timeout.
            Internal.PooledConnection connection = storage.Rent();
            try
            {
                using SqliteCommand pragma = connection.Connection.CreateCommand();
                pragma.CommandText = "PRAGMA busy_timeout";
                Convert.ToInt64(pragma.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(200, "the configured timeout, not the default 5 s");
                connection.Command("SELECT 1").CommandTimeout.Should().Be(1, "the driver retries for the timeout rounded up to whole seconds");
            }
            finally
            {
                storage.Return(connection);
            }
            ex.InnerException.Should().BeOfType<SqliteException>();
            (await storage.FindEventAsync(e.Id, default)).Should().NotBeNull("readers do not wait for a writer in WAL mode");
        }
        Hash(path).Should().Be(before);
        // Once the lock is gone, writes work again.
        CalendarEvent other = Event("other", Utc(3, 10), Duration.FromHours(1));
        IStorageTransaction tx = await storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            await tx.InsertEventAsync(other, SpanOf(other), default);
            await tx.CommitAsync(default);
        }
    }

    [Fact]
    public async Task A_disposed_storage_fails_with_Disposed()
    {
        var storage = new SqliteStorage(Path.Combine(_folder, "disposed.db"));
        storage.Dispose();
        Func<Task> find = async () => await storage.FindEventAsync(new EventId("x"), default);
        (await find.Should().ThrowAsync<CalcoreStorageException>()).Which.Code.Should().Be(StorageErrorCode.Disposed);
        Func<Task> begin = async () => await storage.BeginTransactionAsync([], default);
        (await begin.Should().ThrowAsync<CalcoreStorageException>()).Which.Code.Should().Be(StorageErrorCode.Disposed);
    }

    private static CalcoreStorageException OpenFails(string path, StorageErrorCode code, SqliteStorageOptions? options = null)
    {
        Action open = () => new SqliteStorage(path, options).Dispose();
        CalcoreStorageException ex = open.Should().Throw<CalcoreStorageException>().Which;
        ex.Code.Should().Be(code, ex.Message);
        ex.Message.Should().Contain(path);
        return ex;
    }

    private static async Task<CalcoreStorageException> WriteFails(SqliteStorage storage, string path, StorageErrorCode code)
    {
        Func<Task> write = async () =>
        {
            IStorageTransaction tx = await storage.BeginTransactionAsync([], default);
            await using (tx)
            {
                CalendarEvent e = Event("written", Utc(4, 10), Duration.FromHours(1), "bob");
                await tx.InsertEventAsync(e, SpanOf(e), default);
                await tx.CommitAsync(default);
            }
        };
        CalcoreStorageException ex = (await write.Should().ThrowAsync<CalcoreStorageException>()).Which;
        ex.Code.Should().Be(code, ex.Message);
        ex.Message.Should().Contain(path);
        return ex;
    }

    private static async Task SeedAsync(string path, CalendarEvent e)
    {
        using (var storage = new SqliteStorage(path))
        {
            IStorageTransaction tx = await storage.BeginTransactionAsync([], default);
            await using (tx)
            {
                await tx.InsertEventAsync(e, SpanOf(e), default);
                await tx.CommitAsync(default);
            }
        }
        SqliteConnection.ClearAllPools();
    }

    private static void Raw(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Hash(string path)
    {
        SqliteConnection.ClearAllPools();
        return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
    }
}

/// <summary>The Linux immutable attribute (<c>chattr +i</c>), which makes a file or folder read-only even for root.</summary>
internal static class Immutable
{
    internal static bool Set(string path) => Run("+i", path);

    internal static void Clear(string path)
    {
        if (Directory.Exists(path))
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories))
            {
                Run("-i", entry);
            }
        }
        Run("-i", path);
    }

    private static bool Run(string flag, string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr") { ArgumentList = { flag, path }, RedirectStandardError = true, UseShellExecute = false });
            if (process is null)
            {
                return false;
            }
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
