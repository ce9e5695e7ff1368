using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Calcore.Ics.Internal;
using Calcore.Internal;

namespace Calcore.Ics;

/// <summary>Reads iCalendar text (RFC 5545) into <see cref="IcsComponent"/>s: content lines unfolded, names upper-cased,
/// parameters unquoted and RFC 6868-decoded, values kept as written.</summary>
/// <remarks>
/// <para>Lines may end with CRLF, LF or CR; a line that starts with a space or a tab continues the one before (RFC 5545
/// §3.1). Lines may be of any length. Names are case-insensitive. A property's value is the text after the first colon
/// outside quotes. Components of every name are kept (VEVENT, VTODO, VJOURNAL, VFREEBUSY, X- and IANA names).</para>
/// <para>Reading a <see cref="Stream"/> unfolds the UTF-8 bytes before decoding them, so a fold inside a multi-byte
/// character is read correctly; invalid UTF-8 becomes U+FFFD with a warning. A leading byte order mark is skipped.</para>
/// <para>In <see cref="IcsReadMode.Tolerant"/> mode (the default) broken input is skipped and reported as a diagnostic
/// with its physical line and column, and every intact component is kept: a line without ':' is skipped; an END that
/// does not match closes the components it can; a truncated input keeps its complete components and drops the
/// unfinished one; a component deeper than <see cref="IcsReadOptions.MaxDepth"/> is skipped. In
/// <see cref="IcsReadMode.Strict"/> mode the first error throws an <see cref="IcsParseException"/>. The work is linear
/// in the input and the parser is iterative, so no input causes a stack overflow or a hang.</para>
/// <para>Thread-safe: each call reads on its own.</para>
/// </remarks>
public static class IcsReader
{
    /// <summary>Reads iCalendar text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="options">The options; <see cref="IcsReadOptions.Default"/> when null.</param>
    /// <returns>The top-level components and the diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="IcsParseException">Strict mode, at the first error.</exception>
    public static IcsReadResult Read(string text, IcsReadOptions? options = null)
        => ReadAll(IcsLineSource.FromString(Preconditions.CheckNotNull(text)), options);

    /// <summary>Reads iCalendar text from a reader, to its end.</summary>
    /// <param name="reader">The reader; it is not closed.</param>
    /// <param name="options">The options; <see cref="IcsReadOptions.Default"/> when null.</param>
    /// <returns>The top-level components and the diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="IcsParseException">Strict mode, at the first error.</exception>
    public static IcsReadResult Read(TextReader reader, IcsReadOptions? options = null)
        => ReadAll(IcsLineSource.FromReader(Preconditions.CheckNotNull(reader)), options);

    /// <summary>Reads iCalendar UTF-8 bytes from a stream, to its end (a leading byte order mark is skipped).</summary>
    /// <param name="stream">The stream; it is not closed.</param>
    /// <param name="options">The options; <see cref="IcsReadOptions.Default"/> when null.</param>
    /// <returns>The top-level components and the diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IcsParseException">Strict mode, at the first error.</exception>
    public static IcsReadResult Read(Stream stream, IcsReadOptions? options = null)
        => ReadAll(IcsLineSource.FromStream(Preconditions.CheckNotNull(stream)), options);

    /// <summary>Reads iCalendar UTF-8 bytes from a stream one component at a time, without holding the whole input.</summary>
    /// <remarks>
    /// <para>Each component nested directly in a top-level VCALENDAR (VEVENT, VTIMEZONE, VTODO, X-…) is yielded as soon
    /// as its END is read, with everything nested in it; then, after its END, the VCALENDAR itself with its own
    /// properties and no sub-components. Any other top-level component is yielded whole. The input is read in 64 KB
    /// chunks; memory is one component and the longest content line.</para>
    /// <para>The input is read as the sequence is enumerated, and each enumeration reads the stream again from where it
    /// is.</para>
    /// </remarks>
    /// <param name="stream">The stream; it is not closed.</param>
    /// <param name="diagnostics">Receives each diagnostic as it is found; null to ignore them.</param>
    /// <param name="options">The options; <see cref="IcsReadOptions.Default"/> when null.</param>
    /// <returns>The components, lazily.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IcsParseException">Strict mode, at the first error (while enumerating).</exception>
    public static IEnumerable<IcsComponent> ReadComponents(Stream stream, Action<IcsDiagnostic>? diagnostics = null, IcsReadOptions? options = null)
    {
        Preconditions.CheckNotNull(stream);
        return Lazily(() => IcsLineSource.FromStream(stream), diagnostics, options ?? IcsReadOptions.Default);
    }

    /// <summary>Reads iCalendar text from a reader one component at a time, without holding the whole input.</summary>
    /// <remarks>As <see cref="ReadComponents(Stream, Action{IcsDiagnostic}?, IcsReadOptions?)"/>, on text.</remarks>
    /// <param name="reader">The reader; it is not closed.</param>
    /// <param name="diagnostics">Receives each diagnostic as it is found; null to ignore them.</param>
    /// <param name="options">The options; <see cref="IcsReadOptions.Default"/> when null.</param>
    /// <returns>The components, lazily.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="IcsParseException">Strict mode, at the first error (while enumerating).</exception>
    public static IEnumerable<IcsComponent> ReadComponents(TextReader reader, Action<IcsDiagnostic>? diagnostics = null, IcsReadOptions? options = null)
    {
        Preconditions.CheckNotNull(reader);
        return Lazily(() => IcsLineSource.FromReader(reader), diagnostics, options ?? IcsReadOptions.Default);
    }

    private static IEnumerable<IcsComponent> Lazily(Func<IcsLineSource> source, Action<IcsDiagnostic>? diagnostics, IcsReadOptions options)
    {
        var parser = new IcsParser(source(), options, diagnostics, streaming: true);
        while (parser.Next() is IcsComponent component)
        {
            yield return component;
        }
    }

    private static IcsReadResult ReadAll(IcsLineSource source, IcsReadOptions? options)
    {
        ImmutableArray<IcsDiagnostic>.Builder diagnostics = ImmutableArray.CreateBuilder<IcsDiagnostic>();
        var parser = new IcsParser(source, options ?? IcsReadOptions.Default, diagnostics.Add, streaming: false);
        ImmutableArray<IcsComponent>.Builder components = ImmutableArray.CreateBuilder<IcsComponent>(1);
        while (parser.Next() is IcsComponent component)
        {
            components.Add(component);
        }
        return new IcsReadResult(components.DrainToImmutable(), diagnostics.DrainToImmutable(), parser.HasErrors);
    }
}
