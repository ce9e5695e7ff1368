using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Calcore.Ics;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Ics;

/// <summary>Streams: byte-level unfolding of UTF-8, chunk boundaries, and streaming by component.</summary>
public partial class IcsReaderTests
{
    [Theory]
    [InlineData("\u00e9", 1)] // 2 bytes: fold after the first
    [InlineData("\u20ac", 1)] // 3 bytes
    [InlineData("\u20ac", 2)]
    [InlineData("\U0001F600", 1)] // 4 bytes
    [InlineData("\U0001F600", 2)]
    [InlineData("\U0001F600", 3)]
    public void A_fold_inside_a_multibyte_utf8_character_is_read_correctly_from_a_stream(string character, int split)
    {
        byte[] c = Encoding.UTF8.GetBytes(character);
        byte[] bytes =
        [
            .. Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nSUMMARY:a"), .. c[..split], .. "\r\n "u8.ToArray(), .. c[split..],
            .. Encoding.UTF8.GetBytes("b\r\nEND:VCALENDAR\r\n"),
        ];

        IcsReadResult result = IcsReader.Read(new MemoryStream(bytes));

        Only(result).Properties[0].Value.Should().Be("a" + character + "b");
        result.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Invalid_utf8_is_read_as_a_replacement_character_with_a_warning()
    {
        byte[] bytes = [.. "BEGIN:VCALENDAR\r\nSUMMARY:a"u8.ToArray(), 0xC3, 0x28, .. "b\r\nEND:VCALENDAR\r\n"u8.ToArray()];

        IcsReadResult result = IcsReader.Read(new MemoryStream(bytes));

        Only(result).Properties[0].Value.Should().Be("a\uFFFD(b");
        result.HasErrors.Should().BeFalse();
        result.Diagnostics.Should().ContainSingle().Which.Should().Match<IcsDiagnostic>(d => d.Severity == IcsSeverity.Warning && d.Line == 2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Reads_that_return_a_few_bytes_at_a_time_give_the_same_components(int chunk)
    {
        string text = Calendar("BEGIN:VEVENT", "SUMMARY:Caf\u00e9\r\n \u2603\r\n\t\U0001F600", "DESCRIPTION;X-A=\"q:;,\":" + new string('y', 70_000), "END:VEVENT").Replace("\r\n", chunk % 2 == 0 ? "\r\n" : "\r", StringComparison.Ordinal);
        byte[] bytes = Encoding.UTF8.GetBytes(text);

        IcsReadResult expected = IcsReader.Read(text);
        IcsReadResult actual = IcsReader.Read(new TrickleStream(bytes, chunk));

        actual.Components.Should().Equal(expected.Components);
        actual.Components[0].Components[0].Properties[0].Value.Should().Be("Caf\u00e9\u2603\U0001F600");
        actual.Diagnostics.Should().Equal(expected.Diagnostics);
    }

    [Fact]
    public void A_crlf_split_across_reads_counts_as_one_line_break()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Calendar("BEGIN:VEVENT", "UID:1", "END:VEVENT"));

        IcsReadResult result = IcsReader.Read(new TrickleStream(bytes, 1));

        result.Diagnostics.Should().BeEmpty("no bare CR or LF is seen");
        Only(result).Components[0].Properties[0].Line.Should().Be(5);
    }

    [Fact]
    public void ReadComponents_yields_each_child_of_the_calendar_at_its_END_and_the_calendar_last()
    {
        string text = Calendar("BEGIN:VTIMEZONE", "TZID:X", "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "END:STANDARD", "END:VTIMEZONE",
            "BEGIN:VEVENT", "UID:1", "BEGIN:VALARM", "ACTION:DISPLAY", "END:VALARM", "END:VEVENT", "BEGIN:VTODO", "UID:2", "END:VTODO", "X-AFTER:1");
        var seen = new List<string>();
        var source = new TrickleStream(Encoding.UTF8.GetBytes(text), 5);

        foreach (IcsComponent c in IcsReader.ReadComponents(source))
        {
            seen.Add($"{c.Name}/{c.Components.Length}@{source.Position}");
        }

        seen.Select(s => s[..s.IndexOf('@', StringComparison.Ordinal)]).Should().Equal("VTIMEZONE/1", "VEVENT/1", "VTODO/0", "VCALENDAR/0");
        seen.Select(s => long.Parse(s[(s.IndexOf('@', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("each component is handed out as soon as it is read");
        IcsComponent calendar = IcsReader.ReadComponents(new StringReader(text)).Last();
        calendar.Properties.Select(p => p.Name).Should().Equal("VERSION", "PRODID", "X-AFTER");
    }

    [Fact]
    public void ReadComponents_reports_diagnostics_to_the_callback_and_keeps_complete_events_of_a_truncated_file()
    {
        string text = Calendar("BEGIN:VEVENT", "UID:1", "END:VEVENT", "oops", "BEGIN:VEVENT", "UID:2");
        text = text[..text.IndexOf("END:VCALENDAR", StringComparison.Ordinal)];
        var diagnostics = new List<IcsDiagnostic>();

        var components = IcsReader.ReadComponents(new MemoryStream(Encoding.UTF8.GetBytes(text)), diagnostics.Add).ToList();

        components.Select(c => c.Name).Should().Equal("VEVENT", "VCALENDAR");
        diagnostics.Select(d => d.Line).Should().Equal(7, 9, 9);
    }

    [Fact]
    public void ReadComponents_in_strict_mode_throws_while_enumerating()
    {
        string text = Calendar("BEGIN:VEVENT", "UID:1", "END:VEVENT", "oops");

        IEnumerable<IcsComponent> components = IcsReader.ReadComponents(new StringReader(text), options: Strict);

        components.Invoking(c => c.ToList()).Should().Throw<IcsParseException>().Which.Line.Should().Be(7);
    }

    /// <summary>A stream that returns at most a few bytes per read, to put chunk boundaries everywhere.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
