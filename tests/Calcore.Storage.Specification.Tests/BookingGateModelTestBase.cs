using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Storage.Specification.Tests;

/// <summary>
/// A model-based test of the booking gate: random sequences of every operation that can book a room (invite, an answer
/// set for the room on an event or one instance, a room as organizer, move an instance, edit a series, split a series,
/// delete and restore, change the room's policy, extend a booking), each followed by a check of the invariant: no room
/// is ACCEPTED (or TENTATIVE) on two overlapping instances within its commitment's effective period.
/// </summary>
/// <remarks>The operations crowd a few hours of two weeks so that most of them meet a booking; each run logs its seed
/// and operation counts. A failure names the seed, the step and the overlapping pair.</remarks>
public abstract class BookingGateModelTestBase<TFixture> : StorageTestBase<TFixture>
    where TFixture : StorageFixtureBase
{
    private static readonly AttendeeId[] People = [new("ann"), new("bob"), new("cy")];
    private static readonly AttendeeId[] Rooms = [new("room-a"), new("room-b"), new("room-c")];
    private static readonly BookingPolicy[] Policies =
    [
        BookingPolicy.AcceptIfPossible,
        BookingPolicy.AcceptExceptConflicts(2, 0.5),
        BookingPolicy.Manual,
        BookingPolicy.AlwaysAccept,
        BookingPolicy.AcceptIfPossible with { BookingWindow = Duration.FromDays(10) },
        BookingPolicy.AcceptIfPossible with { BookingWindow = Duration.FromDays(8), PastWindow = BookingWindowAction.Decline },
    ];

    protected BookingGateModelTestBase(TFixture fixture)
        : base(fixture)
    {
    }

    /// <summary>How many operations one run makes (<c>CALCORE_MODEL_OPERATIONS</c> overrides it for a longer local run).</summary>
    protected virtual int Operations => int.TryParse(Environment.GetEnvironmentVariable("CALCORE_MODEL_OPERATIONS"), out int n) ? n : 400;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task No_room_is_ever_accepted_on_two_overlapping_instances(int run)
    {
        // A failure names its seed: CALCORE_MODEL_SEED replays it (with the same CALCORE_MODEL_OPERATIONS).
        int seed = int.TryParse(Environment.GetEnvironmentVariable("CALCORE_MODEL_SEED"), out int replay) ? replay : (run * 7919) + (Environment.TickCount % 1000);
        var random = new Random(seed);
        var people = new SimpleAttendeeSource();
        foreach (AttendeeId person in People)
        {
            people.CreateIndividual(person, person.Value);
        }
        await using StorageManager manager = Fixture.CreateManager(Storage, attendees: people);
        // The rooms live in the engine's own directory, where the gate reads their policies inside each write.
        var rooms = new Directory(manager);
        foreach (AttendeeId room in Rooms)
        {
            await rooms.SetAsync(room, Policies[0]);
        }
        var events = new List<EventId>();
        var counts = new Dictionary<string, int>();
        var refused = new Dictionary<string, int>();
        for (int step = 0; step < Operations; step++)
        {
            string op = Pick(random);
            counts[op] = counts.GetValueOrDefault(op) + 1;
            try
            {
                if (Environment.GetEnvironmentVariable("CALCORE_MODEL_TRACE") is { } trace && step >= int.Parse(trace, System.Globalization.CultureInfo.InvariantCulture))
                {
                    Console.WriteLine($"step {step}: {op}");
                }
                await RunAsync(op, manager, rooms, events, random);
            }
            catch (Exception e) when (e is ArgumentException or EventNotFoundException or InvalidOperationException)
            {
                refused[op] = refused.GetValueOrDefault(op) + 1;
                if (Environment.GetEnvironmentVariable("CALCORE_MODEL_VERBOSE") is not null)
                {
                    Console.WriteLine($"  {op}: {e.GetType().Name}: {e.Message}");
                }
            }
            await CheckAsync(manager, rooms, seed, step, op);
        }
        Console.WriteLine($"[{GetType().Name}] seed {seed}: {Operations} operations: "
            + string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value} ({refused.GetValueOrDefault(p.Key)} refused)")));
        counts.Keys.Should().HaveCountGreaterThan(8, "every kind of operation ran");
    }

    private static string Pick(Random random) => random.Next(100) switch
    {
        < 18 => "create",
        < 36 => "invite",
        < 46 => "answer",
        < 52 => "answer-instance",
        < 54 => "room-organizer",
        < 62 => "move-instance",
        < 69 => "edit-series",
        < 75 => "split",
        < 81 => "delete",
        < 85 => "restore",
        < 93 => "policy",
        _ => "extend",
    };

    private static LocalDateTime SomeTime(Random random)
        => new LocalDateTime(2026, 1, 5, 9, 0).PlusDays(random.Next(14)).PlusMinutes(30 * random.Next(8));

    private static EventDetails Details(Random random, AttendeeId organizer)
    {
        string[] recurrence = random.Next(3) switch
        {
            0 => [],
            1 => [$"RRULE:FREQ=DAILY;COUNT={2 + random.Next(12)}"],
            _ => random.Next(2) == 0 ? ["RRULE:FREQ=WEEKLY"] : [$"RRULE:FREQ=WEEKLY;COUNT={2 + random.Next(6)}"],
        };
        return new EventDetails(EventTiming.Timed(SomeTime(random), DateTimeZone.Utc, Duration.FromMinutes(30 * (1 + random.Next(4)))))
        {
            Title = "Meeting",
            OrganizerId = organizer,
            Recurrence = recurrence,
        };
    }

    private static async Task<EventId?> SomeInstanceAsync(StorageManager manager, EventId id, Random random)
    {
        CalendarEvent e = await manager.GetEventAsync(id);
        if (!e.IsRecurring)
        {
            return null;
        }
        var instances = await manager.GetInstancesAsync(id, new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 3, 1, 0, 0)));
        return instances.Count == 0 ? null : instances[random.Next(instances.Count)].Id;
    }

    private static async Task RunAsync(string op, StorageManager manager, Directory rooms, List<EventId> events, Random random)
    {
        AttendeeId room = Rooms[random.Next(Rooms.Length)];
        EventId? target = events.Count == 0 ? null : events[random.Next(events.Count)];
        if (target is { } chosen && op is "answer" or "answer-instance" or "extend" && random.Next(4) != 0
            && await manager.FindEventAsync(chosen) is { } onIt && onIt.Commitments.FirstOrDefault(c => Rooms.Contains(c.AttendeeId)) is { } roomOnIt)
        {
            room = roomOnIt.AttendeeId; // mostly answer for a room that is on the event (otherwise it is refused: invite it)
        }
        switch (op)
        {
            case "create":
                events.Add((await manager.CreateEventAsync(Details(random, People[random.Next(People.Length)]))).Id);
                break;
            case "room-organizer":
                await manager.CreateEventAsync(Details(random, room)); // refused: a room does not organize
                throw new InvalidOperationException("A room organized an event.");
            case "invite" when target is { } id:
                await manager.InviteAsync(id, [room, People[random.Next(People.Length)]]);
                break;
            case "answer" when target is { } id:
                await manager.SetParticipationStatusAsync(id, room, random.Next(3) switch
                {
                    0 => ParticipationStatus.Declined,
                    1 => ParticipationStatus.Tentative,
                    _ => ParticipationStatus.Accepted,
                });
                break;
            case "answer-instance" when target is { } id && await SomeInstanceAsync(manager, id, random) is { } instance:
                await manager.SetParticipationStatusAsync(instance, room, random.Next(4) == 0 ? ParticipationStatus.Declined : ParticipationStatus.Accepted);
                break;
            case "move-instance" when target is { } id && await SomeInstanceAsync(manager, id, random) is { } instance:
                {
                    CalendarEvent current = await manager.GetEventAsync(instance);
                    await manager.UpdateEventAsync(instance, current.Details with { Timing = EventTiming.Timed(SomeTime(random), DateTimeZone.Utc, current.Timing.Duration) });
                    break;
                }
            case "edit-series" when target is { } id:
                {
                    CalendarEvent current = await manager.GetEventAsync(id);
                    EventDetails details = Details(random, current.Details.OrganizerId ?? People[0]);
                    await manager.UpdateEventAsync(id, current.Details with { Timing = details.Timing, Recurrence = current.IsRecurring ? details.Recurrence : current.Recurrence });
                    break;
                }
            case "split" when target is { } id && await SomeInstanceAsync(manager, id, random) is { } instance:
                {
                    LocalDateTime at = SomeTime(random);
                    await manager.UpdateFollowingAsync(instance, d => d with { Timing = EventTiming.Timed(d.Timing.Start.Date + at.TimeOfDay, DateTimeZone.Utc, d.Timing.Duration) });
                    break;
                }
            case "delete" when target is { } id:
                if (random.Next(2) == 0 && await SomeInstanceAsync(manager, id, random) is { } cancelled)
                {
                    await manager.DeleteEventAsync(cancelled);
                }
                else
                {
                    await manager.DeleteEventAsync(id);
                    events.Remove(id);
                }
                break;
            case "restore" when target is { } id && await SomeInstanceAsync(manager, id, random) is { } instance:
                await manager.RestoreInstanceAsync(instance);
                break;
            case "policy":
                await rooms.SetAsync(room, Policies[random.Next(Policies.Length)]);
                break;
            case "extend" when target is { } id:
                await manager.ExtendBookingAsync(id, room);
                break;
            default:
                break; // nothing to act on yet
        }
    }

    /// <summary>The invariant, from what the engine returns: for each room whose current policy checks conflicts, the
    /// instances on which it is ACCEPTED or TENTATIVE (within its effective period; the listing shows it NEEDS-ACTION
    /// outside) do not overlap.</summary>
    private static async Task CheckAsync(StorageManager manager, Directory rooms, int seed, int step, string op)
    {
        var all = new Interval(Instant.FromUtc(2025, 12, 1, 0, 0), Instant.FromUtc(2026, 12, 1, 0, 0));
        foreach (AttendeeId room in Rooms)
        {
            var booked = (await manager.GetEventsAsync(new EventListQuery(all) { Attendee = room, ExpandRecurrence = true }))
                .Where(e => e.Status != EventStatus.Cancelled && e.Transparency == Transparency.Opaque
                    && e.GetParticipationStatus(room) is ParticipationStatus.Accepted or ParticipationStatus.Tentative)
                .Select(e => (Event: e, Interval: e.ToInterval(DateTimeZone.Utc)))
                .OrderBy(b => b.Interval.Start)
                .ToList();
            for (int i = 1; i < booked.Count; i++)
            {
                if (booked[i].Interval.Start < booked[i - 1].Interval.End)
                {
                    string a = await DescribeAsync(manager, booked[i - 1].Event, room);
                    string b = await DescribeAsync(manager, booked[i].Event, room);
                    booked[i].Interval.Start.Should().BeGreaterThanOrEqualTo(booked[i - 1].Interval.End,
                        $"seed {seed}, step {step} ({op}): room {room} ({rooms.Get(room)}) is booked on {a} {booked[i - 1].Interval} and {b} {booked[i].Interval}");
                }
            }
        }
    }

    private static async Task<string> DescribeAsync(StorageManager manager, CalendarEvent e, AttendeeId room)
    {
        if (e.RecurringEventId is not { } seriesId)
        {
            return $"{e.Id} (single, room {e.FindCommitment(room)})";
        }
        CalendarEvent series = await manager.GetEventAsync(seriesId);
        return $"{e.Id} (series [{string.Join(" ", series.Recurrence)}] from {series.Timing.Start} split from {series.SplitFromId}, v{series.Version}, room {series.FindCommitment(room)}, "
            + $"overrides {string.Join("; ", series.Overrides.Select(o => o.ToString()))})";
    }

    /// <summary>The rooms' records in the engine's directory, whose policies the test changes between operations.</summary>
    private sealed class Directory(StorageManager manager)
    {
        private readonly Dictionary<AttendeeId, BookingPolicy> _policies = [];

        public async Task SetAsync(AttendeeId id, BookingPolicy policy)
        {
            // An AlwaysAccept room does not check conflicts by design: the model keeps the checking policies only, and
            // AlwaysAccept is exercised in the gate's own tests.
            BookingPolicy kept = policy.Automation == InviteAutomation.AlwaysAccept ? BookingPolicy.AcceptIfPossible : policy;
            await manager.SaveAttendeeAsync(new AttendeeRecord(id, CalendarUserType.Room, id.Value, kept));
            _policies[id] = kept;
        }

        public BookingPolicy Get(AttendeeId id) => _policies[id];
    }
}
