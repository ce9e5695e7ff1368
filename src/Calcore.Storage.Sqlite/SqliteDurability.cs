namespace Calcore.Storage.Sqlite;

/// <summary>How hard a <see cref="SqliteStorage"/> commit pushes data to the disk (SQLite's <c>synchronous</c> setting, in WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary><c>synchronous=NORMAL</c>: a commit survives the process being killed at any moment; a power loss or
    /// operating-system crash may lose the last commits (never corrupting the file). The default, and SQLite's advice for WAL.</summary>
    Normal = 0,

    /// <summary><c>synchronous=FULL</c>: every commit is synced to the disk before it returns, so it survives a power
    /// loss too; each commit costs an fsync.</summary>
    Full = 1,
}
