using System.Collections.Generic;
using Calcore.Events;

namespace Calcore.Ics;

/// <summary>The report of one event of an import: its UID, what was done, the stored event's id, and why.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="Uid">The event's UID.</param>
/// <param name="Action">What was done.</param>
/// <param name="EventId">The stored event's id (null when it failed before one was chosen).</param>
/// <param name="Reason">Why it failed or what was left out (unknown people, exceptions that match no instance), or null.</param>
/// <param name="Line">The line of the event's VEVENT in the file (0 for a deletion).</param>
public sealed record IcsImportItem(string Uid, IcsImportAction Action, EventId? EventId, string? Reason, int Line)
{
    /// <summary>Gets the booking gate's decisions for the rooms and resources of the event.</summary>
    /// <value>Possibly empty.</value>
    public IReadOnlyList<BookingDecision> Bookings { get; init; } = [];
}
