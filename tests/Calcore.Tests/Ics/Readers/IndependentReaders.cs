using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Calcore.Tests.Ics.Readers;

/// <summary>One attendee as an independent reader saw it: the address in lower case without <c>mailto:</c>, and the
/// PARTSTAT, ROLE and CUTYPE values in upper case with RFC 5545's defaults (NEEDS-ACTION, REQ-PARTICIPANT,
/// INDIVIDUAL) where the parameter is absent.</summary>
public sealed record ReaderAttendee(string Address, string PartStat, string Role, string CuType);

/// <summary>One VEVENT as an independent reader saw it. A time is a UTC instant <c>yyyy-MM-ddTHH:mm:ssZ</c>, a floating
/// local time <c>yyyy-MM-ddTHH:mm:ss</c> or a date <c>yyyy-MM-dd</c>; <see cref="End"/> is DTEND, else DTSTART +
/// DURATION, else null; <see cref="RRule"/> is normalized by <see cref="IndependentReaders.NormalizeRRule"/>;
/// <see cref="ExDates"/> are sorted and <see cref="Attendees"/> sorted by address.</summary>
public sealed record ReaderEvent(
    string Uid,
    string? RecurrenceId,
    string? Start,
    string? End,
    string? Summary,
    string? RRule,
    ImmutableArray<string> ExDates,
    ImmutableArray<ReaderAttendee> Attendees)
{
    /// <summary>Value equality over the lists too (a record compares arrays by reference).</summary>
    public bool Equals(ReaderEvent? other)
        => other is not null && Uid == other.Uid && RecurrenceId == other.RecurrenceId && Start == other.Start && End == other.End
           && Summary == other.Summary && RRule == other.RRule && ExDates.SequenceEqual(other.ExDates)
           && Attendees.SequenceEqual(other.Attendees);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Uid, RecurrenceId, Start);

    /// <summary>The (uid, recurrenceId) key events are sorted and matched by.</summary>
    public string Key => Uid + " | " + (RecurrenceId ?? "-");
}

