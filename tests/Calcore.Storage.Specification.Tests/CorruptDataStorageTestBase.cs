using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Storage.Specification.Tests;

/// <summary>The manager over a storage that holds a series whose recurrence no longer parses (a file written by another
/// version or edited by hand; an event inserted through <see cref="IStorage"/> without the manager): every call that must
/// expand it fails with <see cref="StorageErrorCode.Corrupt"/> naming it, never with an argument error, and changes
/// nothing; calls that do not need it keep working.</summary>
/// <remarks>A provider whose stored data can be changed outside <see cref="IStorage"/> overrides
/// <see cref="CorruptRecurrenceAsync"/> to do it that way (SQLite: SQL on the file).</remarks>
public abstract class CorruptDataStorageTestBase<TFixture> : StorageTestBase<TFixture>
    where TFixture : StorageFixtureBase
{
    protected static readonly AttendeeId Alice = new("alice");
    protected static readonly AttendeeId Bob = new("bob");
    protected static readonly AttendeeId Carol = new("carol");
    protected static readonly AttendeeId RoomId = new("room");

    /// <summary>The series' stored span: four Mondays of March 2026, 10:00 to 11:00 UTC.</summary>
    protected static readonly Interval BrokenSpan = new(At(2, 10), At(23, 11));

    /// <summary>The lines written over the series' recurrence: FREQ has no such value.</summary>
    protected static readonly string[] BrokenLines = ["RRULE:FREQ=SOMETIMES;COUNT=4"];

    private StorageManager _manager = null!;
    private IReadOnlyList<(EventId Id, long Version)> _stored = [];

    protected CorruptDataStorageTestBase(TFixture fixture)
        : base(fixture)
    {
    }

    protected StorageManager Manager => _manager;

    /// <summary>The series with the broken recurrence, as the manager created it (alice organizes; bob and the room accepted).</summary>
    protected CalendarEvent Broken { get; private set; } = null!;

    /// <summary>Carol's event during the series' second week (no attendee in common).</summary>
    protected CalendarEvent Other { get; private set; } = null!;

    /// <summary>Alice's event with bob and the room, in April, after the series' stored span.</summary>
    protected CalendarEvent Later { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var source = new SimpleAttendeeSource();
        source.CreateIndividual(Alice, "Alice");
        source.CreateIndividual(Bob, "Bob");
        source.CreateIndividual(Carol, "Carol");
        source.CreateRoom(RoomId, "Room", BookingPolicy.AcceptIfPossible);
        _manager = Fixture.CreateManager(Storage, attendees: source);

        CalendarEvent broken = await Manager.CreateEventAsync(Timed(2, 10, Alice, "Weekly") with { Recurrence = ["RRULE:FREQ=WEEKLY;COUNT=4"] }, new EventId("broken"));
        await Manager.InviteAsync(broken.Id, [Bob, RoomId]);
        Other = await Manager.CreateEventAsync(Timed(10, 10, Carol, "Carol's"), new EventId("other"));
        CalendarEvent later = await Manager.CreateEventAsync(Timed(6, 10, Alice, "Later", month: 4), new EventId("later"));
        Later = (await Manager.InviteAsync(later.Id, [Bob, RoomId])).Event;
        Later.GetParticipationStatus(RoomId).Should().Be(ParticipationStatus.Accepted);

        await CorruptRecurrenceAsync(broken.Id, BrokenLines, BrokenSpan);
        Broken = (await Storage.FindEventAsync(broken.Id, default))!;
        Broken.Recurrence.Should().Equal(BrokenLines);
        _stored = await StoredAsync();
    }

    public override async Task DisposeAsync()
    {
        await _manager.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Replaces a stored series' recurrence lines, keeping everything else (its version and its indexed span
    /// included), as data that Calcore did not write. The default goes through <see cref="IStorage"/>, which does not
    /// validate (its contract leaves that to the manager).</summary>
    protected virtual async Task CorruptRecurrenceAsync(EventId id, IReadOnlyList<string> lines, Interval storedSpan)
    {
        CalendarEvent stored = (await Storage.FindEventAsync(id, default))!;
        var corrupt = new CalendarEvent(stored.Id, stored.Details with { Recurrence = lines }, stored.Commitments, stored.Version,
            stored.Created, stored.Updated, stored.Overrides, stored.SplitFromId);
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await tx.ReplaceEventAsync(corrupt, storedSpan, stored.Version, default)).Should().BeTrue();
            await tx.CommitAsync(default);
        }
    }

    [Fact]
    public virtual async Task Listing_a_window_the_series_reaches_is_refused_as_corrupt_naming_it()
    {
        Interval week = Week(9);
        await ShouldBeCorrupt(() => Manager.GetEventsAsync(new EventListQuery(week) { ExpandRecurrence = true }));
        await ShouldBeCorrupt(() => Manager.GetEventsAsync(new EventListQuery(week) { Attendee = Bob, ExpandRecurrence = true }));
        await ShouldBeCorrupt(() => Manager.GetEventsAsync(new EventListQuery(week)));
        await ShouldBeCorrupt(() => Manager.GetEventsAsync(new EventListQuery(new Interval(null, null)) { Attendee = RoomId }));
        await ShouldBeCorrupt(() => Manager.CalendarOf(Alice).GetOrganizedEventsAsync());
    }

    [Fact]
    public virtual async Task Instances_of_the_series_are_refused_as_corrupt()
    {
        EventId second = EventId.ForInstance(Broken.Id, OriginalStart.FromInstant(At(9, 10)));
        await ShouldBeCorrupt(() => Manager.GetInstancesAsync(Broken.Id, Week(9)));
        await ShouldBeCorrupt(() => Manager.FindEventAsync(second));
        await ShouldBeCorrupt(() => Manager.GetEventAsync(second));
    }

    [Fact]
    public virtual async Task Free_busy_of_an_attendee_of_the_series_is_refused_as_corrupt()
    {
        await ShouldBeCorrupt(() => Manager.GetFreeBusyAsync([Bob], Week(9)));
        await ShouldBeCorrupt(() => Manager.GetFreeBusyAsync([Carol, RoomId], Week(9)));
        await ShouldBeCorrupt(() => Manager.FindFreePeriodsAsync([Bob], Week(9), WorkingHours.AllDay, Duration.FromMinutes(30)));
    }

    [Fact]
    public virtual async Task Conflicts_with_the_series_are_refused_as_corrupt()
    {
        await ShouldBeCorrupt(() => Manager.FindConflictsAsync(RoomId, Timed(9, 10, Carol, "Proposed")));
        await ShouldBeCorrupt(() => Manager.FindConflictsAsync(Bob, Timed(6, 9, Carol, "Proposed weekly") with { Recurrence = ["RRULE:FREQ=DAILY;COUNT=10"] }));
    }

    [Fact]
    public virtual async Task Booking_the_series_room_for_a_new_event_is_refused_as_corrupt_and_changes_nothing()
    {
        CalendarEvent created = await Manager.CreateEventAsync(Timed(9, 10, Carol, "Clash"), new EventId("clash"));
        await ShouldBeCorrupt(() => Manager.InviteAsync(created.Id, [RoomId]));
        CalendarEvent after = await Manager.GetEventAsync(created.Id);
        after.Version.Should().Be(created.Version);
        after.HasAttendee(RoomId).Should().BeFalse();
    }

    [Fact]
    public virtual async Task Moving_another_event_onto_the_series_room_is_refused_as_corrupt()
    {
        await ShouldBeCorrupt(() => Manager.UpdateEventAsync(Later.Id, Later.Details with { Timing = Timed(16, 10, Alice, "Later").Timing }));
        (await Manager.GetEventAsync(Later.Id)).Version.Should().Be(Later.Version);
    }

    [Fact]
    public virtual async Task Updating_the_series_is_refused_as_corrupt_whatever_the_new_fields()
    {
        await ShouldBeCorrupt(() => Manager.UpdateEventAsync(Broken.Id, Broken.Details with { Title = "Renamed" }));
        await ShouldBeCorrupt(() => Manager.UpdateEventAsync(Broken.Id, Broken.Details with { Recurrence = ["RRULE:FREQ=WEEKLY;COUNT=2"] }));
        await ShouldBeCorrupt(() => Manager.UpdateEventAsync(Broken.Id, Broken.Details with { Recurrence = ["RRULE:FREQ=NEVER"] }));
        EventId second = EventId.ForInstance(Broken.Id, OriginalStart.FromInstant(At(9, 10)));
        await ShouldBeCorrupt(() => Manager.UpdateEventAsync(second, Timed(9, 14, Alice, "Moved")));
        await ShouldBeCorrupt(() => Manager.UpdateFollowingAsync(second, d => d with { Title = "Following" }));
        await ShouldBeCorrupt(() => Manager.DeleteEventAsync(second));
    }

    [Fact]
    public virtual async Task Changing_the_series_attendees_is_refused_as_corrupt()
    {
        await ShouldBeCorrupt(() => Manager.InviteAsync(Broken.Id, [Carol]));
        await ShouldBeCorrupt(() => Manager.SetParticipationStatusAsync(Broken.Id, Bob, ParticipationStatus.Declined));
        await ShouldBeCorrupt(() => Manager.RemoveAttendeeAsync(Broken.Id, Bob));
    }

    [Fact]
    public virtual async Task The_series_itself_and_other_events_are_still_found()
    {
        CalendarEvent series = await Manager.GetEventAsync(Broken.Id);
        series.Recurrence.Should().Equal(BrokenLines);
        series.Version.Should().Be(Broken.Version);
        (await Manager.GetEventAsync(Other.Id)).Version.Should().Be(Other.Version);
        (await Manager.FindEventAsync(new EventId("missing"))).Should().BeNull();
    }

    [Fact]
    public virtual async Task Queries_that_do_not_reach_the_series_keep_working()
    {
        Interval april = Week(6, month: 4);
        (await Manager.GetEventsAsync(new EventListQuery(april) { ExpandRecurrence = true })).Select(e => e.Id).Should().Equal(Later.Id);
        (await Manager.GetEventsAsync(new EventListQuery(Week(9)) { Attendee = Carol, ExpandRecurrence = true })).Select(e => e.Id).Should().Equal(Other.Id);
        (await Manager.GetFreeBusyAsync([RoomId], april)).Attendees.Single().Periods.Should().ContainSingle();
        (await Manager.GetFreeBusyAsync([Carol], Week(9))).Attendees.Single().Periods.Should().ContainSingle();
        (await Manager.FindConflictsAsync(RoomId, Timed(13, 10, Carol, "Proposed", month: 4))).IsFree.Should().BeTrue();
        (await Manager.FindConflictsAsync(RoomId, Timed(6, 10, Carol, "Proposed", month: 4))).Conflicts.Should().ContainSingle().Which.EventId.Should().Be(Later.Id);

        CalendarEvent created = await Manager.CreateEventAsync(Timed(13, 10, Carol, "After", month: 4), new EventId("after"));
        InvitationResult invited = await Manager.InviteAsync(created.Id, [RoomId], cancellationToken: default);
        invited.Outcomes.Single().Status.Should().Be(ParticipationStatus.Accepted, "the room is free then, and the series' stored span ends before");
    }

    [Fact]
    public virtual async Task Deleting_the_series_is_the_way_out()
    {
        await Manager.DeleteEventAsync(Broken.Id, Broken.Version);
        (await Manager.FindEventAsync(Broken.Id)).Should().BeNull();
        (await Manager.GetEventsAsync(new EventListQuery(Week(9)) { ExpandRecurrence = true })).Select(e => e.Id).Should().Equal(Other.Id);
        (await Manager.GetFreeBusyAsync([Bob], Week(9))).Attendees.Single().Periods.Should().BeEmpty();
        CalendarEvent again = await Manager.CreateEventAsync(Timed(2, 10, Alice, "Weekly") with { Recurrence = ["RRULE:FREQ=WEEKLY;COUNT=4"] }, Broken.Id);
        (await Manager.GetInstancesAsync(again.Id, Week(9))).Should().ContainSingle();
    }

    /// <summary>Asserts that a call fails with <see cref="StorageErrorCode.Corrupt"/> naming the broken series, with the
    /// parser's exception inside, and that no event stored before the test changed.</summary>
    protected async Task<CalcoreStorageException> ShouldBeCorrupt(Func<Task> call)
    {
        CalcoreStorageException ex = (await call.Should().ThrowExactlyAsync<CalcoreStorageException>()).Which;
        ex.Code.Should().Be(StorageErrorCode.Corrupt, ex.Message);
        ex.EventId.Should().Be(Broken.Id);
        ex.Message.Should().Contain($"'{Broken.Id}'").And.Contain("FREQ");
        ex.InnerException.Should().BeOfType<RecurrenceParseException>();
        IReadOnlyList<(EventId Id, long Version)> now = await StoredAsync();
        now.Where(e => _stored.Any(s => s.Id == e.Id)).Should().Equal(_stored, "a refused call changes nothing");
        return ex;
    }

    /// <summary>Every stored event's id and version, in storage order.</summary>
    protected async Task<IReadOnlyList<(EventId Id, long Version)>> StoredAsync()
        => [.. (await Storage.QueryEventsAsync(new EventQuery(), default)).Select(e => (e.Id, e.Version))];

    protected static Instant At(int day, int hour, int month = 3) => Instant.FromUtc(2026, month, day, hour, 0);

    protected static Interval Week(int day, int month = 3) => new(At(day, 0, month), At(day, 0, month) + Duration.FromDays(7));

    protected static EventDetails Timed(int day, int hour, AttendeeId organizer, string title, int month = 3)
        => new(EventTiming.Timed(new LocalDateTime(2026, month, day, hour, 0), DateTimeZone.Utc, Duration.FromHours(1)))
        {
            Title = title,
            OrganizerId = organizer,
        };
}
