using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Storage.Specification.Tests;

/// <summary>The contract as the manager uses it for recurring events: series spans, exceptions, expansion and "this and following".</summary>
public abstract class RecurrenceStorageTestBase<TFixture> : StorageTestBase<TFixture>
    where TFixture : StorageFixtureBase
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private StorageManager _manager = null!;

    protected RecurrenceStorageTestBase(TFixture fixture)
        : base(fixture)
    {
    }

    protected StorageManager Manager => _manager;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _manager = Fixture.CreateManager(Storage, Paris);
    }

    public override async Task DisposeAsync()
    {
        await _manager.DisposeAsync();
        await base.DisposeAsync();
    }

    private static EventDetails Weekly(string title, string rule = "RRULE:FREQ=WEEKLY;BYDAY=MO", int year = 2026, int month = 3, int day = 2, string organizer = "alice")
        => new(EventTiming.Timed(new LocalDateTime(year, month, day, 10, 0), Paris, Duration.FromHours(1)))
        {
            Title = title,
            OrganizerId = new AttendeeId(organizer),
            Recurrence = [rule],
        };

    private static Interval Week(int year, int month, int day)
    {
        Instant start = new LocalDate(year, month, day).AtStartOfDayInZone(Paris).ToInstant();
        return new Interval(start, start + Duration.FromDays(7));
    }

    [Fact]
    public virtual async Task An_unbounded_series_is_found_years_after_it_began()
    {
        CalendarEvent series = await Manager.CreateEventAsync(Weekly("Standup", year: 2020, month: 1, day: 6));
        var found = await Manager.GetEventsAsync(new EventListQuery(Week(2031, 3, 3)) { Attendee = new AttendeeId("alice"), ExpandRecurrence = true });
        found.Should().ContainSingle().Which.RecurringEventId.Should().Be(series.Id);
        (await Manager.GetEventsAsync(new EventListQuery(Week(2031, 3, 3)))).Should().ContainSingle().Which.Id.Should().Be(series.Id);
        (await Manager.CalendarOf(new AttendeeId("alice")).GetOrganizedEventsAsync()).Should().ContainSingle();
    }

    [Fact]
    public virtual async Task A_bounded_series_is_not_found_after_its_last_instance()
    {
        await Manager.CreateEventAsync(Weekly("Three", "RRULE:FREQ=WEEKLY;COUNT=3"));
        (await Manager.GetEventsAsync(new EventListQuery(Week(2026, 3, 16)) { Attendee = new AttendeeId("alice"), ExpandRecurrence = true })).Should().ContainSingle();
        (await Manager.GetEventsAsync(new EventListQuery(Week(2026, 3, 23)) { Attendee = new AttendeeId("alice"), ExpandRecurrence = true })).Should().BeEmpty();
        (await Manager.GetEventsAsync(new EventListQuery(Week(2026, 3, 23)))).Should().BeEmpty();
    }

    [Fact]
    public virtual async Task Exceptions_and_cancellations_are_kept_and_expanded_in_place()
    {
        CalendarEvent series = await Manager.CreateEventAsync(Weekly("Standup"));
        var instances = await Manager.GetInstancesAsync(series.Id, new Interval(Week(2026, 3, 2).Start, Week(2026, 3, 30).Start));
        instances.Should().HaveCount(4);
        CalendarEvent second = instances[1];
        await Manager.UpdateEventAsync(second.Id, second.Details with
        {
            Title = "Moved standup",
            Timing = second.Timing.WithStart(new LocalDateTime(2026, 3, 10, 15, 0)),
        });
        await Manager.DeleteEventAsync(instances[2].Id);

        CalendarEvent stored = (await Storage.FindEventAsync(series.Id, default))!;
        stored.Overrides.Should().HaveCount(2);

        var expanded = await Manager.GetEventsAsync(new EventListQuery(new Interval(Week(2026, 3, 2).Start, Week(2026, 3, 30).Start)) { Attendee = new AttendeeId("alice"), ExpandRecurrence = true });
        expanded.Select(e => e.Title).Should().Equal("Standup", "Moved standup", "Standup");
        expanded[1].Timing.Start.Should().Be(new LocalDateTime(2026, 3, 10, 15, 0));
        expanded.Should().OnlyContain(e => e.RecurringEventId == series.Id);
        (await Manager.GetEventsAsync(new EventListQuery(Week(2026, 3, 16)) { Attendee = new AttendeeId("alice"), ExpandRecurrence = true, IncludeCancelledInstances = true }))
            .Should().ContainSingle().Which.Status.Should().Be(EventStatus.Cancelled);
        (await Manager.GetEventsAsync(new EventListQuery(Week(2026, 3, 9)) { Attendee = new AttendeeId("alice"), ExpandRecurrence = true })).Should().ContainSingle().Which.Title.Should().Be("Moved standup");
    }

    [Fact]
    public virtual async Task This_and_following_splits_the_series_in_storage()
    {
        CalendarEvent series = await Manager.CreateEventAsync(Weekly("Standup"));
        var instances = await Manager.GetInstancesAsync(series.Id, new Interval(Week(2026, 3, 2).Start, Week(2026, 4, 6).Start));
        instances.Should().HaveCount(5);
        SeriesSplitResult split = await Manager.UpdateFollowingAsync(instances[2].Id, d => d with { Title = "New standup", Location = "Room 2" });
        split.Original.Should().NotBeNull();
        split.Following.SplitFromId.Should().Be(series.Id);

        (await Storage.FindEventAsync(series.Id, default))!.Version.Should().Be(split.Original!.Version);
        (await Storage.FindEventAsync(split.Following.Id, default)).ShouldBeSameSnapshot(split.Following);

        var expanded = await Manager.GetEventsAsync(new EventListQuery(new Interval(Week(2026, 3, 2).Start, Week(2026, 4, 6).Start)) { Attendee = new AttendeeId("alice"), ExpandRecurrence = true });
        expanded.Select(e => (e.RecurringEventId, e.Title)).Should().Equal(
            (series.Id, "Standup"), (series.Id, "Standup"),
            (split.Following.Id, "New standup"), (split.Following.Id, "New standup"), (split.Following.Id, "New standup"));
        // The original's span now ends before the split: a window after it finds only the new series.
        (await Storage.QueryEventsAsync(new EventQuery { Window = Week(2027, 3, 1) }, default)).Select(e => e.Id).Should().Equal(split.Following.Id);
        (await Manager.GetEventsAsync(new EventListQuery(Week(2026, 3, 2)))).Select(e => e.Id).Should().Equal(series.Id);
    }

    [Fact]
    public virtual async Task A_series_and_single_events_list_together_in_order()
    {
        CalendarEvent series = await Manager.CreateEventAsync(Weekly("Standup"));
        CalendarEvent single = await Manager.CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 3, 9, 0), Paris, Duration.FromHours(1)))
        {
            Title = "One-off",
            OrganizerId = new AttendeeId("alice"),
        });
        var expanded = await Manager.GetEventsAsync(new EventListQuery(new Interval(Week(2026, 3, 2).Start, Week(2026, 3, 16).Start)) { Attendee = new AttendeeId("alice"), ExpandRecurrence = true });
        expanded.Select(e => e.Title).Should().Equal("Standup", "One-off", "Standup");
        var plain = await Manager.GetEventsAsync(new EventListQuery(new Interval(Week(2026, 3, 2).Start, Week(2026, 3, 16).Start)) { Attendee = new AttendeeId("alice") });
        plain.Select(e => e.Id).Should().BeEquivalentTo([series.Id, single.Id]);
    }
}
