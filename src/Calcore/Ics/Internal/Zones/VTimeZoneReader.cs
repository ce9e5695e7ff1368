using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Calcore.Recurrence;
using NodaTime;

namespace Calcore.Ics.Internal.Zones;

/// <summary>Builds a <see cref="VTimeZoneZone"/> from a VTIMEZONE component, reporting what it cannot use.</summary>
/// <remarks>A malformed observance (no or bad DTSTART, TZOFFSETFROM or TZOFFSETTO, a bad RRULE) is reported as an
/// error and skipped; a bad RDATE value is reported and only that value skipped. A VTIMEZONE without TZID or without
/// any usable observance gives no zone (and an error).</remarks>
internal static class VTimeZoneReader
{
    internal static VTimeZoneZone? Read(IcsComponent vtimezone, Action<IcsDiagnostic> report)
    {
        string? tzid = vtimezone.FindProperty("TZID")?.Value.Trim();
        if (string.IsNullOrEmpty(tzid))
        {
            report(Error(vtimezone.Line, "VTIMEZONE without TZID; it is ignored."));
            return null;
        }
        var observances = new List<VTimeZoneObservance>();
        foreach (IcsComponent c in vtimezone.Components)
        {
            bool daylight = c.Name == "DAYLIGHT";
            if (!daylight && c.Name != "STANDARD")
            {
                continue;
            }
            VTimeZoneObservance? o = ReadObservance(tzid, c, daylight, report);
            if (o is not null)
            {
                observances.Add(o);
            }
        }
        if (observances.Count == 0)
        {
            report(Error(vtimezone.Line, $"VTIMEZONE '{tzid}' has no usable STANDARD or DAYLIGHT observance; it is ignored."));
            return null;
        }
        return new VTimeZoneZone(tzid, observances);
    }

    private static VTimeZoneObservance? ReadObservance(string tzid, IcsComponent c, bool daylight, Action<IcsDiagnostic> report)
    {
        string what = $"{c.Name} observance of VTIMEZONE '{tzid}'";
        IcsProperty? fromProperty = c.FindProperty("TZOFFSETFROM");
        IcsProperty? toProperty = c.FindProperty("TZOFFSETTO");
        IcsProperty? startProperty = c.FindProperty("DTSTART");
        if (fromProperty is null || toProperty is null || startProperty is null)
        {
            string missing = startProperty is null ? "DTSTART" : fromProperty is null ? "TZOFFSETFROM" : "TZOFFSETTO";
            report(Error(c.Line, $"The {what} has no {missing}; the observance is skipped."));
            return null;
        }
        if (!ZoneValues.TryParseOffset(fromProperty.Value, out Offset from))
        {
            report(Error(fromProperty.Line, $"TZOFFSETFROM '{fromProperty.Value}' of the {what} is not a UTC offset (±hhmm[ss]); the observance is skipped."));
            return null;
        }
        if (!ZoneValues.TryParseOffset(toProperty.Value, out Offset to))
        {
            report(Error(toProperty.Line, $"TZOFFSETTO '{toProperty.Value}' of the {what} is not a UTC offset (±hhmm[ss]); the observance is skipped."));
            return null;
        }
        if (!ZoneValues.TryParseDateTime(startProperty.Value, out LocalDateTime start, out bool startUtc) || start.Year > 9999)
        {
            report(Error(startProperty.Line, $"DTSTART '{startProperty.Value}' of the {what} is not a date-time; the observance is skipped."));
            return null;
        }
        if (startUtc)
        {
            // RFC 5545 wants a local time; a UTC one keeps its instant.
            start = start.InUtc().ToInstant().WithOffset(from).LocalDateTime;
        }
        var rules = new List<RecurrenceRule>();
        foreach (IcsProperty rrule in c.GetProperties("RRULE"))
        {
            if (!RecurrenceRule.TryParse(rrule.Value, out RecurrenceRule? rule))
            {
                report(Error(rrule.Line, $"RRULE '{rrule.Value}' of the {what} is not a recurrence rule; the observance is skipped."));
                return null;
            }
            if (rule.End.UntilInstant is Instant until)
            {
                // RFC 5545 §3.6.5: UNTIL is UTC; onsets are wall times in TZOFFSETFROM, so the rule's last onset is
                // compared in that frame (the floating set compares wall times).
                var builder = rule.ToBuilder();
                builder.End = RecurrenceEnd.Until(until.WithOffset(from).LocalDateTime);
                rule = builder.Build();
            }
            rules.Add(rule);
        }
        var dates = ImmutableArray.CreateBuilder<LocalDateTime>();
        foreach (IcsProperty rdate in c.GetProperties("RDATE"))
        {
            foreach (string part in rdate.Value.Split(','))
            {
                string text = part;
                int slash = text.IndexOf('/', StringComparison.Ordinal);
                if (slash >= 0)
                {
                    text = text[..slash]; // a PERIOD contributes its start
                }
                if (!ZoneValues.TryParseDateTime(text, out LocalDateTime local, out bool utc) || local.Year > 9999)
                {
                    report(Error(rdate.Line, $"RDATE value '{part}' of the {what} is not a date-time; the value is skipped."));
                    continue;
                }
                dates.Add(utc ? local.InUtc().ToInstant().WithOffset(from).LocalDateTime : local);
            }
        }
        RecurrenceSet? set = null;
        if (rules.Count > 0)
        {
            try
            {
                set = RecurrenceSet.Create(start, null, rules);
            }
            catch (ArgumentException e)
            {
                report(Error(startProperty.Line, $"The recurrence of the {what} cannot be used ({e.Message}); the observance is skipped."));
                return null;
            }
        }
        string name = c.FindProperty("TZNAME")?.Value.Trim() is { Length: > 0 } n ? n : tzid;
        return new VTimeZoneObservance(daylight, start, from, to, name, set, dates.ToImmutable(), c.Line);
    }

    private static IcsDiagnostic Error(int line, string message) => new(IcsSeverity.Error, line, 1, message);
}
