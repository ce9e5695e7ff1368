using System;
using Calcore.Internal;

namespace Calcore.Attendees;

/// <summary>One entry of the engine's attendee directory, as a storage keeps it: an id, a calendar-user type, a display
/// name, a calendar address, a booking policy and optional working hours.</summary>
/// <remarks>
/// <para>Every storage keeps a directory of these records (<c>IStorage.FindAttendeeAsync</c>, written in a storage
/// transaction); applications manage it through the manager (its <c>SaveAttendeeAsync</c>). A record in the
/// directory is the engine's word on its id: the engine reads the attendee's type and policy from it, and asks the
/// application's <see cref="IAttendeeSource"/>s only about ids the directory does not hold. A room's or a resource's
/// policy is always the directory's.</para>
/// <para>The record is plain data, compared by value (every property). Each property is checked when it is set, by
/// the constructor or by <c>with</c>, with an <see cref="ArgumentException"/> naming it. Changing <see cref="Type"/>
/// with <c>with</c> keeps the policy: give the policy too when the kind changes.</para>
/// <para><see cref="ToAttendee"/> and <see cref="FromAttendee"/> convert to and from the <see cref="Attendee"/> kinds
/// (<see cref="Individual"/>, <see cref="Group"/>, <see cref="Resource"/>, <see cref="Room"/>,
/// <see cref="UnknownAttendee"/>); an attendee has no address nor working hours, so those are left out.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record AttendeeRecord
{
    /// <summary>The longest calendar address: 2048 characters.</summary>
    public const int MaxAddressLength = 2048;

    /// <summary>Creates a record.</summary>
    /// <param name="id">The attendee's id (not the default value).</param>
    /// <param name="type">The calendar-user type (RFC 5545 §3.2.3, CUTYPE).</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="policy">How the attendee answers bookings; when null, the default of its kind:
    /// <see cref="BookingPolicy.AcceptIfPossible"/> for a room or a resource, <see cref="BookingPolicy.Manual"/> for
    /// everyone else (as the <see cref="Attendee"/> kinds do).</param>
    /// <exception cref="ArgumentNullException"><paramref name="displayName"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public AttendeeRecord(AttendeeId id, CalendarUserType type, string displayName, BookingPolicy? policy = null)
    {
        Id = id;
        Type = type;
        DisplayName = displayName;
        Policy = policy ?? DefaultPolicyFor(type);
    }

    /// <summary>Gets the attendee's id.</summary>
    /// <value>Not the default value.</value>
    public AttendeeId Id
    {
        get;
        init
        {
            Preconditions.CheckArgument(value.Value.Length > 0, nameof(Id), "The attendee id must not be the default value.");
            field = value;
        }
    }

    /// <summary>Gets the calendar-user type (RFC 5545 §3.2.3, CUTYPE): a person, a group, a room, a resource.</summary>
    public CalendarUserType Type
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Type), value, "Unknown calendar user type.");
    }

    /// <summary>Gets the display name.</summary>
    /// <value>Not null; may be empty.</value>
    public string DisplayName { get; init => field = Preconditions.CheckNotNull(value, nameof(DisplayName)); }

    /// <summary>Gets the calendar address (RFC 5545 §3.3.3, CAL-ADDRESS): a <c>mailto:</c> URI, or null when the
    /// attendee has none.</summary>
    /// <value>Null, or a <c>mailto:</c> URI (scheme in any case) with an address that has an <c>@</c>, without spaces or
    /// control characters, at most <see cref="MaxAddressLength"/> characters; kept as given.</value>
    public string? Address
    {
        get;
        init => field = value is null || IsCalendarAddress(value) ? value
            : throw new ArgumentException($"'{value}' is not a calendar address: use a mailto: URI such as 'mailto:room1@example.com'.", nameof(Address));
    }

    /// <summary>Gets how the attendee answers bookings (see <see cref="BookingPolicy"/>).</summary>
    /// <value>Not null.</value>
    public BookingPolicy Policy { get; init => field = Preconditions.CheckNotNull(value, nameof(Policy)); }

    /// <summary>Gets the attendee's working hours, or null when none are recorded.</summary>
    public WorkingHours? WorkingHours { get; init; }

    /// <summary>Gets the default policy of a kind of attendee: <see cref="BookingPolicy.AcceptIfPossible"/> for a room or
    /// a resource, <see cref="BookingPolicy.Manual"/> for everyone else.</summary>
    /// <param name="type">The calendar-user type.</param>
    /// <returns>The policy.</returns>
    public static BookingPolicy DefaultPolicyFor(CalendarUserType type)
        => type is CalendarUserType.Room or CalendarUserType.Resource ? BookingPolicy.AcceptIfPossible : BookingPolicy.Manual;

    /// <summary>Creates the record of an attendee: its id, type, name and policy, with no address and no working hours.</summary>
    /// <param name="attendee">The attendee.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attendee"/> is null.</exception>
    public static AttendeeRecord FromAttendee(Attendee attendee)
    {
        Preconditions.CheckNotNull(attendee);
        return new AttendeeRecord(attendee.Id, attendee.Type, attendee.Name, attendee.Policy);
    }

    /// <summary>Creates the attendee of this record's kind (<see cref="Individual"/>, <see cref="Group"/>,
    /// <see cref="Resource"/>, <see cref="Room"/> or <see cref="UnknownAttendee"/>) with its id, display name and
    /// policy.</summary>
    /// <returns>The attendee.</returns>
    public Attendee ToAttendee() => Type switch
    {
        CalendarUserType.Individual => new Individual(Id, DisplayName, Policy),
        CalendarUserType.Group => new Group(Id, DisplayName, Policy),
        CalendarUserType.Resource => new Resource(Id, DisplayName, Policy),
        CalendarUserType.Room => new Room(Id, DisplayName, Policy),
        _ => new UnknownAttendee(Id, DisplayName, Policy),
    };

    /// <summary>Returns the name, id and type, e.g. <c>Room 1 &lt;room1&gt; (Room)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{DisplayName} <{Id}> ({Type})";

    /// <summary>Whether a text is a calendar address this record keeps: <c>mailto:</c> (any case), then an address
    /// with an <c>@</c> that is neither first nor last, no whitespace or control characters, and an absolute URI.</summary>
    internal static bool IsCalendarAddress(string value)
    {
        const string Scheme = "mailto:";
        if (value.Length > MaxAddressLength || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        ReadOnlySpan<char> address = value.AsSpan(Scheme.Length);
        int at = address.IndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return false;
        }
        foreach (char c in address)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }
        return Uri.TryCreate(value, UriKind.Absolute, out _);
    }
}
