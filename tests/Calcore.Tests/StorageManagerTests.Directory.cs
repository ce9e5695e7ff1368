using System;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Calcore.Tests.TestWorld;

namespace Calcore.Tests;

/// <summary>The manager's attendee directory: save, find, list, delete; the record decides over the sources.</summary>
public partial class StorageManagerTests
{
    [Fact]
    public async Task A_saved_record_is_found_listed_and_deleted()
    {
        var projector = new AttendeeRecord(new AttendeeId("projector"), CalendarUserType.Resource, "Projector") { Address = "mailto:projector@example.com" };
        var alice = new AttendeeRecord(_w.Alice.Id, CalendarUserType.Individual, "Alice A.") { WorkingHours = new WorkingHours(new LocalTime(9, 0), new LocalTime(17, 0)) };
        (await Manager.SaveAttendeeAsync(projector)).Should().BeTrue();
        (await Manager.SaveAttendeeAsync(alice)).Should().BeTrue();
        (await Manager.SaveAttendeeAsync(alice)).Should().BeFalse("the second save replaces");

        (await Manager.FindAttendeeRecordAsync(projector.Id)).Should().Be(projector);
        (await Manager.FindAttendeeRecordAsync(_w.Bob.Id)).Should().BeNull("Bob is only in the source");
        (await Manager.GetAttendeeRecordsAsync()).Should().Equal(alice, projector);
        (await Manager.GetAttendeeRecordsAsync(CalendarUserType.Resource)).Should().Equal(projector);
        (await Manager.GetAttendeeAsync(_w.Alice.Id)).Name.Should().Be("Alice A.", "the directory answers before the source");

        (await Manager.DeleteAttendeeAsync(alice.Id)).Should().BeTrue();
        (await Manager.DeleteAttendeeAsync(alice.Id)).Should().BeFalse();
        (await Manager.GetAttendeeAsync(_w.Alice.Id)).Name.Should().Be("Alice", "the source answers again");
    }

    [Fact]
    public async Task A_directory_policy_decides_a_sources_room_from_then_on()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn);
        await Manager.SaveAttendeeAsync(AttendeeRecord.FromAttendee(_w.Room1) with { Policy = BookingPolicy.Manual });
        InvitationResult result = await Manager.InviteAsync(e.Id, [_w.Room1.Id, _w.Room2.Id]);
        result.Event.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.NeedsAction, "the directory says manual");
        result.Event.GetParticipationStatus(_w.Room2.Id).Should().Be(ParticipationStatus.Accepted, "only the source knows room2");
    }

    [Fact]
    public async Task Directory_calls_check_their_arguments()
    {
        await ((Func<Task>)(() => Manager.SaveAttendeeAsync(null!))).Should().ThrowAsync<ArgumentNullException>();
        await ((Func<Task>)(() => Manager.FindAttendeeRecordAsync(default))).Should().ThrowAsync<ArgumentException>();
        await ((Func<Task>)(() => Manager.DeleteAttendeeAsync(default))).Should().ThrowAsync<ArgumentException>();
        await ((Func<Task>)(() => Manager.GetAttendeeRecordsAsync((CalendarUserType)9))).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await ((Func<Task>)(() => Manager.SaveAttendeeAsync(new AttendeeRecord(new AttendeeId("x"), CalendarUserType.Room, "X"), Cancelled)))
            .Should().ThrowAsync<OperationCanceledException>();
        (await Manager.FindAttendeeRecordAsync(new AttendeeId("x"))).Should().BeNull("a cancelled save writes nothing");
    }
}
