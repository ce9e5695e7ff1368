using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Events.Internal;
using Calcore.Ics.Internal.Zones;
using NodaTime;

namespace Calcore.Ics.Internal;

/// <summary>Maps VEVENT components to <see cref="IcsEvent"/>s: one event at a time, reporting what it cannot map and
/// skipping an event only when it has no usable start (or a zone that resolves nowhere).</summary>
/// <remarks>Work bound: linear in the component's properties, plus one recurrence-set check per series (bounded by the
/// recurrence engine's own bounds). Not thread-safe (one per read).</remarks>
internal sealed class EventMapping(IcsZoneResolver zones, Action<IcsDiagnostic> report)
{
    /// <summary>Maps one VEVENT; null (with an error reported) when it cannot be an event.</summary>
    internal IcsEvent? Map(IcsComponent vevent)
    {
        try
        {
            return MapOrThrow(vevent);
        }
        catch (IcsParseException e)
        {
            Error(e.Line > 0 ? e.Line : vevent.Line, $"{e.Diagnostic.Message} The VEVENT at line {vevent.Line} was skipped.");
            return null;
        }
        catch (ArgumentException e)
        {
            Error(vevent.Line, $"The VEVENT at line {vevent.Line} was skipped: {e.Message}");
            return null;
        }
    }

    private IcsEvent? MapOrThrow(IcsComponent vevent)
    {
        // One pass over the properties: the ones the engine models are picked out, the rest kept in order.
        IcsProperty? dtstart = null, dtend = null, duration = null, uidProperty = null, summary = null, description = null, location = null;
        IcsProperty? status = null, transp = null, klass = null, recurrenceIdProperty = null, sequence = null, stamp = null, created = null, modified = null;
        bool recurs = false;
        List<IcsProperty>? categories = null;
        ImmutableArray<IcsCalendarUser>.Builder? attendees = null;
        ImmutableArray<IcsProperty>.Builder? others = null;
        IcsCalendarUser? organizer = null;
        foreach (IcsProperty p in vevent.Properties)
        {
            switch (p.Name)
            {
                case "DTSTART": dtstart ??= p; break;
                case "DTEND": dtend ??= p; break;
                case "DURATION": duration ??= p; break;
                case "UID": uidProperty ??= p; break;
                case "SUMMARY": summary ??= p; break;
                case "DESCRIPTION": description ??= p; break;
                case "LOCATION": location ??= p; break;
                case "STATUS": status ??= p; break;
                case "TRANSP": transp ??= p; break;
                case "CLASS": klass ??= p; break;
                case "RECURRENCE-ID": recurrenceIdProperty ??= p; break;
                case "SEQUENCE": sequence ??= p; break;
                case "DTSTAMP": stamp ??= p; break;
                case "CREATED": created ??= p; break;
                case "LAST-MODIFIED": modified ??= p; break;
                case "CATEGORIES": (categories ??= []).Add(p); break;
                case "RRULE" or "RDATE" or "EXDATE" or "EXRULE": recurs = true; break;
                case "ATTENDEE": (attendees ??= ImmutableArray.CreateBuilder<IcsCalendarUser>()).Add(User(p)); break;
                case "ORGANIZER": organizer ??= User(p); break;
                default: (others ??= ImmutableArray.CreateBuilder<IcsProperty>()).Add(p); break;
            }
        }
        if (dtstart is null)
        {
            Error(vevent.Line, $"The VEVENT at line {vevent.Line} has no DTSTART; it was skipped.");
            return null;
        }
        string uid = uidProperty is { Value.Length: > 0 } ? IcsValues.ReadText(uidProperty.Value) : SyntheticUid(vevent);
        IcsDateTime start = IcsValues.ReadDateTime(dtstart);
        if (!TryZone(start, dtstart.Line, out DateTimeZone? zone))
        {
            return null;
        }
        EventTiming? timing = Timing(vevent, start, zone, dtend, duration);
        if (timing is null)
        {
            return null;
        }
        var details = new EventDetails(timing)
        {
            Title = summary is null ? "" : IcsValues.ReadText(summary.Value),
            Description = description is null ? "" : IcsValues.ReadText(description.Value),
            Location = location is null ? "" : IcsValues.ReadText(location.Value),
            Status = Status(status),
            Transparency = transp is not null && transp.Value.Equals("TRANSPARENT", StringComparison.OrdinalIgnoreCase) ? Transparency.Transparent : Transparency.Opaque,
            AccessClass = Class(klass),
            Uid = uid,
        };
        if (categories is not null)
        {
            details = details with { Categories = Categories(categories) };
        }
        if (recurs && recurrenceIdProperty is null)
        {
            List<string> recurrence = RecurrenceLines(vevent, start);
            if (recurrence.Count > 0)
            {
                details = details with { Recurrence = recurrence };
                try
                {
                    SeriesExpander.Validate(details, "details");
                }
                catch (ArgumentException e)
                {
                    Error(vevent.FindProperty("RRULE")?.Line ?? vevent.Line, $"The recurrence of the VEVENT at line {vevent.Line} does not read ({e.Message}); it was read as a single event.");
                    details = details with { Recurrence = [] };
                }
            }
        }
        (OriginalStart? recurrenceId, bool thisAndFuture) = RecurrenceId(recurrenceIdProperty);
        ImmutableArray<IcsComponent>.Builder? alarms = null;
        foreach (IcsComponent c in vevent.Components)
        {
            if (c.Name == "VALARM")
            {
                (alarms ??= ImmutableArray.CreateBuilder<IcsComponent>()).Add(c);
            }
            else
            {
                Warning(c.Line, $"A {c.Name} inside a VEVENT is not part of RFC 5545; it was skipped.");
            }
        }
        return new IcsEvent(uid, details)
        {
            Sequence = sequence is null ? 0 : Math.Max(0, IcsValues.ReadInteger(sequence.Value)),
            RecurrenceId = recurrenceId,
            ThisAndFuture = thisAndFuture,
            Organizer = organizer,
            Attendees = attendees?.DrainToImmutable() ?? [],
            Stamp = InstantOf(stamp),
            Created = InstantOf(created),
            LastModified = InstantOf(modified),
            Alarms = alarms?.DrainToImmutable() ?? [],
            OtherProperties = others?.DrainToImmutable() ?? [],
            Line = vevent.Line,
        };
    }

