using System;
using System.Linq;
using Calcore.Recurrence;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Recurrence;

public class OccurrenceSequenceTests
{
    [Fact]
    public void Foreach_allocates_nothing_per_occurrence()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];
        var set = RecurrenceSet.Create(new LocalDateTime(2025, 1, 6, 9, 0), zone, [RecurrenceRule.Parse("FREQ=DAILY")]);
        var window = new Interval(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2035, 1, 1, 0, 0));
        int Count()
        {
            int n = 0;
            foreach (var o in set.GetOccurrences(window))
            {
                n++;
            }
            return n;
        }
        Count(); // warm up the per-thread pool
        long before = GC.GetAllocatedBytesForCurrentThread();
        int count = Count();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        count.Should().BeGreaterThan(3600);
        allocated.Should().BeLessThan(16L * count);
        allocated.Should().BeLessThan(1024);
    }

    [Fact]
    public void Enumerations_are_independent_and_nestable()
    {
        var set = RecurrenceSet.Parse("DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;COUNT=3");
        var pairs = (from a in set.GetOccurrences() from b in set.GetOccurrences() select (a, b)).Count();
        pairs.Should().Be(9);
        var sequence = set.GetOccurrences();
        sequence.Count().Should().Be(3);
        sequence.Count().Should().Be(3);
    }

    [Fact]
    public void Enumerator_after_dispose_returns_nothing()
    {
        var set = RecurrenceSet.Parse("DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;COUNT=3");
        var e = set.GetOccurrences().GetEnumerator();
        e.MoveNext().Should().BeTrue();
        e.Dispose();
        e.MoveNext().Should().BeFalse();
        ((Action)(() => e.Reset())).Should().Throw<NotSupportedException>();
    }

    [Fact]
    public void Occurrence_exposes_its_values()
    {
        var set = RecurrenceSet.Parse("DTSTART;TZID=America/New_York:20260308T023000\nRRULE:FREQ=DAILY;COUNT=1");
        var o = set.GetOccurrences().Single();
        o.LocalStart.Should().Be(new LocalDateTime(2026, 3, 8, 3, 30));
        o.OriginalLocalStart.Should().Be(new LocalDateTime(2026, 3, 8, 2, 30));
        o.Date.Should().Be(new LocalDate(2026, 3, 8));
        o.ToString().Should().Be("20260308T033000 (20260308T073000Z)");
        o.Should().Be(set.GetOccurrences().Single());
        (o == set.GetOccurrences().Single()).Should().BeTrue();
    }
}
