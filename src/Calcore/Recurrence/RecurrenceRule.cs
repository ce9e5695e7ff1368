using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Text;
using Calcore.Internal;
using Calcore.Recurrence.Internal;
using NodaTime;

namespace Calcore.Recurrence;

/// <summary>
/// An immutable, validated RFC 5545 recurrence rule (the RECUR value of an RRULE or EXRULE).
/// </summary>
/// <remarks>
/// <para>RFC 5545 §3.3.10 (RECUR). Every rule part is supported: FREQ, INTERVAL, COUNT or UNTIL (as
/// <see cref="End"/>, so both cannot be set), BYSECOND, BYMINUTE, BYHOUR, BYDAY (with ordinals,
/// negative too), BYMONTHDAY (negative too), BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS and WKST.</para>
/// <para>Validation follows §3.3.10: values must be in range (BYMONTHDAY=0, BYMONTH=13, BYSETPOS=0,
/// INTERVAL=0 are errors); BYWEEKNO is only valid with FREQ=YEARLY; BYYEARDAY is not valid with
/// DAILY, WEEKLY or MONTHLY; BYMONTHDAY is not valid with WEEKLY; a BYDAY ordinal is only valid with
/// MONTHLY or YEARLY (not together with BYWEEKNO), and may be -53 to -1 or 1 to 53 with either, as the
/// grammar allows (a MONTHLY <c>6WE</c> simply never matches); BYSETPOS needs another BYxxx part.
/// BYSECOND=60 (a leap second) is accepted as RFC 5545 allows, but never matches, since a
/// <see cref="LocalDateTime"/> has no second 60.</para>
/// <para>Lists are kept sorted and without duplicates, so equality is by value and independent of
/// the order in which list entries were written. <see cref="ToString"/> writes the canonical form
/// (FREQ, then COUNT or UNTIL, INTERVAL when not 1, the BY parts in RFC order, WKST when not MO),
/// and <c>Parse(rule.ToString())</c> equals <c>rule</c>. A WKST of MO is the default and is not
/// written.</para>
/// <para>How a rule expands (the expand/limit table, defaults taken from DTSTART, and Calcore's
/// decisions where the RFC is silent) is described on <see cref="RecurrenceSet"/>.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed class RecurrenceRule : IEquatable<RecurrenceRule>
{
    private static readonly ReadOnlyCollection<int> EmptyInts = Array.AsReadOnly(Array.Empty<int>());
    private static readonly ReadOnlyCollection<RecurrenceWeekday> EmptyDays = Array.AsReadOnly(Array.Empty<RecurrenceWeekday>());

    private string? _text;

    private RecurrenceRule(RuleData data)
    {
        Frequency = data.Frequency;
        Interval = data.Interval;
        End = data.End;
        WeekStart = data.WeekStart;
        BySecond = Wrap(data.BySecond);
        ByMinute = Wrap(data.ByMinute);
        ByHour = Wrap(data.ByHour);
        ByDay = data.ByDay.Count == 0 ? EmptyDays : Array.AsReadOnly(data.ByDay.Distinct().Order().ToArray());
        ByMonthDay = Wrap(data.ByMonthDay);
        ByYearDay = Wrap(data.ByYearDay);
        ByWeekNumber = Wrap(data.ByWeekNo);
        ByMonth = Wrap(data.ByMonth);
        BySetPosition = Wrap(data.BySetPos);
    }

    /// <summary>Gets the frequency (FREQ).</summary>
    /// <value>The unit of the rule's periods.</value>
    public RecurrenceFrequency Frequency { get; }

    /// <summary>Gets the interval (INTERVAL): how many periods to step each time.</summary>
    /// <value>At least 1; 1 when the rule does not say.</value>
    public int Interval { get; }

    /// <summary>Gets the end of the rule (COUNT, UNTIL, or open).</summary>
    /// <value>The end; <see cref="RecurrenceEnd.Never"/> when the rule has neither part.</value>
    public RecurrenceEnd End { get; }

    /// <summary>Gets the seconds (BYSECOND), 0 to 60, sorted.</summary>
    /// <value>The list; empty when absent.</value>
    public IReadOnlyList<int> BySecond { get; }

    /// <summary>Gets the minutes (BYMINUTE), 0 to 59, sorted.</summary>
    /// <value>The list; empty when absent.</value>
    public IReadOnlyList<int> ByMinute { get; }

    /// <summary>Gets the hours (BYHOUR), 0 to 23, sorted.</summary>
    /// <value>The list; empty when absent.</value>
    public IReadOnlyList<int> ByHour { get; }

    /// <summary>Gets the weekdays (BYDAY), with optional ordinals, sorted.</summary>
    /// <value>The list; empty when absent.</value>
    public IReadOnlyList<RecurrenceWeekday> ByDay { get; }

    /// <summary>Gets the days of the month (BYMONTHDAY), -31 to -1 and 1 to 31, sorted.</summary>
    /// <value>The list; empty when absent.</value>
    public IReadOnlyList<int> ByMonthDay { get; }

    /// <summary>Gets the days of the year (BYYEARDAY), -366 to -1 and 1 to 366, sorted.</summary>
    /// <value>The list; empty when absent.</value>
    public IReadOnlyList<int> ByYearDay { get; }

    /// <summary>Gets the week numbers (BYWEEKNO), -53 to -1 and 1 to 53, sorted.</summary>
    /// <value>The list; empty when absent.</value>
    public IReadOnlyList<int> ByWeekNumber { get; }

    /// <summary>Gets the months (BYMONTH), 1 to 12, sorted.</summary>
    /// <value>The list; empty when absent.</value>
    public IReadOnlyList<int> ByMonth { get; }

    /// <summary>Gets the set positions (BYSETPOS), -366 to -1 and 1 to 366, sorted.</summary>
    /// <value>The list; empty when absent.</value>
    public IReadOnlyList<int> BySetPosition { get; }

    /// <summary>Gets the first day of the week (WKST).</summary>
    /// <value>Monday unless the rule says otherwise.</value>
    public IsoDayOfWeek WeekStart { get; }

    /// <summary>Creates a builder for a rule with the given frequency.</summary>
    /// <param name="frequency">The frequency.</param>
    /// <returns>A new builder.</returns>
    public static RecurrenceRuleBuilder CreateBuilder(RecurrenceFrequency frequency) => new(frequency);

    /// <summary>Creates a builder initialised with this rule's parts, to derive a changed rule.</summary>
    /// <returns>A new builder.</returns>
    public RecurrenceRuleBuilder ToBuilder()
    {
        var b = new RecurrenceRuleBuilder(Frequency) { Interval = Interval, End = End, WeekStart = WeekStart };
        Copy(BySecond, b.BySecond);
        Copy(ByMinute, b.ByMinute);
        Copy(ByHour, b.ByHour);
        foreach (var d in ByDay)
        {
            b.ByDay.Add(d);
        }
        Copy(ByMonthDay, b.ByMonthDay);
        Copy(ByYearDay, b.ByYearDay);
        Copy(ByWeekNumber, b.ByWeekNumber);
        Copy(ByMonth, b.ByMonth);
        Copy(BySetPosition, b.BySetPosition);
        return b;

        static void Copy(IReadOnlyList<int> from, IList<int> to)
        {
            foreach (int v in from)
            {
                to.Add(v);
            }
        }
    }

    /// <summary>Parses an RFC 5545 RECUR value such as <c>FREQ=MONTHLY;BYDAY=-1FR;COUNT=10</c>.</summary>
    /// <param name="text">The value; an <c>RRULE:</c> or <c>EXRULE:</c> prefix is accepted and ignored. Names and values are case-insensitive and parts may come in any order.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="RecurrenceParseException">The text is not a valid rule; the exception names the part and position.</exception>
    public static RecurrenceRule Parse(string text)
    {
        Preconditions.CheckNotNull(text);
        var result = RuleParser.Parse(text, 0, text.Length);
        if (result.Error is { } e)
        {
            throw new RecurrenceParseException(e.Message, e.Part, e.Position, 1, e.Position + 1, nameof(text));
        }
        return result.Rule!;
    }

    /// <summary>Tries to parse an RFC 5545 RECUR value.</summary>
    /// <param name="text">The value, or null.</param>
    /// <param name="rule">The rule when successful.</param>
    /// <returns><see langword="true"/> when the text is a valid rule.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out RecurrenceRule? rule)
    {
        rule = null;
        if (text is null)
        {
            return false;
        }
        var result = RuleParser.Parse(text, 0, text.Length);
        rule = result.Rule;
        return rule is not null;
    }

    /// <summary>Formats the rule canonically (see the remarks on the type).</summary>
    /// <returns>The RECUR value, without an <c>RRULE:</c> prefix.</returns>
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        var sb = new StringBuilder("FREQ=");
        sb.Append(FrequencyName(Frequency));
        if (End.IsBounded)
        {
            sb.Append(';').Append(End.ToString());
        }
        if (Interval != 1)
        {
            sb.Append(";INTERVAL=").Append(Interval.ToString(CultureInfo.InvariantCulture));
        }
        AppendList(sb, "BYSECOND", BySecond);
        AppendList(sb, "BYMINUTE", ByMinute);
        AppendList(sb, "BYHOUR", ByHour);
        if (ByDay.Count > 0)
        {
            sb.Append(";BYDAY=").Append(string.Join(',', ByDay));
        }
        AppendList(sb, "BYMONTHDAY", ByMonthDay);
        AppendList(sb, "BYYEARDAY", ByYearDay);
        AppendList(sb, "BYWEEKNO", ByWeekNumber);
        AppendList(sb, "BYMONTH", ByMonth);
        AppendList(sb, "BYSETPOS", BySetPosition);
        if (WeekStart != IsoDayOfWeek.Monday)
        {
            sb.Append(";WKST=").Append(RecurrenceWeekday.DayCode(WeekStart));
        }
        return sb.ToString();

        static void AppendList(StringBuilder sb, string name, IReadOnlyList<int> values)
        {
            if (values.Count == 0)
            {
                return;
            }
            sb.Append(';').Append(name).Append('=');
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }
                sb.Append(values[i].ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    internal static string FrequencyName(RecurrenceFrequency f) => f switch
    {
        RecurrenceFrequency.Secondly => "SECONDLY",
        RecurrenceFrequency.Minutely => "MINUTELY",
        RecurrenceFrequency.Hourly => "HOURLY",
        RecurrenceFrequency.Daily => "DAILY",
        RecurrenceFrequency.Weekly => "WEEKLY",
        RecurrenceFrequency.Monthly => "MONTHLY",
        _ => "YEARLY",
    };

    /// <inheritdoc/>
    public bool Equals(RecurrenceRule? other)
    {
        if (other is null)
        {
            return false;
        }
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        return Frequency == other.Frequency && Interval == other.Interval && End == other.End && WeekStart == other.WeekStart
            && BySecond.SequenceEqual(other.BySecond) && ByMinute.SequenceEqual(other.ByMinute) && ByHour.SequenceEqual(other.ByHour)
            && ByDay.SequenceEqual(other.ByDay) && ByMonthDay.SequenceEqual(other.ByMonthDay) && ByYearDay.SequenceEqual(other.ByYearDay)
            && ByWeekNumber.SequenceEqual(other.ByWeekNumber) && ByMonth.SequenceEqual(other.ByMonth)
            && BySetPosition.SequenceEqual(other.BySetPosition);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RecurrenceRule);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>Compares two rules by value.</summary>
    /// <param name="left">The first rule.</param>
    /// <param name="right">The second rule.</param>
    /// <returns><see langword="true"/> when equal (or both null).</returns>
    public static bool operator ==(RecurrenceRule? left, RecurrenceRule? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two rules by value.</summary>
    /// <param name="left">The first rule.</param>
    /// <param name="right">The second rule.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(RecurrenceRule? left, RecurrenceRule? right) => !(left == right);

    private static ReadOnlyCollection<int> Wrap(List<int> values)
        => values.Count == 0 ? EmptyInts : Array.AsReadOnly(values.Distinct().Order().ToArray());

    /// <summary>Builds a rule after validation; returns the failing part and message otherwise.</summary>
    internal static RecurrenceRule? TryCreate(RuleData data, out string? failingPart, out string? message)
    {
        (failingPart, message) = RuleData.Validate(data);
        return failingPart is null ? new RecurrenceRule(data) : null;
    }
}
