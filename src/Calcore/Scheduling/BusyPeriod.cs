using NodaTime;

namespace Calcore.Scheduling;

/// <summary>One busy period of a free/busy answer.</summary>
/// <param name="Period">The half-open period.</param>
/// <param name="Type">How busy it is.</param>
/// <remarks>This type is an immutable value type and is thread-safe.</remarks>
public readonly record struct BusyPeriod(Interval Period, BusyType Type);
