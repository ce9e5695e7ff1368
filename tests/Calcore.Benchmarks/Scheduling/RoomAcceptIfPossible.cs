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
/// Foundation target: an <see cref="BookingPolicy.AcceptIfPossible"/> decision for a room holding 100 thousand
/// bookings vs one holding 100; the 100-thousand figure must be within 2× of the 100 one.
/// </summary>
/// <remarks>
/// <para>The room is booked back to back through the public API (<see cref="CalendarData.BookRoomAsync"/>): one
/// hour booked, one hour free, <see cref="Bookings"/> times. One operation is
/// <see cref="StorageManager.InviteAsync"/> of the room to an event that already exists and sits in the first half
/// of a free hour, right after a booking (back to back, so the storage returns a neighbour that the policy must
/// rule out). The room accepts every time; a decline fails the run.</para>
/// <para>State must not grow across iterations, or later iterations would measure a fuller room, and a slot used
/// twice would be declined. So every iteration runs exactly <see cref="InvitationsPerIteration"/> operations
/// (<see cref="InvocationCountAttribute"/>): <see cref="CreateEvents"/> (<c>[IterationSetup]</c>) creates that
/// many fresh events, each in its own free hour spread evenly over the room's calendar, and
/// <see cref="DeleteEvents"/> (<c>[IterationCleanup]</c>) deletes them, which takes the room back to exactly
/// <see cref="Bookings"/> bookings. Neither is timed.</para>
/// <para>The room's booking window (180 days from the manager's clock) would decline the bookings 22 years ahead, so
/// the manager runs on a <see cref="FakeClock"/>: the setup sets it to an hour before each booking, and each
/// invocation sets it to an hour before its event, just before the invitation. That is one field write inside the
/// timed call (BenchmarkDotNet has no per-invocation setup when an iteration runs 64 invocations); the decision is
/// still an <see cref="BookingPolicy.AcceptIfPossible"/> acceptance that looks for conflicts.</para>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(ScalingConfig))]
[InvocationCount(InvitationsPerIteration)]
public abstract class RoomAcceptIfPossible
{
    /// <summary>The number of invitations per iteration; at most the smallest <see cref="Bookings"/>.</summary>
    public const int InvitationsPerIteration = 64;

    private readonly EventId[] _events = new EventId[InvitationsPerIteration];
    private readonly ParticipationStatus[] _answers = new ParticipationStatus[InvitationsPerIteration];
    private readonly Instant[] _nows = new Instant[InvitationsPerIteration];
    private readonly FakeClock _clock = new(CalendarData.JustBefore(CalendarData.RoomOrigin));
    private EventDetails[] _details = null!;
    private StorageManager _manager = null!;
    private Attendee _organizer = null!;
    private AttendeeId[] _room = null!;
    private int _next;

    /// <summary>Gets or sets the number of bookings the room holds.</summary>
    [Params(100, 100_000)]
    public int Bookings { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether one organizer made every booking and organizes the invited events
    /// (true), or the bookings are spread over 1,000 organizers and the invited events have an organizer of their own
    /// (false). The second shows what the organizer's own index costs when an invitation re-indexes the event.
    /// </summary>
    [Params(true, false)]
    public bool OneOrganizer { get; set; }

    /// <summary>Books the room and prepares the events it will be invited to.</summary>
    /// <returns>A task that completes when the room is booked.</returns>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        var source = new SimpleAttendeeSource();
        _manager = StorageManager.CreateBuilder().UseStorage(CreateStorage(), ownsStorage: true).AddAttendeeSource(source).UseClock(_clock).Build();
        _organizer = source.CreateIndividual(new AttendeeId("organizer"), "Organizer");
        Room room = source.CreateRoom(new AttendeeId("room-1"), "Board room");
        _room = [room.Id];
        Attendee[] bookers = OneOrganizer ? [_organizer] : CreateBookers(source, 1_000);
        var clock = Stopwatch.StartNew();
        await CalendarData.BookRoomAsync(_manager, room, bookers, BenchmarkScale.Of(Bookings, 200), _clock);
        clock.Stop();
        _details = new EventDetails[InvitationsPerIteration];
        for (int i = 0; i < InvitationsPerIteration; i++)
        {
            int gap = (int)((long)i * Bookings / InvitationsPerIteration);
            _nows[i] = CalendarData.JustBefore(CalendarData.RoomGap(gap));
            _details[i] = new EventDetails(EventTiming.Timed(CalendarData.RoomGap(gap), DateTimeZone.Utc, Duration.FromMinutes(30)))
            {
                Title = "Invited",
                OrganizerId = _organizer.Id,
            };
        }
        int rounds = await WarmUpAsync();
        Console.WriteLine(FormattableString.Invariant(
            $"// Setup {nameof(RoomAcceptIfPossible)} on {_manager.Storage.GetType().Name} Bookings={Bookings} OneOrganizer={OneOrganizer}: {Bookings} bookings created and accepted through the manager in {clock.Elapsed.TotalSeconds:0.00} s; {rounds} warm-up rounds"));
    }

