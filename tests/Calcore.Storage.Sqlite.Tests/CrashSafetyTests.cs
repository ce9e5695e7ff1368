using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Events;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>A writer process killed with SIGKILL at random moments: every reported commit survives, nothing is half-written.</summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = TempFolder.Create("crash");

    /// <summary>How many times a writer is killed: every run kills this many, however long it takes.</summary>
    private const int Kills = 18;

    /// <summary>Only a guard against a hang (a writer that never starts, a kill that never completes), far above any normal run.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

    public void Dispose() => TempFolder.Delete(_folder);

    [Fact]
    public async Task A_writer_killed_at_random_moments_loses_no_committed_write_and_leaves_nothing_half_written()
    {
        string db = Path.Combine(_folder, "crash.db");
        new SqliteStorage(db).Dispose();
        var random = new Random(20261122);
        var committed = new Dictionary<string, long>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        int writes = 0;
        // A fixed number of kills, however long they take on a busy machine; the time is only a guard against a hang.
        for (int kills = 0; kills < Kills; kills++)
        {
            clock.Elapsed.Should().BeLessThan(HangGuard, $"the test hangs: {kills} of {Kills} kills done (stderr of the last writer is in the output)");
            using ChildProcess child = ChildProcess.Start("write", db, kills.ToString(System.Globalization.CultureInfo.InvariantCulture));
            string? first = await child.ReadLineAsync(HangGuard);
            first.Should().NotBeNull($"the writer starts writing (stderr: {child.Errors})");
            var lines = new List<string> { first! };
            await Task.Delay(random.Next(10, 300));
            child.KillHard();
            lines.AddRange(child.Drain());
            foreach (string line in lines)
            {
                string[] parts = line.Split(' ');
                parts[0].Should().Be("W", line);
                long version = long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
                committed[parts[1]] = Math.Max(version, committed.GetValueOrDefault(parts[1]));
                writes++;
            }
            await VerifyAsync(db, committed);
        }
        output.WriteLine($"{Kills} kills, {writes} reported writes, {committed.Count} events, {clock.Elapsed.TotalSeconds:F1} s");
        committed.Should().NotBeEmpty("the writers reported commits");
    }

    private static async Task VerifyAsync(string db, Dictionary<string, long> committed)
    {
        using (var storage = new SqliteStorage(db))
        {
            foreach ((string id, long version) in committed)
            {
                CalendarEvent? e = await storage.FindEventAsync(new EventId(id), default);
                e.Should().NotBeNull($"event {id} was reported committed");
                e!.Version.Should().BeGreaterThanOrEqualTo(version, $"version {version} of {id} was reported committed");
            }
            var all = await storage.QueryEventsAsync(new EventQuery(), default);
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
            await connection.OpenAsync();
            Scalar(connection, "PRAGMA integrity_check").Should().Be("ok");
            Scalar(connection, "SELECT count(*) FROM event_attendees x WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.seq = x.event_seq)").Should().Be("0", "no attendee row outlives its event");
            var rows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            using (SqliteCommand command = connection.CreateCommand())
            {
                command.CommandText = "SELECT e.id, x.attendee_id, x.span_start = e.span_start AND x.span_end IS e.span_end AND x.bucket = e.bucket FROM event_attendees x JOIN events e ON e.seq = x.event_seq";
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    reader.GetBoolean(2).Should().BeTrue("an attendee row carries its event's span");
                    (rows.TryGetValue(reader.GetString(0), out var list) ? list : rows[reader.GetString(0)] = []).Add(reader.GetString(1));
                }
            }
            all.Count.Should().Be(int.Parse(Scalar(connection, "SELECT count(*) FROM events"), System.Globalization.CultureInfo.InvariantCulture));
            foreach (CalendarEvent e in all)
            {
                rows.GetValueOrDefault(e.Id.Value, []).Should().BeEquivalentTo(e.Commitments.Select(c => c.AttendeeId.Value),
                    $"the attendee index of {e.Id} matches its commitments");
            }
        }
        SqliteConnection.ClearAllPools();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
