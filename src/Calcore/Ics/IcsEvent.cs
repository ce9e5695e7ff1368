using System;
using System.Collections.Immutable;
using System.Linq;
using Calcore.Events;
using NodaTime;

namespace Calcore.Ics;

/// <summary>One VEVENT of an iCalendar file, mapped to Calcore's values: the import model between a file (or another
/// library's objects) and the engine.</summary>
/// <remarks>
/// <para><see cref="Details"/> holds what the engine keeps of an event: timing (in the zone the file's TZID resolves
/// to), title, description, location, status, transparency, class, categories, the UID, and for a series its
/// recurrence lines (RDATE and EXDATE values rewritten in UTC or as dates, so they no longer depend on the file's
/// zone names). Its <see cref="EventDetails.OrganizerId"/> is null: people are <see cref="Organizer"/> and
/// <see cref="Attendees"/>, by address, until an import resolves them through the attendee directory.</para>
/// <para>An exception to a series (a VEVENT with RECURRENCE-ID) is an <see cref="IcsEvent"/> with the series' UID and
/// a <see cref="RecurrenceId"/>; <see cref="ThisAndFuture"/> says whether it carried <c>RANGE=THISANDFUTURE</c>.</para>
/// <para>What the engine does not model is kept for writing back: <see cref="Alarms"/> (VALARM components) and
/// <see cref="OtherProperties"/> (X- and IANA properties such as <c>COLOR</c>, <c>CONFERENCE</c>, <c>URL</c>,
/// <c>X-MICROSOFT-CDO-BUSYSTATUS</c>).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record IcsEvent
{
    /// <summary>Creates an event with its UID and details.</summary>
    /// <param name="uid">The UID (RFC 5545 §3.8.4.7).</param>
    /// <param name="details">The engine's fields.</param>
    /// <exception cref="ArgumentException">The UID is empty.</exception>
    public IcsEvent(string uid, EventDetails details)
    {
        Calcore.Internal.Preconditions.CheckArgument(!string.IsNullOrEmpty(uid), nameof(uid), "A UID must not be empty.");
        Uid = uid;
        Details = Calcore.Internal.Preconditions.CheckNotNull(details);
    }

    /// <summary>Gets the UID, shared by a series and its exceptions.</summary>
    /// <value>Not empty.</value>
    public string Uid { get; init; }

    /// <summary>Gets the engine's fields of the event.</summary>
    /// <value>The details (their <see cref="EventDetails.Uid"/> is <see cref="Uid"/>).</value>
    public EventDetails Details { get; init; }

    /// <summary>Gets the SEQUENCE (RFC 5545 §3.8.7.4), the organizer's revision number; 0 when absent.</summary>
    /// <value>Zero or more.</value>
    public int Sequence { get; init; }

    /// <summary>Gets the original start of the instance this exception replaces, or null for a single event or a series.</summary>
    /// <value>The RECURRENCE-ID as an instant (or a date for an all-day series).</value>
    public OriginalStart? RecurrenceId { get; init; }

    /// <summary>Gets a value indicating whether the exception applies to its instance and every later one
    /// (<c>RANGE=THISANDFUTURE</c>, RFC 5545 §3.8.4.4).</summary>
    /// <value>True for "this and following".</value>
    public bool ThisAndFuture { get; init; }

    /// <summary>Gets the ORGANIZER, or null.</summary>
    /// <value>The organizer as written.</value>
    public IcsCalendarUser? Organizer { get; init; }

    /// <summary>Gets the ATTENDEEs, in file order.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsCalendarUser> Attendees { get; init; } = [];

    /// <summary>Gets the DTSTAMP, or null.</summary>
    /// <value>An instant.</value>
    public Instant? Stamp { get; init; }

    /// <summary>Gets the CREATED time, or null.</summary>
    /// <value>An instant.</value>
    public Instant? Created { get; init; }

    /// <summary>Gets the LAST-MODIFIED time, or null.</summary>
    /// <value>An instant.</value>
    public Instant? LastModified { get; init; }

    /// <summary>Gets the VALARM components, as read.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsComponent> Alarms { get; init; } = [];

    /// <summary>Gets the properties the engine does not model, as read, in order.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsProperty> OtherProperties { get; init; } = [];

    /// <summary>Gets the one-based line of the VEVENT's BEGIN in the file, or 0.</summary>
    /// <value>The line.</value>
    public int Line { get; init; }

    /// <inheritdoc/>
    public bool Equals(IcsEvent? other)
        => other is not null && Uid == other.Uid && Details.Equals(other.Details) && Sequence == other.Sequence && RecurrenceId == other.RecurrenceId
            && ThisAndFuture == other.ThisAndFuture && Equals(Organizer, other.Organizer) && Attendees.SequenceEqual(other.Attendees)
            && Stamp == other.Stamp && Created == other.Created && LastModified == other.LastModified
            && Alarms.SequenceEqual(other.Alarms) && OtherProperties.SequenceEqual(other.OtherProperties);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Uid, RecurrenceId, Sequence, Details);
}
