using System;

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

    /// <summary>The file or database is not a Calcore storage, or is damaged.</summary>
    Corrupt = 4,

    /// <summary>The storage was written by a newer schema version than this library knows.</summary>
    SchemaTooNew = 5,

    /// <summary>The storage could not be reached or opened (I/O, network, permissions).</summary>
    Unavailable = 6,

    /// <summary>The storage has been disposed.</summary>
    Disposed = 7,
}

/// <summary>Thrown when a storage fails for a reason in its environment; the driver's exception is inside.</summary>
/// <remarks>
/// A failed write leaves nothing half-written. This type is immutable and thread-safe.
/// </remarks>
public sealed class CalcoreStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The provider-neutral code.</param>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The driver's exception, or null.</param>
    public CalcoreStorageException(StorageErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Gets the provider-neutral code.</summary>
    public StorageErrorCode Code { get; }
}
