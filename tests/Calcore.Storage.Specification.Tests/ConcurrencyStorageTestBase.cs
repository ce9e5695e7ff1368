using System;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Calcore.Storage.Specification.Tests.Snapshots;

namespace Calcore.Storage.Specification.Tests;

/// <summary>The contract for transactions: isolation, rollback, own writes, serialization, and rooms that are never double-booked.</summary>
public abstract class ConcurrencyStorageTestBase<TFixture> : StorageTestBase<TFixture>
    where TFixture : StorageFixtureBase
{
    protected ConcurrencyStorageTestBase(TFixture fixture)
        : base(fixture)
    {
    }

    /// <summary>How many managers invite the room at once.</summary>
    protected virtual int ConcurrentInvitations => 12;

    /// <summary>Only a guard against a hang, never a time budget: on a busy machine the test runner's threads can be
    /// held by the tests running beside this one for seconds.</summary>
    protected static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    [Fact]
    public virtual async Task Uncommitted_writes_are_invisible_to_other_readers()
    {
        CalendarEvent existing = Event("old", Utc(2, 9), Duration.FromHours(1), null, "bob");
        await InsertAsync((existing, SpanOf(existing)));
        CalendarEvent e = Event("new", Utc(2, 10), Duration.FromHours(1), null, "bob");
        IStorageTransaction tx = await Storage.BeginTransactionAsync([new AttendeeId("bob")], default);
        await using (tx)
        {
            await tx.InsertEventAsync(e, SpanOf(e), default);
            (await tx.DeleteEventAsync(existing.Id, 1, default)).Should().BeTrue();
            (await Storage.FindEventAsync(e.Id, default)).Should().BeNull();
            (await Storage.FindEventAsync(existing.Id, default)).Should().NotBeNull();
            (await Storage.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("bob") }, default)).Select(x => x.Id.Value).Should().Equal("old");
            await tx.CommitAsync(default);
        }
        (await Storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(e);
        (await Storage.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("bob") }, default)).Select(x => x.Id.Value).Should().Equal("new");
    }

    [Fact]
    public virtual async Task Disposing_without_commit_rolls_back()
    {
        CalendarEvent existing = Event("old", Utc(2, 9), Duration.FromHours(1), null, "bob");
        CalendarEvent kept = Event("kept", Utc(2, 12), Duration.FromHours(1), null, "bob");
        await InsertAsync((existing, SpanOf(existing)), (kept, SpanOf(kept)));
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            CalendarEvent e = Event("new", Utc(2, 10), Duration.FromHours(1), null, "bob");
            await tx.InsertEventAsync(e, SpanOf(e), default);
            (await tx.ReplaceEventAsync(NextVersion(existing, "carol"), SpanOf(existing), 1, default)).Should().BeTrue();
            (await tx.DeleteEventAsync(kept.Id, 1, default)).Should().BeTrue();
        }
        (await Storage.FindEventAsync(new EventId("new"), default)).Should().BeNull();
        (await Storage.FindEventAsync(existing.Id, default)).ShouldBeSameSnapshot(existing);
        (await Storage.FindEventAsync(kept.Id, default)).ShouldBeSameSnapshot(kept);
        (await Storage.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("bob") }, default)).Select(x => x.Id.Value).Should().Equal("old", "kept");
        (await Storage.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("carol") }, default)).Should().BeEmpty();
        // The storage is usable again: the rolled-back transaction released its lock.
        CalendarEvent after = Event("after", Utc(2, 11), Duration.FromHours(1));
        await InsertAsync((after, SpanOf(after)));
        (await Storage.FindEventAsync(after.Id, default)).Should().NotBeNull();
    }

    [Fact]
    public virtual async Task A_transaction_sees_its_own_writes()
    {
        CalendarEvent a = Event("a", Utc(2, 9), Duration.FromHours(1), null, "bob");
        CalendarEvent b = Event("b", Utc(2, 10), Duration.FromHours(1), null, "bob");
        CalendarEvent d = Event("d", Utc(2, 12), Duration.FromHours(1), null, "bob");
        await InsertAsync((a, SpanOf(a)), (b, SpanOf(b)), (d, SpanOf(d)));
        IStorageTransaction tx = await Storage.BeginTransactionAsync([new AttendeeId("bob")], default);
        await using (tx)
        {
            CalendarEvent c = Event("c", Utc(2, 11), Duration.FromHours(1), null, "bob");
            await tx.InsertEventAsync(c, SpanOf(c), default);
            CalendarEvent a2 = NextVersion(a, "carol");
            (await tx.ReplaceEventAsync(a2, SpanOf(a2), 1, default)).Should().BeTrue();
            (await tx.DeleteEventAsync(b.Id, 1, default)).Should().BeTrue();

            (await tx.FindEventAsync(c.Id, default)).ShouldBeSameSnapshot(c);
            (await tx.FindEventAsync(a.Id, default)).ShouldBeSameSnapshot(a2);
            (await tx.FindEventAsync(b.Id, default)).Should().BeNull();
            (await tx.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("bob") }, default)).Select(x => x.Id.Value).Should().Equal("c", "d");
            (await tx.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("bob"), Window = new Interval(Utc(2, 9), Utc(2, 12)) }, default))
                .Select(x => x.Id.Value).Should().Equal("c");
            (await tx.QueryEventsAsync(new EventQuery { Attendee = new AttendeeId("carol") }, default)).Select(x => x.Id.Value).Should().Equal("a");
            (await tx.QueryEventsAsync(new EventQuery(), default)).Select(x => x.Id.Value).Should().Equal("a", "c", "d");
            (await tx.ReplaceEventAsync(NextVersion(a2), SpanOf(a2), 1, default)).Should().BeFalse("the transaction's own write moved the version to 2");
            (await tx.DeleteEventAsync(a.Id, 1, default)).Should().BeFalse("the transaction's own write moved the version to 2");
            (await tx.ReplaceEventAsync(NextVersion(b), SpanOf(b), 1, default)).Should().BeFalse("the transaction deleted it");
            (await tx.DeleteEventAsync(b.Id, 1, default)).Should().BeFalse("the transaction deleted it");
            await tx.CommitAsync(default);
        }
        (await Storage.QueryEventsAsync(new EventQuery(), default)).Select(x => x.Id.Value).Should().Equal("a", "c", "d");
    }

    [Fact]
    public virtual async Task A_committed_transaction_cannot_be_used_again()
    {
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            await tx.CommitAsync(default);
            CalendarEvent e = Event("x", Utc(2, 10), Duration.FromHours(1));
            Func<Task> find = async () => await tx.FindEventAsync(e.Id, default);
            Func<Task> insert = async () => await tx.InsertEventAsync(e, SpanOf(e), default);
            Func<Task> commit = async () => await tx.CommitAsync(default);
            await find.Should().ThrowAsync<InvalidOperationException>();
            await insert.Should().ThrowAsync<InvalidOperationException>();
            await commit.Should().ThrowAsync<InvalidOperationException>();
        }
        // Disposing after the commit is harmless, and the next transaction starts.
        IStorageTransaction next = await Storage.BeginTransactionAsync([], default).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await using (next)
        {
            (await next.FindEventAsync(new EventId("x"), default)).Should().BeNull();
        }
    }

    [Fact]
    public virtual async Task Two_transactions_on_a_common_attendee_are_serialized()
    {
        // The second transaction waits for the first for as long as the storage's busy timeout allows (SQLite: 5 s by
        // default); the test's own steps between (a 200 ms pause, an insert, a commit) resume on the test runner's
        // threads, which tests running beside it can hold for seconds on a busy machine. Providers with such a timeout
        // configure a generous one in their fixture (SqliteStorageFixture does), so that only a hang fails this test.
        AttendeeId room = new("room");
        IStorageTransaction first = await Storage.BeginTransactionAsync([room], default);
        Task<IStorageTransaction> second;
        await using (first)
        {
            second = Storage.BeginTransactionAsync([room], default).AsTask();
            await Task.Delay(200);
            second.IsCompleted.Should().BeFalse("the second transaction waits until the first ends");
            CalendarEvent e = Event("booked", Utc(2, 10), Duration.FromHours(1), null, "room");
            await first.InsertEventAsync(e, SpanOf(e), default);
            await first.CommitAsync(default);
        }
        IStorageTransaction tx2 = await second.WaitAsync(HangGuard);
        await using (tx2)
        {
            (await tx2.QueryEventsAsync(new EventQuery { Attendee = room }, default)).Should().ContainSingle("the second reads after the first committed");
        }
    }

    [Fact]
    public virtual async Task Concurrent_invitations_of_one_room_accept_exactly_one()
    {
        var source = new SimpleAttendeeSource();
        await using StorageManager manager = Fixture.CreateManager(Storage, attendees: source);
        Room room = source.CreateRoom(new AttendeeId("room"), "Room", BookingPolicy.AcceptIfPossible);
        var organizers = Enumerable.Range(0, ConcurrentInvitations).Select(i => source.CreateIndividual(new AttendeeId($"p{i}"), $"Person {i}")).ToList();
        var events = await Task.WhenAll(organizers.Select((o, i) => manager.CreateEventAsync(new EventDetails(
            EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, i), DateTimeZone.Utc, Duration.FromHours(1)))
        { OrganizerId = o.Id })));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var invitations = events.Select(e => Task.Run(async () =>
        {
            await gate.Task;
            return await manager.InviteAsync(e.Id, [room.Id]);
        })).ToList();
        gate.SetResult();
        InvitationResult[] results = await Task.WhenAll(invitations);
        results.Count(r => r.Outcomes.Single().Status == ParticipationStatus.Accepted).Should().Be(1);
        results.Count(r => r.Outcomes.Single().Status == ParticipationStatus.Declined).Should().Be(ConcurrentInvitations - 1);
        var booked = await Storage.QueryEventsAsync(new EventQuery { Attendee = room.Id }, default);
        booked.Count(e => e.GetParticipationStatus(room.Id) == ParticipationStatus.Accepted).Should().Be(1);
    }
}
