using System;
using System.Collections.Generic;
using System.Linq;
using Calcore.Recurrence;
using NodaTime;

namespace Calcore.Events.Internal;

/// <summary>Cuts a recurrence set in two at one instance: the lines of the part before it and of the part from it on.</summary>
internal static class SeriesSplitter
{
    /// <summary>Splits a series' recurrence at an instance (not its first).</summary>
    /// <remarks>
    /// Before: each RRULE ends just before the instance (COUNT rules keep COUNT, reduced to the instances before it;
    /// other rules get an UNTIL one second, or for dates one day, before it); RDATEs and EXDATEs before it stay.
    /// From it on: each RRULE keeps its end (a COUNT rule keeps the remaining count; an exhausted one is dropped);
    /// RDATEs and EXDATEs from it on move. EXRULEs stay in both.
    /// </remarks>
    internal static (IReadOnlyList<string> Before, IReadOnlyList<string> From) Split(RecurrenceSet set, EventDetails details, OriginalStart key, DateTimeZone zone)
    {
        Instant at = key.ToInstant(zone);
        var beforeRules = new List<RecurrenceRule>();
        var fromRules = new List<RecurrenceRule>();
        for (int index = 0; index < set.Rules.Count; index++)
        {
            RecurrenceRule rule = set.Rules[index];
            if (rule.End.Count is { } count)
            {
                int before = (int)set.CountRuleInstancesBefore(index, at, zone);
                beforeRules.Add(WithEnd(rule, RecurrenceEnd.AfterCount(Math.Max(1, before))));
                if (count - before > 0)
                {
                    fromRules.Add(WithEnd(rule, RecurrenceEnd.AfterCount(count - before)));
                }
            }
            else
            {
                beforeRules.Add(WithEnd(rule, UntilJustBefore(set, key, zone)));
                fromRules.Add(rule);
            }
        }
        bool IsBefore(RecurrenceDate d) => StartOf(d, set, zone) < at;
        RecurrenceSet beforeSet = Create(set, set.Start, beforeRules, set.RecurrenceDates.Where(IsBefore), set.ExceptionDates.Where(IsBefore));
        LocalDateTime fromStart = details.Timing.IsAllDay ? key.Date.AtMidnight() : key.Instant.InZone(set.Zone ?? zone).LocalDateTime;
        RecurrenceSet fromSet = Create(set, fromStart, fromRules, set.RecurrenceDates.Where(d => !IsBefore(d)), set.ExceptionDates.Where(d => !IsBefore(d)));
        return (LinesOf(beforeSet), LinesOf(fromSet));
    }

    private static RecurrenceSet Create(RecurrenceSet like, LocalDateTime start, List<RecurrenceRule> rules, IEnumerable<RecurrenceDate> rdates, IEnumerable<RecurrenceDate> exdates)
        => like.IsAllDay
            ? RecurrenceSet.Create(start.Date, rules, rdates, exdates, like.ExceptionRules)
            : RecurrenceSet.Create(start, like.Zone, rules, rdates, exdates, like.ExceptionRules);

    /// <summary>The content lines of a set without its DTSTART, unfolded.</summary>
    private static List<string> LinesOf(RecurrenceSet set)
        => [.. set.ToString().Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal)
            .Split("\r\n").Where(l => l.Length > 0 && !l.StartsWith("DTSTART", StringComparison.OrdinalIgnoreCase))];

    private static RecurrenceRule WithEnd(RecurrenceRule rule, RecurrenceEnd end)
    {
        RecurrenceRuleBuilder builder = rule.ToBuilder();
        builder.End = end;
        return builder.Build();
    }

    /// <summary>UNTIL one second before a timed instance (UTC for zoned sets, wall time for floating ones), or the day before a date.</summary>
    private static RecurrenceEnd UntilJustBefore(RecurrenceSet set, OriginalStart key, DateTimeZone zone)
    {
        if (key.IsDate)
        {
            return RecurrenceEnd.Until(key.Date.PlusDays(-1));
        }
        Instant until = key.Instant - Duration.FromSeconds(1);
        return set.IsFloating ? RecurrenceEnd.Until(until.InZone(zone).LocalDateTime) : RecurrenceEnd.Until(until);
    }

    private static Instant StartOf(RecurrenceDate d, RecurrenceSet set, DateTimeZone zone)
        => d.Kind == RecurrenceDateKind.Date
            ? zone.AtStartOfDay(d.Date).ToInstant()
            : d.LocalStart.InZoneLeniently(d.Zone ?? set.Zone ?? zone).ToInstant();
}
