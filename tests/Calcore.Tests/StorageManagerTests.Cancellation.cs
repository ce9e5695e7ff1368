using System;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Calcore.Tests.TestWorld;

namespace Calcore.Tests;

/// <summary>A cancelled call throws OperationCanceledException and writes nothing.</summary>
public partial class StorageManagerTests
{
    private static CancellationToken Cancelled => new(canceled: true);

    [Fact]
    public async Task A_cancelled_create_throws_and_stores_nothing()
    {
        Func<Task> withOrganizer = () => Manager.CreateEventAsync(At(2, 10) with { OrganizerId = _w.Bob.Id }, null, Cancelled);
        Func<Task> withoutOrganizer = () => Manager.CreateEventAsync(At(2, 10), new EventId("x"), Cancelled);

        await withOrganizer.Should().ThrowAsync<OperationCanceledException>();
        await withoutOrganizer.Should().ThrowAsync<OperationCanceledException>();
        (await Manager.GetEventsAsync(new EventListQuery(new Interval(null, null)))).Should().BeEmpty();
    }

    [Fact]
    public async Task Cancelled_writes_throw_and_change_nothing()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);

        Func<Task>[] writes =
        [
            () => Manager.InviteAsync(e.Id, [_w.Alice.Id], null, Cancelled),
            () => Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.Accepted, null, Cancelled),
            () => Manager.SetParticipationRoleAsync(e.Id, _w.Bob.Id, ParticipationRole.Chair, null, Cancelled),
            () => Manager.RemoveAttendeeAsync(e.Id, _w.Bob.Id, null, Cancelled),
            () => Manager.UpdateEventAsync(e.Id, e.Details with { Title = "x" }, null, Cancelled),
            () => Manager.DeleteEventAsync(e.Id, null, Cancelled),
        ];

        foreach (Func<Task> write in writes)
        {
            await write.Should().ThrowAsync<OperationCanceledException>();
        }
        (await Manager.GetEventAsync(e.Id)).Version.Should().Be(e.Version);
    }

    [Fact]
    public async Task Cancelled_reads_throw()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        Func<Task>[] reads =
        [
            () => Manager.FindEventAsync(e.Id, Cancelled),
            () => Manager.GetEventsAsync(new EventListQuery(Days(2, 3)), Cancelled),
            () => Manager.GetEventsAsync(new EventListQuery(Days(2, 3)) { Attendee = _w.Martijn.Id }, Cancelled),
            () => Manager.CalendarOf(_w.Martijn.Id).GetOrganizedEventsAsync(null, Cancelled),
            () => Manager.GetFreeBusyAsync([_w.Martijn.Id], Days(2, 3), Cancelled),
            () => Manager.FindFreePeriodsAsync([_w.Martijn.Id], Days(2, 3), WorkingHours.AllDay, Duration.Zero, Cancelled),
            async () => await Manager.FindAttendeeAsync(_w.Bob.Id, Cancelled),
        ];

        foreach (Func<Task> read in reads)
        {
            await read.Should().ThrowAsync<OperationCanceledException>();
        }
    }
}
