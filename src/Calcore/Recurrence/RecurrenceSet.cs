using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text;
using Calcore.Internal;
using Calcore.Recurrence.Internal;
using NodaTime;

namespace Calcore.Recurrence;

/// <summary>
/// An immutable RFC 5545 recurrence set: a DTSTART with any number of RRULEs, RDATEs, EXDATEs and
/// (deprecated, read for compatibility) EXRULEs, and its lazy, ordered expansion into
/// <see cref="Occurrence"/> values.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> RFC 5545 §3.8.5 (recurrence component properties) and §3.3.10 (RECUR). DTSTART
/// is a date (all-day set), a floating date-time, a date-time in an IANA zone (from
/// <see cref="DateTimeZoneProviders.Tzdb"/> when parsed), or UTC. Floating and date sets are placed on
/// the time line in a zone the caller passes to the expansion methods (UTC by default, never the
/// machine's zone).</para>
/// <para><b>Expansion.</b> Rules expand in wall-clock time in the set's zone, following the
/// expand/limit table of §3.3.10, and are then mapped to instants. Occurrences come ordered by start
/// instant (then by wall time), without duplicates. Calcore's decisions:</para>
/// <list type="number">
/// <item>DTSTART is always the first instance of the set and counts toward each RRULE's COUNT, even
/// when the rule would not produce it (§3.3.10: "The DTSTART property value always counts as the first
/// occurrence"). An RRULE only adds instances after DTSTART.</item>
/// <item>Instances that fall on the same instant (from several RRULEs, RDATEs, DTSTART or a DST shift)
/// are one instance: the one whose wall time sorts first (for a gap-shifted and an unshifted instance
/// at the same instant, the one produced first by the rule). EXDATE wins over RRULE, RDATE and
/// DTSTART. EXDATE matches by instant; on a date set, and for an EXDATE written as a DATE on a
/// date-time set, it matches by date and removes every instance whose <see cref="Occurrence.LocalStart"/>
/// falls on that date (what Outlook writes and means).</item>
/// <item>A wall time in a daylight-saving gap moves forward by the length of the gap for that instance
/// only (NodaTime's lenient resolver: 02:30 becomes 03:30 in America/New_York); an ambiguous wall time
/// takes the earlier instant; later instances keep their own wall times (§3.3.5).</item>
/// <item>HOURLY, MINUTELY and SECONDLY rules step in wall-clock time, then map to instants, merging
/// instants that coincide. COUNT counts the rule's distinct instances (after such merging), so
/// <c>FREQ=HOURLY;COUNT=5</c> across a spring-forward night gives five different instants.</item>
/// <item>BYSETPOS selects from the whole set of one period (year, month, week, day, hour, minute or
/// second), whatever BY parts built it, in every FREQ including WEEKLY; it is applied before
/// instances before DTSTART are dropped.</item>
/// <item>A BYDAY list may mix ordinal and plain entries (<c>-1MO,WE</c>): the union of both. Ordinals
/// count within the month for MONTHLY and for YEARLY with BYMONTH, otherwise within the year. When
/// BYMONTHDAY or BYYEARDAY is present, BYDAY limits (with the same ordinal meaning).</item>
/// <item>YEARLY with BYMONTHDAY, BYYEARDAY, BYWEEKNO or BYDAY but without BYMONTH expands over the whole
/// year. YEARLY INTERVAL counts calendar years. Week numbers follow ISO 8601 with the rule's WKST:
/// week 1 is the first week with at least four days in the year; a day belongs to the week (and
/// week-year) that contains it, so BYWEEKNO=1 can select days of late December, and negative week
/// numbers count from the end of the week-year. BYWEEKNO without BYDAY selects every day of the
/// week.</item>
/// <item>Invalid dates are skipped, never moved (30 February, 29 February in common years, the fifth
/// Monday of a month without one, BYMONTHDAY=31 in a 30-day month).</item>
/// <item>Missing BY parts come from DTSTART (§3.3.10): YEARLY without any day part uses DTSTART's
/// month (unless BYMONTH is given) and day of the month; MONTHLY without BYMONTHDAY or BYDAY uses
/// DTSTART's day of the month; WEEKLY without BYDAY uses DTSTART's weekday; BYHOUR, BYMINUTE and
/// BYSECOND default to DTSTART's values for frequencies coarser than them.</item>
/// <item>UNTIL is inclusive. A UTC UNTIL is compared with the instance's instant (the RFC requires UTC
/// with a zoned DTSTART). A floating UNTIL is, leniently, read as a wall time in the set's zone and
/// compared with the rule's wall-clock value. A DATE UNTIL on a date-time set keeps instances whose
/// wall-clock date is on or before that date (that is, up to the end of the day). The rule ends at
/// the first value past UNTIL.</item>
/// <item>WKST sets the week of WEEKLY rules (it matters with INTERVAL greater than 1) and of
/// BYWEEKNO.</item>
/// <item>EXRULE (RFC 2445, deprecated in RFC 5545) is read and applied: it removes the instances its
/// rule produces from DTSTART; unlike an RRULE, DTSTART is not forced into it.</item>
/// <item>An RDATE given in another zone than the set's (or in UTC) keeps its instant; its wall time
/// is that instant's local time in the set's zone. A PERIOD contributes its start.</item>
/// <item>On a date set (DTSTART is a DATE) BYHOUR, BYMINUTE and BYSECOND are ignored, as RFC 5545
/// §3.3.10 requires: the rules are kept as written (<see cref="Rules"/> and <see cref="ToString"/> show
/// them) but expand as if those parts were absent, one instance per selected date.</item>
/// </list>
/// <para><b>Never stuck.</b> A rule stops when its next period would start after 9999-12-31 (or its
/// instant cannot be represented), and when it has skipped, without finding any instance, as many
/// consecutive periods as the Gregorian calendar's 400-year cycle holds: 400 for YEARLY, 4,800 for
/// MONTHLY, 20,871 for WEEKLY, 146,097 for DAILY, 3,506,328 for HOURLY, 210,379,680 for MINUTELY
/// and 12,622,780,800 for SECONDLY. Every date and time condition repeats exactly every 400 years,
/// and a run of that many periods with any INTERVAL visits every residue the rule can ever visit, so
/// this bound never cuts off a legitimate instance (a 29 February on a Monday recurs every 28 to 40
/// years). Periods excluded by BYMONTH, by the day parts, or by BYHOUR/BYMINUTE/BYSECOND limits are
/// skipped in one step each (to the next allowed month, day, hour, minute or second), so that cost
/// stays small. In addition, at most 1,000,000 consecutive loop steps without an instance are
/// taken (about 0.1–0.3 s); only contrived sub-daily rules whose instances are further apart than
/// that could be cut short by this cap. A BYSETPOS that no period can satisfy, or BYSECOND=60 alone,
/// is recognised up front. Enumeration never throws.</para>
/// <para><b>Seeking.</b> For a window, each rule computes the first period at or before the window
/// directly (year, month, week, day or wall-clock unit arithmetic) and generates from there, starting
/// two days early (plus the occurrence duration) to cover daylight-saving shifts, and no later than the
/// window's end; the cost depends neither on the distance from DTSTART nor on COUNT.</para>
/// <para><b>Work bounds.</b> No input makes a call run unbounded. A COUNT rule's last instance is found
/// once per zone, the first time the rule is expanded there, and kept with the set: in closed form when
/// every period has the same number of values, otherwise by counting one step per day (HOURLY and finer)
/// or per period with values (DAILY and coarser, at most 3,652,059 up to year 9999), a few tenths of a
/// second at worst; from then on it is a cut-off instant. An EXRULE is never enumerated: each candidate
/// asks it whether it has an instance at that instant (one period generated and searched). As many
/// consecutive candidates removed by EXDATE or EXRULE as the never-stuck cap (1,000,000) end the set.
/// Per call: <see cref="FindOccurrence"/> and <see cref="IsOccurrence(Instant, DateTimeZone?)"/> expand a
/// one-second window, <see cref="FindOccurrenceByOriginalStart"/> a four-day window, and
/// <see cref="GetLastOccurrence"/> at most about 40 windows of doubling width searched backwards from the
/// latest possible instant.</para>
/// <para>This type is immutable and thread-safe; enumerations are independent.</para>
/// </remarks>
public sealed class RecurrenceSet : IEquatable<RecurrenceSet>
{
    private string? _text;

