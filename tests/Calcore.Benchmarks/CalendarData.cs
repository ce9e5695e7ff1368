using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using NodaTime;

namespace Calcore.Benchmarks;

/// <summary>
/// Deterministic synthetic calendars for the benchmarks: a population of attendees with events spread over two
/// years of office hours, and rooms booked back to back.
/// </summary>
/// <remarks>
/// <para>Events start on any day of the 104 weeks from <see cref="FirstDay"/>, between 08:00 and 18:00 Paris time on
/// a 15-minute grid, and last 15 minutes to 3 hours; 5% are all-day (1 day, or 2–5 days for one in five of those).
/// Each has 1–3 distinct attendees; the first is the organizer (ACCEPTED), the others answer ACCEPTED 60%,
/// NEEDS-ACTION 25%, TENTATIVE 10%, DECLINED 5%. The same seed gives the same calendar.</para>
/// <para>This type is stateless and thread-safe.</para>
/// </remarks>
public static class CalendarData
{
    /// <summary>The first day of the calendar (a Monday).</summary>
    public static readonly LocalDate FirstDay = new(2026, 1, 5);

    /// <summary>The number of weeks events are spread over.</summary>
    public const int Weeks = 104;

    /// <summary>The zone of the timed events.</summary>
    public static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    /// <summary>The start of the room calendars (UTC, so that back-to-back bookings never meet a DST change).</summary>
    public static readonly LocalDateTime RoomOrigin = new(2026, 1, 5, 0, 0);

    private static readonly string[] Titles = ["Stand-up", "1:1", "Planning", "Review", "Design sync", "Customer call", "Interview", "Lunch", "Workshop", "Retro"];

    /// <summary>The id of attendee number <paramref name="index"/> (a00000, a00001, …).</summary>
    /// <param name="index">The attendee number.</param>
    /// <returns>The id.</returns>
    public static AttendeeId Attendee(int index) => new(string.Create(CultureInfo.InvariantCulture, $"a{index:D5}"));

    /// <summary>The half-open window of week <paramref name="week"/> (Monday 00:00 to Monday 00:00, Paris time).</summary>
    /// <param name="week">The week number, from 0.</param>
    /// <returns>The window.</returns>
    public static Interval Week(int week)
    {
        LocalDate monday = FirstDay.PlusWeeks(week);
        return new Interval(Paris.AtStartOfDay(monday).ToInstant(), Paris.AtStartOfDay(monday.PlusWeeks(1)).ToInstant());
    }

    /// <summary>
    /// Stores <paramref name="eventCount"/> events among <paramref name="attendeeCount"/> attendees directly through
    /// <see cref="IStorage"/> transactions of <paramref name="batchSize"/> events: the fast path for large data.
    /// </summary>
    /// <param name="manager">The manager whose storage is filled and whose zone places all-day events.</param>
    /// <param name="eventCount">The number of events.</param>
    /// <param name="attendeeCount">The number of attendees.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="batchSize">The number of events per storage transaction.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The number of commitments stored.</returns>
    public static async Task<long> SeedThroughStorageAsync(StorageManager manager, int eventCount, int attendeeCount, int seed, int batchSize = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        AttendeeId[] ids = AttendeeIds(attendeeCount);
        var random = new Random(seed);
        Instant now = Paris.AtStartOfDay(FirstDay.PlusDays(-30)).ToInstant();
        long commitments = 0;
        var batch = new List<CalendarEvent>(batchSize);
        var locked = new HashSet<AttendeeId>();
        for (int first = 0; first < eventCount; first += batchSize)
        {
            batch.Clear();
            locked.Clear();
            for (int n = first; n < Math.Min(eventCount, first + batchSize); n++)
            {
                (EventDetails details, int[] attendees) = NextEvent(random, ids);
                var list = new Commitment[attendees.Length];
                for (int k = 0; k < attendees.Length; k++)
                {
                    list[k] = new Commitment(
                        new CommitmentId(string.Create(CultureInfo.InvariantCulture, $"c{n:D7}-{k}")),
                        ids[attendees[k]],
                        CalendarUserType.Individual,
                        k == 0 ? ParticipationStatus.Accepted : NextAnswer(random),
                        ParticipationRole.RequiredParticipant);
                    locked.Add(ids[attendees[k]]);
                }
                commitments += list.Length;
                batch.Add(new CalendarEvent(EventIdOf(n), details, list, 1, now, now));
            }
            IStorageTransaction tx = await manager.Storage.BeginTransactionAsync([.. locked], cancellationToken);
            await using (tx)
            {
                foreach (CalendarEvent e in batch)
                {
                    await tx.InsertEventAsync(e, e.ToInterval(manager.Zone), cancellationToken);
                }
                await tx.CommitAsync(cancellationToken);
            }
        }
        return commitments;
    }