    /// <summary>The zone of a date-time: none for dates and floating times, UTC for UTC times, the resolved TZID
    /// otherwise; false (reported) when the TZID resolves nowhere — a time is never read as UTC by default.</summary>
    private bool TryZone(IcsDateTime value, int line, out DateTimeZone? zone)
    {
        zone = value.Form switch
        {
            IcsDateTimeForm.Utc => DateTimeZone.Utc,
            IcsDateTimeForm.Zoned => zones.Resolve(value.ZoneId!, line),
            _ => null,
        };
        return value.Form != IcsDateTimeForm.Zoned || zone is not null;
    }

    private EventTiming? Timing(IcsComponent vevent, IcsDateTime start, DateTimeZone? zone, IcsProperty? dtend, IcsProperty? duration)
    {
        if (start.IsDate)
        {
            int days = 1;
            if (dtend is not null)
            {
                IcsDateTime end = IcsValues.ReadDateTime(dtend);
                days = Period.Between(start.Date, end.Date, PeriodUnits.Days).Days;
            }
            else if (duration is not null)
            {
                IcsDuration d = IcsValues.ReadDuration(duration.Value);
                days = d.Days + (int)(d.Time.TotalDays);
            }
            if (days < 1)
            {
                Warning((dtend ?? duration)!.Line, $"The all-day event at line {vevent.Line} ends before its start day ends; it was read as one day.");
                days = 1;
            }
            return EventTiming.AllDay(start.Date, days);
        }
        Duration length = Duration.Zero;
        if (dtend is not null)
        {
            IcsDateTime end = IcsValues.ReadDateTime(dtend);
            if (!TryZone(end, dtend.Line, out DateTimeZone? endZone))
            {
                return null;
            }
            length = start.Form == IcsDateTimeForm.Floating || end.Form == IcsDateTimeForm.Floating || end.IsDate
                ? (end.Value - start.Value).ToDuration()
                : end.Value.InZoneLeniently(endZone!).ToInstant() - start.Value.InZoneLeniently(zone!).ToInstant();
        }
        else if (duration is not null)
        {
            IcsDuration d = IcsValues.ReadDuration(duration.Value);
            length = Duration.FromDays(d.Days) + d.Time;
        }
        if (length < Duration.Zero)
        {
            Warning((dtend ?? duration)!.Line, $"The event at line {vevent.Line} ends before it starts; it was read as lasting no time.");
            length = Duration.Zero;
        }
        return EventTiming.Timed(start.Value, zone, length);
    }

