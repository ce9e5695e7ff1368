using System;
using System.Collections.Generic;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage.Specification.Tests;
using Calcore.Storage.Sqlite.Internal;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>The on-disk snapshot format 1 is a contract: these strings are what files written today contain.</summary>
public sealed class SnapshotJsonTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    private const string Format1 =
        """{"format":1,"details":{"timing":{"kind":"zoned","start":"2026-10-25T02:30:00","zone":"Europe/Paris","offsetSeconds":3600,"duration":"0:01:00:00"},"title":"Standup","description":"","location":"Room 1","status":"TENTATIVE","transparency":"OPAQUE","class":"PRIVATE","categories":["work"],"organizer":"alice","uid":"u1","recurrence":["RRULE:FREQ=DAILY;COUNT=3"]},"commitments":[{"id":"c-alice","attendee":"alice","type":"INDIVIDUAL","status":"ACCEPTED","role":"CHAIR","effectiveStart":"2026-01-01T00:00:00Z"}],"created":"2026-01-01T09:00:00Z","updated":"2026-01-01T09:00:00Z","overrides":[{"originalStart":"20261026T013000Z","cancelled":true},{"originalStart":"20261027T013000Z","title":"Moved","timing":{"kind":"allDay","date":"2026-10-27","days":1},"participation":{"alice":"DECLINED"}}],"splitFrom":"old"}""";

    private static CalendarEvent Sample()
    {
        var details = new EventDetails(EventTiming.Timed(new LocalDateTime(2026, 10, 25, 2, 30).InZone(Paris, m => m.Last()), Duration.FromHours(1)))
        {
            Title = "Standup",
            Location = "Room 1",
            Status = EventStatus.Tentative,
            AccessClass = AccessClass.Private,
            Categories = ["work"],
            OrganizerId = new AttendeeId("alice"),
            Uid = "u1",
            Recurrence = ["RRULE:FREQ=DAILY;COUNT=3"],
        };
        return new CalendarEvent(new EventId("s1"), details,
            [Snapshots.Commitment("alice", ParticipationStatus.Accepted, ParticipationRole.Chair) with { EffectiveStart = Instant.FromUtc(2026, 1, 1, 0, 0) }],
            4, Snapshots.Created, Snapshots.Created,
            [
                new InstanceOverride(OriginalStart.FromInstant(Instant.FromUtc(2026, 10, 26, 1, 30))) { IsCancelled = true },
                new InstanceOverride(OriginalStart.FromInstant(Instant.FromUtc(2026, 10, 27, 1, 30)))
                {
                    Title = "Moved",
                    Timing = EventTiming.AllDay(new LocalDate(2026, 10, 27)),
                    Participation = new Dictionary<AttendeeId, ParticipationStatus> { [new AttendeeId("alice")] = ParticipationStatus.Declined },
                },
            ],
            new EventId("old"));
    }

    [Fact]
    public void Writes_format_1_exactly()
    {
        SnapshotJson.Write(Sample()).Should().Be(Format1);
    }

    [Fact]
    public void Reads_format_1()
    {
        SnapshotJson.Read("s1", 4, Format1).ShouldBeSameSnapshot(Sample());
    }

    [Fact]
    public void Refuses_a_newer_format()
    {
        Action read = () => SnapshotJson.Read("s1", 4, Format1.Replace("\"format\":1", "\"format\":2", StringComparison.Ordinal));
        read.Should().Throw<FormatException>().WithMessage("*format 2*");
    }

    [Fact]
    public void Reads_properties_in_any_order_and_skips_unknown_ones()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(Format1);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("future");
            w.WriteNumber("x", 1);
            w.WriteStartArray("y");
            w.WriteEndArray();
            w.WriteEndObject();
            foreach (System.Text.Json.JsonProperty p in System.Linq.Enumerable.Reverse(System.Linq.Enumerable.ToList(doc.RootElement.EnumerateObject())))
            {
                p.WriteTo(w);
            }
            w.WriteEndObject();
        }
        SnapshotJson.Read("s1", 4, buffer.WrittenSpan).ShouldBeSameSnapshot(Sample());
    }

    [Fact]
    public void A_missing_property_or_unknown_name_is_a_format_error_and_bad_json_a_json_error()
    {
        Action missing = () => SnapshotJson.Read("s1", 4, Format1.Replace("\"title\":", "\"heading\":", StringComparison.Ordinal));
        missing.Should().Throw<FormatException>().WithMessage("*'title'*");
        Action unknown = () => SnapshotJson.Read("s1", 4, Format1.Replace("\"OPAQUE\"", "\"MAYBE\"", StringComparison.Ordinal));
        unknown.Should().Throw<FormatException>().WithMessage("*MAYBE*");
        Action broken = () => SnapshotJson.Read("s1", 4, Format1[..^3]);
        broken.Should().Throw<System.Text.Json.JsonException>();
    }
}
