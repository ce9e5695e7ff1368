using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Calcore.Storage.Specification.Tests.Snapshots;

namespace Calcore.Storage.Specification.Tests;

/// <summary>The contract for the attendee directory: records read back equal (every policy field exact), are
/// replaced and deleted in transactions, listed in id order, rolled back with their transaction, and decide bookings
/// over what an attendee source says.</summary>
public abstract class AttendeeDirectoryStorageTestBase<TFixture> : StorageTestBase<TFixture>
    where TFixture : StorageFixtureBase
{
    protected AttendeeDirectoryStorageTestBase(TFixture fixture)
        : base(fixture)
    {
    }

    /// <summary>Records that together use every field and every value of every enumeration, with durations that are
    /// not whole seconds, the largest values and a missing maximum duration.</summary>
    protected static IEnumerable<AttendeeRecord> EveryKindOfRecord()
    {
        yield return new AttendeeRecord(new AttendeeId("room-1"), CalendarUserType.Room, "Board room (3rd floor)")
        {
            Address = "mailto:board-room@example.com",
            WorkingHours = new WorkingHours(new LocalTime(8, 30), new LocalTime(18, 0)),
        };
        yield return new AttendeeRecord(new AttendeeId("room-2"), CalendarUserType.Room, "Aula",
            BookingPolicy.AcceptExceptConflicts(maxConflicts: 7, maxConflictFraction: 1.0 / 3) with
            {
                BookingWindow = Duration.FromDays(90) + Duration.FromNanoseconds(123_456_789),
                PastWindow = BookingWindowAction.Decline,
                MaximumDuration = null,
                AllowRecurring = false,
            })
        {
            Address = "MAILTO:Aula+Booking@Example.org",
            WorkingHours = new WorkingHours(LocalTime.FromHourMinuteSecondNanosecond(7, 0, 0, 1), LocalTime.Midnight),
        };
        yield return new AttendeeRecord(new AttendeeId("projector"), CalendarUserType.Resource, "Projector",
            BookingPolicy.AlwaysAccept with { BookingWindow = BookingPolicy.MaxBookingWindow, MaximumDuration = Duration.FromDays(1_000_000) + Duration.Epsilon });
        yield return new AttendeeRecord(new AttendeeId("car"), CalendarUserType.Resource, "Car", BookingPolicy.Manual with { MaxConflicts = int.MaxValue, MaxConflictFraction = 0.1 });
        yield return new AttendeeRecord(new AttendeeId("florent"), CalendarUserType.Individual, "Florent \u00e9\u00df \U0001F600")
        {
            Address = "mailto:florent@example.com",
            WorkingHours = WorkingHours.AllDay,
        };
        yield return new AttendeeRecord(new AttendeeId("team"), CalendarUserType.Group, "", BookingPolicy.AcceptIfPossible with { MaxConflictFraction = 1, MaximumDuration = Duration.Epsilon });
        yield return new AttendeeRecord(new AttendeeId("who \"'\U0001F600"), CalendarUserType.Unknown, "Who?");
    }

    [Fact]
    public virtual async Task A_missing_attendee_is_not_found()
    {
        (await Storage.FindAttendeeAsync(new AttendeeId("nobody"), default)).Should().BeNull();
        (await Storage.GetAttendeesAsync(null, default)).Should().BeEmpty();
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await tx.FindAttendeeAsync(new AttendeeId("nobody"), default)).Should().BeNull();
            (await tx.DeleteAttendeeAsync(new AttendeeId("nobody"), default)).Should().BeFalse();
        }
    }

    [Fact]
    public virtual async Task Every_record_reads_back_equal_with_every_policy_field()
    {
        AttendeeRecord[] records = [.. EveryKindOfRecord()];
        await UpsertAsync(records);
        foreach (AttendeeRecord written in records)
        {
            AttendeeRecord? read = await Storage.FindAttendeeAsync(written.Id, default);
            read.Should().Be(written);
            read!.Policy.Should().Be(written.Policy);
            read.Policy.BookingWindow.Should().Be(written.Policy.BookingWindow);
            read.Policy.MaximumDuration.Should().Be(written.Policy.MaximumDuration);
            read.Policy.MaxConflictFraction.Should().Be(written.Policy.MaxConflictFraction, "the fraction is kept to the bit");
            read.WorkingHours.Should().Be(written.WorkingHours);
            read.Address.Should().Be(written.Address);
            read.DisplayName.Should().Be(written.DisplayName);
        }
        (await Storage.GetAttendeesAsync(null, default)).Should().Equal(records.OrderBy(r => r.Id));
    }

    [Fact]
    public virtual async Task An_upsert_adds_then_replaces_every_field()
    {
        var id = new AttendeeId("room");
        var first = new AttendeeRecord(id, CalendarUserType.Room, "Room") { Address = "mailto:room@example.com", WorkingHours = WorkingHours.AllDay };
        var second = new AttendeeRecord(id, CalendarUserType.Resource, "Renamed", BookingPolicy.AcceptExceptConflicts(2, 0.5) with
        {
            BookingWindow = Duration.FromHours(1),
            PastWindow = BookingWindowAction.Decline,
            MaximumDuration = null,
            AllowRecurring = false,
        });
        IStorageTransaction tx = await Storage.BeginTransactionAsync([id], default);
        await using (tx)
        {
            (await tx.UpsertAttendeeAsync(first, default)).Should().BeTrue("it was added");
            await tx.CommitAsync(default);
        }
        (await Storage.FindAttendeeAsync(id, default)).Should().Be(first);
        tx = await Storage.BeginTransactionAsync([id], default);
        await using (tx)
        {
            (await tx.UpsertAttendeeAsync(second, default)).Should().BeFalse("it replaced one");
            await tx.CommitAsync(default);
        }
        AttendeeRecord? read = await Storage.FindAttendeeAsync(id, default);
        read.Should().Be(second);
        read!.Address.Should().BeNull();
        read.WorkingHours.Should().BeNull();
        (await Storage.GetAttendeesAsync(null, default)).Should().Equal(second);
    }

    [Fact]
    public virtual async Task A_deleted_record_is_gone_and_its_id_can_be_used_again()
    {
        AttendeeRecord[] records = [.. EveryKindOfRecord()];
        await UpsertAsync(records);
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await tx.DeleteAttendeeAsync(records[0].Id, default)).Should().BeTrue();
            (await tx.DeleteAttendeeAsync(records[0].Id, default)).Should().BeFalse("it is deleted already, in this transaction");
            await tx.CommitAsync(default);
        }
        (await Storage.FindAttendeeAsync(records[0].Id, default)).Should().BeNull();
        (await Storage.GetAttendeesAsync(null, default)).Should().Equal(records.Skip(1).OrderBy(r => r.Id));
        AttendeeRecord again = records[0] with { DisplayName = "Again" };
        await UpsertAsync(again);
        (await Storage.FindAttendeeAsync(records[0].Id, default)).Should().Be(again);
    }

    [Fact]
    public virtual async Task Listings_are_ordered_by_ordinal_id_and_filtered_by_type()
    {
        // Ordinal (UTF-16) order puts a supplementary character (a surrogate pair, 0xD83D…) before U+FF21, where UTF-8
        // byte order would put it after.
        string[] ids = ["\uFF21", "\U0001F600", "b", "B", "a-room", "a", "z"];
        AttendeeRecord[] records = [.. ids.Select((id, i) => new AttendeeRecord(new AttendeeId(id), i % 2 == 0 ? CalendarUserType.Room : CalendarUserType.Individual, id))];
        await UpsertAsync(records);
        (await Storage.GetAttendeesAsync(null, default)).Select(r => r.Id.Value).Should().Equal(ids.Order(StringComparer.Ordinal));
        (await Storage.GetAttendeesAsync(CalendarUserType.Room, default)).Select(r => r.Id.Value)
            .Should().Equal(records.Where(r => r.Type == CalendarUserType.Room).Select(r => r.Id.Value).Order(StringComparer.Ordinal));
        (await Storage.GetAttendeesAsync(CalendarUserType.Individual, default)).Select(r => r.Id.Value)
            .Should().Equal(records.Where(r => r.Type == CalendarUserType.Individual).Select(r => r.Id.Value).Order(StringComparer.Ordinal));
        (await Storage.GetAttendeesAsync(CalendarUserType.Group, default)).Should().BeEmpty();
    }

    [Fact]
    public virtual async Task A_transaction_sees_its_own_directory_writes_and_others_see_them_only_after_commit()
    {
        AttendeeRecord kept = new(new AttendeeId("kept"), CalendarUserType.Room, "Kept");
        AttendeeRecord gone = new(new AttendeeId("gone"), CalendarUserType.Individual, "Gone");
        await UpsertAsync(kept, gone);
        AttendeeRecord added = new(new AttendeeId("added"), CalendarUserType.Resource, "Added");
        AttendeeRecord changed = kept with { Policy = BookingPolicy.Manual };
        IStorageTransaction tx = await Storage.BeginTransactionAsync([kept.Id, gone.Id, added.Id], default);
        await using (tx)
        {
            await tx.UpsertAttendeeAsync(added, default);
            await tx.UpsertAttendeeAsync(changed, default);
            (await tx.DeleteAttendeeAsync(gone.Id, default)).Should().BeTrue();
            (await tx.FindAttendeeAsync(added.Id, default)).Should().Be(added);
            (await tx.FindAttendeeAsync(kept.Id, default)).Should().Be(changed);
            (await tx.FindAttendeeAsync(gone.Id, default)).Should().BeNull();
            (await Storage.FindAttendeeAsync(added.Id, default)).Should().BeNull();
            (await Storage.FindAttendeeAsync(kept.Id, default)).Should().Be(kept);
            (await Storage.FindAttendeeAsync(gone.Id, default)).Should().Be(gone);
            (await Storage.GetAttendeesAsync(null, default)).Should().Equal(gone, kept);
            await tx.CommitAsync(default);
        }
        (await Storage.GetAttendeesAsync(null, default)).Should().Equal(added, changed);
    }

    [Fact]
    public virtual async Task Disposing_without_commit_leaves_the_directory_as_it_was()
    {
        AttendeeRecord kept = new(new AttendeeId("kept"), CalendarUserType.Room, "Kept");
        AttendeeRecord other = new(new AttendeeId("other"), CalendarUserType.Room, "Other");
        await UpsertAsync(kept, other);
        CalendarEvent e = Event("meeting", Utc(2, 10), Duration.FromHours(1), null, "kept");
        IStorageTransaction tx = await Storage.BeginTransactionAsync([kept.Id], default);
        await using (tx)
        {
            await tx.UpsertAttendeeAsync(new AttendeeRecord(new AttendeeId("new"), CalendarUserType.Room, "New"), default);
            await tx.UpsertAttendeeAsync(kept with { DisplayName = "Changed" }, default);
            (await tx.DeleteAttendeeAsync(other.Id, default)).Should().BeTrue();
            await tx.InsertEventAsync(e, SpanOf(e), default);
        }
        (await Storage.GetAttendeesAsync(null, default)).Should().Equal(kept, other);
        (await Storage.FindAttendeeAsync(new AttendeeId("new"), default)).Should().BeNull();
        (await Storage.FindEventAsync(e.Id, default)).Should().BeNull();
        // The lock was released: the next transaction commits.
        await UpsertAsync(new AttendeeRecord(new AttendeeId("after"), CalendarUserType.Group, "After"));
        (await Storage.FindAttendeeAsync(new AttendeeId("after"), default)).Should().NotBeNull();
    }

    [Fact]
    public virtual async Task A_record_and_an_event_written_in_one_transaction_commit_together()
    {
        AttendeeRecord room = new(new AttendeeId("room"), CalendarUserType.Room, "Room");
        CalendarEvent e = Event("meeting", Utc(2, 10), Duration.FromHours(1), null, "room");
        IStorageTransaction tx = await Storage.BeginTransactionAsync([room.Id], default);
        await using (tx)
        {
            await tx.UpsertAttendeeAsync(room, default);
            await tx.InsertEventAsync(e, SpanOf(e), default);
            await tx.CommitAsync(default);
        }
        (await Storage.FindAttendeeAsync(room.Id, default)).Should().Be(room);
        (await Storage.FindEventAsync(e.Id, default)).ShouldBeSameSnapshot(e);
    }

    [Fact]
    public virtual async Task Concurrent_upserts_all_commit_and_one_id_holds_one_whole_record()
    {
        const int Writers = 16;
        var shared = new AttendeeId("shared");
        AttendeeRecord SharedBy(int i) => new(shared, i % 2 == 0 ? CalendarUserType.Room : CalendarUserType.Resource, $"Writer {i}",
            BookingPolicy.AcceptExceptConflicts(i, 1.0 / (i + 1)) with { BookingWindow = Duration.FromDays(i + 1) })
        {
            Address = $"mailto:writer{i}@example.com",
        };
        Task[] writers =
        [
            .. Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
            {
                var own = new AttendeeRecord(new AttendeeId($"own-{i:D2}"), CalendarUserType.Individual, $"Own {i}");
                IStorageTransaction tx = await Storage.BeginTransactionAsync([own.Id, shared], default);
                await using (tx)
                {
                    await tx.UpsertAttendeeAsync(own, default);
                    await tx.UpsertAttendeeAsync(SharedBy(i), default);
                    await tx.CommitAsync(default);
                }
            })),
        ];
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(5));
        IReadOnlyList<AttendeeRecord> all = await Storage.GetAttendeesAsync(null, default);
        all.Select(r => r.Id.Value).Should().Equal([.. Enumerable.Range(0, Writers).Select(i => $"own-{i:D2}"), "shared"]);
        AttendeeRecord? winner = await Storage.FindAttendeeAsync(shared, default);
        Enumerable.Range(0, Writers).Select(SharedBy).Should().Contain(winner!, "the last writer's record is there whole, never a mix");
    }

    [Fact]
    public virtual async Task A_second_storage_on_the_same_data_reads_the_directory()
    {
        AttendeeRecord[] records = [.. EveryKindOfRecord()];
        await UpsertAsync(records);
        IStorage? second = await Fixture.OpenSecondStorageAsync(Storage);
        if (second is null)
        {
            return;
        }
        (await second.GetAttendeesAsync(null, default)).Should().Equal(records.OrderBy(r => r.Id));
    }

    [Fact]
    public virtual async Task The_directory_record_decides_a_booking_over_what_a_source_says()
    {
        // The source knows "room" as a person who answers themselves, and "hall" as a room that books itself.
        var source = new SimpleAttendeeSource();
        source.CreateIndividual(new AttendeeId("room"), "Not a room");
        source.CreateRoom(new AttendeeId("hall"), "Hall", BookingPolicy.AcceptIfPossible);
        await using StorageManager manager = Fixture.CreateManager(Storage, attendees: source);
        AttendeeRecord room = new(new AttendeeId("room"), CalendarUserType.Room, "Room 1", BookingPolicy.AlwaysAccept);
        AttendeeRecord hall = new(new AttendeeId("hall"), CalendarUserType.Room, "Hall", BookingPolicy.Manual);
        (await manager.SaveAttendeeAsync(room)).Should().BeTrue();
        (await manager.SaveAttendeeAsync(hall)).Should().BeTrue();

        (await manager.GetAttendeeAsync(room.Id)).Should().BeOfType<Room>().Which.Policy.Should().Be(BookingPolicy.AlwaysAccept);
        (await manager.GetAttendeeAsync(hall.Id)).Policy.Should().Be(BookingPolicy.Manual);
        (await manager.FindAttendeeRecordAsync(room.Id)).Should().Be(room);
        (await manager.GetAttendeeRecordsAsync(CalendarUserType.Room)).Should().Equal(hall, room);

        CalendarEvent meeting = await manager.CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), null, Duration.FromHours(1))));
        InvitationResult result = await manager.InviteAsync(meeting.Id, [room.Id, hall.Id]);
        result.Event.GetParticipationStatus(room.Id).Should().Be(ParticipationStatus.Accepted, "the directory's room books itself");
        result.Event.GetParticipationStatus(hall.Id).Should().Be(ParticipationStatus.NeedsAction, "the directory's policy is manual, whatever the source says");
        result.Event.Commitments.Single(c => c.AttendeeId == room.Id).AttendeeType.Should().Be(CalendarUserType.Room);

        (await manager.DeleteAttendeeAsync(room.Id)).Should().BeTrue();
        (await manager.DeleteAttendeeAsync(room.Id)).Should().BeFalse();
        (await manager.GetAttendeeAsync(room.Id)).Should().BeOfType<Individual>("once the record is gone, the source answers again");
    }

    /// <summary>Upserts records in one committed transaction.</summary>
    protected async Task UpsertAsync(params AttendeeRecord[] records)
    {
        IStorageTransaction tx = await Storage.BeginTransactionAsync([.. records.Select(r => r.Id)], default);
        await using (tx)
        {
            foreach (AttendeeRecord r in records)
            {
                await tx.UpsertAttendeeAsync(r, default);
            }
            await tx.CommitAsync(default);
        }
    }
}
