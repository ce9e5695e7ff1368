using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace Calcore.Tests.Ics.Readers;

/// <summary>The independent readers of issue #14 (python3-icalendar, libical, Ical.Net 5.2.4) read every valid fixture
/// in <c>tests/TestData/ics</c> as <c>manifest.json</c> says: event count, UIDs, recurrence ids and start/end as
/// instants, summaries, rules, EXDATEs and attendees. Where a reader is known to differ, the difference is an entry
/// in the manifest's <c>knownDifferences</c> and the reader must read exactly that.</summary>
public sealed class IndependentReaderTests(ITestOutputHelper output)
{
    private static readonly IndependentReader[] AllReaders = [IndependentReader.Python, IndependentReader.Libical, IndependentReader.IcalNet];

    // Each (reader, fixture) is read once per test run: the python reader starts a process per file.
    private static readonly ConcurrentDictionary<(IndependentReader, string), IReadOnlyList<ReaderEvent>> Readings = new();

    private static IReadOnlyList<ReaderEvent> ReadFixture(IndependentReader reader, string file)
        => Readings.GetOrAdd((reader, file), key => IndependentReaders.Read(key.Item1, Path.Combine(IcsManifest.DataDirectory, key.Item2)));

    public static TheoryData<IndependentReader, string> ReaderAndFixture()
    {
        var data = new TheoryData<IndependentReader, string>();
        foreach (IndependentReader reader in AllReaders)
        {
            foreach (string file in IcsManifest.Current.Files.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(reader, file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReaderAndFixture))]
    public void A_reader_reads_the_fixture_as_the_manifest_says(IndependentReader reader, string file)
    {
        if (!IndependentReaders.Require(reader, output.WriteLine))
        {
            return;
        }

        IcsManifestFile manifest = IcsManifest.Current.Files[file];
        IReadOnlyList<ReaderEvent> read = ReadFixture(reader, file);

        read.Should().HaveCount(manifest.EventCount, "{0} reads every VEVENT of {1}", reader, file);
        read.Select(e => e.Uid).Distinct().Order(StringComparer.Ordinal).Should().Equal(manifest.Uids);
        IReadOnlyList<ReaderEvent> expected = IcsManifest.Current.ExpectedFor(reader, file);
        for (int i = 0; i < expected.Count; i++)
        {
            read[i].Should().Be(expected[i], "{0} reads event {1} of {2} (field by field: {3})", reader, i, file, Describe(read[i], expected[i]));
        }
    }

    [Fact]
    public void The_manifest_lists_every_valid_fixture_and_no_malformed_one()
    {
        string[] onDisk = [.. Directory.GetFiles(IcsManifest.DataDirectory, "*.ics").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        IcsManifest.Current.Files.Keys.Order(StringComparer.Ordinal).Should().Equal(onDisk);
        onDisk.Should().HaveCount(11);
        Directory.GetFiles(Path.Combine(IcsManifest.DataDirectory, "malformed"), "*.ics").Should().HaveCount(9);
    }

    [Fact]
    public void The_manifest_is_consistent_with_itself()
    {
        foreach (IcsManifestFile f in IcsManifest.Current.Files.Values)
        {
            f.Events.Should().HaveCount(f.EventCount, f.File);
            f.Uids.Should().Equal(f.Events.Select(e => e.Uid).Distinct().Order(StringComparer.Ordinal), f.File);
            f.Events.Select(e => e.Key).Should().OnlyHaveUniqueItems(f.File);
            foreach (ReaderEvent e in f.Events)
            {
                foreach (string? time in new[] { e.RecurrenceId, e.Start, e.End }.Concat(e.ExDates))
                {
                    time?.Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z?)?$", "{0} {1}", f.File, e.Key);
                }

                e.Start.Should().NotBeNull("{0} {1} has a DTSTART", f.File, e.Key);
            }
        }
    }

    [Fact]
    public void Every_known_difference_names_an_event_and_the_value_the_manifest_has()
    {
        IcsManifest.Current.KnownDifferences.Should().OnlyContain(d => d.Reason.Length > 20, "each difference says why");
        foreach (IGrouping<(IndependentReader, string), KnownDifference> group in IcsManifest.Current.KnownDifferences.GroupBy(d => (d.Reader, d.File)))
        {
            // ExpectedFor throws when an entry names no event or a value the manifest does not have.
            IcsManifest.Current.ExpectedFor(group.Key.Item1, group.Key.Item2).Should().NotBeEmpty();
        }
    }

    [Fact]
    public void The_readers_agree_with_each_other_where_no_difference_is_documented()
    {
        // The per-reader theory compares each with the manifest; this states the cross-check directly for the
        // readers available here, on the fields every reader reads: count, keys and start instants.
        var available = AllReaders.Where(r => IndependentReaders.Problem(r) is null).ToList();
        foreach (IndependentReader missing in AllReaders.Except(available))
        {
            IndependentReaders.Require(missing, output.WriteLine);
        }

        foreach (IcsManifestFile f in IcsManifest.Current.Files.Values)
        {
            var documented = IcsManifest.Current.KnownDifferences.Where(d => d.File == f.File).Select(d => (d.Uid, d.RecurrenceId)).ToHashSet();
            var readings = available.ToDictionary(r => r, r => ReadFixture(r, f.File));
            foreach (ReaderEvent e in f.Events.Where(e => !documented.Contains((e.Uid, e.RecurrenceId))))
            {
                foreach ((IndependentReader reader, IReadOnlyList<ReaderEvent> events) in readings)
                {
                    events.Should().Contain(x => x.Uid == e.Uid && x.RecurrenceId == e.RecurrenceId && x.Start == e.Start,
                        "{0} reads {1} {2} starting {3}", reader, f.File, e.Key, e.Start);
                }
            }
        }
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;WKST=MO;UNTIL=20260427T075959Z;BYDAY=MO", "BYDAY=MO;FREQ=WEEKLY;UNTIL=20260427T075959Z")]
    [InlineData("RRULE:freq=daily;interval=1;count=3", "COUNT=3;FREQ=DAILY")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;WKST=SU", "FREQ=WEEKLY;INTERVAL=2;WKST=SU")]
    public void An_rrule_is_compared_in_one_spelling(string rule, string normalized)
        => IndependentReaders.NormalizeRRule(rule).Should().Be(normalized);

    [Fact]
    public void A_reader_that_rejects_a_file_says_so_instead_of_returning_nothing()
    {
        string empty = Path.Combine(IcsManifest.DataDirectory, "malformed", "empty.ics");
        foreach (IndependentReader reader in AllReaders.Where(r => IndependentReaders.Require(r, output.WriteLine)))
        {
            Action read = () => IndependentReaders.Read(reader, empty);
            read.Should().Throw<InvalidOperationException>("{0} finds no calendar in an empty file", reader);
        }
    }

    private static string Describe(ReaderEvent read, ReaderEvent expected)
    {
        var parts = new List<string>();
        void Compare(string name, object? a, object? b)
        {
            if (!Equals(a, b))
            {
                parts.Add($"{name}: read '{a}', expected '{b}'");
            }
        }

        Compare("uid", read.Uid, expected.Uid);
        Compare("recurrenceId", read.RecurrenceId, expected.RecurrenceId);
        Compare("start", read.Start, expected.Start);
        Compare("end", read.End, expected.End);
        Compare("summary", read.Summary, expected.Summary);
        Compare("rrule", read.RRule, expected.RRule);
        Compare("exdates", string.Join(",", read.ExDates), string.Join(",", expected.ExDates));
        Compare("attendees", string.Join(",", read.Attendees), string.Join(",", expected.Attendees));
        return parts.Count == 0 ? "equal" : string.Join("; ", parts);
    }
}
