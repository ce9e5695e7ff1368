using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using Calcore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Calcore.Benchmarks.Storage;

/// <summary>
/// The storage benchmarks' data: 1,000,000 events in 2026 across 10,000 attendees (100 of them rooms), a tenth of
/// them weekly series (half bounded with COUNT=26, half open-ended); each event has an organizer and two more
/// attendees, all ACCEPTED. <c>CALCORE_BENCH_SMOKE=1</c> scales everything down to a few hundred events.
/// </summary>
public static class StorageDataset
{
    /// <summary>Bump when the generated data changes, so that a cached file is regenerated.</summary>
    private const int GeneratorVersion = 1;

    /// <summary>Gets a value indicating whether the smoke pass (tiny data) is on.</summary>
    public static bool Smoke { get; } = Environment.GetEnvironmentVariable("CALCORE_BENCH_SMOKE") == "1";

    /// <summary>Gets the number of events.</summary>
    public static int Events { get; } = Smoke ? 400 : 1_000_000;

    /// <summary>Gets the number of attendees.</summary>
    public static int Attendees { get; } = Smoke ? 40 : 10_000;

    /// <summary>Gets the number of rooms among the attendees.</summary>
    public static int Rooms { get; } = Smoke ? 4 : 100;

    /// <summary>Gets the number of events the insert benchmark writes.</summary>
    public static int Inserts { get; } = Smoke ? 300 : 100_000;

    /// <summary>Gets the week the listing benchmark expands (a Monday in June 2026, UTC).</summary>
    public static Interval Week { get; } = new(Instant.FromUtc(2026, 6, 1, 0, 0), Instant.FromUtc(2026, 6, 8, 0, 0));

    public static AttendeeId Person(int i) => new("p" + i.ToString("D5", CultureInfo.InvariantCulture));

    public static AttendeeId Room(int i) => new("room" + i.ToString("D3", CultureInfo.InvariantCulture));

    /// <summary>A manager on a storage, with the rooms registered (AcceptIfPossible), in UTC.</summary>
    public static StorageManager CreateManager(IStorage storage)
    {
        var source = new SimpleAttendeeSource();
        StorageManager manager = StorageManager.CreateBuilder().UseStorage(storage, ownsStorage: true).AddAttendeeSource(source).Build();
        for (int i = 0; i < Rooms; i++)
        {
            source.CreateRoom(Room(i), $"Room {i}", BookingPolicy.AcceptIfPossible);
        }
        return manager;
    }

    /// <summary>Generates events <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 with their spans.</summary>
    public static IEnumerable<(CalendarEvent Event, Interval Span)> Generate(StorageManager manager, int first, int count, string idPrefix = "e")
    {
        var random = new Random(first * 31 + 7);
        Instant created = Instant.FromUtc(2025, 12, 1, 0, 0);
        int people = Attendees - Rooms;
        for (int i = first; i < first + count; i++)
        {
            var start = new LocalDateTime(2026, 1, 5, 8, 0).PlusDays(random.Next(357)).PlusMinutes(30 * random.Next(20));
            bool series = i % 10 == 0;
            var details = new EventDetails(EventTiming.Timed(start, DateTimeZone.Utc, Duration.FromMinutes(30 * (1 + random.Next(3)))))
            {
                Title = "Event " + i.ToString(CultureInfo.InvariantCulture),
                Location = "Building " + random.Next(10).ToString(CultureInfo.InvariantCulture),
                OrganizerId = Person(random.Next(people)),
                Recurrence = series
                    ? [$"RRULE:FREQ=WEEKLY;BYDAY={Day(start.DayOfWeek)}{(i % 20 == 0 ? ";COUNT=26" : "")}"]
                    : [],
            };
            var commitments = new List<Commitment>
            {
                Accepted(details.OrganizerId!.Value, CalendarUserType.Individual, i, 0),
            };
            AttendeeId second = Person(random.Next(people));
            if (second != details.OrganizerId)
            {
                commitments.Add(Accepted(second, CalendarUserType.Individual, i, 1));
            }
            if (random.Next(4) == 0)
            {
                commitments.Add(Accepted(Room(random.Next(Rooms)), CalendarUserType.Room, i, 2));
            }
            else
            {
                AttendeeId third = Person(random.Next(people));
                if (third != details.OrganizerId && third != second)
                {
                    commitments.Add(Accepted(third, CalendarUserType.Individual, i, 2));
                }
            }
            var e = new CalendarEvent(new EventId(idPrefix + i.ToString("D7", CultureInfo.InvariantCulture)), details, commitments, 1, created, created);
            yield return (e, manager.SpanOf(e));
        }
    }