    /// <summary>The id of probe attendee number <paramref name="index"/> (p0, p1, …): see <see cref="SeedProbeCalendarsAsync"/>.</summary>
    /// <param name="index">The probe number.</param>
    /// <returns>The id.</returns>
    public static AttendeeId ProbeAttendee(int index) => new(string.Create(CultureInfo.InvariantCulture, $"p{index}"));

    /// <summary>
    /// Stores the same calendar for each of <paramref name="probes"/> probe attendees: every week of the
    /// <see cref="Weeks"/>, a Tuesday 10:00–11:00 and a Thursday 14:00–15:30 meeting (Paris), the probe alone on it
    /// and ACCEPTED. A week query for a probe therefore returns 2 events whatever else is stored.
    /// </summary>
    /// <param name="manager">The manager whose storage is filled.</param>
    /// <param name="probes">The number of probe attendees.</param>
    /// <param name="throughManager">Whether to store each event with <see cref="StorageManager.CreateEventAsync(EventDetails, EventId?, CancellationToken)"/>
    /// (the probe is its organizer, ACCEPTED), instead of one <see cref="IStorage"/> transaction.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The number of events stored (<paramref name="probes"/> × 2 × <see cref="Weeks"/>).</returns>
    public static async Task<int> SeedProbeCalendarsAsync(StorageManager manager, int probes, bool throughManager = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        Instant now = Paris.AtStartOfDay(FirstDay.PlusDays(-30)).ToInstant();
        var locked = new AttendeeId[probes];
        var events = new List<CalendarEvent>(probes * 2 * Weeks);
        for (int p = 0; p < probes; p++)
        {
            AttendeeId probe = ProbeAttendee(p);
            locked[p] = probe;
            for (int week = 0; week < Weeks; week++)
            {
                LocalDate monday = FirstDay.PlusWeeks(week);
                (LocalDateTime Start, int Minutes)[] meetings = [(monday.PlusDays(1).At(new LocalTime(10, 0)), 60), (monday.PlusDays(3).At(new LocalTime(14, 0)), 90)];
                for (int k = 0; k < meetings.Length; k++)
                {
                    var details = new EventDetails(EventTiming.Timed(meetings[k].Start, Paris, Duration.FromMinutes(meetings[k].Minutes)))
                    {
                        Title = Titles[k],
                        OrganizerId = probe,
                    };
                    string id = string.Create(CultureInfo.InvariantCulture, $"{probe.Value}-{week:D3}-{k}");
                    var commitment = new Commitment(new CommitmentId("c" + id), probe, CalendarUserType.Individual, ParticipationStatus.Accepted, ParticipationRole.RequiredParticipant);
                    events.Add(new CalendarEvent(new EventId(id), details, [commitment], 1, now, now));
                }
            }
        }
        if (throughManager)
        {
            foreach (CalendarEvent e in events)
            {
                await manager.CreateEventAsync(e.Details, e.Id, cancellationToken);
            }
            return events.Count;
        }
        IStorageTransaction tx = await manager.Storage.BeginTransactionAsync(locked, cancellationToken);
        await using (tx)
        {
            foreach (CalendarEvent e in events)
            {
                await tx.InsertEventAsync(e, e.ToInterval(manager.Zone), cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
        }
        return events.Count;
    }

    /// <summary>
    /// Stores the same calendar as <see cref="SeedThroughStorageAsync"/> (same times and attendees, but generated
    /// ids, and every invitee NEEDS-ACTION) through the public API: one <see cref="StorageManager.CreateEventAsync"/>
    /// and one <see cref="StorageManager.InviteAsync"/> per event. Used to measure what seeding through the
    /// manager costs.
    /// </summary>
    /// <param name="manager">The manager.</param>
    /// <param name="source">A source that holds (or will hold) the attendees as individuals.</param>
    /// <param name="eventCount">The number of events.</param>
    /// <param name="attendeeCount">The number of attendees.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when every event is stored.</returns>
    public static async Task SeedThroughManagerAsync(StorageManager manager, SimpleAttendeeSource source, int eventCount, int attendeeCount, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(source);
        AttendeeId[] ids = AttendeeIds(attendeeCount);
        var people = new Attendee[attendeeCount];
        for (int i = 0; i < attendeeCount; i++)
        {
            people[i] = source.FindAttendee(ids[i]) ?? source.CreateIndividual(ids[i], ids[i].Value);
        }
        var random = new Random(seed);
        for (int n = 0; n < eventCount; n++)
        {
            (EventDetails details, int[] attendees) = NextEvent(random, ids);
            for (int k = 1; k < attendees.Length; k++)
            {
                NextAnswer(random);
            }
            CalendarEvent created = await manager.CreateEventAsync(details, null, cancellationToken);
            if (attendees.Length > 1)
            {
                var invitees = new AttendeeId[attendees.Length - 1];
                for (int k = 1; k < attendees.Length; k++)
                {
                    invitees[k - 1] = people[attendees[k]].Id;
                }
                await manager.InviteAsync(created.Id, invitees, cancellationToken: cancellationToken);
            }
        }
    }

    /// <summary>
    /// Books a room back to back through the public API: booking <c>i</c> is the hour from
    /// <see cref="RoomOrigin"/> + 2·i hours, so the hour after each booking (<see cref="RoomGap"/>) is free.
    /// </summary>
    /// <param name="manager">The manager.</param>
    /// <param name="room">The room (its policy decides; AcceptIfPossible accepts every one of these).</param>
    /// <param name="organizers">The organizers of the bookings, taken in turn.</param>
    /// <param name="bookings">The number of bookings.</param>
    /// <param name="clock">The manager's clock, set to an hour before each booking so that the room's booking window
    /// (180 days from now by default) admits it: 100,000 bookings reach 22 years ahead. Null leaves the manager's
    /// clock alone (then every booking must start within the window from its real now).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when every booking is stored.</returns>
    public static async Task BookRoomAsync(StorageManager manager, Room room, IReadOnlyList<Attendee> organizers, int bookings, FakeClock? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(organizers);
        AttendeeId[] invitees = [room.Id];
        for (int i = 0; i < bookings; i++)
        {
            var details = new EventDetails(EventTiming.Timed(RoomOrigin.PlusHours(2L * i), DateTimeZone.Utc, Duration.FromHours(1)))
            {
                Title = Titles[i % Titles.Length],
                OrganizerId = organizers[i % organizers.Count].Id,
            };
            clock?.Reset(JustBefore(RoomOrigin.PlusHours(2L * i)));
            CalendarEvent created = await manager.CreateEventAsync(details, null, cancellationToken);
            InvitationResult result = await manager.InviteAsync(created.Id, invitees, cancellationToken: cancellationToken);
            if (result.Outcomes[0].Status != ParticipationStatus.Accepted)
            {
                throw new InvalidOperationException($"Booking {i} of room {room.Id} was not accepted: {result.Outcomes[0].Decision?.Reason}");
            }
        }
    }

    /// <summary>The instant a benchmark sets its clock to before booking a room at <paramref name="utcStart"/>: an hour
    /// before it, so the booking is well inside the room's booking window and its check is a decision about the future.</summary>
    /// <param name="utcStart">The wall-clock (UTC) start of the booking.</param>
    /// <returns>One hour before the start.</returns>
    public static Instant JustBefore(LocalDateTime utcStart) => utcStart.InUtc().ToInstant() - Duration.FromHours(1);

    /// <summary>The free hour after booking <paramref name="booking"/> of <see cref="BookRoomAsync"/>: its start.</summary>
    /// <param name="booking">The booking number.</param>
    /// <returns>The wall-clock (UTC) start of the free hour.</returns>
    public static LocalDateTime RoomGap(int booking) => RoomOrigin.PlusHours((2L * booking) + 1);

    private static EventId EventIdOf(int n) => new(string.Create(CultureInfo.InvariantCulture, $"e{n:D7}"));

    private static AttendeeId[] AttendeeIds(int attendeeCount)
    {
        var ids = new AttendeeId[attendeeCount];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = Attendee(i);
        }
        return ids;
    }

    private static (EventDetails Details, int[] Attendees) NextEvent(Random random, AttendeeId[] ids)
    {
        LocalDate day = FirstDay.PlusDays(random.Next(Weeks * 7));
        EventTiming timing;
        if (random.Next(100) < 5)
        {
            timing = EventTiming.AllDay(day, random.Next(5) == 0 ? random.Next(2, 6) : 1);
        }
        else
        {
            LocalDateTime start = day.At(new LocalTime(8, 0)).PlusMinutes(15L * random.Next(41));
            timing = EventTiming.Timed(start, Paris, Duration.FromMinutes(15L * random.Next(1, 13)));
        }
        int count = random.Next(1, 4);
        int[] attendees = new int[count];
        for (int k = 0; k < count; k++)
        {
            int candidate;
            do
            {
                candidate = random.Next(ids.Length);
            }
            while (Array.IndexOf(attendees, candidate, 0, k) >= 0);
            attendees[k] = candidate;
        }
        var details = new EventDetails(timing) { Title = Titles[random.Next(Titles.Length)], OrganizerId = ids[attendees[0]] };
        return (details, attendees);
    }

    private static ParticipationStatus NextAnswer(Random random) => random.Next(100) switch
    {
        < 60 => ParticipationStatus.Accepted,
        < 85 => ParticipationStatus.NeedsAction,
        < 95 => ParticipationStatus.Tentative,
        _ => ParticipationStatus.Declined,
    };
}
