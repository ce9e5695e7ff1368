using System;
using Calcore.Attendees;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Attendees;

public class AttendeeRecordTests
{
    private static readonly AttendeeId RoomId = new("room1");

    private static AttendeeRecord Room() => new(RoomId, CalendarUserType.Room, "Room 1", BookingPolicy.AcceptExceptConflicts(3, 0.25))
    {
        Address = "mailto:room1@example.com",
        WorkingHours = new WorkingHours(new LocalTime(9, 0), new LocalTime(17, 0)),
    };

    [Theory]
    [InlineData(CalendarUserType.Room, InviteAutomation.AcceptIfPossible)]
    [InlineData(CalendarUserType.Resource, InviteAutomation.AcceptIfPossible)]
    [InlineData(CalendarUserType.Individual, InviteAutomation.Manual)]
    [InlineData(CalendarUserType.Group, InviteAutomation.Manual)]
    [InlineData(CalendarUserType.Unknown, InviteAutomation.Manual)]
    public void Without_a_policy_a_record_gets_its_kinds_default_as_the_attendee_kinds_do(CalendarUserType type, InviteAutomation automation)
    {
        var record = new AttendeeRecord(new AttendeeId("x"), type, "X");
        record.Policy.Automation.Should().Be(automation);
        record.Policy.Should().Be(AttendeeRecord.DefaultPolicyFor(type));
        record.Address.Should().BeNull();
        record.WorkingHours.Should().BeNull();
        record.ToAttendee().Policy.Should().Be(record.Policy);
    }

    [Fact]
    public void Records_are_equal_by_every_value()
    {
        EqualityAssert.ValueSemantics(Room(), Room(), Room() with { DisplayName = "Room one" });
        EqualityAssert.ValueSemantics(Room(), Room() with { Policy = BookingPolicy.AcceptExceptConflicts(3, 0.25) }, Room() with { Policy = BookingPolicy.AcceptExceptConflicts(3, 0.5) });
        EqualityAssert.ValueSemantics(Room(), Room(), Room() with { Address = null });
        EqualityAssert.ValueSemantics(Room(), Room(), Room() with { Address = "MAILTO:room1@example.com" });
        EqualityAssert.ValueSemantics(Room(), Room(), Room() with { WorkingHours = WorkingHours.AllDay });
        EqualityAssert.ValueSemantics(Room(), Room(), Room() with { Type = CalendarUserType.Resource });
        EqualityAssert.ValueSemantics(Room(), Room(), Room() with { Id = new AttendeeId("room2") });
    }

    [Theory]
    [InlineData("mailto:room1@example.com")]
    [InlineData("MAILTO:Room.One+booking@Example.COM")]
    [InlineData("mailto:%22quoted%22@example.com")]
    [InlineData("mailto:ren\u00e9@exampl\u00e9.fr")]
    public void A_mailto_address_is_kept_as_given(string address)
        => (Room() with { Address = address }).Address.Should().Be(address);

    [Theory]
    [InlineData("")]
    [InlineData("room1@example.com")]
    [InlineData("mailto:")]
    [InlineData("mailto:room1")]
    [InlineData("mailto:@example.com")]
    [InlineData("mailto:room1@")]
    [InlineData("mailto:room 1@example.com")]
    [InlineData("mailto:room1@example.com\n")]
    [InlineData("http://example.com/room1")]
    [InlineData("urn:uuid:room1@example.com")]
    public void Anything_but_a_mailto_address_is_refused_naming_the_property(string address)
    {
        Action set = () => _ = Room() with { Address = address };
        set.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(nameof(AttendeeRecord.Address));
    }

    [Fact]
    public void An_address_longer_than_the_limit_is_refused()
    {
        string local = new('a', AttendeeRecord.MaxAddressLength - "mailto:@example.com".Length);
        (Room() with { Address = $"mailto:{local}@example.com" }).Address.Should().HaveLength(AttendeeRecord.MaxAddressLength);
        Action set = () => _ = Room() with { Address = $"mailto:{local}a@example.com" };
        set.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Invalid_values_are_refused_by_the_constructor_and_by_with()
    {
        ((Action)(() => _ = new AttendeeRecord(default, CalendarUserType.Room, "R"))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Id");
        ((Action)(() => _ = new AttendeeRecord(RoomId, (CalendarUserType)42, "R"))).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Type");
        ((Action)(() => _ = new AttendeeRecord(RoomId, CalendarUserType.Room, null!))).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("DisplayName");
        ((Action)(() => _ = Room() with { Id = default })).Should().Throw<ArgumentException>();
        ((Action)(() => _ = Room() with { Type = (CalendarUserType)(-1) })).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => _ = Room() with { DisplayName = null! })).Should().Throw<ArgumentNullException>();
        ((Action)(() => _ = Room() with { Policy = null! })).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("Policy");
    }

    [Theory]
    [InlineData(CalendarUserType.Individual, typeof(Individual))]
    [InlineData(CalendarUserType.Group, typeof(Group))]
    [InlineData(CalendarUserType.Resource, typeof(Resource))]
    [InlineData(CalendarUserType.Room, typeof(Room))]
    [InlineData(CalendarUserType.Unknown, typeof(UnknownAttendee))]
    public void A_record_converts_to_its_attendee_kind_and_back(CalendarUserType type, Type kind)
    {
        AttendeeRecord record = Room() with { Type = type, Address = null, WorkingHours = null };
        Attendee attendee = record.ToAttendee();
        attendee.Should().BeOfType(kind);
        attendee.Id.Should().Be(RoomId);
        attendee.Name.Should().Be("Room 1");
        attendee.Type.Should().Be(type);
        attendee.Policy.Should().Be(record.Policy);
        AttendeeRecord.FromAttendee(attendee).Should().Be(record);
    }

    [Fact]
    public void Converting_to_an_attendee_leaves_out_the_address_and_working_hours()
    {
        AttendeeRecord back = AttendeeRecord.FromAttendee(Room().ToAttendee());
        back.Address.Should().BeNull();
        back.WorkingHours.Should().BeNull();
        back.Should().Be(Room() with { Address = null, WorkingHours = null });
        ((Action)(() => AttendeeRecord.FromAttendee(null!))).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void ToString_names_the_record() => Room().ToString().Should().Be("Room 1 <room1> (Room)");
}
