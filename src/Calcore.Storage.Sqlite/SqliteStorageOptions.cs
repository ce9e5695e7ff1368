using System;
using NodaTime;

namespace Calcore.Storage.Sqlite;

/// <summary>How a <see cref="SqliteStorage"/> opens its database file.</summary>
/// <remarks>
/// <para>The defaults suit an application that keeps its calendar in one local file: a 5-second busy timeout,
/// <see cref="SqliteDurability.Normal"/> and read-write access.</para>
/// <para>This type is mutable and not thread-safe; the storage copies what it needs when it opens.</para>
/// </remarks>
public sealed class SqliteStorageOptions
{
    private Duration _busyTimeout = Duration.FromSeconds(5);
    private int _snapshotCacheSize = 200_000;

    /// <summary>Gets or sets how long a write waits for another connection or process to finish its write
    /// transaction before failing with <see cref="StorageErrorCode.Timeout"/>; 5 seconds by default.</summary>
    /// <remarks>The wait within one process is exact; across processes the driver (Microsoft.Data.Sqlite) retries in
    /// whole seconds, so a timeout below one second waits about one second.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value or to more than one day.</exception>
    public Duration BusyTimeout
    {
        get => _busyTimeout;
        set
        {
            if (value < Duration.Zero || value > Duration.FromDays(1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The busy timeout must be between zero and one day.");
            }
            _busyTimeout = value;
        }
    }

    /// <summary>Gets or sets how hard a commit pushes its data to the disk; <see cref="SqliteDurability.Normal"/> by default.</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Normal;

    /// <summary>Gets or sets a value indicating whether the file is opened read-only: reads work, every write fails
    /// with <see cref="StorageErrorCode.ReadOnly"/>, and a file without the Calcore schema is refused.</summary>
    /// <remarks>
    /// <para>A read-only storage never writes the database file. It opens it with SQLite's read-only flag and, like any
    /// reader of a WAL database, uses the <c>-wal</c> and <c>-shm</c> files beside it: it then sees every commit,
    /// including those another process makes while it is open. When those files exist but cannot be written (another
    /// user's writer is open), SQLite reads the <c>-wal</c> file with a private copy of the shared-memory index.</para>
    /// <para>In a folder this process cannot write, SQLite can neither create those files nor, therefore, open a WAL
    /// database without them. When the file was closed cleanly (the last connection checkpointed it and removed its
    /// <c>-wal</c> file, or the <c>-wal</c> file is empty), the main file holds every commit, and the storage opens it
    /// immutable instead (SQLite's <c>immutable=1</c>: no locks, no <c>-wal</c> or <c>-shm</c> file). It then reads the
    /// file as it was when opened and does not see later writes: before and after each read it checks the file's
    /// length and last write time and the <c>-wal</c> file, and once another process has changed them it fails with
    /// <see cref="StorageErrorCode.Unavailable"/> instead of reading (open the storage again to read the new state).
    /// A <c>-wal</c> file that holds commits but cannot be read without a <c>-shm</c> file is refused on open with
    /// <see cref="StorageErrorCode.ReadOnly"/>: reading the main file alone would silently miss those commits; opening
    /// the database once with write access checkpoints it.</para>
    /// </remarks>
    public bool ReadOnly { get; set; }

    /// <summary>Gets or sets how many parsed event snapshots the storage keeps in memory; 200,000 by default, 0 for none.</summary>
    /// <remarks>A read finds each row's snapshot in this cache by the row's key and write stamp, so an event read
    /// again is not parsed again; a row another connection or process has rewritten since has a new stamp and is
    /// parsed afresh. When the cache is full it starts over. Each entry holds one event's snapshot (typically 1–2 KB of
    /// managed memory), so the default can take a few hundred megabytes on a calendar of millions of events; lower it
    /// to trade read speed for memory.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public int SnapshotCacheSize
    {
        get => _snapshotCacheSize;
        set
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The snapshot cache size must not be negative.");
            }
            _snapshotCacheSize = value;
        }
    }
}
