using System;
using Microsoft.Data.Sqlite;

namespace Calcore.Storage.Sqlite.Internal;

/// <summary>Maps SQLite result codes to <see cref="StorageErrorCode"/>s (https://www.sqlite.org/rescode.html).</summary>
internal static class SqliteErrors
{
    private const int SqlitePerm = 3;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoErr = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteConstraint = 19;
    private const int SqliteNotADb = 26;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    internal static StorageErrorCode CodeOf(SqliteException ex) => ex.SqliteErrorCode switch
    {
        SqliteBusy or SqliteLocked => StorageErrorCode.Timeout,
        SqliteReadOnly or SqlitePerm => StorageErrorCode.ReadOnly,
        SqliteCorrupt or SqliteNotADb => StorageErrorCode.Corrupt,
        SqliteCantOpen or SqliteIoErr or SqliteFull => StorageErrorCode.Unavailable,
        SqliteConstraint when ex.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique => StorageErrorCode.DuplicateKey,
        _ => StorageErrorCode.Unknown,
    };

    internal static CalcoreStorageException Map(SqliteException ex, string path, string action)
    {
        StorageErrorCode code = CodeOf(ex);
        string why = code switch
        {
            StorageErrorCode.Timeout => "the database stayed locked by another connection or process past the busy timeout",
            StorageErrorCode.ReadOnly => "the database cannot be written (read-only file, folder or connection)",
            StorageErrorCode.Corrupt => "the file is not a SQLite database or is damaged",
            StorageErrorCode.Unavailable => "the file could not be opened or written (path, permissions, disk)",
            StorageErrorCode.DuplicateKey => "a record with that key already exists",
            _ => "SQLite reported an error",
        };
        return new CalcoreStorageException(code, $"SQLite storage '{path}': {action} failed: {why} (SQLite error {ex.SqliteErrorCode}/{ex.SqliteExtendedErrorCode}: {ex.Message}).", ex);
    }

    internal static CalcoreStorageException Corrupt(string path, string what, Exception? inner = null)
        => new(StorageErrorCode.Corrupt, $"SQLite storage '{path}': {what}", inner);
}
