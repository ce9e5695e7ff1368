using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using NodaTime;

namespace Calcore.Benchmarks.Storage;

/// <summary>
/// Foundation target: the events of one attendee in a one-week window, with 10 thousand and with 1 million events
/// stored across 10 thousand attendees; the 1-million figure must be within 2× of the 10-thousand one.
/// </summary>
/// <remarks>
/// <para>The calendar (see <see cref="CalendarData"/>) is built once per parameter value, straight through
/// <see cref="IStorage"/> transactions of 10,000 events: seeding 1 million events through
/// <see cref="StorageManager.CreateEventAsync(EventDetails, System.Threading.CancellationToken)"/> and
/// <see cref="StorageManager.InviteAsync"/> is measured in RESULTS-foundation.md and is much slower.</para>
/// <para>Each invocation asks <see cref="StorageManager.GetEventsAsync(AttendeeId, Interval, SearchCriteria?, System.Threading.CancellationToken)"/>
/// about the next of <see cref="Probes"/> (attendee, week) pairs drawn with a fixed seed, so successive calls touch
/// different parts of the indexes, as a server answering many users does.</para>
/// <para>Storage providers derive one class each (EF Core's benchmark layout): <see cref="AttendeeWeekQueryMemory"/>.</para>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ScalingConfig))]
public abstract class AttendeeWeekQuery
{
    /// <summary>The number of distinct (attendee, week) questions asked in turn.</summary>
    public const int Probes = 4096;

    /// <summary>The number of attendees the events are spread across.</summary>
    public const int Attendees = 10_000;

    private StorageManager _manager = null!;
    private (AttendeeId Attendee, Interval Week)[] _probes = null!;
    private int _next;

    /// <summary>Gets or sets the number of stored events.</summary>
    [Params(10_000, 1_000_000)]
    public int Events { get; set; }

    /// <summary>Builds the calendar and the questions.</summary>
    /// <returns>A task that completes when the calendar is stored.</returns>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _manager = StorageManager.CreateBuilder().UseStorage(CreateStorage(), ownsStorage: true).Build();
        var clock = Stopwatch.StartNew();
        long commitments = await CalendarData.SeedThroughStorageAsync(_manager, Events, Attendees, seed: 20261122);
        clock.Stop();
        var random = new Random(7);
        _probes = new (AttendeeId, Interval)[Probes];
        long found = 0;
        for (int i = 0; i < Probes; i++)
        {
            _probes[i] = (CalendarData.Attendee(random.Next(Attendees)), CalendarData.Week(random.Next(CalendarData.Weeks)));
            found += (await _manager.GetEventsAsync(_probes[i].Attendee, _probes[i].Week)).Count;
        }
        Console.WriteLine(FormattableString.Invariant(
            $"// Setup {nameof(AttendeeWeekQuery)} on {_manager.Storage.GetType().Name} Events={Events}: {Events} events, {commitments} commitments stored in {clock.Elapsed.TotalSeconds:0.00} s; {found / (double)Probes:0.00} events per answer on average"));
    }

    /// <summary>Disposes the manager and its storage.</summary>
    /// <returns>A task that completes when disposed.</returns>
    [GlobalCleanup]
    public async Task CleanupAsync() => await _manager.DisposeAsync();

    /// <summary>One attendee's events in one week (the next question in turn).</summary>
    /// <returns>The number of events found.</returns>
    [Benchmark]
    public async Task<int> EventsOfOneAttendeeInOneWeek()
    {
        (AttendeeId attendee, Interval week) = _probes[_next++ & (Probes - 1)];
        IReadOnlyList<CalendarEvent> events = await _manager.GetEventsAsync(attendee, week);
        return events.Count;
    }

    /// <summary>Creates the empty storage under test.</summary>
    /// <returns>The storage; the manager owns and disposes it.</returns>
    protected abstract IStorage CreateStorage();
}

/// <summary><see cref="AttendeeWeekQuery"/> on <see cref="MemoryStorage"/>.</summary>
public class AttendeeWeekQueryMemory : AttendeeWeekQuery
{
    /// <inheritdoc/>
    protected override IStorage CreateStorage() => new MemoryStorage();
}
