using System;
using System.Linq;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Events;

/// <summary>EventId, AttendeeId and CommitmentId share one validation rule (not empty, at most 1024 characters, no
/// control characters); EventId and AttendeeId order ordinally.</summary>
public class IdTests
{
    public static TheoryData<string> BadIds => new()
    {
        "",
        new string('x', 1025),
        "a\nb",
        "tab\t",
        "\u0000",
        "del\u007f",
        "c1\u0085",
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public void EventId_refuses_invalid_text_naming_the_value(string bad)
    {
        Action ctor = () => _ = new EventId(bad);

        ctor.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public void AttendeeId_refuses_invalid_text_naming_the_value(string bad)
    {
        Action ctor = () => _ = new AttendeeId(bad);

        ctor.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public void CommitmentId_refuses_invalid_text_naming_the_value(string bad)
    {
        Action ctor = () => _ = new CommitmentId(bad);

        ctor.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("value");
    }

    [Fact]
    public void Ids_refuse_null_with_ArgumentNullException()
    {
        Action eventId = () => _ = new EventId(null!);
        Action attendeeId = () => _ = new AttendeeId(null!);
        Action commitmentId = () => _ = new CommitmentId(null!);

        eventId.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("value");
        attendeeId.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("value");
        commitmentId.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("value");
    }

    [Fact]
    public void Ids_accept_exactly_1024_characters_and_non_ascii_text()
    {
        string longest = new('x', 1024);

        new EventId(longest).Value.Should().HaveLength(1024);
        new AttendeeId(longest).Value.Should().HaveLength(1024);
        new CommitmentId(longest).Value.Should().HaveLength(1024);
        new EventId("réunion-été 会議 @host").Value.Should().Be("réunion-été 会議 @host");
    }

    [Fact]
    public void Default_ids_have_empty_text()
    {
        default(EventId).Value.Should().BeEmpty();
        default(AttendeeId).Value.Should().BeEmpty();
        default(CommitmentId).Value.Should().BeEmpty();
        default(EventId).ToString().Should().BeEmpty();
    }

    [Fact]
    public void Ids_round_trip_their_text()
    {
        new EventId("abc").ToString().Should().Be("abc");
        (new AttendeeId("room1")).Value.Should().Be("room1");
        new CommitmentId("c-1").ToString().Should().Be("c-1");
    }

    [Fact]
    public void EventIds_have_value_equality_that_is_case_sensitive()
    {
        EqualityAssert.ValueSemantics(new EventId("abc"), new EventId("abc"), new EventId("ABC"));
        (new EventId("abc") == new EventId("abc")).Should().BeTrue();
        (new EventId("abc") != new EventId("ABC")).Should().BeTrue();
    }

    [Fact]
    public void AttendeeIds_have_value_equality_that_is_case_sensitive()
        => EqualityAssert.ValueSemantics(new AttendeeId("bob"), new AttendeeId("bob"), new AttendeeId("Bob"));

    [Fact]
    public void CommitmentIds_have_value_equality()
        => EqualityAssert.ValueSemantics(new CommitmentId("c1"), new CommitmentId("c1"), new CommitmentId("c2"));

    [Fact]
    public void EventIds_order_ordinally_not_by_culture()
    {
        // Ordinal: uppercase before lowercase, 'Z' (0x5A) before 'a' (0x61); a culture-aware sort would put "a" first.
        EventId[] ids = [new EventId("b"), new EventId("a"), new EventId("Z"), new EventId("aa"), new EventId("A"), new EventId("é")];

        ids.Order().Select(i => i.Value).Should().Equal("A", "Z", "a", "aa", "b", "é");
        new EventId("Z").CompareTo(new EventId("a")).Should().BeNegative();
        (new EventId("Z") < new EventId("a")).Should().BeTrue();
        (new EventId("a") > new EventId("Z")).Should().BeTrue();
        (new EventId("a") <= new EventId("a")).Should().BeTrue();
        (new EventId("a") >= new EventId("b")).Should().BeFalse();
        new EventId("same").CompareTo(new EventId("same")).Should().Be(0);
    }

    [Fact]
    public void AttendeeIds_order_ordinally_not_by_culture()
    {
        AttendeeId[] ids = [new AttendeeId("bob"), new AttendeeId("Bob"), new AttendeeId("alice"), new AttendeeId("Zed")];

        ids.Order().Select(i => i.Value).Should().Equal("Bob", "Zed", "alice", "bob");
        (new AttendeeId("Zed") < new AttendeeId("alice")).Should().BeTrue();
        (new AttendeeId("b") >= new AttendeeId("a")).Should().BeTrue();
        (new AttendeeId("a") <= new AttendeeId("a")).Should().BeTrue();
        (new AttendeeId("a") > new AttendeeId("b")).Should().BeFalse();
    }

    [Fact]
    public void The_default_id_orders_before_every_real_one()
        => default(EventId).CompareTo(new EventId("a")).Should().BeNegative();
}
