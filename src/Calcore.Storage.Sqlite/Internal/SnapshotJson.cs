using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Calcore.Attendees;
using Calcore.Events;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Calcore.Storage.Sqlite.Internal;

/// <summary>
/// The explicit, versioned JSON form of an event snapshot (everything but id and version, which are columns).
/// Format version 1; see docs/storage-providers.md. Written by hand so that renaming a public property never
/// changes what is on disk.
/// </summary>
internal static class SnapshotJson
{
    internal const int FormatVersion = 1;

    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.ExtendedIso;
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly InstantPattern InstantFormat = InstantPattern.ExtendedIso;
    private static readonly DurationPattern DurationFormat = DurationPattern.Roundtrip;

    /// <summary>The snapshot as a string (the tests pin the exact text).</summary>
    internal static string Write(CalendarEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, e);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the snapshot with a writer made with default options (as every snapshot so far was written).</summary>
    internal static void Write(Utf8JsonWriter w, CalendarEvent e)
    {
        w.WriteStartObject();
        w.WriteNumber("format", FormatVersion);
        w.WritePropertyName("details");
        WriteDetails(w, e.Details);
        w.WriteStartArray("commitments");
        foreach (Commitment c in e.Commitments)
        {
            WriteCommitment(w, c);
        }
        w.WriteEndArray();
        w.WriteString("created", InstantFormat.Format(e.Created));
        w.WriteString("updated", InstantFormat.Format(e.Updated));
        if (!e.Overrides.IsDefaultOrEmpty)
        {
            w.WriteStartArray("overrides");
            foreach (InstanceOverride o in e.Overrides)
            {
                WriteOverride(w, o);
            }
            w.WriteEndArray();
        }
        if (e.SplitFromId is { } split)
        {
            w.WriteString("splitFrom", split.Value);
        }
        w.WriteEndObject();
    }

    /// <summary>Reads a snapshot given as a string.</summary>
    internal static CalendarEvent Read(string id, long version, string json) => Read(id, version, Encoding.UTF8.GetBytes(json));

