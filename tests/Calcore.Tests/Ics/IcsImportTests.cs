using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Ics;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Ics;

/// <summary>Importing iCalendar into the engine and exporting it: people through the directory, rooms through the
/// booking gate, UIDs and SEQUENCE, the two modes, synchronization, and private events.</summary>
public class IcsImportTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private readonly FakeClock _clock = new(Instant.FromUtc(2025, 12, 15, 0, 0), Duration.Zero);
    private readonly StorageManager _m;

    public IcsImportTests()
    {
        _m = StorageManager.CreateBuilder().UseClock(_clock).Build();
    }

    private async Task DirectoryAsync()
    {
        await _m.SaveAttendeeAsync(new AttendeeRecord(new AttendeeId("ann"), CalendarUserType.Individual, "Ann") { Address = "mailto:ann@example.com" });
        await _m.SaveAttendeeAsync(new AttendeeRecord(new AttendeeId("bob"), CalendarUserType.Individual, "Bob") { Address = "mailto:Bob@Example.com" });
        await _m.SaveAttendeeAsync(new AttendeeRecord(new AttendeeId("board"), CalendarUserType.Room, "Board room", BookingPolicy.AcceptIfPossible) { Address = "mailto:board@example.com" });
    }

    private static string Single(string uid, string start, string summary, int sequence = 0, string people = "", string more = "")
        => "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
            + $"UID:{uid}\r\nDTSTAMP:20251201T120000Z\r\nDTSTART;TZID=Europe/Paris:{start}\r\nDURATION:PT1H\r\nSUMMARY:{summary}\r\nSEQUENCE:{sequence}\r\n{people}{more}"
            + "END:VEVENT\r\nEND:VCALENDAR\r\n";

    [Fact]
    public async Task An_import_resolves_people_by_address_and_books_rooms_through_the_gate()
    {
        await DirectoryAsync();

        IcsImportResult result = await _m.ImportAsync(IcsCalendar.Read(IcsCalendarTests.Weekly).GetValueOrThrow());

        IcsImportItem item = result.Items.Should().ContainSingle().Subject;
        item.Action.Should().Be(IcsImportAction.Created);
        CalendarEvent stored = await _m.GetEventAsync(item.EventId!.Value);
        stored.Uid.Should().Be("weekly-1@example.com");
        stored.Details.OrganizerId.Should().Be(new AttendeeId("ann"));
        stored.Details.Sequence.Should().Be(2);
        stored.GetParticipationStatus(new AttendeeId("bob")).Should().Be(ParticipationStatus.Accepted, "an individual's answer is the file's");
        stored.GetParticipationStatus(new AttendeeId("board")).Should().Be(ParticipationStatus.Accepted, "the gate booked the free room");
        item.Bookings.Should().ContainSingle(b => b.AttendeeId == new AttendeeId("board"));
        stored.Overrides.Should().ContainSingle(o => o.Title == "Weekly sync (moved)" && o.Timing != null);
        (await _m.GetInstancesAsync(stored.Id, new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 4, 1, 0, 0)))).Should().HaveCount(9, "ten instances less one EXDATE");
    }

    [Fact]
    public async Task A_room_the_file_says_accepted_is_declined_by_the_gate_when_it_is_busy()
    {
        await DirectoryAsync();
        await _m.ImportAsync(IcsCalendar.Read(Single("first", "20260105T100000", "First", people: "ATTENDEE;CUTYPE=ROOM;PARTSTAT=ACCEPTED:mailto:board@example.com\r\n")).GetValueOrThrow());

        IcsImportResult second = await _m.ImportAsync(IcsCalendar.Read(Single("second", "20260105T103000", "Second", people: "ATTENDEE;CUTYPE=ROOM;PARTSTAT=ACCEPTED:mailto:board@example.com\r\n")).GetValueOrThrow());

        CalendarEvent stored = await _m.GetEventAsync(second.Items.Single().EventId!.Value);
        stored.GetParticipationStatus(new AttendeeId("board")).Should().Be(ParticipationStatus.Declined);
        second.Items.Single().Bookings.Single().Decision.Conflicts.Should().ContainSingle(c => c.EventId == new EventId("first"));
    }

    [Fact]
    public async Task Unknown_people_are_reported_or_created_and_unknown_rooms_are_never_created()
    {
        string people = "ATTENDEE;CN=Carol:mailto:carol@example.com\r\nATTENDEE;CUTYPE=ROOM:mailto:attic@example.com\r\n";

        IcsImportResult reported = await _m.ImportAsync(IcsCalendar.Read(Single("r", "20260105T100000", "R", people: people)).GetValueOrThrow());
        IcsImportResult created = await _m.ImportAsync(IcsCalendar.Read(Single("c", "20260106T100000", "C", people: people)).GetValueOrThrow(),
            new IcsImportOptions { UnknownAttendees = IcsUnknownAttendees.Create });

        reported.Items.Single().Reason.Should().Contain("carol@example.com").And.Contain("attic@example.com");
        (await _m.GetEventAsync(new EventId("r"))).Commitments.Should().BeEmpty();
        (await _m.GetEventAsync(new EventId("c"))).AttendeeIds.Should().Equal(new AttendeeId("carol@example.com"));
        AttendeeRecord carol = (await _m.FindAttendeeRecordAsync(new AttendeeId("carol@example.com")))!;
        carol.DisplayName.Should().Be("Carol");
        carol.Address.Should().Be("mailto:carol@example.com");
        (await _m.FindAttendeeRecordAsync(new AttendeeId("attic@example.com"))).Should().BeNull();
        created.Items.Single().Reason.Should().Contain("never creates rooms");
    }

    [Fact]
    public async Task The_same_file_again_changes_nothing_an_older_sequence_is_ignored_and_a_newer_one_updates()
    {
        await _m.ImportAsync(IcsCalendar.Read(Single("u", "20260105T100000", "Plan", sequence: 3)).GetValueOrThrow());

        (await _m.ImportAsync(IcsCalendar.Read(Single("u", "20260105T100000", "Plan", sequence: 3)).GetValueOrThrow())).Items.Single().Action.Should().Be(IcsImportAction.Unchanged);
        IcsImportItem older = (await _m.ImportAsync(IcsCalendar.Read(Single("u", "20260105T100000", "Old plan", sequence: 2)).GetValueOrThrow())).Items.Single();
        older.Action.Should().Be(IcsImportAction.Unchanged);
        older.Reason.Should().Contain("SEQUENCE 3 > 2");
        (await _m.ImportAsync(IcsCalendar.Read(Single("u", "20260105T110000", "New plan", sequence: 4)).GetValueOrThrow())).Items.Single().Action.Should().Be(IcsImportAction.Updated);

        CalendarEvent stored = await _m.GetEventAsync(new EventId("u"));
        stored.Details.Title.Should().Be("New plan");
        stored.Details.Timing.Start.Should().Be(new LocalDateTime(2026, 1, 5, 11, 0));
        stored.Version.Should().Be(2);
    }

    [Fact]
    public async Task All_or_nothing_writes_nothing_when_one_event_fails()
    {
        string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
            + "BEGIN:VEVENT\r\nUID:good\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T100000Z\r\nSUMMARY:Good\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:bad\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T120000Z\r\nSUMMARY:Bad\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:orphan\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID:20260106T100000Z\r\nDTSTART:20260106T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        IcsCalendar calendar = IcsCalendar.Read(text).Calendar;
        // The id the UID 'bad' would take belongs to another event (another UID): that item fails.
        await _m.CreateEventAsync(new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 1, 5, 8, 0), DateTimeZone.Utc, Duration.FromHours(1))) { Title = "Mine", Uid = "mine" }, new EventId("bad"));

        IcsImportResult all = await _m.ImportAsync(calendar, new IcsImportOptions { Mode = IcsImportMode.AllOrNothing });

        all.Items.Should().OnlyContain(i => i.Action == IcsImportAction.Failed);
        all.Items.Single(i => i.Uid == "good").Reason.Should().StartWith("Nothing was imported");
        (await _m.FindEventAsync(new EventId("good"))).Should().BeNull();

        IcsImportResult each = await _m.ImportAsync(calendar);
        each.Items.Single(i => i.Uid == "good").Action.Should().Be(IcsImportAction.Created);
        each.Items.Single(i => i.Uid == "orphan").Action.Should().Be(IcsImportAction.Failed);
        each.Items.Single(i => i.Uid == "bad").Reason.Should().Contain("another UID ('mine')");
    }

    [Fact]
    public async Task Synchronizing_deletes_the_events_missing_from_the_file()
    {
        await DirectoryAsync();
        string ann = "ORGANIZER:mailto:ann@example.com\r\n";
        await _m.ImportAsync(IcsCalendar.Read(Single("keep", "20260105T100000", "Keep", people: ann)).GetValueOrThrow());
        await _m.ImportAsync(IcsCalendar.Read(Single("drop", "20260106T100000", "Drop", people: ann)).GetValueOrThrow());

        IcsImportResult sync = await _m.ImportAsync(IcsCalendar.Read(Single("keep", "20260105T100000", "Keep", people: ann)).GetValueOrThrow(),
            new IcsImportOptions { SynchronizeCalendarOf = new AttendeeId("ann") });

        sync.Deleted.Should().Be(1);
        (await _m.FindEventAsync(new EventId("drop"))).Should().BeNull();
        (await _m.FindEventAsync(new EventId("keep"))).Should().NotBeNull();
    }

    [Fact]
    public async Task An_export_imports_into_another_engine_as_the_same_events()
    {
        await DirectoryAsync();
        await _m.ImportAsync(IcsCalendar.Read(IcsCalendarTests.Weekly).GetValueOrThrow());
        var window = new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 6, 1, 0, 0));

        IcsCalendar exported = await _m.ExportAsync([new AttendeeId("ann")], window);
        string text = exported.Write();
        StorageManager other = StorageManager.CreateBuilder().UseClock(_clock).Build();
        await other.SaveAttendeeAsync(new AttendeeRecord(new AttendeeId("board"), CalendarUserType.Room, "Board room") { Address = "mailto:board@example.com" });
        IcsImportResult result = await other.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), new IcsImportOptions { UnknownAttendees = IcsUnknownAttendees.Create });

        result.Failed.Should().Be(0, string.Join("; ", result.Items.Select(i => i.Reason)));
        IReadOnlyList<CalendarEvent> mine = await _m.GetInstancesAsync(new EventId("weekly-1@example.com"), window);
        IReadOnlyList<CalendarEvent> theirs = await other.GetInstancesAsync(new EventId("weekly-1@example.com"), window);
        theirs.Select(i => (i.Timing.ToInterval(Paris), i.Details.Title)).Should().Equal(mine.Select(i => (i.Timing.ToInterval(Paris), i.Details.Title)));
        text.Replace("\r\n ", "", StringComparison.Ordinal).Should().Contain("ATTENDEE;CN=Board room;CUTYPE=ROOM;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:board@example.com");
    }

    [Fact]
    public async Task A_private_event_is_exported_as_busy_time_to_someone_not_on_it()
    {
        await DirectoryAsync();
        await _m.ImportAsync(IcsCalendar.Read(Single("p", "20260105T100000", "Doctor", people: "ORGANIZER:mailto:ann@example.com\r\n", more: "CLASS:PRIVATE\r\nLOCATION:Clinic\r\n")).GetValueOrThrow());
        var window = new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 2, 1, 0, 0));

        IcsEvent seenByBob = (await _m.ExportAsync([new AttendeeId("ann")], window, viewer: new AttendeeId("bob"))).Events.Single();
        IcsEvent seenByAnn = (await _m.ExportAsync([new AttendeeId("ann")], window, viewer: new AttendeeId("ann"))).Events.Single();

        seenByBob.Details.Title.Should().Be("Busy");
        seenByBob.Details.Location.Should().BeEmpty();
        seenByBob.Attendees.Should().BeEmpty();
        seenByAnn.Details.Title.Should().Be("Doctor");
        (await _m.ExportAsync([new AttendeeId("ann")], window, new SearchCriteria { Categories = ["none"] })).Events.Should().BeEmpty();
    }

    [Fact]
    public async Task A_stream_import_reports_progress_and_stops_when_cancelled()
    {
        var text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n");
        for (int i = 0; i < 50; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"BEGIN:VEVENT\r\nUID:e{i}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:202601{1 + (i % 28):00}T100000Z\r\nSUMMARY:E{i}\r\nEND:VEVENT\r\n");
        }
        text.Append("END:VCALENDAR\r\n");
        var reports = new List<IcsImportProgress>();

        IcsImportResult result = await _m.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), progress: new SyncProgress(reports.Add));

        result.Created.Should().Be(50);
        reports.Should().HaveCount(50);
        reports[^1].Should().Be(new IcsImportProgress(50, 50));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await FluentActions.Awaiting(() => _m.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), cancellationToken: cancelled.Token))
            .Should().ThrowAsync<OperationCanceledException>();
    }

    /// <summary>Reports synchronously (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<IcsImportProgress> report) : IProgress<IcsImportProgress>
    {
        public void Report(IcsImportProgress value) => report(value);
    }
}
