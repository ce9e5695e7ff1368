using System.IO;
using System.Linq;
using System.Text;
using Calcore.Ics;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Ics;

/// <summary>The content-line reader: unfolding, names, parameters and values.</summary>
public partial class IcsReaderTests
{
    private const string Crlf = "\r\n";

    private static string Calendar(params string[] lines)
        => string.Join(Crlf, ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Calcore//Tests//EN", .. lines, "END:VCALENDAR", ""]);

    private static IcsComponent Only(IcsReadResult result)
    {
        result.Components.Should().HaveCount(1);
        return result.Components[0];
    }

    private static IcsProperty ReadProperty(string line)
    {
        IcsReadResult result = IcsReader.Read(Calendar("BEGIN:VEVENT", line, "END:VEVENT"));
        result.Diagnostics.Should().BeEmpty();
        return Only(result).Components[0].Properties[0];
    }

    [Fact]
    public void A_calendar_is_read_with_its_properties_and_events_in_order()
    {
        IcsReadResult result = IcsReader.Read(Calendar("BEGIN:VEVENT", "UID:1", "SUMMARY:Lunch", "END:VEVENT", "BEGIN:VTODO", "UID:2", "END:VTODO"));

        result.HasErrors.Should().BeFalse();
        result.Diagnostics.Should().BeEmpty();
        IcsComponent calendar = Only(result);
        calendar.Name.Should().Be("VCALENDAR");
        calendar.Line.Should().Be(1);
        calendar.Properties.Select(p => p.Name).Should().Equal("VERSION", "PRODID");
        calendar.Components.Select(c => c.Name).Should().Equal("VEVENT", "VTODO");
        calendar.Components[0].Line.Should().Be(4);
        calendar.Components[0].Properties[1].Should().Be(new IcsProperty("SUMMARY", "Lunch"));
        calendar.Components[0].Properties[1].Line.Should().Be(6);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Lines_are_unfolded_whatever_the_line_break(string br)
    {
        string text = string.Join(br, "BEGIN:VCALENDAR", "BEGIN:VEVENT", "DESCRIPTION:This is a lo", " ng description", "\t that goes on", "END:VEVENT", "END:VCALENDAR");

        IcsReadResult result = IcsReader.Read(text);

        Only(result).Components[0].Properties[0].Value.Should().Be("This is a long description that goes on", "the tab of the third line is dropped, its space kept");
        result.HasErrors.Should().BeFalse();
        result.Diagnostics.Should().HaveCount(br == Crlf ? 0 : 1, "a bare LF or CR is reported once");
    }

    [Fact]
    public void A_fold_may_split_the_name_the_parameters_or_the_value()
    {
        IcsProperty p = ReadProperty("DTST\r\n ART;TZ\r\n ID=Europe/\r\n Paris:2026\r\n 1204T090000");

        p.Should().Be(new IcsProperty("DTSTART", "20261204T090000", new IcsParameter("TZID", "Europe/Paris")));
    }

    [Fact]
    public void Names_are_case_insensitive_and_kept_upper_case()
    {
        IcsReadResult result = IcsReader.Read("begin:vcalendar\r\nBegin:VEvent\r\ndtStart;tzid=Europe/Paris:20261204T090000\r\nend:vevent\r\nEnd:VCalendar\r\n");

        IcsComponent calendar = Only(result);
        calendar.Name.Should().Be("VCALENDAR");
        IcsProperty p = calendar.Components[0].Properties[0];
        p.Name.Should().Be("DTSTART");
        p.GetParameter("TZID").Should().Be("Europe/Paris");
        p.Parameters[0].Name.Should().Be("TZID");
        result.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Quoted_parameter_values_may_hold_colons_semicolons_and_commas()
    {
        IcsProperty p = ReadProperty("ATTENDEE;CN=\"Doe, John; Jr.\";DIR=\"ldap://example.com:6666/o=ABC\":mailto:jdoe@example.com");

        p.Value.Should().Be("mailto:jdoe@example.com");
        p.GetParameter("CN").Should().Be("Doe, John; Jr.");
        p.GetParameter("DIR").Should().Be("ldap://example.com:6666/o=ABC");
    }

    [Fact]
    public void A_parameter_may_hold_several_values_quoted_or_not()
    {
        IcsProperty p = ReadProperty("ATTENDEE;MEMBER=\"mailto:a@example.com\",\"mailto:b@example.com\";X-LIST=a,b,\"c,d\":mailto:c@example.com");

        p.FindParameter("MEMBER")!.Values.Should().Equal("mailto:a@example.com", "mailto:b@example.com");
        p.FindParameter("X-LIST")!.Values.Should().Equal("a", "b", "c,d");
    }

    [Fact]
    public void Rfc6868_escapes_in_parameter_values_are_decoded()
    {
        IcsProperty p = ReadProperty("ATTENDEE;CN=\"George Herman ^'Babe^' Ruth\";X-ADDRESS=Line 1^nLine 2;X-CARET=a^^b^x:mailto:b@example.com");

        p.GetParameter("CN").Should().Be("George Herman \"Babe\" Ruth");
        p.GetParameter("X-ADDRESS").Should().Be("Line 1\nLine 2");
        p.GetParameter("X-CARET").Should().Be("a^b^x", "a caret before anything else is kept");
    }

    [Fact]
    public void The_value_is_the_text_after_the_first_colon_outside_quotes_with_escapes_kept()
    {
        IcsProperty p = ReadProperty("DESCRIPTION;ALTREP=\"cid:part1.0001@example.org\":Meet at 10:00\\, room \\;A\\n");

        p.Value.Should().Be("Meet at 10:00\\, room \\;A\\n");
        p.GetParameter("ALTREP").Should().Be("cid:part1.0001@example.org");
    }

    [Fact]
    public void Empty_values_and_empty_parameter_values_are_kept()
    {
        IcsProperty p = ReadProperty("X-EMPTY;X-P=:");

        p.Value.Should().BeEmpty();
        p.GetParameter("X-P").Should().BeEmpty();
    }

    [Fact]
    public void Unknown_components_properties_and_parameters_are_kept()
    {
        IcsReadResult result = IcsReader.Read(Calendar("BEGIN:X-CALCORE-THING", "X-FOO;X-BAR=1:baz", "IANA-PROP:x", "END:X-CALCORE-THING",
            "BEGIN:VJOURNAL", "END:VJOURNAL", "BEGIN:VFREEBUSY", "FREEBUSY:20261204T090000Z/PT1H", "END:VFREEBUSY"));

        result.Diagnostics.Should().BeEmpty();
        IcsComponent calendar = Only(result);
        calendar.Components.Select(c => c.Name).Should().Equal("X-CALCORE-THING", "VJOURNAL", "VFREEBUSY");
        calendar.Components[0].Properties[0].Should().Be(new IcsProperty("X-FOO", "baz", new IcsParameter("X-BAR", "1")));
    }

    [Fact]
    public void Nested_components_are_kept_in_their_parents()
    {
        IcsComponent calendar = Only(IcsReader.Read(Calendar("BEGIN:VEVENT", "UID:1", "BEGIN:VALARM", "ACTION:DISPLAY", "END:VALARM", "END:VEVENT")));

        calendar.Components[0].Components.Should().ContainSingle().Which.Name.Should().Be("VALARM");
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_in_text_and_in_bytes()
    {
        string text = "\uFEFF" + Calendar();
        Only(IcsReader.Read(text)).Name.Should().Be("VCALENDAR");
        Only(IcsReader.Read(new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Calendar())).ToArray()))).Name.Should().Be("VCALENDAR");
    }

    [Fact]
    public void Several_calendars_are_read_in_order()
    {
        IcsReadResult result = IcsReader.Read(Calendar("X-A:1") + Calendar("X-A:2"));

        result.Components.Select(c => c.Properties[2].Value).Should().Equal("1", "2");
    }

    [Fact]
    public void Reading_text_a_text_reader_and_a_stream_gives_equal_components()
    {
        string text = Calendar("BEGIN:VEVENT", "SUMMARY:Caf\u00e9 \u2603 \U0001F600", "DESCRIPTION:" + new string('x', 200_000), "END:VEVENT");

        IcsReadResult fromText = IcsReader.Read(text);
        IcsReadResult fromReader = IcsReader.Read(new StringReader(text));
        IcsReadResult fromStream = IcsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        fromReader.Components.Should().Equal(fromText.Components);
        fromStream.Components.Should().Equal(fromText.Components);
        fromStream.Diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void Known_names_and_common_values_are_shared_instances()
    {
        IcsComponent calendar = Only(IcsReader.Read(Calendar(
            "BEGIN:VEVENT", "ATTENDEE;PARTSTAT=ACCEPTED;X-FOO=bar:mailto:a@example.com", "END:VEVENT",
            "BEGIN:VEVENT", "attendee;PARTSTAT=ACCEPTED;x-foo=bar:mailto:b@example.com", "END:VEVENT")));

        IcsProperty a = calendar.Components[0].Properties[0];
        IcsProperty b = calendar.Components[1].Properties[0];
        ReferenceEquals(a.Name, b.Name).Should().BeTrue();
        ReferenceEquals(a.Parameters[0], b.Parameters[0]).Should().BeTrue("PARTSTAT=ACCEPTED is shared");
        ReferenceEquals(a.Parameters[1].Name, b.Parameters[1].Name).Should().BeTrue("an X- name seen twice is shared");
    }

    [Fact]
    public void Repeated_parameters_read_the_same_as_the_first_time_whatever_their_form()
    {
        string[] lines =
        [
            "ATTENDEE;partstat=ACCEPTED;X-A=b:mailto:a@example.com",
            "ATTENDEE;PARTSTAT=ACCEPTED;X-A=b,c:mailto:a@example.com",
            "ATTENDEE;PARTSTAT=\"ACCEPTED\";X-A=b^^:mailto:a@example.com",
            "ATTENDEE;PARTSTAT=ACCEPTED;X-A=b;X-A=\"b\":mailto:a@example.com",
            "ATTENDEE;PARTSTAT=;X-A:mailto:a@example.com",
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.com",
        ];
        string[] all = [.. lines, .. lines];

        IcsComponent calendar = Only(IcsReader.Read(Calendar(["BEGIN:VEVENT", .. all, "END:VEVENT"])));

        IcsProperty[] alone = [.. lines.Select(ReadPropertyAlone)];
        calendar.Components[0].Properties.Should().Equal([.. alone, .. alone]);
        alone[0].Parameters.Should().Equal(new IcsParameter("PARTSTAT", "ACCEPTED"), new IcsParameter("X-A", "b"));
        alone[1].Parameters[1].Values.Should().Equal("b", "c");
        alone[2].Parameters[1].Value.Should().Be("b^");
    }

    private static IcsProperty ReadPropertyAlone(string line) => Only(IcsReader.Read(Calendar(line))).Properties[2];
}
