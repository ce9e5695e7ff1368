using System;
using System.IO;
using System.Linq;
using System.Text;
using Calcore.Ics;
using CsCheck;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Ics;

/// <summary>Broken input: diagnostics with lines and columns, never an unhandled exception, a stack overflow or a hang.</summary>
public partial class IcsReaderTests
{
    private static readonly IcsReadOptions Strict = new() { Mode = IcsReadMode.Strict };

    [Fact]
    public void A_trailing_tab_after_END_VEVENT_is_accepted_with_a_warning()
    {
        IcsReadResult result = IcsReader.Read(Calendar("BEGIN:VEVENT", "UID:1", "END:VEVENT\t", "BEGIN:VEVENT", "UID:2", "END:VEVENT"));

        Only(result).Components.Should().HaveCount(2);
        result.HasErrors.Should().BeFalse();
        result.Diagnostics.Should().ContainSingle().Which.Should().Be(new IcsDiagnostic(IcsSeverity.Warning, 6, 5, "Whitespace around the component name in END:VEVENT; ignored."));
    }

    [Fact]
    public void A_line_without_a_colon_is_an_error_and_skipped()
    {
        IcsReadResult result = IcsReader.Read(Calendar("BEGIN:VEVENT", "UID:1", "this is not a content line", "SUMMARY:kept", "END:VEVENT"));

        Only(result).Components[0].Properties.Select(p => p.Name).Should().Equal("UID", "SUMMARY");
        result.HasErrors.Should().BeTrue();
        IcsDiagnostic d = result.Diagnostics.Should().ContainSingle().Subject;
        d.Severity.Should().Be(IcsSeverity.Error);
        d.Line.Should().Be(6);
        d.Message.Should().Contain("no ':'");
    }

    [Fact]
    public void A_diagnostic_on_a_folded_line_gives_the_physical_line_and_column()
    {
        IcsReadResult result = IcsReader.Read(Calendar("BEGIN:VEVENT", "ATTENDEE;CN=Ann;", " X-BAD=\"unclosed:mailto:a@example.com", "END:VEVENT"));

        IcsDiagnostic d = result.Diagnostics.Should().ContainSingle().Subject;
        d.Line.Should().Be(6);
        d.Column.Should().Be(8, "the quote is the eighth character of the continuation line, counting its leading space");
        d.Message.Should().Contain("closing");
    }

    [Fact]
    public void An_END_that_does_not_match_closes_what_it_can_and_says_so()
    {
        IcsReadResult result = IcsReader.Read(Calendar("BEGIN:VEVENT", "UID:1", "BEGIN:VALARM", "ACTION:DISPLAY", "END:VEVENT", "END:VTODO", "BEGIN:VEVENT", "UID:2", "END:VEVENT"));

        IcsComponent calendar = Only(result);
        calendar.Components.Select(c => c.Properties[0].Value).Should().Equal("1", "2");
        calendar.Components[0].Components.Should().ContainSingle().Which.Name.Should().Be("VALARM");
        result.Diagnostics.Select(d => (d.Severity, d.Line)).Should().Equal((IcsSeverity.Error, 8), (IcsSeverity.Error, 9));
        result.Diagnostics[0].Message.Should().Contain("BEGIN:VALARM (line 6) has no END");
        result.Diagnostics[1].Message.Should().Contain("END:VTODO does not match");
    }

