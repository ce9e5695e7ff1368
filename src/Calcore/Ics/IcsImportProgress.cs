namespace Calcore.Ics;

/// <summary>How far an import has come, reported through <see cref="System.IProgress{T}"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="EventsRead">The VEVENTs read so far.</param>
/// <param name="EventsImported">The events (series with their exceptions, or single events) written so far.</param>
public sealed record IcsImportProgress(int EventsRead, int EventsImported);