    private EventStatus Status(IcsProperty? p)
    {
        if (p is null || Is(p.Value, "CONFIRMED"))
        {
            return EventStatus.Confirmed;
        }
        if (Is(p.Value, "TENTATIVE"))
        {
            return EventStatus.Tentative;
        }
        if (Is(p.Value, "CANCELLED") || Is(p.Value, "CANCELED"))
        {
            return EventStatus.Cancelled;
        }
        Warning(p.Line, $"STATUS '{p.Value}' is not an event status; read as CONFIRMED.");
        return EventStatus.Confirmed;
    }

    private static bool Is(string value, string name) => value.Equals(name, StringComparison.OrdinalIgnoreCase);

    // RFC 5545 §3.8.1.3: an unknown class is treated as PRIVATE.
    private static AccessClass Class(IcsProperty? p)
        => p is null || Is(p.Value, "PUBLIC") ? AccessClass.Public : Is(p.Value, "CONFIDENTIAL") ? AccessClass.Confidential : AccessClass.Private;

    private static List<string> Categories(List<IcsProperty> properties)
    {
        var categories = new List<string>();
        foreach (IcsProperty p in properties)
        {
            foreach (string c in IcsValues.ReadTextList(p.Value))
            {
                if (c.Length > 0 && !categories.Contains(c))
                {
                    categories.Add(c);
                }
            }
        }
        return categories;
    }

    /// <summary>RRULE and EXRULE as written; RDATE and EXDATE rewritten in UTC (or as dates, or floating), so the lines
    /// no longer name the file's zones.</summary>
    private List<string> RecurrenceLines(IcsComponent vevent, IcsDateTime start)
    {
        var lines = new List<string>();
        foreach (IcsProperty p in vevent.Properties)
        {
            switch (p.Name)
            {
                case "RRULE":
                case "EXRULE":
                    lines.Add(p.Name + ":" + p.Value);
                    break;
                case "RDATE":
                    if (string.Equals(p.GetParameter("VALUE"), "PERIOD", StringComparison.OrdinalIgnoreCase))
                    {
                        var starts = new List<IcsDateTime>();
                        foreach (IcsPeriod period in IcsValues.ReadPeriodList(p))
                        {
                            starts.Add(period.Start);
                        }
                        Warning(p.Line, "RDATE periods are read as their start times; an instance keeps the series' length.");
                        AddDates(lines, "RDATE", starts, p, start);
                    }
                    else
                    {
                        AddDates(lines, "RDATE", IcsValues.ReadDateTimeList(p), p, start);
                    }
                    break;
                case "EXDATE":
                    AddDates(lines, "EXDATE", IcsValues.ReadDateTimeList(p), p, start);
                    break;
                default:
                    break;
            }
        }
        return lines;
    }

    private void AddDates(List<string> lines, string name, IReadOnlyList<IcsDateTime> values, IcsProperty p, IcsDateTime start)
    {
        if (values.Count == 0)
        {
            return;
        }
        var text = new StringBuilder();
        bool dates = values[0].IsDate;
        bool floating = values[0].Form == IcsDateTimeForm.Floating;
        foreach (IcsDateTime v in values)
        {
            if (v.IsDate != dates || (v.Form == IcsDateTimeForm.Floating) != floating)
            {
                Warning(p.Line, $"{name} mixes dates and times; the values of another kind were skipped.");
                continue;
            }
            if (text.Length > 0)
            {
                text.Append(',');
            }
            if (dates)
            {
                text.Append(IcsValues.WriteDate(v.Date));
            }
            else if (floating)
            {
                text.Append(IcsValues.WriteDateTime(v.Value));
            }
            else if (TryZone(v, p.Line, out DateTimeZone? z))
            {
                text.Append(IcsValues.WriteUtc(v.Value.InZoneLeniently(z!).ToInstant()));
            }
        }
        if (text.Length == 0)
        {
            return;
        }
        if (dates && !start.IsDate && name == "RDATE")
        {
            Warning(p.Line, "An RDATE of dates on a series with a start time was skipped.");
            return;
        }
        lines.Add(dates ? $"{name};VALUE=DATE:{text}" : $"{name}:{text}");
    }

