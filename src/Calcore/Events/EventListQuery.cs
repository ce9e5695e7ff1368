using Calcore.Attendees;
using NodaTime;

namespace Calcore.Events;

/// <summary>What to list: a window, whose calendar, which filters, and whether to expand series into instances.</summary>
/// <remarks>
/// <para>Without expansion (the default) a listing returns single events, series (when any instance overlaps the
/// window, however long ago the series began) and exceptions (instances that change a field and overlap the
/// window), as Google Calendar's <c>events.list</c> does. With <see cref="ExpandRecurrence"/> it returns single
/// events and instances (exceptions in place), never series (Google's <c>singleEvents=true</c>). Cancelled instances
/// are hidden unless <see cref="IncludeCancelledInstances"/> is set (Google's <c>showDeleted</c>). Results are ordered
/// by start, then id.</para>
/// <para>The window is half-open and may be open at either end (all time by default), except when expanding: a series
/// may have no end, so an expanded listing needs a window with a start and an end. The engine checks this before it
/// reads anything.</para>
/// <code>
/// var week = new EventListQuery(new Interval(monday, nextMonday))
/// {
///     Attendee = florent,
///     ExpandRecurrence = true,
/// };
/// IReadOnlyList&lt;CalendarEvent&gt; agenda = await manager.GetEventsAsync(week);
/// </code>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record EventListQuery
{
    private readonly SearchCriteria _criteria = SearchCriteria.None;

    /// <summary>Creates a query for every event that overlaps a window.</summary>
    /// <param name="window">The half-open window; it may be open at either end (not when expanding).</param>
    public EventListQuery(Interval window)
    {
        Window = window;
    }

    /// <summary>Creates a query for every event at any time.</summary>
    public EventListQuery()
        : this(new Interval(null, null))
    {
    }

    /// <summary>Gets the half-open window an event (for a series: any of its instances) must overlap.</summary>
    public Interval Window { get; init; }

    /// <summary>Gets the attendee whose calendar is listed (the events the attendee is on), or null for every event.</summary>
    /// <remarks>The scope always applies: <see cref="Criteria"/> narrow it and never replace it, and a participation
    /// status or role in the criteria without attendees applies to this attendee.</remarks>
    public AttendeeId? Attendee { get; init; }

    /// <summary>Gets further filters (<see cref="SearchCriteria.None"/> by default).</summary>
    /// <exception cref="System.ArgumentNullException">Set to null.</exception>
    public SearchCriteria Criteria
    {
        get => _criteria;
        init => _criteria = value ?? throw new System.ArgumentNullException(nameof(Criteria));
    }

    /// <summary>Gets a value indicating whether series are expanded into their instances.</summary>
    public bool ExpandRecurrence { get; init; }

    /// <summary>Gets a value indicating whether cancelled instances are listed.</summary>
    public bool IncludeCancelledInstances { get; init; }
}
