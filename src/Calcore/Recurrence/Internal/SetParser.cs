using System;
using System.Collections.Generic;
using System.Text;
using NodaTime;

namespace Calcore.Recurrence.Internal;

/// <summary>Reads the iCalendar content lines of a recurrence set (RFC 5545 §3.1 unfolding, §3.8.5 properties).</summary>
internal static class SetParser
{
    private sealed class LogicalLine
    {
        internal StringBuilder Text { get; } = new();

        internal List<(int Offset, int Line, int Column, int Absolute)> Segments { get; } = [];

        internal (int Line, int Column, int Absolute) Locate(int offset)
        {
            var seg = Segments[0];
            foreach (var s in Segments)
            {
                if (s.Offset <= offset)
                {
                    seg = s;
                }
            }
            int delta = offset - seg.Offset;
            return (seg.Line, seg.Column + delta, seg.Absolute + delta);
        }
    }

    private sealed class Failure(string message, string? part, int offset) : Exception(message)
    {
        internal string? Part { get; } = part;

        internal int Offset { get; } = offset;
    }

    internal static (RecurrenceSet? Set, RecurrenceParseException? Error) Parse(string text, (RecurrenceStartKind Kind, long Start, DateTimeZone? Zone)? given)
    {
        var lines = Unfold(text);
        var rules = new List<RecurrenceRule>();
        var exrules = new List<RecurrenceRule>();
        var rdates = new List<RecurrenceDate>();
        var exdates = new List<RecurrenceDate>();
        (RecurrenceStartKind Kind, long Start, DateTimeZone? Zone)? start = given;
        LogicalLine? current = null;
        try
        {
            foreach (var line in lines)
            {
                current = line;
                string s = line.Text.ToString();
                if (string.IsNullOrWhiteSpace(s))
                {
                    continue;
                }
                ParseLine(s, given is not null, ref start, rules, exrules, rdates, exdates);
            }
        }
        catch (Failure f)
        {
            var (l, c, a) = current!.Locate(f.Offset);
            return (null, new RecurrenceParseException(f.Message, f.Part, a, l, c, nameof(text)));
        }
        if (start is null)
        {
            return (null, new RecurrenceParseException("the set has no DTSTART line", "DTSTART", 0, 1, 1, nameof(text)));
        }
        var (kind, startSeconds, zone) = start.Value;
        return (RecurrenceSet.CreateParsed(kind, startSeconds, zone, rules, rdates, exdates, exrules), null);
    }

    private static List<LogicalLine> Unfold(string text)
    {
        var result = new List<LogicalLine>();
        int pos = 0;
        int lineNumber = 0;
        while (pos <= text.Length)
        {
            int nl = text.IndexOf('\n', pos);
            int end = nl < 0 ? text.Length : nl;
            int contentEnd = end > pos && text[end - 1] == '\r' ? end - 1 : end;
            lineNumber++;
            if (contentEnd > pos && (text[pos] == ' ' || text[pos] == '\t') && result.Count > 0)
            {
                var last = result[^1];
                last.Segments.Add((last.Text.Length, lineNumber, 2, pos + 1));
                last.Text.Append(text, pos + 1, contentEnd - pos - 1);
            }
            else
            {
                var line = new LogicalLine();
                line.Segments.Add((0, lineNumber, 1, pos));
                line.Text.Append(text, pos, contentEnd - pos);
                result.Add(line);
            }
            if (nl < 0)
            {
                break;
            }
            pos = nl + 1;
        }
        return result;
    }

