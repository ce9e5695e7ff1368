using System.Collections.Immutable;

namespace Calcore.Ics;

/// <summary>What an iCalendar read gave: the top-level components and the diagnostics.</summary>
/// <remarks>
/// <para>A tolerant read always gives a result: what was broken is missing from <see cref="Components"/> and described
/// in <see cref="Diagnostics"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class IcsReadResult
{
    internal IcsReadResult(ImmutableArray<IcsComponent> components, ImmutableArray<IcsDiagnostic> diagnostics, bool hasErrors)
    {
        Components = components;
        Diagnostics = diagnostics;
        HasErrors = hasErrors;
    }

    /// <summary>Gets the top-level components, in the order of the input.</summary>
    /// <value>Normally one or more VCALENDARs; any other top-level component is kept too.</value>
    public ImmutableArray<IcsComponent> Components { get; }

    /// <summary>Gets the warnings and errors, in the order they were found.</summary>
    /// <value>Possibly empty; at most about 1,000 (a last warning says when more were not reported).</value>
    public ImmutableArray<IcsDiagnostic> Diagnostics { get; }

    /// <summary>Gets whether the read reported an error (something was skipped, or the input holds no VCALENDAR).</summary>
    /// <value>True when an error was found, even one past the reporting limit.</value>
    public bool HasErrors { get; }
}