    private static Attendee[] CreateBookers(SimpleAttendeeSource source, int count)
    {
        var bookers = new Attendee[count];
        for (int i = 0; i < count; i++)
        {
            bookers[i] = source.CreateIndividual(CalendarData.Attendee(i), "Booker " + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return bookers;
    }

    /// <summary>
    /// Runs whole iterations (setup, invitations, cleanup) for at least two seconds, so the measured code is fully
    /// tiered up at both sizes: with 64 short invocations per iteration, BenchmarkDotNet's warm-up alone lasts a few
    /// milliseconds, and the 100-booking room would be measured on tier-0 code while the 100,000-booking room's
    /// setup has already run the same paths 100,000 times.
    /// </summary>
    private async Task<int> WarmUpAsync()
    {
        var clock = Stopwatch.StartNew();
        int rounds = 0;
        while (rounds < 20 || clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            CreateEvents();
            for (int i = 0; i < InvitationsPerIteration; i++)
            {
                await InviteRoom();
            }
            DeleteEvents();
            rounds++;
        }
        return rounds;
    }

    /// <summary>Creates this iteration's fresh events (not timed).</summary>
    [IterationSetup]
    public void CreateEvents()
    {
        for (int i = 0; i < InvitationsPerIteration; i++)
        {
            _events[i] = _manager.CreateEventAsync(_details[i]).GetAwaiter().GetResult().Id;
        }
        _next = 0;
    }

    /// <summary>Checks that the room accepted every invitation, then deletes this iteration's events (not timed).</summary>
    [IterationCleanup]
    public void DeleteEvents()
    {
        for (int i = 0; i < InvitationsPerIteration; i++)
        {
            _manager.DeleteEventAsync(_events[i]).GetAwaiter().GetResult();
        }
        for (int i = 0; i < _next; i++)
        {
            if (_answers[i] != ParticipationStatus.Accepted)
            {
                throw new InvalidOperationException($"Invitation {i} was answered {_answers[i]}, not Accepted: the benchmark no longer measures an accepting decision.");
            }
        }
    }

    /// <summary>Disposes the manager and its storage.</summary>
    /// <returns>A task that completes when disposed.</returns>
    [GlobalCleanup]
    public async Task CleanupAsync() => await _manager.DisposeAsync();

    /// <summary>Invites the room to the next fresh event, with the clock an hour before it; its policy looks for
    /// conflicts and accepts.</summary>
    /// <returns>The invitation's result.</returns>
    [Benchmark]
    public async Task<InvitationResult> InviteRoom()
    {
        int i = _next++;
        _clock.Reset(_nows[i]);
        InvitationResult result = await _manager.InviteAsync(_events[i], _room);
        _answers[i] = result.Outcomes[0].Status;
        return result;
    }

    /// <summary>Creates the empty storage under test.</summary>
    /// <returns>The storage; the manager owns and disposes it.</returns>
    protected abstract IStorage CreateStorage();
}

/// <summary><see cref="RoomAcceptIfPossible"/> on <see cref="MemoryStorage"/>.</summary>
public class RoomAcceptIfPossibleMemory : RoomAcceptIfPossible
{
    /// <inheritdoc/>
    protected override IStorage CreateStorage() => new MemoryStorage();
}
