using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>Runs the TestHost as a child process (<c>dotnet Calcore.Storage.Sqlite.TestHost.dll …</c>) and collects its output lines.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<string> _errors = new();

    private ChildProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Gets the TestHost's dll, built next to this test project (same configuration and framework).</summary>
    public static string HostDll
    {
        get
        {
            var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string framework = baseDir.Name;
            string configuration = baseDir.Parent!.Name;
            string tests = baseDir.Parent.Parent!.Parent!.Parent!.FullName;
            string dll = Path.Combine(tests, "Calcore.Storage.Sqlite.TestHost", "bin", configuration, framework, "Calcore.Storage.Sqlite.TestHost.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build tests/Calcore.Storage.Sqlite.TestHost first.", dll);
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Gets the exit code, once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    public string Errors => string.Join(Environment.NewLine, _errors);

    public static ChildProcess Start(params string[] args) => StartCommand(["dotnet", HostDll, .. args]);

    /// <summary>Runs any command line (for instance the host behind <c>setpriv</c>, as another user) and collects its output lines.</summary>
    public static ChildProcess StartCommand(System.Collections.Generic.IReadOnlyList<string> commandLine, System.Collections.Generic.IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(commandLine[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in commandLine.Skip(1))
        {
            info.ArgumentList.Add(a);
        }
        foreach ((string name, string value) in environment ?? new System.Collections.Generic.Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        // The test host may run under MSBuild (dotnet test): do not let the child inherit its SDK resolution.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH" })
        {
            info.Environment.Remove(name);
        }
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._lines.Writer.TryComplete();
            }
            else
            {
                child._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child._errors.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Takes the next output line, or null when the output ended or the timeout passed.</summary>
    /// <remarks>Asynchronous, so that a test waiting for a child (which may take seconds to start on a busy machine)
    /// does not hold one of the test runner's few threads, which the tests running beside it need.</remarks>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.WaitToReadAsync(cancel.Token) && _lines.Reader.TryRead(out string? line) ? line : null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Takes every line received so far, without waiting.</summary>
    public System.Collections.Generic.List<string> Drain()
    {
        var list = new System.Collections.Generic.List<string>();
        while (_lines.Reader.TryRead(out string? line))
        {
            list.Add(line);
        }
        return list;
    }

    /// <summary>Kills the process with SIGKILL and waits until it is gone and its output is read.</summary>
    public void KillHard()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        _process.WaitForExit();
    }

    /// <summary>Waits for the process to exit (and its output to be read), or false when the timeout passed first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }
        _process.Dispose();
    }
}
