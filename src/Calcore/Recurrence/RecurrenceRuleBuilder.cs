using System;
using System.Collections.Generic;
using Calcore.Recurrence.Internal;
using NodaTime;

namespace Calcore.Recurrence;

/// <summary>
/// A mutable builder for <see cref="RecurrenceRule"/>: set the parts, then call <see cref="Build"/>,
/// which validates them exactly as <see cref="RecurrenceRule.Parse"/> does.
/// </summary>
/// <remarks>
/// <para>RFC 5545 §3.3.10 (RECUR). List order and duplicates do not matter; the built rule keeps its
/// lists sorted and distinct.</para>
/// <para>This type is mutable and not thread-safe; the rules it builds are immutable.</para>
/// </remarks>
public sealed class RecurrenceRuleBuilder
{
    /// <summary>Initializes a new builder.</summary>
    /// <param name="frequency">The frequency (FREQ).</param>
    public RecurrenceRuleBuilder(RecurrenceFrequency frequency) => Frequency = frequency;

    /// <summary>Gets or sets the frequency (FREQ).</summary>
    /// <value>The frequency.</value>
    public RecurrenceFrequency Frequency { get; set; }

    /// <summary>Gets or sets the interval (INTERVAL), at least 1.</summary>
    /// <value>The interval; 1 by default.</value>
    public int Interval { get; set; } = 1;

    /// <summary>Gets or sets the end (COUNT, UNTIL or open).</summary>
    /// <value>The end; open by default.</value>
    public RecurrenceEnd End { get; set; }

    /// <summary>Gets or sets the first day of the week (WKST).</summary>
    /// <value>Monday by default.</value>
    public IsoDayOfWeek WeekStart { get; set; } = IsoDayOfWeek.Monday;

    /// <summary>Gets the seconds (BYSECOND).</summary>
    /// <value>A mutable list.</value>
    public IList<int> BySecond { get; } = new List<int>();

    /// <summary>Gets the minutes (BYMINUTE).</summary>
    /// <value>A mutable list.</value>
    public IList<int> ByMinute { get; } = new List<int>();

    /// <summary>Gets the hours (BYHOUR).</summary>
    /// <value>A mutable list.</value>
    public IList<int> ByHour { get; } = new List<int>();

    /// <summary>Gets the weekdays (BYDAY).</summary>
    /// <value>A mutable list.</value>
    public IList<RecurrenceWeekday> ByDay { get; } = new List<RecurrenceWeekday>();

    /// <summary>Gets the days of the month (BYMONTHDAY).</summary>
    /// <value>A mutable list.</value>
    public IList<int> ByMonthDay { get; } = new List<int>();

    /// <summary>Gets the days of the year (BYYEARDAY).</summary>
    /// <value>A mutable list.</value>
    public IList<int> ByYearDay { get; } = new List<int>();

    /// <summary>Gets the week numbers (BYWEEKNO).</summary>
    /// <value>A mutable list.</value>
    public IList<int> ByWeekNumber { get; } = new List<int>();

    /// <summary>Gets the months (BYMONTH).</summary>
    /// <value>A mutable list.</value>
    public IList<int> ByMonth { get; } = new List<int>();

    /// <summary>Gets the set positions (BYSETPOS).</summary>
    /// <value>A mutable list.</value>
    public IList<int> BySetPosition { get; } = new List<int>();

    /// <summary>Validates the parts and builds the rule.</summary>
    /// <returns>The immutable rule.</returns>
    /// <exception cref="ArgumentException">A part is out of range or not valid with the frequency (RFC 5545 §3.3.10); the parameter name is the property.</exception>
    public RecurrenceRule Build()
    {
        var data = new RuleData { Frequency = Frequency, Interval = Interval, End = End, WeekStart = WeekStart };
        data.BySecond.AddRange(BySecond);
        data.ByMinute.AddRange(ByMinute);
        data.ByHour.AddRange(ByHour);
        data.ByDay.AddRange(ByDay);
        data.ByMonthDay.AddRange(ByMonthDay);
        data.ByYearDay.AddRange(ByYearDay);
        data.ByWeekNo.AddRange(ByWeekNumber);
        data.ByMonth.AddRange(ByMonth);
        data.BySetPos.AddRange(BySetPosition);
        var rule = RecurrenceRule.TryCreate(data, out string? part, out string? message);
        if (rule is null)
        {
            throw new ArgumentException($"{part}: {message}.", PropertyOf(part));
        }
        return rule;
    }

    private static string PropertyOf(string? part) => part switch
    {
        "FREQ" => nameof(Frequency),
        "INTERVAL" => nameof(Interval),
        "WKST" => nameof(WeekStart),
        "BYSECOND" => nameof(BySecond),
        "BYMINUTE" => nameof(ByMinute),
        "BYHOUR" => nameof(ByHour),
        "BYDAY" => nameof(ByDay),
        "BYMONTHDAY" => nameof(ByMonthDay),
        "BYYEARDAY" => nameof(ByYearDay),
        "BYWEEKNO" => nameof(ByWeekNumber),
        "BYMONTH" => nameof(ByMonth),
        "BYSETPOS" => nameof(BySetPosition),
        _ => "rule",
    };
}
