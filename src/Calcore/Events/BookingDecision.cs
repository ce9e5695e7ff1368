using Calcore.Attendees;

namespace Calcore.Events;

/// <summary>An attendee's automatic answer that a change of an event made: a room re-booking itself for a moved
/// meeting, or declining it, with the reasons.</summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class BookingDecision
{
    internal BookingDecision(AttendeeId attendeeId, OriginalStart? instance, InviteDecision decision)
    {
        AttendeeId = attendeeId;
        Instance = instance;
        Decision = decision;
    }

    /// <summary>Gets the attendee who answered.</summary>
    public AttendeeId AttendeeId { get; }

    /// <summary>Gets the instance the answer is for, when one instance of a series was changed; null when the answer is
    /// for the whole event or series.</summary>
    public OriginalStart? Instance { get; }

    /// <summary>Gets the answer and its reasons (the conflicts, or why the attendee declined).</summary>
    public InviteDecision Decision { get; }

    /// <summary>Gets the attendee's participation status after the change.</summary>
    public ParticipationStatus Status => Decision.Status;

    /// <summary>Describes the decision, e.g. <c>room1: DECLINED (Declined: conflicts with …)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
        => $"{AttendeeId}{(Instance is { } i ? $" on {i}" : "")}: {Decision}";
}
