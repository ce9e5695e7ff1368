using System.Collections.Immutable;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Attendees.Internal;
using Calcore.Storage;
using Calcore.Storage.Internal;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Attendees;

/// <summary>The engine's attendee lookup: the storage's directory first, then the sources; inside a transaction for the
/// booking gate, with a source's room adopted into the directory.</summary>
public sealed class AttendeeDirectoryTests : System.IDisposable
{
    private readonly MemoryStorage _storage = new("directory");
    private readonly SimpleAttendeeSource _source = new();
    private readonly AttendeeDirectory _directory;

    public AttendeeDirectoryTests()
    {
        _directory = new AttendeeDirectory(_storage.FindAttendeeAsync, ImmutableArray.Create<IAttendeeSource>(_source));
    }

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task A_directory_record_governs_its_id_and_the_sources_answer_the_rest()
    {
        _source.CreateIndividual(new AttendeeId("room1"), "A person, says the source");
        _source.CreateIndividual(new AttendeeId("bob"), "Bob");
        await Save(new AttendeeRecord(new AttendeeId("room1"), CalendarUserType.Room, "Room 1", BookingPolicy.AlwaysAccept));

        Attendee? room = await _directory.FindAsync(new AttendeeId("room1"), default);
        room.Should().BeOfType<Room>().Which.Policy.Should().Be(BookingPolicy.AlwaysAccept);
        (await _directory.FindAsync(new AttendeeId("bob"), default)).Should().BeOfType<Individual>().Which.Name.Should().Be("Bob");
        (await _directory.FindAsync(new AttendeeId("nobody"), default)).Should().BeNull();
        Attendee unknown = await _directory.ResolveAsync(new AttendeeId("nobody"), default);
        unknown.Should().BeOfType<Individual>().Which.Policy.Should().Be(BookingPolicy.Manual);
    }

    [Fact]
    public async Task Inside_a_transaction_the_directory_is_read_with_the_transactions_own_writes()
    {
        _source.CreateRoom(new AttendeeId("room1"), "Room 1", BookingPolicy.AcceptIfPossible);
        IStorageTransaction tx = await _storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            await tx.UpsertAttendeeAsync(new AttendeeRecord(new AttendeeId("room1"), CalendarUserType.Room, "Room 1", BookingPolicy.Manual), default);
            (await _directory.FindForBookingAsync(tx, new AttendeeId("room1"), default))!.Policy.Should().Be(BookingPolicy.Manual);
            (await _directory.ResolveForBookingAsync(tx, new AttendeeId("room1"), default)).Policy.Should().Be(BookingPolicy.Manual);
            (await _directory.FindAsync(new AttendeeId("room1"), default))!.Policy.Should().Be(BookingPolicy.AcceptIfPossible, "outside, the write is not committed");
        }
    }

    [Fact]
    public async Task A_booking_adopts_a_sources_room_into_the_directory_and_leaves_people_where_they_are()
    {
        Room sourceRoom = _source.CreateRoom(new AttendeeId("room1"), "Room 1", BookingPolicy.AcceptExceptConflicts(2, 0.5));
        _source.CreateResource(new AttendeeId("projector"), "Projector");
        _source.CreateIndividual(new AttendeeId("bob"), "Bob");
        IStorageTransaction tx = await _storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await _directory.FindForBookingAsync(tx, sourceRoom.Id, default)).Should().Be(sourceRoom);
            (await _directory.FindForBookingAsync(tx, new AttendeeId("projector"), default)).Should().BeOfType<Resource>();
            (await _directory.FindForBookingAsync(tx, new AttendeeId("bob"), default)).Should().BeOfType<Individual>();
            (await _directory.FindForBookingAsync(tx, new AttendeeId("nobody"), default)).Should().BeNull();
            await tx.CommitAsync(default);
        }
        (await _storage.FindAttendeeAsync(sourceRoom.Id, default)).Should().Be(AttendeeRecord.FromAttendee(sourceRoom));
        (await _storage.GetAttendeesAsync(null, default)).Should().HaveCount(2, "the room and the projector, not Bob");

        // From then on the directory's record decides, whatever the source says.
        await Save(AttendeeRecord.FromAttendee(sourceRoom) with { Policy = BookingPolicy.Manual });
        tx = await _storage.BeginTransactionAsync([], default);
        await using (tx)
        {
            (await _directory.FindForBookingAsync(tx, sourceRoom.Id, default))!.Policy.Should().Be(BookingPolicy.Manual);
        }
    }

    private async Task Save(AttendeeRecord record)
    {
        IStorageTransaction tx = await _storage.BeginTransactionAsync([record.Id], default);
        await using (tx)
        {
            await tx.UpsertAttendeeAsync(record, default);
            await tx.CommitAsync(default);
        }
    }
}
