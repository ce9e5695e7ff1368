using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using FluentAssertions;
using Xunit;
using static Calcore.Tests.TestWorld;

namespace Calcore.Tests.Attendees;

/// <summary>DESIGN.md "Rooms decide at once": concurrent invitations of one room can never both be accepted.</summary>
public partial class BookingPolicyTests
{
    private const int Threads = 16;

    /// <summary>Starts <paramref name="count"/> thread-pool tasks that all wait for one gate, then opens it.</summary>
    private static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> body)
    {
        // Nothing here blocks a thread: with xunit running test classes in parallel on two cores, a blocking wait
        // could starve the thread pool that the racing tasks need to start.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int started = 0;
        Task<T>[] tasks = [.. Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            if (System.Threading.Interlocked.Increment(ref started) == count)
            {
                allStarted.SetResult();
            }
            await gate.Task;
            return await body(i);
        }))];
        await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Concurrent_invitations_of_one_room_to_overlapping_meetings_accept_exactly_one()
    {
        for (int round = 0; round < 5; round++)
        {
            await using TestWorld w = TestWorld.Create();
            var meetings = new List<CalendarEvent>();
            for (int i = 0; i < Threads; i++)
            {
                // All overlap 10:30–11:00; starts and lengths differ.
                meetings.Add(await w.CalendarOf(w.Bob).CreateEventAsync(At(2, 10, i, minutes: 60 + i, title: $"m{i}")));
            }

            InvitationResult[] results = await RaceAsync(Threads, i => w.Manager.InviteAsync(meetings[i].Id, [w.Room1.Id]));

            InvitationOutcome[] outcomes = [.. results.Select(r => r.Outcomes.Single())];
            outcomes.Count(o => o.Status == ParticipationStatus.Accepted).Should().Be(1, $"round {round}");
            outcomes.Count(o => o.Status == ParticipationStatus.Declined).Should().Be(Threads - 1, $"round {round}");
            EventId winner = results.Single(r => r.Outcomes[0].Status == ParticipationStatus.Accepted).Event.Id;
            foreach (InvitationOutcome declined in outcomes.Where(o => o.Status == ParticipationStatus.Declined))
            {
                declined.Conflicts.Select(c => c.EventId).Should().Contain(winner);
            }

            IReadOnlyList<CalendarEvent> stored = await w.Manager.GetEventsAsync(new EventListQuery(Days(2, 3)) { Attendee = w.Room1.Id });
            stored.Should().HaveCount(Threads);
            stored.Count(e => e.GetParticipationStatus(w.Room1.Id) == ParticipationStatus.Accepted).Should().Be(1);
            (await w.Manager.GetFreeBusyAsync([w.Room1.Id], Days(2, 3)))[w.Room1.Id].Busy.Should().ContainSingle();
        }
    }

    [Fact]
    public async Task Concurrent_invitations_of_one_room_to_disjoint_meetings_accept_all()
    {
        var meetings = new List<CalendarEvent>();
        for (int i = 0; i < Threads; i++)
        {
            meetings.Add(await _w.CalendarOf(_w.Bob).CreateEventAsync(At(2 + (i / 8), 8 + (i % 8))));
        }

        InvitationResult[] results = await RaceAsync(Threads, i => Manager.InviteAsync(meetings[i].Id, [_w.Room1.Id]));

        results.Should().AllSatisfy(r => r.Outcomes.Single().Status.Should().Be(ParticipationStatus.Accepted));
    }

    [Fact]
    public async Task Concurrent_updates_with_the_same_expected_version_let_exactly_one_win()
    {
        for (int round = 0; round < 3; round++)
        {
            CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10, title: "start"));

            string?[] winners = await RaceAsync(Threads, async i =>
            {
                try
                {
                    CalendarEvent after = (await Manager.UpdateEventAsync(e.Id, e.Details with { Title = $"t{i}" }, e.Version)).Event;
                    after.Version.Should().Be(e.Version + 1);
                    return after.Title;
                }
                catch (ConcurrencyConflictException ex)
                {
                    ex.ExpectedVersion.Should().Be(e.Version);
                    ex.ActualVersion.Should().Be(e.Version + 1);
                    return null;
                }
            });

            winners.Count(t => t is not null).Should().Be(1, $"round {round}");
            CalendarEvent stored = await Manager.GetEventAsync(e.Id);
            stored.Version.Should().Be(e.Version + 1);
            stored.Title.Should().Be(winners.Single(t => t is not null));
        }
    }

    [Fact]
    public async Task Concurrent_invitations_without_versions_lose_no_invitee()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));
        Individual[] people = [.. Enumerable.Range(0, Threads).Select(i => _w.Source.CreateIndividual(new AttendeeId($"p{i}"), $"Person {i}"))];

        await RaceAsync(Threads, i => Manager.InviteAsync(e.Id, [people[i].Id]));

        CalendarEvent stored = await Manager.GetEventAsync(e.Id);
        stored.Commitments.Should().HaveCount(Threads + 1);
        stored.Version.Should().Be(Threads + 1);
    }

    [Fact]
    public async Task Concurrent_creates_with_one_supplied_id_store_exactly_one()
    {
        bool[] created = await RaceAsync(Threads, async i =>
        {
            try
            {
                await Manager.CreateEventAsync(At(2, 10, title: $"t{i}"), new EventId("contested"));
                return true;
            }
            catch (EventAlreadyExistsException ex)
            {
                ex.EventId.Should().Be(new EventId("contested"));
                return false;
            }
        });

        created.Count(c => c).Should().Be(1);
        (await Manager.GetEventsAsync(new EventListQuery(Days(2, 3)))).Should().ContainSingle();
    }
}
