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

/// <summary>MemoryStorage through the IStorage contract.</summary>
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

    // ------------------------------------------------------------------ transactions

    [Fact]
    public async Task Uncommitted_writes_are_invisible_to_other_readers_and_visible_inside()
    {
        await using IStorageTransaction tx = await Storage.BeginTransactionAsync([Bob], default);
        await tx.InsertEventAsync(Event("e", attendees: Bob), Span(0, 60), default);

        (await Storage.FindEventAsync(new EventId("e"), default)).Should().BeNull();
        (await QueryAsync(new Interval(null, null))).Should().BeEmpty();
        (await QueryAsync(new Interval(null, null), Bob)).Should().BeEmpty();
        _memory.Count.Should().Be(0);

        (await tx.FindEventAsync(new EventId("e"), default)).Should().NotBeNull();
        (await tx.QueryEventsAsync(new EventQuery { Attendee = Bob }, default)).Select(e => e.Id.Value).Should().Equal("e");

        await tx.CommitAsync(default);

        (await Storage.FindEventAsync(new EventId("e"), default)).Should().NotBeNull();
        (await QueryAsync(new Interval(null, null), Bob)).Should().Equal("e");
        _memory.Count.Should().Be(1);
    }

    [Fact]
    public async Task Disposing_without_commit_rolls_back_every_write()
    {
        await InsertAsync(Event("keep"), Span(0, 60));
        await InsertAsync(Event("change"), Span(0, 60));

        await using (IStorageTransaction tx = await Storage.BeginTransactionAsync([], default))
        {
            await tx.InsertEventAsync(Event("new"), Span(0, 60), default);
            (await tx.ReplaceEventAsync(Event("change", 2), Span(120, 60), 1, default)).Should().BeTrue();
            (await tx.DeleteEventAsync(new EventId("keep"), 1, default)).Should().BeTrue();
            (await tx.FindEventAsync(new EventId("keep"), default)).Should().BeNull("the transaction sees its own delete");
        }

        (await Storage.FindEventAsync(new EventId("new"), default)).Should().BeNull();
        (await Storage.FindEventAsync(new EventId("keep"), default)).Should().NotBeNull();
        (await Storage.FindEventAsync(new EventId("change"), default))!.Version.Should().Be(1);
        (await QueryAsync(Span(0, 60))).Should().Equal("change", "keep");
    }

    [Fact]
    public async Task A_transaction_sees_its_own_replacements_and_deletes_in_queries()
    {
        await InsertAsync(Event("a", attendees: Bob), Span(0, 60));
        await InsertAsync(Event("b", attendees: Bob), Span(30, 60));
        await InsertAsync(Event("c", attendees: Bob), Span(300, 60));

        await using IStorageTransaction tx = await Storage.BeginTransactionAsync([Bob], default);
        (await tx.ReplaceEventAsync(Event("c", 2, attendees: Bob), Span(-30, 60), 1, default)).Should().BeTrue("moved into the window, first");
        (await tx.ReplaceEventAsync(Event("a", 2, attendees: Alice), Span(0, 60), 1, default)).Should().BeTrue("bob removed from a");
        (await tx.DeleteEventAsync(new EventId("b"), 1, default)).Should().BeTrue();
        await tx.InsertEventAsync(Event("d", attendees: Bob), Span(10, 60), default);

        IReadOnlyList<CalendarEvent> inside = await tx.QueryEventsAsync(new EventQuery { Window = Span(0, 120), Attendee = Bob }, default);
        inside.Select(e => e.Id.Value).Should().Equal("c", "d");
        inside[0].Version.Should().Be(2);
        (await QueryAsync(Span(0, 120), Bob)).Should().Equal(new[] { "a", "b" }, "the committed state is unchanged");

        await tx.CommitAsync(default);

        (await QueryAsync(Span(0, 120), Bob)).Should().Equal("c", "d");
        (await QueryAsync(Span(0, 120), Alice)).Should().Equal("a");
        (await QueryAsync(Span(300, 60))).Should().BeEmpty("c moved away from its old span");
    }

    [Fact]
    public async Task Transactions_run_one_after_another()
    {
        IStorageTransaction first = await Storage.BeginTransactionAsync([Bob], default);
        Task<IStorageTransaction> second = Storage.BeginTransactionAsync([Bob], default).AsTask();

        await Task.Delay(50);
        second.IsCompleted.Should().BeFalse("the second transaction waits for the first");
        await first.InsertEventAsync(Event("e", attendees: Bob), Span(0, 60), default);
        await first.CommitAsync(default);
        await first.DisposeAsync();

        await using IStorageTransaction tx2 = await second.WaitAsync(TimeSpan.FromSeconds(5));
        (await tx2.FindEventAsync(new EventId("e"), default)).Should().NotBeNull("it starts after the first committed");
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
    public async Task A_finished_transaction_refuses_further_use()
    {
        IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        await tx.CommitAsync(default);

        Func<Task> find = async () => await tx.FindEventAsync(new EventId("e"), default);
        Func<Task> insert = async () => await tx.InsertEventAsync(Event("e"), Span(0, 60), default);
        Func<Task> commit = async () => await tx.CommitAsync(default);

        await find.Should().ThrowAsync<InvalidOperationException>();
        await insert.Should().ThrowAsync<InvalidOperationException>();
        await commit.Should().ThrowAsync<InvalidOperationException>();
        await tx.DisposeAsync(); // disposing after commit is harmless

        await using IStorageTransaction next = await Storage.BeginTransactionAsync([], default).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        (await next.FindEventAsync(new EventId("e"), default)).Should().BeNull();
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

    // ------------------------------------------------------------------ conditional writes and keys

    [Fact]
    public async Task Replace_and_delete_apply_only_at_the_expected_version()
    {
        await InsertAsync(Event("e"), Span(0, 60));

        await using IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        (await tx.ReplaceEventAsync(Event("e", 2), Span(0, 60), expectedVersion: 2, default)).Should().BeFalse();
        (await tx.DeleteEventAsync(new EventId("e"), expectedVersion: 3, default)).Should().BeFalse();
        (await tx.ReplaceEventAsync(Event("missing", 2), Span(0, 60), 1, default)).Should().BeFalse();
        (await tx.DeleteEventAsync(new EventId("missing"), 1, default)).Should().BeFalse();
        (await tx.FindEventAsync(new EventId("e"), default))!.Version.Should().Be(1, "a refused write changes nothing");

        (await tx.ReplaceEventAsync(Event("e", 2), Span(0, 60), expectedVersion: 1, default)).Should().BeTrue();
        (await tx.DeleteEventAsync(new EventId("e"), expectedVersion: 1, default)).Should().BeFalse("the transaction's own replace made it version 2");
        (await tx.DeleteEventAsync(new EventId("e"), expectedVersion: 2, default)).Should().BeTrue();
        (await tx.ReplaceEventAsync(Event("e", 3), Span(0, 60), 2, default)).Should().BeFalse("it is deleted");
        await tx.CommitAsync(default);

        (await Storage.FindEventAsync(new EventId("e"), default)).Should().BeNull();
    }

    [Fact]
    public async Task Inserting_an_existing_id_is_a_duplicate_key_error()
    {
        await InsertAsync(Event("e"), Span(0, 60));

        await using IStorageTransaction tx = await Storage.BeginTransactionAsync([], default);
        Func<Task> committed = async () => await tx.InsertEventAsync(Event("e"), Span(0, 60), default);
        await tx.InsertEventAsync(Event("f"), Span(0, 60), default);
        Func<Task> pending = async () => await tx.InsertEventAsync(Event("f"), Span(0, 60), default);

        (await committed.Should().ThrowAsync<CalcoreStorageException>()).Which.Code.Should().Be(StorageErrorCode.DuplicateKey);
        (await pending.Should().ThrowAsync<CalcoreStorageException>()).Which.Code.Should().Be(StorageErrorCode.DuplicateKey);
    }

    [Fact]
    public async Task An_id_deleted_in_a_transaction_can_be_inserted_again_in_it()
    {
        await InsertAsync(Event("e", 4), Span(0, 60));

        await using (IStorageTransaction tx = await Storage.BeginTransactionAsync([], default))
        {
            (await tx.DeleteEventAsync(new EventId("e"), 4, default)).Should().BeTrue();
            await tx.InsertEventAsync(Event("e", 1), Span(600, 60), default);
            await tx.CommitAsync(default);
        }

        (await Storage.FindEventAsync(new EventId("e"), default))!.Version.Should().Be(1);
        (await QueryAsync(Span(0, 60))).Should().BeEmpty();
        (await QueryAsync(Span(600, 60))).Should().Equal("e");
    }

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

    // ------------------------------------------------------------------ queries

    [Fact]
    public async Task Queries_narrow_by_attendee_and_organizer()
    {
        await InsertAsync(Event("bob-org", organizer: Bob, attendees: Bob), Span(0, 60));
        await InsertAsync(Event("bob-invited", organizer: Alice, attendees: [Alice, Bob]), Span(0, 60));
        await InsertAsync(Event("alice", organizer: Alice, attendees: Alice), Span(0, 60));
        await InsertAsync(Event("nobody"), Span(0, 60));
        var all = new Interval(null, null);

        (await QueryAsync(all)).Should().Equal("alice", "bob-invited", "bob-org", "nobody");
        (await QueryAsync(all, attendee: Bob)).Should().Equal("bob-invited", "bob-org");
        (await QueryAsync(all, organizer: Alice)).Should().Equal("alice", "bob-invited");
        (await QueryAsync(all, attendee: Bob, organizer: Alice)).Should().Equal("bob-invited");
        (await QueryAsync(all, attendee: new AttendeeId("nobody"))).Should().BeEmpty();
        (await QueryAsync(all, organizer: new AttendeeId("nobody"))).Should().BeEmpty();
    }

    [Fact]
    public async Task Query_results_are_ordered_by_span_start_then_id_across_span_lengths()
    {
        // Inserted in scrambled order, with lengths that fall in every index bucket.
        (string Id, int Start, int Length)[] spans =
        [
            ("k", 0, 60 * 24 * 100), ("b", 30, 10), ("a", 30, 60 * 24 * 8), ("c", 30, 60 * 5),
            ("z", -60 * 24 * 40, 60 * 24 * 50), ("m", 0, 0), ("d", 5, 60 * 24 * 2), ("A", 30, 1),
        ];
        foreach ((string id, int start, int length) in spans)
        {
            await InsertAsync(Event(id, attendees: Bob), Span(start, length));
        }
        await InsertAsync(Event("open", attendees: Bob), new Interval(T0 + Duration.FromMinutes(20), null));

        string[] expected = ["z", "k", "m", "d", "open", "A", "a", "b", "c"];
        (await QueryAsync(Span(0, 60))).Should().Equal(expected);
        (await QueryAsync(Span(0, 60), Bob)).Should().Equal(expected);

        await using IStorageTransaction tx = await Storage.BeginTransactionAsync([Bob], default);
        await tx.InsertEventAsync(Event("B", attendees: Bob), Span(30, 2), default);
        (await tx.QueryEventsAsync(new EventQuery { Window = Span(0, 60), Attendee = Bob }, default)).Select(e => e.Id.Value)
            .Should().Equal(["z", "k", "m", "d", "open", "A", "B", "a", "b", "c"]);
    }

    public static TheoryData<long> SpanLengthsInTicks => new()
    {
        Duration.FromTicks(1).BclCompatibleTicks,
        Duration.FromHours(1).BclCompatibleTicks,
        (Duration.FromHours(1) + Duration.FromTicks(1)).BclCompatibleTicks,
        Duration.FromDays(1).BclCompatibleTicks,
        (Duration.FromDays(1) + Duration.FromTicks(1)).BclCompatibleTicks,
        Duration.FromDays(7).BclCompatibleTicks,
        (Duration.FromDays(7) + Duration.FromTicks(1)).BclCompatibleTicks,
        Duration.FromDays(35).BclCompatibleTicks,
        (Duration.FromDays(35) + Duration.FromTicks(1)).BclCompatibleTicks,
        Duration.FromDays(3650).BclCompatibleTicks,
    };

    [Theory]
    [MemberData(nameof(SpanLengthsInTicks))]
    public async Task A_span_of_any_length_is_found_by_a_window_that_meets_only_its_last_tick(long lengthTicks)
    {
        Duration length = Duration.FromTicks(lengthTicks);
        var span = new Interval(T0, T0 + length);
        await InsertAsync(Event("e", attendees: Bob), span);
        Instant end = span.End;

        (await QueryAsync(new Interval(end - Duration.FromTicks(1), end + Duration.FromHours(1)))).Should().Equal("e");
        (await QueryAsync(new Interval(end - Duration.FromTicks(1), end + Duration.FromHours(1)), Bob)).Should().Equal("e");
        (await QueryAsync(new Interval(end, end + Duration.FromDays(400)))).Should().BeEmpty("the span ends where the window starts");
        (await QueryAsync(new Interval(T0 - Duration.FromHours(1), T0))).Should().BeEmpty("the span starts where the window ends");
        (await QueryAsync(new Interval(T0 - Duration.FromHours(1), T0 + Duration.FromTicks(1)))).Should().Equal("e");
    }

    [Fact]
    public async Task An_open_ended_span_is_found_by_any_later_window()
    {
        await InsertAsync(Event("forever", attendees: Bob), new Interval(T0, null));

        (await QueryAsync(new Interval(T0 + Duration.FromDays(365 * 50), T0 + Duration.FromDays(365 * 50 + 1)), Bob)).Should().Equal("forever");
        (await QueryAsync(new Interval(T0, T0 + Duration.FromTicks(1)))).Should().Equal("forever");
        (await QueryAsync(new Interval(Instant.MaxValue - Duration.FromDays(1), null))).Should().Equal("forever");
        (await QueryAsync(new Interval(null, T0))).Should().BeEmpty("it starts at the window's end");
        (await QueryAsync(new Interval(T0 - Duration.FromDays(1), T0))).Should().BeEmpty();
    }

    [Fact]
    public async Task A_zero_length_span_is_found_by_a_window_that_contains_its_instant()
    {
        await InsertAsync(Event("point", attendees: Bob), new Interval(T0, T0));

        (await QueryAsync(new Interval(T0, T0 + Duration.FromMinutes(1)))).Should().Equal("point");
        (await QueryAsync(new Interval(T0 - Duration.FromMinutes(1), T0 + Duration.FromMinutes(1)), Bob)).Should().Equal("point");
        (await QueryAsync(new Interval(T0 - Duration.FromMinutes(1), T0))).Should().BeEmpty();
        (await QueryAsync(new Interval(T0, T0))).Should().BeEmpty("an empty window contains no instant");
        (await QueryAsync(new Interval(null, null))).Should().Equal("point");
    }

    [Fact]
    public async Task Replacing_an_event_reindexes_its_attendees_organizer_and_span()
    {
        await InsertAsync(Event("e", organizer: Bob, attendees: Bob), Span(0, 60));

        await using (IStorageTransaction tx = await Storage.BeginTransactionAsync([Bob, Alice], default))
        {
            (await tx.ReplaceEventAsync(Event("e", 2, organizer: Alice, attendees: Alice), Span(600, 60), 1, default)).Should().BeTrue();
            await tx.CommitAsync(default);
        }

        var all = new Interval(null, null);
        (await QueryAsync(all, attendee: Bob)).Should().BeEmpty();
        (await QueryAsync(all, organizer: Bob)).Should().BeEmpty();
        (await QueryAsync(all, attendee: Alice)).Should().Equal("e");
        (await QueryAsync(all, organizer: Alice)).Should().Equal("e");
        (await QueryAsync(Span(0, 60))).Should().BeEmpty();
        (await QueryAsync(Span(600, 1))).Should().Equal("e");
        _memory.Count.Should().Be(1);
    }

    [Fact]
    public async Task Readers_during_concurrent_commits_see_whole_transactions_and_never_fail()
    {
        // Spans in different index buckets, so every result needs sorting; a writer keeps deleting and re-inserting short events.
        for (int i = 0; i < 20; i++)
        {
            await InsertAsync(Event($"long{i:00}", attendees: Bob), Span(-60 * 24 * 3 + i, 60 * 24 * 6));
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
