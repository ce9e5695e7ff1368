using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
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

    /// <summary>Reads a snapshot from its UTF-8 bytes (as SQLite holds the TEXT column).</summary>
    internal static CalendarEvent Read(string id, long version, ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using JsonDocument doc = JsonDocument.ParseValue(ref reader);
        JsonElement root = doc.RootElement;
        int format = root.GetProperty("format").GetInt32();
        if (format > FormatVersion)
        {
            throw new FormatException($"The snapshot of event '{id}' has format {format}; this library reads up to {FormatVersion}.");
        }
        EventDetails details = ReadDetails(root.GetProperty("details"));
        var commitments = new List<Commitment>();
        foreach (JsonElement c in root.GetProperty("commitments").EnumerateArray())
        {
            commitments.Add(ReadCommitment(c));
        }
        List<InstanceOverride>? overrides = null;
        if (root.TryGetProperty("overrides", out JsonElement os))
        {
            overrides = [.. os.EnumerateArray().Select(ReadOverride)];
        }
        EventId? split = root.TryGetProperty("splitFrom", out JsonElement s) ? new EventId(s.GetString()!) : (EventId?)null;
        return new CalendarEvent(new EventId(id), details, commitments, version,
            InstantFormat.Parse(root.GetProperty("created").GetString()!).GetValueOrThrow(),
            InstantFormat.Parse(root.GetProperty("updated").GetString()!).GetValueOrThrow(),
            overrides, split);
    }

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
        w.WriteString("status", Name(d.Status));
        w.WriteString("transparency", Name(d.Transparency));
        w.WriteString("class", Name(d.AccessClass));
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
        w.WriteStartArray("recurrence");
        foreach (string line in d.Recurrence)
        {
            w.WriteStringValue(line);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static EventDetails ReadDetails(JsonElement d)
    {
        return new EventDetails(ReadTiming(d.GetProperty("timing")))
        {
            Title = d.GetProperty("title").GetString()!,
            Description = d.GetProperty("description").GetString()!,
            Location = d.GetProperty("location").GetString()!,
            Status = ParseStatus(d.GetProperty("status").GetString()),
            Transparency = ParseTransparency(d.GetProperty("transparency").GetString()),
            AccessClass = ParseClass(d.GetProperty("class").GetString()),
            Categories = [.. d.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!)],
            OrganizerId = d.TryGetProperty("organizer", out JsonElement o) ? new AttendeeId(o.GetString()!) : (AttendeeId?)null,
            Uid = d.TryGetProperty("uid", out JsonElement u) ? u.GetString() : null,
            Recurrence = [.. d.GetProperty("recurrence").EnumerateArray().Select(r => r.GetString()!)],
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

    private static EventTiming ReadTiming(JsonElement t)
    {
        string kind = t.GetProperty("kind").GetString()!;
        switch (kind)
        {
            case "allDay":
                return EventTiming.AllDay(DatePattern.Parse(t.GetProperty("date").GetString()!).GetValueOrThrow(), t.GetProperty("days").GetInt32());
            case "floating":
            case "zoned":
                LocalDateTime start = LocalPattern.Parse(t.GetProperty("start").GetString()!).GetValueOrThrow();
                Duration duration = DurationFormat.Parse(t.GetProperty("duration").GetString()!).GetValueOrThrow();
                if (kind == "floating")
                {
                    return EventTiming.Timed(start, null, duration);
                }
                string zoneId = t.GetProperty("zone").GetString()!;
                DateTimeZone zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
                    ?? throw new FormatException($"The time zone '{zoneId}' is not in this machine's TZDB.");
                if (t.TryGetProperty("offsetSeconds", out JsonElement o))
                {
                    Offset offset = Offset.FromSeconds(o.GetInt32());
                    ZoneLocalMapping mapping = zone.MapLocal(start);
                    if (mapping.Count == 2)
                    {
                        return EventTiming.Timed(mapping.Last().Offset == offset ? mapping.Last() : mapping.First(), duration);
                    }
                }
                return EventTiming.Timed(start, zone, duration);
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
        w.WriteString("type", Name(c.AttendeeType));
        w.WriteString("status", Name(c.Status));
        w.WriteString("role", Name(c.Role));
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

    private static Commitment ReadCommitment(JsonElement c)
    {
        return new Commitment(new CommitmentId(c.GetProperty("id").GetString()!), new AttendeeId(c.GetProperty("attendee").GetString()!),
            ParseUserType(c.GetProperty("type").GetString()), ParsePartStat(c.GetProperty("status").GetString()), ParseRole(c.GetProperty("role").GetString()))
        {
            EffectiveStart = c.TryGetProperty("effectiveStart", out JsonElement es) ? InstantFormat.Parse(es.GetString()!).GetValueOrThrow() : null,
            EffectiveEnd = c.TryGetProperty("effectiveEnd", out JsonElement ee) ? InstantFormat.Parse(ee.GetString()!).GetValueOrThrow() : null,
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
        WriteOptional(w, "status", o.Status is { } s ? Name(s) : null);
        WriteOptional(w, "transparency", o.Transparency is { } t ? Name(t) : null);
        WriteOptional(w, "class", o.AccessClass is { } a ? Name(a) : null);
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
                w.WriteString(p.Key.Value, Name(p.Value));
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static InstanceOverride ReadOverride(JsonElement o)
    {
        string text = o.GetProperty("originalStart").GetString()!;
        if (!OriginalStart.TryParse(text, out OriginalStart originalStart))
        {
            throw new FormatException($"'{text}' is not an original start.");
        }
        var participation = new Dictionary<AttendeeId, ParticipationStatus>();
        if (o.TryGetProperty("participation", out JsonElement ps))
        {
            foreach (JsonProperty p in ps.EnumerateObject())
            {
                participation[new AttendeeId(p.Name)] = ParsePartStat(p.Value.GetString());
            }
        }
        return new InstanceOverride(originalStart)
        {
            IsCancelled = o.TryGetProperty("cancelled", out JsonElement c) && c.GetBoolean(),
            Title = Optional(o, "title"),
            Description = Optional(o, "description"),
            Location = Optional(o, "location"),
            Timing = o.TryGetProperty("timing", out JsonElement t) ? ReadTiming(t) : null,
            Status = Optional(o, "status") is { } s ? ParseStatus(s) : null,
            Transparency = Optional(o, "transparency") is { } tr ? ParseTransparency(tr) : null,
            AccessClass = Optional(o, "class") is { } a ? ParseClass(a) : null,
            Categories = o.TryGetProperty("categories", out JsonElement cs) ? [.. cs.EnumerateArray().Select(x => x.GetString()!)] : null,
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

    private static string? Optional(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) ? v.GetString() : null;

    // ------------------------------------------------------------------------------------------------------
    // Enumerations: RFC 5545 names, never the .NET member names or numbers
    // ------------------------------------------------------------------------------------------------------

    private static string Name(EventStatus v) => v switch
    {
        EventStatus.Confirmed => "CONFIRMED",
        EventStatus.Tentative => "TENTATIVE",
        EventStatus.Cancelled => "CANCELLED",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    private static EventStatus ParseStatus(string? s) => s switch
    {
        "CONFIRMED" => EventStatus.Confirmed,
        "TENTATIVE" => EventStatus.Tentative,
        "CANCELLED" => EventStatus.Cancelled,
        _ => throw new FormatException($"Unknown event status '{s}'."),
    };

    private static string Name(Transparency v) => v switch
    {
        Transparency.Opaque => "OPAQUE",
        Transparency.Transparent => "TRANSPARENT",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    private static Transparency ParseTransparency(string? s) => s switch
    {
        "OPAQUE" => Transparency.Opaque,
        "TRANSPARENT" => Transparency.Transparent,
        _ => throw new FormatException($"Unknown transparency '{s}'."),
    };

    private static string Name(AccessClass v) => v switch
    {
        AccessClass.Public => "PUBLIC",
        AccessClass.Private => "PRIVATE",
        AccessClass.Confidential => "CONFIDENTIAL",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    private static AccessClass ParseClass(string? s) => s switch
    {
        "PUBLIC" => AccessClass.Public,
        "PRIVATE" => AccessClass.Private,
        "CONFIDENTIAL" => AccessClass.Confidential,
        _ => throw new FormatException($"Unknown access class '{s}'."),
    };

    private static string Name(ParticipationStatus v) => v switch
    {
        ParticipationStatus.NeedsAction => "NEEDS-ACTION",
        ParticipationStatus.Accepted => "ACCEPTED",
        ParticipationStatus.Declined => "DECLINED",
        ParticipationStatus.Tentative => "TENTATIVE",
        ParticipationStatus.Delegated => "DELEGATED",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    private static ParticipationStatus ParsePartStat(string? s) => s switch
    {
        "NEEDS-ACTION" => ParticipationStatus.NeedsAction,
        "ACCEPTED" => ParticipationStatus.Accepted,
        "DECLINED" => ParticipationStatus.Declined,
        "TENTATIVE" => ParticipationStatus.Tentative,
        "DELEGATED" => ParticipationStatus.Delegated,
        _ => throw new FormatException($"Unknown participation status '{s}'."),
    };

    private static string Name(ParticipationRole v) => v switch
    {
        ParticipationRole.RequiredParticipant => "REQ-PARTICIPANT",
        ParticipationRole.Chair => "CHAIR",
        ParticipationRole.OptionalParticipant => "OPT-PARTICIPANT",
        ParticipationRole.NonParticipant => "NON-PARTICIPANT",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    private static ParticipationRole ParseRole(string? s) => s switch
    {
        "REQ-PARTICIPANT" => ParticipationRole.RequiredParticipant,
        "CHAIR" => ParticipationRole.Chair,
        "OPT-PARTICIPANT" => ParticipationRole.OptionalParticipant,
        "NON-PARTICIPANT" => ParticipationRole.NonParticipant,
        _ => throw new FormatException($"Unknown participation role '{s}'."),
    };

    private static string Name(CalendarUserType v) => v switch
    {
        CalendarUserType.Individual => "INDIVIDUAL",
        CalendarUserType.Group => "GROUP",
        CalendarUserType.Resource => "RESOURCE",
        CalendarUserType.Room => "ROOM",
        CalendarUserType.Unknown => "UNKNOWN",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    private static CalendarUserType ParseUserType(string? s) => s switch
    {
        "INDIVIDUAL" => CalendarUserType.Individual,
        "GROUP" => CalendarUserType.Group,
        "RESOURCE" => CalendarUserType.Resource,
        "ROOM" => CalendarUserType.Room,
        "UNKNOWN" => CalendarUserType.Unknown,
        _ => throw new FormatException($"Unknown calendar user type '{s}'."),
    };
}
