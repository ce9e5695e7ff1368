using System.Collections.Generic;
using NodaTime;

namespace Calcore.Recurrence.Internal;

/// <summary>The mutable parts of a rule before validation (shared by the parser and the builder).</summary>
internal sealed class RuleData
{
    internal RecurrenceFrequency Frequency { get; set; }

    internal int Interval { get; set; } = 1;

    internal RecurrenceEnd End { get; set; }

    internal IsoDayOfWeek WeekStart { get; set; } = IsoDayOfWeek.Monday;

    internal List<int> BySecond { get; } = [];

    internal List<int> ByMinute { get; } = [];

    internal List<int> ByHour { get; } = [];

    internal List<RecurrenceWeekday> ByDay { get; } = [];

    internal List<int> ByMonthDay { get; } = [];

    internal List<int> ByYearDay { get; } = [];

    internal List<int> ByWeekNo { get; } = [];

    internal List<int> ByMonth { get; } = [];

    internal List<int> BySetPos { get; } = [];

    /// <summary>Range of each BY part: (min, max, zero allowed).</summary>
    internal static (int Min, int Max, bool Signed) RangeOf(string part) => part switch
    {
        "BYSECOND" => (0, 60, false),
        "BYMINUTE" => (0, 59, false),
        "BYHOUR" => (0, 23, false),
        "BYMONTHDAY" => (1, 31, true),
        "BYYEARDAY" => (1, 366, true),
        "BYWEEKNO" => (1, 53, true),
        "BYMONTH" => (1, 12, false),
        "BYSETPOS" => (1, 366, true),
        _ => (0, 0, false),
    };

    internal static string? CheckValue(string part, int value)
    {
        var (min, max, signed) = RangeOf(part);
        int magnitude = signed ? System.Math.Abs(value) : value;
        if (magnitude < min || magnitude > max || (!signed && value < 0))
        {
            return signed
                ? $"value {value} is out of range (-{max} to -{min} or {min} to {max})"
                : $"value {value} is out of range ({min} to {max})";
        }
        return null;
    }

    /// <summary>Validates every rule of RFC 5545 §3.3.10; returns the failing part and message, or (null, null).</summary>
    internal static (string? Part, string? Message) Validate(RuleData d)
    {
        if (d.Frequency < RecurrenceFrequency.Secondly || d.Frequency > RecurrenceFrequency.Yearly)
        {
            return ("FREQ", "unknown frequency");
        }
        if (d.Interval < 1)
        {
            return ("INTERVAL", "INTERVAL must be a positive integer");
        }
        if (d.WeekStart < IsoDayOfWeek.Monday || d.WeekStart > IsoDayOfWeek.Sunday)
        {
            return ("WKST", "WKST must be a day of the week");
        }
        foreach (var (name, list) in new[]
        {
            ("BYSECOND", d.BySecond), ("BYMINUTE", d.ByMinute), ("BYHOUR", d.ByHour), ("BYMONTHDAY", d.ByMonthDay),
            ("BYYEARDAY", d.ByYearDay), ("BYWEEKNO", d.ByWeekNo), ("BYMONTH", d.ByMonth), ("BYSETPOS", d.BySetPos),
        })
        {
            foreach (int v in list)
            {
                if (CheckValue(name, v) is { } problem)
                {
                    return (name, problem);
                }
            }
        }
        return ValidateCombination(d);
    }

    internal static (string? Part, string? Message) ValidateCombination(RuleData d)
    {
        var f = d.Frequency;
        foreach (var day in d.ByDay)
        {
            if (day.Day < IsoDayOfWeek.Monday || day.Day > IsoDayOfWeek.Sunday)
            {
                return ("BYDAY", "a weekday entry has no day");
            }
            if (!day.HasOrdinal)
            {
                continue;
            }
            if (f != RecurrenceFrequency.Monthly && f != RecurrenceFrequency.Yearly)
            {
                return ("BYDAY", $"an ordinal weekday ({day}) is only valid with FREQ=MONTHLY or FREQ=YEARLY");
            }
            if (f == RecurrenceFrequency.Yearly && d.ByWeekNo.Count > 0)
            {
                return ("BYDAY", $"an ordinal weekday ({day}) is not valid with FREQ=YEARLY and BYWEEKNO");
            }
        }
        if (d.ByWeekNo.Count > 0 && f != RecurrenceFrequency.Yearly)
        {
            return ("BYWEEKNO", "BYWEEKNO is only valid with FREQ=YEARLY");
        }
        if (d.ByYearDay.Count > 0 && f is RecurrenceFrequency.Daily or RecurrenceFrequency.Weekly or RecurrenceFrequency.Monthly)
        {
            return ("BYYEARDAY", "BYYEARDAY is not valid with FREQ=DAILY, WEEKLY or MONTHLY");
        }
        if (d.ByMonthDay.Count > 0 && f == RecurrenceFrequency.Weekly)
        {
            return ("BYMONTHDAY", "BYMONTHDAY is not valid with FREQ=WEEKLY");
        }
        if (d.BySetPos.Count > 0 && d.BySecond.Count + d.ByMinute.Count + d.ByHour.Count + d.ByDay.Count + d.ByMonthDay.Count
            + d.ByYearDay.Count + d.ByWeekNo.Count + d.ByMonth.Count == 0)
        {
            return ("BYSETPOS", "BYSETPOS must be used together with another BYxxx rule part");
        }
        return (null, null);
    }
}
