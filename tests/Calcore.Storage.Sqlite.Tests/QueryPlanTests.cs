using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Calcore.Attendees;
using Calcore.Storage.Sqlite.Internal;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit;
using Xunit.Abstractions;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>The storage's own query SQL uses the intended indexes: EXPLAIN QUERY PLAN shows index searches, never a full scan.</summary>
public sealed class QueryPlanTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = TempFolder.Create("plan");

    public void Dispose() => TempFolder.Delete(_folder);

    private static readonly Interval Week = new(Instant.FromUtc(2026, 3, 2, 0, 0), Instant.FromUtc(2026, 3, 9, 0, 0));

    public static TheoryData<string, string> Queries() => new()
    {
        { "attendee", "SEARCH x USING PRIMARY KEY (attendee_id=? AND bucket=? AND span_start" },
        { "organizer", "SEARCH x USING INDEX ix_events_organizer (organizer_id=? AND bucket=? AND span_start" },
        { "all", "SEARCH x USING INDEX ix_events_window (bucket=? AND span_start" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Window_queries_search_their_index_for_every_length_bucket(string scope, string search)
    {
        List<string> plan = Plan(scope);
        output.WriteLine(string.Join(Environment.NewLine, plan));
        plan.Count(l => l.Contains(search, StringComparison.Ordinal))
            .Should().Be(Schema.BucketMaxTicks.Length + 1, "one index range per length bucket");
        plan.Should().NotContain(l => l.Contains("SCAN", StringComparison.Ordinal), "no table or index is scanned in full");
        if (scope == "attendee")
        {
            plan.Count(l => l.Contains("SEARCH e USING INTEGER PRIMARY KEY (rowid=?)", StringComparison.Ordinal))
                .Should().Be(Schema.BucketMaxTicks.Length + 1, "each attendee row finds its event by seq, the table's own key");
        }
    }

    [Fact]
    public void Find_by_id_uses_the_primary_key()
    {
        using SqliteConnection connection = Open();
        List<string> plan = Explain(connection, Schema.FindSql, c => c.Parameters.AddWithValue("@id", "x"));
        plan.Should().ContainSingle().Which.Should().Contain("USING INDEX ix_events_id (id=?)");
    }

    private List<string> Plan(string scope)
    {
        using SqliteConnection connection = Open();
        var query = scope switch
        {
            "attendee" => new EventQuery { Window = Week, Attendee = new AttendeeId("bob") },
            "organizer" => new EventQuery { Window = Week, Organizer = new AttendeeId("bob") },
            _ => new EventQuery { Window = Week },
        };
        using SqliteCommand command = SqliteStorage.CreateQueryCommand(connection, query);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        return Read(command);
    }

    private SqliteConnection Open()
    {
        string path = Path.Combine(_folder, "plan.db");
        new SqliteStorage(path).Dispose();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static List<string> Explain(SqliteConnection connection, string sql, Action<SqliteCommand> bind)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        bind(command);
        return Read(command);
    }

    private static List<string> Read(SqliteCommand command)
    {
        var lines = new List<string>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }
        return lines;
    }
}
