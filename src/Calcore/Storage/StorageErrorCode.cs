namespace Calcore.Storage;

/// <summary>The provider-neutral kinds of storage failure.</summary>
public enum StorageErrorCode
{
    /// <summary>A failure that fits no other code; see the inner exception.</summary>
    Unknown = 0,

    /// <summary>A write would create a second record with an existing key.</summary>
    DuplicateKey = 1,

    /// <summary>The storage stayed locked by someone else past the timeout.</summary>
    Timeout = 2,

    /// <summary>The storage cannot be written (a read-only file, folder or database).</summary>
    ReadOnly = 3,

    /// <summary>The file or database is not a Calcore storage, or is damaged, or a stored value no longer reads (for
    /// example a series whose recurrence lines do not parse; <see cref="CalcoreStorageException.EventId"/> names it).</summary>
    Corrupt = 4,

    /// <summary>The storage was written by a newer schema version than this library knows.</summary>
    SchemaTooNew = 5,

    /// <summary>The storage could not be reached or opened (I/O, network, permissions).</summary>
    Unavailable = 6,

    /// <summary>The storage has been disposed.</summary>
    Disposed = 7,
}