/// <summary>The three independent iCalendar readers issue #14 checks our files against: Debian's python3-icalendar
/// (<c>tests/tools/ics-readers/read_icalendar.py</c>), libical 3 (<c>read_libical.c</c>, compiled here on first use
/// with gcc and pkg-config) and Ical.Net 5.2.4 (in process). Each returns the same normalized event list, sorted by
/// (uid, recurrenceId) ordinally. A reader that rejects a file throws <see cref="InvalidOperationException"/> with its
/// message. <c>.ci/run</c> installs the Debian packages; use <see cref="Require"/> to skip on a developer machine that
/// lacks one and fail in CI. Thread-safe: the libical build happens once under a lock.</summary>
public static class IndependentReaders
{
    /// <summary>Debian's interpreter: python3-icalendar installs into its dist-packages only.</summary>
    public const string PythonPath = "/usr/bin/python3";

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(120);
    private static readonly Lazy<string?> PythonProblem = new(FindPythonProblem, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<(string? Binary, string? Problem)> Libical = new(BuildLibicalReader, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding <c>read_icalendar.py</c> and <c>read_libical.c</c> in the test output.</summary>
    public static string ToolsDirectory => Path.Combine(AppContext.BaseDirectory, "IcsReaders");

    /// <summary>Whether python3-icalendar can run here.</summary>
    public static bool IsPythonAvailable => PythonProblem.Value is null;

    /// <summary>Whether the libical reader is built (or could be built) here.</summary>
    public static bool IsLibicalAvailable => Libical.Value.Problem is null;

    /// <summary>Ical.Net is a package reference: always available.</summary>
    public static bool IsIcalNetAvailable => true;

    /// <summary>Why a reader is unavailable, or null when it is available.</summary>
    public static string? Problem(IndependentReader reader) => reader switch
    {
        IndependentReader.Python => PythonProblem.Value,
        IndependentReader.Libical => Libical.Value.Problem,
        IndependentReader.IcalNet => null,
        _ => throw new ArgumentOutOfRangeException(nameof(reader), reader, "not a reader"),
    };

    /// <summary>True when the reader is available. Otherwise fails the test when the environment variable <c>CI</c>
    /// is set (CI installs every reader), and on a developer machine writes why to <paramref name="log"/> and returns
    /// false so that the test can return early.</summary>
    public static bool Require(IndependentReader reader, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        string? problem = Problem(reader);
        if (problem is null)
        {
            return true;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException($"CI must provide the {reader} reader (.ci/run installs it): {problem}");
        }

        log($"The {reader} reader is not available here, so this test checks nothing: {problem}");
        return false;
    }

    /// <summary>Reads a file with the given reader (Ical.Net gets the file's text decoded as UTF-8, invalid bytes
    /// replaced, which is what a .NET caller of Ical.Net does).</summary>
    public static IReadOnlyList<ReaderEvent> Read(IndependentReader reader, string path) => reader switch
    {
        IndependentReader.Python => ReadWithPython(path),
        IndependentReader.Libical => ReadWithLibical(path),
        IndependentReader.IcalNet => ReadWithIcalNet(File.ReadAllText(path, new UTF8Encoding(false, false))),
        _ => throw new ArgumentOutOfRangeException(nameof(reader), reader, "not a reader"),
    };

    /// <summary>Reads the file with python3-icalendar.</summary>
    public static IReadOnlyList<ReaderEvent> ReadWithPython(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (PythonProblem.Value is { } problem)
        {
            throw new InvalidOperationException("python3-icalendar is not available: " + problem);
        }

        return Parse(Run(PythonPath, [Path.Combine(ToolsDirectory, "read_icalendar.py"), Path.GetFullPath(path)], "python3-icalendar"));
    }

    /// <summary>Reads the file with libical.</summary>
    public static IReadOnlyList<ReaderEvent> ReadWithLibical(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        (string? binary, string? problem) = Libical.Value;
        if (binary is null)
        {
            throw new InvalidOperationException("the libical reader is not available: " + problem);
        }

        return Parse(Run(binary, [Path.GetFullPath(path)], "libical"));
    }

    /// <summary>Reads iCalendar text with Ical.Net 5.2.4.</summary>
    public static IReadOnlyList<ReaderEvent> ReadWithIcalNet(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"Ical.Net rejected the text: {e.GetType().Name}: {e.Message}", e);
        }

        if (calendar is null)
        {
            throw new InvalidOperationException("Ical.Net found no calendar in the text");
        }

        var events = new List<ReaderEvent>();
        foreach (CalendarEvent e in calendar.Events)
        {
            CalDateTime? start = e.DtStart;
            CalDateTime? end = e.DtEnd ?? (start is not null && e.Duration is { } duration ? start.Add(duration) : null);
            IEnumerable<string> exdates = e.ExceptionDates.GetAllDates().Select(d => Format(d)!);
            IEnumerable<ReaderAttendee> attendees = e.Attendees.Select(a => Attendee(
                a.Value?.OriginalString ?? "", a.ParticipationStatus, a.Role, a.Type));
            events.Add(Create(
                e.Uid ?? "", Format(e.RecurrenceIdentifier?.StartTime), Format(start), Format(end), e.Summary,
                e.RecurrenceRule?.ToString(), exdates, attendees));
        }

        return Sorted(events);
    }

