using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Calcore.Attendees;
using Calcore.Events;
using NodaTime;

namespace Calcore.Ics.Internal;

/// <summary>Maps <see cref="IcsEvent"/>s to VEVENT components, in a fixed property order, so the same events always
/// give the same text.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class EventWriting
{
    /// <summary>The VEVENT of an event or an exception; <paramref name="series"/> is the series' timing when
    /// <paramref name="e"/> is an exception (its RECURRENCE-ID is written in the series' form).</summary>
    internal static IcsComponent ToComponent(IcsEvent e, EventTiming? series)
    {
        EventDetails d = e.Details;
        var properties = new List<IcsProperty>
        {
            Prop("UID", IcsValues.WriteText(e.Uid)),
            Prop("DTSTAMP", IcsValues.WriteUtc(e.Stamp ?? e.LastModified ?? e.Created ?? Instant.FromUnixTimeSeconds(0))),
        };
        if (e.Created is { } created)
        {
            properties.Add(Prop("CREATED", IcsValues.WriteUtc(created)));
        }
        if (e.LastModified is { } modified)
        {
            properties.Add(Prop("LAST-MODIFIED", IcsValues.WriteUtc(modified)));
        }
        if (e.Sequence > 0)
        {
            properties.Add(Prop("SEQUENCE", e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (e.RecurrenceId is { } key)
        {
            IcsProperty id = RecurrenceId(key, series ?? d.Timing);
            properties.Add(e.ThisAndFuture ? Prop(id.Name, id.Value, [.. id.Parameters, Param("RANGE", "THISANDFUTURE")]) : id);
        }
        properties.Add(Start("DTSTART", d.Timing));
        properties.Add(End(d.Timing));
        if (d.Title.Length > 0)
        {
            properties.Add(Prop("SUMMARY", IcsValues.WriteText(d.Title)));
        }
        if (d.Description.Length > 0)
        {
            properties.Add(Prop("DESCRIPTION", IcsValues.WriteText(d.Description)));
        }
        if (d.Location.Length > 0)
        {
            properties.Add(Prop("LOCATION", IcsValues.WriteText(d.Location)));
        }
        if (d.Status != EventStatus.Confirmed)
        {
            properties.Add(Prop("STATUS", d.Status == EventStatus.Tentative ? "TENTATIVE" : "CANCELLED"));
        }
        if (d.Transparency == Transparency.Transparent)
        {
            properties.Add(Prop("TRANSP", "TRANSPARENT"));
        }
        if (d.AccessClass != AccessClass.Public)
        {
            properties.Add(Prop("CLASS", d.AccessClass == AccessClass.Private ? "PRIVATE" : "CONFIDENTIAL"));
        }
        if (d.Categories.Count > 0)
        {
            properties.Add(Prop("CATEGORIES", IcsValues.WriteTextList(d.Categories)));
        }
        if (e.Organizer is { } organizer)
        {
            properties.Add(User("ORGANIZER", organizer, organizer: true));
        }
        foreach (IcsCalendarUser attendee in e.Attendees)
        {
            properties.Add(User("ATTENDEE", attendee, organizer: false));
        }
        foreach (string line in d.Recurrence)
        {
            properties.Add(RecurrenceLine(line));
        }
        properties.AddRange(e.OtherProperties);
        return new IcsComponent("VEVENT", properties, e.Alarms);
    }

    /// <summary>DTSTART (or RECURRENCE-ID) of a timing: a date for all-day, a floating time without a zone, UTC with Z,
    /// otherwise the wall time with the zone's id as TZID.</summary>
    internal static IcsProperty Start(string name, EventTiming timing)
    {
        if (timing.IsAllDay)
        {
            return Prop(name, IcsValues.WriteDate(timing.Start.Date), Param("VALUE", "DATE"));
        }
        return Wall(name, timing.Start, timing.Zone);
    }

    private static IcsProperty Wall(string name, LocalDateTime local, DateTimeZone? zone)
        => zone is null ? Prop(name, IcsValues.WriteDateTime(local))
            : zone == DateTimeZone.Utc || zone.Id == "UTC" ? Prop(name, IcsValues.WriteDateTime(local) + "Z")
            : Prop(name, IcsValues.WriteDateTime(local), Param("TZID", zone.Id));

    private static IcsProperty End(EventTiming timing)
    {
        if (timing.IsAllDay)
        {
            return Prop("DTEND", IcsValues.WriteDate(timing.Start.Date.PlusDays(timing.Days)), Param("VALUE", "DATE"));
        }
        LocalDateTime end = timing.Zone is null
            ? timing.Start.PlusTicks(timing.Duration.BclCompatibleTicks)
            : (timing.Start.InZoneLeniently(timing.Zone).ToInstant() + timing.Duration).InZone(timing.Zone).LocalDateTime;
        return Wall("DTEND", end, timing.Zone);
    }

    private static IcsProperty RecurrenceId(OriginalStart key, EventTiming series)
    {
        if (key.IsDate)
        {
            return Prop("RECURRENCE-ID", IcsValues.WriteDate(key.Date), Param("VALUE", "DATE"));
        }
        DateTimeZone? zone = series.IsAllDay ? null : series.Zone;
        LocalDateTime local = key.Instant.InZone(zone ?? DateTimeZone.Utc).LocalDateTime;
        return Wall("RECURRENCE-ID", local, zone);
    }

    /// <summary>A stored recurrence line (<c>RRULE:…</c>, <c>EXDATE;VALUE=DATE:…</c>) as a property.</summary>
    private static IcsProperty RecurrenceLine(string line)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        string head = line[..colon];
        string value = line[(colon + 1)..];
        string[] parts = head.Split(';');
        var parameters = new List<IcsParameter>();
        for (int i = 1; i < parts.Length; i++)
        {
            int eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            parameters.Add(new IcsParameter(parts[i][..eq], parts[i][(eq + 1)..].Trim('"').Split(',')));
        }
        return Prop(IcsNames.Upper(parts[0]), value, [.. parameters]);
    }

    private static IcsProperty User(string name, IcsCalendarUser user, bool organizer)
    {
        var parameters = new List<IcsParameter>();
        if (user.CommonName is { Length: > 0 } cn)
        {
            parameters.Add(Param("CN", cn));
        }
        if (!organizer)
        {
            if (user.Type != CalendarUserType.Individual)
            {
                parameters.Add(Param("CUTYPE", user.Type switch
                {
                    CalendarUserType.Group => "GROUP",
                    CalendarUserType.Resource => "RESOURCE",
                    CalendarUserType.Room => "ROOM",
                    _ => "UNKNOWN",
                }));
            }
            parameters.Add(Param("ROLE", user.Role switch
            {
                ParticipationRole.Chair => "CHAIR",
                ParticipationRole.OptionalParticipant => "OPT-PARTICIPANT",
                ParticipationRole.NonParticipant => "NON-PARTICIPANT",
                _ => "REQ-PARTICIPANT",
            }));
            parameters.Add(Param("PARTSTAT", user.Status switch
            {
                ParticipationStatus.Accepted => "ACCEPTED",
                ParticipationStatus.Declined => "DECLINED",
                ParticipationStatus.Tentative => "TENTATIVE",
                ParticipationStatus.Delegated => "DELEGATED",
                _ => "NEEDS-ACTION",
            }));
            if (user.Rsvp)
            {
                parameters.Add(Param("RSVP", "TRUE"));
            }
        }
        parameters.AddRange(user.OtherParameters);
        return Prop(name, user.Address, [.. parameters]);
    }

    /// <summary>The zones the events use (by id, sorted) with the years each must cover: from the earliest start to the
    /// latest date the events name (a start, an end, a recurrence line's date, UNTIL).</summary>
    internal static SortedDictionary<string, (DateTimeZone Zone, int From, int To)> ZonesInUse(IEnumerable<IcsEvent> events)
    {
        var zones = new SortedDictionary<string, (DateTimeZone Zone, int From, int To)>(StringComparer.Ordinal);
        foreach (IcsEvent e in events)
        {
            EventTiming t = e.Details.Timing;
            if (t.IsAllDay || t.Zone is null || t.Zone == DateTimeZone.Utc || t.Zone.Id == "UTC")
            {
                continue;
            }
            int from = t.Start.Year;
            int to = t.Start.Year;
            foreach (string line in e.Details.Recurrence)
            {
                to = Math.Max(to, LastYearNamed(line, to));
            }
            if (e.RecurrenceId is { IsDate: false } key)
            {
                int y = key.Instant.InUtc().Year;
                from = Math.Min(from, y);
                to = Math.Max(to, y);
            }
            zones[t.Zone.Id] = zones.TryGetValue(t.Zone.Id, out var known)
                ? (known.Zone, Math.Min(known.From, from), Math.Max(known.To, to))
                : (t.Zone, from, to);
        }
        return zones;
    }

    /// <summary>The latest year a recurrence line names (UNTIL, or the dates of an RDATE/EXDATE), or the given year.</summary>
    private static int LastYearNamed(string line, int year)
    {
        int last = year;
        ReadOnlySpan<char> text = line;
        for (int i = 0; i + 8 <= text.Length; i++)
        {
            if ((i == 0 || !char.IsAsciiDigit(text[i - 1])) && int.TryParse(text.Slice(i, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int y)
                && char.IsAsciiDigit(text[i + 4]) && char.IsAsciiDigit(text[i + 7]) && y is >= 1000 and <= 9999)
            {
                last = Math.Max(last, y);
                i += 7;
            }
        }
        return last;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, string Value), IcsParameter> Parameters = new();

    /// <summary>A property built without the public constructor's name check (the names here are constants); the value
    /// is still checked, once, for characters a content line cannot carry.</summary>
    private static IcsProperty Prop(string name, string value, params IcsParameter[] parameters)
        => new(name, parameters.Length == 0 ? [] : ImmutableArray.Create(parameters), IcsText.CheckValue(value, nameof(value)), 0);

    /// <summary>A one-value parameter; the common ones (PARTSTAT=ACCEPTED, VALUE=DATE, TZID=…) are shared instances.</summary>
    private static IcsParameter Param(string name, string value)
        => value.Length <= 40 && name != "CN"
            ? Parameters.GetOrAdd((name, value), static key => new IcsParameter(key.Name, ImmutableArray.Create(key.Value), trusted: true))
            : new IcsParameter(name, ImmutableArray.Create(value), trusted: true);
}
