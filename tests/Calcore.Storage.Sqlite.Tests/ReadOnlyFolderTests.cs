using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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

/// <summary>A database in a folder the reading process cannot write, opened with <see cref="SqliteStorageOptions.ReadOnly"/>
/// by another user: the reader is the TestHost run as <c>nobody</c> (through <c>setpriv</c>) when the tests run as
/// root, as they do in CI, since root writes anywhere; a developer who is not root runs it directly.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFolderTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Only a guard against a hang: a reader normally answers within seconds.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    private static readonly UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static readonly UnixFileMode ReadAndTraverseOnly = UnixFileMode.UserRead | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static readonly UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string _root = CreateRoot();

    public void Dispose()
    {
        foreach (string folder in Directory.EnumerateDirectories(_root, "*", SearchOption.AllDirectories).Prepend(_root))
        {
            File.SetUnixFileMode(folder, Traversable);
        }
        TempFolder.Delete(_root);
    }

    [Fact]
    public async Task A_read_only_storage_reads_a_cleanly_closed_database_in_a_folder_it_cannot_write_and_refuses_writes()
    {
        string db = Path.Combine(Folder("closed"), "calendar.db");
        using (var writer = new SqliteStorage(db))
        {
            await SeedAsync(writer);
        }
        SqliteConnection.ClearAllPools();
        File.Exists(db + "-wal").Should().BeFalse("a clean close checkpoints and removes the -wal file: SQLite cannot create it in the read-only folder");
        File.Exists(db + "-shm").Should().BeFalse();
        IReadOnlyList<string> expected = await ExpectedLinesAsync(db);

        Dictionary<string, string> before = LockFolder(db);
        (List<string> lines, int exitCode, string errors) = await RunReaderAsync(db);

        exitCode.Should().Be(0, errors);
        lines.Should().Equal([.. expected, "REFUSED ReadOnly"], "the reader sees every event and its write is refused (stderr: {0})", errors);
        Snapshot(Path.GetDirectoryName(db)!).Should().Equal(before, "the reader created, changed or removed no file");
    }

    [Fact]
    public async Task A_read_only_storage_reads_commits_still_in_the_WAL_of_an_open_writer_in_a_folder_it_cannot_write()
    {
        string db = Path.Combine(Folder("open-writer"), "calendar.db");
        using var writer = new SqliteStorage(db);
        await SeedAsync(writer);
        new FileInfo(db + "-wal").Length.Should().BePositive("the writer's commits are in its -wal file, not yet checkpointed");
        IReadOnlyList<string> expected = await ExpectedLinesAsync(db);

        Dictionary<string, string> before = LockFolder(db);
        (List<string> lines, int exitCode, string errors) = await RunReaderAsync(db);

        exitCode.Should().Be(0, errors);
        lines.Should().Equal([.. expected, "REFUSED ReadOnly"], "the reader sees the commits in the WAL and its write is refused (stderr: {0})", errors);
        Snapshot(Path.GetDirectoryName(db)!).Should().Equal(before, "the reader created, changed or removed no file");
    }

    [Fact]
    public async Task A_read_only_storage_refuses_a_WAL_with_commits_but_no_shared_memory_file_in_a_folder_it_cannot_write()
    {
        // The main file alone lacks the commits in the -wal file; without the -shm file SQLite cannot read them in a
        // folder it cannot write, and an immutable open would silently miss them: the open is refused instead.
        string source = Path.Combine(Folder("source"), "calendar.db");
        string db = Path.Combine(Folder("copied"), "calendar.db");
        using (var writer = new SqliteStorage(source))
        {
            await SeedAsync(writer);
            File.Copy(source, db);
            File.Copy(source + "-wal", db + "-wal");
        }
        new FileInfo(db + "-wal").Length.Should().BePositive();

        Dictionary<string, string> before = LockFolder(db);
        (List<string> lines, int exitCode, string errors) = await RunReaderAsync(db);

        lines.Should().Equal(["OPEN-FAILED ReadOnly"], errors);
        exitCode.Should().Be(1);
        Snapshot(Path.GetDirectoryName(db)!).Should().Equal(before, "the reader created, changed or removed no file");
    }

    [Fact]
    public async Task A_read_only_storage_opened_immutable_refuses_to_read_once_another_process_changed_the_file()
    {
        // In process, as root: the immutable attribute (chattr +i) on the folder binds root too, so SQLite cannot create
        // the -wal file there and the storage opens the file immutable; then the file changes under it.
        string folder = Folder("immutable-folder");
        string db = Path.Combine(folder, "calendar.db");
        using (var writer = new SqliteStorage(db))
        {
            await SeedAsync(writer);
        }
        SqliteConnection.ClearAllPools();
        if (!Immutable.Set(folder))
        {
            Environment.GetEnvironmentVariable("CI").Should().NotBe("true", "CI runs this test (chattr +i must work there)");
            output.WriteLine("chattr +i is not available here: the change detection of an immutable open is not tested.");
            return;
        }
        try
        {
            using var reader = new SqliteStorage(db, new SqliteStorageOptions { ReadOnly = true });
            (await reader.FindEventAsync(new EventId("first"), default)).Should().NotBeNull();
            File.Exists(db + "-wal").Should().BeFalse("an immutable open creates no -wal file");

            File.SetLastWriteTimeUtc(db, File.GetLastWriteTimeUtc(db).AddSeconds(1));

            Func<Task> read = async () => await reader.FindEventAsync(new EventId("first"), default);
            CalcoreStorageException ex = (await read.Should().ThrowAsync<CalcoreStorageException>()).Which;
            ex.Code.Should().Be(StorageErrorCode.Unavailable, ex.Message);
            ex.Message.Should().Contain(db).And.Contain("changed");
            using var reopened = new SqliteStorage(db, new SqliteStorageOptions { ReadOnly = true });
            (await reopened.QueryEventsAsync(new EventQuery(), default)).Should().HaveCount(3, "a storage opened again reads the file");
        }
        finally
        {
            Immutable.Clear(folder);
        }
    }

    private static async Task SeedAsync(SqliteStorage storage)
    {
        CalendarEvent first = Event("first", Utc(2, 10), Duration.FromHours(1), "alice", "bob");
        CalendarEvent second = Event("second", Utc(3, 9), Duration.FromMinutes(30), "bob");
        CalendarEvent third = Event("third", Utc(4, 14), Duration.FromHours(2));
        IStorageTransaction tx = await storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            foreach (CalendarEvent e in new[] { first, second, third })
            {
                await tx.InsertEventAsync(e, SpanOf(e), default);
            }
            await tx.CommitAsync(default);
        }
        CalendarEvent updated = NextVersion(second, "carol");
        tx = await storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await tx.ReplaceEventAsync(updated, SpanOf(updated), second.Version, default)).Should().BeTrue();
            await tx.CommitAsync(default);
        }
    }

    /// <summary>The lines the TestHost's <c>read</c> command prints for the events this process reads from the file.</summary>
    private static async Task<IReadOnlyList<string>> ExpectedLinesAsync(string db)
    {
        using var storage = new SqliteStorage(db);
        IReadOnlyList<CalendarEvent> events = await storage.QueryEventsAsync(new EventQuery(), default);
        events.Should().HaveCount(3);
        return [.. events.OrderBy(e => e.Id.Value, StringComparer.Ordinal).Select(e => FormattableString.Invariant($"E {e.Id} {e.Version} {e.Title}"))];
    }

    /// <summary>Takes write permission away from the database's folder and files (the reader may still read them);
    /// returns the folder's files and their hashes.</summary>
    private static Dictionary<string, string> LockFolder(string db)
    {
        string folder = Path.GetDirectoryName(db)!;
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            File.SetUnixFileMode(file, Readable);
        }
        File.SetUnixFileMode(folder, ReadAndTraverseOnly);
        return Snapshot(folder);
    }

    private static Dictionary<string, string> Snapshot(string folder)
        => Directory.EnumerateFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    /// <summary>Runs the TestHost's <c>read</c> command on the file as a user that cannot write its folder.</summary>
    private async Task<(List<string> Lines, int ExitCode, string Errors)> RunReaderAsync(string db)
    {
        string host = CopyHost();
        string home = Path.Combine(_root, "home");
        Directory.CreateDirectory(home);
        File.SetUnixFileMode(home, Traversable | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        bool root = Environment.UserName == "root";
        List<string> commandLine = root
            ? ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "dotnet", host, "read", db]
            : ["dotnet", host, "read", db];
        output.WriteLine(string.Join(' ', commandLine));
        using ChildProcess reader = ChildProcess.StartCommand(commandLine, new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
        });
        var lines = new List<string>();
        while (await reader.ReadLineAsync(HangGuard) is { } line)
        {
            lines.Add(line);
        }
        (await reader.WaitForExitAsync(HangGuard)).Should().BeTrue("the reader ends (a hang guard, not a time budget)");
        output.WriteLine(string.Join(Environment.NewLine, lines));
        output.WriteLine(reader.Errors);
        return (lines, reader.ExitCode, reader.Errors);
    }

    /// <summary>Copies the TestHost's build output to a folder every user can read, since the build output may lie
    /// under a folder the unprivileged user cannot enter.</summary>
    private string CopyHost()
    {
        string source = Path.GetDirectoryName(ChildProcess.HostDll)!;
        string target = Path.Combine(_root, "host");
        if (!Directory.Exists(target))
        {
            foreach (string folder in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories).Prepend(source))
            {
                string copy = Path.Combine(target, Path.GetRelativePath(source, folder));
                Directory.CreateDirectory(copy);
                File.SetUnixFileMode(copy, Traversable);
                foreach (string file in Directory.EnumerateFiles(folder))
                {
                    string copied = Path.Combine(copy, Path.GetFileName(file));
                    File.Copy(file, copied);
                    File.SetUnixFileMode(copied, Readable | UnixFileMode.UserWrite);
                }
            }
        }
        return Path.Combine(target, Path.GetFileName(ChildProcess.HostDll));
    }

    private string Folder(string name)
    {
        string folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, Traversable);
        return folder;
    }

    /// <summary>A temporary folder every user can enter (a created temp subdirectory is private to its owner).</summary>
    private static string CreateRoot()
    {
        string root = Directory.CreateTempSubdirectory("calcore-readonly-").FullName;
        File.SetUnixFileMode(root, Traversable);
        return root;
    }
}
