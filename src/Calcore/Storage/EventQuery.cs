using Calcore.Attendees;
using NodaTime;

namespace Calcore.Storage;

/// <summary>What a storage query asks for: events by span, narrowed to an attendee or an organizer.</summary>
/// <remarks>
/// <para>With neither <see cref="Attendee"/> nor <see cref="Organizer"/> the query covers every event. A provider
/// should answer both narrowed forms from an index, not by scanning every event.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record EventQuery
{
    /// <summary>Gets the window that an event's span must overlap; unbounded by default (all time).</summary>
    public Interval Window { get; init; } = new(null, null);

    /// <summary>Gets the attendee who must have a commitment on the event, or null.</summary>
    public AttendeeId? Attendee { get; init; }

    /// <summary>Gets the organizer the event must have, or null.</summary>
    public AttendeeId? Organizer { get; init; }
}
