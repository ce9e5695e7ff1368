using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Calcore.Storage.Sqlite;

/// <summary>Keeps events and the attendee directory in one SQLite database file: the file backend of Calcore.</summary>
/// <remarks>
/// <para>Opening creates the file when it is missing, switches it to WAL, and runs forward schema migrations; a file
/// that is not a SQLite database, or not a Calcore one, is refused with <see cref="StorageErrorCode.Corrupt"/>, and
/// one written by a newer schema with <see cref="StorageErrorCode.SchemaTooNew"/>, in both cases untouched.</para>
/// <para>Each read runs on its own pooled connection and sees the last committed state (WAL snapshot reads). Each
/// transaction runs on its own connection and starts with <c>BEGIN IMMEDIATE</c>, which takes the database's single
/// write lock: write transactions are serialized across threads and processes, so the reads a scheduler makes in a
/// transaction cannot be invalidated before it commits. Within a process, writers queue on an asynchronous lock
/// first, so they do not poll the file lock. A writer that cannot get the lock within
/// <see cref="SqliteStorageOptions.BusyTimeout"/> fails with <see cref="StorageErrorCode.Timeout"/>.</para>
/// <para>Failures surface as <see cref="CalcoreStorageException"/> whose message names the file and whose inner
/// exception is the <see cref="SqliteException"/>. See <c>docs/storage-providers.md</c> for the schema, the snapshot
/// format and the index design.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class SqliteStorage : IStorage, IAsyncDisposable, IDisposable
{
    /// <summary>Parsed snapshots by row (seq), with the stamp of the write they came from. Every insert and update
    /// writes a new random 64-bit stamp, so a row whose (seq, stamp) is cached is unchanged, whichever process or
    /// storage wrote it, and an id deleted and created anew (even at the same version, even reusing the seq) has
    /// another stamp: a hit needs no snapshot read at all.</summary>
    private readonly ConcurrentDictionary<long, (long Stamp, CalendarEvent Event)> _snapshots = new();

    /// <summary>Snapshots added since the cache last started over (an upper bound of its size: replacing an entry
    /// counts too), so that a miss does not take <see cref="ConcurrentDictionary{TKey, TValue}.Count"/>'s locks.</summary>
    private int _snapshotsAdded;

    /// <summary>The connection string; set once, while the constructor runs (a read-only open may switch to immutable).</summary>
    private string _connectionString;

    /// <summary>Set when the file was opened immutable (read-only, in a folder that cannot be written): the file as it
    /// was then, which every read checks before and after it runs.</summary>
    private FileStamp? _immutableStamp;
    private readonly string _pragmas;
    private readonly int _commandTimeoutSeconds;
    private const int MaxPooledConnections = 16;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConcurrentBag<PooledConnection> _pool = [];
    private int _disposed;

    /// <summary>Opens (or creates) a database file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">The options, or null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="CalcoreStorageException">The file cannot be opened (<see cref="StorageErrorCode.Unavailable"/>), is not a
    /// Calcore database (<see cref="StorageErrorCode.Corrupt"/>), was written by a newer version
    /// (<see cref="StorageErrorCode.SchemaTooNew"/>), needs a migration but cannot be written (<see cref="StorageErrorCode.ReadOnly"/>),
    /// or stayed locked (<see cref="StorageErrorCode.Timeout"/>).</exception>
    public SqliteStorage(string path, SqliteStorageOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new SqliteStorageOptions();
        Path = path;
        BusyTimeout = options.BusyTimeout;
        Durability = options.Durability;
        IsReadOnly = options.ReadOnly;
        SnapshotCacheSize = options.SnapshotCacheSize;
        _commandTimeoutSeconds = (int)Math.Max(1, Math.Ceiling(BusyTimeout.TotalSeconds));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = IsReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // the storage keeps its own pool of configured connections with prepared commands
            DefaultTimeout = _commandTimeoutSeconds,
        }.ToString();
        _pragmas = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {(Durability == SqliteDurability.Full ? "FULL" : "NORMAL")}; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456;");
        try
        {
            OpenAndMigrate();
        }
        catch (CalcoreStorageException ex) when (ex.Code == StorageErrorCode.Unavailable && ex.InnerException is SqliteException && IsReadOnlyLocation(path))
        {
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
            _writer.Dispose();
            throw new CalcoreStorageException(StorageErrorCode.ReadOnly,
                $"SQLite storage '{Path}': opening the database failed: the file or its folder cannot be written (SQLite needs to write the file and its -wal and -shm files beside it).",
                ex.InnerException);
        }
        catch
        {
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
            _writer.Dispose();
            throw;
        }
    }

    /// <summary>Gets the database file's path.</summary>
    public string Path { get; }

    /// <summary>Gets how long a writer waits for the write lock.</summary>
    public Duration BusyTimeout { get; }

    /// <summary>Gets the durability of commits.</summary>
    public SqliteDurability Durability { get; }

    /// <summary>Gets a value indicating whether the file was opened read-only.</summary>
    public bool IsReadOnly { get; }

    /// <summary>Gets how many parsed snapshots this storage keeps (see <see cref="SqliteStorageOptions.SnapshotCacheSize"/>).</summary>
    public int SnapshotCacheSize { get; }

    /// <summary>Gets the schema version of the file (the version this library writes once it is open).</summary>
    public static int SchemaVersion => Schema.CurrentVersion;

    /// <inheritdoc/>
    public ValueTask<CalendarEvent?> FindEventAsync(EventId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Run("reading an event", () =>
        {
            PooledConnection connection = Rent();
            try
            {
                return Find(connection, id);
            }
            finally
            {
                Return(connection);
            }
        }));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<CalendarEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Run("querying events", () =>
        {
            PooledConnection connection = Rent();
            try
            {
                return Query(connection, query);
            }
            finally
            {
                Return(connection);
            }
        }));
    }

    /// <inheritdoc/>
    public ValueTask<AttendeeRecord?> FindAttendeeAsync(AttendeeId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Run("reading an attendee", () =>
        {
            PooledConnection connection = Rent();
            try
            {
                return FindAttendee(connection, id);
            }
            finally
            {
                Return(connection);
            }
        }));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<AttendeeRecord>> GetAttendeesAsync(CalendarUserType? type, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Run("listing attendees", () =>
        {
            PooledConnection connection = Rent();
            try
            {
                return ListAttendees(connection, type);
            }
            finally
            {
                Return(connection);
            }
        }));
    }

    /// <inheritdoc/>
    /// <remarks>Every transaction takes the database's write lock (<c>BEGIN IMMEDIATE</c>), whatever attendees it names:
    /// stronger than the contract asks, and what SQLite offers.</remarks>
    public async ValueTask<IStorageTransaction> BeginTransactionAsync(IReadOnlyCollection<AttendeeId> lockedAttendees, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lockedAttendees);
        ThrowIfDisposed();
        if (!await _writer.WaitAsync(BusyTimeout.ToTimeSpan(), cancellationToken).ConfigureAwait(false))
        {
            throw new CalcoreStorageException(StorageErrorCode.Timeout,
                $"SQLite storage '{Path}': beginning a transaction failed: another transaction of this process held the write lock past the busy timeout ({BusyTimeout}).");
        }
        try
        {
            PooledConnection connection = Run("beginning a transaction", () =>
            {
                PooledConnection c = Rent();
                try
                {
                    c.Command("BEGIN IMMEDIATE").ExecuteNonQuery();
                    return c;
                }
                catch
                {
                    c.Dispose();
                    throw;
                }
            });
            return new Transaction(this, connection);
        }
        catch
        {
            _writer.Release();
            throw;
        }
    }

    /// <summary>Closes the storage: later calls fail with <see cref="StorageErrorCode.Disposed"/> and the pooled connections are closed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            DrainPool();
        }
    }

    /// <summary>Closes the storage, as <see cref="Dispose"/> does.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override string ToString() => $"SQLite storage '{Path}'";

    // ------------------------------------------------------------------------------------------------------
    // Opening and migrating
    // ------------------------------------------------------------------------------------------------------

    /// <summary>Tells a read-only file or folder apart from other reasons SQLite could not open a file (it reports both as CANTOPEN).</summary>
    private static bool IsReadOnlyLocation(string path)
    {
        try
        {
            string full = System.IO.Path.GetFullPath(path);
            if (System.IO.Directory.Exists(full))
            {
                return false;
            }
            if (System.IO.File.Exists(full))
            {
                using var file = new System.IO.FileStream(full, System.IO.FileMode.Open, System.IO.FileAccess.ReadWrite, System.IO.FileShare.ReadWrite);
                return false;
            }
            string? folder = System.IO.Path.GetDirectoryName(full);
            if (folder is null || !System.IO.Directory.Exists(folder))
            {
                return false;
            }
            string probe = System.IO.Path.Combine(folder, $".calcore-probe-{Guid.NewGuid():N}");
            using var created = new System.IO.FileStream(probe, System.IO.FileMode.CreateNew, System.IO.FileAccess.Write, System.IO.FileShare.None, 1, System.IO.FileOptions.DeleteOnClose);
            return false;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or System.IO.IOException)
        {
            return true;
        }
    }

    /// <summary>Migrates; a read-only open that SQLite refuses because it can create neither the -wal nor the -shm file
    /// beside a WAL database (a folder this process cannot write) opens the file immutable instead, when that is safe:
    /// no -wal file with commits in it, so that the main file holds every commit.</summary>
    private void OpenAndMigrate()
    {
        try
        {
            Migrate();
        }
        catch (CalcoreStorageException ex) when (IsReadOnly && ex.InnerException is SqliteException && FileStamp.CanOpenImmutable(Path))
        {
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
            _immutableStamp = FileStamp.Of(Path);
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = FileStamp.ImmutableUri(Path),
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
                DefaultTimeout = _commandTimeoutSeconds,
            }.ToString();
            Migrate();
        }
    }

    private void Migrate()
    {
        Run("opening the database", () =>
        {
            using SqliteConnection connection = OpenConnection();
            int version = ReadSchemaVersion(connection);
            if (version == Schema.CurrentVersion)
            {
                if (!IsReadOnly)
                {
                    EnsureWal(connection);
                }
                return 0;
            }
            if (IsReadOnly)
            {
                throw new CalcoreStorageException(StorageErrorCode.ReadOnly,
                    $"SQLite storage '{Path}': the file has schema version {version}, needs migrating to {Schema.CurrentVersion}, and was opened read-only.");
            }
            EnsureWal(connection);
            Execute(connection, "BEGIN IMMEDIATE");
            try
            {
                // Another process may have migrated while this one waited for the lock: read again under it.
                version = ReadSchemaVersion(connection);
                for (int v = version; v < Schema.CurrentVersion; v++)
                {
                    Execute(connection, Schema.Migrations[v]);
                }
                if (version < Schema.CurrentVersion)
                {
                    Execute(connection, "DELETE FROM schema_version");
                    Execute(connection, string.Create(CultureInfo.InvariantCulture, $"INSERT INTO schema_version (version) VALUES ({Schema.CurrentVersion})"));
                }
                Execute(connection, "COMMIT");
            }
            catch
            {
                Execute(connection, "ROLLBACK");
                throw;
            }
            return 0;
        });
    }

    /// <summary>Reads the schema version without writing: 0 for a database with no tables at all (a new file); refuses
    /// newer, foreign and damaged files.</summary>
    /// <remarks>Calcore creates the schema_version table and writes its one row in the transaction that creates the
    /// schema, and replaces the row in the transaction of each migration, so a Calcore file has exactly one integer row
    /// of at least 1. Anything else (no row, several rows, a value that is not an integer, zero or below) was not written
    /// by Calcore: it is refused as corrupt rather than read as a version, which could migrate or re-create tables over
    /// data that is there.</remarks>
    private int ReadSchemaVersion(SqliteConnection connection)
    {
        long objects = Scalar(connection, "SELECT count(*) FROM sqlite_master");
        long hasVersionTable = Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
        if (hasVersionTable == 0)
        {
            if (objects > 0)
            {
                throw SqliteErrors.Corrupt(Path, "the file is a SQLite database but not a Calcore storage (it has no schema_version table); it was left untouched.");
            }
            return 0;
        }
        var rows = new List<(string Type, object Value)>(2);
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = "SELECT typeof(version), version FROM schema_version LIMIT 2";
            command.CommandTimeout = _commandTimeoutSeconds;
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetValue(1)));
            }
        }
        if (rows.Count != 1)
        {
            throw SqliteErrors.Corrupt(Path, (rows.Count == 0 ? "the schema_version table has no row" : "the schema_version table has more than one row")
                + " where a Calcore storage has exactly one: the schema version is unknown; the file was left untouched.");
        }
        if (rows[0].Value is not long version)
        {
            throw SqliteErrors.Corrupt(Path, string.Create(CultureInfo.InvariantCulture,
                $"the schema version is not an integer (SQLite type {rows[0].Type}, value '{rows[0].Value}'); the file was left untouched."));
        }
        if (version > Schema.CurrentVersion)
        {
            throw new CalcoreStorageException(StorageErrorCode.SchemaTooNew,
                $"SQLite storage '{Path}': the file has schema version {version}, newer than the {Schema.CurrentVersion} this library knows; upgrade Calcore.Storage.Sqlite. The file was left untouched.");
        }
        if (version < 1)
        {
            throw SqliteErrors.Corrupt(Path, string.Create(CultureInfo.InvariantCulture,
                $"the file has schema version {version}, which no Calcore storage ever had (versions start at 1); it was left untouched."));
        }
        return (int)version;
    }

    private void EnsureWal(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        if (!string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            command.CommandText = "PRAGMA journal_mode = WAL";
            string? mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new CalcoreStorageException(StorageErrorCode.Unavailable, $"SQLite storage '{Path}': the file cannot use WAL journal mode (it reports '{mode}').");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Shared helpers (used by reads and by transactions)
    // ------------------------------------------------------------------------------------------------------

    /// <summary>Takes a configured connection from the pool, or opens one.</summary>
    internal PooledConnection Rent()
    {
        ThrowIfDisposed();
        return _pool.TryTake(out PooledConnection? pooled) ? pooled : new PooledConnection(OpenConnection(), _commandTimeoutSeconds);
    }

    /// <summary>Gives a connection back (outside any transaction), or closes it when the pool is full or the storage disposed.</summary>
    internal void Return(PooledConnection connection)
    {
        if (Volatile.Read(ref _disposed) != 0 || _pool.Count >= MaxPooledConnections)
        {
            connection.Dispose();
            return;
        }
        _pool.Add(connection);
        if (Volatile.Read(ref _disposed) != 0)
        {
            DrainPool();
        }
    }

    private void DrainPool()
    {
        while (_pool.TryTake(out PooledConnection? connection))
        {
            connection.Dispose();
        }
    }

    internal SqliteConnection OpenConnection()
    {
        ThrowIfDisposed();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, _pragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    internal T Run<T>(string action, Func<T> body)
    {
        if (_immutableStamp is null)
        {
            return RunChecked(action, body);
        }
        // Opened immutable: SQLite does not look for changes, so this storage does, before and after each read; a
        // changed file is refused rather than read (SQLite could return wrong rows or report corruption).
        _immutableStamp.ThrowIfChanged(Path, action);
        T result = RunChecked(action, body);
        _immutableStamp.ThrowIfChanged(Path, action);
        return result;
    }

    private T RunChecked<T>(string action, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Map(ex, Path, action);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw SqliteErrors.Corrupt(Path, $"{action} failed: a stored snapshot cannot be read ({ex.Message}).", ex);
        }
    }

    internal void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _commandTimeoutSeconds;
        command.ExecuteNonQuery();
    }

    private long Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _commandTimeoutSeconds;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    internal CalendarEvent? Find(PooledConnection connection, EventId id)
    {
        NativeStatement statement = connection.Statement(Schema.FindSql);
        try
        {
            statement.Bind("@id", id.Value);
            return statement.Step() ? ReadEvent(statement) : null;
        }
        finally
        {
            statement.Reset();
        }
    }

    /// <summary>The stored row of an id, for a write that replaces or deletes it: its seq, version, bucket and
    /// span start, and its snapshot (for the attendee rows to remove).</summary>
    internal (long Seq, long Version, int Bucket, long Start, CalendarEvent Event)? FindRow(PooledConnection connection, EventId id)
    {
        NativeStatement statement = connection.Statement(Schema.FindSql);
        try
        {
            statement.Bind("@id", id.Value);
            if (!statement.Step())
            {
                return null;
            }
            return (statement.Int64(0), statement.Int64(1), (int)statement.Int64(6), statement.Int64(3), ReadEvent(statement));
        }
        finally
        {
            statement.Reset();
        }
    }

    internal AttendeeRecord? FindAttendee(PooledConnection connection, AttendeeId id)
    {
        SqliteCommand command = connection.Command(AttendeeRows.FindSql);
        command.Parameters.AddWithValue("@id", id.Value);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ReadAttendee(reader) : null;
    }

    internal IReadOnlyList<AttendeeRecord> ListAttendees(PooledConnection connection, CalendarUserType? type)
    {
        SqliteCommand command = connection.Command(type is null ? AttendeeRows.ListSql : AttendeeRows.ListByTypeSql);
        if (type is { } t)
        {
            command.Parameters.AddWithValue("@type", AttendeeRows.TypeName(t));
        }
        var found = new List<AttendeeRecord>();
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                found.Add(ReadAttendee(reader));
            }
        }
        // Sorted here rather than by SQL: SQLite orders TEXT by UTF-8 bytes, the contract by UTF-16 code units (ordinal).
        found.Sort(static (x, y) => x.Id.CompareTo(y.Id));
        return found;
    }

    private AttendeeRecord ReadAttendee(SqliteDataReader reader)
    {
        try
        {
            return AttendeeRows.Read(reader);
        }
        catch (FormatException ex)
        {
            throw SqliteErrors.Corrupt(Path, $"reading the attendee directory failed: {ex.Message}", ex);
        }
    }

    internal IReadOnlyList<CalendarEvent> Query(PooledConnection connection, EventQuery query)
    {
        NativeStatement statement = connection.Statement(QuerySql(query));
        var found = new List<(long Start, CalendarEvent Event)>();
        try
        {
            BindQuery(query, statement.Bind, statement.Bind);
            while (statement.Step())
            {
                CalendarEvent e = ReadEvent(statement);
                // A query by attendee and organizer reads the attendee's rows; the organizer narrowing is exact too.
                if (query.Attendee is null || query.Organizer is not { } organizer || e.OrganizerId == organizer)
                {
                    found.Add((statement.Int64(3), e));
                }
            }
        }
        finally
        {
            statement.Reset();
        }
        // Sorted here rather than by SQL: SQLite orders TEXT by UTF-8 bytes, the contract by UTF-16 code units (ordinal).
        found.Sort(static (x, y) =>
        {
            int c = x.Start.CompareTo(y.Start);
            return c != 0 ? c : string.CompareOrdinal(x.Event.Id.Value, y.Event.Id.Value);
        });
        return found.ConvertAll(f => f.Event);
    }

    /// <summary>The command a query runs, with its parameters bound (the tests EXPLAIN it).</summary>
    internal static SqliteCommand CreateQueryCommand(SqliteConnection connection, EventQuery query)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = QuerySql(query);
        BindQuery(query, (name, value) => command.Parameters.AddWithValue(name, value), (name, value) => command.Parameters.AddWithValue(name, value));
        return command;
    }

    private static string QuerySql(EventQuery query)
        => query.Attendee is not null ? Schema.AttendeeQuerySql : query.Organizer is not null ? Schema.OrganizerQuerySql : Schema.AllQuerySql;

    private static void BindQuery(EventQuery query, Action<string, string> bindText, Action<string, long> bindInt64)
    {
        if ((query.Attendee ?? query.Organizer) is { } key)
        {
            bindText("@key", key.Value);
        }
        long ws = query.Window.HasStart ? query.Window.Start.ToUnixTimeTicks() : long.MinValue;
        long we = query.Window.HasEnd ? query.Window.End.ToUnixTimeTicks() : long.MaxValue;
        bindInt64("@ws", ws);
        bindInt64("@we", we);
        for (int i = 0; i < Schema.BucketMaxTicks.Length; i++)
        {
            long max = Schema.BucketMaxTicks[i];
            bindInt64(LowerBoundNames[i], ws < long.MinValue + max ? long.MinValue : ws - max);
        }
    }

    private static readonly string[] LowerBoundNames = [.. System.Linq.Enumerable.Select(System.Linq.Enumerable.Range(0, Schema.BucketMaxTicks.Length), i => "@lo" + i.ToString(CultureInfo.InvariantCulture))];

    internal void ReleaseWriter()
    {
        try
        {
            _writer.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed while a transaction was open; nothing left to release.
        }
    }

    internal void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new CalcoreStorageException(StorageErrorCode.Disposed, $"SQLite storage '{Path}' has been disposed.");
        }
    }

    /// <summary>One write transaction on its own connection, holding the database's write lock.</summary>
    private sealed class Transaction(SqliteStorage storage, PooledConnection connection) : IStorageTransaction
    {
        private bool _done;

        public ValueTask<CalendarEvent?> FindEventAsync(EventId id, CancellationToken cancellationToken)
        {
            Check(cancellationToken);
            return ValueTask.FromResult(storage.Run("reading an event", () => storage.Find(connection, id)));
        }

        public ValueTask<IReadOnlyList<CalendarEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            Check(cancellationToken);
            return ValueTask.FromResult(storage.Run("querying events", () => storage.Query(connection, query)));
        }

        public ValueTask InsertEventAsync(CalendarEvent calendarEvent, Interval span, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(calendarEvent);
            CheckSpan(span);
            Check(cancellationToken);
            storage.Run("inserting an event", () =>
            {
                NativeStatement insert = connection.Statement(Schema.InsertEventSql);
                long seq;
                try
                {
                    BindEvent(insert, calendarEvent, span, withId: true);
                    insert.Execute();
                    seq = insert.LastInsertRowId;
                }
                catch (SqliteException ex) when (SqliteErrors.CodeOf(ex) == StorageErrorCode.DuplicateKey)
                {
                    throw new CalcoreStorageException(StorageErrorCode.DuplicateKey,
                        $"SQLite storage '{storage.Path}': an event with the id '{calendarEvent.Id}' is already stored.", ex);
                }
                WriteAttendees(Schema.InsertAttendeeSql, calendarEvent, seq, span);
                return 0;
            });
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> ReplaceEventAsync(CalendarEvent calendarEvent, Interval span, long expectedVersion, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(calendarEvent);
            CheckSpan(span);
            Check(cancellationToken);
            return ValueTask.FromResult(storage.Run("replacing an event", () =>
            {
                if (storage.FindRow(connection, calendarEvent.Id) is not { } old || old.Version != expectedVersion)
                {
                    return false;
                }
                DeleteAttendees(old.Event, old.Seq, old.Bucket, old.Start);
                NativeStatement update = connection.Statement(Schema.UpdateEventSql);
                BindEvent(update, calendarEvent, span, withId: false);
                update.Bind("@seq", old.Seq);
                update.Execute();
                WriteAttendees(Schema.InsertAttendeeSql, calendarEvent, old.Seq, span);
                return true;
            }));
        }

        public ValueTask<bool> DeleteEventAsync(EventId id, long expectedVersion, CancellationToken cancellationToken)
        {
            Check(cancellationToken);
            return ValueTask.FromResult(storage.Run("deleting an event", () =>
            {
                if (storage.FindRow(connection, id) is not { } old || old.Version != expectedVersion)
                {
                    return false;
                }
                DeleteAttendees(old.Event, old.Seq, old.Bucket, old.Start);
                NativeStatement delete = connection.Statement(Schema.DeleteEventSql);
                delete.Bind("@seq", old.Seq);
                delete.Execute();
                return true;
            }));
        }

        public ValueTask<AttendeeRecord?> FindAttendeeAsync(AttendeeId id, CancellationToken cancellationToken)
        {
            Check(cancellationToken);
            return ValueTask.FromResult(storage.Run("reading an attendee", () => storage.FindAttendee(connection, id)));
        }

        public ValueTask<bool> UpsertAttendeeAsync(AttendeeRecord record, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(record);
            Check(cancellationToken);
            return ValueTask.FromResult(storage.Run("writing an attendee", () =>
            {
                SqliteCommand exists = connection.Command(AttendeeRows.ExistsSql);
                exists.Parameters.AddWithValue("@id", record.Id.Value);
                bool added = Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0;
                SqliteCommand upsert = connection.Command(AttendeeRows.UpsertSql);
                AttendeeRows.Bind(upsert, record);
                upsert.ExecuteNonQuery();
                return added;
            }));
        }

        public ValueTask<bool> DeleteAttendeeAsync(AttendeeId id, CancellationToken cancellationToken)
        {
            Check(cancellationToken);
            return ValueTask.FromResult(storage.Run("deleting an attendee", () =>
            {
                SqliteCommand delete = connection.Command(AttendeeRows.DeleteSql);
                delete.Parameters.AddWithValue("@id", id.Value);
                return delete.ExecuteNonQuery() > 0;
            }));
        }

        public ValueTask CommitAsync(CancellationToken cancellationToken)
        {
            Check(cancellationToken);
            try
            {
                storage.Run("committing", () =>
                {
                    connection.Command("COMMIT").ExecuteNonQuery();
                    return 0;
                });
            }
            finally
            {
                Finish(rollback: true);
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_done)
            {
                Finish(rollback: true);
            }
            return ValueTask.CompletedTask;
        }

        /// <summary>Binds an event's columns, with a new stamp and its snapshot written into the connection's buffer.</summary>
        private void BindEvent(NativeStatement statement, CalendarEvent e, Interval span, bool withId)
        {
            (long start, long? end, int bucket) = SpanColumns(span);
            if (withId)
            {
                statement.Bind("@id", e.Id.Value);
            }
            statement.Bind("@version", e.Version);
            statement.Bind("@stamp", connection.NewStamp());
            statement.Bind("@start", start);
            statement.Bind("@end", end);
            statement.Bind("@bucket", bucket);
            statement.Bind("@organizer", e.OrganizerId?.Value);
            statement.BindUtf8("@snapshot", connection.WriteSnapshot(e));
        }

        /// <summary>Inserts one attendee row per commitment.</summary>
        private void WriteAttendees(string sql, CalendarEvent e, long seq, Interval span)
        {
            (long start, long? end, int bucket) = SpanColumns(span);
            WriteAttendeeRows(sql, e, seq, bucket, start, end);
        }

        /// <summary>Deletes the attendee rows of an event as stored (its commitments at its stored bucket and start).</summary>
        private void DeleteAttendees(CalendarEvent stored, long seq, int bucket, long start)
            => WriteAttendeeRows(Schema.DeleteAttendeeSql, stored, seq, bucket, start, null);

        private void WriteAttendeeRows(string sql, CalendarEvent e, long seq, int bucket, long start, long? end)
        {
            if (e.Commitments.IsEmpty)
            {
                return;
            }
            NativeStatement statement = connection.Statement(sql);
            foreach (Commitment c in e.Commitments)
            {
                statement.Bind("@attendee", c.AttendeeId.Value);
                statement.Bind("@bucket", bucket);
                statement.Bind("@start", start);
                statement.Bind("@seq", seq);
                if (sql == Schema.InsertAttendeeSql)
                {
                    statement.Bind("@end", end);
                }
                statement.Execute();
            }
        }

        private static (long Start, long? End, int Bucket) SpanColumns(Interval span)
        {
            long start = span.Start.ToUnixTimeTicks();
            long? end = span.HasEnd ? span.End.ToUnixTimeTicks() : null;
            return (start, end, Schema.BucketOf(start, end));
        }

        private static void CheckSpan(Interval span)
        {
            if (!span.HasStart)
            {
                throw new ArgumentException("An event's span must have a start (its first occurrence's start).", nameof(span));
            }
        }

        private void Check(CancellationToken cancellationToken)
        {
            if (_done)
            {
                throw new InvalidOperationException("The transaction has already been committed or disposed.");
            }
            storage.ThrowIfDisposed();
            cancellationToken.ThrowIfCancellationRequested();
        }

        private void Finish(bool rollback)
        {
            _done = true;
            try
            {
                bool reusable = false;
                if (rollback && connection.Connection.State == System.Data.ConnectionState.Open)
                {
                    try
                    {
                        // After a successful COMMIT the connection is in autocommit mode; otherwise discard the writes
                        // before the connection goes back to the pool.
                        if (connection.Connection.Handle is { IsInvalid: false } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
                        {
                            connection.Command("ROLLBACK").ExecuteNonQuery();
                        }
                        reusable = true;
                    }
                    catch (SqliteException)
                    {
                        // Closing the connection below ends the transaction.
                    }
                }
                if (reusable)
                {
                    storage.Return(connection);
                }
                else
                {
                    connection.Dispose();
                }
            }
            finally
            {
                storage.ReleaseWriter();
            }
        }
    }

    /// <summary>The event of the current row (columns as <see cref="Schema.FindSql"/>): from the cache when it holds the
    /// row's (seq, stamp), else parsed from the snapshot column (the only time it and the id are read).</summary>
    private CalendarEvent ReadEvent(NativeStatement row)
    {
        long seq = row.Int64(0);
        long version = row.Int64(1);
        long stamp = row.Int64(2);
        if (_snapshots.TryGetValue(seq, out var cached) && cached.Stamp == stamp && cached.Event.Version == version)
        {
            return cached.Event;
        }
        CalendarEvent parsed = SnapshotJson.Read(row.Text(5), version, row.Bytes(4));
        if (SnapshotCacheSize == 0)
        {
            return parsed;
        }
        if (Interlocked.Increment(ref _snapshotsAdded) > SnapshotCacheSize)
        {
            _snapshots.Clear();
            Interlocked.Exchange(ref _snapshotsAdded, 1);
        }
        _snapshots[seq] = (stamp, parsed);
        return parsed;
    }
}