    /// <summary>An RRULE in one spelling: parts upper-case and sorted, the defaults INTERVAL=1 and WKST=MO dropped
    /// (readers differ in whether they write them).</summary>
    public static string? NormalizeRRule(string? rule)
    {
        if (rule is null)
        {
            return null;
        }

        string text = rule.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? rule[6..] : rule;
        return string.Join(';', text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToUpperInvariant())
            .Where(p => p is not ("INTERVAL=1" or "WKST=MO"))
            .Order(StringComparer.Ordinal));
    }

    /// <summary>The normalized event list in a reader's JSON document (the format the scripts print and
    /// <c>manifest.json</c> uses).</summary>
    public static IReadOnlyList<ReaderEvent> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement);
    }

    /// <summary>The normalized event list in a JSON array element.</summary>
    public static IReadOnlyList<ReaderEvent> Parse(JsonElement array)
    {
        var events = new List<ReaderEvent>();
        foreach (JsonElement e in array.EnumerateArray())
        {
            events.Add(Create(
                e.GetProperty("uid").GetString() ?? "",
                e.GetProperty("recurrenceId").GetString(),
                e.GetProperty("start").GetString(),
                e.GetProperty("end").GetString(),
                e.GetProperty("summary").GetString(),
                e.GetProperty("rrule").GetString(),
                e.GetProperty("exdates").EnumerateArray().Select(x => x.GetString()!),
                e.GetProperty("attendees").EnumerateArray().Select(a => Attendee(
                    a.GetProperty("address").GetString()!, a.GetProperty("partstat").GetString(),
                    a.GetProperty("role").GetString(), a.GetProperty("cutype").GetString()))));
        }

        return Sorted(events);
    }

    private static ReaderEvent Create(
        string uid, string? recurrenceId, string? start, string? end, string? summary, string? rrule,
        IEnumerable<string> exdates, IEnumerable<ReaderAttendee> attendees)
        => new(uid, recurrenceId, start, end, summary, NormalizeRRule(rrule),
            [.. exdates.Order(StringComparer.Ordinal)],
            [.. attendees.OrderBy(a => a.Address, StringComparer.Ordinal)]);

    private static ReaderAttendee Attendee(string address, string? partstat, string? role, string? cutype)
    {
        string a = address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? address[7..] : address;
        return new ReaderAttendee(
            a.ToLowerInvariant(),
            string.IsNullOrEmpty(partstat) ? "NEEDS-ACTION" : partstat.ToUpperInvariant(),
            string.IsNullOrEmpty(role) ? "REQ-PARTICIPANT" : role.ToUpperInvariant(),
            string.IsNullOrEmpty(cutype) ? "INDIVIDUAL" : cutype.ToUpperInvariant());
    }

    private static List<ReaderEvent> Sorted(List<ReaderEvent> events)
    {
        events.Sort((x, y) =>
        {
            int c = string.CompareOrdinal(x.Uid, y.Uid);
            return c != 0 ? c : string.CompareOrdinal(x.RecurrenceId ?? "", y.RecurrenceId ?? "");
        });
        return events;
    }

    private static string? Format(CalDateTime? time)
    {
        if (time is null)
        {
            return null;
        }

        if (!time.HasTime)
        {
            return time.Date.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
        }

        return time.IsFloating
            ? time.Value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture)
            : time.AsUtc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
    }

    private static string Run(string program, IReadOnlyList<string> arguments, string name)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{name}: {program} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(ProcessTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{name} did not finish within {ProcessTimeout.TotalSeconds:0} s");
        }

        process.WaitForExit();
        string output = stdout.GetAwaiter().GetResult();
        string errors = stderr.GetAwaiter().GetResult();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{name} rejected the file (exit code {process.ExitCode}): {errors.Trim()}");
    }

    private static string? FindPythonProblem()
    {
        if (!File.Exists(PythonPath))
        {
            return PythonPath + " does not exist (apt-get install python3-icalendar)";
        }

        try
        {
            string version = Run(PythonPath, ["-c", "import icalendar; print(icalendar.__version__)"], "python3");
            return string.IsNullOrWhiteSpace(version) ? "python3-icalendar printed no version" : null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "python3-icalendar is not installed (apt-get install python3-icalendar): " + e.Message;
        }
    }

    /// <summary>Compiles read_libical.c once into a folder named by the source's hash (so a changed source is rebuilt
    /// and parallel test processes share a build), writing to a temporary name and renaming it into place.</summary>
    private static (string? Binary, string? Problem) BuildLibicalReader()
    {
        string source = Path.Combine(ToolsDirectory, "read_libical.c");
        if (!File.Exists(source))
        {
            return (null, source + " is missing from the test output");
        }

        try
        {
            string cflags = Run("pkg-config", ["--cflags", "--libs", "libical"], "pkg-config").Trim();
            string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(source)))[..16];
            string folder = Path.Combine(Path.GetTempPath(), "calcore-ics-readers", hash);
            string binary = Path.Combine(folder, "read_libical");
            if (File.Exists(binary))
            {
                return (binary, null);
            }

            Directory.CreateDirectory(folder);
            string temporary = binary + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            var arguments = new List<string> { "-O2", "-o", temporary, source };
            arguments.AddRange(cflags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Run("gcc", arguments, "gcc");
            File.Move(temporary, binary, overwrite: true);
            return (binary, null);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return (null, "cannot build the libical reader (apt-get install gcc pkg-config libical-dev): " + e.Message);
        }
    }
}

/// <summary>The independent readers of issue #14.</summary>
public enum IndependentReader
{
    /// <summary>Debian's python3-icalendar.</summary>
    Python,

    /// <summary>libical 3 through a small C program.</summary>
    Libical,

    /// <summary>Ical.Net 5.2.4, in process.</summary>
    IcalNet,
}
