using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Calcore.Storage.Sqlite.Internal;

/// <summary>
/// A statement prepared once on a connection's native handle and reused: the storage's hot paths (inserts, window
/// queries, finds) bind, step and read columns through SQLite's C API directly, which costs a fraction of a
/// <see cref="SqliteCommand"/> execution (no data reader, no parameter objects, no column conversions; a column
/// the caller does not ask for is never read).
/// </summary>
/// <remarks>Not thread-safe: it belongs to one <see cref="PooledConnection"/>. Errors surface as
/// <see cref="SqliteException"/>, as from Microsoft.Data.Sqlite, so one error mapping serves both paths.</remarks>
internal sealed class NativeStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly Dictionary<string, int> _parameters = new(StringComparer.Ordinal);

    private NativeStatement(sqlite3 db, sqlite3_stmt statement)
    {
        _db = db;
        _statement = statement;
    }

    /// <summary>Prepares a single SQL statement (named parameters such as <c>@id</c>) for repeated use.</summary>
    internal static NativeStatement Prepare(sqlite3 db, string sql)
    {
        int rc = raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out sqlite3_stmt statement);
        if (rc != raw.SQLITE_OK || statement is null)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_OK ? raw.SQLITE_MISUSE : rc, db);
            throw new InvalidOperationException("unreachable");
        }
        return new NativeStatement(db, statement);
    }

    /// <summary>Binds an integer.</summary>
    internal void Bind(string name, long value) => Check(raw.sqlite3_bind_int64(_statement, Index(name), value));

    /// <summary>Binds an integer, or NULL.</summary>
    internal void Bind(string name, long? value)
        => Check(value is { } v ? raw.sqlite3_bind_int64(_statement, Index(name), v) : raw.sqlite3_bind_null(_statement, Index(name)));

    /// <summary>Binds a text, or NULL.</summary>
    internal void Bind(string name, string? value)
        => Check(value is null ? raw.sqlite3_bind_null(_statement, Index(name)) : raw.sqlite3_bind_text16(_statement, Index(name), value.AsSpan()));

    /// <summary>Binds UTF-8 bytes as a TEXT value (SQLite copies them).</summary>
    internal void BindUtf8(string name, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, Index(name), utf8));

    /// <summary>Steps once: true when a row is ready, false when the statement is done.</summary>
    /// <exception cref="SqliteException">SQLite reported an error (the statement is reset).</exception>
    internal bool Step()
    {
        int rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }
        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }
        raw.sqlite3_reset(_statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    /// <summary>Runs a statement that returns no rows, then resets it.</summary>
    /// <returns>The number of rows changed.</returns>
    internal int Execute()
    {
        try
        {
            while (Step())
            {
            }
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Ends the current execution (releasing its read snapshot) and forgets the bound values.</summary>
    internal void Reset()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }

    /// <summary>The rowid of the last row this connection inserted.</summary>
    internal long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    internal long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    internal string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    /// <summary>A TEXT or BLOB column's bytes (UTF-8 for TEXT), valid until the next step or reset.</summary>
    internal ReadOnlySpan<byte> Bytes(int column) => raw.sqlite3_column_blob(_statement, column);

    public void Dispose() => _statement.Dispose();

    private int Index(string name)
    {
        if (!_parameters.TryGetValue(name, out int index))
        {
            index = raw.sqlite3_bind_parameter_index(_statement, name);
            if (index == 0)
            {
                throw new InvalidOperationException($"The statement has no parameter '{name}'.");
            }
            _parameters.Add(name, index);
        }
        return index;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
