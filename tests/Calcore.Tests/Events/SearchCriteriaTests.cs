using System;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Events;

/// <summary>SearchCriteria.Matches on unbound snapshots (the manager-level behaviour is in StorageManagerTests.Queries).</summary>
public class SearchCriteriaTests
{
    private static readonly AttendeeId Bob = new AttendeeId("bob");
    private static readonly AttendeeId Alice = new AttendeeId("alice");
    private static readonly AttendeeId Carol = new AttendeeId("carol");

    private static CalendarEvent Event(string[]? categories = null, AttendeeId? organizer = null, params (AttendeeId Id, ParticipationStatus Status, ParticipationRole Role)[] attendees)
    {
        var details = new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), DateTimeZone.Utc, Duration.FromHours(1)))
        {
            Categories = categories ?? [],
            OrganizerId = organizer,
        };
        int n = 0;
        Commitment[] commitments = Array.ConvertAll(attendees, a => new Commitment(new CommitmentId($"c{n++}"), a.Id, CalendarUserType.Individual, a.Status, a.Role));
        return new CalendarEvent(new EventId("e"), details, commitments, 1, Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 1, 1, 0, 0));
    }

    [Fact]
    public void None_has_no_filters_and_matches_everything()
    {
        SearchCriteria none = SearchCriteria.None;

        none.Attendees.Should().BeNull();
        none.Categories.Should().BeNull();
        none.Organizer.Should().BeNull();
        none.ParticipationStatus.Should().BeNull();
        none.ParticipationRole.Should().BeNull();
        none.Matches(Event()).Should().BeTrue();
        none.Matches(Event(["x"], new AttendeeId("o"), (Bob, ParticipationStatus.Declined, ParticipationRole.Chair))).Should().BeTrue();
    }

    [Fact]
    public void A_scope_requires_the_scope_attendee_on_the_event()
    {
        CalendarEvent e = Event(null, null, (Bob, ParticipationStatus.Declined, ParticipationRole.NonParticipant));

        SearchCriteria.None.Matches(e, Bob).Should().BeTrue();
        SearchCriteria.None.Matches(e, Alice).Should().BeFalse();
    }

    [Fact]
    public void Listed_attendees_narrow_a_scope_but_the_scope_attendee_must_still_be_on_the_event()
    {
        CalendarEvent e = Event(null, null, (Alice, ParticipationStatus.Accepted, ParticipationRole.RequiredParticipant));

        new SearchCriteria { Attendees = [Alice] }.Matches(e, scope: Bob).Should().BeFalse();
        new SearchCriteria { Attendees = [Alice] }.Matches(e, scope: Alice).Should().BeTrue();
    }

    [Fact]
    public void With_listed_attendees_a_scoped_status_applies_to_the_listed_ones_not_the_scope()
    {
        CalendarEvent e = Event(null, null,
            (Bob, ParticipationStatus.NeedsAction, ParticipationRole.RequiredParticipant),
            (Alice, ParticipationStatus.Accepted, ParticipationRole.RequiredParticipant));

        new SearchCriteria { Attendees = [Alice], ParticipationStatus = ParticipationStatus.Accepted }.Matches(e, Bob).Should().BeTrue();
        new SearchCriteria { Attendees = [Alice], ParticipationStatus = ParticipationStatus.NeedsAction }.Matches(e, Bob).Should().BeFalse();
    }

    [Fact]
    public void Role_without_attendees_in_an_unscoped_match_applies_to_any_attendee()
    {
        CalendarEvent e = Event(null, null,
            (Bob, ParticipationStatus.Accepted, ParticipationRole.Chair),
            (Alice, ParticipationStatus.Tentative, ParticipationRole.OptionalParticipant));

        new SearchCriteria { ParticipationRole = ParticipationRole.Chair }.Matches(e).Should().BeTrue();
        new SearchCriteria { ParticipationRole = ParticipationRole.NonParticipant }.Matches(e).Should().BeFalse();
        new SearchCriteria { ParticipationRole = ParticipationRole.Chair, ParticipationStatus = ParticipationStatus.Tentative }.Matches(e)
            .Should().BeFalse("status and role must hold for the same attendee");
        new SearchCriteria { ParticipationRole = ParticipationRole.OptionalParticipant, ParticipationStatus = ParticipationStatus.Tentative }.Matches(e)
            .Should().BeTrue();
        new SearchCriteria { ParticipationStatus = ParticipationStatus.Accepted }.Matches(Event()).Should().BeFalse("nobody is on the event");
    }

    [Fact]
    public void All_set_filters_must_hold()
    {
        CalendarEvent e = Event(["work"], Bob, (Bob, ParticipationStatus.Accepted, ParticipationRole.RequiredParticipant));

        new SearchCriteria { Categories = ["work"], Organizer = Bob, Attendees = [Bob] }.Matches(e).Should().BeTrue();
        new SearchCriteria { Categories = ["work"], Organizer = Alice, Attendees = [Bob] }.Matches(e).Should().BeFalse();
        new SearchCriteria { Categories = ["home"], Organizer = Bob, Attendees = [Bob] }.Matches(e).Should().BeFalse();
        new SearchCriteria { Categories = ["work"], Organizer = Bob, Attendees = [Carol] }.Matches(e).Should().BeFalse();
        new SearchCriteria { Organizer = Bob }.Matches(Event()).Should().BeFalse("an event without organizer has none");
    }

    [Fact]
    public void An_empty_category_criterion_is_allowed_and_matches_nothing()
    {
        new SearchCriteria { Categories = [""] }.Matches(Event(["work"])).Should().BeFalse();
        new SearchCriteria { Categories = [] }.Matches(Event(["work"])).Should().BeFalse();
    }

    [Fact]
    public void Criteria_refuse_invalid_values()
    {
        Action status = () => _ = new SearchCriteria { ParticipationStatus = (ParticipationStatus)99 };
        Action role = () => _ = new SearchCriteria { ParticipationRole = (ParticipationRole)(-1) };
        Action category = () => _ = new SearchCriteria { Categories = ["a", null!] };
        Action withStatus = () => _ = SearchCriteria.None with { ParticipationStatus = (ParticipationStatus)5 };

        status.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("ParticipationStatus");
        role.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("ParticipationRole");
        category.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Categories");
        withStatus.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Matches_refuses_a_null_event()
    {
        Action act = () => SearchCriteria.None.Matches(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Criteria_copy_their_collections()
    {
        var attendees = new System.Collections.Generic.List<AttendeeId> { Bob };
        var criteria = new SearchCriteria { Attendees = attendees };

        attendees.Add(Alice);

        criteria.Attendees.Should().BeEquivalentTo([Bob]);
    }

    [Fact]
    public void Criteria_without_collections_have_value_equality()
        => EqualityAssert.ValueSemantics(
            new SearchCriteria { Organizer = Bob, ParticipationStatus = ParticipationStatus.Accepted },
            new SearchCriteria { Organizer = Bob, ParticipationStatus = ParticipationStatus.Accepted },
            new SearchCriteria { Organizer = Alice, ParticipationStatus = ParticipationStatus.Accepted });

    [Fact]
    public void Criteria_with_the_same_sets_are_equal()
        => EqualityAssert.ValueSemantics(
            new SearchCriteria { Categories = ["a", "b"], Attendees = [Bob] },
            new SearchCriteria { Categories = ["b", "a"], Attendees = [Bob] },
            new SearchCriteria { Categories = ["a"], Attendees = [Bob] });
}
