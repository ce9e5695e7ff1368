using System;
using System.Collections.Generic;

namespace Calcore.Internal;

/// <summary>Array helpers for hot paths.</summary>
internal static class Arrays
{
    /// <summary>
    /// Maps a list into a new array, written through a span. An array store of a reference checks the element's type
    /// (covariance), which reads the object; on a large heap that is a cache miss per element, for a listing one per
    /// returned snapshot. A span's store does not (the span checked the array's type once).
    /// </summary>
    /// <typeparam name="T">The list's element type.</typeparam>
    /// <typeparam name="TResult">The array's element type.</typeparam>
    /// <param name="items">The list.</param>
    /// <param name="select">What to keep of each element.</param>
    /// <returns>The new array, in the list's order.</returns>
    internal static TResult[] Map<T, TResult>(List<T> items, Func<T, TResult> select)
    {
        var result = new TResult[items.Count];
        Span<TResult> into = result;
        for (int i = 0; i < into.Length; i++)
        {
            into[i] = select(items[i]);
        }
        return result;
    }
}
