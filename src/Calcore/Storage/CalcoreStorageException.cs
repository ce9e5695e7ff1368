using System;

namespace Calcore.Storage;

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