    private (OriginalStart? Key, bool ThisAndFuture) RecurrenceId(IcsProperty? p)
    {
        if (p is null)
        {
            return (null, false);
        }
        bool thisAndFuture = string.Equals(p.GetParameter("RANGE"), "THISANDFUTURE", StringComparison.OrdinalIgnoreCase);
        IcsDateTime value = IcsValues.ReadDateTime(p);
        if (value.IsDate)
        {
            return (OriginalStart.FromDate(value.Date), thisAndFuture);
        }
        if (!TryZone(value, p.Line, out DateTimeZone? zone))
        {
            throw new IcsParseException(new IcsDiagnostic(IcsSeverity.Error, p.Line, 1, $"The RECURRENCE-ID's zone '{value.ZoneId}' is unknown."));
        }
        // A floating RECURRENCE-ID matches a floating series; it is placed on the time line in UTC, as the series'
        // instances' keys are (the engine keys floating instances by their wall time read in UTC).
        return (OriginalStart.FromInstant(value.Value.InZoneLeniently(zone ?? DateTimeZone.Utc).ToInstant()), thisAndFuture);
    }

    private static IcsCalendarUser User(IcsProperty p)
    {
        string? cn = null;
        CalendarUserType type = CalendarUserType.Individual;
        ParticipationRole role = ParticipationRole.RequiredParticipant;
        ParticipationStatus status = ParticipationStatus.NeedsAction;
        bool rsvp = false;
        ImmutableArray<IcsParameter>.Builder? others = null;
        foreach (IcsParameter parameter in p.Parameters)
        {
            string v = parameter.Value;
            switch (parameter.Name)
            {
                case "CN":
                    cn = v;
                    break;
                case "CUTYPE":
                    type = Is(v, "INDIVIDUAL") ? CalendarUserType.Individual : Is(v, "ROOM") ? CalendarUserType.Room : Is(v, "RESOURCE") ? CalendarUserType.Resource
                        : Is(v, "GROUP") ? CalendarUserType.Group : CalendarUserType.Unknown;
                    break;
                case "ROLE":
                    role = Is(v, "CHAIR") ? ParticipationRole.Chair : Is(v, "OPT-PARTICIPANT") ? ParticipationRole.OptionalParticipant
                        : Is(v, "NON-PARTICIPANT") ? ParticipationRole.NonParticipant : ParticipationRole.RequiredParticipant;
                    break;
                case "PARTSTAT":
                    status = Is(v, "ACCEPTED") ? ParticipationStatus.Accepted : Is(v, "DECLINED") ? ParticipationStatus.Declined
                        : Is(v, "TENTATIVE") ? ParticipationStatus.Tentative : Is(v, "DELEGATED") ? ParticipationStatus.Delegated : ParticipationStatus.NeedsAction;
                    break;
                case "RSVP":
                    rsvp = Is(v, "TRUE");
                    break;
                default:
                    (others ??= ImmutableArray.CreateBuilder<IcsParameter>()).Add(parameter);
                    break;
            }
        }
        string address = p.Value.Length > 0 && (char.IsWhiteSpace(p.Value[0]) || char.IsWhiteSpace(p.Value[^1])) ? p.Value.Trim() : p.Value;
        return new IcsCalendarUser(address, cn, type, role, status, rsvp) { OtherParameters = others?.DrainToImmutable() ?? [] };
    }

    private Instant? InstantOf(IcsProperty? p)
    {
        if (p is null)
        {
            return null;
        }
        IcsDateTime v = IcsValues.ReadDateTime(p);
        if (v.IsDate)
        {
            return v.Date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        }
        return TryZone(v, p.Line, out DateTimeZone? zone) ? v.Value.InZoneLeniently(zone ?? DateTimeZone.Utc).ToInstant() : null;
    }

    /// <summary>A UID for a VEVENT without one (RFC 5545 requires it; some producers omit it): derived from its content,
    /// so reading the same file twice gives the same UID.</summary>
    private string SyntheticUid(IcsComponent vevent)
    {
        var text = new StringBuilder();
        foreach (IcsProperty p in vevent.Properties)
        {
            text.Append(p.ToString()).Append('\n');
        }
        byte[] hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        string uid = "calcore-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
        Warning(vevent.Line, $"The VEVENT at line {vevent.Line} has no UID; it was given '{uid}' (derived from its content).");
        return uid;
    }

    private void Error(int line, string message) => report(new IcsDiagnostic(IcsSeverity.Error, line, 1, message));

    private void Warning(int line, string message) => report(new IcsDiagnostic(IcsSeverity.Warning, line, 1, message));

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