    private RecurrenceSet(RecurrenceStartKind kind, long startSeconds, DateTimeZone? zone, IEnumerable<RecurrenceRule>? rules,
        IEnumerable<RecurrenceDate>? recurrenceDates, IEnumerable<RecurrenceDate>? exceptionDates, IEnumerable<RecurrenceRule>? exceptionRules)
    {
        StartKind = kind;
        StartSeconds = startSeconds;
        Zone = zone;
        var ruleArray = (rules ?? []).ToArray();
        var exRuleArray = (exceptionRules ?? []).ToArray();
        RecurrenceDateList = (recurrenceDates ?? []).ToArray();
        ExceptionDateList = (exceptionDates ?? []).ToArray();
        foreach (var r in ruleArray.Concat(exRuleArray))
        {
            Preconditions.CheckArgument(r is not null, nameof(rules), "A rule is null.");
        }
        foreach (var ex in ExceptionDateList)
        {
            Preconditions.CheckArgument(ex.Kind != RecurrenceDateKind.Period, nameof(exceptionDates), "EXDATE values cannot be periods (RFC 5545 §3.8.5.1).");
        }
        Rules = Array.AsReadOnly(ruleArray);
        ExceptionRules = Array.AsReadOnly(exRuleArray);
        RecurrenceDates = Array.AsReadOnly(RecurrenceDateList);
        ExceptionDates = Array.AsReadOnly(ExceptionDateList);
        // A date set keeps its rules as written (they format back unchanged) but expands them without
        // BYHOUR/BYMINUTE/BYSECOND, which RFC 5545 §3.3.10 says MUST be ignored with a DATE DTSTART.
        bool dateStart = kind == RecurrenceStartKind.Date;
        CompiledRules = ruleArray.Select(r => new CompiledRule(r, startSeconds, dateStart)).ToArray();
        CompiledExceptionRules = exRuleArray.Select(r => new CompiledRule(r, startSeconds, dateStart)).ToArray();
    }

