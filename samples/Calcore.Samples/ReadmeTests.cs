using System.IO;
using FluentAssertions;
using Xunit;

namespace Calcore.Samples;

/// <summary>The README's code is copied from samples, never typed by hand: these tests keep it so.</summary>
public class ReadmeTests
{
    [Fact]
    public void Readme_quickstart_is_the_quickstart_program()
    {
        string program = File.ReadAllText(RepositoryFiles.PathOf("samples", "Calcore.Quickstart", "Program.cs")).ReplaceLineEndings("\n").TrimEnd();
        string readme = File.ReadAllText(RepositoryFiles.PathOf("README.md")).ReplaceLineEndings("\n");
        readme.Should().Contain("```csharp\n" + program + "\n```", "README.md's Quickstart block must be samples/Calcore.Quickstart/Program.cs, whole");
    }

    [Fact]
    public void Readme_first_command_runs_the_quickstart_program()
    {
        string readme = File.ReadAllText(RepositoryFiles.PathOf("README.md")).ReplaceLineEndings("\n");
        int setUp = readme.IndexOf("```bash\n", System.StringComparison.Ordinal);
        setUp.Should().BePositive("the README has a set-up block");
        string[] commands = readme[(setUp + 8)..readme.IndexOf("\n```", setUp + 8, System.StringComparison.Ordinal)].Split('\n');
        commands.Should().HaveCount(2, "the README has exactly two set-up commands");
        commands[0].Should().StartWith("dotnet run --project samples/Calcore.Quickstart");
        commands[1].Should().StartWith("dotnet test Calcore.sln");
    }
}
