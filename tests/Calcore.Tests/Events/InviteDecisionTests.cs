using System;
using Calcore.Events;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Calcore.Tests.Events;

public class InviteDecisionTests
{
    private static readonly EventConflict Board =
        new(new EventId("e"), "Board", new Interval(Instant.FromUtc(2026, 3, 2, 10, 0), Instant.FromUtc(2026, 3, 2, 11, 0)));

    [Fact]
    public void Decline_with_a_null_conflict_throws_an_argument_exception_naming_the_conflicts()
    {
        Action act = () => InviteDecision.Decline([Board, null!]);

        act.Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "conflicts" && e.Message.Contains("index 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Accept_except_with_a_null_conflict_throws_an_argument_exception_naming_the_conflicts()
    {
        Action act = () => InviteDecision.AcceptExcept([], [null!]);

        act.Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "conflicts" && e.Message.Contains("index 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Decline_with_a_null_list_still_throws_argument_null_exception()
    {
        Action act = () => InviteDecision.Decline((System.Collections.Generic.IReadOnlyList<EventConflict>)null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("conflicts");
    }
}
