using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Calcore.Attendees;
using Calcore.Internal;

namespace Calcore.Events;

/// <summary>An exception to a recurring series: what one instance changes, or that it is cancelled.</summary>
/// <remarks>
/// <para>An override is stored with its series, keyed by the instance's <see cref="OriginalStart"/>. It records
/// only the fields the instance overrides (a null field follows the series), so that a later change of the
/// series' title reaches the instance unless the instance changed its own title (per-field override tracking,
/// which Google Calendar's UI does and its API hides). It may also record answers that attendees gave for this
/// instance only, and it may cancel the instance (kept, hidden from listings, restorable).</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record InstanceOverride
{
    private readonly ImmutableSortedDictionary<AttendeeId, ParticipationStatus> _participation = ImmutableSortedDictionary<AttendeeId, ParticipationStatus>.Empty;
    private readonly ImmutableSortedSet<string>? _categories;

    /// <summary>Gets the original start of the instance this override changes.</summary>
    public OriginalStart OriginalStart { get; }

    /// <summary>Creates an empty override for an instance.</summary>
    /// <param name="originalStart">The instance's original start.</param>
    public InstanceOverride(OriginalStart originalStart)
    {
        OriginalStart = originalStart;
    }

    /// <summary>Gets a value indicating whether the instance is cancelled.</summary>
    public bool IsCancelled { get; init; }

    /// <summary>Gets the instance's own title, or null to follow the series.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the instance's own description, or null to follow the series.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the instance's own location, or null to follow the series.</summary>
    public string? Location { get; init; }

    /// <summary>Gets the instance's own timing (it was moved or resized), or null to follow the series.</summary>
    public EventTiming? Timing { get; init; }

    /// <summary>Gets the instance's own status, or null to follow the series.</summary>
    public EventStatus? Status { get; init; }

    /// <summary>Gets the instance's own transparency, or null to follow the series.</summary>
    public Transparency? Transparency { get; init; }

    /// <summary>Gets the instance's own access class, or null to follow the series.</summary>
    public AccessClass? AccessClass { get; init; }

    /// <summary>Gets the instance's own categories, or null to follow the series.</summary>
    public IReadOnlyCollection<string>? Categories
    {
        get => _categories;
        init => _categories = value is null ? null : ImmutableSortedSet.CreateRange(StringComparer.Ordinal, value);
    }

    /// <summary>Gets the answers attendees gave for this instance only.</summary>
    public IReadOnlyDictionary<AttendeeId, ParticipationStatus> Participation
    {
        get => _participation;
        init => _participation = ImmutableSortedDictionary.CreateRange(Preconditions.CheckNotNull(value));
    }

    /// <summary>Gets a value indicating whether the override overrides no field, answer or cancellation.</summary>
    public bool IsEmpty => !IsCancelled && Title is null && Description is null && Location is null && Timing is null
        && Status is null && Transparency is null && AccessClass is null && _categories is null && _participation.IsEmpty;

    /// <summary>Gets a value indicating whether the override changes a field (not only answers or cancellation): an
    /// exception in Google Calendar's sense.</summary>
    public bool ChangesFields => Title is not null || Description is not null || Location is not null || Timing is not null
        || Status is not null || Transparency is not null || AccessClass is not null || _categories is not null;

    /// <summary>Applies the overridden fields to the details the series gives this instance.</summary>
    internal EventDetails Apply(EventDetails derived)
    {
        EventDetails d = derived;
        if (Title is not null)
        {
            d = d with { Title = Title };
        }
        if (Description is not null)
        {
            d = d with { Description = Description };
        }
        if (Location is not null)
        {
            d = d with { Location = Location };
        }
        if (Timing is not null)
        {
            d = d with { Timing = Timing };
        }
        if (Transparency is { } t)
        {
            d = d with { Transparency = t };
        }
        if (AccessClass is { } a)
        {
            d = d with { AccessClass = a };
        }
        if (_categories is not null)
        {
            d = d with { Categories = _categories };
        }
        EventStatus status = IsCancelled ? EventStatus.Cancelled : Status ?? d.Status;
        return status == d.Status ? d : d with { Status = status };
    }

    /// <summary>Records the fields in which <paramref name="wanted"/> differs from what the series gives the instance.</summary>
    internal InstanceOverride WithFieldsOf(EventDetails derived, EventDetails wanted) => this with
    {
        Title = Differs(derived.Title, wanted.Title),
        Description = Differs(derived.Description, wanted.Description),
        Location = Differs(derived.Location, wanted.Location),
        Timing = derived.Timing.Equals(wanted.Timing) ? null : wanted.Timing,
        Status = derived.Status == wanted.Status ? null : wanted.Status,
        Transparency = derived.Transparency == wanted.Transparency ? null : wanted.Transparency,
        AccessClass = derived.AccessClass == wanted.AccessClass ? null : wanted.AccessClass,
        Categories = derived.Categories.ToHashSet(StringComparer.Ordinal).SetEquals(wanted.Categories) ? null : wanted.Categories,
    };

    private static string? Differs(string series, string wanted) => string.Equals(series, wanted, StringComparison.Ordinal) ? null : wanted;

    /// <inheritdoc/>
    public bool Equals(InstanceOverride? other)
        => other is not null && OriginalStart == other.OriginalStart && IsCancelled == other.IsCancelled
           && Title == other.Title && Description == other.Description && Location == other.Location
           && Equals(Timing, other.Timing) && Status == other.Status && Transparency == other.Transparency && AccessClass == other.AccessClass
           && (_categories is null ? other._categories is null : other._categories is not null && _categories.SetEquals(other._categories))
           && _participation.Count == other._participation.Count && _participation.All(p => other._participation.TryGetValue(p.Key, out var s) && s == p.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(OriginalStart, IsCancelled, Title, Timing);
}
