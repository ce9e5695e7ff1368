namespace Calcore.Ics;

/// <summary>How an import uses units of work.</summary>
public enum IcsImportMode
{
    /// <summary>Each event (a series with its exceptions, or a single event) is written in its own unit of work: an
    /// event that fails is reported and the others are imported.</summary>
    PerEvent,

    /// <summary>The whole calendar is one unit of work: if any event fails, nothing is written, and every event's
    /// report says why.</summary>
    AllOrNothing,
}
