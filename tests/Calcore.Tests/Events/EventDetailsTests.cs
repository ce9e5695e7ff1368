using System;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Events;

public class EventDetailsTests
{
    private static readonly EventTiming Timing = EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), DateTimeZone.Utc, Duration.FromHours(1));

    [Fact]
    public void New_details_have_the_documented_defaults()
    {
        var details = new EventDetails(Timing);

        details.Timing.Should().BeSameAs(Timing);
        details.Title.Should().BeEmpty();
        details.Description.Should().BeEmpty();
        details.Location.Should().BeEmpty();
        details.Status.Should().Be(EventStatus.Confirmed);
        details.Transparency.Should().Be(Transparency.Opaque);
        details.AccessClass.Should().Be(AccessClass.Public);
        details.Categories.Should().BeEmpty();
        details.OrganizerId.Should().BeNull();
        details.Uid.Should().BeNull();
    }

    [Fact]
    public void The_constructor_refuses_a_null_timing()
    {
        Action act = () => _ = new EventDetails(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void With_refuses_a_null_timing()
    {
        var details = new EventDetails(Timing);

        Action act = () => _ = details with { Timing = null! };

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("Timing");
    }

    [Fact]
    public void Initializers_refuse_null_strings_naming_the_field()
    {
        Action title = () => _ = new EventDetails(Timing) { Title = null! };
        Action description = () => _ = new EventDetails(Timing) { Description = null! };
        Action location = () => _ = new EventDetails(Timing) { Location = null! };

        title.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("Title");
        description.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("Description");
        location.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("Location");
    }

    [Fact]
    public void With_refuses_null_strings_naming_the_field()
    {
        var details = new EventDetails(Timing) { Title = "t" };

        Action title = () => _ = details with { Title = null! };
        Action description = () => _ = details with { Description = null! };
        Action location = () => _ = details with { Location = null! };

        title.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("Title");
        description.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("Description");
        location.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("Location");
    }

    [Fact]
    public void Initializers_refuse_undefined_enum_values_naming_the_field()
    {
        Action status = () => _ = new EventDetails(Timing) { Status = (EventStatus)42 };
        Action transparency = () => _ = new EventDetails(Timing) { Transparency = (Transparency)(-1) };
        Action access = () => _ = new EventDetails(Timing) { AccessClass = (AccessClass)3 };

        status.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Status");
        transparency.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Transparency");
        access.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("AccessClass");
    }

    [Fact]
    public void With_refuses_undefined_enum_values()
    {
        var details = new EventDetails(Timing);

        Action status = () => _ = details with { Status = (EventStatus)99 };
        Action transparency = () => _ = details with { Transparency = (Transparency)2 };
        Action access = () => _ = details with { AccessClass = (AccessClass)(-7) };

        status.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Status");
        transparency.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Transparency");
        access.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("AccessClass");
    }

    [Theory]
    [InlineData("")]
    [InlineData("work\n")]
    [InlineData("tab\there")]
    [InlineData("\u0000")]
    public void Categories_refuse_empty_or_control_character_entries(string bad)
    {
        Action init = () => _ = new EventDetails(Timing) { Categories = ["ok", bad] };
        Action with = () => _ = new EventDetails(Timing) with { Categories = [bad] };

        init.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Categories");
        with.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Categories");
    }

    [Fact]
    public void Categories_refuse_a_null_entry_and_a_null_set()
    {
        Action nullEntry = () => _ = new EventDetails(Timing) { Categories = ["ok", null!] };
        Action nullSet = () => _ = new EventDetails(Timing) { Categories = null! };

        nullEntry.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Categories");
        nullSet.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("Categories");
    }

    [Fact]
    public void A_refused_with_leaves_the_original_unchanged()
    {
        var details = new EventDetails(Timing) { Title = "Board", Categories = ["work"] };

        try
        {
            _ = details with { Title = "Changed", Categories = [""] };
        }
        catch (ArgumentException)
        {
        }

        details.Title.Should().Be("Board");
        details.Categories.Should().Equal("work");
    }

    [Fact]
    public void Categories_are_a_set_in_ordinal_order()
    {
        var details = new EventDetails(Timing) { Categories = ["work", "Work", "b", "work", "a"] };

        details.Categories.Should().Equal("Work", "a", "b", "work");
        details.IsInCategory("work").Should().BeTrue();
        details.IsInCategory("Work").Should().BeTrue();
        details.IsInCategory("WORK").Should().BeFalse("categories are compared ordinally");
        details.IsInCategory("c").Should().BeFalse();
    }

    [Fact]
    public void Category_order_and_duplicates_do_not_matter_for_equality()
        => EqualityAssert.ValueSemantics(
            new EventDetails(Timing) { Categories = ["b", "a", "a"] },
            new EventDetails(Timing) { Categories = ["a", "b"] },
            new EventDetails(Timing) { Categories = ["a"] });

    [Fact]
    public void Details_with_equal_fields_are_equal()
    {
        EventDetails Make() => new(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), DateTimeZone.Utc, Duration.FromHours(1)))
        {
            Title = "Board",
            Description = "Quarterly",
            Location = "HQ",
            Status = EventStatus.Tentative,
            Transparency = Transparency.Transparent,
            AccessClass = AccessClass.Private,
            Categories = ["work"],
            OrganizerId = new AttendeeId("martijn"),
            Uid = "uid-1@example.org",
        };

        EqualityAssert.ValueSemantics(Make(), Make(), Make() with { Uid = "uid-2@example.org" });
    }

    [Fact]
    public void Each_field_takes_part_in_equality()
    {
        var baseline = new EventDetails(Timing);

        EventDetails[] variants =
        [
            baseline with { Timing = Timing.WithStart(Timing.Start.PlusMinutes(1)) },
            baseline with { Title = "x" },
            baseline with { Description = "x" },
            baseline with { Location = "x" },
            baseline with { Status = EventStatus.Cancelled },
            baseline with { Transparency = Transparency.Transparent },
            baseline with { AccessClass = AccessClass.Confidential },
            baseline with { Categories = ["x"] },
            baseline with { OrganizerId = new AttendeeId("x") },
            baseline with { Uid = "x" },
        ];

        foreach (EventDetails variant in variants)
        {
            variant.Should().NotBe(baseline);
            (variant == baseline).Should().BeFalse();
        }
    }

    [Fact]
    public void String_fields_compare_ordinally()
        => new EventDetails(Timing) { Title = "board" }.Should().NotBe(new EventDetails(Timing) { Title = "Board" });

    [Fact]
    public void Uid_refuses_an_empty_string_but_accepts_null()
    {
        Action empty = () => _ = new EventDetails(Timing) { Uid = "" };
        Action emptyWith = () => _ = new EventDetails(Timing) { Uid = "x" } with { Uid = "" };

        empty.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Uid");
        emptyWith.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Uid");
        (new EventDetails(Timing) { Uid = "x" } with { Uid = null }).Uid.Should().BeNull();
    }

    [Fact]
    public void OrganizerId_refuses_the_default_id()
    {
        Action init = () => _ = new EventDetails(Timing) { OrganizerId = default(AttendeeId) };

        init.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("OrganizerId");
    }

    [Fact]
    public void With_changes_only_the_named_field()
    {
        var details = new EventDetails(Timing) { Title = "Board", Categories = ["work"], OrganizerId = new AttendeeId("martijn") };

        EventDetails moved = details with { Location = "Room 1" };

        moved.Location.Should().Be("Room 1");
        moved.Title.Should().Be("Board");
        moved.Categories.Should().Equal("work");
        moved.OrganizerId.Should().Be(new AttendeeId("martijn"));
        details.Location.Should().BeEmpty();
    }
}
