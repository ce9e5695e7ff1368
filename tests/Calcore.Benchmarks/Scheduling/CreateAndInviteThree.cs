using System;
using System.Diagnostics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using NodaTime;

namespace Calcore.Benchmarks.Scheduling;

/// <summary>
/// Foundation target: create an event and invite three attendees, reported in operations per second (the Op/s
/// column). One operation is <see cref="StorageManager.CreateEventAsync"/>
/// with an organizer plus one <see cref="StorageManager.InviteAsync"/> of two individuals (Manual policy: NEEDS-ACTION)
/// and a room (<see cref="BookingPolicy.AcceptIfPossible"/>: it looks for conflicts and accepts).
/// </summary>
/// <remarks>
/// <para>The storage is not empty: it holds the 10,000-event calendar of <see cref="CalendarData"/> (the
/// organizer and the two individuals are attendees of it), and the room holds <see cref="RoomBookings"/> bookings
/// made through the manager.</para>
/// <para>Every iteration runs exactly <see cref="OperationsPerIteration"/> operations, each at its own free hour of
/// the room; <see cref="DeleteEvents"/> (<c>[IterationCleanup]</c>, not timed) checks that the room accepted
/// them all and deletes them, so every iteration starts from the same storage.</para>
/// <para>The manager runs on a <see cref="FakeClock"/>: the setup sets it to an hour before each booking (so the
/// room's 180-day booking window admits it whatever the date of the run), and <see cref="StartIteration"/> (not timed)
/// sets it to an hour before <see cref="CalendarData.RoomOrigin"/>, from where every measured event (within the room's
/// first 2,000 hours) lies inside the window.</para>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ScalingConfig))]
[InvocationCount(OperationsPerIteration)]
public abstract class CreateAndInviteThree
{
    /// <summary>The number of operations per iteration; at most <see cref="RoomBookings"/>.</summary>
    public const int OperationsPerIteration = 256;

    /// <summary>The number of bookings the room holds before the benchmark.</summary>
    public const int RoomBookings = 1_000;

    private readonly EventId[] _created = new EventId[OperationsPerIteration];
    private readonly ParticipationStatus[] _roomAnswers = new ParticipationStatus[OperationsPerIteration];
    private EventDetails[] _details = null!;
    private StorageManager _manager = null!;
    private AttendeeId[] _invitees = null!;
    private readonly FakeClock _clock = new(CalendarData.JustBefore(CalendarData.RoomOrigin));
    private int _next;

    /// <summary>Seeds the storage, books the room and prepares the events' details.</summary>
    /// <returns>A task that completes when the storage is ready.</returns>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        var source = new SimpleAttendeeSource();
        _manager = StorageManager.CreateBuilder().UseStorage(CreateStorage(), ownsStorage: true).AddAttendeeSource(source).UseClock(_clock).Build();
        var clock = Stopwatch.StartNew();
        await CalendarData.SeedThroughStorageAsync(_manager, 10_000, 10_000, seed: 20261122);
        Individual organizer = source.CreateIndividual(CalendarData.Attendee(1), "Organizer");
        Room room = source.CreateRoom(new AttendeeId("room-1"), "Board room");
        await CalendarData.BookRoomAsync(_manager, room, [organizer], RoomBookings, _clock);
        clock.Stop();
        _invitees = [source.CreateIndividual(CalendarData.Attendee(2), "Ada").Id, source.CreateIndividual(CalendarData.Attendee(3), "Grace").Id, room.Id];
        _details = new EventDetails[OperationsPerIteration];
        for (int i = 0; i < OperationsPerIteration; i++)
        {
            int gap = (int)((long)i * RoomBookings / OperationsPerIteration);
            _details[i] = new EventDetails(EventTiming.Timed(CalendarData.RoomGap(gap), DateTimeZone.Utc, Duration.FromMinutes(30)))
            {
                Title = "Project kick-off",
                Location = "Board room",
                OrganizerId = organizer.Id,
            };
        }
        int rounds = await WarmUpAsync();
        Console.WriteLine(FormattableString.Invariant(
            $"// Setup {nameof(CreateAndInviteThree)} on {_manager.Storage.GetType().Name}: 10000 events and {RoomBookings} room bookings in {clock.Elapsed.TotalSeconds:0.00} s; {rounds} warm-up rounds"));
    }

    /// <summary>Runs whole iterations for at least two seconds, so the measured code is fully tiered up (see <see cref="RoomAcceptIfPossible"/>).</summary>
    private async Task<int> WarmUpAsync()
    {
        var clock = Stopwatch.StartNew();
        int rounds = 0;
        while (rounds < 8 || clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            StartIteration();
            for (int i = 0; i < OperationsPerIteration; i++)
            {
                await CreateEventAndInviteThree();
            }
            DeleteEvents();
            rounds++;
        }
        return rounds;
    }

    /// <summary>Starts an iteration (not timed): the clock an hour before the room's first booking.</summary>
    [IterationSetup]
    public void StartIteration()
    {
        _clock.Reset(CalendarData.JustBefore(CalendarData.RoomOrigin));
        _next = 0;
    }

    /// <summary>Checks that the room accepted every invitation, then deletes this iteration's events (not timed).</summary>
    [IterationCleanup]
    public void DeleteEvents()
    {
        for (int i = 0; i < _next; i++)
        {
            _manager.DeleteEventAsync(_created[i]).GetAwaiter().GetResult();
            if (_roomAnswers[i] != ParticipationStatus.Accepted)
            {
                throw new InvalidOperationException($"The room answered {_roomAnswers[i]} to operation {i}, not Accepted.");
            }
        }
    }

    /// <summary>Disposes the manager and its storage.</summary>
    /// <returns>A task that completes when disposed.</returns>
    [GlobalCleanup]
    public async Task CleanupAsync() => await _manager.DisposeAsync();

    /// <summary>Creates an event and invites two individuals and a room to it.</summary>
    /// <returns>The invitation's result.</returns>
    [Benchmark]
    public async Task<InvitationResult> CreateEventAndInviteThree()
    {
        int i = _next++;
        CalendarEvent created = await _manager.CreateEventAsync(_details[i]);
        InvitationResult result = await _manager.InviteAsync(created.Id, _invitees);
        _created[i] = created.Id;
        _roomAnswers[i] = result.Outcomes[2].Status;
        return result;
    }

    /// <summary>Creates the empty storage under test.</summary>
    /// <returns>The storage; the manager owns and disposes it.</returns>
    protected abstract IStorage CreateStorage();
}

/// <summary><see cref="CreateAndInviteThree"/> on <see cref="MemoryStorage"/>.</summary>
public class CreateAndInviteThreeMemory : CreateAndInviteThree
{
    /// <inheritdoc/>
    protected override IStorage CreateStorage() => new MemoryStorage();
}
