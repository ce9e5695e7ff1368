using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Calcore.Attendees;
using Calcore.Internal;

namespace Calcore.Events;

/// <summary>The fields of an event that its organizer sets: what, when, where, and how it shows.</summary>
/// <remarks>
/// <para>Create one with its timing and set the rest with an object initializer; change one with a
/// <c>with</c> expression. Every property validates in its <c>init</c> accessor, so a <c>with</c> expression
/// cannot produce an invalid value: null strings, undefined enum values and bad categories are refused with an
/// <see cref="ArgumentException"/> that names the field.</para>
/// <code>
/// var details = new EventDetails(EventTiming.Timed(new LocalDateTime(2005, 4, 10, 16, 0), zone, Duration.FromHours(1)))
/// {
///     Title = "Florent's Meeting",
///     Status = EventStatus.Tentative,
/// };
/// var moved = details with { Location = "Room 1" };
/// </code>
/// <para>Two values are equal when every field is equal (categories compared as sets).</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record EventDetails
{
    private readonly EventTiming _timing = null!;
    private readonly string _title = string.Empty;
    private readonly string _description = string.Empty;
    private readonly string _location = string.Empty;
    private readonly EventStatus _status;
    private readonly Transparency _transparency;
    private readonly AccessClass _accessClass;
    private readonly ImmutableSortedSet<string> _categories = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
    private readonly string? _uid;
    private readonly int _sequence;
    private readonly AttendeeId? _organizerId;
    private readonly ImmutableArray<string> _recurrence = [];

    /// <summary>Creates the details of an event with the given timing and default values for everything else.</summary>
    /// <param name="timing">When the event happens.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timing"/> is null.</exception>
    public EventDetails(EventTiming timing)
    {
        Timing = timing;
    }

    /// <summary>Gets when the event happens.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public EventTiming Timing
    {
        get => _timing;
        init => _timing = value ?? throw new ArgumentNullException(nameof(Timing), "An event needs a timing (a start and an end or duration).");
    }

    /// <summary>Gets the title (RFC 5545 SUMMARY); empty by default.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public string Title
    {
        get => _title;
        init => _title = value ?? throw new ArgumentNullException(nameof(Title));
    }

    /// <summary>Gets the description; empty by default.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public string Description
    {
        get => _description;
        init => _description = value ?? throw new ArgumentNullException(nameof(Description));
    }

    /// <summary>Gets the free-text location; empty by default. (Rooms are attendees, not locations.)</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public string Location
    {
        get => _location;
        init => _location = value ?? throw new ArgumentNullException(nameof(Location));
    }

    /// <summary>Gets the event status; <see cref="EventStatus.Confirmed"/> by default, as in Google Calendar.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public EventStatus Status
    {
        get => _status;
        init => _status = Preconditions.CheckDefined(value, nameof(Status));
    }

    /// <summary>Gets whether the event blocks time; <see cref="Transparency.Opaque"/> by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public Transparency Transparency
    {
        get => _transparency;
        init => _transparency = Preconditions.CheckDefined(value, nameof(Transparency));
    }

    /// <summary>Gets the access class; <see cref="AccessClass.Public"/> by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public AccessClass AccessClass
    {
        get => _accessClass;
        init => _accessClass = Preconditions.CheckDefined(value, nameof(AccessClass));
    }

    /// <summary>Gets the categories, a set of non-empty strings kept in ordinal order.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    /// <exception cref="ArgumentException">A category is null, empty or contains a control character.</exception>
    public IReadOnlyCollection<string> Categories
    {
        get => _categories;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Categories));
            foreach (string? category in value)
            {
                Preconditions.CheckArgument(!string.IsNullOrEmpty(category), nameof(Categories), "A category must be a non-empty string.");
                if (!(!category.Any(char.IsControl)))
                {
                    throw new ArgumentException($"The category '{category}' contains a control character.", nameof(Categories));
                }
            }
            _categories = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, value);
        }
    }

    /// <summary>Gets the organizer, or null. The organizer is ACCEPTED on the event when it is created.</summary>
    /// <exception cref="ArgumentException">Set to the default (empty) id.</exception>
    public AttendeeId? OrganizerId
    {
        get => _organizerId;
        init
        {
            Preconditions.CheckArgument(value is null || value.Value.Value.Length > 0, nameof(OrganizerId), "The organizer id must not be the default (empty) id.");
            _organizerId = value;
        }
    }

    /// <summary>Gets the iCalendar UID (RFC 5545 §3.8.4.7), or null to let the manager use the event id.</summary>
    /// <exception cref="ArgumentException">Set to an empty string.</exception>
    public string? Uid
    {
        get => _uid;
        init
        {
            Preconditions.CheckArgument(value is null || value.Length > 0, nameof(Uid), "A UID must not be empty (use null for none).");
            _uid = value;
        }
    }

    /// <summary>Gets the iCalendar SEQUENCE (RFC 5545 §3.8.7.4): the organizer's revision number of the event, 0 by
    /// default. An import updates a stored event only from a revision at least as new; the engine does not change it
    /// by itself.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative number.</exception>
    public int Sequence
    {
        get => _sequence;
        init
        {
            Preconditions.CheckArgumentRange(nameof(Sequence), value, 0, int.MaxValue);
            _sequence = value;
        }
    }

    /// <summary>Gets the recurrence lines of a recurring event (a series): <c>RRULE:</c>, <c>RDATE…</c>, <c>EXDATE…</c>
    /// and <c>EXRULE:</c> content lines of RFC 5545 §3.8.5, as in Google Calendar's <c>recurrence</c> list; empty for a
    /// single event.</summary>
    /// <remarks>
    /// The series' first instance is <see cref="Timing"/>'s start (DTSTART), which is not repeated here. The lines are
    /// checked in one place, when the event is written: the engine parses the whole set against the start and refuses a
    /// line that is not a recurrence line or does not parse with a <see cref="Calcore.Recurrence.RecurrenceParseException"/>
    /// (an <see cref="ArgumentException"/> for the parameter that carried these details) naming the line and the position.
    /// </remarks>
    /// <exception cref="ArgumentNullException">Set to null, or a line is null.</exception>
    public IReadOnlyList<string> Recurrence
    {
        get => _recurrence;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Recurrence));
            foreach (string? line in value)
            {
                ArgumentNullException.ThrowIfNull(line, nameof(Recurrence));
            }
            _recurrence = [.. value];
        }
    }

    /// <summary>Gets a value indicating whether the event recurs (has recurrence lines).</summary>
    public bool IsRecurring => !_recurrence.IsEmpty;

    /// <summary>Gets a value indicating whether the event is in a category (ordinal comparison).</summary>
    /// <param name="category">The category.</param>
    /// <returns>True when the event is in it.</returns>
    public bool IsInCategory(string category) => _categories.Contains(category);

    /// <inheritdoc/>
    public bool Equals(EventDetails? other)
        => other is not null
           && _timing.Equals(other._timing)
           && string.Equals(_title, other._title, StringComparison.Ordinal)
           && string.Equals(_description, other._description, StringComparison.Ordinal)
           && string.Equals(_location, other._location, StringComparison.Ordinal)
           && _status == other._status
           && _transparency == other._transparency
           && _accessClass == other._accessClass
           && _categories.SetEquals(other._categories)
           && OrganizerId == other.OrganizerId
           && string.Equals(_uid, other._uid, StringComparison.Ordinal)
           && _sequence == other._sequence
           && _recurrence.SequenceEqual(other._recurrence, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_timing, _title, _status, OrganizerId, _uid);
}
