using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using NodaTime;

namespace Calcore.Benchmarks.Storage;

/// <summary>
/// Foundation target (restated 2026-12): one attendee's week that returns the same number of events costs, per
/// returned event, within 1.5× at 1 million stored events what it costs at 10 thousand.
/// </summary>
/// <remarks>
/// <para>The calendar is built once per <see cref="Events"/> value and holds exactly that many events:
/// <see cref="ProbeAttendees"/> probe attendees whose calendars are the same at both sizes
/// (<see cref="CalendarData.SeedProbeCalendarsAsync"/>: every week a Tuesday and a Thursday meeting, stored through the
/// manager as an application stores its calendar), and the bulk spread over <see cref="Attendees"/> other attendees,
/// stored straight through <see cref="IStorage"/> transactions (<see cref="CalendarData.SeedThroughStorageAsync"/>, fast
/// enough for 1 million events). Each question is a probe's week, so every answer holds
/// <see cref="EventsPerProbeWeek"/> events at both sizes (the setup checks it) and the Scaling column is the ratio of
/// the per-event costs; the "Per event" column divides the mean by <see cref="EventsPerProbeWeek"/>.</para>
/// <para>The questions rotate through <see cref="Questions"/> (probe, week) pairs drawn with a fixed seed, so successive
/// calls touch different parts of the indexes, as a server answering many users does. The question is asked through
/// the manager's listing (<see cref="ProbeWeekThroughManager"/>, the target) and of the storage directly
/// (<see cref="ProbeWeekThroughStorage"/>, to split the time between the storage and the manager).</para>
/// <para><see cref="GcForceAttribute"/> is off: a forced full collection of the 1-million-event heap before each
/// iteration takes seconds and measures nothing the user sees; the gen0 collections the queries cause are
/// measured.</para>
/// <para>Storage providers derive one class each (EF Core's benchmark layout): <see cref="AttendeeWeekQueryMemory"/>.</para>
/// </remarks>
[MemoryDiagnoser]
[GcForce(false)]
[Config(typeof(AttendeeWeekQueryConfig))]
public abstract class AttendeeWeekQuery
{
    /// <summary>The number of distinct (probe, week) questions asked in turn; a power of two.</summary>
    public const int Questions = 4096;

    /// <summary>The number of attendees the bulk of the events is spread across.</summary>
    public const int Attendees = 10_000;

    /// <summary>The number of probe attendees, whose calendars do not depend on <see cref="Events"/>.</summary>
    public const int ProbeAttendees = 8;

    /// <summary>The number of events in every probe week (see <see cref="CalendarData.SeedProbeCalendarsAsync"/>).</summary>
    public const int EventsPerProbeWeek = 2;

    private StorageManager _manager = null!;
    private (AttendeeId Attendee, Interval Week)[] _questions = null!;
    private int _next;

    /// <summary>Gets or sets the number of stored events.</summary>
    [Params(10_000, 1_000_000)]
    public int Events { get; set; }

