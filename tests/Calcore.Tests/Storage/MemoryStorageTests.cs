using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Storage;

/// <summary>What MemoryStorage does beyond the specification suite (<c>Memory/MemoryStorageSpecificationTests.cs</c>
/// runs the contract itself): its count, cancellation, disposal, arguments, and readers during concurrent commits.</summary>
public sealed class MemoryStorageTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 10, 0);
    private static readonly AttendeeId Bob = new AttendeeId("bob");
    private static readonly AttendeeId Alice = new AttendeeId("alice");

    private readonly MemoryStorage _memory = new("test");

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The tests go through the IStorage contract on purpose.")]
    private IStorage Storage => _memory;

    public void Dispose() => _memory.Dispose();

    private static CalendarEvent Event(string id, long version = 1, AttendeeId? organizer = null, params AttendeeId[] attendees)
    {
        var details = new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 10, 0), DateTimeZone.Utc, Duration.FromHours(1)))
        {
            OrganizerId = organizer,
        };
        Commitment[] commitments = [.. attendees.Select(a => new Commitment(new CommitmentId($"{id}-{a}"), a, CalendarUserType.Individual, ParticipationStatus.Accepted, ParticipationRole.RequiredParticipant))];
        return new CalendarEvent(new EventId(id), details, commitments, version, T0, T0);
    }

    private static Interval Span(int startMinutes, int lengthMinutes) => new(T0 + Duration.FromMinutes(startMinutes), T0 + Duration.FromMinutes(startMinutes + lengthMinutes));

    private async Task InsertAsync(CalendarEvent e, Interval span)
    {
        await using IStorageTransaction tx = await Storage.BeginTransactionAsync([.. e.AttendeeIds], default);
        await tx.InsertEventAsync(e, span, default);
        await tx.CommitAsync(default);
    }

    private async Task<IEnumerable<string>> QueryAsync(Interval window, AttendeeId? attendee = null, AttendeeId? organizer = null)
        => (await Storage.QueryEventsAsync(new EventQuery { Window = window, Attendee = attendee, Organizer = organizer }, default)).Select(e => e.Id.Value);

    // ------------------------------------------------------------------ transactions and count

    [Fact]
    public async Task Count_counts_committed_events_only()
    {
        await using (IStorageTransaction tx = await Storage.BeginTransactionAsync([Bob], default))
        {
            await tx.InsertEventAsync(Event("a", attendees: Bob), Span(0, 60), default);
            await tx.InsertEventAsync(Event("b", attendees: Bob), Span(0, 60), default);
            _memory.Count.Should().Be(0, "nothing is committed yet");
            await tx.CommitAsync(default);
        }
        _memory.Count.Should().Be(2);

        await using (IStorageTransaction tx = await Storage.BeginTransactionAsync([Bob], default))
        {
            (await tx.DeleteEventAsync(new EventId("a"), 1, default)).Should().BeTrue();
            (await tx.ReplaceEventAsync(Event("b", 2, attendees: Alice), Span(600, 60), 1, default)).Should().BeTrue();
            _memory.Count.Should().Be(2, "the delete is not committed yet");
            await tx.CommitAsync(default);
        }
        _memory.Count.Should().Be(1);
    }

    [Fact]
    public async Task Waiting_for_a_transaction_can_be_cancelled()
    {
        await using IStorageTransaction first = await Storage.BeginTransactionAsync([Bob], default);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        Func<Task> act = async () => await Storage.BeginTransactionAsync([Bob], cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_commit_that_fails_writes_nothing()
    {
        await using (IStorageTransaction tx = await Storage.BeginTransactionAsync([], default))
        {
            await tx.InsertEventAsync(Event("a"), Span(0, 60), default);
            try
            {
                await tx.InsertEventAsync(Event("b"), new Interval(null, T0), default);
                await tx.CommitAsync(default);
            }
            catch (Exception ex) when (ex is ArgumentException or CalcoreStorageException or OverflowException)
            {
            }
        }

        bool aStored = await Storage.FindEventAsync(new EventId("a"), default) is not null;
        bool bStored = await Storage.FindEventAsync(new EventId("b"), default) is not null;
        int indexed = (await Storage.QueryEventsAsync(new EventQuery(), default)).Count;
        (aStored, bStored, indexed, _memory.Count).Should().Be((false, false, 0, 0), "a commit is all or nothing");
    }

    [Fact]
    public async Task Disposing_a_transaction_after_the_storage_is_harmless()
    {
        var storage = new MemoryStorage();
        IStorageTransaction tx = await storage.BeginTransactionAsync([], default);
        storage.Dispose();

        Func<Task> dispose = async () => await tx.DisposeAsync();

        await dispose.Should().NotThrowAsync();
    }

    // ------------------------------------------------------------------ disposal, arguments, cancellation

    [Fact]
    public async Task A_disposed_storage_fails_with_the_disposed_code()
    {
        var storage = new MemoryStorage("gone");
        storage.Dispose();

        Func<Task> find = async () => await storage.FindEventAsync(new EventId("e"), default);
        Func<Task> query = async () => await storage.QueryEventsAsync(new EventQuery(), default);
        Func<Task> begin = async () => await storage.BeginTransactionAsync([], default);

        (await find.Should().ThrowAsync<CalcoreStorageException>()).Which.Code.Should().Be(StorageErrorCode.Disposed);
        (await query.Should().ThrowAsync<CalcoreStorageException>()).Which.Code.Should().Be(StorageErrorCode.Disposed);
        (await begin.Should().ThrowAsync<CalcoreStorageException>()).Which.Message.Should().Contain("gone");
    }

    [Fact]
    public async Task Null_arguments_are_refused()
    {
        Func<Task> query = async () => await Storage.QueryEventsAsync(null!, default);
        Func<Task> begin = async () => await Storage.BeginTransactionAsync(null!, default);
        Action name = () => _ = new MemoryStorage(null!);

        await query.Should().ThrowAsync<ArgumentNullException>();
        await begin.Should().ThrowAsync<ArgumentNullException>();
        name.Should().Throw<ArgumentNullException>();
        _memory.Name.Should().Be("test");
    }

    [Fact]
    public async Task A_cancelled_token_is_honoured()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Func<Task> find = async () => await Storage.FindEventAsync(new EventId("e"), cts.Token);
        Func<Task> query = async () => await Storage.QueryEventsAsync(new EventQuery(), cts.Token);

        await find.Should().ThrowAsync<OperationCanceledException>();
        await query.Should().ThrowAsync<OperationCanceledException>();
    }

    // ------------------------------------------------------------------ thread safety

    [Fact]
    public async Task Readers_during_concurrent_commits_see_whole_transactions_and_never_fail()
    {
        // Long spans (over 35 days) and short ones are kept apart in an index, so every result merges both; a writer
        // keeps deleting and re-inserting short events.
        for (int i = 0; i < 20; i++)
        {
            await InsertAsync(Event($"long{i:00}", attendees: Bob), Span(-60 * 24 * 40 + i, 60 * 24 * 80));
        }
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));
        int reads = 0;

        Task writer = Task.Run(async () =>
        {
            int n = 0;
            while (!stop.IsCancellationRequested)
            {
                string id = $"short{n++ % 50:00}";
                await using IStorageTransaction tx = await Storage.BeginTransactionAsync([Bob], default);
                if (!await tx.DeleteEventAsync(new EventId(id), 1, default))
                {
                    await tx.InsertEventAsync(Event(id, attendees: Bob), Span(n % 30, 15), default);
                }
                await tx.CommitAsync(default);
            }
        });
        Task[] readers = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            // Under a loaded thread pool a reader may start late: each reads at least once, then until the stop.
            bool first = true;
            while (first || !stop.IsCancellationRequested)
            {
                first = false;
                try
                {
                    IReadOnlyList<CalendarEvent> found = await Storage.QueryEventsAsync(new EventQuery { Window = Span(0, 60), Attendee = Bob }, default);
                    found.Count(e => e.Id.Value.StartsWith("long", StringComparison.Ordinal)).Should().Be(20);
                }
                catch
                {
                    await stop.CancelAsync();
                    throw;
                }
                Interlocked.Increment(ref reads);
            }
        }))];

        await Task.WhenAll([writer, .. readers]);
        reads.Should().BeGreaterThan(0);
    }
}
