using System;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Events;

/// <summary>The public CalendarEvent constructor that storage providers use to rebuild snapshots.</summary>
public class CalendarEventTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly EventDetails Details = new(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), DateTimeZone.Utc, Duration.FromHours(1)))
    {
        Title = "Board",
        OrganizerId = new AttendeeId("bob"),
    };

    private static Commitment C(string id, string attendee, ParticipationStatus status = ParticipationStatus.Accepted)
        => new(new CommitmentId(id), new AttendeeId(attendee), CalendarUserType.Individual, status, ParticipationRole.RequiredParticipant);

    [Fact]
    public void A_snapshot_exposes_its_details_and_commitments()
    {
        var e = new CalendarEvent(new EventId("e1"), Details, [C("c1", "bob"), C("c2", "alice", ParticipationStatus.Declined)], 7, T, T + Duration.FromDays(1));

        e.Id.Should().Be(new EventId("e1"));
        e.Version.Should().Be(7);
        e.Created.Should().Be(T);
        e.Updated.Should().Be(T + Duration.FromDays(1));
        e.Title.Should().Be("Board");
        e.OrganizerId.Should().Be(new AttendeeId("bob"));
        e.Uid.Should().Be("e1");
        e.AttendeeIds.Should().Equal(new AttendeeId("bob"), new AttendeeId("alice"));
        e.GetParticipationStatus(new AttendeeId("alice")).Should().Be(ParticipationStatus.Declined);
        e.GetParticipationStatus(new AttendeeId("carol")).Should().BeNull();
        e.HasAttendee(new AttendeeId("carol")).Should().BeFalse();
        e.ToInterval(DateTimeZone.Utc).Should().Be(Details.Timing.ToInterval(DateTimeZone.Utc));
        e.ToString().Should().Contain("Board").And.Contain("e1").And.Contain("v7");
    }

    [Fact]
    public void The_constructor_refuses_invalid_snapshots()
    {
        Action defaultId = () => _ = new CalendarEvent(default, Details, [], 1, T, T);
        Action version = () => _ = new CalendarEvent(new EventId("e"), Details, [], 0, T, T);
        Action duplicate = () => _ = new CalendarEvent(new EventId("e"), Details, [C("c1", "bob"), C("c2", "bob")], 1, T, T);
        Action nullCommitment = () => _ = new CalendarEvent(new EventId("e"), Details, [C("c1", "bob"), null!], 1, T, T);
        Action nullDetails = () => _ = new CalendarEvent(new EventId("e"), null!, [], 1, T, T);
        Action nullCommitments = () => _ = new CalendarEvent(new EventId("e"), Details, null!, 1, T, T);

        defaultId.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("id");
        version.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("version");
        duplicate.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("commitments");
        nullCommitment.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("commitments");
        nullDetails.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("details");
        nullCommitments.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("commitments");
    }

    [Fact]
    public void GetParticipationStatus_of_an_attendee_not_on_the_event_is_null()
    {
        var e = new CalendarEvent(new EventId("e"), Details, [], 1, T, T);

        e.GetParticipationStatus(new AttendeeId("nobody")).Should().BeNull();
        e.GetParticipationStatus(default).Should().BeNull();
    }

    [Fact]
    public void The_etag_depends_on_version_and_creation()
    {
        var v1 = new CalendarEvent(new EventId("e"), Details, [], 1, T, T);
        var v2 = new CalendarEvent(new EventId("e"), Details, [], 2, T, T);
        var recreated = new CalendarEvent(new EventId("e"), Details, [], 1, T + Duration.FromTicks(1), T);

        v1.ETag.Should().NotBe(v2.ETag);
        v1.ETag.Should().NotBe(recreated.ETag);
        v1.ETag.Should().Be(new CalendarEvent(new EventId("e"), Details with { Title = "x" }, [], 1, T, T + Duration.FromDays(1)).ETag);
    }
}
