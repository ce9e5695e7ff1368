using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Calcore.Events;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Design;

/// <summary>Compares the public API of the Calcore assembly with the committed listing <c>PublicApi.Calcore.txt</c>.</summary>
/// <remarks>
/// After an intended API change, regenerate the file with <c>CALCORE_UPDATE_API=1 dotnet test tests/Calcore.Tests</c>
/// and commit it: the diff shows every API change in review.
/// </remarks>
public class PublicApiTests
{
    private const string FileName = "PublicApi.Calcore.txt";

    private static string ListingPath([CallerFilePath] string sourceFile = "")
    {
        string? folder = Path.GetDirectoryName(sourceFile);
        if (folder is not null && Directory.Exists(folder))
        {
            return Path.Combine(folder, FileName);
        }
        // With ContinuousIntegrationBuild the compiler maps source paths (/_/…), so find the project from the output folder.
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Calcore.Tests.csproj")))
            {
                return Path.Combine(d.FullName, "Design", FileName);
            }
        }
        throw new FileNotFoundException($"Cannot find the folder of {FileName} (source path '{sourceFile}').", FileName);
    }

    [Fact]
    public void The_public_API_matches_the_committed_listing()
    {
        string actual = PublicApiListing.Text(typeof(StorageManager).Assembly);
        string path = ListingPath();

        if (Environment.GetEnvironmentVariable("CALCORE_UPDATE_API") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).Should().BeTrue($"the listing {path} is committed; create it with CALCORE_UPDATE_API=1");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual)
        {
            return;
        }
        string[] expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] actualLines = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] removed = [.. expectedLines.Except(actualLines, StringComparer.Ordinal)];
        string[] added = [.. actualLines.Except(expectedLines, StringComparer.Ordinal)];
        Assert.Fail(
            $"The public API differs from {FileName}. If the change is intended, run the tests with CALCORE_UPDATE_API=1 and commit the file.\n"
            + $"Removed ({removed.Length}):\n  - {string.Join("\n  - ", removed)}\n"
            + $"Added ({added.Length}):\n  + {string.Join("\n  + ", added)}");
    }

    [Fact]
    public void The_listing_names_types_members_nullability_and_defaults()
    {
        string[] lines = [.. PublicApiListing.Lines(typeof(StorageManager).Assembly)];

        lines.Should().Contain("Calcore.StorageManager : sealed class, System.IAsyncDisposable");
        lines.Should().Contain("Calcore.Events.EventId.Value { get; } : string");
        lines.Should().Contain("Calcore.StorageManager.FindEventOrNullAsync(Calcore.Events.EventId id, System.Threading.CancellationToken cancellationToken = default) : System.Threading.Tasks.Task<Calcore.Events.CalendarEvent?>");
        lines.Should().Contain("Calcore.Events.EventDetails.Title { get; init; } : string");
        lines.Should().Contain("Calcore.Events.EventStatus : enum int");
        lines.Should().Contain("Calcore.Events.EventStatus.Cancelled = 2");
        lines.Should().Contain("Calcore.Attendees.InvitePolicy.Manual { get; } : Calcore.Attendees.InvitePolicy // static");
        lines.Should().Contain("Calcore.Attendees.InvitePolicy..ctor(string name, bool isAutomatic) // protected");
        lines.Should().Contain(l => l.StartsWith("Calcore.Attendees.AttendeeSourceExtensions.GetAttendeeAsync(this Calcore.Attendees.IAttendeeSource source", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("Internal", StringComparison.Ordinal));
        lines.Should().BeInAscendingOrder(StringComparer.Ordinal);
        lines.Should().OnlyHaveUniqueItems();
        typeof(EventId).Assembly.GetName().Name.Should().Be("Calcore");
    }
}
