using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using Calcore.Storage.Internal;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Storage.Memory;

/// <summary>
/// A manager lists the single events it stored in a <see cref="MemoryStorage"/> straight from the index, without
/// reading the snapshots (see <c>IListingIndex</c>). These tests check that this changes nothing a caller sees: on
/// random calendars (zoned, floating and all-day events, series with exceptions, events written straight through
/// <see cref="IStorage"/>, events written by a second manager), every listing equals the listing of a reference
/// manager over the same data that takes the general path (the storage is wrapped, so it offers no index), event by
/// event, in the same order, each bound to the manager that listed it.
/// </summary>
public sealed class ListingIndexTests
{
    private static readonly DateTimeZone Paris = TestWorld.Paris;
    private static readonly DateTimeZone NewYork = TestWorld.NewYork;
    private static readonly AttendeeId[] People = [.. Enumerable.Range(0, 5).Select(i => new AttendeeId("p" + i))];

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(5, false)]
    public async Task Listings_equal_those_of_the_general_path(int seed, bool withSeries)
    {
        // Without series, an attendee's index is one array of short spans, which a listing answers straight from the
        // index (IListingIndex.ListListable) unless the window holds an unbound snapshot; with series, through
        // QueryListable.
        var random = new Random(seed);
        using var storage = new MemoryStorage();
        await using StorageManager writer = Manager(storage, Paris);
        await using StorageManager other = Manager(storage, Paris);
        await using StorageManager elsewhere = Manager(storage, NewYork);
        var writerPeople = new SimpleAttendeeSource(writer);
        var otherPeople = new SimpleAttendeeSource(other);
        Attendee[] invitable = [.. People.Select(p => (Attendee)writerPeople.CreateIndividual(p, p.Value))];
        Attendee[] invitableByOther = [.. People.Select(p => (Attendee)otherPeople.CreateIndividual(p, p.Value))];

        var ids = new List<EventId>();
        for (int i = 0; i < 400; i++)
        {
            bool byOther = random.Next(5) == 0;
            StorageManager by = byOther ? other : writer;
            CalendarEvent created = await by.CreateEventAsync(NewDetails(random, withSeries));
            ids.Add(created.Id);
            if (random.Next(2) == 0)
            {
                Attendee[] pool = byOther ? invitableByOther : invitable;
                await by.InviteAsync(created.Id, pool.OrderBy(_ => random.Next()).Take(random.Next(1, 3)));
            }
        }
        ids.AddRange(await InsertUnboundAsync(storage, random, 40));
        for (int k = 0; k < 120; k++)
        {
            EventId id = ids[random.Next(ids.Count)];
            if (await writer.FindEventOrNullAsync(id) is not { } current)
            {
                continue;
            }
            switch (random.Next(4))
            {
                case 0:
                    if (current.Commitments.Length > 0)
                    {
                        await writer.SetParticipationStatusAsync(id, current.Commitments[0].AttendeeId, ParticipationStatus.Tentative);
                    }
                    break;
                case 1:
                    await writer.UpdateEventAsync(id, NewDetails(random, withSeries) with { OrganizerId = current.OrganizerId, Recurrence = current.Details.Recurrence });
                    break;
                case 2:
                    if (current.IsRecurring)
                    {
                        CalendarEvent first = (await writer.GetInstancesAsync(id, new Interval(Start, Start + Duration.FromDays(120))))[0];
                        await writer.CancelInstanceAsync(first.Id);
                    }
                    break;
                default:
                    await writer.DeleteEventAsync(id);
                    break;
            }
        }

        await using StorageManager reference = Manager(new NoIndex(storage), Paris);
        await using StorageManager referenceElsewhere = Manager(new NoIndex(storage), NewYork);
        int listed = 0;
        for (int q = 0; q < 300; q++)
        {
            EventListOptions? options = random.Next(4) == 0 ? new EventListOptions { ExpandRecurrence = true } : null;
            // Expanding series needs a bounded window; other listings may be open at either end.
            Interval window = NewWindow(random, open: options is null);
            AttendeeId attendee = People[random.Next(People.Length)];
            foreach ((StorageManager manager, StorageManager general) in new[] { (writer, reference), (other, reference), (elsewhere, referenceElsewhere) })
            {
                IReadOnlyList<CalendarEvent> expected = await general.GetEventsAsync(attendee, window, null, options);
                IReadOnlyList<CalendarEvent> found = await manager.GetEventsAsync(attendee, window, null, options);
                string context = $"query {q}: {attendee} in {window}, zone {manager.Zone.Id}, expanded {options is not null}";
                found.Select(e => (e.Id, e.Version)).Should().Equal(expected.Select(e => (e.Id, e.Version)), context);
                for (int i = 0; i < found.Count; i++)
                {
                    found[i].Should().Be(expected[i], context);
                    found[i].BindTo(manager).Should().BeSameAs(found[i], $"{context}: '{found[i].Id}' must be bound to the manager that listed it");
                }
                listed += found.Count;
            }
        }
        listed.Should().BeGreaterThan(300, "the windows must find events, or the comparison shows nothing");
    }

    [Fact]
    public async Task A_writing_manager_lists_its_stored_snapshots_without_copies_and_another_gets_bound_copies()
    {
        using var storage = new MemoryStorage();
        await using StorageManager writer = Manager(storage, Paris);
        await using StorageManager reader = Manager(storage, Paris);
        var zoned = new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), Paris, Duration.FromHours(1))) { OrganizerId = People[0] };
        var floating = new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 12, 0), null, Duration.FromHours(1))) { OrganizerId = People[0] };
        var allDay = new EventDetails(EventTiming.AllDay(new LocalDate(2026, 3, 3))) { OrganizerId = People[0] };
        foreach (EventDetails details in new[] { zoned, floating, allDay })
        {
            await writer.CreateEventAsync(details);
        }
        var week = new Interval(Instant.FromUtc(2026, 3, 2, 0, 0), Instant.FromUtc(2026, 3, 9, 0, 0));

        IReadOnlyList<CalendarEvent> byWriter = await writer.GetEventsAsync(People[0], week);
        IReadOnlyList<CalendarEvent> byReader = await reader.GetEventsAsync(People[0], week);

        byWriter.Should().HaveCount(3);
        byReader.Should().Equal(byWriter);
        for (int i = 0; i < 3; i++)
        {
            CalendarEvent stored = (await storage.FindEventAsync(byWriter[i].Id, default))!;
            byWriter[i].Should().BeSameAs(stored, "the writer lists what it stored, already bound to it");
            byReader[i].Should().NotBeSameAs(stored, "another manager gets a copy bound to itself");
            byReader[i].BindTo(reader).Should().BeSameAs(byReader[i]);
        }
    }

    [Fact]
    public async Task The_index_answers_a_listing_only_when_every_event_in_the_window_is_listable_by_the_reader()
    {
        var storage = new MemoryStorage();
        await using StorageManager writer = Manager(storage, Paris);
        await using StorageManager reader = Manager(storage, Paris);
        var index = (IListingIndex)storage;
        var week = new Interval(Instant.FromUtc(2026, 3, 2, 0, 0), Instant.FromUtc(2026, 3, 9, 0, 0));
        var monday = new LocalDateTime(2026, 3, 2, 9, 0);
        for (int day = 0; day < 14; day++)
        {
            await writer.CreateEventAsync(new EventDetails(EventTiming.Timed(monday.PlusDays(day), Paris, Duration.FromHours(1))) { OrganizerId = People[0] });
        }

        CalendarEvent[] listed = index.ListListable(People[0], week, writer)!;
        listed.Should().HaveCount(7);
        await using (StorageManager general = Manager(new NoIndex(storage), Paris))
        {
            listed.Should().Equal(await general.GetEventsAsync(People[0], week));
        }
        index.ListListable(People[0], week, reader).Should().BeNull("the snapshots are bound to the writer, not to this reader");
        index.ListListable(People[1], week, writer).Should().BeEmpty("an attendee without events has nothing to list");
        index.ListListable(People[0], new Interval(Instant.FromUtc(2027, 1, 1, 0, 0), Instant.FromUtc(2027, 1, 8, 0, 0)), writer).Should().BeEmpty();
        index.ListListable(People[0], new Interval(null, null), writer).Should().HaveCount(14, "an open window lists everything");

        // An unbound snapshot in the window: the index cannot answer, the general path does.
        await using (IStorageTransaction tx = await storage.BeginTransactionAsync(People, default))
        {
            var details = new EventDetails(EventTiming.Timed(monday.PlusDays(2).PlusHours(3), Paris, Duration.FromHours(1))) { OrganizerId = People[0] };
            var commitment = new Commitment(new CommitmentId("c-raw"), People[0], CalendarUserType.Individual, ParticipationStatus.Accepted, ParticipationRole.Chair);
            var raw = new CalendarEvent(new EventId("raw"), details, [commitment], 1, Start, Start);
            await tx.InsertEventAsync(raw, raw.ToInterval(Paris), default);
            await tx.CommitAsync(default);
        }
        index.ListListable(People[0], week, writer).Should().BeNull("the week now holds a snapshot no manager has bound");
        index.ListListable(People[0], new Interval(Instant.FromUtc(2026, 3, 5, 0, 0), week.End), writer).Should().HaveCount(4, "a window without it is still answered");
        (await writer.GetEventsAsync(People[0], week)).Should().HaveCount(8);

        // A series makes the attendee's index more than one array: the index does not answer at all.
        await writer.CreateEventAsync(new EventDetails(EventTiming.Timed(monday, Paris, Duration.FromHours(1))) { OrganizerId = People[0], Recurrence = ["RRULE:FREQ=DAILY"] });
        index.ListListable(People[0], new Interval(Instant.FromUtc(2026, 3, 5, 0, 0), week.End), writer).Should().BeNull();

        storage.Dispose();
        index.ListListable(People[1], week, writer).Should().BeNull("a disposed storage leaves the error to the general path");
    }

    [Fact]
    public async Task A_floating_series_that_starts_after_an_open_window_in_the_readers_zone_is_not_listed()
    {
        // Found by the listing comparison: the storage indexes a floating series under the writer's zone, and the
        // reader's own span of it may start after a window open at the start ends.
        using var storage = new MemoryStorage();
        await using StorageManager paris = Manager(storage, Paris);
        await using StorageManager newYork = Manager(storage, NewYork);
        var details = new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), null, Duration.FromHours(1)))
        {
            OrganizerId = People[0],
            Recurrence = ["RRULE:FREQ=DAILY;COUNT=3"],
        };
        CalendarEvent series = await paris.CreateEventAsync(details);
        var window = new Interval(null, Instant.FromUtc(2026, 3, 2, 12, 0));

        (await paris.GetEventsAsync(People[0], window)).Select(e => e.Id).Should().Equal(series.Id);
        (await newYork.GetEventsAsync(People[0], window)).Should().BeEmpty("10:00 in New York is 15:00 UTC, after the window");
    }

    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 0, 0);

    private static StorageManager Manager(IStorage storage, DateTimeZone zone)
        => StorageManager.CreateBuilder().UseStorage(storage, ownsStorage: false).UseZone(zone).Build();

    private static EventDetails NewDetails(Random random, bool withSeries)
    {
        LocalDateTime start = new LocalDateTime(2026, 3, 2, 0, 0).PlusMinutes(random.Next(90 * 24 * 4) * 15L);
        EventTiming timing = random.Next(6) switch
        {
            0 => EventTiming.AllDay(start.Date, random.Next(1, 4)),
            1 => EventTiming.Timed(start, null, Duration.FromMinutes(15 * random.Next(1, 9))),
            2 => EventTiming.Timed(start, NewYork, Duration.FromMinutes(15 * random.Next(1, 9))),
            _ => EventTiming.Timed(start, Paris, Duration.FromMinutes(15 * random.Next(1, 9))),
        };
        var details = new EventDetails(timing) { OrganizerId = People[random.Next(People.Length)], Title = "t" + random.Next(100) };
        if (withSeries && random.Next(8) == 0 && !timing.IsAllDay)
        {
            details = details with { Recurrence = ["RRULE:FREQ=WEEKLY;COUNT=" + random.Next(2, 12)] };
        }
        return details;
    }

    /// <summary>Events stored straight through <see cref="IStorage"/>: unbound snapshots (as another writer leaves them).</summary>
    private static async Task<IReadOnlyList<EventId>> InsertUnboundAsync(MemoryStorage storage, Random random, int count)
    {
        var ids = new List<EventId>();
        await using IStorageTransaction tx = await storage.BeginTransactionAsync(People, default);
        for (int i = 0; i < count; i++)
        {
            EventDetails details = NewDetails(random, withSeries: false);
            var id = new EventId("raw" + i);
            var commitment = new Commitment(new CommitmentId("c-raw" + i), details.OrganizerId!.Value, CalendarUserType.Individual, ParticipationStatus.Accepted, ParticipationRole.Chair);
            var e = new CalendarEvent(id, details, [commitment], 1, Start, Start);
            await tx.InsertEventAsync(e, e.ToInterval(Paris), default);
            ids.Add(id);
        }
        await tx.CommitAsync(default);
        return ids;
    }

    private static Interval NewWindow(Random random, bool open)
    {
        Instant start = Start + Duration.FromHours(random.Next(-48, 95 * 24));
        if (open && random.Next(16) == 0)
        {
            return random.Next(2) == 0 ? new Interval(null, start) : new Interval(start, null);
        }
        return random.Next(8) == 0
            ? new Interval(start, start + Duration.FromMinutes(random.Next(1, 90)))
            : new Interval(start, start + Duration.FromDays(random.Next(1, 15)));
    }

    /// <summary>The same storage without its listing index: a manager over it takes the general path.</summary>
    private sealed class NoIndex(IStorage inner) : IStorage
    {
        public ValueTask<CalendarEvent?> FindEventAsync(EventId id, CancellationToken cancellationToken) => inner.FindEventAsync(id, cancellationToken);

        public ValueTask<IReadOnlyList<CalendarEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken) => inner.QueryEventsAsync(query, cancellationToken);

        public ValueTask<IStorageTransaction> BeginTransactionAsync(IReadOnlyCollection<AttendeeId> lockedAttendees, CancellationToken cancellationToken)
            => inner.BeginTransactionAsync(lockedAttendees, cancellationToken);
    }
}
