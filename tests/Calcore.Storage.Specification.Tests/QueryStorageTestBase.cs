using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Calcore.Storage.Specification.Tests.Snapshots;

namespace Calcore.Storage.Specification.Tests;

/// <summary>The contract for range queries: by attendee, by organizer and unscoped; the half-open rule over whole spans; the order.</summary>
public abstract class QueryStorageTestBase<TFixture> : StorageTestBase<TFixture>
    where TFixture : StorageFixtureBase
{
    protected QueryStorageTestBase(TFixture fixture)
        : base(fixture)
    {
    }

    private async Task<IReadOnlyList<string>> IdsAsync(Interval window, string? attendee = null, string? organizer = null)
    {
        IReadOnlyList<CalendarEvent> found = await Storage.QueryEventsAsync(
            new EventQuery { Window = window, Attendee = attendee is null ? null : (AttendeeId?)new AttendeeId(attendee), Organizer = organizer is null ? null : (AttendeeId?)new AttendeeId(organizer) }, default);
        return [.. found.Select(e => e.Id.Value)];
    }

    private static Interval All => new(null, null);

    [Fact]
    public virtual async Task By_attendee_finds_only_that_attendees_events()
    {
        CalendarEvent a = Event("a", Utc(2, 10), Duration.FromHours(1), "org1", "bob");
        CalendarEvent b = Event("b", Utc(2, 11), Duration.FromHours(1), "org2", "carol");
        CalendarEvent c = Event("c", Utc(2, 12), Duration.FromHours(1), "bob");
        await InsertAsync((a, SpanOf(a)), (b, SpanOf(b)), (c, SpanOf(c)));
        (await IdsAsync(All, attendee: "bob")).Should().Equal("a", "c");
        (await IdsAsync(All, attendee: "carol")).Should().Equal("b");
        (await IdsAsync(All, attendee: "org2")).Should().Equal(new[] { "b" }, "the organizer has a commitment too");
        (await IdsAsync(All, attendee: "nobody")).Should().BeEmpty();
    }

    [Fact]
    public virtual async Task By_organizer_finds_only_that_organizers_events()
    {
        CalendarEvent a = Event("a", Utc(2, 10), Duration.FromHours(1), "org1", "bob");
        CalendarEvent b = Event("b", Utc(2, 11), Duration.FromHours(1), "org2", "org1");
        CalendarEvent c = Event("c", Utc(2, 12), Duration.FromHours(1), null, "org1");
        await InsertAsync((a, SpanOf(a)), (b, SpanOf(b)), (c, SpanOf(c)));
        (await IdsAsync(All, organizer: "org1")).Should().Equal("a");
        (await IdsAsync(All, organizer: "org2")).Should().Equal("b");
        (await IdsAsync(Utc(2, 11).Plus(Duration.FromMinutes(30)).AsWindow(Duration.FromHours(1)), organizer: "org2")).Should().Equal("b");
        (await IdsAsync(new Interval(Utc(3, 0), Utc(4, 0)), organizer: "org2")).Should().BeEmpty();
    }

    [Fact]
    public virtual async Task By_attendee_and_organizer_finds_the_events_that_have_both()
    {
        CalendarEvent a = Event("a", Utc(2, 10), Duration.FromHours(1), "org1", "bob");
        CalendarEvent b = Event("b", Utc(2, 11), Duration.FromHours(1), "org2", "bob");
        CalendarEvent c = Event("c", Utc(2, 12), Duration.FromHours(1), "org1", "carol");
        CalendarEvent d = Event("d", Utc(3, 12), Duration.FromHours(1), "org1", "carol", "bob");
        await InsertAsync((a, SpanOf(a)), (b, SpanOf(b)), (c, SpanOf(c)), (d, SpanOf(d)));
        (await IdsAsync(All, attendee: "bob", organizer: "org1")).Should().Equal("a", "d");
        (await IdsAsync(new Interval(Utc(2, 0), Utc(3, 0)), attendee: "bob", organizer: "org1")).Should().Equal("a");
        (await IdsAsync(All, attendee: "carol", organizer: "org2")).Should().BeEmpty();
        (await IdsAsync(All, attendee: "nobody", organizer: "org1")).Should().BeEmpty();
    }

    [Fact]
    public virtual async Task Unscoped_finds_every_event_in_the_window()
    {
        CalendarEvent a = Event("a", Utc(2, 10), Duration.FromHours(1), "org1");
        CalendarEvent b = Event("b", Utc(2, 11), Duration.FromHours(1));
        CalendarEvent c = Event("c", Utc(5, 12), Duration.FromHours(1), null, "x");
        await InsertAsync((a, SpanOf(a)), (b, SpanOf(b)), (c, SpanOf(c)));
        (await IdsAsync(All)).Should().Equal("a", "b", "c");
        (await IdsAsync(new Interval(Utc(2, 0), Utc(3, 0)))).Should().Equal("a", "b");
        (await IdsAsync(new Interval(Utc(5, 0), null))).Should().Equal("c");
        (await IdsAsync(new Interval(null, Utc(2, 11)))).Should().Equal("a");
    }

    [Fact]
    public virtual async Task Windows_are_half_open_at_both_edges()
    {
        CalendarEvent e = Event("e", Utc(2, 10), Duration.FromHours(1), null, "bob");
        await InsertAsync((e, SpanOf(e)));
        foreach (string? attendee in new[] { null, "bob" })
        {
            (await IdsAsync(new Interval(Utc(2, 11), Utc(2, 12)), attendee)).Should().BeEmpty("the event ends when the window starts");
            (await IdsAsync(new Interval(Utc(2, 9), Utc(2, 10)), attendee)).Should().BeEmpty("the window ends when the event starts");
            (await IdsAsync(new Interval(Utc(2, 10, 59), Utc(2, 12)), attendee)).Should().Equal("e");
            (await IdsAsync(new Interval(Utc(2, 9), Utc(2, 10, 1)), attendee)).Should().Equal("e");
            (await IdsAsync(new Interval(Utc(2, 10, 20), Utc(2, 10, 40)), attendee)).Should().Equal(new[] { "e" }, "a window inside the event");
            (await IdsAsync(new Interval(Utc(2, 0), Utc(3, 0)), attendee)).Should().Equal(new[] { "e" }, "a window around the event");
        }
    }

    [Fact]
    public virtual async Task Zero_length_spans_are_found_by_windows_that_contain_their_instant()
    {
        CalendarEvent e = Event("z", Utc(2, 10), Duration.Zero, null, "bob");
        await InsertAsync((e, SpanOf(e)));
        foreach (string? attendee in new[] { null, "bob" })
        {
            (await IdsAsync(new Interval(Utc(2, 10), Utc(2, 11)), attendee)).Should().Equal(new[] { "z" }, "the window's start is inclusive");
            (await IdsAsync(new Interval(Utc(2, 9), Utc(2, 10)), attendee)).Should().BeEmpty("the window's end is exclusive");
            (await IdsAsync(new Interval(Utc(2, 9), Utc(2, 11)), attendee)).Should().Equal("z");
            (await IdsAsync(new Interval(Utc(2, 10), Utc(2, 10)), attendee)).Should().BeEmpty("an empty window contains no instant");
            (await IdsAsync(new Interval(Utc(2, 10, 1), Utc(2, 11)), attendee)).Should().BeEmpty();
        }
    }

    [Fact]
    public virtual async Task Open_ended_spans_are_found_by_any_later_window()
    {
        CalendarEvent e = Event("open", Utc(2, 10), Duration.FromHours(1), "org", "bob");
        await InsertAsync((e, new Interval(Utc(2, 10), null)));
        foreach ((string? attendee, string? organizer) in new[] { ((string?)null, (string?)null), ("bob", null), (null, "org") })
        {
            (await IdsAsync(new Interval(Instant.FromUtc(2040, 1, 1, 0, 0), Instant.FromUtc(2040, 1, 8, 0, 0)), attendee, organizer)).Should().Equal("open");
            (await IdsAsync(new Interval(Instant.FromUtc(9000, 1, 1, 0, 0), null), attendee, organizer)).Should().Equal("open");
            (await IdsAsync(new Interval(Utc(2, 9), Utc(2, 10)), attendee, organizer)).Should().BeEmpty("the span starts when the window ends");
        }
    }

    [Fact]
    public virtual async Task Spans_of_every_length_are_found_by_a_window_in_their_middle()
    {
        (string Id, Duration Length)[] lengths =
        [
            ("m30", Duration.FromMinutes(30)), ("h1", Duration.FromHours(1)), ("h2", Duration.FromHours(2)), ("d1", Duration.FromDays(1)),
            ("d3", Duration.FromDays(3)), ("d7", Duration.FromDays(7)), ("d20", Duration.FromDays(20)), ("d35", Duration.FromDays(35)),
            ("d400", Duration.FromDays(400)), ("y30", Duration.FromDays(365 * 30)),
        ];
        Instant start = Utc(1, 0);
        await InsertAsync([.. lengths.Select(l => (Event(l.Id, start, l.Length, "org", "bob"), new Interval(start, start + l.Length)))]);
        foreach ((string id, Duration length) in lengths)
        {
            Instant middle = start + (length / 2);
            var window = new Interval(middle, middle + Duration.FromMinutes(1));
            (await IdsAsync(window)).Should().Contain(id);
            (await IdsAsync(window, attendee: "bob")).Should().Contain(id);
            (await IdsAsync(window, organizer: "org")).Should().Contain(id);
            var after = new Interval(start + length, start + length + Duration.FromDays(1));
            (await IdsAsync(after)).Should().NotContain(id, "the span ends where this window starts");
        }
    }

#pragma warning disable CA1000 // xunit MemberData must be a static member of the test class or its bases.
    public static TheoryData<long> SpanLengthsInTicks => new()
    {
        1,
        Duration.FromHours(1).BclCompatibleTicks,
        Duration.FromHours(1).BclCompatibleTicks + 1,
        Duration.FromDays(1).BclCompatibleTicks,
        Duration.FromDays(1).BclCompatibleTicks + 1,
        Duration.FromDays(7).BclCompatibleTicks,
        Duration.FromDays(7).BclCompatibleTicks + 1,
        Duration.FromDays(35).BclCompatibleTicks,
        Duration.FromDays(35).BclCompatibleTicks + 1,
        Duration.FromDays(3650).BclCompatibleTicks,
    };
#pragma warning restore CA1000

    /// <summary>Providers class spans by length (memory at 35 days, SQLite at 1 hour, 1, 7 and 35 days): a span of each
    /// length on either side of those bounds is found from its last tick and not from the tick after it.</summary>
    [Theory]
    [MemberData(nameof(SpanLengthsInTicks))]
    public virtual async Task A_span_of_any_length_is_found_by_a_window_that_meets_only_its_last_tick(long lengthTicks)
    {
        Instant start = Utc(2, 10);
        var span = new Interval(start, start + Duration.FromTicks(lengthTicks));
        await InsertAsync((Event("e", start, Duration.FromHours(1), "org", "bob"), span));
        Instant end = span.End;
        foreach ((string? attendee, string? organizer) in new[] { ((string?)null, (string?)null), ("bob", null), (null, "org") })
        {
            (await IdsAsync(new Interval(end - Duration.FromTicks(1), end + Duration.FromHours(1)), attendee, organizer)).Should().Equal("e");
            (await IdsAsync(new Interval(end, end + Duration.FromDays(400)), attendee, organizer)).Should().BeEmpty("the span ends where the window starts");
            (await IdsAsync(new Interval(start - Duration.FromHours(1), start), attendee, organizer)).Should().BeEmpty("the span starts where the window ends");
            (await IdsAsync(new Interval(start - Duration.FromHours(1), start + Duration.FromTicks(1)), attendee, organizer)).Should().Equal("e");
        }
    }

    [Fact]
    public virtual async Task Results_are_ordered_by_span_start_then_ordinal_id()
    {
        Instant t = Utc(2, 10);
        // Ordinal (UTF-16) order: "B" < "a" < "b" < "\U0001F600" (a surrogate pair, 0xD83D...) < "\uFFFD".
        string[] ids = ["\uFFFD", "b", "\U0001F600", "a", "B"];
        var events = ids.Select(id => (Event(id, t, Duration.FromHours(1), "org", "bob"), new Interval(t, t + Duration.FromHours(1)))).ToList();
        CalendarEvent earlier = Event("zz-earlier", t - Duration.FromDays(3), Duration.FromDays(10), "org", "bob");
        CalendarEvent later = Event("0-later", t + Duration.FromMinutes(1), Duration.FromMinutes(1), "org", "bob");
        CalendarEvent open = Event("open", t - Duration.FromDays(300), Duration.FromMinutes(1), "org", "bob");
        events.Add((earlier, SpanOf(earlier)));
        events.Add((later, SpanOf(later)));
        events.Add((open, new Interval(open.Timing.ToInterval(DateTimeZone.Utc).Start, null)));
        await InsertAsync([.. events]);
        string[] expected = ["open", "zz-earlier", "B", "a", "b", "\U0001F600", "\uFFFD", "0-later"];
        var window = new Interval(t, t + Duration.FromHours(1));
        (await IdsAsync(window)).Should().Equal(expected);
        (await IdsAsync(window, attendee: "bob")).Should().Equal(expected);
        (await IdsAsync(window, organizer: "org")).Should().Equal(expected);
    }

    [Fact]
    public virtual async Task Replacing_an_event_moves_it_in_every_index()
    {
        CalendarEvent e = Event("e", Utc(2, 10), Duration.FromHours(1), "org", "bob");
        await InsertAsync((e, SpanOf(e)));
        var moved = new CalendarEvent(e.Id, e.Details with
        {
            Timing = EventTiming.Timed(new LocalDateTime(2026, 3, 9, 10, 0), DateTimeZone.Utc, Duration.FromHours(1)),
            OrganizerId = new AttendeeId("org2"),
        }, [Commitment("org2", ParticipationStatus.Accepted), Commitment("carol", ParticipationStatus.NeedsAction)], 2, e.Created, e.Updated);
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await tx.ReplaceEventAsync(moved, SpanOf(moved), 1, default)).Should().BeTrue();
            await tx.CommitAsync(default);
        }
        (await IdsAsync(All, attendee: "bob")).Should().BeEmpty();
        (await IdsAsync(All, organizer: "org")).Should().BeEmpty();
        (await IdsAsync(new Interval(Utc(2, 0), Utc(3, 0)))).Should().BeEmpty();
        (await IdsAsync(new Interval(Utc(9, 0), Utc(10, 0)), attendee: "carol")).Should().Equal("e");
        (await IdsAsync(new Interval(Utc(9, 0), Utc(10, 0)), organizer: "org2")).Should().Equal("e");
        (await IdsAsync(new Interval(Utc(9, 0), Utc(10, 0)))).Should().Equal("e");
    }

    [Fact]
    public virtual async Task Query_returns_full_snapshots()
    {
        CalendarEvent e = Event("e", Utc(2, 10), Duration.FromHours(1), "org", "bob");
        await InsertAsync((e, SpanOf(e)));
        (await Storage.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("bob") }, default)).Should().ContainSingle().Which.ShouldBeSameSnapshot(e);
    }
}

internal static class InstantWindows
{
    internal static Interval AsWindow(this Instant start, Duration length) => new(start, start + length);
}