    /// <summary>Gets the form of DTSTART.</summary>
    /// <value>Date, floating, zoned or UTC.</value>
    public RecurrenceStartKind StartKind { get; }

    /// <summary>Gets DTSTART as a wall-clock time (midnight for a date set).</summary>
    /// <value>The local start.</value>
    public LocalDateTime Start => CalendarMath.ToLocalDateTime(StartSeconds);

    /// <summary>Gets the date of DTSTART.</summary>
    /// <value>The local start date.</value>
    public LocalDate StartDate => Start.Date;

    /// <summary>Gets the set's zone: the TZID zone, <see cref="DateTimeZone.Utc"/> for UTC, null for floating and date sets.</summary>
    /// <value>The zone or <see langword="null"/>.</value>
    public DateTimeZone? Zone { get; }

    /// <summary>Gets a value indicating whether this is an all-day (date) set.</summary>
    /// <value><see langword="true"/> when DTSTART is a DATE.</value>
    public bool IsAllDay => StartKind == RecurrenceStartKind.Date;

    /// <summary>Gets a value indicating whether the set has no zone (floating or date) and is placed by the caller.</summary>
    /// <value><see langword="true"/> when <see cref="Zone"/> is null.</value>
    public bool IsFloating => Zone is null;

    /// <summary>Gets the RRULEs.</summary>
    /// <value>The rules, in the order given.</value>
    public IReadOnlyList<RecurrenceRule> Rules { get; }

    /// <summary>Gets the EXRULEs (deprecated in RFC 5545, read for compatibility).</summary>
    /// <value>The exception rules.</value>
    public IReadOnlyList<RecurrenceRule> ExceptionRules { get; }

    /// <summary>Gets the RDATE values.</summary>
    /// <value>The values, in the order given.</value>
    public IReadOnlyList<RecurrenceDate> RecurrenceDates { get; }

    /// <summary>Gets the EXDATE values.</summary>
    /// <value>The values, in the order given.</value>
    public IReadOnlyList<RecurrenceDate> ExceptionDates { get; }

    /// <summary>Gets a value indicating whether the set has a last occurrence: every RRULE has COUNT or UNTIL.</summary>
    /// <value><see langword="true"/> for a bounded set (including one without RRULEs).</value>
    public bool IsBounded => Rules.All(r => r.End.IsBounded);

    internal long StartSeconds { get; }

    internal CompiledRule[] CompiledRules { get; }

    internal CompiledRule[] CompiledExceptionRules { get; }

    internal RecurrenceDate[] RecurrenceDateList { get; }

    internal RecurrenceDate[] ExceptionDateList { get; }

