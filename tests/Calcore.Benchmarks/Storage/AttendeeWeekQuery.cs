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
/// <para>The calendar is built once per parameter value. It holds exactly <see cref="Events"/> events:
/// <see cref="ProbeAttendees"/> probe attendees with 2 events a week each
/// (<see cref="CalendarData.SeedProbeCalendarsAsync"/>), and the rest spread over <see cref="Attendees"/>
/// attendees. <see cref="WrittenThrough"/> says how it was stored:</para>
/// <list type="bullet">
/// <item><description><see cref="Writer.Manager"/>, the target: through the public API, as an application stores its
/// calendar (<see cref="StorageManager.CreateEventAsync"/> and
/// <see cref="StorageManager.InviteAsync"/> per event, <see cref="CalendarData.SeedThroughManagerAsync"/>; about 50 s
/// for 1 million events). The stored snapshots are bound to the manager that asks.</description></item>
/// <item><description><see cref="Writer.Storage"/>: straight through <see cref="IStorage"/> transactions of 10,000
/// events (<see cref="CalendarData.SeedThroughStorageAsync"/>), as another writer leaves a storage: the manager
/// reads each snapshot it returns and binds a copy of it to itself.</description></item>
/// </list>
/// <para>Two questions, each rotating through <see cref="Questions"/> (attendee, week) pairs drawn with a fixed
/// seed, so successive calls touch different parts of the indexes, as a server answering many users does:</para>
/// <list type="bullet">
/// <item><description><see cref="EventsOfOneAttendeeInOneWeek"/>, the target as written: a random attendee of the
/// population. Each attendee has 100× more events at 1 million than at 10 thousand, so the answer grows too (about
/// 0.02 events on average at 10 thousand, 2 at 1 million).</description></item>
/// <item><description><see cref="EventsOfProbeAttendeeInOneWeek"/>: a probe attendee, whose calendar (and so the
/// answer, 2 events) is the same at both sizes. Its scaling isolates what the size of the storage costs.</description></item>
/// <item><description><see cref="StorageQueryOfOneAttendeeInOneWeek"/>: the first question asked of
/// <see cref="IStorage"/> directly, to split the time between the storage and the manager.</description></item>
/// </list>
/// <para><see cref="GcForceAttribute"/> is off: a forced full collection of the 1-million-event heap before each
/// iteration takes seconds and measures nothing the user sees; the gen0 collections the queries cause are
/// measured.</para>
/// <para>Storage providers derive one class each (EF Core's benchmark layout): <see cref="AttendeeWeekQueryMemory"/>.</para>
/// </remarks>
[MemoryDiagnoser]
[GcForce(false)]
[Config(typeof(ScalingConfig))]
public abstract class AttendeeWeekQuery
{
    /// <summary>The number of distinct (attendee, week) questions asked in turn; a power of two.</summary>
    public const int Questions = 4096;

    /// <summary>The number of attendees the population's events are spread across.</summary>
    public const int Attendees = 10_000;

    /// <summary>The number of probe attendees, whose calendars do not depend on <see cref="Events"/>.</summary>
    public const int ProbeAttendees = 8;

    private StorageManager _manager = null!;
    private (AttendeeId Attendee, Interval Week)[] _population = null!;
    private (AttendeeId Attendee, Interval Week)[] _probes = null!;
    private int _next;

    /// <summary>How the calendar is stored.</summary>
    public enum Writer
    {
        /// <summary>Through the manager's public API.</summary>
        Manager,

        /// <summary>Straight through <see cref="IStorage"/> transactions.</summary>
        Storage,
    }

    /// <summary>Gets or sets the number of stored events.</summary>
    [Params(10_000, 1_000_000)]
    public int Events { get; set; }

    /// <summary>Gets or sets how the calendar is stored.</summary>
    [Params(Writer.Manager, Writer.Storage)]
    public Writer WrittenThrough { get; set; }

