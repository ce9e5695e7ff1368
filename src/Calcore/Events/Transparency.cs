namespace Calcore.Events;

/// <summary>Whether an event blocks time: RFC 5545 §3.8.2.7 (TRANSP).</summary>
public enum Transparency
{
    /// <summary>OPAQUE: the event blocks its attendees' time. The default.</summary>
    Opaque = 0,

    /// <summary>TRANSPARENT: the event never blocks time.</summary>
    Transparent = 1,
}
