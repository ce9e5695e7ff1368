using System.Diagnostics;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace Calcore.Samples;

/// <summary>The file-based scripts under samples/scripts are run, so they cannot rot.</summary>
public class ScriptTests
{
    [Fact]
    public async Task Usecase_script_runs_and_reports_every_step()
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--file", RepositoryFiles.PathOf("samples", "scripts", "usecase.cs")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        // The test host sets MSBuild variables for its own build; the child build must not inherit them.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(name);
        }
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        string text = await output;
        process.ExitCode.Should().Be(0, "the script failed:\n{0}\n{1}", text, await error);
        text.Should().Contain("Florent invites room1: Accepted.")
            .And.Contain("Martijn accepts; he is now Accepted.")
            .And.Contain("Done: every step behaved as the use case says.");
    }
}
