using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Calcore.Ics.Internal;
using Calcore.Internal;

namespace Calcore.Ics;

/// <summary>Writes <see cref="IcsComponent"/>s as iCalendar text (RFC 5545 §3.1).</summary>
/// <remarks>
/// <para>Each line ends with CRLF and is folded so that no physical line is longer than 75 octets of UTF-8: a
/// continuation line starts with one space, and a fold never splits a UTF-8 character or a surrogate pair. A parameter
/// value is RFC 6868-escaped (<c>^^</c>, <c>^n</c>, <c>^'</c>) and put in double quotes when it holds ':', ';' or ','.
/// Property values are written as they are held (<see cref="IcsProperty.Value"/> is already escaped text).</para>
/// <para>The output is deterministic: the same components always give the same text, and reading it back with
/// <see cref="IcsReader"/> gives equal components (and writing those again, identical text).</para>
/// <para>Thread-safe: each call writes on its own.</para>
/// </remarks>
public static class IcsWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes components as a string.</summary>
    /// <param name="components">The components, normally VCALENDARs.</param>
    /// <returns>The iCalendar text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="components"/> is null or holds null.</exception>
    public static string Write(IEnumerable<IcsComponent> components)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(components, writer);
        return writer.ToString();
    }

    /// <summary>Writes one component as a string.</summary>
    /// <param name="component">The component, normally a VCALENDAR.</param>
    /// <returns>The iCalendar text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="component"/> is null.</exception>
    public static string Write(IcsComponent component) => Write([Preconditions.CheckNotNull(component)]);

    /// <summary>Writes components to a text writer (which is not flushed or closed).</summary>
    /// <param name="components">The components, normally VCALENDARs.</param>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException">An argument is null, or <paramref name="components"/> holds null.</exception>
    public static void Write(IEnumerable<IcsComponent> components, TextWriter writer)
    {
        Preconditions.CheckNotNull(components);
        Preconditions.CheckNotNull(writer);
        var content = new IcsContentWriter(writer);
        foreach (IcsComponent component in components)
        {
            content.Write(Preconditions.CheckNotNull(component, nameof(components)));
        }
    }

    /// <summary>Writes components to a stream as UTF-8 without a byte order mark (the stream is not closed).</summary>
    /// <param name="components">The components, normally VCALENDARs.</param>
    /// <param name="stream">The stream.</param>
    /// <exception cref="ArgumentNullException">An argument is null, or <paramref name="components"/> holds null.</exception>
    public static void Write(IEnumerable<IcsComponent> components, Stream stream)
    {
        Preconditions.CheckNotNull(components);
        Preconditions.CheckNotNull(stream);
        using var writer = new StreamWriter(stream, Utf8NoBom, 64 * 1024, leaveOpen: true);
        Write(components, writer);
    }
}
