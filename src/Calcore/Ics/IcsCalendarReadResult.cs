using System.Collections.Immutable;
using System.Linq;

namespace Calcore.Ics;

/// <summary>What reading an iCalendar file as events gave: the calendar (every event that could be read) and the
/// diagnostics (what was skipped or read in a particular way, with line and column).</summary>
/// <remarks>
/// <para>A tolerant read always gives a calendar, possibly empty; <see cref="HasErrors"/> says whether anything was
/// skipped. <see cref="GetValueOrThrow"/> turns the first error into an exception for callers that want all or
/// nothing.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class IcsCalendarReadResult
{
    internal IcsCalendarReadResult(IcsCalendar calendar, ImmutableArray<IcsDiagnostic> diagnostics)
    {
        Calendar = calendar;
        Diagnostics = diagnostics;
    }

    /// <summary>Gets the calendar: every event, other component and calendar property that could be read.</summary>
    /// <value>Never null.</value>
    public IcsCalendar Calendar { get; }

    /// <summary>Gets the diagnostics, in the order they were found.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsDiagnostic> Diagnostics { get; }

    /// <summary>Gets a value indicating whether any diagnostic is an error (something was skipped).</summary>
    /// <value>True when something was skipped.</value>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == IcsSeverity.Error);

    /// <summary>Returns the calendar, or throws for the first error.</summary>
    /// <returns>The calendar, when nothing was skipped.</returns>
    /// <exception cref="IcsParseException">Something was skipped; the exception names the first error.</exception>
    public IcsCalendar GetValueOrThrow()
        => Diagnostics.FirstOrDefault(d => d.Severity == IcsSeverity.Error) is { } error ? throw new IcsParseException(error) : Calendar;
}
