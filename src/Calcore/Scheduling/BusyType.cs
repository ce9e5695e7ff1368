namespace Calcore.Scheduling;

/// <summary>How busy a period is: RFC 5545 §3.2.9 (FBTYPE), the two values Calcore computes.</summary>
public enum BusyType
{
    /// <summary>BUSY: an accepted (or organized), confirmed booking.</summary>
    Busy = 0,

    /// <summary>BUSY-TENTATIVE: a tentative event, or an invitation answered TENTATIVE or not answered yet.</summary>
    BusyTentative = 1,
}
