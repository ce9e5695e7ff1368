using Calcore.Attendees;

namespace Calcore.Ics;

/// <summary>How the engine's <c>ImportAsync</c> (on the storage manager)
/// brings a calendar into the engine.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record IcsImportOptions
{
    /// <summary>Gets the default options: per event, unknown people reported (not created), no synchronization.</summary>
    /// <value>The defaults.</value>
    public static IcsImportOptions Default { get; } = new();

    /// <summary>Gets what happens to an ORGANIZER or ATTENDEE whose address the attendee directory does not know.</summary>
    /// <value><see cref="IcsUnknownAttendees.Report"/> by default.</value>
    public IcsUnknownAttendees UnknownAttendees { get; init; } = IcsUnknownAttendees.Report;

    /// <summary>Gets whether each event is imported in its own unit of work or the whole calendar in one.</summary>
    /// <value><see cref="IcsImportMode.PerEvent"/> by default.</value>
    public IcsImportMode Mode { get; init; } = IcsImportMode.PerEvent;

    /// <summary>Gets the attendee whose calendar the file replaces: after the import, that attendee's events whose UID
    /// is not in the file are deleted (a feed kept in sync). Null (the default) deletes nothing.</summary>
    /// <value>An attendee, or null.</value>
    public AttendeeId? SynchronizeCalendarOf { get; init; }
}
