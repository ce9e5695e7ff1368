using System;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Events;

public class RecurringEventTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private readonly StorageManager _m;
    private readonly Individual _ann;
    private readonly Individual _bob;

    public RecurringEventTests()
    {
        var people = new SimpleAttendeeSource();
        _m = StorageManager.CreateBuilder().AddAttendeeSource(people).Build();
        _ann = people.CreateIndividual(new AttendeeId("ann"), "Ann");
        _bob = people.CreateIndividual(new AttendeeId("bob"), "Bob");
    }

    private static Interval Days(int year, int month, int day, int days)
    {
        Instant start = new LocalDate(year, month, day).AtStartOfDayInZone(NewYork).ToInstant();
        return new Interval(start, start + Duration.FromDays(days));
    }

    private Task<CalendarEvent> DailyAsync(string rule = "RRULE:FREQ=DAILY", int hour = 9, string title = "Standup")
        => _m.CalendarOf(_ann.Id).CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2020, 1, 6, hour, 0), NewYork, Duration.FromMinutes(15)))
        {
            Title = title,
            Recurrence = [rule],
        });

    [Fact]
    public async Task A_series_is_found_however_long_ago_it_began()
    {
        CalendarEvent series = await DailyAsync();
        var window = Days(2045, 3, 1, 1);
        (await _m.CalendarOf(_ann.Id).GetEventsAsync(window)).Should().ContainSingle().Which.Id.Should().Be(series.Id);
        var expanded = await _m.GetEventsAsync(new EventListQuery(window) { Attendee = _ann.Id, ExpandRecurrence = true });
        expanded.Should().ContainSingle().Which.Timing.Start.Should().Be(new LocalDateTime(2045, 3, 1, 9, 0));
    }

    [Fact]
    public async Task Organized_events_include_series_even_when_their_first_instances_are_cancelled()
    {
        CalendarEvent series = await DailyAsync("RRULE:FREQ=DAILY;COUNT=3");
        var instances = await _m.GetInstancesAsync(series.Id, Days(2020, 1, 6, 3));
        await _m.DeleteEventAsync(instances[0].Id);
        await _m.DeleteEventAsync(instances[1].Id);
        (await _m.CalendarOf(_ann.Id).GetOrganizedEventsAsync()).Select(e => e.Id).Should().Equal(series.Id);

        await _m.DeleteEventAsync(instances[2].Id);
        (await _m.CalendarOf(_ann.Id).GetOrganizedEventsAsync()).Should().BeEmpty("every instance is cancelled");
    }

    [Fact]
    public async Task Unscoped_listing_finds_series_and_matches_criteria_on_instances()
    {
        CalendarEvent series = await DailyAsync();
        series = (await _m.InviteAsync(series.Id, [_bob.Id])).Event;
        var listed = await _m.GetEventsAsync(new EventListQuery(Days(2021, 5, 3, 1)) { Criteria = new SearchCriteria { Attendees = [_bob.Id], ParticipationStatus = ParticipationStatus.NeedsAction }, ExpandRecurrence = true });
        listed.Should().ContainSingle().Which.RecurringEventId.Should().Be(series.Id);
    }

    [Theory]
    [InlineData("RRULE:FREQ=DAILY", "EXRULE:FREQ=MINUTELY")]
    [InlineData("RRULE:FREQ=SECONDLY;COUNT=2147483647", null)]
    [InlineData("RRULE:FREQ=MINUTELY;BYHOUR=9;COUNT=2147483647", null)]
    public async Task A_hostile_series_is_created_listed_and_checked_for_conflicts_in_bounded_time(string rule, string? exrule)
    {
        // These took from seconds to minutes (the span enumerated every instance, the EXRULE walked to 9999); a hang guard, not a time budget.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var details = new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 1, 1, 0, 0), NewYork, Duration.FromSeconds(1)))
        {
            Title = "hostile",
            Recurrence = exrule is null ? [rule] : [rule, exrule],
        };
        CalendarEvent series = await _m.CalendarOf(_ann.Id).CreateEventAsync(details);
        Instant nine = new LocalDateTime(2026, 6, 1, 9, 0).InZoneStrictly(NewYork).ToInstant();
        (await _m.GetEventsAsync(new EventListQuery(new Interval(nine, nine + Duration.FromHours(1))) { Attendee = _ann.Id, ExpandRecurrence = true })).Should()
            .HaveCount(exrule is not null ? 0 : rule.Contains("BYHOUR", StringComparison.Ordinal) ? 60 : 3600);
        (await _m.FindConflictsAsync(_ann.Id, details with { Recurrence = [] })).Conflicts.Should().HaveCount(exrule is null ? 1 : 0);
        if (exrule is null)
        {
            // "This and following" from an instance decades out counts the instances before it without generating them.
            var instance = (await _m.GetInstancesAsync(series.Id, new Interval(nine, nine + Duration.FromHours(1))))[0];
            var split = await _m.UpdateFollowingAsync(instance.Id, d => d with { Title = "later" });
            split.Following.Details.Recurrence.Should().ContainSingle().Which.Should().Contain("COUNT=");
        }
        await _m.DeleteEventAsync(series.Id);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_bounded_series_is_not_found_after_its_end()
    {
        await DailyAsync("RRULE:FREQ=DAILY;COUNT=3");
        (await _m.CalendarOf(_ann.Id).GetEventsAsync(Days(2020, 1, 8, 1))).Should().HaveCount(1);
        (await _m.CalendarOf(_ann.Id).GetEventsAsync(Days(2020, 1, 9, 30))).Should().BeEmpty();
    }

    [Fact]
    public async Task Instance_ids_parse_back_to_series_and_original_start()
    {
        CalendarEvent series = await DailyAsync();
        CalendarEvent instance = (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 7, 1))).Single();
        instance.Id.TryGetInstance(out EventId seriesId, out OriginalStart start).Should().BeTrue();
        seriesId.Should().Be(series.Id);
        start.Should().Be(OriginalStart.FromInstant(Instant.FromUtc(2020, 1, 7, 14, 0)));
        (await _m.GetEventAsync(EventId.ForInstance(series.Id, start))).Should().Be(instance);
    }

    [Fact]
    public async Task All_day_series_have_date_instance_ids()
    {
        CalendarEvent series = await _m.CalendarOf(_ann.Id).CreateEventAsync(new EventDetails(EventTiming.AllDay(new LocalDate(2020, 1, 6)))
        {
            Title = "Holiday",
            Recurrence = ["RRULE:FREQ=YEARLY"],
        });
        var instances = await _m.GetInstancesAsync(series.Id, new Interval(Instant.FromUtc(2021, 1, 1, 0, 0), Instant.FromUtc(2022, 1, 1, 0, 0)));
        instances.Should().ContainSingle().Which.Id.Value.Should().Be($"{series.Id}_20210106");
        instances[0].Timing.IsAllDay.Should().BeTrue();
    }

    [Fact]
    public async Task Unknown_or_malformed_instance_ids_are_not_found()
    {
        CalendarEvent series = await DailyAsync();
        (await _m.FindEventAsync(new EventId($"{series.Id}_20200107T150000Z"))).Should().BeNull("no instance starts at 15:00Z");
        (await _m.FindEventAsync(new EventId($"{series.Id}_2020010"))).Should().BeNull();
        (await _m.FindEventAsync(new EventId("nosuchseries_20200107T140000Z"))).Should().BeNull();
        Func<Task> get = () => _m.GetEventAsync(new EventId($"{series.Id}_20200107T150000Z"));
        (await get.Should().ThrowAsync<EventNotFoundException>()).Which.EventId.Value.Should().Be($"{series.Id}_20200107T150000Z");
        Func<Task> update = () => _m.UpdateEventAsync(new EventId($"{series.Id}_19990107T140000Z"), series.Details);
        await update.Should().ThrowAsync<EventNotFoundException>();
    }

    [Fact]
    public async Task A_recurrence_line_that_does_not_parse_is_refused_with_its_position()
    {
        Func<Task> create = () => DailyAsync("RRULE:FREQ=DAILY;BYDAY=XX");
        var error = (await create.Should().ThrowAsync<RecurrenceParseException>()).Which;
        error.Should().BeAssignableTo<ArgumentException>();
        error.Line.Should().Be(1);
        error.Message.Should().Contain("BYDAY");
        ((MemoryStorageCount)_m).Value.Should().Be(0);
    }

    [Fact]
    public async Task An_instance_cannot_be_given_recurrence()
    {
        CalendarEvent series = await DailyAsync();
        CalendarEvent instance = (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 7, 1))).Single();
        Func<Task> update = () => _m.UpdateEventAsync(instance.Id, instance.Details with { Recurrence = ["RRULE:FREQ=WEEKLY"] });
        (await update.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("details");
        (await _m.GetEventAsync(series.Id)).Version.Should().Be(series.Version);
    }

    [Fact]
    public async Task A_stale_version_on_an_instance_is_a_concurrency_conflict()
    {
        CalendarEvent series = await DailyAsync();
        CalendarEvent instance = (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 7, 1))).Single();
        await _m.UpdateEventAsync(series.Id, series.Details with { Title = "Renamed" });
        Func<Task> update = () => _m.UpdateEventAsync(instance.Id, instance.Details with { Title = "Mine" }, instance.Version);
        var conflict = (await update.Should().ThrowAsync<ConcurrencyConflictException>()).Which;
        conflict.EventId.Should().Be(series.Id);
        conflict.ExpectedVersion.Should().Be(instance.Version);
    }

    [Fact]
    public async Task Series_changes_reach_instances_except_the_fields_they_overrode()
    {
        CalendarEvent series = await DailyAsync();
        CalendarEvent tuesday = (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 7, 1))).Single();
        await _m.UpdateEventAsync(tuesday.Id, tuesday.Details with { Title = "Tuesday special" });
        series = await _m.GetEventAsync(series.Id);
        await _m.UpdateEventAsync(series.Id, series.Details with { Title = "Daily sync", Location = "Room 7" });

        var week = await _m.GetInstancesAsync(series.Id, Days(2020, 1, 6, 3));
        week.Select(i => (i.Title, i.Location)).Should().Equal(("Daily sync", "Room 7"), ("Tuesday special", "Room 7"), ("Daily sync", "Room 7"));
    }

    [Fact]
    public async Task Changing_the_rule_removes_and_reports_exceptions_that_no_longer_apply()
    {
        CalendarEvent series = await DailyAsync();
        var days = await _m.GetInstancesAsync(series.Id, Days(2020, 1, 6, 2));
        await _m.UpdateEventAsync(days[0].Id, days[0].Details with { Title = "Monday" });
        await _m.UpdateEventAsync(days[1].Id, days[1].Details with { Title = "Tuesday" });
        series = await _m.GetEventAsync(series.Id);

        EventUpdateResult result = await _m.UpdateEventAsync(series.Id, series.Details with { Recurrence = ["RRULE:FREQ=WEEKLY;BYDAY=MO"] });

        result.RemovedOverrides.Select(o => o.Title).Should().Equal("Tuesday");
        result.Event.Overrides.Select(o => o.Title).Should().Equal("Monday");
    }

    [Fact]
    public async Task Moving_an_instance_lists_it_at_its_new_time_and_keeps_its_identity()
    {
        CalendarEvent series = await DailyAsync();
        CalendarEvent tuesday = (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 7, 1))).Single();
        CalendarEvent moved = (await _m.UpdateEventAsync(tuesday.Id, tuesday.Details with { Timing = tuesday.Timing.WithStart(new LocalDateTime(2020, 1, 9, 16, 0)) })).Event;

        moved.Id.Should().Be(tuesday.Id);
        moved.OriginalStart.Should().Be(tuesday.OriginalStart);
        (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 7, 1))).Should().BeEmpty();
        var thursday = await _m.GetInstancesAsync(series.Id, Days(2020, 1, 9, 1));
        thursday.Select(i => i.Timing.Start.Hour).Should().Equal(9, 16);
        thursday[1].Id.Should().Be(tuesday.Id);
    }

    [Fact]
    public async Task Cancelled_instances_are_hidden_stop_blocking_and_can_be_restored()
    {
        CalendarEvent series = await DailyAsync();
        CalendarEvent tuesday = (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 7, 1))).Single();
        await _m.DeleteEventAsync(tuesday.Id);
        (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 7, 1))).Should().BeEmpty();
        (await _m.GetEventAsync(tuesday.Id)).Status.Should().Be(EventStatus.Cancelled);
        (await _m.GetFreeBusyAsync([_ann.Id], Days(2020, 1, 7, 1))).GetMergedPeriods().Should().BeEmpty();

        CalendarEvent restored = await _m.RestoreInstanceAsync(tuesday.Id);
        restored.Status.Should().Be(EventStatus.Confirmed);
        (await _m.GetFreeBusyAsync([_ann.Id], Days(2020, 1, 7, 1))).GetMergedPeriods().Should().ContainSingle();
        (await _m.GetEventAsync(series.Id)).Overrides.Should().BeEmpty("a restored instance with no other change needs no override");
    }

    [Fact]
    public async Task An_attendee_may_answer_for_one_instance_only()
    {
        CalendarEvent series = await DailyAsync();
        series = (await _m.InviteAsync(series.Id, [_bob.Id])).Event;
        series = await _m.SetParticipationStatusAsync(series.Id, _bob.Id, ParticipationStatus.Accepted);
        CalendarEvent tuesday = (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 7, 1))).Single();

        CalendarEvent declined = await _m.SetParticipationStatusAsync(tuesday.Id, _bob.Id, ParticipationStatus.Declined);

        declined.GetParticipationStatus(_bob.Id).Should().Be(ParticipationStatus.Declined);
        (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 6, 3))).Select(i => i.GetParticipationStatus(_bob.Id))
            .Should().Equal(ParticipationStatus.Accepted, ParticipationStatus.Declined, ParticipationStatus.Accepted);
        var busy = await _m.GetFreeBusyAsync([_bob.Id], Days(2020, 1, 6, 3));
        busy.GetMergedPeriods().Should().HaveCount(2, "Bob declined Tuesday only");
        var needsNothing = await _m.GetEventsAsync(new EventListQuery(Days(2020, 1, 6, 3)) { Attendee = _bob.Id, Criteria = new SearchCriteria { ParticipationStatus = ParticipationStatus.Declined }, ExpandRecurrence = true });
        needsNothing.Should().ContainSingle().Which.Id.Should().Be(tuesday.Id);
    }

    [Fact]
    public async Task Listing_without_expansion_returns_series_and_exceptions_never_instances()
    {
        CalendarEvent series = await DailyAsync();
        CalendarEvent tuesday = (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 7, 1))).Single();
        await _m.UpdateEventAsync(tuesday.Id, tuesday.Details with { Location = "Elsewhere" });
        CalendarEvent single = await _m.CalendarOf(_ann.Id).CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2020, 1, 8, 12, 0), NewYork, Duration.FromHours(1))) { Title = "Lunch" });

        var listed = await _m.CalendarOf(_ann.Id).GetEventsAsync(Days(2020, 1, 6, 7));
        listed.Select(e => e.Id).Should().BeEquivalentTo([series.Id, tuesday.Id, single.Id]);
        var expanded = await _m.GetEventsAsync(new EventListQuery(Days(2020, 1, 6, 7)) { Attendee = _ann.Id, ExpandRecurrence = true });
        expanded.Should().HaveCount(8);
        expanded.Should().NotContain(e => e.IsRecurring);
        expanded.Select(e => e.ToInterval(_m.Zone).Start).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task This_and_following_with_COUNT_trims_by_count_and_moves_later_exceptions()
    {
        CalendarEvent series = await DailyAsync("RRULE:FREQ=DAILY;COUNT=10");
        var instances = await _m.GetInstancesAsync(series.Id, Days(2020, 1, 6, 10));
        await _m.UpdateEventAsync(instances[7].Id, instances[7].Details with { Title = "Eighth" });
        await _m.UpdateEventAsync(instances[1].Id, instances[1].Details with { Title = "Second" });

        SeriesSplitResult split = await _m.UpdateFollowingAsync(instances[5].Id, d => d with { Timing = d.Timing.WithStart(d.Timing.Start.PlusHours(1)) });

        split.Original!.Recurrence.Should().Equal("RRULE:FREQ=DAILY;COUNT=5");
        split.Following.Recurrence.Should().Equal("RRULE:FREQ=DAILY;COUNT=5");
        split.Original.Overrides.Select(o => o.Title).Should().Equal("Second");
        var following = await _m.GetInstancesAsync(split.Following.Id, Days(2020, 1, 6, 20));
        following.Select(i => (i.Timing.Start, i.Title)).Should().Equal(
            (new LocalDateTime(2020, 1, 11, 10, 0), "Standup"), (new LocalDateTime(2020, 1, 12, 10, 0), "Standup"),
            (new LocalDateTime(2020, 1, 13, 10, 0), "Eighth"), (new LocalDateTime(2020, 1, 14, 10, 0), "Standup"),
            (new LocalDateTime(2020, 1, 15, 10, 0), "Standup"));
    }

    [Fact]
    public async Task This_and_following_on_the_first_instance_changes_the_whole_series()
    {
        CalendarEvent series = await DailyAsync();
        CalendarEvent first = (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 6, 1))).Single();
        SeriesSplitResult split = await _m.UpdateFollowingAsync(first.Id, d => d with { Title = "All of them" });
        split.Original.Should().BeNull();
        split.Following.Id.Should().Be(series.Id);
        split.Following.Title.Should().Be("All of them");
    }

    [Fact]
    public async Task A_refused_split_changes_nothing()
    {
        CalendarEvent series = await DailyAsync();
        CalendarEvent third = (await _m.GetInstancesAsync(series.Id, Days(2020, 1, 8, 1))).Single();
        Func<Task> split = () => _m.UpdateFollowingAsync(third.Id, d => d with { Recurrence = ["RRULE:FREQ=DAILY;INTERVAL=0"] });
        await split.Should().ThrowAsync<ArgumentException>();
        (await _m.GetEventAsync(series.Id)).Should().Be(series);
        ((MemoryStorageCount)_m).Value.Should().Be(1);
    }

    /// <summary>Reads the number of events in the manager's memory storage.</summary>
    private readonly record struct MemoryStorageCount(int Value)
    {
        public static explicit operator MemoryStorageCount(StorageManager m) => new(((Calcore.Storage.MemoryStorage)m.Storage).Count);
    }
}
