using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Calcore.Attendees;
using Calcore.Internal;

namespace Calcore.Events;

/// <summary>Filters for event queries: attendees and their participation, categories, organizer.</summary>
/// <remarks>
/// <para>Every filter left null does not filter; the filters that are set must all hold (AND):</para>
/// <list type="bullet">
/// <item><description><see cref="Categories"/>: the event must be in at least one of them; an empty set matches nothing.</description></item>
/// <item><description><see cref="Organizer"/>: the event's organizer must be this attendee.</description></item>
/// <item><description><see cref="Attendees"/>: at least one listed attendee must be on the event with, for that same
/// attendee, the <see cref="ParticipationStatus"/> and <see cref="ParticipationRole"/> asked for (when set); an
/// empty set matches nothing.</description></item>
/// <item><description><see cref="ParticipationStatus"/> and <see cref="ParticipationRole"/> without
/// <see cref="Attendees"/>: in a query scoped to one attendee (<see cref="EventListQuery.Attendee"/>)
/// they apply to that attendee; in an unscoped query, to any attendee of the event.</description></item>
/// </list>
/// <para>A query scoped to an attendee always keeps that scope: the criteria narrow it and never replace it, so
/// <c>Attendees = [other]</c> in the criteria of Martijn's calendar finds Martijn's events that the other attendee is
/// also on, never the other attendee's events.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record SearchCriteria
{
    private readonly ImmutableHashSet<AttendeeId>? _attendees;
    private readonly ImmutableHashSet<string>? _categories;
    private readonly ParticipationStatus? _participationStatus;
    private readonly ParticipationRole? _participationRole;

    /// <summary>Gets criteria that match every event.</summary>
    public static SearchCriteria None { get; } = new();

    /// <summary>Gets the attendees of whom at least one must be on the event, or null.</summary>
    public IReadOnlyCollection<AttendeeId>? Attendees
    {
        get => _attendees;
        init => _attendees = value is null ? null : ImmutableHashSet.CreateRange(value);
    }

    /// <summary>Gets the participation status required (of a listed attendee, or see the remarks), or null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public ParticipationStatus? ParticipationStatus
    {
        get => _participationStatus;
        init => _participationStatus = value is { } v ? Preconditions.CheckDefined(v, nameof(ParticipationStatus)) : null;
    }

    /// <summary>Gets the role required (of a listed attendee, or see the remarks), or null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public ParticipationRole? ParticipationRole
    {
        get => _participationRole;
        init => _participationRole = value is { } v ? Preconditions.CheckDefined(v, nameof(ParticipationRole)) : null;
    }

    /// <summary>Gets the categories of which the event must be in at least one, or null.</summary>
    /// <exception cref="ArgumentException">A category is null.</exception>
    public IReadOnlyCollection<string>? Categories
    {
        get => _categories;
        init
        {
            if (value is not null)
            {
                foreach (string? c in value)
                {
                    Preconditions.CheckArgument(c is not null, nameof(Categories), "A category must not be null.");
                }
            }
            _categories = value is null ? null : ImmutableHashSet.CreateRange(StringComparer.Ordinal, value);
        }
    }

    /// <summary>Gets the organizer the event must have, or null.</summary>
    public AttendeeId? Organizer { get; init; }

    /// <summary>Tests an event against these criteria.</summary>
    /// <param name="event">The event.</param>
    /// <param name="scope">The attendee the query is scoped to, or null for an unscoped query.</param>
    /// <returns>True when the event matches (and, when scoped, the scope attendee is on it).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="event"/> is null.</exception>
    public bool Matches(CalendarEvent @event, AttendeeId? scope = null)
    {
        Preconditions.CheckNotNull(@event);
        if (scope is { } s)
        {
            Commitment? own = @event.FindCommitment(s);
            if (own is null || (_attendees is null && !ParticipationMatches(own)))
            {
                return false;
            }
        }
        if (Organizer is { } organizer && @event.OrganizerId != organizer)
        {
            return false;
        }
        if (_categories is not null && !AnyCategory(@event))
        {
            return false;
        }
        if (_attendees is not null)
        {
            return AnyCommitment(@event, c => _attendees.Contains(c.AttendeeId) && ParticipationMatches(c));
        }
        if (scope is null && (_participationStatus is not null || _participationRole is not null))
        {
            return AnyCommitment(@event, ParticipationMatches);
        }
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(SearchCriteria? other)
        => other is not null && SetEquals(_attendees, other._attendees) && SetEquals(_categories, other._categories)
           && _participationStatus == other._participationStatus && _participationRole == other._participationRole && Organizer == other.Organizer;

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(_attendees?.Count, _categories?.Count, _participationStatus, _participationRole, Organizer);

    private static bool SetEquals<T>(ImmutableHashSet<T>? a, ImmutableHashSet<T>? b)
        => a is null ? b is null : b is not null && a.SetEquals(b);

    private bool ParticipationMatches(Commitment c)
        => (_participationStatus is null || c.Status == _participationStatus) && (_participationRole is null || c.Role == _participationRole);

    private bool AnyCategory(CalendarEvent e)
    {
        foreach (string category in _categories!)
        {
            if (e.Details.IsInCategory(category))
            {
                return true;
            }
        }
        return false;
    }

    private static bool AnyCommitment(CalendarEvent e, Func<Commitment, bool> predicate)
    {
        foreach (Commitment c in e.Commitments)
        {
            if (predicate(c))
            {
                return true;
            }
        }
        return false;
    }
}
