using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace Calcore.Samples;

/// <summary>The file-based scripts under samples/scripts are run, so they cannot rot.</summary>
public class ScriptTests
{
    [Fact]
    public async Task Usecase_script_runs_on_a_SQLite_file_and_a_second_run_sees_the_first()
    {
        string db = Path.Combine(Path.GetTempPath(), $"calcore-usecase-test-{Guid.NewGuid():N}.db");
        try
        {
            string first = await RunAsync(db);
            first.Should().Contain($"Storage: SQLite file {db}").And.Contain("No earlier runs in this storage.")
                .And.Contain("Florent invites room1: Accepted.")
                .And.Contain("Martijn accepts; he is now Accepted.")
                .And.Contain("Done: every step behaved as the use case says.");

            string second = await RunAsync(db);
            second.Should().Contain("Earlier runs kept in this storage (1): run 1 at ")
                .And.Contain("Done: every step behaved as the use case says.");
        }
        finally
        {
            foreach (string file in new[] { db, db + "-wal", db + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<string> RunAsync(string db)
    {
        var start = new ProcessStartInfo("dotnet", ["run", "--file", RepositoryFiles.PathOf("samples", "scripts", "usecase.cs")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        start.Environment["CALCORE_USECASE_DB"] = db;
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
        return text;
    }
}