    /// <summary>Creates an all-day set.</summary>
    /// <param name="start">DTSTART, a date in years 1 to 9999.</param>
    /// <param name="rules">The RRULEs, or null.</param>
    /// <param name="recurrenceDates">The RDATEs, or null.</param>
    /// <param name="exceptionDates">The EXDATEs (no periods), or null.</param>
    /// <param name="exceptionRules">The EXRULEs, or null.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">A value is out of range, a rule is null, or an EXDATE is a period.</exception>
    public static RecurrenceSet Create(LocalDate start, IEnumerable<RecurrenceRule>? rules = null, IEnumerable<RecurrenceDate>? recurrenceDates = null,
        IEnumerable<RecurrenceDate>? exceptionDates = null, IEnumerable<RecurrenceRule>? exceptionRules = null)
    {
        Preconditions.CheckArgumentRange(nameof(start), start.Year, 1, 9999);
        return new RecurrenceSet(RecurrenceStartKind.Date, (long)CalendarMath.ToDays(start) * CalendarMath.SecondsPerDay, null,
            rules, recurrenceDates, exceptionDates, exceptionRules);
    }

    /// <summary>Creates a date-time set.</summary>
    /// <param name="start">DTSTART as a wall-clock time, whole seconds, years 1 to 9999.</param>
    /// <param name="zone">The zone; null for a floating set, <see cref="DateTimeZone.Utc"/> for a UTC set.</param>
    /// <param name="rules">The RRULEs, or null.</param>
    /// <param name="recurrenceDates">The RDATEs, or null.</param>
    /// <param name="exceptionDates">The EXDATEs (no periods), or null.</param>
    /// <param name="exceptionRules">The EXRULEs, or null.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">A value is out of range, a rule is null, or an EXDATE is a period.</exception>
    public static RecurrenceSet Create(LocalDateTime start, DateTimeZone? zone, IEnumerable<RecurrenceRule>? rules = null,
        IEnumerable<RecurrenceDate>? recurrenceDates = null, IEnumerable<RecurrenceDate>? exceptionDates = null,
        IEnumerable<RecurrenceRule>? exceptionRules = null)
    {
        Preconditions.CheckArgumentRange(nameof(start), start.Year, 1, 9999);
        Preconditions.CheckArgumentRange(nameof(start), start.NanosecondOfSecond, 0, 0);
        var kind = zone is null ? RecurrenceStartKind.Floating
            : ReferenceEquals(zone, DateTimeZone.Utc) ? RecurrenceStartKind.Utc : RecurrenceStartKind.Zoned;
        return new RecurrenceSet(kind, CalendarMath.ToSeconds(start), zone, rules, recurrenceDates, exceptionDates, exceptionRules);
    }

    /// <summary>
    /// Creates an all-day set from a DTSTART given separately and recurrence content lines
    /// (<c>RRULE:…</c>, <c>RDATE…</c>, <c>EXDATE…</c>, <c>EXRULE:…</c>), as in Google Calendar's
    /// <c>recurrence</c> list.
    /// </summary>
    /// <param name="start">DTSTART.</param>
    /// <param name="recurrenceLines">The content lines; each may itself be folded. A DTSTART line is an error.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recurrenceLines"/> is null.</exception>
    /// <exception cref="RecurrenceParseException">A line cannot be parsed; <see cref="RecurrenceParseException.Line"/> is its one-based index.</exception>
    public static RecurrenceSet FromLines(LocalDate start, IEnumerable<string> recurrenceLines)
    {
        Preconditions.CheckArgumentRange(nameof(start), start.Year, 1, 9999);
        return FromLinesCore(RecurrenceStartKind.Date, (long)CalendarMath.ToDays(start) * CalendarMath.SecondsPerDay, null, recurrenceLines);
    }

