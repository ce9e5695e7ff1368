namespace Calcore.Events;

/// <summary>How to list events: whether to expand series into instances, and whether to show cancelled instances.</summary>
/// <remarks>
/// <para>Without expansion (the default) a listing returns single events, series (when any instance overlaps the
/// window, however long ago the series began) and exceptions (instances that change a field and overlap the
/// window), as Google Calendar's <c>events.list</c> does. With <see cref="ExpandRecurrence"/> it returns single
/// events and instances (exceptions in place), never series (Google's <c>singleEvents=true</c>), ordered by start.</para>
/// <para>Cancelled instances are hidden unless <see cref="IncludeCancelledInstances"/> is set (Google's <c>showDeleted</c>).</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record EventListOptions
{
    /// <summary>Gets the default options: no expansion, cancelled instances hidden.</summary>
    public static EventListOptions Default { get; } = new();

    /// <summary>Gets options that expand series into instances.</summary>
    public static EventListOptions Expanded { get; } = new() { ExpandRecurrence = true };

    /// <summary>Gets a value indicating whether series are expanded into their instances.</summary>
    public bool ExpandRecurrence { get; init; }

    /// <summary>Gets a value indicating whether cancelled instances are listed.</summary>
    public bool IncludeCancelledInstances { get; init; }
}
