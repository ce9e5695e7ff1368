using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace Calcore.Samples;

/// <summary>The file-based scripts under samples/scripts are run, so they cannot rot. The use-case script is compiled
/// once (<see cref="UsecaseScript"/>) and its build run for each case.</summary>
public class ScriptTests(UsecaseScript script) : IClassFixture<UsecaseScript>
{
    [Fact]
    public async Task Usecase_script_runs_on_a_SQLite_file_and_a_second_run_sees_the_first()
    {
        string db = Path.Combine(Path.GetTempPath(), $"calcore-usecase-test-{Guid.NewGuid():N}.db");
        try
        {
            string first = await script.RunAsync(db);
            first.Should().Contain($"Storage: SQLite file {db}").And.Contain("No earlier runs in this storage.")
                .And.Contain("Florent invites room1: Accepted.")
                .And.Contain("Martijn accepts; he is now Accepted.")
                .And.Contain("Done: every step behaved as the use case says.");

            string second = await script.RunAsync(db);
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
}

/// <summary>Builds <c>samples/scripts/usecase.cs</c> once (<c>dotnet build usecase.cs -o …</c>, as <c>dotnet run</c> would
/// before running it) into a temporary folder, and runs the built program for each case (<c>dotnet usecase.dll</c>):
/// one compile instead of one per <c>dotnet run</c>.</summary>
public sealed class UsecaseScript : IAsyncLifetime
{
    private readonly string _output = Directory.CreateTempSubdirectory("calcore-usecase-build-").FullName;

    private string Program => Path.Combine(_output, "usecase.dll");

    public async Task InitializeAsync()
    {
        (int exitCode, string output, string error) = await RunProcessAsync(
            ["build", RepositoryFiles.PathOf("samples", "scripts", "usecase.cs"), "-o", _output], db: null);
        exitCode.Should().Be(0, "the script does not build:\n{0}\n{1}", output, error);
        File.Exists(Program).Should().BeTrue("the build writes {0}:\n{1}", Program, output);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_output, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open is left in the temp folder.
        }
        return Task.CompletedTask;
    }

    /// <summary>Runs the built script on a SQLite file (<c>CALCORE_USECASE_DB</c>) and returns its output; fails unless it exits with 0.</summary>
    public async Task<string> RunAsync(string db)
    {
        (int exitCode, string output, string error) = await RunProcessAsync([Program], db);
        exitCode.Should().Be(0, "the script failed:\n{0}\n{1}", output, error);
        return output;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(string[] arguments, string? db)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        if (db is not null)
        {
            start.Environment["CALCORE_USECASE_DB"] = db;
        }
        // The test host sets MSBuild variables for its own build; the child build must not inherit them.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(name);
        }
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