    /// <summary>
    /// Creates a date-time set from a DTSTART given separately and recurrence content lines
    /// (<c>RRULE:…</c>, <c>RDATE…</c>, <c>EXDATE…</c>, <c>EXRULE:…</c>), as in Google Calendar's
    /// <c>recurrence</c> list.
    /// </summary>
    /// <param name="start">DTSTART as a wall-clock time.</param>
    /// <param name="zone">The zone; null for floating, <see cref="DateTimeZone.Utc"/> for UTC.</param>
    /// <param name="recurrenceLines">The content lines; each may itself be folded. A DTSTART line is an error.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recurrenceLines"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is out of range.</exception>
    /// <exception cref="RecurrenceParseException">A line cannot be parsed; <see cref="RecurrenceParseException.Line"/> is its one-based index.</exception>
    public static RecurrenceSet FromLines(LocalDateTime start, DateTimeZone? zone, IEnumerable<string> recurrenceLines)
    {
        Preconditions.CheckArgumentRange(nameof(start), start.Year, 1, 9999);
        Preconditions.CheckArgumentRange(nameof(start), start.NanosecondOfSecond, 0, 0);
        var kind = zone is null ? RecurrenceStartKind.Floating
            : ReferenceEquals(zone, DateTimeZone.Utc) ? RecurrenceStartKind.Utc : RecurrenceStartKind.Zoned;
        return FromLinesCore(kind, CalendarMath.ToSeconds(start), zone, recurrenceLines);
    }

    private static RecurrenceSet FromLinesCore(RecurrenceStartKind kind, long start, DateTimeZone? zone, IEnumerable<string> recurrenceLines)
    {
        Preconditions.CheckNotNull(recurrenceLines);
        var lines = recurrenceLines.ToList();
        foreach (var line in lines)
        {
            Preconditions.CheckArgument(line is not null, nameof(recurrenceLines), "A line is null.");
        }
        string text = string.Join("\r\n", lines);
        var parsed = SetParser.Parse(text, (kind, start, zone));
        return parsed.Set ?? throw parsed.Error!;
    }

    /// <summary>
    /// Parses the iCalendar content lines that describe a set: one DTSTART and any number of RRULE,
    /// RDATE, EXDATE and EXRULE lines.
    /// </summary>
    /// <param name="text">The lines, separated by CRLF or LF, possibly folded (RFC 5545 §3.1). Names are case-insensitive; blank lines are ignored.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="RecurrenceParseException">The text is invalid; the exception names the line, column and property, or the unknown TZID.</exception>
    public static RecurrenceSet Parse(string text)
    {
        Preconditions.CheckNotNull(text);
        var parsed = SetParser.Parse(text, null);
        return parsed.Set ?? throw parsed.Error!;
    }

    /// <summary>Tries to parse the content lines of a set.</summary>
    /// <param name="text">The text, or null.</param>
    /// <param name="set">The set when successful.</param>
    /// <returns><see langword="true"/> when the text is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out RecurrenceSet? set)
    {
        set = text is null ? null : SetParser.Parse(text, null).Set;
        return set is not null;
    }

    internal static RecurrenceSet CreateParsed(RecurrenceStartKind kind, long start, DateTimeZone? zone, List<RecurrenceRule> rules,
        List<RecurrenceDate> rdates, List<RecurrenceDate> exdates, List<RecurrenceRule> exrules)
        => new(kind, start, zone, rules, rdates, exdates, exrules);

    /// <summary>Gets all occurrences, lazily and in order.</summary>
    /// <param name="placementZone">Where a floating or date set is placed on the time line; UTC when null. Ignored for zoned and UTC sets.</param>
    /// <returns>The lazy sequence; unbounded sets give an endless sequence (up to year 9999).</returns>
    public OccurrenceSequence GetOccurrences(DateTimeZone? placementZone = null)
        => new(this, placementZone, long.MinValue, long.MaxValue);

    /// <summary>Gets the occurrences whose start instant is in a half-open window [start, end).</summary>
    /// <param name="window">The window; an open start or end is unbounded.</param>
    /// <param name="placementZone">Where a floating or date set is placed; UTC when null.</param>
    /// <returns>The lazy sequence. Its cost does not depend on how far the window is from DTSTART for rules without COUNT (see remarks on the type).</returns>
    public OccurrenceSequence GetOccurrences(Interval window, DateTimeZone? placementZone = null)
        => GetOccurrences(window, Duration.Zero, placementZone);

