using System;
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
    [Fact]
    public void The_public_API_matches_the_committed_listing()
        => PublicApiListing.VerifyCommittedListing(typeof(StorageManager).Assembly, "PublicApi.Calcore.txt", "Calcore.Tests.csproj");

    [Fact]
    public void The_listing_names_types_members_nullability_and_defaults()
    {
        string[] lines = [.. PublicApiListing.Lines(typeof(StorageManager).Assembly)];

        lines.Should().Contain("Calcore.StorageManager : sealed class, System.IAsyncDisposable");
        lines.Should().Contain("Calcore.Events.EventId.Value { get; } : string");
        lines.Should().Contain("Calcore.StorageManager.FindEventAsync(Calcore.Events.EventId id, System.Threading.CancellationToken cancellationToken = default) : System.Threading.Tasks.Task<Calcore.Events.CalendarEvent?>");
        lines.Should().Contain("Calcore.Events.EventDetails.Title { get; init; } : string");
        lines.Should().Contain("Calcore.Events.EventStatus : enum int");
        lines.Should().Contain("Calcore.Events.EventStatus.Cancelled = 2");
        lines.Should().Contain("Calcore.Attendees.BookingPolicy.Manual { get; } : Calcore.Attendees.BookingPolicy // static");
        lines.Should().Contain("Calcore.Attendees.BookingPolicy.AcceptExceptConflicts(int maxConflicts = 5, double maxConflictFraction = 0.3333333333333333) : Calcore.Attendees.BookingPolicy // static");
        lines.Should().Contain(l => l.StartsWith("Calcore.Attendees.AttendeeSourceExtensions.GetAttendeeAsync(this Calcore.Attendees.IAttendeeSource source", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("Internal", StringComparison.Ordinal));
        lines.Should().BeInAscendingOrder(StringComparer.Ordinal);
        lines.Should().OnlyHaveUniqueItems();
        typeof(EventId).Assembly.GetName().Name.Should().Be("Calcore");
    }
}
