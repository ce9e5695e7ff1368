using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Scenarios;

/// <summary>
/// The Google Calendar "Recurring events" walk-through (shared/seeds/001_…, 002_…, 004_…): create the
/// "Appointment" series, list its instances, cancel one, and change the location "this and following" from the
/// third instance on — asserting the instances and fields of both series at every step.
/// </summary>
public class RecurringEventsScenarioTests
{
    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];
    private static readonly Interval June2011 = new(Instant.FromUtc(2011, 6, 1, 0, 0), Instant.FromUtc(2011, 7, 15, 0, 0));

    private readonly StorageManager _m;
    private readonly Individual _organizer;
    private readonly Individual _attendee;

    public RecurringEventsScenarioTests()
    {
        var people = new SimpleAttendeeSource();
        _m = StorageManager.CreateBuilder().AddAttendeeSource(people).Build();
        _organizer = people.CreateIndividual(new AttendeeId("userEmail"), "userDisplayName");
        _attendee = people.CreateIndividual(new AttendeeId("attendeeEmail"), "attendeeDisplayName");
    }

    /// <summary>Google's <c>events.instances</c> with <c>showDeleted=true</c>: the attendee's expanded calendar, cancelled
    /// instances included.</summary>
    private Task<IReadOnlyList<CalendarEvent>> ListWithCancelledAsync(Interval window)
        => _m.GetEventsAsync(new EventListQuery(window) { Attendee = _attendee.Id, ExpandRecurrence = true, IncludeCancelledInstances = true });

    private static Instant Pdt(int month, int day, int hour = 10) => new LocalDateTime(2011, month, day, hour, 0).InZoneStrictly(LosAngeles).ToInstant();

    private async Task<CalendarEvent> CreateAppointmentAsync()
    {
        // POST /calendar/v3/calendars/primary/events  { "summary": "Appointment", "location": "Somewhere",
        //   "start": 2011-06-03T10:00 America/Los_Angeles, "end": 10:25, "recurrence": ["RRULE:FREQ=WEEKLY;UNTIL=20110701T170000Z"],
        //   "attendees": [{ "email": "attendeeEmail" }] }
        CalendarEvent series = await _m.CalendarOf(_organizer.Id).CreateEventAsync(
            new EventDetails(EventTiming.Timed(new LocalDateTime(2011, 6, 3, 10, 0), LosAngeles, new LocalDateTime(2011, 6, 3, 10, 25)))
            {
                Title = "Appointment",
                Location = "Somewhere",
                Recurrence = ["RRULE:FREQ=WEEKLY;UNTIL=20110701T170000Z"],
            });
        return (await _m.InviteAsync(series.Id, [_attendee.Id])).Event;
    }

    [Fact]
    public async Task The_recurring_events_walk_through_works_as_written()
    {
        CalendarEvent series = await CreateAppointmentAsync();
        series.IsRecurring.Should().BeTrue();
        series.Recurrence.Should().Equal("RRULE:FREQ=WEEKLY;UNTIL=20110701T170000Z");

        // GET …/events/recurringEventId/instances: five Fridays at 10:00 PDT; UNTIL 17:00Z is 10:00 PDT on 1 July, inclusive.
        var instances = await _m.GetInstancesAsync(series.Id, June2011);
        instances.Select(i => i.ToInterval(_m.Zone).Start).Should().Equal(Pdt(6, 3), Pdt(6, 10), Pdt(6, 17), Pdt(6, 24), Pdt(7, 1));
        instances.Should().OnlyContain(i => i.RecurringEventId == series.Id && !i.IsRecurring && i.Recurrence.Count == 0
            && i.Title == "Appointment" && i.Location == "Somewhere" && i.Timing.Duration == Duration.FromMinutes(25));
        CalendarEvent first = instances[0];
        first.Id.Should().Be(new EventId($"{series.Id}_20110603T170000Z"));
        first.OriginalStart.Should().Be(OriginalStart.FromInstant(Pdt(6, 3)));
        first.GetParticipationStatus(_attendee.Id).Should().Be(ParticipationStatus.NeedsAction);
        first.GetParticipationStatus(_organizer.Id).Should().Be(ParticipationStatus.Accepted);
        (await _m.GetEventAsync(first.Id)).Should().Be(first);

        // PUT …/events/instanceId { "status": "cancelled", … }  (the first instance)
        CalendarEvent cancelled = (await _m.UpdateEventAsync(first.Id, first.Details with { Status = EventStatus.Cancelled })).Event;
        cancelled.Status.Should().Be(EventStatus.Cancelled);
        (await _m.GetInstancesAsync(series.Id, June2011)).Select(i => i.OriginalStart!.Value.Instant)
            .Should().Equal(Pdt(6, 10), Pdt(6, 17), Pdt(6, 24), Pdt(7, 1));
        (await ListWithCancelledAsync(June2011)).Should().HaveCount(5);

        // Change the location to "Somewhere else" from the third instance on, in one atomic call.
        CalendarEvent third = (await ListWithCancelledAsync(June2011))[2];
        SeriesSplitResult split = await _m.UpdateFollowingAsync(third.Id, d => d with { Location = "Somewhere else" });

        CalendarEvent original = split.Original!;
        original.Id.Should().Be(series.Id);
        original.Location.Should().Be("Somewhere");
        original.Recurrence.Should().Equal("RRULE:FREQ=WEEKLY;UNTIL=20110617T165959Z");
        (await ListWithCancelledAsync(June2011)).Where(i => i.RecurringEventId == original.Id).Select(i => (i.OriginalStart!.Value.Instant, i.Status))
            .Should().Equal((Pdt(6, 3), EventStatus.Cancelled), (Pdt(6, 10), EventStatus.Confirmed));

        CalendarEvent following = split.Following;
        following.Id.Should().NotBe(series.Id);
        following.SplitFromId.Should().Be(series.Id);
        following.Uid.Should().NotBe(original.Uid);
        following.Location.Should().Be("Somewhere else");
        following.Title.Should().Be("Appointment");
        following.Timing.Start.Should().Be(new LocalDateTime(2011, 6, 17, 10, 0));
        following.Timing.Zone.Should().Be(LosAngeles);
        following.Recurrence.Should().Equal(new[] { "RRULE:FREQ=WEEKLY;UNTIL=20110701T170000Z" }, "the new series keeps the original end (the seed's repeated UNTIL is a mistake)");
        following.GetParticipationStatus(_attendee.Id).Should().Be(ParticipationStatus.NeedsAction);
        following.GetParticipationStatus(_organizer.Id).Should().Be(ParticipationStatus.Accepted);
        (await _m.GetInstancesAsync(following.Id, June2011)).Select(i => (i.ToInterval(_m.Zone).Start, i.Location))
            .Should().Equal((Pdt(6, 17), "Somewhere else"), (Pdt(6, 24), "Somewhere else"), (Pdt(7, 1), "Somewhere else"));

        // The attendee's calendar, expanded: both series' instances in order, the cancelled one hidden.
        var expanded = await _m.GetEventsAsync(new EventListQuery(June2011) { Attendee = _attendee.Id, ExpandRecurrence = true });
        expanded.Select(e => (e.ToInterval(_m.Zone).Start, e.Location)).Should().Equal(
            (Pdt(6, 10), "Somewhere"), (Pdt(6, 17), "Somewhere else"), (Pdt(6, 24), "Somewhere else"), (Pdt(7, 1), "Somewhere else"));
        expanded.Should().OnlyContain(e => e.IsInstance);

        // Without expansion: the two series, plus the cancelled exception only when asked for.
        var unexpanded = await _m.GetEventsAsync(new EventListQuery(June2011) { Attendee = _attendee.Id });
        unexpanded.Select(e => e.Id).Should().Equal(original.Id, following.Id);
        var withCancelled = await _m.GetEventsAsync(new EventListQuery(June2011) { Attendee = _attendee.Id, IncludeCancelledInstances = true });
        withCancelled.Select(e => e.Id).Should().Equal(original.Id, first.Id, following.Id);
    }

    [Fact]
    public async Task The_two_call_procedure_leaves_no_orphaned_exceptions_after_the_trim()
    {
        CalendarEvent series = await CreateAppointmentAsync();
        var instances = await _m.GetInstancesAsync(series.Id, June2011);
        await _m.UpdateEventAsync(instances[3].Id, instances[3].Details with { Title = "Moved to the big room" });
        await _m.UpdateEventAsync(instances[1].Id, instances[1].Details with { Title = "Kept" });

        // 1. PUT the original with UNTIL trimmed before the third instance.
        series = await _m.GetEventAsync(series.Id);
        EventUpdateResult trimmed = await _m.UpdateEventAsync(series.Id, series.Details with { Recurrence = ["RRULE:FREQ=WEEKLY;UNTIL=20110617T065959Z"] });
        trimmed.RemovedOverrides.Select(o => o.OriginalStart.Instant).Should().Equal(Pdt(6, 24));
        trimmed.Event.Overrides.Select(o => o.OriginalStart.Instant).Should().Equal(Pdt(6, 10));

        // 2. POST the new series from the third instance.
        CalendarEvent following = await _m.CalendarOf(_organizer.Id).CreateEventAsync(trimmed.Event.Details with
        {
            Timing = trimmed.Event.Timing.WithStart(new LocalDateTime(2011, 6, 17, 10, 0)),
            Location = "Somewhere else",
            Recurrence = ["RRULE:FREQ=WEEKLY;UNTIL=20110701T170000Z"],
            Uid = null,
        });

        (await _m.GetInstancesAsync(series.Id, June2011)).Select(i => i.Title).Should().Equal("Appointment", "Kept");
        (await _m.GetInstancesAsync(following.Id, June2011)).Select(i => i.Title).Should().Equal("Appointment", "Appointment", "Appointment");
    }
}