    /// <summary>
    /// Gets the occurrences of the given duration that overlap a half-open window: those that start
    /// before the window's end and end after its start; a zero-length occurrence overlaps when it
    /// starts in the window (every period in Calcore is half-open).
    /// </summary>
    /// <param name="window">The window; an open start or end is unbounded.</param>
    /// <param name="occurrenceDuration">The length of each occurrence, zero or positive.</param>
    /// <param name="placementZone">Where a floating or date set is placed; UTC when null.</param>
    /// <returns>The lazy sequence.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative or longer than 100,000 days.</exception>
    public OccurrenceSequence GetOccurrences(Interval window, Duration occurrenceDuration, DateTimeZone? placementZone = null)
    {
        Preconditions.CheckArgument(occurrenceDuration >= Duration.Zero && occurrenceDuration <= Duration.FromDays(100_000),
            nameof(occurrenceDuration), "The occurrence duration must be between zero and 100,000 days.");
        const long TicksPerSecond = 10_000_000;
        long min = long.MinValue;
        if (window.HasStart)
        {
            long startTicks = CeilingTicks(window.Start);
            min = occurrenceDuration == Duration.Zero
                ? CalendarMath.CeilDiv(startTicks, TicksPerSecond)
                : CalendarMath.FloorDiv(startTicks - occurrenceDuration.BclCompatibleTicks, TicksPerSecond) + 1;
        }
        long max = window.HasEnd ? CalendarMath.CeilDiv(CeilingTicks(window.End), TicksPerSecond) : long.MaxValue;
        return new OccurrenceSequence(this, placementZone, min, max);

        // Ticks rounded up: an instant a few nanoseconds after a whole second is after it (ToUnixTimeTicks truncates).
        static long CeilingTicks(Instant instant)
        {
            long ticks = instant.ToUnixTimeTicks();
            return Instant.FromUnixTimeTicks(ticks) < instant ? ticks + 1 : ticks;
        }
    }

    /// <summary>Gets the first occurrence that starts at or after an instant.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="placementZone">Where a floating or date set is placed; UTC when null.</param>
    /// <returns>The occurrence, or null when there is none.</returns>
    public Occurrence? GetFirstOccurrenceAtOrAfter(Instant instant, DateTimeZone? placementZone = null)
    {
        foreach (var o in GetOccurrences(new Interval(instant, null), placementZone))
        {
            return o;
        }
        return null;
    }

    /// <summary>Gets the first occurrence of the set.</summary>
    /// <param name="placementZone">Where a floating or date set is placed; UTC when null.</param>
    /// <returns>The first occurrence, or null when EXDATEs remove every instance.</returns>
    public Occurrence? GetFirstOccurrence(DateTimeZone? placementZone = null)
    {
        foreach (var o in GetOccurrences(placementZone))
        {
            return o;
        }
        return null;
    }

    /// <summary>Gets the last occurrence of a bounded set.</summary>
    /// <param name="placementZone">Where a floating or date set is placed; UTC when null.</param>
    /// <returns>The last occurrence; null when the set is unbounded (<see cref="IsBounded"/> is false) or empty.</returns>
    /// <remarks>The set is searched backwards from its latest possible instance (each rule's UNTIL or the
    /// last instance of its COUNT, the RDATEs, DTSTART) in windows of doubling width, so the cost does not
    /// depend on the length of the series (see the work bounds on the type).</remarks>
    public Occurrence? GetLastOccurrence(DateTimeZone? placementZone = null)
    {
        if (!IsBounded)
        {
            return null;
        }
        // Latest wall time any instance can have, as local seconds; an instant is at most one day
        // after its wall time (UTC offsets are within ±1 day). A COUNT rule's last instance is known
        // (found once per zone, see the remarks on the type).
        var zone = Zone ?? placementZone ?? DateTimeZone.Utc;
        long maxLocal = StartSeconds;
        foreach (var rule in CompiledRules)
        {
            long value = rule.UntilValue;
            maxLocal = Math.Max(maxLocal, rule.Count > 0 ? Math.Max(rule.CountEnd(zone, forcedStart: true), StartSeconds - CalendarMath.SecondsPerDay) + CalendarMath.SecondsPerDay
                : rule.UntilKind switch
                {
                    RecurrenceEndKind.UntilDate => (value + 1) * CalendarMath.SecondsPerDay,
                    RecurrenceEndKind.UntilInstant => value + CalendarMath.SecondsPerDay,
                    _ => value,
                });
        }
        foreach (var rd in RecurrenceDateList)
        {
            maxLocal = Math.Max(maxLocal, rd.StartSeconds + CalendarMath.SecondsPerDay);
        }
        long upper = Math.Min(maxLocal + 2L * CalendarMath.SecondsPerDay, CalendarMath.MaxInstantSeconds);
        // RDATEs may come before DTSTART: the earliest of them bounds the search from below.
        long minLocal = StartSeconds;
        foreach (var rd in RecurrenceDateList)
        {
            minLocal = Math.Min(minLocal, rd.StartSeconds);
        }
        long lower = Math.Max(minLocal - 2L * CalendarMath.SecondsPerDay, CalendarMath.MinInstantSeconds);
        long width = CalendarMath.SecondsPerDay;
        long end = upper;
        while (end > lower)
        {
            long start = Math.Max(end - width, lower);
            Occurrence? last = null;
            foreach (var o in GetOccurrences(new Interval(Instant.FromUnixTimeSeconds(start), Instant.FromUnixTimeSeconds(end)), placementZone))
            {
                last = o;
            }
            if (last is not null)
            {
                return last;
            }
            end = start;
            width = Math.Min(width * 2, 1L << 40);
        }
        return null;
    }

