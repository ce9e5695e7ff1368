using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Scheduling;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Calcore.Tests.TestWorld;

namespace Calcore.Tests.Scheduling;

public class FreeBusyTests : IAsyncLifetime
{
    private static readonly WorkingHours NineToFive = new(new LocalTime(9, 0), new LocalTime(17, 0));

    private readonly TestWorld _w = TestWorld.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private StorageManager Manager => _w.Manager;

    private static BusyPeriod Busy(Interval i) => new(i, BusyType.Busy);

    private static BusyPeriod Tentative(Interval i) => new(i, BusyType.BusyTentative);

    private Task<FreeBusy> FreeBusyAsync(Interval window, params Attendee[] who) => Manager.GetFreeBusyAsync(who.Select(a => a.Id), window);

    /// <summary>An event organized by <paramref name="who"/> (ACCEPTED).</summary>
    private Task<CalendarEvent> BusyAsync(Attendee who, EventDetails details) => _w.CalendarOf(who).CreateEventAsync(details);

    /// <summary>An event organized by martijn to which <paramref name="who"/> answered <paramref name="status"/>.</summary>
    private async Task<CalendarEvent> InvitedAsync(Attendee who, EventDetails details, ParticipationStatus status)
    {
        CalendarEvent e = await _w.MeetingAsync(details, _w.Martijn, who);
        return await Manager.SetParticipationStatusAsync(e.Id, who.Id, status);
    }

    // ------------------------------------------------------------------ busy and busy-tentative

    [Fact]
    public async Task An_accepted_confirmed_event_is_busy()
    {
        await BusyAsync(_w.Bob, At(2, 10));

        FreeBusy fb = await FreeBusyAsync(Days(2, 3), _w.Bob);

        fb.GetMergedPeriods().Should().Equal(Busy(Window(2, 10, 0, 2, 11)));
        fb[_w.Bob.Id].Busy.Should().Equal(Window(2, 10, 0, 2, 11));
        fb[_w.Bob.Id].BusyTentative.Should().BeEmpty();
        fb.Window.Should().Be(Days(2, 3));
        fb.Attendees.Select(a => a.AttendeeId).Should().Equal(_w.Bob.Id);
    }

    [Fact]
    public async Task A_tentative_event_is_busy_tentative_even_when_accepted()
    {
        await BusyAsync(_w.Bob, At(2, 10) with { Status = EventStatus.Tentative });

        (await FreeBusyAsync(Days(2, 3), _w.Bob)).GetMergedPeriods().Should().Equal(Tentative(Window(2, 10, 0, 2, 11)));
    }

    [Theory]
    [InlineData(ParticipationStatus.NeedsAction, BusyType.BusyTentative)]
    [InlineData(ParticipationStatus.Tentative, BusyType.BusyTentative)]
    [InlineData(ParticipationStatus.Accepted, BusyType.Busy)]
    public async Task Participation_decides_between_busy_and_busy_tentative(ParticipationStatus status, BusyType expected)
    {
        await InvitedAsync(_w.Bob, At(2, 10), status);

        (await FreeBusyAsync(Days(2, 3), _w.Bob)).GetMergedPeriods().Should().Equal(new BusyPeriod(Window(2, 10, 0, 2, 11), expected));
    }

    [Theory]
    [InlineData(ParticipationStatus.Declined)]
    [InlineData(ParticipationStatus.Delegated)]
    public async Task Declined_and_delegated_events_do_not_block(ParticipationStatus status)
    {
        await InvitedAsync(_w.Bob, At(2, 10), status);

        (await FreeBusyAsync(Days(2, 3), _w.Bob)).GetMergedPeriods().Should().BeEmpty();
        (await FreeBusyAsync(Days(2, 3), _w.Martijn)).GetMergedPeriods().Should().ContainSingle("the organizer still accepted");
    }

