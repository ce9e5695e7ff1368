using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Calcore.Attendees;
using NodaTime;
using Xunit;

namespace Calcore.Storage.Specification.Tests;

/// <summary>Creates the storages a provider's contract tests run against: a fresh, empty one for every test.</summary>
/// <remarks>
/// A provider derives one fixture (<c>MemoryStorageFixture</c>, <c>SqliteStorageFixture</c>) and implements
/// <see cref="CreateStorageAsync"/>; the fixture lives for one test class (xunit <c>IClassFixture</c>) and cleans up
/// what it created in <see cref="DisposeAsync"/>.
/// </remarks>
public abstract class StorageFixtureBase : IAsyncLifetime
{
    private readonly List<IStorage> _created = [];

    /// <summary>Creates a new, empty storage. Called once per test.</summary>
    public abstract Task<IStorage> CreateStorageAsync();

    /// <summary>Opens a second storage on the same data as <paramref name="storage"/> (a second process's view), or null when the
    /// provider has no such notion (memory). Tests that need it return early when it is null.</summary>
    public virtual Task<IStorage?> OpenSecondStorageAsync(IStorage storage) => Task.FromResult<IStorage?>(null);

    /// <summary>Builds a manager on a storage with a fake clock and UTC (or <paramref name="zone"/>), with an attendee
    /// source when one is given.</summary>
    public StorageManager CreateManager(IStorage storage, DateTimeZone? zone = null, IAttendeeSource? attendees = null)
    {
        StorageManagerBuilder builder = StorageManager.CreateBuilder().UseStorage(storage, ownsStorage: false)
            .UseClock(new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0), Duration.FromSeconds(1))).UseZone(zone ?? DateTimeZone.Utc);
        if (attendees is not null)
        {
            builder.AddAttendeeSource(attendees);
        }
        return builder.Build();
    }

    /// <summary>Tracks a storage so that it is disposed with the fixture.</summary>
    protected T Track<T>(T storage)
        where T : IStorage
    {
        lock (_created)
        {
            _created.Add(storage);
        }
        return storage;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        IStorage[] created;
        lock (_created)
        {
            created = [.. _created];
        }
        foreach (IStorage s in created)
        {
            await DisposeStorageAsync(s);
        }
    }

    /// <summary>Disposes a storage however it can be disposed.</summary>
    public static async Task DisposeStorageAsync(IStorage storage)
    {
        if (storage is IAsyncDisposable a)
        {
            await a.DisposeAsync();
        }
        else if (storage is IDisposable d)
        {
            d.Dispose();
        }
    }
}

/// <summary>The base of every contract test class: a fresh storage per test from the fixture.</summary>
public abstract class StorageTestBase<TFixture> : IClassFixture<TFixture>, IAsyncLifetime
    where TFixture : StorageFixtureBase
{
    private IStorage? _storage;

    protected StorageTestBase(TFixture fixture)
    {
        Fixture = fixture;
    }

    protected TFixture Fixture { get; }

    /// <summary>Gets this test's storage (fresh and empty).</summary>
    protected IStorage Storage => _storage ?? throw new InvalidOperationException("The storage is created in InitializeAsync.");

    public virtual async Task InitializeAsync() => _storage = await Fixture.CreateStorageAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Inserts events in one committed transaction.</summary>
    protected async Task InsertAsync(params (Calcore.Events.CalendarEvent Event, Interval Span)[] events)
    {
        IStorageTransaction tx = await Storage.BeginTransactionAsync(Array.Empty<AttendeeId>(), default);
        await using (tx)
        {
            foreach ((Calcore.Events.CalendarEvent e, Interval span) in events)
            {
                await tx.InsertEventAsync(e, span, default);
            }
            await tx.CommitAsync(default);
        }
    }
}
