using Xunit;

namespace Calcore.Tests;

public class SmokeTests
{
    [Fact]
    public void Library_assembly_loads() => Assert.Equal("Calcore", typeof(Calcore.Internal.Preconditions).Assembly.GetName().Name);
}
