using System;
using System.IO;
using System.Linq;
using System.Text;
using Calcore.Ics;
using CsCheck;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Ics;

/// <summary>The writer: CRLF, folding at 75 octets, parameter quoting, and round trips through the reader.</summary>
public class IcsWriterTests
{
    private static IcsComponent Calendar(params IcsProperty[] eventProperties)
        => new("VCALENDAR", [new IcsProperty("VERSION", "2.0"), new IcsProperty("PRODID", "-//Calcore//Tests//EN")],
            [new IcsComponent("VEVENT", eventProperties)]);

    private static string[] PhysicalLines(string text)
    {
        text.Should().EndWith("\r\n");
        text.Replace("\r\n", "", StringComparison.Ordinal).Should().NotContainAny("\r", "\n");
        return text[..^2].Split("\r\n");
    }

    [Fact]
    public void Components_are_written_with_crlf_line_ends()
    {
        string text = IcsWriter.Write(Calendar(new IcsProperty("UID", "1"), new IcsProperty("SUMMARY", "Lunch")));

        text.Should().Be("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Calcore//Tests//EN\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Lunch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    }

    [Fact]
    public void A_line_of_exactly_75_octets_is_not_folded_and_one_of_76_is()
    {
        string at75 = IcsWriter.Write(new IcsComponent("X-A", [new IcsProperty("X-V", new string('a', 75 - 4))]));
        string at76 = IcsWriter.Write(new IcsComponent("X-A", [new IcsProperty("X-V", new string('a', 76 - 4))]));

        PhysicalLines(at75)[1].Should().HaveLength(75);
        PhysicalLines(at76)[1..3].Should().Equal("X-V:" + new string('a', 71), " a");
    }

    [Theory]
    [InlineData("\u00e9")] // 2 octets
    [InlineData("\u20ac")] // 3 octets
    [InlineData("\U0001F600")] // 4 octets, a surrogate pair
    [InlineData("a\u00e9\u20ac\U0001F600")]
    public void Folding_keeps_every_line_within_75_octets_without_splitting_a_character(string unit)
    {
        for (int prefix = 0; prefix < 4; prefix++)
        {
            string value = new string('x', prefix) + string.Concat(Enumerable.Repeat(unit, 120));
            string text = IcsWriter.Write(new IcsComponent("X-A", [new IcsProperty("DESCRIPTION", value)]));

            string[] lines = PhysicalLines(text);
            lines.Should().OnlyContain(l => Encoding.UTF8.GetByteCount(l) <= 75);
            lines.Skip(2).SkipLast(1).Should().OnlyContain(l => l.StartsWith(' ') && !l.StartsWith("  ", StringComparison.Ordinal));
            lines.Should().OnlyContain(l => !char.IsHighSurrogate(l[l.Length - 1]) && !char.IsLowSurrogate(l[0]));
            lines.Should().Contain(l => Encoding.UTF8.GetByteCount(l) > 75 - Encoding.UTF8.GetByteCount(unit), "lines are filled up to the limit");
            IcsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text))).Components[0].Properties[0].Value.Should().Be(value);
        }
    }

    [Fact]
    public void Parameter_values_are_quoted_when_they_hold_colons_semicolons_or_commas_and_rfc6868_escaped()
    {
        var p = new IcsProperty("ATTENDEE", "mailto:a@example.com",
            new IcsParameter("CN", "Doe, John"), new IcsParameter("DIR", "ldap://x:1/"), new IcsParameter("X-Q", "say \"hi\"^\nbye"),
            new IcsParameter("MEMBER", "mailto:a@example.com", "plain"));

        string text = IcsWriter.Write(new IcsComponent("X-A", [p]));

        text.Replace("\r\n ", "", StringComparison.Ordinal).Should().Contain(
            "ATTENDEE;CN=\"Doe, John\";DIR=\"ldap://x:1/\";X-Q=say ^'hi^'^^^nbye;MEMBER=\"mailto:a@example.com\",plain:mailto:a@example.com");
        IcsReader.Read(text).Components[0].Properties[0].Should().Be(p);
    }

    [Fact]
    public void Writing_to_a_stream_gives_utf8_without_a_byte_order_mark()
    {
        var stream = new MemoryStream();
        IcsComponent calendar = Calendar(new IcsProperty("SUMMARY", "Caf\u00e9"));

        IcsWriter.Write([calendar], stream);

        stream.ToArray().Should().Equal(Encoding.UTF8.GetBytes(IcsWriter.Write(calendar)));
        stream.ToArray()[0].Should().Be((byte)'B');
    }

    [Fact]
    public void Writing_to_a_text_writer_gives_the_same_text()
    {
        var writer = new StringWriter();
        IcsComponent calendar = Calendar(new IcsProperty("SUMMARY", "x"));

        IcsWriter.Write([calendar, calendar], writer);

        writer.ToString().Should().Be(IcsWriter.Write([calendar, calendar]));
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        FluentActions.Invoking(() => IcsWriter.Write((IcsComponent)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => IcsWriter.Write([null!])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => IcsWriter.Write([], (Stream)null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void A_file_read_and_written_gives_equal_components_and_writing_again_gives_identical_text()
    {
        string original = "begin:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART;tzid=\"Europe/Paris\":20261204T090000\nATTENDEE;CN=\"A, B\";PARTSTAT=ACCEPTED:mailto:a@example.com\n"
            + "DESCRIPTION:" + string.Concat(Enumerable.Repeat("d\u00e9j\u00e0 vu\\, ", 30)) + "\n X-FOO;X-P=^^:v\nEND:VEVENT\nEND:VCALENDAR\n";

        IcsReadResult first = IcsReader.Read(original);
        string written = IcsWriter.Write(first.Components);
        IcsReadResult second = IcsReader.Read(written);

        second.Diagnostics.Should().BeEmpty();
        second.Components.Should().Equal(first.Components);
        IcsWriter.Write(second.Components).Should().Be(written);
    }

    [Fact]
    public void Random_components_round_trip_through_write_and_read()
    {
        Components.Sample(calendar =>
        {
            string text = IcsWriter.Write(calendar);
            IcsReadResult read = IcsReader.Read(text);
            read.Diagnostics.Should().BeEmpty();
            read.Components.Should().ContainSingle().Which.Should().Be(calendar);
            IcsWriter.Write(read.Components).Should().Be(text);
            IcsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text))).Components[0].Should().Be(calendar);
        }, iter: 300, threads: 1, print: c => IcsWriter.Write(c));
    }

    // Text pieces chosen to hit the cases: delimiters, escapes, carets, quotes, multi-byte characters, tabs.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char.AlphaNumeric, 0, 20],
        Gen.OneOf(":", ";", ",", "\\", "\\n", "^", "^n", "\"", "'", " ", "\t", "\u00e9", "\u20ac", "\U0001F600", "\u4e2d\u6587", "=", "mailto:a@example.com"))
        .Array[0, 12].Select(parts => string.Concat(parts));

    private static readonly Gen<string> Name = Gen.OneOf(
        Gen.OneOf("SUMMARY", "DESCRIPTION", "ATTENDEE", "DTSTART", "X-FOO", "X-WR-CALNAME", "UID", "CN", "TZID"),
        Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"], 1, 12].Select(s => "X-" + s));

    private static readonly Gen<IcsParameter> Parameter =
        Gen.Select(Name, Text.Array[1, 3], (n, v) => new IcsParameter(n, v));

    private static readonly Gen<IcsProperty> Property =
        Gen.Select(Name, Text, Parameter.Array[0, 3], (n, v, ps) => new IcsProperty(n, v, ps));

    private static readonly Gen<IcsComponent> Leaf =
        Gen.Select(Gen.OneOf("VEVENT", "VTODO", "VALARM", "X-THING"), Property.Array[0, 6], (n, ps) => new IcsComponent(n, ps));

    private static readonly Gen<IcsComponent> Components =
        Gen.Select(Property.Array[0, 4], Gen.Select(Gen.OneOf("VEVENT", "VTIMEZONE", "X-A"), Property.Array[0, 6], Leaf.Array[0, 2],
            (n, ps, cs) => new IcsComponent(n, ps, cs)).Array[0, 4], (ps, cs) => new IcsComponent("VCALENDAR", ps, cs));
}
