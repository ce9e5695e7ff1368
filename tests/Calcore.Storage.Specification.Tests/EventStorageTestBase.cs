using System;
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

/// <summary>The contract for keeping snapshots: insert, find, replace, delete, conditional writes, and a lossless round trip of every field.</summary>
public abstract class EventStorageTestBase<TFixture> : StorageTestBase<TFixture>
    where TFixture : StorageFixtureBase
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    protected EventStorageTestBase(TFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public virtual async Task Find_returns_null_for_a_missing_id()
    {
        (await Storage.FindEventAsync(new EventId("missing"), default)).Should().BeNull();
    }

    [Fact]
    public virtual async Task Insert_then_find_returns_the_snapshot()
    {
        CalendarEvent e = Event("e1", Utc(2, 10), Duration.FromHours(1), "alice", "bob");
        await InsertAsync((e, SpanOf(e)));
        (await Storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(e);
    }

    [Fact]
    public virtual async Task Insert_of_an_existing_id_fails_with_DuplicateKey_and_keeps_the_stored_event()
    {
        CalendarEvent e = Event("e1", Utc(2, 10), Duration.FromHours(1), "alice");
        await InsertAsync((e, SpanOf(e)));
        CalendarEvent other = Event("e1", Utc(3, 10), Duration.FromHours(2), "bob");
        Func<Task> insert = () => InsertAsync((other, SpanOf(other)));
        (await insert.Should().ThrowAsync<CalcoreStorageException>()).Which.Code.Should().Be(StorageErrorCode.DuplicateKey);
        (await Storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(e);
    }

    [Fact]
    public virtual async Task Insert_twice_in_one_transaction_fails_with_DuplicateKey()
    {
        CalendarEvent e = Event("e1", Utc(2, 10), Duration.FromHours(1));
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            await tx.InsertEventAsync(e, SpanOf(e), default);
            Func<Task> again = async () => await tx.InsertEventAsync(e, SpanOf(e), default);
            (await again.Should().ThrowAsync<CalcoreStorageException>()).Which.Code.Should().Be(StorageErrorCode.DuplicateKey);
        }
    }

    [Fact]
    public virtual async Task Replace_with_the_expected_version_replaces()
    {
        CalendarEvent e = Event("e1", Utc(2, 10), Duration.FromHours(1), "alice");
        await InsertAsync((e, SpanOf(e)));
        CalendarEvent next = NextVersion(e, "alice", "carol");
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await tx.ReplaceEventAsync(next, SpanOf(next), 1, default)).Should().BeTrue();
            await tx.CommitAsync(default);
        }
        (await Storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(next);
    }

    [Fact]
    public virtual async Task Replace_with_another_version_writes_nothing()
    {
        CalendarEvent e = Event("e1", Utc(2, 10), Duration.FromHours(1), "alice");
        await InsertAsync((e, SpanOf(e)));
        CalendarEvent next = NextVersion(e);
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await tx.ReplaceEventAsync(next, SpanOf(next), 7, default)).Should().BeFalse();
            await tx.CommitAsync(default);
        }
        (await Storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(e);
    }

    [Fact]
    public virtual async Task Replace_of_a_missing_event_returns_false()
    {
        CalendarEvent e = Event("e1", Utc(2, 10), Duration.FromHours(1));
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await tx.ReplaceEventAsync(NextVersion(e), SpanOf(e), 1, default)).Should().BeFalse();
            await tx.CommitAsync(default);
        }
        (await Storage.FindEventAsync(e.Id, default)).Should().BeNull();
    }

    [Fact]
    public virtual async Task Delete_with_the_expected_version_deletes_and_unindexes()
    {
        CalendarEvent e = Event("e1", Utc(2, 10), Duration.FromHours(1), "alice", "bob");
        await InsertAsync((e, SpanOf(e)));
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await tx.DeleteEventAsync(e.Id, 1, default)).Should().BeTrue();
            await tx.CommitAsync(default);
        }
        (await Storage.FindEventAsync(e.Id, default)).Should().BeNull();
        (await Storage.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("bob") }, default)).Should().BeEmpty();
        (await Storage.QueryEventsAsync(new EventQuery { Organizer = new AttendeeId("alice") }, default)).Should().BeEmpty();
        (await Storage.QueryEventsAsync(new EventQuery(), default)).Should().BeEmpty();
    }

    [Fact]
    public virtual async Task Delete_with_another_version_or_of_a_missing_event_returns_false()
    {
        CalendarEvent e = Event("e1", Utc(2, 10), Duration.FromHours(1));
        await InsertAsync((e, SpanOf(e)));
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await tx.DeleteEventAsync(e.Id, 2, default)).Should().BeFalse();
            (await tx.DeleteEventAsync(new EventId("missing"), 1, default)).Should().BeFalse();
            await tx.CommitAsync(default);
        }
        (await Storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(e);
    }

    [Fact]
    public virtual async Task Deleted_id_can_be_inserted_again()
    {
        CalendarEvent e = Event("e1", Utc(2, 10), Duration.FromHours(1), null, "bob");
        await InsertAsync((e, SpanOf(e)));
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await tx.DeleteEventAsync(e.Id, 1, default)).Should().BeTrue();
            await tx.InsertEventAsync(e, SpanOf(e), default);
            await tx.CommitAsync(default);
        }
        (await Storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(e);
        (await Storage.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("bob") }, default)).Should().ContainSingle();
    }

    // ------------------------------------------------------------------------------------------------------
    // Round trips
    // ------------------------------------------------------------------------------------------------------