    /// <summary>Builds the calendar and the questions, and checks that every question's answer has the same size.</summary>
    /// <returns>A task that completes when the calendar is stored.</returns>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _manager = StorageManager.CreateBuilder().UseStorage(CreateStorage(), ownsStorage: true).Build();
        var clock = Stopwatch.StartNew();
        int probeEvents = await CalendarData.SeedProbeCalendarsAsync(_manager, ProbeAttendees, throughManager: true);
        int bulkEvents = Math.Max(0, BenchmarkScale.Of(Events) - probeEvents);
        await CalendarData.SeedThroughStorageAsync(_manager, bulkEvents, Attendees, seed: 20261122);
        clock.Stop();
        var random = new Random(7);
        _questions = new (AttendeeId, Interval)[Questions];
        for (int i = 0; i < Questions; i++)
        {
            _questions[i] = (CalendarData.ProbeAttendee(random.Next(ProbeAttendees)), CalendarData.Week(random.Next(CalendarData.Weeks)));
            int listed = (await ListThroughManagerAsync(_questions[i].Attendee, _questions[i].Week)).Count;
            int queried = (await QueryStorageAsync(_questions[i].Attendee, _questions[i].Week)).Count;
            if (listed != EventsPerProbeWeek || queried != EventsPerProbeWeek)
            {
                throw new InvalidOperationException($"A probe week should hold {EventsPerProbeWeek} events; question {i} found {listed} through the manager and {queried} in the storage.");
            }
        }
        Console.WriteLine(FormattableString.Invariant(
            $"// Setup {nameof(AttendeeWeekQuery)} on {_manager.Storage.GetType().Name} Events={Events}: {bulkEvents} bulk events + {probeEvents} probe events stored in {clock.Elapsed.TotalSeconds:0.00} s; every answer {EventsPerProbeWeek} events"));
    }

    /// <summary>Disposes the manager and its storage.</summary>
    /// <returns>A task that completes when disposed.</returns>
    [GlobalCleanup]
    public async Task CleanupAsync() => await _manager.DisposeAsync();

    /// <summary>A probe attendee's week through the manager's listing (the next question in turn).</summary>
    /// <returns>The number of events found (<see cref="EventsPerProbeWeek"/>).</returns>
    [Benchmark]
    public async Task<int> ProbeWeekThroughManager()
    {
        (AttendeeId attendee, Interval week) = _questions[_next++ & (Questions - 1)];
        return (await ListThroughManagerAsync(attendee, week)).Count;
    }

    /// <summary>The same question asked of the storage directly (<see cref="IStorage.QueryEventsAsync"/>).</summary>
    /// <returns>The number of events found (<see cref="EventsPerProbeWeek"/>).</returns>
    [Benchmark]
    public async Task<int> ProbeWeekThroughStorage()
    {
        (AttendeeId attendee, Interval week) = _questions[_next++ & (Questions - 1)];
        return (await QueryStorageAsync(attendee, week)).Count;
    }

    /// <summary>Creates the empty storage under test.</summary>
    /// <returns>The storage; the manager owns and disposes it.</returns>
    protected abstract IStorage CreateStorage();

    /// <summary>The manager's plain listing of an attendee's events in a window: the one place this benchmark calls the
    /// manager's listing API.</summary>
    private Task<IReadOnlyList<CalendarEvent>> ListThroughManagerAsync(AttendeeId attendee, Interval week)
        => _manager.GetEventsAsync(new EventListQuery(week) { Attendee = attendee });

    private ValueTask<IReadOnlyList<CalendarEvent>> QueryStorageAsync(AttendeeId attendee, Interval week)
        => _manager.Storage.QueryEventsAsync(new EventQuery { Window = week, Attendee = attendee }, default);
}

/// <summary><see cref="AttendeeWeekQuery"/> on <see cref="MemoryStorage"/>.</summary>
public class AttendeeWeekQueryMemory : AttendeeWeekQuery
{
    /// <inheritdoc/>
    protected override IStorage CreateStorage() => new MemoryStorage();
}

/// <summary><see cref="ScalingConfig"/> plus the cost per returned event of <see cref="AttendeeWeekQuery"/>.</summary>
public sealed class AttendeeWeekQueryConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public AttendeeWeekQueryConfig()
    {
        Add(new ScalingConfig());
        AddColumn(new PerReturnedEventColumn(AttendeeWeekQuery.EventsPerProbeWeek));
    }
}

/// <summary>The mean divided by the number of events every operation returns.</summary>
/// <param name="eventsPerOperation">The number of events every operation returns.</param>
public sealed class PerReturnedEventColumn(int eventsPerOperation) : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(PerReturnedEventColumn);

    /// <inheritdoc/>
    public string ColumnName => "Per event";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 1;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => FormattableString.Invariant($"Mean / {eventsPerOperation} (the events every operation returns), in ns");

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        => summary[benchmarkCase]?.ResultStatistics?.Mean is { } mean
            ? (mean / eventsPerOperation).ToString("0.0 'ns'", CultureInfo.InvariantCulture)
            : "?";
}
