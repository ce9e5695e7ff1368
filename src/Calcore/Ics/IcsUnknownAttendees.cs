namespace Calcore.Ics;

/// <summary>What an import does with a calendar address that the attendee directory does not know.</summary>
public enum IcsUnknownAttendees
{
    /// <summary>The person is left off the event, and the event's report names the address.</summary>
    Report,

    /// <summary>An individual (or group, from <c>CUTYPE=GROUP</c>) is added to the directory with the address, its CN as
    /// the display name, and the lower-case e-mail address as its id. Rooms and resources are never created by an import:
    /// they are administered in the directory, and an unknown one is reported.</summary>
    Create,
}