#pragma warning disable CA1000 // xunit MemberData must be a static member of the test class or its bases.
    public static IEnumerable<object[]> Timings() =>
    [
        ["zoned", EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 30), Paris, Duration.FromMinutes(90))],
        ["utc", EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 30), DateTimeZone.Utc, Duration.FromHours(1))],
        ["floating", EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 30), null, Duration.FromHours(1))],
        ["zero length", EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 30), Paris, Duration.Zero)],
        ["nanoseconds", EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 30).PlusNanoseconds(123_456_789), NewYork, Duration.FromNanoseconds(1_000_000_007))],
        ["all day", EventTiming.AllDay(new LocalDate(2026, 3, 2))],
        ["all day, several days", EventTiming.AllDay(new LocalDate(2026, 3, 2), 3)],
        ["in a spring-forward gap", EventTiming.Timed(new LocalDateTime(2026, 3, 29, 2, 30), Paris, Duration.FromHours(1))],
        ["fall-back overlap, plain", EventTiming.Timed(new LocalDateTime(2026, 10, 25, 2, 30), Paris, Duration.FromHours(1))],
        ["fall-back overlap, earlier offset kept", EventTiming.Timed(new LocalDateTime(2026, 10, 25, 2, 30).InZone(Paris, m => m.First()), Duration.FromHours(1))],
        ["fall-back overlap, later offset kept", EventTiming.Timed(new LocalDateTime(2026, 10, 25, 2, 30).InZone(Paris, m => m.Last()), Duration.FromHours(1))],
        ["fixed offset zone", EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 30), DateTimeZone.ForOffset(Offset.FromHoursAndMinutes(5, 30)), Duration.FromHours(1))],
    ];
