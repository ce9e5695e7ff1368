using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Attendees;

public class SimpleAttendeeSourceTests : IAsyncLifetime
{
    private readonly TestWorld _w = TestWorld.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private SimpleAttendeeSource Source => _w.Source;

    [Fact]
    public async Task Created_attendees_have_their_kind_and_name_and_the_engine_finds_them()
    {
        Group group = Source.CreateGroup(new AttendeeId("devs"), "Developers");
        Resource projector = Source.CreateResource(new AttendeeId("projector"), "Projector");

        _w.Martijn.Type.Should().Be(CalendarUserType.Individual);
        _w.Room1.Type.Should().Be(CalendarUserType.Room);
        group.Type.Should().Be(CalendarUserType.Group);
        projector.Type.Should().Be(CalendarUserType.Resource);
        _w.Martijn.Name.Should().Be("Martijn Faassen");
        (await _w.Manager.GetAttendeeAsync(projector.Id)).Should().BeSameAs(projector, "the engine finds attendees added after it was built");
        _w.Room1.ToString().Should().Be("Room 1 <room1>");
    }

    [Fact]
    public void A_taken_id_is_refused_whatever_the_kind()
    {
        Action person = () => Source.CreateIndividual(new AttendeeId("room1"), "Someone");
        Action room = () => Source.CreateRoom(new AttendeeId("bob"), "A room");

        person.Should().Throw<ArgumentException>().WithMessage("*room1*");
        room.Should().Throw<ArgumentException>();
        Source.GetAttendee(new AttendeeId("room1")).Should().BeSameAs(_w.Room1);
    }

    [Fact]
    public void Creating_refuses_a_null_name_and_a_default_id()
    {
        Action name = () => Source.CreateIndividual(new AttendeeId("x"), null!);
        Action id = () => Source.CreateRoom(default, "R");

        name.Should().Throw<ArgumentNullException>();
        id.Should().Throw<ArgumentException>();
        Source.FindAttendee(new AttendeeId("x")).Should().BeNull();
    }

    [Fact]
    public async Task Attendees_are_found_by_id()
    {
        Source.FindAttendee(new AttendeeId("bob")).Should().BeSameAs(_w.Bob);
        Source.FindAttendee(new AttendeeId("nobody")).Should().BeNull();
        (await Source.FindAttendeeAsync(new AttendeeId("alice"), default)).Should().BeSameAs(_w.Alice);
        (await Source.FindAttendeeAsync(new AttendeeId("nobody"), default)).Should().BeNull();
        (await Source.GetAttendeeAsync(new AttendeeId("room2"))).Should().BeSameAs(_w.Room2);
    }

    [Fact]
    public async Task Unknown_ids_throw_not_found_carrying_the_id()
    {
        Action get = () => Source.GetAttendee(new AttendeeId("nobody"));
        Func<Task> getAsync = async () => await Source.GetAttendeeAsync(new AttendeeId("ghost"));
        Func<Task> nullSource = async () => await ((IAttendeeSource)null!).GetAttendeeAsync(new AttendeeId("x"));

        get.Should().Throw<AttendeeNotFoundException>().Which.AttendeeId.Should().Be(new AttendeeId("nobody"));
        (await getAsync.Should().ThrowAsync<AttendeeNotFoundException>()).Which.AttendeeId.Should().Be(new AttendeeId("ghost"));
        await nullSource.Should().ThrowAsync<ArgumentNullException>();
    }

    [Fact]
    public async Task Find_by_name_is_case_insensitive_ordered_by_name_then_id_and_empty_matches_nothing()
    {
        Source.CreateRoom(new AttendeeId("room0"), "Room 1");

        (await Source.FindByNameAsync("ROOM", null, default)).Select(a => a.Id.Value).Should().Equal("room0", "room1", "room2");
        (await Source.FindByNameAsync("o", CalendarUserType.Individual, default)).Select(a => a.Id.Value).Should().Equal("bob");
        (await Source.FindByNameAsync("faas", null, default)).Should().Equal(_w.Martijn);
        (await Source.FindByNameAsync("", null, default)).Should().BeEmpty();
        (await Source.FindByNameAsync("zzz", null, default)).Should().BeEmpty();
        Func<Task> nullQuery = async () => await Source.FindByNameAsync(null!, null, default);
        await nullQuery.Should().ThrowAsync<ArgumentNullException>();
    }

    [Fact]
    public async Task Attendees_of_a_type_are_listed_by_name()
    {
        (await Source.GetAttendeesOfTypeAsync(CalendarUserType.Room, default)).Should().Equal(_w.Room1, _w.Room2);
        (await Source.GetAttendeesOfTypeAsync(CalendarUserType.Individual, default)).Select(a => a.Name).Should().Equal("Alice", "Bob", "Martijn Faassen");
        (await Source.GetAttendeesOfTypeAsync(CalendarUserType.Group, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_cancelled_token_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Func<Task> find = async () => await Source.FindAttendeeAsync(new AttendeeId("bob"), cts.Token);

        await find.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Attendees_are_equal_by_id_and_type()
    {
        EqualityAssert.ValueSemantics<Attendee>(new Individual(new AttendeeId("x"), "One"), new Individual(new AttendeeId("x"), "Another name"), new Individual(new AttendeeId("y"), "One"));
        new Individual(new AttendeeId("x"), "X").Should().NotBe(new Room(new AttendeeId("x"), "X"));
        new Room(new AttendeeId("r"), "R").Equals((object?)null).Should().BeFalse();
    }

    [Fact]
    public void Attendee_constructors_refuse_null_names_and_default_ids()
    {
        Action name = () => _ = new Room(new AttendeeId("r"), null!);
        Action id = () => _ = new Individual(default, "X");

        name.Should().Throw<ArgumentNullException>();
        id.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("id");
    }
}
