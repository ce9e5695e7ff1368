using System.Collections.Generic;
using Calcore.Storage;
using Calcore.Storage.Sqlite;

namespace Calcore.Benchmarks.Storage.Sqlite;

/// <summary>The SQLite provider: the data set is a cached file (see <see cref="StorageDataset.CachedSqliteFile"/>); writers get a private copy.</summary>
public sealed class SqliteBenchmarkProvider : IStorageProvider
{
    private readonly List<string> _files = [];

    public IStorage CreateEmpty() => new SqliteStorage(Track(StorageDataset.NewSqliteFile()));

    public IStorage OpenLoaded(bool writable) => new SqliteStorage(writable ? Track(StorageDataset.WritableCopy()) : StorageDataset.CachedSqliteFile());

    public void Cleanup()
    {
        foreach (string f in _files)
        {
            StorageDataset.DeleteSqliteFile(f);
        }
        _files.Clear();
    }

    private string Track(string path)
    {
        _files.Add(path);
        return path;
    }
}

/// <inheritdoc/>
public class SqliteExpandedWeek : ExpandedWeekBenchmarkBase
{
    protected override IStorageProvider Provider { get; } = new SqliteBenchmarkProvider();
}

/// <inheritdoc/>
public class SqliteInsert : InsertBenchmarkBase
{
    protected override IStorageProvider Provider { get; } = new SqliteBenchmarkProvider();
}

/// <inheritdoc/>
public class SqliteAcceptIfPossible : AcceptIfPossibleBenchmarkBase
{
    protected override IStorageProvider Provider { get; } = new SqliteBenchmarkProvider();
}
