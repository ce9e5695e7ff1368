using Xunit;

namespace Calcore.Samples;

public class SmokeTests
{
    [Fact]
    public void Library_assembly_loads() => Assert.Equal("NodaTime", typeof(NodaTime.Instant).Assembly.GetName().Name);
}
