using System;
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
    [Fact]
    public void The_public_API_matches_the_committed_listing()
        => PublicApiListing.VerifyCommittedListing(typeof(SqliteStorage).Assembly, "PublicApi.Calcore.Storage.Sqlite.txt", "Calcore.Storage.Sqlite.Tests.csproj");

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
