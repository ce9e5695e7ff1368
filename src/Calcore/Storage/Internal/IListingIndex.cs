using System.Collections.Generic;
using Calcore.Attendees;
using Calcore.Events;
using NodaTime;

namespace Calcore.Storage.Internal;

/// <summary>
/// A storage whose index records, for each entry, which reader may list the snapshot exactly as it is stored
/// (<see cref="CalendarEvent.ListableBy"/>): a listing can then return those snapshots without reading them.
/// </summary>
/// <remarks>
/// <para>On a large calendar a listing's cost is the memory it has to wait for. Reading a returned snapshot to learn
/// that it is a single event whose span is fixed and that it is already bound to the reading manager costs one
/// cache and TLB miss per event; the index line that points at the snapshot already holds that answer.</para>
/// <para>Only <see cref="MemoryStorage"/> implements it. It is internal: a provider that stores snapshots elsewhere
/// builds new ones on every read, which no reader can list without binding them.</para>
/// </remarks>
internal interface IListingIndex
{
    /// <summary>
    /// Answers <paramref name="query"/> like <see cref="IStorage.QueryEventsAsync"/>, in the same order, split in two:
    /// the snapshots listable by <paramref name="reader"/> go to <paramref name="listable"/> with their indexed start;
    /// the others are returned.
    /// </summary>
    /// <param name="query">The query.</param>
    /// <param name="reader">The reader (a manager).</param>
    /// <param name="listable">Receives the listable snapshots and their start, in storage order.</param>
    /// <returns>The other snapshots in storage order, or null when there are none.</returns>
    IReadOnlyList<CalendarEvent>? QueryListable(EventQuery query, object reader, List<(Instant Start, CalendarEvent Event)> listable);

    /// <summary>
    /// Answers the events of <paramref name="attendee"/> that overlap <paramref name="window"/>, in storage order, when
    /// every one of them is listable by <paramref name="reader"/> and the index can say so at once; otherwise null,
    /// and the caller takes <see cref="QueryListable"/> or the general path (which also reports a disposed storage).
    /// </summary>
    /// <param name="attendee">The attendee.</param>
    /// <param name="window">The window.</param>
    /// <param name="reader">The reader (a manager).</param>
    /// <returns>The snapshots (a new array, or an empty one), or null.</returns>
    CalendarEvent[]? ListListable(AttendeeId attendee, Interval window, object reader);
}
