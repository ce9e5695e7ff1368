using System;
using System.IO;
using System.Linq;
using System.Text;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Ics;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Ics;

/// <summary>Reading VEVENTs as <see cref="IcsEvent"/>s and writing them back.</summary>
public class IcsCalendarTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    internal const string Weekly = """
        BEGIN:VCALENDAR
        PRODID:-//Google Inc//Google Calendar 70.9054//EN
        VERSION:2.0
        X-WR-CALNAME:Team
        BEGIN:VTIMEZONE
        TZID:Europe/Paris
        BEGIN:STANDARD
        DTSTART:19701025T030000
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:19700329T020000
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        END:VTIMEZONE
        BEGIN:VEVENT
        DTSTART;TZID=Europe/Paris:20260105T100000
        DTEND;TZID=Europe/Paris:20260105T110000
        RRULE:FREQ=WEEKLY;COUNT=10
        EXDATE;TZID=Europe/Paris:20260112T100000
        DTSTAMP:20251201T120000Z
        UID:weekly-1@example.com
        ORGANIZER;CN=Ann:mailto:ann@example.com
        ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Bob;X-NUM-GUESTS=0:mailto:bob@example.com
        ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Board room:mailto:board@example.com
        SUMMARY:Weekly sync\, team
        DESCRIPTION:Line one\nLine two
        LOCATION:Board room
        SEQUENCE:2
        X-GOOGLE-CONFERENCE:https://meet.example.com/abc
        COLOR:teal
        BEGIN:VALARM
        ACTION:DISPLAY
        TRIGGER:-PT10M
        DESCRIPTION:Reminder
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;TZID=Europe/Paris:20260120T150000
        DTEND;TZID=Europe/Paris:20260120T160000
        DTSTAMP:20251201T120000Z
        UID:weekly-1@example.com
        RECURRENCE-ID;TZID=Europe/Paris:20260119T100000
        SUMMARY:Weekly sync (moved)
        SEQUENCE:2
        END:VEVENT
        END:VCALENDAR
        """;

    [Fact]
    public void A_series_reads_with_its_zone_recurrence_people_and_what_the_engine_does_not_model()
    {
        IcsCalendarReadResult result = IcsCalendar.Read(Weekly);

        result.HasErrors.Should().BeFalse(string.Join("; ", result.Diagnostics));
        IcsEvent series = result.Calendar.Events[0];
        series.Uid.Should().Be("weekly-1@example.com");
        series.Sequence.Should().Be(2);
        series.Details.Timing.Should().Be(EventTiming.Timed(new LocalDateTime(2026, 1, 5, 10, 0), Paris, Duration.FromHours(1)));
        series.Details.Title.Should().Be("Weekly sync, team");
        series.Details.Description.Should().Be("Line one\nLine two");
        series.Details.Recurrence.Should().Equal("RRULE:FREQ=WEEKLY;COUNT=10", "EXDATE:20260112T090000Z");
        series.Organizer!.Email.Should().Be("ann@example.com");
        series.Attendees.Select(a => (a.Email, a.Type, a.Status)).Should().Equal(
            ("bob@example.com", CalendarUserType.Individual, ParticipationStatus.Accepted),
            ("board@example.com", CalendarUserType.Room, ParticipationStatus.Accepted));
        series.Attendees[0].OtherParameters.Should().ContainSingle(p => p.Name == "X-NUM-GUESTS");
        series.OtherProperties.Select(p => p.Name).Should().Equal("X-GOOGLE-CONFERENCE", "COLOR");
        series.Alarms.Should().ContainSingle(a => a.Name == "VALARM");
        result.Calendar.Properties.Should().ContainSingle(p => p.Name == "X-WR-CALNAME");

        IcsEvent moved = result.Calendar.Events[1];
        moved.RecurrenceId.Should().Be(OriginalStart.FromInstant(Instant.FromUtc(2026, 1, 19, 9, 0)));
        moved.Details.Timing.Start.Should().Be(new LocalDateTime(2026, 1, 20, 15, 0));
    }

    [Fact]
    public void A_time_in_a_zone_nobody_defines_is_never_read_as_UTC()
    {
        const string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Nowhere/Atlantis:20260105T100000\r\nSUMMARY:Lost\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        IcsCalendarReadResult result = IcsCalendar.Read(text);

        result.Calendar.Events.Should().BeEmpty();
        result.Diagnostics.Should().Contain(d => d.Severity == IcsSeverity.Error && d.Message.Contains("Nowhere/Atlantis", StringComparison.Ordinal));
    }

    [Fact]
    public void Written_events_read_back_equal_and_write_the_same_text_again()
    {
        IcsCalendar calendar = IcsCalendar.Read(Weekly).GetValueOrThrow();

        string written = calendar.Write();
        IcsCalendar again = IcsCalendar.Read(written).GetValueOrThrow();

        again.Events.Should().Equal(calendar.Events);
        again.Write().Should().Be(written);
        written.Should().Contain("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n").And.Contain("DTSTART;TZID=Europe/Paris:20260105T100000\r\n")
            .And.Contain("RECURRENCE-ID;TZID=Europe/Paris:20260119T100000\r\n").And.StartWith("BEGIN:VCALENDAR\r\nPRODID:" + IcsCalendar.ProductId);
    }

    [Fact]
    public void All_day_and_floating_events_keep_their_forms()
    {
        const string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
            + "BEGIN:VEVENT\r\nUID:d\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260301\r\nDTEND;VALUE=DATE:20260304\r\nSUMMARY:Trip\r\nEND:VEVENT\r\n"
            + "BEGIN:VEVENT\r\nUID:f\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260302T090000\r\nDURATION:PT30M\r\nSUMMARY:Local\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        IcsCalendar calendar = IcsCalendar.Read(text).GetValueOrThrow();

        calendar.Events[0].Details.Timing.Should().Be(EventTiming.AllDay(new LocalDate(2026, 3, 1), 3));
        calendar.Events[1].Details.Timing.Should().Be(EventTiming.Timed(new LocalDateTime(2026, 3, 2, 9, 0), null, Duration.FromMinutes(30)));
        string written = calendar.Write();
        written.Should().Contain("DTSTART;VALUE=DATE:20260301\r\nDTEND;VALUE=DATE:20260304\r\n").And.Contain("DTSTART:20260302T090000\r\nDTEND:20260302T093000\r\n");
        written.Should().NotContain("VTIMEZONE");
    }

    [Fact]
    public void A_stream_with_a_fold_inside_a_multibyte_character_reads_the_character()
    {
        byte[] head = Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260105T100000Z\r\nSUMMARY:Caf");
        byte[] e = Encoding.UTF8.GetBytes("é");
        byte[] tail = Encoding.UTF8.GetBytes(" au lait\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        byte[] bytes = [.. head, e[0], .. "\r\n "u8.ToArray(), e[1], .. tail];

        IcsCalendar calendar = IcsCalendar.Read(new MemoryStream(bytes)).GetValueOrThrow();

        calendar.Events.Single().Details.Title.Should().Be("Café au lait");
    }

    [Fact]
    public void A_truncated_file_keeps_the_events_before_the_damage()
    {
        string text = Weekly[..Weekly.IndexOf("RECURRENCE-ID", StringComparison.Ordinal)];

        IcsCalendarReadResult result = IcsCalendar.Read(text);

        result.Calendar.Events.Should().ContainSingle(e => e.Uid == "weekly-1@example.com" && e.RecurrenceId == null);
        result.HasErrors.Should().BeTrue();
        FluentActions.Invoking(() => IcsCalendar.Read(text).GetValueOrThrow()).Should().Throw<IcsParseException>();
    }
}
