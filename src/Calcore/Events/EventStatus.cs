namespace Calcore.Events;

/// <summary>The overall status of an event: RFC 5545 §3.8.1.11 (STATUS) for VEVENT.</summary>
public enum EventStatus
{
    /// <summary>CONFIRMED: the event is definite. The default.</summary>
    Confirmed = 0,

    /// <summary>TENTATIVE: the event is tentative; free/busy shows its time as busy-tentative.</summary>
    Tentative = 1,

    /// <summary>CANCELLED (the RFC spelling): the event is cancelled and blocks nobody's time.</summary>
    Cancelled = 2,
}
