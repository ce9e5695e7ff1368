using System;
using System.Collections.Immutable;
using System.Linq;
using Calcore.Attendees;
using Calcore.Events;

namespace Calcore.Ics;

/// <summary>An ORGANIZER or ATTENDEE of an iCalendar event as the file gives it (RFC 5545 §3.8.4.1, §3.8.4.3): the
/// calendar address and its parameters.</summary>
/// <remarks>
/// <para>This is what the file says, not what the engine believes: an import resolves <see cref="Address"/> through
/// the engine's attendee directory, and a room's type and booking policy always come from the directory, never from
/// <see cref="Type"/>. Parameters this type does not name (<c>X-NUM-GUESTS</c>, <c>SENT-BY</c>, <c>MEMBER</c>, …)
/// are kept in <see cref="OtherParameters"/> and written back.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
/// <param name="Address">The calendar address as written, such as <c>mailto:ann@example.com</c>.</param>
/// <param name="CommonName">The CN parameter, or null.</param>
/// <param name="Type">The CUTYPE parameter (INDIVIDUAL when absent; UNKNOWN for a value this library does not know).</param>
/// <param name="Role">The ROLE parameter (REQ-PARTICIPANT when absent).</param>
/// <param name="Status">The PARTSTAT parameter (NEEDS-ACTION when absent).</param>
/// <param name="Rsvp">The RSVP parameter (false when absent).</param>
public sealed record IcsCalendarUser(string Address, string? CommonName = null, CalendarUserType Type = CalendarUserType.Individual,
    ParticipationRole Role = ParticipationRole.RequiredParticipant, ParticipationStatus Status = ParticipationStatus.NeedsAction, bool Rsvp = false)
{
    /// <summary>Gets the other parameters of the line, in order.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsParameter> OtherParameters { get; init; } = [];

    /// <summary>Gets the e-mail address when <see cref="Address"/> is a <c>mailto:</c> URI (case-insensitive scheme),
    /// lower-cased; otherwise null.</summary>
    /// <value>Such as <c>ann@example.com</c>.</value>
    public string? Email => Address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) && Address.Length > 7
        ? Address[7..].Trim().ToLowerInvariant()
        : null;

    /// <inheritdoc/>
    public bool Equals(IcsCalendarUser? other)
        => other is not null && Address == other.Address && CommonName == other.CommonName && Type == other.Type && Role == other.Role
            && Status == other.Status && Rsvp == other.Rsvp && OtherParameters.SequenceEqual(other.OtherParameters);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Address, CommonName, Type, Role, Status, Rsvp);
}