#pragma warning restore CA1000

    [Theory]
    [MemberData(nameof(Timings))]
    public virtual async Task Round_trips_every_timing_form(string form, EventTiming timing)
    {
        _ = form;
        var e = new CalendarEvent(new EventId("t"), new EventDetails(timing), [], 1, Created, Created);
        await InsertAsync((e, SpanOf(e)));
        CalendarEvent? found = await Storage.FindEventAsync(e.Id, default);
        found.ShouldBeSameSnapshot(e);
        found!.Timing.ToInterval(Paris).Should().Be(timing.ToInterval(Paris));
        found.Timing.IsAllDay.Should().Be(timing.IsAllDay);
        found.Timing.IsFloating.Should().Be(timing.IsFloating);
    }

    [Fact]
    public virtual async Task Round_trips_every_field_of_the_details()
    {
        var details = new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), Paris, Duration.FromHours(1)))
        {
            Title = "Réunion \"quarterly\" \u2603 \U0001F600 <&>",
            Description = "Line one\nLine two\ttabbed \\ backslash",
            Location = "Room 1, Building \u00C9",
            Status = EventStatus.Tentative,
            Transparency = Transparency.Transparent,
            AccessClass = AccessClass.Confidential,
            Categories = ["work", "Planning", "\u00E9t\u00E9"],
            OrganizerId = new AttendeeId("alice@example.com"),
            Uid = "uid-123@example.com",
            Recurrence = ["RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T000000Z", "EXDATE;TZID=Europe/Paris:20260304T100000", "RDATE;TZID=Europe/Paris:20260307T100000"],
        };
        var e = new CalendarEvent(new EventId("d"), details, [Commitment("alice@example.com", ParticipationStatus.Accepted, ParticipationRole.Chair)], 3,
            Created, Created + Duration.FromMinutes(5).Plus(Duration.FromNanoseconds(1)));
        await InsertAsync((e, new Interval(Utc(2, 9), null)));
        (await Storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(e);
    }

    [Fact]
    public virtual async Task Round_trips_commitments_with_roles_statuses_types_and_effective_dates()
    {
        Commitment[] commitments =
        [
            Commitment("a", ParticipationStatus.NeedsAction, ParticipationRole.RequiredParticipant),
            Commitment("b", ParticipationStatus.Accepted, ParticipationRole.Chair, CalendarUserType.Group),
            Commitment("c", ParticipationStatus.Declined, ParticipationRole.OptionalParticipant, CalendarUserType.Resource),
            Commitment("d", ParticipationStatus.Tentative, ParticipationRole.NonParticipant, CalendarUserType.Room) with { EffectiveStart = Utc(1, 0) },
            Commitment("e", ParticipationStatus.Delegated, ParticipationRole.RequiredParticipant, CalendarUserType.Unknown) with { EffectiveEnd = Utc(20, 0) },
            Commitment("f", ParticipationStatus.Accepted) with { EffectiveStart = Utc(1, 0), EffectiveEnd = Utc(1, 0) },
        ];
        var e = new CalendarEvent(new EventId("c"), new EventDetails(EventTiming.AllDay(new LocalDate(2026, 3, 2))), commitments, 2, Created, Created);
        await InsertAsync((e, SpanOf(e)));
        CalendarEvent? found = await Storage.FindEventAsync(e.Id, default);
        found.ShouldBeSameSnapshot(e);
        found!.Commitments.Select(c => c.AttendeeId.Value).Should().Equal("a", "b", "c", "d", "e", "f");
    }

    [Fact]
    public virtual async Task Round_trips_overrides_with_every_field_and_per_instance_answers()
    {
        var details = new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), Paris, Duration.FromHours(1)))
        {
            Recurrence = ["RRULE:FREQ=DAILY;COUNT=10"],
        };
        InstanceOverride[] overrides =
        [
            new InstanceOverride(OriginalStart.FromInstant(Utc(3, 9))) { IsCancelled = true },
            new InstanceOverride(OriginalStart.FromInstant(Utc(4, 9)))
            {
                Title = "Moved",
                Description = "",
                Location = "Elsewhere",
                Timing = EventTiming.Timed(new LocalDateTime(2026, 3, 4, 15, 0), Paris, Duration.FromMinutes(30)),
                Status = EventStatus.Tentative,
                Transparency = Transparency.Transparent,
                AccessClass = AccessClass.Private,
                Categories = ["x", "y"],
                Participation = new Dictionary<AttendeeId, ParticipationStatus> { [new AttendeeId("a")] = ParticipationStatus.Declined, [new AttendeeId("b")] = ParticipationStatus.Tentative },
            },
            new InstanceOverride(OriginalStart.FromInstant(Utc(5, 9))) { Categories = [] },
            new InstanceOverride(OriginalStart.FromInstant(Utc(6, 9))) { Participation = new Dictionary<AttendeeId, ParticipationStatus> { [new AttendeeId("a")] = ParticipationStatus.Accepted } },
        ];
        var e = new CalendarEvent(new EventId("s"), details,
            [Commitment("a", ParticipationStatus.NeedsAction), Commitment("b", ParticipationStatus.Accepted)], 5, Created, Created, overrides, new EventId("parent"));
        await InsertAsync((e, new Interval(Utc(2, 9), Utc(11, 10))));
        CalendarEvent? found = await Storage.FindEventAsync(e.Id, default);
        found.ShouldBeSameSnapshot(e);
        found!.Overrides[2].Categories.Should().NotBeNull().And.BeEmpty("an empty override list differs from none");
        found.Overrides[0].Categories.Should().BeNull();
    }

    [Fact]
    public virtual async Task Round_trips_an_all_day_series_with_date_overrides()
    {
        var details = new EventDetails(EventTiming.AllDay(new LocalDate(2026, 3, 2), 2)) { Recurrence = ["RRULE:FREQ=WEEKLY"] };
        InstanceOverride[] overrides = [new InstanceOverride(OriginalStart.FromDate(new LocalDate(2026, 3, 9))) { Timing = EventTiming.AllDay(new LocalDate(2026, 3, 10)) }];
        var e = new CalendarEvent(new EventId("ad"), details, [], 1, Created, Created, overrides);
        await InsertAsync((e, new Interval(Utc(2, 0), null)));
        (await Storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(e);
    }

    [Fact]
    public virtual async Task Round_trips_ids_with_any_characters()
    {
        CalendarEvent e = Event("id with spaces/and'quotes\"\u00E9\U0001F600", Utc(2, 10), Duration.FromHours(1), "org'\"", "att \U0001F600");
        await InsertAsync((e, SpanOf(e)));
        (await Storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(e);
        (await Storage.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("att \U0001F600") }, default)).Should().ContainSingle().Which.Id.Should().Be(e.Id);
        (await Storage.QueryEventsAsync(new EventQuery { Organizer = new AttendeeId("org'\"") }, default)).Should().ContainSingle();
    }
}
