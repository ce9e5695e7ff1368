using System;
using System.Collections.Generic;
using Calcore.Attendees;
using Calcore.Attendees.Internal;
using Calcore.Internal;
using Calcore.Storage;
using NodaTime;

namespace Calcore;

/// <summary>Configures and builds a <see cref="StorageManager"/>: its storage, clock, time zone and attendee sources.</summary>
/// <remarks>
/// <para>The defaults are a new <see cref="MemoryStorage"/>, <see cref="SystemClock.Instance"/> and UTC (never the
/// machine's zone). Storage providers add their own <c>Use…</c> extension methods in the <c>Calcore</c> namespace
/// (<c>UseSqlite(path)</c>), which call <see cref="UseStorage"/>.</para>
/// <code>
/// StorageManager manager = StorageManager.CreateBuilder()
///     .UseMemoryStorage()
///     .UseZone(DateTimeZoneProviders.Tzdb["Europe/Paris"])
///     .Build();
/// </code>
/// <para>This type is mutable and not thread-safe; the manager it builds is thread-safe.</para>
/// </remarks>
public sealed class StorageManagerBuilder
{
    private readonly List<IAttendeeSource> _sources = [];
    private IStorage? _storage;
    private bool _ownsStorage;
    private IClock _clock = SystemClock.Instance;
    private int _maxInstancesPerBooking = Scheduling.Internal.Scheduler.DefaultMaxInstancesPerBooking;
    private DateTimeZone _zone = DateTimeZone.Utc;

    internal StorageManagerBuilder()
    {
    }

    /// <summary>Uses a storage.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="ownsStorage">Whether the manager disposes the storage when it is disposed.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="storage"/> is null.</exception>
    public StorageManagerBuilder UseStorage(IStorage storage, bool ownsStorage = false)
    {
        _storage = Preconditions.CheckNotNull(storage);
        _ownsStorage = ownsStorage;
        return this;
    }

    /// <summary>Uses a new, empty <see cref="MemoryStorage"/> (the default).</summary>
    /// <param name="name">A name for diagnostics.</param>
    /// <returns>This builder.</returns>
    public StorageManagerBuilder UseMemoryStorage(string name = "memory") => UseStorage(new MemoryStorage(name), ownsStorage: true);

    /// <summary>Uses a clock for created/updated times (tests pass a fake one).</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public StorageManagerBuilder UseClock(IClock clock)
    {
        _clock = Preconditions.CheckNotNull(clock);
        return this;
    }

    /// <summary>Uses a time zone to place floating and all-day events on the time line (default UTC).</summary>
    /// <param name="zone">The zone.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public StorageManagerBuilder UseZone(DateTimeZone zone)
    {
        _zone = Preconditions.CheckNotNull(zone);
        return this;
    }

    /// <summary>Adds an attendee source, for attendees the storage's attendee directory does not hold: the manager asks
    /// its sources, in the order added, for an attendee's type and booking policy when the directory has no record of
    /// the id.</summary>
    /// <remarks>A record in the storage's directory (<see cref="StorageManager.SaveAttendeeAsync"/>) always wins over
    /// the sources: a room's or a resource's type and policy are the directory's.</remarks>
    /// <param name="source">The source.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public StorageManagerBuilder AddAttendeeSource(IAttendeeSource source)
    {
        _sources.Add(Preconditions.CheckNotNull(source));
        return this;
    }

    /// <summary>Sets the most instances of one booking the booking gate checks (5,000 by default): a booking with more
    /// instances within the resource's booking window is declined with that reason, so no booking holds a write for
    /// long (see docs/booking.md).</summary>
    /// <param name="maxInstances">The limit, 1 to 1,000,000.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxInstances"/> is out of range.</exception>
    public StorageManagerBuilder LimitInstancesPerBooking(int maxInstances)
    {
        Preconditions.CheckArgumentRange(nameof(maxInstances), maxInstances, 1, 1_000_000);
        _maxInstancesPerBooking = maxInstances;
        return this;
    }

    /// <summary>Builds the manager.</summary>
    /// <returns>A thread-safe manager.</returns>
    public StorageManager Build()
    {
        IStorage storage = _storage ?? new MemoryStorage();
        var directory = new AttendeeDirectory(storage.FindAttendeeAsync, [.. _sources]);
        return new StorageManager(storage, ownsStorage: _storage is null || _ownsStorage, _clock, _zone, directory, _maxInstancesPerBooking);
    }
}
