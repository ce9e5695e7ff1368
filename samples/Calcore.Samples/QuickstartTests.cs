using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace Calcore.Samples;

/// <summary>The README's Quickstart program is run as a newcomer runs it, and says what the README says it does.</summary>
public class QuickstartTests
{
    [Fact]
    public async Task The_quickstart_program_books_the_room_answers_free_busy_per_attendee_and_expands_the_week()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Calcore.Quickstart.dll");
        File.Exists(dll).Should().BeTrue("the quickstart is built next to these tests");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));

        process.ExitCode.Should().Be(0, await errors);
        (await output).ReplaceLineEndings("\n").Should().Be(
            """
            Invited martijn: NeedsAction
            Invited room1: Accepted
            Free/busy florent: Busy 2026-04-10T14:00:00Z/2026-04-10T15:00:00Z
            Free/busy martijn: BusyTentative 2026-04-10T14:00:00Z/2026-04-10T15:00:00Z
            Florent's week: Mon 09:30 Stand-up
            Florent's week: Wed 09:30 Stand-up
            Florent's week: Fri 09:30 Stand-up
            Florent's week: Fri 16:00 Florent's Meeting
            iCalendar: 2 events, 1 time zone

            """);
    }
}
