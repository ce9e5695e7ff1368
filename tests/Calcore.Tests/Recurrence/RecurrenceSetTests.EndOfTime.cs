using System;
using System.Linq;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

/// <summary>The ends of representable time: a sequence ends there instead of yielding an occurrence that throws, and
/// no query overflows.</summary>
public partial class RecurrenceSetTests
{
    [Fact]
    public void A_sequence_ends_at_the_end_of_representable_time_instead_of_yielding_an_occurrence_that_throws()
    {
        // 9999-12-31 23:30 in New York is 10000-01-01 04:30 UTC, past the end of NodaTime's time line.
        var set = Set("DTSTART;TZID=America/New_York:99991230T233000", "RRULE:FREQ=DAILY");

        var all = set.GetOccurrences().ToList();
        all.Select(o => o.Start).Should().Equal(Instant.FromUtc(9999, 12, 31, 4, 30));
        set.GetOccurrences(new Interval(Instant.FromUtc(9999, 12, 31, 0, 0), null)).Select(o => o.Start).Should().Equal(Instant.FromUtc(9999, 12, 31, 4, 30));
        set.GetLastOccurrence().Should().BeNull("an unbounded set has no last occurrence");
        set.FindOccurrenceByOriginalStart(new LocalDateTime(9999, 12, 31, 23, 30)).Should().BeNull();
        set.FindOccurrenceByOriginalStart(new LocalDateTime(9999, 12, 30, 23, 30))!.Value.Start.Should().Be(Instant.FromUtc(9999, 12, 31, 4, 30));
    }

    [Fact]
    public void Queries_at_the_ends_of_the_time_line_answer_instead_of_overflowing()
    {
        var set = Set("DTSTART:20260101T000000Z", "RRULE:FREQ=DAILY");
        var late = Set("DTSTART:99991230T233000Z", "RRULE:FREQ=DAILY");
        var early = Set("DTSTART:00010101T000000Z", "RRULE:FREQ=DAILY;COUNT=3");

        set.FindOccurrence(Instant.MaxValue).Should().BeNull();
        set.IsOccurrence(Instant.MaxValue).Should().BeFalse();
        set.FindOccurrence(Instant.MinValue).Should().BeNull();
        set.GetFirstOccurrenceAtOrAfter(Instant.MaxValue).Should().BeNull();
        set.GetOccurrences(new Interval(Instant.MaxValue - Duration.FromDays(1), Instant.MaxValue)).Select(o => o.Start).Should().Equal(Instant.FromUtc(9999, 12, 31, 0, 0));
        set.FindOccurrenceByOriginalStart(new LocalDateTime(9999, 12, 31, 23, 30)).Should().BeNull();
        set.FindOccurrenceByOriginalStart(LocalDateTime.MaxIsoValue).Should().BeNull();
        set.FindOccurrenceByOriginalStart(LocalDateTime.MinIsoValue).Should().BeNull();
        late.FindOccurrenceByOriginalStart(new LocalDateTime(9999, 12, 31, 23, 30))!.Value.Start.Should().Be(Instant.FromUtc(9999, 12, 31, 23, 30));
        late.FindOccurrence(Instant.FromUtc(9999, 12, 31, 23, 30))!.Value.LocalStart.Should().Be(new LocalDateTime(9999, 12, 31, 23, 30));
        late.GetOccurrences().Count().Should().Be(2);
        early.FindOccurrenceByOriginalStart(new LocalDateTime(1, 1, 1, 0, 0))!.Value.Start.Should().Be(Instant.FromUtc(1, 1, 1, 0, 0));
        early.GetOccurrences(new Interval(Instant.MinValue, Instant.MinValue + Duration.FromDays(1)), Duration.FromDays(100_000)).Should().BeEmpty();
        early.GetOccurrences(new Interval(Instant.FromUtc(1, 1, 10, 0, 0), Instant.FromUtc(1, 1, 11, 0, 0)), Duration.FromDays(100_000)).Count().Should().Be(3);
        early.GetLastOccurrence()!.Value.Start.Should().Be(Instant.FromUtc(1, 1, 3, 0, 0));
    }

    [Fact]
    public void The_last_occurrence_of_a_set_whose_dtstart_falls_past_the_end_of_time_is_its_last_rdate()
    {
        // 9999-12-31 21:00 in Santiago (UTC-3) is 10000-01-01 UTC: only the RDATE, before DTSTART, can be placed.
        var set = Set("DTSTART;TZID=America/Santiago:99991231T210000", "RDATE;TZID=America/Santiago:99990327T210000");

        set.GetOccurrences().Select(o => o.Start).Should().Equal(Instant.FromUtc(9999, 3, 28, 0, 0));
        set.GetLastOccurrence()!.Value.Start.Should().Be(Instant.FromUtc(9999, 3, 28, 0, 0));
    }

    [Fact]
    public void A_floating_set_placed_where_its_instances_fall_past_the_end_of_time_is_empty()
    {
        var set = Set("DTSTART:99991231T230000", "RRULE:FREQ=HOURLY;COUNT=3");
        var honolulu = Zone("Pacific/Honolulu");

        set.GetOccurrences(honolulu).Should().BeEmpty();
        set.GetLastOccurrence(honolulu).Should().BeNull();
        set.GetOccurrences().Select(o => o.Start).Should().Equal(Instant.FromUtc(9999, 12, 31, 23, 0));
    }

    [Fact]
    public void A_window_bound_a_nanosecond_after_a_second_is_after_it()
    {
        var set = Set("DTSTART:20240101T090000Z", "RRULE:FREQ=DAILY");
        var nine = Instant.FromUtc(2024, 1, 2, 9, 0);

        set.GetFirstOccurrenceAtOrAfter(nine + Duration.Epsilon)!.Value.Start.Should().Be(nine + Duration.FromDays(1));
        set.GetOccurrences(new Interval(nine - Duration.FromHours(1), nine + Duration.Epsilon)).Select(o => o.Start).Should().Equal(nine);
        set.GetOccurrences(new Interval(nine - Duration.FromHours(1), nine)).Should().BeEmpty();
    }
}
