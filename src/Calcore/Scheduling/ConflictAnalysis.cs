using System.Collections.Generic;
using Calcore.Events;

namespace Calcore.Scheduling;

/// <summary>The result of checking an event against an attendee's bookings.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class ConflictAnalysis
{
    internal ConflictAnalysis(IReadOnlyList<EventConflict> conflicts, IReadOnlyList<OriginalStart> conflictingInstances, int checkedInstances)
    {
        Conflicts = conflicts;
        ConflictingInstances = conflictingInstances;
        CheckedInstances = checkedInstances;
    }

    /// <summary>Gets every conflicting booking, ordered by start.</summary>
    public IReadOnlyList<EventConflict> Conflicts { get; }

    /// <summary>Gets the instances of the invited series that conflict, ordered (empty for a single event).</summary>
    public IReadOnlyList<OriginalStart> ConflictingInstances { get; }

    /// <summary>Gets how many instances were checked (1 for a single event).</summary>
    public int CheckedInstances { get; }

    /// <summary>Gets a value indicating whether nothing conflicts.</summary>
    public bool IsFree => Conflicts.Count == 0;

    /// <summary>Describes the analysis: how many instances were checked and what conflicts.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
        => Conflicts.Count == 0
            ? $"free ({CheckedInstances} checked)"
            : $"{Conflicts.Count} conflict(s) ({CheckedInstances} checked): {string.Join(", ", Conflicts)}";
}
