using System.Collections.Immutable;
using System.Linq;

namespace Calcore.Ics;

/// <summary>The report of an import: one item per event of the file (series and their exceptions are one item), in
/// file order, then the deletions of a synchronization, and the reader's diagnostics.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IcsImportResult
{
    internal IcsImportResult(ImmutableArray<IcsImportItem> items, ImmutableArray<IcsDiagnostic> diagnostics)
    {
        Items = items;
        Diagnostics = diagnostics;
    }

    /// <summary>Gets the items, in file order, then deletions.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsImportItem> Items { get; }

    /// <summary>Gets what the reader noticed in the file.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsDiagnostic> Diagnostics { get; }

    /// <summary>Gets the number of events created.</summary>
    /// <value>A count.</value>
    public int Created => Items.Count(i => i.Action == IcsImportAction.Created);

    /// <summary>Gets the number of events updated.</summary>
    /// <value>A count.</value>
    public int Updated => Items.Count(i => i.Action == IcsImportAction.Updated);

    /// <summary>Gets the number of events left as they were.</summary>
    /// <value>A count.</value>
    public int Unchanged => Items.Count(i => i.Action == IcsImportAction.Unchanged);

    /// <summary>Gets the number of events that failed.</summary>
    /// <value>A count.</value>
    public int Failed => Items.Count(i => i.Action == IcsImportAction.Failed);

    /// <summary>Gets the number of events deleted by a synchronization.</summary>
    /// <value>A count.</value>
    public int Deleted => Items.Count(i => i.Action == IcsImportAction.Deleted);
}
