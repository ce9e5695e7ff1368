using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Scheduling;
using Calcore.Storage;
using NodaTime;

namespace Calcore.Benchmarks.Events;

/// <summary>
/// Recurring-events issue target: with 10 thousand series (daily, weekly, monthly and yearly rules) and 100 thousand
/// single events stored, list one attendee's expanded week, and decide AcceptIfPossible for a weekly room booking
/// over 180 days, with the series starting 1 year and 20 years before the window: within 1.5× of each other.
/// </summary>
[MemoryDiagnoser]
public class RecurringCalendarBenchmarks
{
    private const int Attendees = 1_000;
    private static readonly string[] Rules =
    [
        "RRULE:FREQ=DAILY",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=10",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=15",
    ];

    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly LocalDate WindowStart = new(2030, 3, 4);

    private StorageManager _manager = null!;
    private Room _room = null!;
    private Interval[] _weeks = null!;
    private AttendeeId[] _probes = null!;
    private EventDetails _weeklyBooking = null!;
    private int _next;

    /// <summary>Gets or sets how many years before the measured window every series begins.</summary>
    [Params(1, 20)]
    public int YearsBefore { get; set; }

    /// <summary>Builds the calendar: 10k series and 100k single events (scaled down under CALCORE_BENCH_SMOKE=1).</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        int seriesCount = BenchmarkScale.Of(10_000, 100);
        int singleCount = BenchmarkScale.Of(100_000, 1_000);
        var storage = new MemoryStorage();
        var source = new SimpleAttendeeSource();
        _manager = StorageManager.CreateBuilder().UseStorage(storage, ownsStorage: true).UseZone(Zone).AddAttendeeSource(source)
            .UseClock(new FakeClock(WindowStart.AtStartOfDayInZone(Zone).ToInstant())).Build();
        _room = source.CreateRoom(new AttendeeId("room"), "Room");
        var random = new Random(20261122);
        Instant now = WindowStart.AtStartOfDayInZone(Zone).ToInstant();
        LocalDate seriesStart = WindowStart.PlusYears(-YearsBefore);
        var batch = new List<CalendarEvent>();
        for (int i = 0; i < seriesCount; i++)
        {
            var details = new EventDetails(EventTiming.Timed(seriesStart.PlusDays(random.Next(0, 28)).At(new LocalTime(8 + random.Next(0, 9), 0)), Zone, Duration.FromMinutes(30)))
            {
                Title = "Series " + i,
                Recurrence = [Rules[i % Rules.Length]],
            };
            batch.Add(Event("s" + i, details, i % 50 == 0 ? _room.Id : new AttendeeId("a" + (i % Attendees)), now));
        }
        for (int i = 0; i < singleCount; i++)
        {
            LocalDateTime start = WindowStart.PlusDays(random.Next(-400, 400)).At(new LocalTime(8 + random.Next(0, 10), 15 * random.Next(0, 4)));
            var details = new EventDetails(EventTiming.Timed(start, Zone, Duration.FromMinutes(15 * random.Next(1, 8)))) { Title = "Single " + i };
            batch.Add(Event("e" + i, details, i % 200 == 0 ? _room.Id : new AttendeeId("a" + random.Next(Attendees)), now));
        }
        for (int offset = 0; offset < batch.Count; offset += 10_000)
        {
            IStorageTransaction tx = await storage.BeginTransactionAsync([], default);
            await using (tx)
            {
                for (int k = offset; k < Math.Min(offset + 10_000, batch.Count); k++)
                {
                    await tx.InsertEventAsync(batch[k], _manager.SpanOf(batch[k]), default);
                }
                await tx.CommitAsync(default);
            }
        }
        _weeks = new Interval[8];
        for (int w = 0; w < _weeks.Length; w++)
        {
            Instant s = WindowStart.PlusWeeks(w).AtStartOfDayInZone(Zone).ToInstant();
            _weeks[w] = new Interval(s, s + Duration.FromDays(7));
        }
        _probes = new AttendeeId[64];
        for (int p = 0; p < _probes.Length; p++)
        {
            _probes[p] = new AttendeeId("a" + (p * 7 % Attendees));
        }
        _weeklyBooking = new EventDetails(EventTiming.Timed(WindowStart.At(new LocalTime(7, 0)), Zone, Duration.FromHours(1)))
        {
            Title = "Weekly booking",
            Recurrence = ["RRULE:FREQ=WEEKLY"],
        };
    }

    /// <summary>Disposes the manager.</summary>
    [GlobalCleanup]
    public ValueTask CleanupAsync() => _manager.DisposeAsync();

    /// <summary>One attendee's expanded week (single events and instances, ordered).</summary>
    /// <returns>The number of events listed.</returns>
    [Benchmark]
    public async Task<int> ExpandedWeek()
    {
        int i = _next++;
        var events = await _manager.GetEventsAsync(new EventListQuery(_weeks[i % _weeks.Length]) { Attendee = _probes[i % _probes.Length], ExpandRecurrence = true });
        return events.Count;
    }

    /// <summary>The AcceptIfPossible check for a weekly booking over the room's 180-day horizon.</summary>
    /// <returns>The number of conflicting instances.</returns>
    [Benchmark]
    public async Task<int> AcceptIfPossibleWeeklyOver180Days()
    {
        ConflictAnalysis analysis = await _manager.FindConflictsAsync(_room.Id, _weeklyBooking);
        return analysis.ConflictingInstances.Count;
    }

    private static CalendarEvent Event(string id, EventDetails details, AttendeeId attendee, Instant now)
        => new(new EventId(id), details,
            [new Commitment(new CommitmentId("c" + id), attendee, attendee.Value == "room" ? CalendarUserType.Room : CalendarUserType.Individual,
                ParticipationStatus.Accepted, ParticipationRole.RequiredParticipant)], 1, now, now);
}
