using System;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Events;

public class CommitmentTests
{
    private static readonly Instant Noon = Instant.FromUtc(2026, 3, 2, 12, 0);

    private static Commitment Make(ParticipationStatus status = ParticipationStatus.NeedsAction)
        => new(new CommitmentId("c1"), new AttendeeId("bob"), CalendarUserType.Individual, status, ParticipationRole.RequiredParticipant);

    [Fact]
    public void A_commitment_keeps_what_it_was_given()
    {
        Commitment c = new(new CommitmentId("c1"), new AttendeeId("room1"), CalendarUserType.Room, ParticipationStatus.Tentative, ParticipationRole.Chair);

        c.Id.Should().Be(new CommitmentId("c1"));
        c.AttendeeId.Should().Be(new AttendeeId("room1"));
        c.AttendeeType.Should().Be(CalendarUserType.Room);
        c.Status.Should().Be(ParticipationStatus.Tentative);
        c.Role.Should().Be(ParticipationRole.Chair);
        c.EffectiveStart.Should().BeNull();
        c.EffectiveEnd.Should().BeNull();
    }

    [Fact]
    public void The_constructor_refuses_default_ids_and_undefined_values()
    {
        Action id = () => _ = new Commitment(default, new AttendeeId("bob"), CalendarUserType.Individual, ParticipationStatus.Accepted, ParticipationRole.Chair);
        Action attendee = () => _ = new Commitment(new CommitmentId("c"), default, CalendarUserType.Individual, ParticipationStatus.Accepted, ParticipationRole.Chair);
        Action type = () => _ = new Commitment(new CommitmentId("c"), new AttendeeId("bob"), (CalendarUserType)9, ParticipationStatus.Accepted, ParticipationRole.Chair);
        Action status = () => _ = new Commitment(new CommitmentId("c"), new AttendeeId("bob"), CalendarUserType.Individual, (ParticipationStatus)9, ParticipationRole.Chair);
        Action role = () => _ = new Commitment(new CommitmentId("c"), new AttendeeId("bob"), CalendarUserType.Individual, ParticipationStatus.Accepted, (ParticipationRole)9);

        id.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("id");
        attendee.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("attendeeId");
        type.Should().Throw<ArgumentOutOfRangeException>();
        status.Should().Throw<ArgumentOutOfRangeException>();
        role.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void With_refuses_undefined_status_and_role()
    {
        Action status = () => _ = Make() with { Status = (ParticipationStatus)(-1) };
        Action role = () => _ = Make() with { Role = (ParticipationRole)4 };

        status.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Status");
        role.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Role");
    }

    [Theory]
    [InlineData(ParticipationStatus.NeedsAction, true)]
    [InlineData(ParticipationStatus.Accepted, true)]
    [InlineData(ParticipationStatus.Tentative, true)]
    [InlineData(ParticipationStatus.Declined, false)]
    [InlineData(ParticipationStatus.Delegated, false)]
    public void Only_declined_and_delegated_commitments_free_the_time(ParticipationStatus status, bool blocks)
        => Make(status).BlocksTime.Should().Be(blocks);

    [Fact]
    public void Effective_dates_are_inclusive_and_open_when_null()
    {
        Commitment open = Make();
        Commitment bounded = Make() with { EffectiveStart = Noon, EffectiveEnd = Noon + Duration.FromDays(1) };

        open.IsEffectiveAt(Instant.MinValue).Should().BeTrue();
        bounded.IsEffectiveAt(Noon).Should().BeTrue();
        bounded.IsEffectiveAt(Noon + Duration.FromDays(1)).Should().BeTrue();
        bounded.IsEffectiveAt(Noon - Duration.FromTicks(1)).Should().BeFalse();
        bounded.IsEffectiveAt(Noon + Duration.FromDays(1) + Duration.FromTicks(1)).Should().BeFalse();
        (Make() with { EffectiveEnd = Noon }).IsEffectiveAt(Noon - Duration.FromDays(999)).Should().BeTrue();
    }

    [Fact]
    public void An_effective_end_before_the_start_is_refused()
    {
        Action act = () => _ = Make() with { EffectiveStart = Noon, EffectiveEnd = Noon - Duration.FromTicks(1) };

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("EffectiveEnd");
    }

    [Fact]
    public void An_effective_start_after_the_end_is_refused_whatever_the_order_of_assignment()
    {
        Commitment ending = Make() with { EffectiveEnd = Noon };

        Action later = () => _ = ending with { EffectiveStart = Noon + Duration.FromHours(1) };
        Action reversed = () => _ = Make() with { EffectiveEnd = Noon, EffectiveStart = Noon + Duration.FromHours(1) };

        later.Should().Throw<ArgumentException>();
        reversed.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Commitments_have_value_equality()
        => EqualityAssert.ValueSemantics(Make(), Make(), Make(ParticipationStatus.Accepted));
}