    [Fact]
    public async Task Transparent_and_cancelled_events_do_not_block()
    {
        await BusyAsync(_w.Bob, At(2, 10) with { Transparency = Transparency.Transparent });
        await BusyAsync(_w.Bob, At(2, 12) with { Status = EventStatus.Cancelled });
        await BusyAsync(_w.Bob, At(2, 14) with { Status = EventStatus.Tentative, Transparency = Transparency.Transparent });

        (await FreeBusyAsync(Days(2, 3), _w.Bob)).GetMergedPeriods().Should().BeEmpty();
    }

    [Fact]
    public async Task Zero_length_events_do_not_block()
    {
        await BusyAsync(_w.Bob, At(2, 10, minutes: 0));

        (await FreeBusyAsync(Days(2, 3), _w.Bob)).GetMergedPeriods().Should().BeEmpty();
    }

    [Fact]
    public async Task Events_of_other_attendees_and_unknown_attendees_do_not_count()
    {
        await BusyAsync(_w.Alice, At(2, 10));

        (await FreeBusyAsync(Days(2, 3), _w.Bob)).GetMergedPeriods().Should().BeEmpty();
        (await Manager.GetFreeBusyAsync([new AttendeeId("nobody")], Days(2, 3))).GetMergedPeriods().Should().BeEmpty();
        (await Manager.GetFreeBusyAsync([], Days(2, 3))).GetMergedPeriods().Should().BeEmpty();
    }

    // ------------------------------------------------------------------ clipping, merging, precedence

    [Fact]
    public async Task Periods_are_clipped_to_the_window()
    {
        await BusyAsync(_w.Bob, At(2, 9, minutes: 120));
        await BusyAsync(_w.Bob, At(2, 11, 30, minutes: 600));

        FreeBusy fb = await FreeBusyAsync(Window(2, 10, 0, 2, 12), _w.Bob);

        fb.GetMergedPeriods().Should().Equal(Busy(Window(2, 10, 0, 2, 11)), Busy(Window(2, 11, 30, 2, 12)));
    }

    [Fact]
    public async Task An_event_covering_the_whole_window_fills_it()
    {
        await BusyAsync(_w.Bob, new EventDetails(EventTiming.AllDay(new LocalDate(2026, 3, 1), 5)));

        (await FreeBusyAsync(Window(2, 10, 0, 2, 12), _w.Bob)).GetMergedPeriods().Should().Equal(Busy(Window(2, 10, 0, 2, 12)));
    }

    [Fact]
    public async Task Events_outside_the_window_and_touching_it_are_left_out()
    {
        await BusyAsync(_w.Bob, At(2, 9));
        await BusyAsync(_w.Bob, At(2, 12));

        (await FreeBusyAsync(Window(2, 10, 0, 2, 12), _w.Bob)).GetMergedPeriods().Should().BeEmpty();
    }

    [Fact]
    public async Task Overlapping_and_touching_periods_merge_across_attendees()
    {
        await BusyAsync(_w.Bob, At(2, 9));
        await BusyAsync(_w.Alice, At(2, 10));
        await BusyAsync(_w.Martijn, At(2, 10, 30, minutes: 90));
        await BusyAsync(_w.Bob, At(2, 14));
        await BusyAsync(_w.Alice, At(2, 14, 15, minutes: 15));

        FreeBusy fb = await FreeBusyAsync(Days(2, 3), _w.Bob, _w.Alice, _w.Martijn);

        fb.GetMergedPeriods().Should().Equal(Busy(Window(2, 9, 0, 2, 12)), Busy(Window(2, 14, 0, 2, 15)));
    }