    /// <summary>
    /// Counts the instances that one of the set's COUNT rules produces before an instant, as its COUNT counts them
    /// (DTSTART first; RDATEs, EXDATEs and EXRULEs not applied), at most its COUNT. Work: as a seek, plus two days of
    /// values (see the work bounds on the type).
    /// </summary>
    internal long CountRuleInstancesBefore(int ruleIndex, Instant instant, DateTimeZone? placementZone)
        => RuleSource.CountBefore(CompiledRules[ruleIndex], forcedStart: true, Zone ?? placementZone ?? DateTimeZone.Utc,
            CalendarMath.CeilDiv(instant.ToUnixTimeTicks(), 10_000_000));

    /// <summary>Finds the occurrence that starts at an instant.</summary>
    /// <param name="start">The start instant.</param>
    /// <param name="placementZone">Where a floating or date set is placed; UTC when null.</param>
    /// <returns>The occurrence, or null when the set has none at that instant.</returns>
    public Occurrence? FindOccurrence(Instant start, DateTimeZone? placementZone = null)
    {
        // The window is the one second that holds the instant (open at the end of time).
        Instant? end = start < Instant.MaxValue - Duration.FromSeconds(1) ? start + Duration.FromSeconds(1) : null;
        foreach (var o in GetOccurrences(new Interval(start, end), placementZone))
        {
            if (o.Start == start)
            {
                return o;
            }
        }
        return null;
    }

    /// <summary>Gets a value indicating whether an occurrence starts at an instant.</summary>
    /// <param name="start">The instant.</param>
    /// <param name="placementZone">Where a floating or date set is placed; UTC when null.</param>
    /// <returns><see langword="true"/> when an occurrence starts there.</returns>
    public bool IsOccurrence(Instant start, DateTimeZone? placementZone = null) => FindOccurrence(start, placementZone) is not null;

    /// <summary>Gets a value indicating whether an occurrence has a given original (or actual) wall-clock start.</summary>
    /// <param name="originalLocalStart">The wall time, as in <see cref="FindOccurrenceByOriginalStart"/>.</param>
    /// <param name="placementZone">Where a floating or date set is placed; UTC when null.</param>
    /// <returns><see langword="true"/> when such an occurrence exists.</returns>
    public bool IsOccurrence(LocalDateTime originalLocalStart, DateTimeZone? placementZone = null)
        => FindOccurrenceByOriginalStart(originalLocalStart, placementZone) is not null;

    /// <summary>Finds the occurrence with a given original (nominal) wall-clock start, such as the original start of an exception.</summary>
    /// <param name="originalLocalStart">The wall time that the rule named (<see cref="Occurrence.OriginalLocalStart"/>), or the actual wall start.</param>
    /// <param name="placementZone">Where a floating or date set is placed; UTC when null.</param>
    /// <returns>The occurrence, or null.</returns>
    public Occurrence? FindOccurrenceByOriginalStart(LocalDateTime originalLocalStart, DateTimeZone? placementZone = null)
    {
        // Two days either side of the wall time read as UTC hold every instant it can have (offsets are within ±18 hours),
        // clamped to the time line at its ends.
        var approx = originalLocalStart.InUtc().ToInstant();
        var margin = Duration.FromDays(2);
        var window = new Interval(approx < Instant.MinValue + margin ? null : approx - margin, approx > Instant.MaxValue - margin ? null : approx + margin);
        foreach (var o in GetOccurrences(window, placementZone))
        {
            if (o.OriginalLocalStart == originalLocalStart || o.LocalStart == originalLocalStart)
            {
                return o;
            }
        }
        return null;
    }

