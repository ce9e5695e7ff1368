namespace Calcore.Ics;

/// <summary>What an import did with one event of the file.</summary>
public enum IcsImportAction
{
    /// <summary>A new event was created.</summary>
    Created,

    /// <summary>The stored event with the same UID was updated.</summary>
    Updated,

    /// <summary>The stored event with the same UID already had this content (or a newer SEQUENCE); nothing was written.</summary>
    Unchanged,

    /// <summary>The event was not imported; <see cref="IcsImportItem.Reason"/> says why.</summary>
    Failed,

    /// <summary>A stored event missing from the file was deleted (<see cref="IcsImportOptions.SynchronizeCalendarOf"/>).</summary>
    Deleted,
}
