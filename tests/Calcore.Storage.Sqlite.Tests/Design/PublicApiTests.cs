using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Calcore.Tests.Design;
using FluentAssertions;
using Xunit;

namespace Calcore.Storage.Sqlite.Tests.Design;

/// <summary>Compares the public API of the Calcore.Storage.Sqlite assembly with the committed listing
/// <c>PublicApi.Calcore.Storage.Sqlite.txt</c> (written by the same <see cref="PublicApiListing"/> as Calcore's).</summary>
/// <remarks>
/// After an intended API change, regenerate the file with
/// <c>CALCORE_UPDATE_API=1 dotnet test tests/Calcore.Storage.Sqlite.Tests --filter FullyQualifiedName~PublicApi</c>
/// and commit it: the diff shows every API change in review.
/// </remarks>
public class PublicApiTests
{
    private const string FileName = "PublicApi.Calcore.Storage.Sqlite.txt";

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
            if (File.Exists(Path.Combine(d.FullName, "Calcore.Storage.Sqlite.Tests.csproj")))
            {
                return Path.Combine(d.FullName, "Design", FileName);
            }
        }
        throw new FileNotFoundException($"Cannot find the folder of {FileName} (source path '{sourceFile}').", FileName);
    }

    [Fact]
    public void The_public_API_matches_the_committed_listing()
    {
        string actual = PublicApiListing.Text(typeof(SqliteStorage).Assembly);
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
    public void The_listing_covers_the_storage_its_options_and_the_builder_extension_and_nothing_internal()
    {
        string[] lines = [.. PublicApiListing.Lines(typeof(SqliteStorage).Assembly)];

        lines.Should().Contain(l => l.StartsWith("Calcore.Storage.Sqlite.SqliteStorage : sealed class, Calcore.Storage.IStorage", StringComparison.Ordinal));
        lines.Should().Contain("Calcore.Storage.Sqlite.SqliteStorage.SchemaVersion { get; } : int // static");
        lines.Should().Contain(l => l.StartsWith("Calcore.Storage.Sqlite.SqliteStorageOptions.Durability { get; set; }", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("Calcore.Storage.Sqlite.SqliteDurability.Full = ", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("UseSqlite(this ", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("Internal", StringComparison.Ordinal));
        lines.Should().BeInAscendingOrder(StringComparer.Ordinal);
        lines.Should().OnlyHaveUniqueItems();
    }
}