    /// <summary>Writes the set as canonical content lines: DTSTART, RRULEs, EXRULEs, RDATEs, EXDATEs, CRLF-separated and folded at 75 octets.</summary>
    /// <returns>The text; <see cref="Parse"/> reads it back to an equal set.</returns>
    /// <remarks>Zones are written as <c>TZID=</c> their <see cref="DateTimeZone.Id"/>; a set built in
    /// code with a zone that is not in <see cref="DateTimeZoneProviders.Tzdb"/> (such as a fixed-offset
    /// zone) writes an id that <see cref="Parse"/> cannot read back. Consecutive RDATE or EXDATE values of
    /// the same form and zone share one line.</remarks>
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        var lines = new List<string>();
        string value = IsAllDay ? IcalText.FormatDate((int)(StartSeconds / CalendarMath.SecondsPerDay)) : IcalText.FormatDateTime(StartSeconds);
        lines.Add(StartKind switch
        {
            RecurrenceStartKind.Date => "DTSTART;VALUE=DATE:" + value,
            RecurrenceStartKind.Floating => "DTSTART:" + value,
            RecurrenceStartKind.Utc => "DTSTART:" + value + "Z",
            _ => "DTSTART;TZID=" + Zone!.Id + ":" + value,
        });
        lines.AddRange(Rules.Select(r => "RRULE:" + r));
        lines.AddRange(ExceptionRules.Select(r => "EXRULE:" + r));
        AddDates(lines, "RDATE", RecurrenceDateList);
        AddDates(lines, "EXDATE", ExceptionDateList);
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            if (sb.Length > 0)
            {
                sb.Append("\r\n");
            }
            Fold(sb, line);
        }
        return sb.ToString();
    }

    private static void AddDates(List<string> lines, string name, RecurrenceDate[] values)
    {
        int i = 0;
        while (i < values.Length)
        {
            string header = Header(name, values[i]);
            var items = new List<string>();
            while (i < values.Length && string.Equals(Header(name, values[i]), header, StringComparison.Ordinal))
            {
                items.Add(values[i].ToString());
                i++;
            }
            lines.Add(header + ":" + string.Join(',', items));
        }

        static string Header(string name, RecurrenceDate v)
        {
            string tz = v.Zone is null || v.IsUtc ? string.Empty : ";TZID=" + v.Zone.Id;
            return v.Kind switch
            {
                RecurrenceDateKind.Date => name + ";VALUE=DATE",
                RecurrenceDateKind.Period => name + ";VALUE=PERIOD" + tz,
                _ => name + tz + (v.IsUtc ? string.Empty : string.Empty),
            };
        }
    }

    private static void Fold(StringBuilder sb, string line)
    {
        const int Limit = 75;
        if (line.Length <= Limit)
        {
            sb.Append(line);
            return;
        }
        sb.Append(line, 0, Limit);
        for (int i = Limit; i < line.Length; i += Limit - 1)
        {
            sb.Append("\r\n ");
            sb.Append(line, i, Math.Min(Limit - 1, line.Length - i));
        }
    }

    /// <inheritdoc/>
    public bool Equals(RecurrenceSet? other)
    {
        if (other is null)
        {
            return false;
        }
        return ReferenceEquals(this, other)
            || (StartKind == other.StartKind && StartSeconds == other.StartSeconds
                && string.Equals(Zone?.Id, other.Zone?.Id, StringComparison.Ordinal)
                && Rules.SequenceEqual(other.Rules) && ExceptionRules.SequenceEqual(other.ExceptionRules)
                && RecurrenceDateList.SequenceEqual(other.RecurrenceDateList) && ExceptionDateList.SequenceEqual(other.ExceptionDateList));
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RecurrenceSet);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StartKind, StartSeconds, Zone?.Id, Rules.Count, RecurrenceDateList.Length);

    /// <summary>Compares two sets by value.</summary>
    /// <param name="left">The first set.</param>
    /// <param name="right">The second set.</param>
    /// <returns><see langword="true"/> when equal (or both null).</returns>
    public static bool operator ==(RecurrenceSet? left, RecurrenceSet? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two sets by value.</summary>
    /// <param name="left">The first set.</param>
    /// <param name="right">The second set.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(RecurrenceSet? left, RecurrenceSet? right) => !(left == right);
}
