using System;
using Calcore.Events;

namespace Calcore.Storage;

/// <summary>Thrown when a storage fails for a reason in its environment, or holds data that no longer reads; the
/// driver's (or the parser's) exception is inside.</summary>
/// <remarks>
/// <para>A failed write leaves nothing half-written.</para>
/// <para>Stored data the engine cannot read is <see cref="StorageErrorCode.Corrupt"/>, never an
/// <see cref="ArgumentException"/>: the caller did not pass it. When one stored event is the cause (a series whose
/// recurrence lines no longer parse, say), <see cref="EventId"/> names it.</para>
/// <para>This type is immutable and thread-safe.</para>
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

    /// <summary>Creates the exception for a failure caused by one stored event.</summary>
    /// <param name="code">The provider-neutral code.</param>
    /// <param name="eventId">The stored event that caused the failure.</param>
    /// <param name="message">What failed (naming the event).</param>
    /// <param name="innerException">The driver's or the parser's exception, or null.</param>
    public CalcoreStorageException(StorageErrorCode code, EventId eventId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        EventId = eventId;
    }

    /// <summary>Gets the provider-neutral code.</summary>
    public StorageErrorCode Code { get; }

    /// <summary>Gets the stored event that caused the failure, when one event did.</summary>
    /// <value>The event's id, or null when the failure is not about one event (a lock, a file, a connection).</value>
    public EventId? EventId { get; }
}