    /// <summary>Inserts generated events through storage transactions of <paramref name="batch"/> events each.</summary>
    public static async Task LoadAsync(StorageManager manager, int first, int count, int batch = 20_000, string idPrefix = "e")
    {
        IStorageTransaction? tx = null;
        int inTx = 0;
        foreach ((CalendarEvent e, Interval span) in Generate(manager, first, count, idPrefix))
        {
            tx ??= await manager.Storage.BeginTransactionAsync([], default);
            await tx.InsertEventAsync(e, span, default);
            if (++inTx == batch)
            {
                await tx.CommitAsync(default);
                await tx.DisposeAsync();
                tx = null;
                inTx = 0;
            }
        }
        if (tx is not null)
        {
            await tx.CommitAsync(default);
            await tx.DisposeAsync();
        }
    }

    /// <summary>The cached SQLite file with the whole dataset, generated on first use (into a temporary name, then renamed).</summary>
    public static string CachedSqliteFile()
    {
        string folder = Path.Combine(Path.GetTempPath(), "calcore-bench");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, FormattableString.Invariant($"sqlite-{Events}-s{SqliteStorage.SchemaVersion}-g{GeneratorVersion}.db"));
        if (File.Exists(path))
        {
            return path;
        }
        string building = path + ".building-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        StorageManager manager = CreateManager(new SqliteStorage(building));
        LoadAsync(manager, 0, Events).GetAwaiter().GetResult();
        manager.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        File.Move(building, path, overwrite: true);
        Console.WriteLine(FormattableString.Invariant($"// generated {Events} events into {path} in {clock.Elapsed.TotalSeconds:F1} s ({new FileInfo(path).Length / 1_048_576} MB)"));
        return path;
    }

    /// <summary>A private copy of the cached file, for benchmarks that write.</summary>
    public static string WritableCopy()
    {
        string source = CachedSqliteFile();
        string copy = Path.Combine(Path.GetTempPath(), "calcore-bench", $"work-{Guid.NewGuid():N}.db");
        File.Copy(source, copy);
        return copy;
    }

    /// <summary>A new, empty SQLite file in the benchmark folder.</summary>
    public static string NewSqliteFile()
    {
        string folder = Path.Combine(Path.GetTempPath(), "calcore-bench");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"empty-{Guid.NewGuid():N}.db");
    }

    /// <summary>Deletes a database file and its WAL companions.</summary>
    public static void DeleteSqliteFile(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (string f in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(f);
        }
    }

    /// <summary>Prints the process's memory after setup (BenchmarkDotNet's MemoryDiagnoser reports allocations per operation, not what the data set occupies).</summary>
    public static void ReportMemory(string what)
    {
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(FormattableString.Invariant($"// memory after setup ({what}): GC heap {heap / 1_048_576} MB, working set {process.WorkingSet64 / 1_048_576} MB"));
    }

    private static Commitment Accepted(AttendeeId attendee, CalendarUserType type, int eventIndex, int n)
        => new(new CommitmentId(FormattableString.Invariant($"c{eventIndex}-{n}")), attendee, type, ParticipationStatus.Accepted, ParticipationRole.RequiredParticipant);

    private static string Day(IsoDayOfWeek d) => d switch
    {
        IsoDayOfWeek.Monday => "MO",
        IsoDayOfWeek.Tuesday => "TU",
        IsoDayOfWeek.Wednesday => "WE",
        IsoDayOfWeek.Thursday => "TH",
        IsoDayOfWeek.Friday => "FR",
        IsoDayOfWeek.Saturday => "SA",
        _ => "SU",
    };
}
