using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Calcore.Events;
using Calcore.Ics.Internal;
using Calcore.Ics.Internal.Zones;
using Calcore.Internal;
using NodaTime;

namespace Calcore.Ics;

/// <summary>An iCalendar calendar (a VCALENDAR object, RFC 5545 §3.4) as events: read from text or a stream, or built
/// from events, and written as text.</summary>
/// <remarks>
/// <para>Reading maps each VEVENT to an <see cref="IcsEvent"/> (see its remarks), resolving each TZID through tzdb,
/// Windows and vendor names, or the file's own VTIMEZONE (docs/icalendar.md, "Time zones"); an event whose zone
/// resolves nowhere is skipped with an error, never read as UTC. VTODO, VJOURNAL, VFREEBUSY and unknown components are
/// kept in <see cref="OtherComponents"/> (with a warning that the engine does not import them); VTIMEZONEs are consumed.
/// A file holding several VCALENDARs gives one calendar with all their events.</para>
/// <para>Writing gives PRODID, VERSION 2.0 and CALSCALE, the calendar's other properties, one VTIMEZONE (built from
/// tzdb for the years the events use) per zone in use, then the events in order, each series followed by nothing
/// special: exceptions are events with a <see cref="IcsEvent.RecurrenceId"/> and are written where they are. The same
/// calendar always gives the same text.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class IcsCalendar
{
    /// <summary>The PRODID Calcore writes.</summary>
    public const string ProductId = "-//Calcore//Calcore//EN";

    private static readonly HashSet<string> Written = new(StringComparer.Ordinal) { "PRODID", "VERSION", "CALSCALE" };

    /// <summary>Creates a calendar of events.</summary>
    /// <param name="events">The events (series, single events, and exceptions with a RECURRENCE-ID).</param>
    /// <param name="properties">Calendar properties to write besides PRODID, VERSION and CALSCALE (such as
    /// <c>METHOD</c> or <c>X-WR-CALNAME</c>); none by default.</param>
    /// <param name="otherComponents">Other components to write after the events; none by default.</param>
    public IcsCalendar(IEnumerable<IcsEvent> events, IEnumerable<IcsProperty>? properties = null, IEnumerable<IcsComponent>? otherComponents = null)
    {
        Events = Preconditions.CheckNotNull(events).ToImmutableArray();
        Properties = properties?.Where(p => !Written.Contains(p.Name)).ToImmutableArray() ?? [];
        OtherComponents = otherComponents?.ToImmutableArray() ?? [];
    }

    /// <summary>Gets the events, in file order.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsEvent> Events { get; }

    /// <summary>Gets the calendar's properties other than PRODID, VERSION and CALSCALE (METHOD, X-WR-CALNAME, …).</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsProperty> Properties { get; }

    /// <summary>Gets the components that are neither events nor time zones (VTODO, VJOURNAL, VFREEBUSY, X-…), kept as read.</summary>
    /// <value>Possibly empty.</value>
    public ImmutableArray<IcsComponent> OtherComponents { get; }

    /// <summary>Gets the METHOD (RFC 5546), such as <c>REQUEST</c>, or null.</summary>
    /// <value>The method, upper-case.</value>
    public string? Method => Properties.FirstOrDefault(p => p.Name == "METHOD")?.Value.ToUpperInvariant();

    /// <summary>Reads a calendar from text.</summary>
    /// <param name="text">The iCalendar text.</param>
    /// <param name="options">How to read; tolerant by default.</param>
    /// <returns>The calendar and the diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="IcsParseException">In strict mode, at the first error.</exception>
    public static IcsCalendarReadResult Read(string text, IcsReadOptions? options = null)
    {
        // Text already in memory is read whole (faster than the streaming reader), then mapped.
        IcsReadResult read = IcsReader.Read(Preconditions.CheckNotNull(text), options);
        var diagnostics = new List<IcsDiagnostic>(read.Diagnostics);
        return Build(ReadEvents(Flatten(read.Components), diagnostics.Add, options), diagnostics);
    }

    /// <summary>The components of whole calendars in the order the streaming reader gives them: each VCALENDAR's
    /// children, then the VCALENDAR with its properties only.</summary>
    private static IEnumerable<IcsComponent> Flatten(ImmutableArray<IcsComponent> components)
    {
        foreach (IcsComponent c in components)
        {
            if (c.Name != "VCALENDAR")
            {
                yield return c;
                continue;
            }
            foreach (IcsComponent child in c.Components)
            {
                yield return child;
            }
            yield return new IcsComponent(c.Name, c.Properties, [], c.Line);
        }
    }

    /// <summary>Reads a calendar from a UTF-8 stream (a fold inside a multi-byte character is read correctly), without
    /// holding the whole text in memory.</summary>
    /// <param name="stream">The stream; read to its end, not closed.</param>
    /// <param name="options">How to read; tolerant by default.</param>
    /// <returns>The calendar and the diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IcsParseException">In strict mode, at the first error.</exception>
    public static IcsCalendarReadResult Read(Stream stream, IcsReadOptions? options = null)
    {
        Preconditions.CheckNotNull(stream);
        var diagnostics = new List<IcsDiagnostic>();
        return Build(ReadEvents(IcsReader.ReadComponents(stream, diagnostics.Add, options), diagnostics.Add, options), diagnostics);
    }

    /// <summary>Reads a calendar from a text reader.</summary>
    /// <param name="reader">The reader; read to its end, not closed.</param>
    /// <param name="options">How to read; tolerant by default.</param>
    /// <returns>The calendar and the diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="IcsParseException">In strict mode, at the first error.</exception>
    public static IcsCalendarReadResult Read(TextReader reader, IcsReadOptions? options = null)
    {
        Preconditions.CheckNotNull(reader);
        var diagnostics = new List<IcsDiagnostic>();
        return Build(ReadEvents(IcsReader.ReadComponents(reader, diagnostics.Add, options), diagnostics.Add, options), diagnostics);
    }

    /// <summary>Reads the events of a UTF-8 stream one at a time, for files too large to hold as a calendar: each event
    /// is yielded as soon as it is read (an event whose zone is defined by a VTIMEZONE further down the file is yielded
    /// at the end). Calendar properties and other components are not returned.</summary>
    /// <param name="stream">The stream; read to its end, not closed.</param>
    /// <param name="diagnostics">Receives each diagnostic as it is found; null to ignore them.</param>
    /// <param name="options">How to read; tolerant by default.</param>
    /// <returns>The events, lazily.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="IcsParseException">In strict mode, at the first error (while enumerating).</exception>
    public static IEnumerable<IcsEvent> ReadEvents(Stream stream, Action<IcsDiagnostic>? diagnostics = null, IcsReadOptions? options = null)
    {
        Preconditions.CheckNotNull(stream);
        Action<IcsDiagnostic> report = diagnostics ?? (_ => { });
        foreach (object item in ReadEvents(IcsReader.ReadComponents(stream, report, options), report, options))
        {
            if (item is IcsEvent e)
            {
                yield return e;
            }
        }
    }

    /// <summary>The events (as <see cref="IcsEvent"/>), then the calendar properties (<see cref="IcsProperty"/>) and other
    /// components (<see cref="IcsComponent"/>) of a component stream, in one pass.</summary>
    private static IEnumerable<object> ReadEvents(IEnumerable<IcsComponent> components, Action<IcsDiagnostic> report, IcsReadOptions? options)
    {
        bool strict = options?.Mode == IcsReadMode.Strict;
        Action<IcsDiagnostic> sink = strict
            ? d =>
            {
                report(d);
                if (d.Severity == IcsSeverity.Error)
                {
                    throw new IcsParseException(d);
                }
            }
        : report;
        var zones = new List<IcsComponent>();
        var deferred = new List<IcsComponent>();
        IcsZoneResolver? resolver = null;
        IcsZoneResolver? quiet = null;
        var resolvable = new Dictionary<string, bool>(StringComparer.Ordinal);
        EventMapping? mapping = null;
        foreach (IcsComponent c in components)
        {
            switch (c.Name)
            {
                case "VTIMEZONE":
                    zones.Add(c);
                    resolver = null;
                    quiet = null;
                    resolvable.Clear();
                    break;
                case "VEVENT":
                    if (resolver is null)
                    {
                        resolver = new IcsZoneResolver(DateTimeZoneProviders.Tzdb, zones, sink);
                        mapping = new EventMapping(resolver, sink);
                    }
                    quiet ??= new IcsZoneResolver(DateTimeZoneProviders.Tzdb, zones, _ => { });
                    if (UsesZoneDefinedLater(c, quiet, resolvable))
                    {
                        deferred.Add(c);
                    }
                    else if (mapping!.Map(c) is { } e)
                    {
                        yield return e;
                    }
                    break;
                case "VCALENDAR":
                    foreach (IcsProperty p in c.Properties)
                    {
                        yield return p;
                    }
                    break;
                default:
                    sink(new IcsDiagnostic(IcsSeverity.Warning, c.Line, 1, $"A {c.Name} is kept as it is; the engine imports only VEVENTs."));
                    yield return c;
                    break;
            }
        }
        if (deferred.Count > 0)
        {
            mapping = new EventMapping(new IcsZoneResolver(DateTimeZoneProviders.Tzdb, zones, sink), sink);
            foreach (IcsComponent c in deferred)
            {
                if (mapping.Map(c) is { } e)
                {
                    yield return e;
                }
            }
        }
    }

    /// <summary>Whether a VEVENT names a TZID that neither tzdb (nor a Windows or vendor name) nor a VTIMEZONE read so
    /// far defines: it waits for the rest of the file.</summary>
    private static bool UsesZoneDefinedLater(IcsComponent vevent, IcsZoneResolver quiet, Dictionary<string, bool> resolvable)
    {
        foreach (IcsProperty p in vevent.Properties)
        {
            if (p.GetParameter("TZID") is { } tzid)
            {
                if (!resolvable.TryGetValue(tzid, out bool known))
                {
                    known = quiet.Resolve(tzid, p.Line) is not null;
                    resolvable[tzid] = known;
                }
                if (!known)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static IcsCalendarReadResult Build(IEnumerable<object> items, List<IcsDiagnostic> diagnostics)
    {
        var events = new List<IcsEvent>();
        var properties = new List<IcsProperty>();
        var others = new List<IcsComponent>();
        foreach (object item in items)
        {
            switch (item)
            {
                case IcsEvent e:
                    events.Add(e);
                    break;
                case IcsProperty p:
                    properties.Add(p);
                    break;
                case IcsComponent c:
                    others.Add(c);
                    break;
            }
        }
        return new IcsCalendarReadResult(new IcsCalendar(events, properties, others), [.. diagnostics]);
    }

    /// <summary>Returns the calendar as a VCALENDAR component (with a VTIMEZONE for each zone its events use).</summary>
    /// <returns>The component.</returns>
    public IcsComponent ToComponent() => new("VCALENDAR", Header(), Components());

    private List<IcsProperty> Header()
    {
        var properties = new List<IcsProperty> { new("PRODID", ProductId), new("VERSION", "2.0"), new("CALSCALE", "GREGORIAN") };
        properties.AddRange(Properties);
        return properties;
    }

    /// <summary>The VTIMEZONEs, the events and the other components, each built when it is reached (so a calendar is
    /// written without holding all of its components at once).</summary>
    private IEnumerable<IcsComponent> Components()
    {
        foreach ((DateTimeZone zone, int from, int to) in EventWriting.ZonesInUse(Events).Values)
        {
            yield return VTimeZoneWriter.Build(zone, from, to);
        }
        var series = new Dictionary<string, EventTiming>(StringComparer.Ordinal);
        foreach (IcsEvent e in Events)
        {
            if (e.RecurrenceId is null)
            {
                series.TryAdd(e.Uid, e.Details.Timing);
            }
        }
        foreach (IcsEvent e in Events)
        {
            yield return EventWriting.ToComponent(e, e.RecurrenceId is null ? null : series.GetValueOrDefault(e.Uid));
        }
        foreach (IcsComponent c in OtherComponents)
        {
            yield return c;
        }
    }

    /// <summary>Writes the calendar as iCalendar text (CRLF line ends, folded at 75 octets).</summary>
    /// <returns>The text.</returns>
    public string Write()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer);
        return writer.ToString();
    }

    /// <summary>Writes the calendar to a stream as UTF-8 (without a byte order mark).</summary>
    /// <param name="stream">The stream; not closed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Write(Stream stream)
    {
        Preconditions.CheckNotNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        Write(writer);
    }

    /// <summary>Writes the calendar to a text writer, one component at a time.</summary>
    /// <param name="writer">The writer; not closed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void Write(TextWriter writer)
    {
        Preconditions.CheckNotNull(writer);
        var content = new IcsContentWriter(writer);
        content.WriteBegin(new IcsComponent("VCALENDAR", Header()));
        foreach (IcsComponent c in Components())
        {
            content.Write(c);
        }
        content.WriteEnd("VCALENDAR");
    }
}
