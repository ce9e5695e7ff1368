using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using Calcore.Events;
using Microsoft.Data.Sqlite;

namespace Calcore.Storage.Sqlite.Internal;

/// <summary>An open connection with its per-connection settings applied once, its commands and native statements
/// kept prepared, and a reusable buffer for writing snapshots.</summary>
/// <remarks>Not thread-safe: one flow uses it at a time (the storage rents it out).</remarks>
internal sealed class PooledConnection(SqliteConnection connection, int commandTimeoutSeconds) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeStatement> _statements = new(StringComparer.Ordinal);
    private readonly ArrayBufferWriter<byte> _snapshotBuffer = new(1024);
    private Utf8JsonWriter? _snapshotWriter;
    private readonly long[] _stamps = new long[64];
    private int _nextStamp = 64;

    internal SqliteConnection Connection { get; } = connection;

    /// <summary>The cached (prepared once) command for a SQL text, with its parameters cleared.</summary>
    internal SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out SqliteCommand? command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = commandTimeoutSeconds;
            _commands.Add(sql, command);
        }
        command.Parameters.Clear();
        return command;
    }

    /// <summary>The cached native statement for a SQL text (prepared on first use); the caller resets it when done.</summary>
    internal NativeStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out NativeStatement? statement))
        {
            statement = NativeStatement.Prepare(Connection.Handle!, sql);
            _statements.Add(sql, statement);
        }
        return statement;
    }

    /// <summary>Writes an event's snapshot (format <see cref="SnapshotJson.FormatVersion"/>) into this connection's
    /// buffer: the bytes stay valid until the next call.</summary>
    internal ReadOnlySpan<byte> WriteSnapshot(CalendarEvent calendarEvent)
    {
        _snapshotBuffer.ResetWrittenCount();
        if (_snapshotWriter is null)
        {
            _snapshotWriter = new Utf8JsonWriter(_snapshotBuffer);
        }
        else
        {
            _snapshotWriter.Reset(_snapshotBuffer);
        }
        SnapshotJson.Write(_snapshotWriter, calendarEvent);
        _snapshotWriter.Flush();
        return _snapshotBuffer.WrittenSpan;
    }

    /// <summary>A new random 64-bit stamp for a write (drawn from the system's cryptographic generator, 64 at a time).</summary>
    internal long NewStamp()
    {
        if (_nextStamp == _stamps.Length)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_stamps.AsSpan()));
            _nextStamp = 0;
        }
        return _stamps[_nextStamp++];
    }

    public void Dispose()
    {
        foreach (NativeStatement statement in _statements.Values)
        {
            statement.Dispose();
        }
        _statements.Clear();
        foreach (SqliteCommand command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
        _snapshotWriter?.Dispose();
        Connection.Dispose();
    }
}
