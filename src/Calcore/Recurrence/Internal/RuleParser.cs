using System;
using System.Collections.Generic;
using System.Globalization;
using NodaTime;

namespace Calcore.Recurrence.Internal;

/// <summary>Parses RFC 5545 §3.3.10 RECUR text with exact error positions.</summary>
internal static class RuleParser
{
    internal readonly record struct ParseError(string Message, string? Part, int Position);

    internal readonly record struct Result(RecurrenceRule? Rule, ParseError? Error);

    private static Result Fail(string message, string? part, int position) => new(null, new ParseError(message, part, position));

    /// <summary>Parses text[start..end); positions in errors are indexes into <paramref name="text"/>.</summary>
    internal static Result Parse(string text, int start, int end)
    {
        int pos = start;
        while (pos < end && text[pos] == ' ')
        {
            pos++;
        }
        foreach (var prefix in new[] { "RRULE:", "EXRULE:" })
        {
            if (end - pos >= prefix.Length && string.Compare(text, pos, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                pos += prefix.Length;
                break;
            }
        }
        while (end > pos && (text[end - 1] == ' ' || text[end - 1] == '\r' || text[end - 1] == '\n'))
        {
            end--;
        }
        if (pos >= end)
        {
            return Fail("the rule is empty", null, pos);
        }

        var data = new RuleData();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        bool hasFreq = false;
        while (pos < end)
        {
            int partEnd = text.IndexOf(';', pos, end - pos);
            if (partEnd < 0)
            {
                partEnd = end;
            }
            if (partEnd == pos)
            {
                if (partEnd == end - 1)
                {
                    break; // tolerate one trailing ';'
                }
                return Fail("empty rule part", null, pos);
            }
            int eq = text.IndexOf('=', pos, partEnd - pos);
            if (eq < 0)
            {
                return Fail("a rule part must have the form NAME=VALUE", null, pos);
            }
            string name = text[pos..eq].Trim().ToUpperInvariant();
            int valueStart = eq + 1;
            if (name.Length == 0)
            {
                return Fail("missing rule part name", null, pos);
            }
            if (seen.ContainsKey(name))
            {
                return Fail("the rule part appears more than once", name, pos);
            }
            seen[name] = pos;
            if (valueStart >= partEnd)
            {
                return Fail("the value is empty", name, valueStart);
            }
            var value = text.AsSpan(valueStart, partEnd - valueStart);
            ParseError? error = null;
            switch (name)
            {
                case "FREQ":
                    hasFreq = true;
                    var f = ParseFrequency(value);
                    if (f is null)
                    {
                        error = new ParseError($"unknown frequency '{value}'", name, valueStart);
                    }
                    else
                    {
                        data.Frequency = f.Value;
                    }
                    break;
                case "INTERVAL":
                    if (!TryParseNumber(value, false, out int interval) || interval < 1)
                    {
                        error = new ParseError($"'{value}' is not a positive integer", name, valueStart);
                    }
                    else
                    {
                        data.Interval = interval;
                    }
                    break;
                case "COUNT":
                    if (seen.ContainsKey("UNTIL"))
                    {
                        error = new ParseError("COUNT and UNTIL must not both be present", name, pos);
                    }
                    else if (!TryParseNumber(value, false, out int count) || count < 1)
                    {
                        error = new ParseError($"'{value}' is not a positive integer", name, valueStart);
                    }
                    else
                    {
                        data.End = RecurrenceEnd.AfterCount(count);
                    }
                    break;
                case "UNTIL":
                    if (seen.ContainsKey("COUNT"))
                    {
                        error = new ParseError("COUNT and UNTIL must not both be present", name, pos);
                    }
                    else if (value.Length == 8 && IcalText.TryParseDate(value, out int days))
                    {
                        data.End = RecurrenceEnd.FromRaw(RecurrenceEndKind.UntilDate, days);
                    }
                    else if (IcalText.TryParseDateTime(value, out long seconds, out bool utc))
                    {
                        if (utc && (seconds > CalendarMath.MaxInstantSeconds || seconds < CalendarMath.MinInstantSeconds))
                        {
                            error = new ParseError($"'{value}' is out of range", name, valueStart);
                        }
                        else
                        {
                            data.End = RecurrenceEnd.FromRaw(utc ? RecurrenceEndKind.UntilInstant : RecurrenceEndKind.UntilLocalDateTime, seconds);
                        }
                    }
                    else
                    {
                        error = new ParseError($"'{value}' is not a DATE (yyyyMMdd) or DATE-TIME (yyyyMMddTHHmmss[Z])", name, valueStart);
                    }
                    break;
                case "BYSECOND":
                    error = ParseInts(text, valueStart, partEnd, name, data.BySecond);
                    break;
                case "BYMINUTE":
                    error = ParseInts(text, valueStart, partEnd, name, data.ByMinute);
                    break;
                case "BYHOUR":
                    error = ParseInts(text, valueStart, partEnd, name, data.ByHour);
                    break;
                case "BYMONTHDAY":
                    error = ParseInts(text, valueStart, partEnd, name, data.ByMonthDay);
                    break;
                case "BYYEARDAY":
                    error = ParseInts(text, valueStart, partEnd, name, data.ByYearDay);
                    break;
                case "BYWEEKNO":
                    error = ParseInts(text, valueStart, partEnd, name, data.ByWeekNo);
                    break;
                case "BYMONTH":
                    error = ParseInts(text, valueStart, partEnd, name, data.ByMonth);
                    break;
                case "BYSETPOS":
                    error = ParseInts(text, valueStart, partEnd, name, data.BySetPos);
                    break;
                case "BYDAY":
                    error = ParseDays(text, valueStart, partEnd, data.ByDay);
                    break;
                case "WKST":
                    var wkst = RecurrenceWeekday.ParseDayCode(value);
                    if (wkst == IsoDayOfWeek.None)
                    {
                        error = new ParseError($"'{value}' is not a weekday (MO, TU, WE, TH, FR, SA, SU)", name, valueStart);
                    }
                    else
                    {
                        data.WeekStart = wkst;
                    }
                    break;
                default:
                    error = new ParseError($"unknown rule part '{text[pos..eq]}'", name, pos);
                    break;
            }
            if (error is not null)
            {
                return new Result(null, error);
            }
            pos = partEnd + 1;
        }
        if (!hasFreq)
        {
            return Fail("the rule has no FREQ part", "FREQ", start);
        }
        var (part, message) = RuleData.ValidateCombination(data);
        if (part is not null)
        {
            return Fail(message!, part, seen.TryGetValue(part, out int at) ? at : start);
        }
        var rule = RecurrenceRule.TryCreate(data, out part, out message);
        return rule is null ? Fail(message!, part, part is not null && seen.TryGetValue(part, out int p2) ? p2 : start) : new Result(rule, null);
    }

    private static RecurrenceFrequency? ParseFrequency(ReadOnlySpan<char> value)
    {
        foreach (var f in new[]
        {
            RecurrenceFrequency.Secondly, RecurrenceFrequency.Minutely, RecurrenceFrequency.Hourly, RecurrenceFrequency.Daily,
            RecurrenceFrequency.Weekly, RecurrenceFrequency.Monthly, RecurrenceFrequency.Yearly,
        })
        {
            if (value.Equals(RecurrenceRule.FrequencyName(f), StringComparison.OrdinalIgnoreCase))
            {
                return f;
            }
        }
        return null;
    }

    private static bool TryParseNumber(ReadOnlySpan<char> s, bool allowSign, out int value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (allowSign && s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            i = 1;
        }
        if (i >= s.Length || s.Length - i > 10)
        {
            return false;
        }
        long accumulated = 0;
        for (; i < s.Length; i++)
        {
            if (s[i] < '0' || s[i] > '9')
            {
                return false;
            }
            accumulated = accumulated * 10 + (s[i] - '0');
        }
        if (accumulated > int.MaxValue)
        {
            return false;
        }
        value = negative ? -(int)accumulated : (int)accumulated;
        return true;
    }

    private static ParseError? ParseInts(string text, int start, int end, string part, List<int> into)
    {
        var (_, _, signed) = RuleData.RangeOf(part);
        int pos = start;
        while (true)
        {
            int comma = text.IndexOf(',', pos, end - pos);
            int itemEnd = comma < 0 ? end : comma;
            var item = text.AsSpan(pos, itemEnd - pos);
            if (!TryParseNumber(item, signed, out int v))
            {
                return new ParseError($"'{item}' is not {(signed ? "an integer" : "a non-negative integer")}", part, pos);
            }
            if (RuleData.CheckValue(part, v) is { } problem)
            {
                return new ParseError(problem, part, pos);
            }
            into.Add(v);
            if (comma < 0)
            {
                return null;
            }
            pos = comma + 1;
        }
    }

    private static ParseError? ParseDays(string text, int start, int end, List<RecurrenceWeekday> into)
    {
        int pos = start;
        while (true)
        {
            int comma = text.IndexOf(',', pos, end - pos);
            int itemEnd = comma < 0 ? end : comma;
            var item = text.AsSpan(pos, itemEnd - pos);
            int ordinal = 0;
            if (item.Length < 2)
            {
                return new ParseError($"'{item}' is not a weekday such as MO or -1FR", "BYDAY", pos);
            }
            var day = RecurrenceWeekday.ParseDayCode(item[^2..]);
            if (day == IsoDayOfWeek.None || (item.Length > 2 && !TryParseNumber(item[..^2], true, out ordinal)))
            {
                return new ParseError($"'{item}' is not a weekday such as MO or -1FR", "BYDAY", pos);
            }
            if (item.Length > 2 && (ordinal == 0 || ordinal < -53 || ordinal > 53))
            {
                return new ParseError($"ordinal {ordinal.ToString(CultureInfo.InvariantCulture)} is out of range (-53 to -1 or 1 to 53)", "BYDAY", pos);
            }
            into.Add(new RecurrenceWeekday(day, ordinal));
            if (comma < 0)
            {
                return null;
            }
            pos = comma + 1;
        }
    }
}
