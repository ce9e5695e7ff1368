using System;
using Calcore.Attendees;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Events;

/// <summary>One attendee's participation in one event: who, in which role, with which answer.</summary>
/// <remarks>
/// <para>Participation is a commitment: each (event, attendee) pair is one commitment with its own
/// id, the attendee's role and participation status, and optional effective dates (OSID Temporal: effective from
/// <see cref="EffectiveStart"/> to <see cref="EffectiveEnd"/>, both inclusive, either open). An event snapshot
/// carries its commitments.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record Commitment
{
    private readonly ParticipationStatus _status;
    private readonly ParticipationRole _role;
    private readonly Instant? _effectiveStart;
    private readonly Instant? _effectiveEnd;

    /// <summary>Creates a new commitment with a generated id and the required-participant role.</summary>
    internal static Commitment CreateNew(AttendeeId attendee, CalendarUserType type, ParticipationStatus status)
        => new(new CommitmentId(Guid.NewGuid().ToString("N")), attendee, type, status, ParticipationRole.RequiredParticipant);

    /// <summary>Creates a commitment.</summary>
    /// <param name="id">The commitment's id.</param>
    /// <param name="attendeeId">The attendee.</param>
    /// <param name="attendeeType">The attendee's calendar-user type.</param>
    /// <param name="status">The participation status.</param>
    /// <param name="role">The role.</param>
    /// <exception cref="ArgumentException">An id is the default value or an enum value is undefined.</exception>
    public Commitment(CommitmentId id, AttendeeId attendeeId, CalendarUserType attendeeType, ParticipationStatus status, ParticipationRole role)
    {
        Preconditions.CheckArgument(id.Value.Length > 0, nameof(id), "The commitment id must not be the default value.");
        Preconditions.CheckArgument(attendeeId.Value.Length > 0, nameof(attendeeId), "The attendee id must not be the default value.");
        Id = id;
        AttendeeId = attendeeId;
        AttendeeType = Preconditions.CheckDefined(attendeeType);
        Status = status;
        Role = role;
    }

    /// <summary>Gets the commitment's id.</summary>
    public CommitmentId Id { get; }

    /// <summary>Gets the attendee.</summary>
    public AttendeeId AttendeeId { get; }

    /// <summary>Gets the attendee's calendar-user type.</summary>
    public CalendarUserType AttendeeType { get; }

    /// <summary>Gets the participation status.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public ParticipationStatus Status
    {
        get => _status;
        init => _status = Preconditions.CheckDefined(value, nameof(Status));
    }

    /// <summary>Gets the role.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public ParticipationRole Role
    {
        get => _role;
        init => _role = Preconditions.CheckDefined(value, nameof(Role));
    }

    /// <summary>Gets the first instant at which the commitment is effective, or null when open.</summary>
    /// <exception cref="ArgumentException">Set after <see cref="EffectiveEnd"/>.</exception>
    public Instant? EffectiveStart
    {
        get => _effectiveStart;
        init
        {
            Preconditions.CheckArgument(value is null || _effectiveEnd is null || value <= _effectiveEnd, nameof(EffectiveStart),
                "The effective start must not be after the effective end.");
            _effectiveStart = value;
        }
    }

    /// <summary>Gets the last instant at which the commitment is effective (inclusive), or null when open.</summary>
    /// <exception cref="ArgumentException">Set before <see cref="EffectiveStart"/>.</exception>
    public Instant? EffectiveEnd
    {
        get => _effectiveEnd;
        init
        {
            Preconditions.CheckArgument(value is null || EffectiveStart is null || value >= EffectiveStart, nameof(EffectiveEnd),
                "The effective end must not be before the effective start.");
            _effectiveEnd = value;
        }
    }

    /// <summary>Gets a value indicating whether the commitment blocks the attendee's time (not DECLINED or DELEGATED).</summary>
    public bool BlocksTime => Status is not (ParticipationStatus.Declined or ParticipationStatus.Delegated);

    /// <summary>Gets a value indicating whether the commitment is effective at an instant (inclusive at both ends).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>True when effective.</returns>
    public bool IsEffectiveAt(Instant instant)
        => (EffectiveStart is null || instant >= EffectiveStart) && (EffectiveEnd is null || instant <= EffectiveEnd);
}
