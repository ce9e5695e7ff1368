namespace Calcore.Events;

/// <summary>The access classification of an event: RFC 5545 §3.8.1.3 (CLASS).</summary>
public enum AccessClass
{
    /// <summary>PUBLIC. The default.</summary>
    Public = 0,

    /// <summary>PRIVATE: details are for the attendees only.</summary>
    Private = 1,

    /// <summary>CONFIDENTIAL.</summary>
    Confidential = 2,
}