    /// <summary>Reads a snapshot from its UTF-8 bytes (as SQLite holds the TEXT column), in one forward pass with a
    /// <see cref="Utf8JsonReader"/>: properties in any order, unknown ones skipped, enumeration names compared as bytes.</summary>
    /// <exception cref="FormatException">A newer format, a missing property or an unknown name.</exception>
    /// <exception cref="JsonException">The bytes are not JSON.</exception>
    internal static CalendarEvent Read(string id, long version, ReadOnlySpan<byte> utf8)
    {
        var r = new Utf8JsonReader(utf8);
        Start(ref r, JsonTokenType.StartObject);
        bool hasFormat = false;
        EventDetails? details = null;
        List<Commitment>? commitments = null;
        List<InstanceOverride>? overrides = null;
        Instant? created = null, updated = null;
        EventId? split = null;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("format"u8))
            {
                Value(ref r);
                int format = r.GetInt32();
                if (format > FormatVersion)
                {
                    throw new FormatException($"The snapshot of event '{id}' has format {format}; this library reads up to {FormatVersion}.");
                }
                hasFormat = true;
            }
            else if (r.ValueTextEquals("details"u8))
            {
                Start(ref r, JsonTokenType.StartObject);
                details = ReadDetails(ref r);
            }
            else if (r.ValueTextEquals("commitments"u8))
            {
                Start(ref r, JsonTokenType.StartArray);
                commitments = [];
                while (NextItem(ref r))
                {
                    commitments.Add(ReadCommitment(ref r));
                }
            }
            else if (r.ValueTextEquals("created"u8))
            {
                created = ReadInstant(ref r);
            }
            else if (r.ValueTextEquals("updated"u8))
            {
                updated = ReadInstant(ref r);
            }
            else if (r.ValueTextEquals("overrides"u8))
            {
                Start(ref r, JsonTokenType.StartArray);
                overrides = [];
                while (NextItem(ref r))
                {
                    overrides.Add(ReadOverride(ref r));
                }
            }
            else if (r.ValueTextEquals("splitFrom"u8))
            {
                split = new EventId(String(ref r));
            }
            else
            {
                SkipValue(ref r);
            }
        }
        if (!hasFormat)
        {
            throw Missing("format");
        }
        return new CalendarEvent(new EventId(id), details ?? throw Missing("details"), commitments ?? throw Missing("commitments"), version,
            created ?? throw Missing("created"), updated ?? throw Missing("updated"), overrides, split);
    }

    // ------------------------------------------------------------------------------------------------------
    // Reader steps (a reader positioned on a property name moves to its value; on a value, to the next token)
    // ------------------------------------------------------------------------------------------------------

    private static void Start(ref Utf8JsonReader r, JsonTokenType type)
    {
        if (!r.Read() || r.TokenType != type)
        {
            throw new FormatException($"Expected {type} in a snapshot, found {r.TokenType}.");
        }
    }

    /// <summary>Moves to the next property name of the current object: false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader r)
    {
        if (!r.Read())
        {
            throw new FormatException("A snapshot ends inside an object.");
        }
        return r.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new FormatException($"Expected a property in a snapshot, found {r.TokenType}."),
        };
    }

    /// <summary>Moves to the next item of the current array: false at its end.</summary>
    private static bool NextItem(ref Utf8JsonReader r)
    {
        if (!r.Read())
        {
            throw new FormatException("A snapshot ends inside an array.");
        }
        return r.TokenType != JsonTokenType.EndArray;
    }

    private static void Value(ref Utf8JsonReader r)
    {
        if (!r.Read())
        {
            throw new FormatException("A snapshot ends before a value.");
        }
    }

    private static void SkipValue(ref Utf8JsonReader r)
    {
        Value(ref r);
        r.Skip();
    }

    private static string String(ref Utf8JsonReader r)
    {
        Value(ref r);
        return r.TokenType == JsonTokenType.String ? r.GetString()! : throw new FormatException($"Expected a string in a snapshot, found {r.TokenType}.");
    }

    private static List<string> Strings(ref Utf8JsonReader r)
    {
        Start(ref r, JsonTokenType.StartArray);
        var list = new List<string>();
        while (NextItem(ref r))
        {
            list.Add(r.TokenType == JsonTokenType.String ? r.GetString()! : throw new FormatException($"Expected a string in a snapshot, found {r.TokenType}."));
        }
        return list;
    }

    /// <summary>The string value's UTF-8 bytes when it has no escapes (the fast parsers' input), else empty.</summary>
    private static ReadOnlySpan<byte> PlainString(ref Utf8JsonReader r)
    {
        Value(ref r);
        if (r.TokenType != JsonTokenType.String)
        {
            throw new FormatException($"Expected a string in a snapshot, found {r.TokenType}.");
        }
        return r.ValueIsEscaped || r.HasValueSequence ? default : r.ValueSpan;
    }

    private static Instant ReadInstant(ref Utf8JsonReader r)
        => IsoText.TryParseInstant(PlainString(ref r), out Instant value) ? value : InstantFormat.Parse(r.GetString()!).GetValueOrThrow();

    private static LocalDateTime ReadLocalDateTime(ref Utf8JsonReader r)
        => IsoText.TryParseLocalDateTime(PlainString(ref r), out LocalDateTime value) ? value : LocalPattern.Parse(r.GetString()!).GetValueOrThrow();

    private static LocalDate ReadDate(ref Utf8JsonReader r)
        => IsoText.TryParseDate(PlainString(ref r), out LocalDate value) ? value : DatePattern.Parse(r.GetString()!).GetValueOrThrow();

    private static Duration ReadDuration(ref Utf8JsonReader r)
        => IsoText.TryParseDuration(PlainString(ref r), out Duration value) ? value : DurationFormat.Parse(r.GetString()!).GetValueOrThrow();

    private static FormatException Missing(string name) => new($"A snapshot lacks the property '{name}'.");

    // ------------------------------------------------------------------------------------------------------
    // Details and timing
    // ------------------------------------------------------------------------------------------------------

    private static void WriteDetails(Utf8JsonWriter w, EventDetails d)
    {
        w.WriteStartObject();
        w.WritePropertyName("timing");
        WriteTiming(w, d.Timing);
        w.WriteString("title", d.Title);
        w.WriteString("description", d.Description);
        w.WriteString("location", d.Location);
        w.WriteString("status", Statuses.Name(d.Status));
        w.WriteString("transparency", Transparencies.Name(d.Transparency));
        w.WriteString("class", Classes.Name(d.AccessClass));
        w.WriteStartArray("categories");
        foreach (string c in d.Categories)
        {
            w.WriteStringValue(c);
        }
        w.WriteEndArray();
        if (d.OrganizerId is { } organizer)
        {
            w.WriteString("organizer", organizer.Value);
        }
        if (d.Uid is { } uid)
        {
            w.WriteString("uid", uid);
        }
        if (d.Sequence != 0)
        {
            w.WriteNumber("sequence", d.Sequence);
        }
        w.WriteStartArray("recurrence");
        foreach (string line in d.Recurrence)
        {
            w.WriteStringValue(line);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static EventDetails ReadDetails(ref Utf8JsonReader r)
    {
        EventTiming? timing = null;
        string? title = null, description = null, location = null, uid = null;
        EventStatus? status = null;
        Transparency? transparency = null;
        AccessClass? accessClass = null;
        List<string>? categories = null, recurrence = null;
        AttendeeId? organizer = null;
        int sequence = 0;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("timing"u8))
            {
                Start(ref r, JsonTokenType.StartObject);
                timing = ReadTiming(ref r);
            }
            else if (r.ValueTextEquals("title"u8))
            {
                title = String(ref r);
            }
            else if (r.ValueTextEquals("description"u8))
            {
                description = String(ref r);
            }
            else if (r.ValueTextEquals("location"u8))
            {
                location = String(ref r);
            }
            else if (r.ValueTextEquals("status"u8))
            {
                status = Statuses.Read(ref r);
            }
            else if (r.ValueTextEquals("transparency"u8))
            {
                transparency = Transparencies.Read(ref r);
            }
            else if (r.ValueTextEquals("class"u8))
            {
                accessClass = Classes.Read(ref r);
            }
            else if (r.ValueTextEquals("categories"u8))
            {
                categories = Strings(ref r);
            }
            else if (r.ValueTextEquals("organizer"u8))
            {
                organizer = new AttendeeId(String(ref r));
            }
            else if (r.ValueTextEquals("uid"u8))
            {
                uid = String(ref r);
            }
            else if (r.ValueTextEquals("sequence"u8))
            {
                Value(ref r);
                sequence = r.GetInt32();
            }
            else if (r.ValueTextEquals("recurrence"u8))
            {
                recurrence = Strings(ref r);
            }
            else
            {
                SkipValue(ref r);
            }
        }
        return new EventDetails(timing ?? throw Missing("timing"))
        {
            Title = title ?? throw Missing("title"),
            Description = description ?? throw Missing("description"),
            Location = location ?? throw Missing("location"),
            Status = status ?? throw Missing("status"),
            Transparency = transparency ?? throw Missing("transparency"),
            AccessClass = accessClass ?? throw Missing("class"),
            Categories = categories ?? throw Missing("categories"),
            OrganizerId = organizer,
            Uid = uid,
            Sequence = sequence,
            Recurrence = recurrence ?? throw Missing("recurrence"),
        };
    }

    private static void WriteTiming(Utf8JsonWriter w, EventTiming t)
    {
        w.WriteStartObject();
        if (t.IsAllDay)
        {
            w.WriteString("kind", "allDay");
            w.WriteString("date", DatePattern.Format(t.StartDate));
            w.WriteNumber("days", t.Days);
        }
        else
        {
            w.WriteString("kind", t.Zone is null ? "floating" : "zoned");
            w.WriteString("start", LocalPattern.Format(t.Start));
            if (t.Zone is { } zone)
            {
                w.WriteString("zone", zone.Id);
                if (t.PreferredOffset is { } offset)
                {
                    w.WriteNumber("offsetSeconds", offset.Seconds);
                }
            }
            w.WriteString("duration", DurationFormat.Format(t.Duration));
        }
        w.WriteEndObject();
    }

    private static EventTiming ReadTiming(ref Utf8JsonReader r)
    {
        string? kind = null, zoneId = null;
        LocalDate? date = null;
        LocalDateTime? start = null;
        Duration? duration = null;
        int? days = null, offsetSeconds = null;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("kind"u8))
            {
                kind = String(ref r);
            }
            else if (r.ValueTextEquals("date"u8))
            {
                date = ReadDate(ref r);
            }
            else if (r.ValueTextEquals("days"u8))
            {
                Value(ref r);
                days = r.GetInt32();
            }
            else if (r.ValueTextEquals("start"u8))
            {
                start = ReadLocalDateTime(ref r);
            }
            else if (r.ValueTextEquals("zone"u8))
            {
                zoneId = String(ref r);
            }
            else if (r.ValueTextEquals("offsetSeconds"u8))
            {
                Value(ref r);
                offsetSeconds = r.GetInt32();
            }
            else if (r.ValueTextEquals("duration"u8))
            {
                duration = ReadDuration(ref r);
            }
            else
            {
                SkipValue(ref r);
            }
        }
        switch (kind)
        {
            case "allDay":
                return EventTiming.AllDay(date ?? throw Missing("date"), days ?? throw Missing("days"));
            case "floating":
            case "zoned":
                LocalDateTime local = start ?? throw Missing("start");
                Duration length = duration ?? throw Missing("duration");
                if (kind == "floating")
                {
                    return EventTiming.Timed(local, null, length);
                }
                DateTimeZone zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId ?? throw Missing("zone"))
                    ?? throw new FormatException($"The time zone '{zoneId}' is not in this machine's TZDB.");
                if (offsetSeconds is { } seconds)
                {
                    Offset offset = Offset.FromSeconds(seconds);
                    ZoneLocalMapping mapping = zone.MapLocal(local);
                    if (mapping.Count == 2)
                    {
                        return EventTiming.Timed(mapping.Last().Offset == offset ? mapping.Last() : mapping.First(), length);
                    }
                }
                return EventTiming.Timed(local, zone, length);
            default:
                throw new FormatException($"Unknown timing kind '{kind}'.");
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Commitments and overrides
    // ------------------------------------------------------------------------------------------------------

    private static void WriteCommitment(Utf8JsonWriter w, Commitment c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id.Value);
        w.WriteString("attendee", c.AttendeeId.Value);
        w.WriteString("type", UserTypes.Name(c.AttendeeType));
        w.WriteString("status", PartStats.Name(c.Status));
        w.WriteString("role", Roles.Name(c.Role));
        if (c.EffectiveStart is { } es)
        {
            w.WriteString("effectiveStart", InstantFormat.Format(es));
        }
        if (c.EffectiveEnd is { } ee)
        {
            w.WriteString("effectiveEnd", InstantFormat.Format(ee));
        }
        w.WriteEndObject();
    }

    private static Commitment ReadCommitment(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException($"Expected a commitment object in a snapshot, found {r.TokenType}.");
        }
        string? id = null, attendee = null;
        CalendarUserType? type = null;
        ParticipationStatus? status = null;
        ParticipationRole? role = null;
        Instant? effectiveStart = null, effectiveEnd = null;
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("id"u8))
            {
                id = String(ref r);
            }
            else if (r.ValueTextEquals("attendee"u8))
            {
                attendee = String(ref r);
            }
            else if (r.ValueTextEquals("type"u8))
            {
                type = UserTypes.Read(ref r);
            }
            else if (r.ValueTextEquals("status"u8))
            {
                status = PartStats.Read(ref r);
            }
            else if (r.ValueTextEquals("role"u8))
            {
                role = Roles.Read(ref r);
            }
            else if (r.ValueTextEquals("effectiveStart"u8))
            {
                effectiveStart = ReadInstant(ref r);
            }
            else if (r.ValueTextEquals("effectiveEnd"u8))
            {
                effectiveEnd = ReadInstant(ref r);
            }
            else
            {
                SkipValue(ref r);
            }
        }
        return new Commitment(new CommitmentId(id ?? throw Missing("id")), new AttendeeId(attendee ?? throw Missing("attendee")),
            type ?? throw Missing("type"), status ?? throw Missing("status"), role ?? throw Missing("role"))
        {
            EffectiveStart = effectiveStart,
            EffectiveEnd = effectiveEnd,
        };
    }

    private static void WriteOverride(Utf8JsonWriter w, InstanceOverride o)
    {
        w.WriteStartObject();
        w.WriteString("originalStart", o.OriginalStart.ToString());
        if (o.IsCancelled)
        {
            w.WriteBoolean("cancelled", true);
        }
        WriteOptional(w, "title", o.Title);
        WriteOptional(w, "description", o.Description);
        WriteOptional(w, "location", o.Location);
        if (o.Timing is { } timing)
        {
            w.WritePropertyName("timing");
            WriteTiming(w, timing);
        }
        WriteOptional(w, "status", o.Status is { } s ? Statuses.Name(s) : null);
        WriteOptional(w, "transparency", o.Transparency is { } t ? Transparencies.Name(t) : null);
        WriteOptional(w, "class", o.AccessClass is { } a ? Classes.Name(a) : null);
        if (o.Categories is { } categories)
        {
            w.WriteStartArray("categories");
            foreach (string c in categories)
            {
                w.WriteStringValue(c);
            }
            w.WriteEndArray();
        }
        if (o.Participation.Count > 0)
        {
            w.WriteStartObject("participation");
            foreach (KeyValuePair<AttendeeId, ParticipationStatus> p in o.Participation)
            {
                w.WriteString(p.Key.Value, PartStats.Name(p.Value));
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static InstanceOverride ReadOverride(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException($"Expected an override object in a snapshot, found {r.TokenType}.");
        }
        string? originalStartText = null, title = null, description = null, location = null;
        bool cancelled = false;
        EventTiming? timing = null;
        EventStatus? status = null;
        Transparency? transparency = null;
        AccessClass? accessClass = null;
        List<string>? categories = null;
        var participation = new Dictionary<AttendeeId, ParticipationStatus>();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals("originalStart"u8))
            {
                originalStartText = String(ref r);
            }
            else if (r.ValueTextEquals("cancelled"u8))
            {
                Value(ref r);
                cancelled = r.GetBoolean();
            }
            else if (r.ValueTextEquals("title"u8))
            {
                title = String(ref r);
            }
            else if (r.ValueTextEquals("description"u8))
            {
                description = String(ref r);
            }
            else if (r.ValueTextEquals("location"u8))
            {
                location = String(ref r);
            }
            else if (r.ValueTextEquals("timing"u8))
            {
                Start(ref r, JsonTokenType.StartObject);
                timing = ReadTiming(ref r);
            }
            else if (r.ValueTextEquals("status"u8))
            {
                status = Statuses.Read(ref r);
            }
            else if (r.ValueTextEquals("transparency"u8))
            {
                transparency = Transparencies.Read(ref r);
            }
            else if (r.ValueTextEquals("class"u8))
            {
                accessClass = Classes.Read(ref r);
            }
            else if (r.ValueTextEquals("categories"u8))
            {
                categories = Strings(ref r);
            }
            else if (r.ValueTextEquals("participation"u8))
            {
                Start(ref r, JsonTokenType.StartObject);
                while (NextProperty(ref r))
                {
                    var attendee = new AttendeeId(r.GetString()!);
                    participation[attendee] = PartStats.Read(ref r);
                }
            }
            else
            {
                SkipValue(ref r);
            }
        }
        if (!OriginalStart.TryParse(originalStartText ?? throw Missing("originalStart"), out OriginalStart originalStart))
        {
            throw new FormatException($"'{originalStartText}' is not an original start.");
        }
        return new InstanceOverride(originalStart)
        {
            IsCancelled = cancelled,
            Title = title,
            Description = description,
            Location = location,
            Timing = timing,
            Status = status,
            Transparency = transparency,
            AccessClass = accessClass,
            Categories = categories,
            Participation = participation,
        };
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Enumerations: RFC 5545 names, never the .NET member names or numbers
    // ------------------------------------------------------------------------------------------------------

    private static readonly EnumNames<EventStatus> Statuses = new(
        "event status", (EventStatus.Confirmed, "CONFIRMED"), (EventStatus.Tentative, "TENTATIVE"), (EventStatus.Cancelled, "CANCELLED"));

    private static readonly EnumNames<Transparency> Transparencies = new(
        "transparency", (Transparency.Opaque, "OPAQUE"), (Transparency.Transparent, "TRANSPARENT"));

    private static readonly EnumNames<AccessClass> Classes = new(
        "access class", (AccessClass.Public, "PUBLIC"), (AccessClass.Private, "PRIVATE"), (AccessClass.Confidential, "CONFIDENTIAL"));

    private static readonly EnumNames<ParticipationStatus> PartStats = new(
        "participation status",
        (ParticipationStatus.NeedsAction, "NEEDS-ACTION"),
        (ParticipationStatus.Accepted, "ACCEPTED"),
        (ParticipationStatus.Declined, "DECLINED"),
        (ParticipationStatus.Tentative, "TENTATIVE"),
        (ParticipationStatus.Delegated, "DELEGATED"));

    private static readonly EnumNames<ParticipationRole> Roles = new(
        "participation role",
        (ParticipationRole.RequiredParticipant, "REQ-PARTICIPANT"),
        (ParticipationRole.Chair, "CHAIR"),
        (ParticipationRole.OptionalParticipant, "OPT-PARTICIPANT"),
        (ParticipationRole.NonParticipant, "NON-PARTICIPANT"));

    private static readonly EnumNames<CalendarUserType> UserTypes = new(
        "calendar user type",
        (CalendarUserType.Individual, "INDIVIDUAL"),
        (CalendarUserType.Group, "GROUP"),
        (CalendarUserType.Resource, "RESOURCE"),
        (CalendarUserType.Room, "ROOM"),
        (CalendarUserType.Unknown, "UNKNOWN"));

    /// <summary>One enumeration's RFC 5545 names, written as text and read back by comparing the reader's UTF-8 bytes.</summary>
    private sealed class EnumNames<T>
        where T : struct, Enum
    {
        private readonly string _what;
        private readonly (T Value, string Name, byte[] Utf8)[] _entries;

        internal EnumNames(string what, params (T Value, string Name)[] entries)
        {
            _what = what;
            _entries = Array.ConvertAll(entries, e => (e.Value, e.Name, Encoding.UTF8.GetBytes(e.Name)));
        }

        internal string Name(T value)
        {
            foreach ((T v, string name, _) in _entries)
            {
                if (EqualityComparer<T>.Default.Equals(v, value))
                {
                    return name;
                }
            }
            throw new ArgumentOutOfRangeException(nameof(value), value, null);
        }

        /// <summary>Reads the next value, a name of this enumeration.</summary>
        internal T Read(ref Utf8JsonReader r)
        {
            Value(ref r);
            foreach ((T value, _, byte[] utf8) in _entries)
            {
                if (r.ValueTextEquals(utf8))
                {
                    return value;
                }
            }
            throw new FormatException($"Unknown {_what} '{r.GetString()}'.");
        }
    }
}
