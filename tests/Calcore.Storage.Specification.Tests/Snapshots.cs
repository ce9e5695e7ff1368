using System.Collections.Generic;
using System.Linq;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;

namespace Calcore.Storage.Specification.Tests;

/// <summary>Builds event snapshots through the public constructor, as a provider rebuilds them, and compares them field by field.</summary>
public static class Snapshots
{
    public static readonly Instant Created = Instant.FromUtc(2026, 1, 1, 9, 0);

    /// <summary>An instant on a day of March 2026, UTC.</summary>
    public static Instant Utc(int day, int hour, int minute = 0) => Instant.FromUtc(2026, 3, day, hour, minute);

    /// <summary>A simple UTC event on March 2026 with the given attendees (NEEDS-ACTION) and organizer (ACCEPTED).</summary>
    public static CalendarEvent Event(string id, Instant start, Duration length, string? organizer = null, params string[] attendees)
    {
        var details = new EventDetails(EventTiming.Timed(start.InUtc().LocalDateTime, DateTimeZone.Utc, length))
        {
            Title = "Event " + id,
            OrganizerId = organizer is null ? null : (AttendeeId?)new AttendeeId(organizer),
        };
        var commitments = new List<Commitment>();
        if (organizer is not null)
        {
            commitments.Add(Commitment(organizer, ParticipationStatus.Accepted));
        }
        commitments.AddRange(attendees.Where(a => a != organizer).Select(a => Commitment(a, ParticipationStatus.NeedsAction)));
        return new CalendarEvent(new EventId(id), details, commitments, 1, Created, Created);
    }

    public static Commitment Commitment(string attendee, ParticipationStatus status, ParticipationRole role = ParticipationRole.RequiredParticipant,
        CalendarUserType type = CalendarUserType.Individual)
        => new(new CommitmentId("c-" + attendee), new AttendeeId(attendee), type, status, role);

    /// <summary>The same event with a new version and, optionally, new attendees.</summary>
    public static CalendarEvent NextVersion(CalendarEvent e, params string[] attendees)
        => new(e.Id, e.Details with { Title = e.Title + "'" },
            attendees.Length == 0 ? e.Commitments : attendees.Select(a => Commitment(a, ParticipationStatus.Accepted)),
            e.Version + 1, e.Created, e.Updated + Duration.FromMinutes(1), e.Overrides, e.SplitFromId);

    /// <summary>The span an event's own timing gives in UTC.</summary>
    public static Interval SpanOf(CalendarEvent e) => e.Timing.ToInterval(DateTimeZone.Utc);

    /// <summary>Asserts that two snapshots agree on every field (snapshot equality alone compares id and version).</summary>
    public static void ShouldBeSameSnapshot(this CalendarEvent? actual, CalendarEvent expected)
    {
        actual.Should().NotBeNull();
        actual!.Id.Should().Be(expected.Id);
        actual.Version.Should().Be(expected.Version);
        actual.Details.Should().Be(expected.Details, "every field of the details round-trips, timing included");
        actual.Timing.Should().Be(expected.Timing);
        actual.Timing.Zone?.Id.Should().Be(expected.Timing.Zone?.Id);
        actual.Categories.Should().Equal(expected.Categories);
        actual.Recurrence.Should().Equal(expected.Recurrence);
        actual.Commitments.Should().Equal(expected.Commitments);
        actual.Overrides.Should().Equal(expected.Overrides);
        actual.Created.Should().Be(expected.Created);
        actual.Updated.Should().Be(expected.Updated);
        actual.SplitFromId.Should().Be(expected.SplitFromId);
        actual.ETag.Should().Be(expected.ETag);
    }
}