    /// <summary>Builds the calendar and the questions.</summary>
    /// <returns>A task that completes when the calendar is stored.</returns>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _manager = StorageManager.CreateBuilder().UseStorage(CreateStorage(), ownsStorage: true).Build();
        var clock = Stopwatch.StartNew();
        bool throughManager = WrittenThrough == Writer.Manager;
        int probeEvents = await CalendarData.SeedProbeCalendarsAsync(_manager, ProbeAttendees, throughManager);
        int populationEvents = BenchmarkScale.Of(Events) - probeEvents;
        if (throughManager)
        {
            await CalendarData.SeedThroughManagerAsync(_manager, new SimpleAttendeeSource(), populationEvents, Attendees, seed: 20261122);
        }
        else
        {
            await CalendarData.SeedThroughStorageAsync(_manager, populationEvents, Attendees, seed: 20261122);
        }
        clock.Stop();
        var random = new Random(7);
        _population = new (AttendeeId, Interval)[Questions];
        _probes = new (AttendeeId, Interval)[Questions];
        long found = 0;
        long foundProbe = 0;
        for (int i = 0; i < Questions; i++)
        {
            _population[i] = (CalendarData.Attendee(random.Next(Attendees)), CalendarData.Week(random.Next(CalendarData.Weeks)));
            _probes[i] = (CalendarData.ProbeAttendee(random.Next(ProbeAttendees)), CalendarData.Week(random.Next(CalendarData.Weeks)));
            found += (await _manager.GetEventsAsync(new EventListQuery(_population[i].Week) { Attendee = _population[i].Attendee })).Count;
            foundProbe += (await _manager.GetEventsAsync(new EventListQuery(_probes[i].Week) { Attendee = _probes[i].Attendee })).Count;
        }
        if (foundProbe != 2L * Questions)
        {
            throw new InvalidOperationException($"A probe week should hold 2 events; {foundProbe} found over {Questions} questions.");
        }
        Console.WriteLine(FormattableString.Invariant(
            $"// Setup {nameof(AttendeeWeekQuery)} on {_manager.Storage.GetType().Name} Events={Events}, written through {WrittenThrough}: {populationEvents} population events + {probeEvents} probe events stored in {clock.Elapsed.TotalSeconds:0.00} s; answers: population {found / (double)Questions:0.000} events on average, probe 2"));
    }

    /// <summary>Disposes the manager and its storage.</summary>
    /// <returns>A task that completes when disposed.</returns>
    [GlobalCleanup]
    public async Task CleanupAsync() => await _manager.DisposeAsync();

    /// <summary>A random population attendee's events in one week (the next question in turn).</summary>
    /// <returns>The number of events found.</returns>
    [Benchmark]
    public async Task<int> EventsOfOneAttendeeInOneWeek()
    {
        (AttendeeId attendee, Interval week) = _population[_next++ & (Questions - 1)];
        IReadOnlyList<CalendarEvent> events = await _manager.GetEventsAsync(new EventListQuery(week) { Attendee = attendee });
        return events.Count;
    }

    /// <summary>A probe attendee's events in one week (always 2; the next question in turn).</summary>
    /// <returns>The number of events found.</returns>
    [Benchmark]
    public async Task<int> EventsOfProbeAttendeeInOneWeek()
    {
        (AttendeeId attendee, Interval week) = _probes[_next++ & (Questions - 1)];
        IReadOnlyList<CalendarEvent> events = await _manager.GetEventsAsync(new EventListQuery(week) { Attendee = attendee });
        return events.Count;
    }

    /// <summary>
    /// The same question as <see cref="EventsOfOneAttendeeInOneWeek"/> asked of the storage directly
    /// (<see cref="IStorage.QueryEventsAsync"/>): the difference to it is the manager's share.
    /// </summary>
    /// <returns>The number of events found.</returns>
    [Benchmark]
    public async Task<int> StorageQueryOfOneAttendeeInOneWeek()
    {
        (AttendeeId attendee, Interval week) = _population[_next++ & (Questions - 1)];
        IReadOnlyList<CalendarEvent> events = await _manager.Storage.QueryEventsAsync(new EventQuery { Window = week, Attendee = attendee }, default);
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