    private static void ParseLine(string s, bool startGiven, ref (RecurrenceStartKind Kind, long Start, DateTimeZone? Zone)? start,
        List<RecurrenceRule> rules, List<RecurrenceRule> exrules, List<RecurrenceDate> rdates, List<RecurrenceDate> exdates)
    {
        int i = 0;
        while (i < s.Length && s[i] != ';' && s[i] != ':')
        {
            i++;
        }
        string name = s[..i].Trim().ToUpperInvariant();
        if (name.Length == 0)
        {
            throw new Failure("missing property name", null, 0);
        }
        string? valueParam = null;
        int valueParamAt = 0;
        string? tzid = null;
        int tzidAt = 0;
        while (i < s.Length && s[i] == ';')
        {
            int nameStart = ++i;
            while (i < s.Length && s[i] != '=' && s[i] != ';' && s[i] != ':')
            {
                i++;
            }
            if (i >= s.Length || s[i] != '=')
            {
                throw new Failure("a parameter must have the form NAME=VALUE", name, nameStart);
            }
            string paramName = s[nameStart..i].Trim().ToUpperInvariant();
            if (paramName.Length == 0)
            {
                throw new Failure("missing parameter name before '='", name, nameStart);
            }
            int valueStart = ++i;
            string paramValue;
            if (i < s.Length && s[i] == '"')
            {
                int close = s.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw new Failure("unterminated quoted parameter value", name, i);
                }
                paramValue = s[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                while (i < s.Length && s[i] != ';' && s[i] != ':')
                {
                    i++;
                }
                paramValue = s[valueStart..i];
            }
            if (paramName == "VALUE")
            {
                valueParam = paramValue.ToUpperInvariant();
                valueParamAt = valueStart;
            }
            else if (paramName == "TZID")
            {
                tzid = paramValue;
                tzidAt = valueStart;
            }
        }
        if (i >= s.Length || s[i] != ':')
        {
            throw new Failure("expected ':' before the value", name, i);
        }
        int valueAt = i + 1;
        DateTimeZone? zone = null;
        if (tzid is not null)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(tzid.StartsWith('/') ? tzid[1..] : tzid)
                ?? throw new Failure($"unknown time zone '{tzid}' (TZID must be an IANA zone id)", "TZID", tzidAt);
        }
        switch (name)
        {
            case "DTSTART":
                {
                    if (startGiven)
                    {
                        throw new Failure("DTSTART is given separately and must not appear in the recurrence lines", name, 0);
                    }
                    if (start is not null)
                    {
                        throw new Failure("DTSTART appears more than once", name, 0);
                    }
                    var v = s.AsSpan(valueAt).Trim();
                    if (valueParam == "DATE" || (valueParam is null && v.Length == 8))
                    {
                        if (!IcalText.TryParseDate(v, out int days))
                        {
                            throw new Failure($"'{v}' is not a DATE (yyyyMMdd)", name, valueAt);
                        }
                        start = (RecurrenceStartKind.Date, (long)days * CalendarMath.SecondsPerDay, null);
                    }
                    else
                    {
                        CheckValueType(valueParam, "DATE-TIME", name, valueParamAt);
                        if (!IcalText.TryParseDateTime(v, out long seconds, out bool utc))
                        {
                            throw new Failure($"'{v}' is not a DATE-TIME (yyyyMMddTHHmmss[Z])", name, valueAt);
                        }
                        if (utc && zone is not null)
                        {
                            throw new Failure("a UTC value (with Z) must not have a TZID", name, tzidAt);
                        }
                        start = utc ? (RecurrenceStartKind.Utc, seconds, DateTimeZone.Utc)
                            : zone is null ? (RecurrenceStartKind.Floating, seconds, null)
                            : (RecurrenceStartKind.Zoned, seconds, zone);
                    }
                    break;
                }
            case "RRULE":
            case "EXRULE":
                {
                    var result = RuleParser.Parse(s, valueAt, s.Length);
                    if (result.Error is { } e)
                    {
                        throw new Failure(e.Message, e.Part ?? name, e.Position);
                    }
                    (name == "RRULE" ? rules : exrules).Add(result.Rule!);
                    break;
                }
            case "RDATE":
            case "EXDATE":
                ParseDates(s, valueAt, name, valueParam, valueParamAt, zone, tzidAt, name == "RDATE" ? rdates : exdates);
                break;
            default:
                throw new Failure($"unsupported property '{s[..Math.Min(s.Length, name.Length)]}' (expected DTSTART, RRULE, RDATE, EXDATE or EXRULE)", name, 0);
        }
    }

    private static void CheckValueType(string? valueParam, string expected, string name, int at)
    {
        if (valueParam is not null && valueParam != expected)
        {
            throw new Failure($"VALUE={valueParam} is not valid here", name, at);
        }
    }

    private static void ParseDates(string s, int valueAt, string name, string? valueParam, int valueParamAt, DateTimeZone? zone, int tzidAt, List<RecurrenceDate> into)
    {
        if (valueParam is not null && valueParam != "DATE" && valueParam != "DATE-TIME" && (valueParam != "PERIOD" || name != "RDATE"))
        {
            throw new Failure($"VALUE={valueParam} is not valid for {name}", name, valueParamAt);
        }
        int pos = valueAt;
        while (true)
        {
            int comma = s.IndexOf(',', pos);
            int end = comma < 0 ? s.Length : comma;
            var item = s.AsSpan(pos, end - pos).Trim();
            string kind = valueParam ?? (item.Contains('/') ? "PERIOD" : item.Length == 8 ? "DATE" : "DATE-TIME");
            if (kind == "PERIOD" && name != "RDATE")
            {
                throw new Failure("EXDATE values cannot be periods", name, pos);
            }
            switch (kind)
            {
                case "DATE":
                    if (!IcalText.TryParseDate(item, out int days))
                    {
                        throw new Failure($"'{item}' is not a DATE (yyyyMMdd)", name, pos);
                    }
                    into.Add(RecurrenceDate.Raw(RecurrenceDateKind.Date, days, null, 0, null));
                    break;
                case "DATE-TIME":
                    {
                        var (seconds, z) = ParseDateTime(item, zone, name, pos, tzidAt);
                        into.Add(RecurrenceDate.Raw(RecurrenceDateKind.DateTime, seconds, z, 0, null));
                        break;
                    }
                default:
                    {
                        int slash = item.IndexOf('/');
                        if (slash < 0)
                        {
                            throw new Failure($"'{item}' is not a PERIOD (start/end or start/duration)", name, pos);
                        }
                        var (startSeconds, z) = ParseDateTime(item[..slash], zone, name, pos, tzidAt);
                        var rest = item[(slash + 1)..];
                        if (rest.Length > 0 && (rest[0] == 'P' || rest[0] == 'p' || rest[0] == '+'))
                        {
                            if (!IcalText.TryParseDuration(rest, out var duration))
                            {
                                throw new Failure($"'{rest}' is not a positive DURATION", name, pos + slash + 1);
                            }
                            into.Add(RecurrenceDate.Raw(RecurrenceDateKind.Period, startSeconds, z, 0, duration));
                        }
                        else
                        {
                            var (endSeconds, z2) = ParseDateTime(rest, zone, name, pos + slash + 1, tzidAt);
                            if (!ReferenceEquals(z, z2) || endSeconds <= startSeconds)
                            {
                                throw new Failure("a period must end after its start, in the same time form", name, pos + slash + 1);
                            }
                            into.Add(RecurrenceDate.Raw(RecurrenceDateKind.Period, startSeconds, z, endSeconds, null));
                        }
                        break;
                    }
            }
            if (comma < 0)
            {
                return;
            }
            pos = comma + 1;
        }
    }

    private static (long Seconds, DateTimeZone? Zone) ParseDateTime(ReadOnlySpan<char> item, DateTimeZone? zone, string name, int pos, int tzidAt)
    {
        if (!IcalText.TryParseDateTime(item, out long seconds, out bool utc))
        {
            throw new Failure($"'{item}' is not a DATE-TIME (yyyyMMddTHHmmss[Z])", name, pos);
        }
        if (utc && zone is not null)
        {
            throw new Failure("a UTC value (with Z) must not have a TZID", name, tzidAt);
        }
        return (seconds, utc ? DateTimeZone.Utc : zone);
    }
}
