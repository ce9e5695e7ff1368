using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace Calcore.Storage.Sqlite.Internal;

/// <summary>An open connection with its per-connection settings applied once and its commands kept prepared.</summary>
/// <remarks>Not thread-safe: one flow uses it at a time (the storage rents it out).</remarks>
internal sealed class PooledConnection(SqliteConnection connection, int commandTimeoutSeconds) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

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

    public void Dispose()
    {
        foreach (SqliteCommand command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
        Connection.Dispose();
    }
}