    [Fact]
    public void A_truncated_file_keeps_every_complete_event_before_the_damage()
    {
        string text = Calendar("BEGIN:VEVENT", "UID:1", "END:VEVENT", "BEGIN:VEVENT", "UID:2", "END:VEVENT", "BEGIN:VEVENT", "UID:3", "SUMMARY:cut here");
        text = text[..text.IndexOf("cut", StringComparison.Ordinal)];

        foreach (IcsReadResult result in new[] { IcsReader.Read(text), IcsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text))) })
        {
            IcsComponent calendar = Only(result);
            calendar.Components.Select(c => c.Properties[0].Value).Should().Equal("1", "2");
            result.HasErrors.Should().BeTrue();
            result.Diagnostics.Select(d => d.Message).Should().Contain(m => m.Contains("the unfinished VEVENT is dropped", StringComparison.Ordinal))
                .And.Contain(m => m.Contains("END:VCALENDAR", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public void An_empty_input_reports_that_it_holds_no_calendar(string text)
    {
        IcsReadResult result = IcsReader.Read(text);

        result.Components.Should().BeEmpty();
        result.HasErrors.Should().BeTrue();
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("no VCALENDAR");
    }

    [Fact]
    public void Binary_garbage_gives_diagnostics_and_no_exception()
    {
        var random = new Random(14);
        byte[] bytes = new byte[200_000];
        random.NextBytes(bytes);

        IcsReadResult result = IcsReader.Read(new MemoryStream(bytes));

        result.HasErrors.Should().BeTrue();
        result.Diagnostics.Should().HaveCountLessThanOrEqualTo(1000);
        result.Diagnostics.Select(d => d.Message).Should().Contain(m => m.Contains("not UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void Garbage_between_events_loses_only_the_garbage()
    {
        byte[] head = Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\n");
        byte[] junk = [0x00, 0xFF, 0xFE, 0x0D, 0x0A, 0xC3, 0x28, 0x3A, 0x0D, 0x0A];
        byte[] tail = Encoding.UTF8.GetBytes("BEGIN:VEVENT\r\nUID:2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");

        IcsReadResult result = IcsReader.Read(new MemoryStream([.. head, .. junk, .. tail]));

        Only(result).Components.Select(c => c.Properties[0].Value).Should().Equal("1", "2");
    }

    [Fact]
    public void A_ten_megabyte_line_is_read()
    {
        string big = new('a', 10 * 1024 * 1024);
        string text = Calendar("BEGIN:VEVENT", "DESCRIPTION:" + big, "END:VEVENT");

        Only(IcsReader.Read(text)).Components[0].Properties[0].Value.Should().HaveLength(big.Length);
        Only(IcsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)))).Components[0].Properties[0].Value.Should().Be(big);
    }

    [Fact]
    public void A_ten_megabyte_line_without_a_colon_is_one_error()
    {
        string text = Calendar(new string('a', 10 * 1024 * 1024));

        IcsReadResult result = IcsReader.Read(new StringReader(text));

        result.Diagnostics.Should().ContainSingle().Which.Column.Should().Be(10 * 1024 * 1024 + 1);
    }

    [Fact]
    public void Ten_thousand_levels_of_nesting_are_skipped_below_MaxDepth_without_a_stack_overflow()
    {
        var sb = new StringBuilder("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\n");
        for (int i = 0; i < 10_000; i++)
        {
            sb.Append("BEGIN:X-DEEP\r\n");
        }
        for (int i = 0; i < 10_000; i++)
        {
            sb.Append("END:X-DEEP\r\n");
        }
        sb.Append("END:VCALENDAR\r\n");

        IcsReadResult result = IcsReader.Read(sb.ToString());

        IcsComponent calendar = Only(result);
        calendar.Components[0].Name.Should().Be("VEVENT");
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("deeper than 100");
        calendar.Components[1].Name.Should().Be("X-DEEP", "the 99 levels within MaxDepth are kept");
    }

    [Fact]
    public void Deep_nesting_within_a_large_MaxDepth_is_read_iteratively_and_written_back()
    {
        var sb = new StringBuilder("BEGIN:VCALENDAR\r\n");
        for (int i = 0; i < 10_000; i++)
        {
            sb.Append("BEGIN:X-DEEP\r\n");
        }
        for (int i = 0; i < 10_000; i++)
        {
            sb.Append("END:X-DEEP\r\n");
        }
        sb.Append("END:VCALENDAR\r\n");

        IcsReadResult result = IcsReader.Read(sb.ToString(), new IcsReadOptions { MaxDepth = 20_000 });

        result.Diagnostics.Should().BeEmpty();
        IcsWriter.Write(result.Components).Should().Be(sb.ToString());
    }

    [Fact]
    public void Unbalanced_BEGIN_and_END_give_diagnostics()
    {
        IcsReadResult result = IcsReader.Read("END:VEVENT\r\nBEGIN:VCALENDAR\r\nEND:VEVENT\r\nUID:orphan\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\nX-OUT:1\r\nBEGIN:\r\n");

        Only(result).Properties.Should().ContainSingle().Which.Value.Should().Be("orphan");
        result.Diagnostics.Should().OnlyContain(d => d.Severity == IcsSeverity.Error);
        result.Diagnostics.Select(d => d.Line).Should().Equal(1, 3, 6, 7, 8);
    }

    [Fact]
    public void Strict_mode_throws_at_the_first_error_with_its_line_and_column()
    {
        string text = Calendar("BEGIN:VEVENT", "ATTENDEE;bad name=x:mailto:a@example.com", "END:VEVENT");

        Action read = () => IcsReader.Read(text, Strict);

        IcsParseException e = read.Should().Throw<IcsParseException>().Which;
        e.Line.Should().Be(5);
        e.Column.Should().Be(10);
        e.Message.Should().StartWith("error at line 5, column 10: 'bad name' is not a parameter name");
        e.Should().BeAssignableTo<ArgumentException>();
    }

    [Fact]
    public void BEGIN_with_parameters_is_read_with_a_warning_and_without_a_colon_is_skipped()
    {
        IcsReadResult result = IcsReader.Read("BEGIN;X=1:VCALENDAR\r\nBEGIN;X=2\r\nEND:VCALENDAR\r\n");

        Only(result).Name.Should().Be("VCALENDAR");
        result.Diagnostics.Select(d => d.Severity).Should().Equal(IcsSeverity.Warning, IcsSeverity.Error);
    }

    [Fact]
    public void Strict_mode_reads_warnings_without_throwing()
    {
        IcsReadResult result = IcsReader.Read(Calendar("BEGIN:VEVENT", "END:VEVENT\t").Replace("\r\n", "\n", StringComparison.Ordinal), Strict);

        result.Diagnostics.Should().HaveCount(2).And.OnlyContain(d => d.Severity == IcsSeverity.Warning);
    }

    [Theory]
    [InlineData("")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n")]
    public void Strict_mode_throws_for_an_empty_or_truncated_input(string text)
    {
        Action read = () => IcsReader.Read(text, Strict);

        read.Should().Throw<IcsParseException>();
    }

    [Fact]
    public void Read_options_check_their_values()
    {
        IcsReadOptions.Default.Should().Be(new IcsReadOptions());
        IcsReadOptions.Default.MaxDepth.Should().Be(100);
        IcsReadOptions.Default.Mode.Should().Be(IcsReadMode.Tolerant);
        Action zero = () => _ = IcsReadOptions.Default with { MaxDepth = 0 };
        Action undefined = () => _ = new IcsReadOptions { Mode = (IcsReadMode)7 };
        zero.Should().Throw<ArgumentOutOfRangeException>();
        undefined.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        FluentActions.Invoking(() => IcsReader.Read((string)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => IcsReader.Read((Stream)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => IcsReader.ReadComponents((TextReader)null!)).Should().Throw<ArgumentNullException>();
    }
}

/// <summary>Random damage to a valid file: a tolerant read never throws and keeps the events before the damage.</summary>
public class IcsReaderDamageTests
{
    private static readonly IcsReadOptions Strict = new() { Mode = IcsReadMode.Strict };

    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(string.Concat(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
        string.Concat(Enumerable.Range(0, 20).Select(i =>
            $"BEGIN:VEVENT\r\nUID:{i}\r\nDTSTART;TZID=\"Europe/Paris\":20261204T090000\r\nSUMMARY:Caf\u00e9 \u20ac\U0001F600 {i}\\, x\r\nATTENDEE;CN=\"A, B\";PARTSTAT=ACCEPTED:mailto:a@example.com\r\nBEGIN:VALARM\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\n")),
        "END:VCALENDAR\r\n"));

    [Fact]
    public void A_damaged_file_is_read_without_an_exception_whatever_the_damage()
    {
        var gen = Gen.Select(Gen.Int[0, Valid.Length], Gen.Int[0, 200], Gen.Byte[0, 255].Array[0, 40], Gen.Int[0, 3]);

        gen.Sample((at, cut, junk, kind) =>
        {
            byte[] bytes = kind switch
            {
                0 => Valid[..at],                                                          // truncated
                1 => [.. Valid[..at], .. junk, .. Valid[Math.Min(Valid.Length, at + cut)..]], // replaced
                2 => [.. Valid[..at], .. Valid[Math.Min(Valid.Length, at + cut)..]],          // a piece removed
                _ => [.. Valid[..at], .. junk, .. Valid[at..]],                              // garbage inserted
            };
            IcsReadResult fromBytes = IcsReader.Read(new MemoryStream(bytes));
            IcsReadResult fromText = IcsReader.Read(Encoding.UTF8.GetString(bytes));
            foreach (IcsReadResult result in new[] { fromBytes, fromText })
            {
                if (kind == 0 && at > 40)
                {
                    int complete = Encoding.UTF8.GetString(Valid[..at]).Split("END:VEVENT\r\n").Length - 1;
                    result.Components.Should().ContainSingle().Which.GetComponents("VEVENT").Should().HaveCountGreaterThanOrEqualTo(complete);
                }
            }
            IcsReader.ReadComponents(new MemoryStream(bytes)).Count().Should().BeGreaterThanOrEqualTo(fromBytes.Components.Length);
            try
            {
                IcsReader.Read(new MemoryStream(bytes), Strict);
            }
            catch (IcsParseException)
            {
                // Strict mode throws this and nothing else.
            }
        }, iter: 400, threads: 1);
    }
}
