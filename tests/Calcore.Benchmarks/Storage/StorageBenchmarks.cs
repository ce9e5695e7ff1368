using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using NodaTime;

namespace Calcore.Benchmarks.Storage;

/// <summary>What a storage provider gives the benchmarks: an empty storage, and one holding the whole <see cref="StorageDataset"/>.</summary>
public interface IStorageProvider
{
    /// <summary>Creates an empty storage.</summary>
    IStorage CreateEmpty();

    /// <summary>Opens a storage holding the whole data set; <paramref name="writable"/> when the benchmark writes to it.</summary>
    IStorage OpenLoaded(bool writable);

    /// <summary>Releases what the provider created (files).</summary>
    void Cleanup();
}

/// <summary>One attendee's expanded week through the manager, on the full data set (target: under 1 ms median).</summary>
[MemoryDiagnoser]
public abstract class ExpandedWeekBenchmarkBase
{
    private StorageManager _manager = null!;
    private int _next;

    protected abstract IStorageProvider Provider { get; }

    /// <summary>Opens the data set and reports the memory it takes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _manager = StorageDataset.CreateManager(Provider.OpenLoaded(writable: false));
        WarmUp();
        int found = 0;
        for (int i = 0; i < 50; i++)
        {
            found += Week().GetAwaiter().GetResult().Count;
        }
        System.Console.WriteLine(System.FormattableString.Invariant($"// {found / 50.0:F1} instances per attendee-week on average"));
        StorageDataset.ReportMemory(GetType().Name.StartsWith("Runnable", System.StringComparison.Ordinal) ? GetType().BaseType!.Name : GetType().Name);
    }

    /// <summary>Closes the storage.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _manager.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Provider.Cleanup();
    }

    /// <summary>
    /// Runs the same query for at least 3 s on questions the benchmark never asks (the rooms' weeks in October), so
    /// that tiered compilation has finished with the whole stack before BenchmarkDotNet's few warm-up iterations.
    /// </summary>
    /// <remarks>Without it a provider whose setup only opens a file is measured while the JIT recompiles the
    /// manager, the recurrence engine and NodaTime (a profile of the SQLite run showed 22 % of the CPU in the JIT),
    /// whereas the memory provider's setup has already run that code a million times. The rooms' October weeks share
    /// few events with the people's June week, so the snapshot caches stay about as cold as before.</remarks>
    private void WarmUp()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var october = new Interval(Instant.FromUtc(2026, 10, 5, 0, 0), Instant.FromUtc(2026, 10, 12, 0, 0));
        for (int i = 0; clock.Elapsed < System.TimeSpan.FromSeconds(StorageDataset.Smoke ? 0.2 : 3); i++)
        {
            _ = _manager.GetEventsAsync(new EventListQuery(october) { Attendee = StorageDataset.Room(i % StorageDataset.Rooms), ExpandRecurrence = true }).GetAwaiter().GetResult();
        }
    }

    /// <summary>Lists one attendee's week with recurring events expanded (attendees taken in turn).</summary>
    /// <returns>The events and instances.</returns>
    [Benchmark]
    public Task<IReadOnlyList<CalendarEvent>> Week()
    {
        _next = (_next + 97) % (StorageDataset.Attendees - StorageDataset.Rooms);
        return _manager.GetEventsAsync(new EventListQuery(StorageDataset.Week) { Attendee = StorageDataset.Person(_next), ExpandRecurrence = true });
    }
}

/// <summary>Writing many events: 100,000 inserts in one storage transaction (target: under 5 s), and
/// <c>CreateEventAsync</c> one by one through the manager (per event).</summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public abstract class InsertBenchmarkBase
{
    /// <summary>The events created one by one per invocation.</summary>
    public const int OneByOne = 1_000;

    private StorageManager _manager = null!;
    private List<(CalendarEvent Event, Interval Span)> _events = null!;
    private int _round;

    protected abstract IStorageProvider Provider { get; }

    /// <summary>Generates the events once (generation is not measured).</summary>
    [GlobalSetup]
    public void Setup()
    {
        StorageManager generator = StorageDataset.CreateManager(new MemoryStorage()); // only its span rule is used
        _events = [.. StorageDataset.Generate(generator, 0, StorageDataset.Inserts)];
    }

    /// <summary>A fresh, empty storage for every invocation.</summary>
    [IterationSetup]
    public void NewStorage() => _manager = StorageDataset.CreateManager(Provider.CreateEmpty());

    /// <summary>Closes and deletes the storage.</summary>
    [IterationCleanup]
    public void CloseStorage()
    {
        _manager.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Provider.Cleanup();
    }

    /// <summary>Inserts every generated event in one storage transaction.</summary>
    /// <returns>A task.</returns>
    [Benchmark]
    public async Task Insert100kInOneTransaction()
    {
        IStorageTransaction tx = await _manager.Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            foreach ((CalendarEvent e, Interval span) in _events)
            {
                await tx.InsertEventAsync(e, span, default);
            }
            await tx.CommitAsync(default);
        }
    }

    /// <summary>Creates <see cref="OneByOne"/> events through the manager, each its own atomic write (time per event).</summary>
    /// <returns>A task.</returns>
    [Benchmark(OperationsPerInvoke = OneByOne)]
    public async Task CreateEventOneByOne()
    {
        _round++;
        for (int i = 0; i < OneByOne; i++)
        {
            await _manager.CreateEventAsync(_events[i % _events.Count].Event.Details, new EventId($"r{_round}-{i}"));
        }
    }
}

/// <summary>An AcceptIfPossible decision on the full data set: a new event invites a room, which checks its bookings and answers.</summary>
[MemoryDiagnoser]
public abstract class AcceptIfPossibleBenchmarkBase
{
    private StorageManager _manager = null!;
    private AttendeeId[] _rooms = null!;
    private int _next;

    protected abstract IStorageProvider Provider { get; }

    /// <summary>Opens a writable copy of the data set.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _manager = StorageDataset.CreateManager(Provider.OpenLoaded(writable: true));
        _rooms = new AttendeeId[StorageDataset.Rooms];
        for (int i = 0; i < _rooms.Length; i++)
        {
            _rooms[i] = StorageDataset.Room(i);
        }
    }

    /// <summary>Closes and deletes the copy.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _manager.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Provider.Cleanup();
    }

    /// <summary>Creates an event (the baseline for the decision).</summary>
    /// <returns>The event.</returns>
    [Benchmark(Baseline = true)]
    public Task<CalendarEvent> CreateEvent() => _manager.CreateEventAsync(NextDetails());

    /// <summary>Creates an event and invites a room: the room's AcceptIfPossible decision, in the same transaction as the invitation.</summary>
    /// <returns>The invitation's result.</returns>
    [Benchmark]
    public async Task<InvitationResult> CreateEventAndInviteRoom()
    {
        CalendarEvent e = await _manager.CreateEventAsync(NextDetails());
        return await _manager.InviteAsync(e.Id, [_rooms[_next % _rooms.Length]]);
    }

    private EventDetails NextDetails()
    {
        _next++;
        var start = new LocalDateTime(2026, 1, 5, 8, 0).PlusDays(_next % 357).PlusMinutes(30 * (_next % 20));
        return new EventDetails(EventTiming.Timed(start, DateTimeZone.Utc, Duration.FromHours(1)))
        {
            Title = "Benchmark meeting",
            OrganizerId = StorageDataset.Person(_next % (StorageDataset.Attendees - StorageDataset.Rooms)),
        };
    }
}
