using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Storage;

/// <summary>
/// MemoryStorage's time indexes against a brute-force model: random calendars of several shapes (even spread,
/// many equal starts, bursts and long gaps, long and open-ended spans, empty spans), small and large (for one attendee
/// and for all events), and random writes of every kind (an answer that keeps the indexing, a move, a change of
/// attendees, a deletion), each followed by queries compared with the model, inside the transaction (its own writes
/// over the committed state) and after its commit.
/// </summary>
public sealed class MemoryStorageIndexTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly AttendeeId[] People = [.. Enumerable.Range(0, 6).Select(i => new AttendeeId("a" + i))];

    public enum Shape
    {
        Even,
        EqualStarts,
        Bursts,
        LongAndOpen,
    }

    [Theory]
    [InlineData(Shape.Even, 300, 1)]
    [InlineData(Shape.Even, 5000, 2)]
    [InlineData(Shape.EqualStarts, 400, 3)]
    [InlineData(Shape.EqualStarts, 4500, 4)]
    [InlineData(Shape.Bursts, 600, 5)]
    [InlineData(Shape.Bursts, 4200, 6)]
    [InlineData(Shape.LongAndOpen, 500, 7)]
    [InlineData(Shape.LongAndOpen, 4300, 8)]
    [InlineData(Shape.Even, 20000, 9)]
    [InlineData(Shape.EqualStarts, 20000, 10)]
    public async Task Queries_match_a_brute_force_model_through_random_writes(Shape shape, int count, int seed)
    {
        var random = new Random(seed);
        using var storage = new MemoryStorage();
        var model = new Dictionary<EventId, (CalendarEvent Event, Interval Span)>();
        await using (IStorageTransaction tx = await storage.BeginTransactionAsync(People, default))
        {
            for (int i = 0; i < count; i++)
            {
                CalendarEvent e = NewEvent(random, "e" + i, version: 1);
                Interval span = NewSpan(random, shape, i, count);
                await tx.InsertEventAsync(e, span, default);
                model[e.Id] = (e, span);
            }
            await tx.CommitAsync(default);
        }
        await CompareAsync(storage, model, random, shape, queries: 60);

        for (int round = 0; round < 40; round++)
        {
            await using (IStorageTransaction tx = await storage.BeginTransactionAsync(People, default))
            {
                for (int k = 0; k < 25; k++)
                {
                    EventId id = new EventId("e" + random.Next(count));
                    if (!model.TryGetValue(id, out (CalendarEvent Event, Interval Span) current))
                    {
                        CalendarEvent created = NewEvent(random, id.Value, version: 1);
                        Interval createdSpan = NewSpan(random, shape, random.Next(count), count);
                        await tx.InsertEventAsync(created, createdSpan, default);
                        model[id] = (created, createdSpan);
                        continue;
                    }
                    switch (random.Next(4))
                    {
                        case 0:
                            // An answer: same span and attendees, a new snapshot.
                            CalendarEvent answered = Reanswer(current.Event, random);
                            (await tx.ReplaceEventAsync(answered, current.Span, current.Event.Version, default)).Should().BeTrue();
                            model[id] = (answered, current.Span);
                            break;
                        case 1:
                            // A move.
                            CalendarEvent moved = Copy(current.Event, current.Event.Commitments, current.Event.OrganizerId);
                            Interval movedSpan = NewSpan(random, shape, random.Next(count), count);
                            (await tx.ReplaceEventAsync(moved, movedSpan, current.Event.Version, default)).Should().BeTrue();
                            model[id] = (moved, movedSpan);
                            break;
                        case 2:
                            // Other attendees and organizer, same span.
                            CalendarEvent regrouped = NewEvent(random, id.Value, current.Event.Version + 1);
                            (await tx.ReplaceEventAsync(regrouped, current.Span, current.Event.Version, default)).Should().BeTrue();
                            model[id] = (regrouped, current.Span);
                            break;
                        default:
                            (await tx.DeleteEventAsync(id, current.Event.Version, default)).Should().BeTrue();
                            model.Remove(id);
                            break;
                    }
                }
                await CompareAsync(tx.QueryEventsAsync, model, random, shape, queries: 3);
                await tx.CommitAsync(default);
            }
            await CompareAsync(storage, model, random, shape, queries: 6);
        }
        storage.Count.Should().Be(model.Count);
    }

    private static Task CompareAsync(MemoryStorage storage, Dictionary<EventId, (CalendarEvent Event, Interval Span)> model, Random random, Shape shape, int queries)
        => CompareAsync(storage.QueryEventsAsync, model, random, shape, queries);

    private static async Task CompareAsync(Func<EventQuery, System.Threading.CancellationToken, ValueTask<IReadOnlyList<CalendarEvent>>> queryAsync, Dictionary<EventId, (CalendarEvent Event, Interval Span)> model, Random random, Shape shape, int queries)
    {
        for (int q = 0; q < queries; q++)
        {
            Interval window = NewWindow(random, shape);
            AttendeeId? attendee = random.Next(3) == 0 ? (AttendeeId?)null : People[random.Next(People.Length)];
            AttendeeId? organizer = random.Next(3) == 0 ? People[random.Next(People.Length)] : (AttendeeId?)null;
            var query = new EventQuery { Window = window, Attendee = attendee, Organizer = organizer };
            IReadOnlyList<CalendarEvent> found = await queryAsync(query, default);
            // The expected answer is the set of matching events in the order (span start, id); with unique ids, the
            // answer equals it exactly when it holds the same events and is in that order, which is checked without
            // sorting the model for every query.
            var expected = new HashSet<EventId>();
            foreach ((CalendarEvent e, Interval span) in model.Values)
            {
                if (Overlaps(span, window) && (attendee is not { } a || e.HasAttendee(a)) && (organizer is not { } o || e.OrganizerId == o))
                {
                    expected.Add(e.Id);
                }
            }
            string context = $"query {q}: window {window}, attendee {attendee}, organizer {organizer}";
            found.Should().HaveCount(expected.Count, context);
            for (int i = 0; i < found.Count; i++)
            {
                CalendarEvent e = found[i];
                if (!expected.Contains(e.Id) || !model.TryGetValue(e.Id, out (CalendarEvent Event, Interval Span) stored))
                {
                    Assert.Fail($"{context}: '{e.Id}' does not match the query.");
                    return;
                }
                if (!ReferenceEquals(e, stored.Event))
                {
                    Assert.Fail($"{context}: '{e.Id}' is not the snapshot the storage was given (version {e.Version}, stored {stored.Event.Version}).");
                }
                if (i > 0 && CompareListed(model[found[i - 1].Id].Span, found[i - 1].Id, stored.Span, e.Id) >= 0)
                {
                    Assert.Fail($"{context}: '{found[i - 1].Id}' and '{e.Id}' are out of order (span start, then id).");
                }
            }
        }
    }

    private static int CompareListed(Interval x, EventId xId, Interval y, EventId yId)
        => x.Start.CompareTo(y.Start) is var c && c != 0 ? c : string.CompareOrdinal(xId.Value, yId.Value);

    /// <summary>The IStorage overlap rule: half-open, and an empty span overlaps a window that contains its instant.</summary>
    private static bool Overlaps(Interval span, Interval window)
    {
        Instant ws = window.HasStart ? window.Start : Instant.MinValue;
        Instant we = window.HasEnd ? window.End : Instant.MaxValue;
        Instant end = span.HasEnd ? span.End : Instant.MaxValue;
        return span.Start == end ? span.Start >= ws && span.Start < we : span.Start < we && end > ws;
    }

    private static Interval NewSpan(Random random, Shape shape, int i, int count)
    {
        Instant start = shape switch
        {
            Shape.Even => T0 + Duration.FromMinutes(random.Next(365 * 24 * 60)),
            Shape.EqualStarts => T0 + Duration.FromHours(random.Next(40)),
            Shape.Bursts => T0 + Duration.FromDays(i * 12 / count * 30) + Duration.FromMinutes(random.Next(3 * 24 * 60)),
            _ => T0 + Duration.FromMinutes(random.Next(200 * 24 * 60)),
        };
        int kind = random.Next(20);
        if (kind == 0)
        {
            return new Interval(start, start);
        }
        if (shape == Shape.LongAndOpen && kind < 6)
        {
            return kind < 3 ? new Interval(start, null) : new Interval(start, start + Duration.FromDays(random.Next(36, 400)));
        }
        return new Interval(start, start + Duration.FromMinutes(random.Next(1, kind == 1 ? 60 * 24 * 34 : 240)));
    }

    private static Interval NewWindow(Random random, Shape shape)
    {
        int days = shape == Shape.EqualStarts ? 3 : 400;
        Instant start = T0 + Duration.FromMinutes(random.Next(-2 * 24 * 60, days * 24 * 60));
        return random.Next(10) switch
        {
            0 => new Interval(null, start),
            1 => new Interval(start, null),
            2 => new Interval(null, null),
            3 => new Interval(start, start + Duration.FromMinutes(random.Next(1, 60))),
            _ => new Interval(start, start + Duration.FromDays(random.Next(1, 15))),
        };
    }

    private static CalendarEvent NewEvent(Random random, string id, long version)
    {
        AttendeeId[] attendees = [.. People.OrderBy(_ => random.Next()).Take(random.Next(0, 4))];
        AttendeeId? organizer = random.Next(4) == 0 ? (AttendeeId?)null : People[random.Next(People.Length)];
        var details = new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 1, 1, 0, 0), DateTimeZone.Utc, Duration.FromHours(1))) { OrganizerId = organizer };
        return new CalendarEvent(new EventId(id), details, attendees.Select(a => Commitment(id, a, ParticipationStatus.NeedsAction)), version, T0, T0);
    }

    private static CalendarEvent Reanswer(CalendarEvent e, Random random)
        => Copy(e, [.. e.Commitments.Select(c => Commitment(e.Id.Value, c.AttendeeId, random.Next(2) == 0 ? ParticipationStatus.Accepted : ParticipationStatus.Declined))], e.OrganizerId);

    private static CalendarEvent Copy(CalendarEvent e, IEnumerable<Commitment> commitments, AttendeeId? organizer)
        => new(e.Id, e.Details with { OrganizerId = organizer }, commitments, e.Version + 1, T0, T0);

    private static Commitment Commitment(string id, AttendeeId a, ParticipationStatus status)
        => new(new CommitmentId($"{id}-{a}"), a, CalendarUserType.Individual, status, ParticipationRole.RequiredParticipant);
}
