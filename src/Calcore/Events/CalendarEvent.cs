using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Calcore.Attendees;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Events;

/// <summary>A snapshot of a stored event: its id, fields, commitments (participation), version and ETag.</summary>
/// <remarks>
/// <para>Events are immutable values: a snapshot holds no reference to the engine or to a storage. Every change is a
/// call on the engine that returns a new snapshot with a higher <see cref="Version"/>. A caller may pass the
/// version it read to a change; if the stored version differs the change is refused with a
/// <see cref="ConcurrencyConflictException"/> and nothing is written.</para>
/// <para>Two snapshots are equal when they have the same id and version (whichever engine returned them).</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class CalendarEvent : IEquatable<CalendarEvent>
{
    /// <summary>Creates a snapshot of a single event or a series. Storage providers use this to rebuild what they stored.</summary>
    /// <param name="id">The event's id.</param>
    /// <param name="details">The event's fields.</param>
    /// <param name="commitments">The participation of each attendee; at most one per attendee.</param>
    /// <param name="version">The version, at least 1.</param>
    /// <param name="created">When the event was created.</param>
    /// <param name="updated">When it was last changed.</param>
    /// <param name="overrides">A series' exceptions and cancelled instances, at most one per original start; null or empty for a single event.</param>
    /// <param name="splitFromId">The series this one was split from by a "this and following" change, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> or <paramref name="commitments"/> is null.</exception>
    /// <exception cref="ArgumentException">The id is the default value, an attendee appears twice, the version is below 1,
    /// or overrides are given for a single event or twice for one original start.</exception>
    public CalendarEvent(EventId id, EventDetails details, IEnumerable<Commitment> commitments, long version, Instant created, Instant updated,
        IEnumerable<InstanceOverride>? overrides = null, EventId? splitFromId = null)
        : this(id, details, ToList(commitments), SortOverrides(overrides), version, created, updated, splitFromId, null, null)
    {
        Preconditions.CheckArgument(id.Value.Length > 0, nameof(id), "The event id must not be the default value.");
        Preconditions.CheckArgumentRange(nameof(version), version, 1, long.MaxValue);
        for (int i = 0; i < Commitments.Length; i++)
        {
            Preconditions.CheckArgument(Commitments[i] is not null, nameof(commitments), "A commitment must not be null.");
            for (int j = 0; j < i; j++)
            {
                if (Commitments[j].AttendeeId == Commitments[i].AttendeeId)
                {
                    throw new ArgumentException($"The attendee '{Commitments[i].AttendeeId}' has more than one commitment.", nameof(commitments));
                }
            }
        }
        Preconditions.CheckArgument(Overrides.IsEmpty || details.IsRecurring, nameof(overrides), "Only a recurring event has instance overrides.");
        for (int i = 1; i < Overrides.Length; i++)
        {
            if (Overrides[i - 1].OriginalStart == Overrides[i].OriginalStart)
            {
                throw new ArgumentException($"The instance {Overrides[i].OriginalStart} has more than one override.", nameof(overrides));
            }
        }
    }

    private CalendarEvent(EventId id, EventDetails details, ImmutableArray<Commitment> commitments, ImmutableArray<InstanceOverride> overrides,
        long version, Instant created, Instant updated, EventId? splitFromId, EventId? recurringEventId, OriginalStart? originalStart)
    {
        Id = id;
        Details = Preconditions.CheckNotNull(details);
        Commitments = commitments;
        Overrides = overrides;
        Version = version;
        Created = created;
        Updated = updated;
        SplitFromId = splitFromId;
        RecurringEventId = recurringEventId;
        OriginalStart = originalStart;
        IsRecurring = details.IsRecurring;
    }

    /// <summary>Gets the event's id.</summary>
    public EventId Id { get; }

    /// <summary>Gets the event's fields.</summary>
    public EventDetails Details { get; }

    /// <summary>Gets the participation of each attendee, in the order the attendees were added.</summary>
    public ImmutableArray<Commitment> Commitments { get; }

    /// <summary>Gets a series' exceptions and cancelled instances, ordered by original start (empty otherwise).</summary>
    public ImmutableArray<InstanceOverride> Overrides { get; }

    /// <summary>Gets the series this one continues after a "this and following" change, or null.</summary>
    public EventId? SplitFromId { get; }

    /// <summary>Gets, for an instance, the id of its series (Google's <c>recurringEventId</c>); null otherwise.</summary>
    public EventId? RecurringEventId { get; }

    /// <summary>Gets, for an instance, the start its series' rule gave it (Google's <c>originalStartTime</c>); null otherwise.</summary>
    public OriginalStart? OriginalStart { get; }

    /// <summary>Gets a value indicating whether this is a series (it has recurrence lines).</summary>
    public bool IsRecurring { get; }

    /// <summary>Gets a value indicating whether this is one instance of a series.</summary>
    public bool IsInstance => RecurringEventId is not null;

    /// <summary>Gets the recurrence lines of a series (empty otherwise).</summary>
    public IReadOnlyList<string> Recurrence => Details.Recurrence;

    /// <summary>Gets the version: 1 when created, growing with every change. An instance has its series' version.</summary>
    public long Version { get; }

    /// <summary>Gets an HTTP-style entity tag that changes with every change (a quoted string).</summary>
    public string ETag => OriginalStart is { } o
        ? FormattableString.Invariant($"\"{Created.ToUnixTimeTicks():x}-{Version}-{o}\"")
        : FormattableString.Invariant($"\"{Created.ToUnixTimeTicks():x}-{Version}\"");

    /// <summary>Gets when the event was created (from the engine's clock).</summary>
    public Instant Created { get; }

    /// <summary>Gets when the event was last changed (from the engine's clock).</summary>
    public Instant Updated { get; }

    /// <summary>Gets the title.</summary>
    public string Title => Details.Title;

    /// <summary>Gets the description.</summary>
    public string Description => Details.Description;

    /// <summary>Gets the location.</summary>
    public string Location => Details.Location;

    /// <summary>Gets the timing.</summary>
    public EventTiming Timing => Details.Timing;

    /// <summary>Gets the status.</summary>
    public EventStatus Status => Details.Status;

    /// <summary>Gets the transparency.</summary>
    public Transparency Transparency => Details.Transparency;

    /// <summary>Gets the access class.</summary>
    public AccessClass AccessClass => Details.AccessClass;

    /// <summary>Gets the categories.</summary>
    public IReadOnlyCollection<string> Categories => Details.Categories;

    /// <summary>Gets the organizer, or null.</summary>
    public AttendeeId? OrganizerId => Details.OrganizerId;

    /// <summary>Gets the iCalendar UID.</summary>
    public string Uid => Details.Uid ?? Id.Value;

    /// <summary>Gets the attendee ids, in the order they were added.</summary>
    public IEnumerable<AttendeeId> AttendeeIds => Commitments.Select(c => c.AttendeeId);

    /// <summary>Gets an attendee's commitment, or null when the attendee is not on the event.</summary>
    /// <param name="attendee">The attendee.</param>
    /// <returns>The commitment or null.</returns>
    public Commitment? FindCommitment(AttendeeId attendee)
    {
        foreach (Commitment c in Commitments)
        {
            if (c.AttendeeId == attendee)
            {
                return c;
            }
        }
        return null;
    }

    /// <summary>Gets an attendee's participation status, or null when the attendee is not on the event.</summary>
    /// <param name="attendee">The attendee.</param>
    /// <returns>The status or null.</returns>
    public ParticipationStatus? GetParticipationStatus(AttendeeId attendee) => FindCommitment(attendee)?.Status;

    /// <summary>Gets an attendee's role, or null when the attendee is not on the event.</summary>
    /// <param name="attendee">The attendee.</param>
    /// <returns>The role or null.</returns>
    public ParticipationRole? GetParticipationRole(AttendeeId attendee) => FindCommitment(attendee)?.Role;

    /// <summary>Gets a value indicating whether an attendee is on the event.</summary>
    /// <param name="attendee">The attendee.</param>
    /// <returns>True when the attendee has a commitment.</returns>
    public bool HasAttendee(AttendeeId attendee) => FindCommitment(attendee) is not null;

    /// <summary>Places the event on the time line (see <see cref="EventTiming.ToInterval"/>).</summary>
    /// <param name="defaultZone">The zone for floating and all-day events.</param>
    /// <returns>The half-open interval of instants.</returns>
    public Interval ToInterval(DateTimeZone defaultZone) => Timing.ToInterval(defaultZone);

    /// <summary>Gets the override of one instance of a series, or null.</summary>
    /// <param name="originalStart">The instance's original start.</param>
    /// <returns>The override or null.</returns>
    public InstanceOverride? FindOverride(OriginalStart originalStart)
    {
        foreach (InstanceOverride o in Overrides)
        {
            if (o.OriginalStart == originalStart)
            {
                return o;
            }
        }
        return null;
    }

    /// <summary>Returns the next version of this event with other fields and commitments.</summary>
    internal CalendarEvent Next(EventDetails details, ImmutableArray<Commitment> commitments, Instant updated)
        => Next(details, commitments, Overrides, updated);

    /// <summary>Returns the next version of this event with other fields, commitments and overrides.</summary>
    internal CalendarEvent Next(EventDetails details, ImmutableArray<Commitment> commitments, ImmutableArray<InstanceOverride> overrides, Instant updated)
        => new(Id, details, commitments, details.IsRecurring ? SortOverrides(overrides) : [], checked(Version + 1), Created, updated, SplitFromId, null, null);

    /// <summary>Returns the same version with other commitments and overrides (used while a write is being prepared).</summary>
    internal CalendarEvent WithCommitments(ImmutableArray<Commitment> commitments, ImmutableArray<InstanceOverride>? overrides = null)
        => new(Id, Details, commitments, overrides is { } o ? SortOverrides(o) : Overrides, Version, Created, Updated, SplitFromId, RecurringEventId, OriginalStart);

    /// <summary>Creates version 1 of a new event.</summary>
    internal static CalendarEvent CreateNew(EventId id, EventDetails details, ImmutableArray<Commitment> commitments, Instant now,
        ImmutableArray<InstanceOverride> overrides = default, EventId? splitFromId = null)
        => new(id, details, commitments, overrides.IsDefault ? [] : SortOverrides(overrides), 1, now, now, splitFromId, null, null);

    /// <summary>Creates the snapshot of one instance of a series.</summary>
    internal static CalendarEvent CreateInstance(CalendarEvent series, OriginalStart originalStart, EventDetails details, ImmutableArray<Commitment> commitments)
        => new(EventId.ForInstance(series.Id, originalStart), details, commitments, [], series.Version, series.Created, series.Updated,
            null, series.Id, originalStart);

    private static ImmutableArray<InstanceOverride> SortOverrides(IEnumerable<InstanceOverride>? overrides)
    {
        if (overrides is null)
        {
            return [];
        }
        var list = overrides.ToList();
        foreach (InstanceOverride? o in list)
        {
            Preconditions.CheckArgument(o is not null, nameof(overrides), "An override must not be null.");
        }
        list.Sort((a, b) => a.OriginalStart.CompareTo(b.OriginalStart));
        return [.. list];
    }

    /// <inheritdoc/>
    public bool Equals(CalendarEvent? other) => other is not null && Id == other.Id && Version == other.Version;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CalendarEvent);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Version);

    /// <summary>Returns the title, id, version and timing.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"'{Title}' ({Id} v{Version}) {Timing}";

    /// <summary>Tests two snapshots for equality (same id and version).</summary>
    /// <param name="left">The first snapshot.</param>
    /// <param name="right">The second snapshot.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(CalendarEvent? left, CalendarEvent? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Tests two snapshots for inequality.</summary>
    /// <param name="left">The first snapshot.</param>
    /// <param name="right">The second snapshot.</param>
    /// <returns>True when not equal.</returns>
    public static bool operator !=(CalendarEvent? left, CalendarEvent? right) => !(left == right);

    private static ImmutableArray<Commitment> ToList(IEnumerable<Commitment> commitments)
        => [.. Preconditions.CheckNotNull(commitments)];
}
