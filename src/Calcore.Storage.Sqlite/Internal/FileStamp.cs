using System;
using System.IO;

namespace Calcore.Storage.Sqlite.Internal;

/// <summary>A database file as a read-only storage opened it immutable (SQLite's <c>immutable=1</c>): its length and
/// last write time, and the length of its -wal file (-1 when there is none). SQLite reads an immutable file without
/// locks and without looking at the -wal file, trusting that nothing changes it; this stamp lets the storage refuse
/// to read once something has.</summary>
internal sealed class FileStamp
{
    private readonly long _length;
    private readonly DateTime _lastWriteUtc;
    private readonly long _walLength;

    private FileStamp(long length, DateTime lastWriteUtc, long walLength)
    {
        _length = length;
        _lastWriteUtc = lastWriteUtc;
        _walLength = walLength;
    }

    internal static FileStamp Of(string path)
    {
        var file = new FileInfo(path);
        return new FileStamp(file.Exists ? file.Length : -1, file.Exists ? file.LastWriteTimeUtc : default, WalLength(path));
    }

    /// <summary>Tells whether a read-only open that SQLite refused may fall back to immutable: the file exists, its
    /// folder cannot be written (so SQLite could not create the -wal and -shm files), and there is no -wal file with
    /// frames in it (SQLite checkpoints and deletes the -wal file when the last connection closes cleanly; a -wal file
    /// with frames holds commits the main file lacks, which an immutable read would silently miss).</summary>
    internal static bool CanOpenImmutable(string path)
    {
        try
        {
            string full = Path.GetFullPath(path);
            string? folder = Path.GetDirectoryName(full);
            return File.Exists(full) && folder is not null && WalLength(full) <= 0 && !CanCreateFileIn(folder);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The file as a SQLite URI filename opened read-only and immutable (the path percent-encoded).</summary>
    internal static string ImmutableUri(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri + "?immutable=1";

    /// <summary>Throws <see cref="StorageErrorCode.Unavailable"/> when the file or its -wal file changed since it was opened.</summary>
    internal void ThrowIfChanged(string path, string action)
    {
        FileStamp now = Of(path);
        if (now._length != _length || now._lastWriteUtc != _lastWriteUtc || now._walLength != _walLength)
        {
            throw new CalcoreStorageException(StorageErrorCode.Unavailable,
                $"SQLite storage '{path}': {action} failed: the file was opened read-only and immutable (its folder cannot be written) and has been changed since by another process; open the storage again to read the new state.");
        }
    }

    private static long WalLength(string path)
    {
        var wal = new FileInfo(path + "-wal");
        return wal.Exists ? wal.Length : -1;
    }

    private static bool CanCreateFileIn(string folder)
    {
        try
        {
            string probe = Path.Combine(folder, $".calcore-probe-{Guid.NewGuid():N}");
            using var created = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
