using System;
using System.IO;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Storage.Specification.Tests;
using Microsoft.Data.Sqlite;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>Creates a new database file in a temporary folder for every test; deletes the folder at the end.</summary>
public sealed class SqliteStorageFixture : StorageFixtureBase
{
    private int _next;

    public string Folder { get; } = TempFolder.Create("spec");

    public override Task<IStorage> CreateStorageAsync()
        => Task.FromResult<IStorage>(Track(new SqliteStorage(System.IO.Path.Combine(Folder, $"{Interlocked.Increment(ref _next)}.db"), Options())));

    public override Task<IStorage?> OpenSecondStorageAsync(IStorage storage)
        => Task.FromResult<IStorage?>(Track(new SqliteStorage(((SqliteStorage)storage).Path, Options())));

    /// <summary>A busy timeout far above the default 5 s: the contract tests check that writers wait for each other, not
    /// how long they may wait, and on a busy machine a test holding the write lock can be kept from running for seconds
    /// (the timeout itself is tested in BadFileTests).</summary>
    private static SqliteStorageOptions Options() => new() { BusyTimeout = NodaTime.Duration.FromMinutes(5) };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        TempFolder.Delete(Folder);
    }
}

public sealed class SqliteEventStorageTests(SqliteStorageFixture fixture) : EventStorageTestBase<SqliteStorageFixture>(fixture);

public sealed class SqliteQueryStorageTests(SqliteStorageFixture fixture) : QueryStorageTestBase<SqliteStorageFixture>(fixture);

public sealed class SqliteRecurrenceStorageTests(SqliteStorageFixture fixture) : RecurrenceStorageTestBase<SqliteStorageFixture>(fixture);

public sealed class SqliteConcurrencyStorageTests(SqliteStorageFixture fixture) : ConcurrencyStorageTestBase<SqliteStorageFixture>(fixture);

public sealed class SqliteAttendeeDirectoryStorageTests(SqliteStorageFixture fixture) : AttendeeDirectoryStorageTestBase<SqliteStorageFixture>(fixture);

public sealed class SqliteStorageComplianceTests : StorageComplianceTestBase
{
    protected override Assembly TargetAssembly => typeof(SqliteStorageComplianceTests).Assembly;
}

/// <summary>Temporary folders for database files.</summary>
public static class TempFolder
{
    public static string Create(string name)
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "calcore-sqlite-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open elsewhere is left in the temp folder.
        }
    }
}
