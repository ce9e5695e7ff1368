using System;
using Calcore.Storage.Sqlite;

namespace Calcore;

/// <summary>Adds <see cref="SqliteStorage"/> to the <see cref="StorageManagerBuilder"/>.</summary>
/// <remarks>In the <c>Calcore</c> namespace so that it is found without an extra <c>using</c>. This type is thread-safe.</remarks>
public static class SqliteStorageManagerBuilderExtensions
{
    /// <summary>Keeps the manager's events in a SQLite database file, created when missing; the manager owns and disposes the storage.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The database file's path.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="Storage.CalcoreStorageException">The file cannot be opened or is not a Calcore database (see <see cref="SqliteStorage(string, SqliteStorageOptions?)"/>).</exception>
    public static StorageManagerBuilder UseSqlite(this StorageManagerBuilder builder, string path) => UseSqlite(builder, path, null);

    /// <summary>Keeps the manager's events in a SQLite database file with options; the manager owns and disposes the storage.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The database file's path.</param>
    /// <param name="options">The options, or null for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="Storage.CalcoreStorageException">The file cannot be opened or is not a Calcore database.</exception>
    public static StorageManagerBuilder UseSqlite(this StorageManagerBuilder builder, string path, SqliteStorageOptions? options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseStorage(new SqliteStorage(path, options), ownsStorage: true);
    }
}