    [Fact]
    public async Task The_same_event_for_several_attendees_counts_once()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);
        await Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.Accepted);

        FreeBusy fb = await Manager.GetFreeBusyAsync([_w.Bob.Id, _w.Martijn.Id, _w.Bob.Id], Days(2, 3));

        fb.GetMergedPeriods().Should().Equal(Busy(Window(2, 10, 0, 2, 11)));
        fb.Attendees.Select(a => a.AttendeeId).Should().Equal(_w.Bob.Id, _w.Martijn.Id);
    }

    [Fact]
    public async Task Busy_wins_over_busy_tentative_where_they_overlap()
    {
        await BusyAsync(_w.Bob, At(2, 10));
        await BusyAsync(_w.Alice, At(2, 9) with { Status = EventStatus.Tentative, Timing = At(2, 9, minutes: 180).Timing });
        await InvitedAsync(_w.Bob, At(2, 13, minutes: 60), ParticipationStatus.Tentative);
        await BusyAsync(_w.Alice, At(2, 13, 30));

        FreeBusy fb = await FreeBusyAsync(Days(2, 3), _w.Bob, _w.Alice);

        fb.GetMergedPeriods().Should().Equal(
            Tentative(Window(2, 9, 0, 2, 10)),
            Busy(Window(2, 10, 0, 2, 11)),
            Tentative(Window(2, 11, 0, 2, 12)),
            Tentative(Window(2, 13, 0, 2, 13, 30)),
            Busy(Window(2, 13, 30, 2, 14, 30)));
    }

    [Fact]
    public async Task Periods_are_ordered_and_disjoint()
    {
        var random = new Random(20260302);
        Individual[] people = [_w.Bob, _w.Alice, _w.Martijn];
        for (int i = 0; i < 40; i++)
        {
            EventDetails details = At(2 + random.Next(3), random.Next(24), random.Next(60), minutes: random.Next(0, 300));
            if (random.Next(3) == 0)
            {
                details = details with { Status = EventStatus.Tentative };
            }
            await BusyAsync(people[random.Next(people.Length)], details);
        }

        FreeBusy fb = await FreeBusyAsync(Window(2, 7, 0, 4, 19), people);

        fb.GetMergedPeriods().Should().NotBeEmpty();
        for (int i = 1; i < fb.GetMergedPeriods().Count; i++)
        {
            fb.GetMergedPeriods()[i].Period.Start.Should().BeGreaterThanOrEqualTo(fb.GetMergedPeriods()[i - 1].Period.End);
            if (fb.GetMergedPeriods()[i].Type == fb.GetMergedPeriods()[i - 1].Type)
            {
                fb.GetMergedPeriods()[i].Period.Start.Should().BeGreaterThan(fb.GetMergedPeriods()[i - 1].Period.End, "touching periods of one type merge");
            }
        }
        fb.GetMergedPeriods().Should().AllSatisfy(p =>
        {
            p.Period.Duration.Should().BeGreaterThan(Duration.Zero);
            p.Period.Start.Should().BeGreaterThanOrEqualTo(fb.Window.Start);
            p.Period.End.Should().BeLessThanOrEqualTo(fb.Window.End);
        });
    }

    [Fact]
    public async Task Free_busy_refuses_an_unbounded_window()
    {
        Func<Task> noEnd = () => Manager.GetFreeBusyAsync([_w.Bob.Id], new Interval(Utc(2, 0), null));
        Func<Task> noStart = () => Manager.GetFreeBusyAsync([_w.Bob.Id], new Interval(null, Utc(2, 0)));

        (await noEnd.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("window");
        (await noStart.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("window");
    }

    // ------------------------------------------------------------------ free periods

    private Task<IReadOnlyList<Interval>> FreeAsync(Interval window, WorkingHours hours, int minimumMinutes, params Attendee[] who)
        => Manager.FindFreePeriodsAsync(who.Select(a => a.Id), window, hours, Duration.FromMinutes(minimumMinutes));

    [Fact]
    public async Task Free_periods_are_the_working_hours_minus_busy_time()
    {
        await BusyAsync(_w.Bob, At(2, 10));
        await InvitedAsync(_w.Alice, At(2, 13, minutes: 90), ParticipationStatus.Tentative);
        await BusyAsync(_w.Bob, At(2, 18));

        IReadOnlyList<Interval> free = await FreeAsync(Days(2, 3), NineToFive, 0, _w.Bob, _w.Alice);

        free.Should().Equal(Window(2, 9, 0, 2, 10), Window(2, 11, 0, 2, 13), Window(2, 14, 30, 2, 17));
    }

    [Fact]
    public async Task Free_periods_stay_inside_a_window_that_does_not_start_at_midnight()
    {
        // Old CalCore bug Q7: a 10:30–15:00 period gave free slots outside it.
        await BusyAsync(_w.Bob, At(2, 12));

        IReadOnlyList<Interval> inHours = await FreeAsync(Window(2, 10, 30, 2, 15), NineToFive, 0, _w.Bob);
        IReadOnlyList<Interval> allDay = await FreeAsync(Window(2, 10, 30, 2, 15), WorkingHours.AllDay, 0, _w.Bob);

        inHours.Should().Equal(Window(2, 10, 30, 2, 12), Window(2, 13, 0, 2, 15));
        allDay.Should().Equal(inHours);
    }

    [Fact]
    public async Task Free_periods_of_a_window_spanning_days_from_mid_day_to_mid_day()
    {
        await BusyAsync(_w.Bob, At(3, 9, 30));

        IReadOnlyList<Interval> free = await FreeAsync(Window(2, 15, 0, 4, 11), NineToFive, 0, _w.Bob);

        free.Should().Equal(
            Window(2, 15, 0, 2, 17),
            Window(3, 9, 0, 3, 9, 30),
            Window(3, 10, 30, 3, 17),
            Window(4, 9, 0, 4, 11));
    }

    [Fact]
    public async Task A_window_outside_the_working_hours_has_no_free_periods()
    {
        (await FreeAsync(Window(2, 17, 0, 3, 9), NineToFive, 0)).Should().BeEmpty();
        (await FreeAsync(Window(2, 10, 0, 2, 10), NineToFive, 0)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_minimum_length_is_inclusive()
    {
        await BusyAsync(_w.Bob, At(2, 9));
        await BusyAsync(_w.Bob, At(2, 11, minutes: 360));

        (await FreeAsync(Days(2, 3), NineToFive, 60, _w.Bob)).Should().Equal(Window(2, 10, 0, 2, 11));
        (await FreeAsync(Days(2, 3), NineToFive, 61, _w.Bob)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_overnight_event_blocks_the_end_of_one_working_day_and_the_start_of_the_next()
    {
        await BusyAsync(_w.Bob, At(2, 16, minutes: 18 * 60));

        IReadOnlyList<Interval> free = await FreeAsync(Days(2, 4), NineToFive, 0, _w.Bob);

        free.Should().Equal(Window(2, 9, 0, 2, 16), Window(3, 10, 0, 3, 17));
    }

    [Fact]
    public async Task Free_periods_never_cross_midnight()
    {
        IReadOnlyList<Interval> free = await FreeAsync(Window(2, 20, 0, 3, 4), WorkingHours.AllDay, 0);

        free.Should().Equal(Window(2, 20, 0, 3, 0), Window(3, 0, 0, 3, 4));
    }

    [Fact]
    public async Task With_no_attendees_the_whole_working_hours_are_free()
    {
        await BusyAsync(_w.Bob, At(2, 10));

        (await FreeAsync(Days(2, 4), NineToFive, 0)).Should().Equal(Window(2, 9, 0, 2, 17), Window(3, 9, 0, 3, 17));
    }

    [Fact]
    public async Task A_window_ending_at_midnight_does_not_add_the_next_day()
    {
        (await FreeAsync(Days(2, 3), WorkingHours.AllDay, 0)).Should().Equal(Days(2, 3));
    }

    [Fact]
    public async Task Working_hours_ending_at_midnight_run_to_the_end_of_the_day()
    {
        var evening = new WorkingHours(new LocalTime(18, 0), LocalTime.Midnight);

        (await FreeAsync(Days(2, 3), evening, 0)).Should().Equal(Window(2, 18, 0, 3, 0));
    }

    [Fact]
    public async Task Working_hours_are_read_in_the_manager_zone()
    {
        await using TestWorld paris = TestWorld.Create(Paris);

        IReadOnlyList<Interval> free = await paris.Manager.FindFreePeriodsAsync([], Days(2, 3), NineToFive, Duration.Zero);

        // 09:00–17:00 in Paris (UTC+1) is 08:00–16:00Z.
        free.Should().Equal(Window(2, 8, 0, 2, 16));
    }

    [Fact]
    public async Task A_whole_day_on_the_spring_forward_day_is_23_hours()
    {
        await using TestWorld paris = TestWorld.Create(Paris);
        var window = new Interval(Instant.FromUtc(2026, 3, 28, 23, 0), Instant.FromUtc(2026, 3, 29, 22, 0));

        IReadOnlyList<Interval> free = await paris.Manager.FindFreePeriodsAsync([], window, WorkingHours.AllDay, Duration.Zero);

        free.Should().Equal(window);
        free[0].Duration.Should().Be(Duration.FromHours(23));
    }

    [Fact]
    public async Task Working_hours_follow_the_wall_clock_across_a_DST_change()
    {
        await using TestWorld paris = TestWorld.Create(Paris);
        var window = new Interval(Instant.FromUtc(2026, 3, 27, 23, 0), Instant.FromUtc(2026, 3, 29, 22, 0)); // Paris 28th and 29th

        IReadOnlyList<Interval> free = await paris.Manager.FindFreePeriodsAsync([], window, NineToFive, Duration.Zero);

        free.Should().Equal(
            new Interval(Instant.FromUtc(2026, 3, 28, 8, 0), Instant.FromUtc(2026, 3, 28, 16, 0)),
            new Interval(Instant.FromUtc(2026, 3, 29, 7, 0), Instant.FromUtc(2026, 3, 29, 15, 0)));
    }

    [Fact]
    public async Task A_working_day_starting_in_a_DST_gap_starts_after_the_gap()
    {
        await using TestWorld newYork = TestWorld.Create(NewYork);
        var hours = new WorkingHours(new LocalTime(2, 30), new LocalTime(4, 0));
        var window = new Interval(Instant.FromUtc(2026, 3, 8, 5, 0), Instant.FromUtc(2026, 3, 9, 4, 0)); // New York, 8 March

        IReadOnlyList<Interval> free = await newYork.Manager.FindFreePeriodsAsync([], window, hours, Duration.Zero);

        free.Should().Equal(new Interval(Instant.FromUtc(2026, 3, 8, 7, 30), Instant.FromUtc(2026, 3, 8, 8, 0)));
    }

    [Fact]
    public async Task Busy_tentative_time_is_not_free()
    {
        await BusyAsync(_w.Bob, At(2, 10) with { Status = EventStatus.Tentative });

        (await FreeAsync(Window(2, 9, 0, 2, 12), NineToFive, 0, _w.Bob)).Should().Equal(Window(2, 9, 0, 2, 10), Window(2, 11, 0, 2, 12));
    }

    [Fact]
    public async Task Find_free_periods_refuses_bad_arguments()
    {
        Func<Task> negative = () => Manager.FindFreePeriodsAsync([], Days(2, 3), NineToFive, Duration.FromMinutes(-1));
        Func<Task> unbounded = () => Manager.FindFreePeriodsAsync([], new Interval(Utc(2, 0), null), NineToFive, Duration.Zero);

        (await negative.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("minimum");
        (await unbounded.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("window");
    }

    // ------------------------------------------------------------------ WorkingHours

    [Fact]
    public void Working_hours_refuse_an_end_not_after_the_start()
    {
        Action before = () => _ = new WorkingHours(new LocalTime(17, 0), new LocalTime(9, 0));
        Action equal = () => _ = new WorkingHours(new LocalTime(9, 0), new LocalTime(9, 0));

        before.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("end");
        equal.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("end");
    }

    [Fact]
    public void Working_hours_have_value_equality_and_AllDay_is_midnight_to_midnight()
    {
        WorkingHours.AllDay.Start.Should().Be(LocalTime.Midnight);
        WorkingHours.AllDay.End.Should().Be(LocalTime.Midnight);
        EqualityAssert.ValueSemantics(
            new WorkingHours(LocalTime.Midnight, LocalTime.Midnight),
            WorkingHours.AllDay,
            NineToFive);
    }
}
