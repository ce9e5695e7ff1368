using System;
using System.Collections.Generic;
using System.Text;
using Calcore.Recurrence;
using NodaTime;

namespace Calcore.Fuzz;

/// <summary>
/// The checks that the fuzz target runs on one input. It has no dependency on SharpFuzz, so the replay test in
/// Calcore.Tests compiles this file in and runs the committed corpus through exactly the same checks.
/// </summary>
/// <remarks>
/// <para>The input is read as UTF-8 and given to <see cref="RecurrenceRule.Parse"/>/<see cref="RecurrenceRule.TryParse"/>
/// (the whole text, and the rest of the line after the first <c>RRULE:</c>) and to
/// <see cref="RecurrenceSet.Parse"/>/<see cref="RecurrenceSet.TryParse"/>. A finding is reported by throwing; afl++ records
/// an input whose run throws as a crash. A finding is:</para>
/// <list type="bullet">
/// <item>a <c>TryParse</c> that throws anything, or a <c>Parse</c> that throws outside the <see cref="ArgumentException"/>
/// family (which includes <see cref="RecurrenceParseException"/>);</item>
/// <item><c>Parse</c> and <c>TryParse</c> that disagree (one succeeds, the other fails, or the values differ);</item>
/// <item>a value whose <c>ToString()</c> does not parse back to an equal value with the same text and hash code;</item>
/// <item>any exception from expansion or the queries (<see cref="RecurrenceSet.GetOccurrences(DateTimeZone?)"/> and its
/// window overloads, <see cref="RecurrenceSet.GetFirstOccurrence"/>, <see cref="RecurrenceSet.GetFirstOccurrenceAtOrAfter"/>,
/// <see cref="RecurrenceSet.FindOccurrence"/>, <see cref="RecurrenceSet.GetLastOccurrence"/>);</item>
/// <item>occurrences whose starts are not strictly increasing, and seeks that disagree with the plain enumeration (a
/// window between two enumerated occurrences must hold exactly the enumerated occurrences between them).</item>
/// </list>
/// <para>Work per input is bounded: at most <see cref="MaxOccurrences"/> occurrences are taken from any sequence.
/// <see cref="RecurrenceSet.GetLastOccurrence"/> is only asked when its cost is bounded too (no COUNT, or the whole set
/// was enumerated), since with COUNT its documented cost is proportional to the number of instances.</para>
/// </remarks>
public static class RecurrenceFuzzTarget
{
    /// <summary>The most occurrences taken from any one sequence.</summary>
    public const int MaxOccurrences = 200;

    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    /// <summary>Runs every check on one input.</summary>
    /// <param name="input">The raw bytes (decoded as UTF-8, invalid sequences replaced).</param>
    /// <exception cref="FuzzFindingException">A check failed.</exception>
    public static void Run(ReadOnlySpan<byte> input) => Run(Encoding.UTF8.GetString(input));

    /// <summary>Runs every check on one input.</summary>
    /// <param name="text">The input text.</param>
    /// <exception cref="FuzzFindingException">A check failed.</exception>
    public static void Run(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rule = CheckRule(text);
        int at = text.IndexOf("RRULE:", StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            string rest = text[(at + "RRULE:".Length)..];
            int end = rest.AsSpan().IndexOfAny('\r', '\n');
            var lineRule = CheckRule(end < 0 ? rest : rest[..end]);
            rule ??= lineRule;
        }

        var set = CheckSet(text);
        if (set is not null)
        {
            CheckExpansion(set, Seed(text));
        }
        else if (rule is not null)
        {
            // A bare rule still reaches the expander, from a fixed zoned DTSTART (RFC 5545's own examples start there).
            CheckExpansion(Expansion("Create", () => RecurrenceSet.Create(new LocalDateTime(1997, 9, 2, 9, 0), NewYork, [rule])), Seed(text));
        }
    }

    private static RecurrenceRule? CheckRule(string text)
    {
        RecurrenceRule? tried = Expect("RecurrenceRule.TryParse", () => RecurrenceRule.TryParse(text, out var r) ? r : null, tryMethod: true);
        RecurrenceRule? parsed = Expect("RecurrenceRule.Parse", () => RecurrenceRule.Parse(text), tryMethod: false);
        Agree("RecurrenceRule", tried, parsed);
        if (parsed is null)
        {
            return null;
        }
        string written = Expect("RecurrenceRule.ToString", parsed.ToString, tryMethod: false)!;
        RecurrenceRule? again = Expect("RecurrenceRule.Parse(ToString())", () => RecurrenceRule.Parse(written), tryMethod: false);
        if (again is null || !again.Equals(parsed) || again.GetHashCode() != parsed.GetHashCode())
        {
            throw Finding($"RecurrenceRule round trip: '{written}' read back as '{again}'");
        }
        if (!string.Equals(again.ToString(), written, StringComparison.Ordinal))
        {
            throw Finding($"RecurrenceRule.ToString is not stable: '{written}' then '{again}'");
        }
        return parsed;
    }

    private static RecurrenceSet? CheckSet(string text)
    {
        RecurrenceSet? tried = Expect("RecurrenceSet.TryParse", () => RecurrenceSet.TryParse(text, out var s) ? s : null, tryMethod: true);
        RecurrenceSet? parsed = Expect("RecurrenceSet.Parse", () => RecurrenceSet.Parse(text), tryMethod: false);
        Agree("RecurrenceSet", tried, parsed);
        if (parsed is null)
        {
            return null;
        }
        string written = Expect("RecurrenceSet.ToString", parsed.ToString, tryMethod: false)!;
        RecurrenceSet? again = Expect("RecurrenceSet.Parse(ToString())", () => RecurrenceSet.Parse(written), tryMethod: false);
        if (again is null || !again.Equals(parsed) || again.GetHashCode() != parsed.GetHashCode())
        {
            throw Finding($"RecurrenceSet round trip: the text it wrote does not read back to an equal set:\n{written}");
        }
        if (!string.Equals(again.ToString(), written, StringComparison.Ordinal))
        {
            throw Finding($"RecurrenceSet.ToString is not stable:\n{written}\nthen\n{again}");
        }
        return parsed;
    }

    private static void CheckExpansion(RecurrenceSet set, uint seed)
    {
        // Floating and date sets are placed by the caller: alternate between the default (UTC) and a zone with DST.
        DateTimeZone? placement = (seed & 1) == 0 ? null : NewYork;
        var all = Take(set.GetOccurrences(placement), "GetOccurrences()");
        bool complete = all.Count < MaxOccurrences;
        CheckIncreasing(all, "GetOccurrences()");

        var first = Expansion("GetFirstOccurrence", () => set.GetFirstOccurrence(placement));
        if (first != FirstOrNull(all))
        {
            throw Finding($"GetFirstOccurrence gave {first}, the enumeration starts with {FirstOrNull(all)}");
        }

        if (all.Count > 0)
        {
            CheckSeekAgainstEnumeration(set, placement, all, complete, seed);
        }
        CheckFarWindow(set, placement, all.Count > 0 ? all[0].Start : Instant.FromUtc(1997, 9, 2, 13, 0), seed);

        if (set.IsBounded && (complete || !HasCount(set)))
        {
            var last = Expansion("GetLastOccurrence", () => set.GetLastOccurrence(placement));
            Occurrence? lastSeen = all.Count > 0 ? all[^1] : null;
            if (complete && last != lastSeen)
            {
                throw Finding($"GetLastOccurrence gave {last}, the whole enumeration ends with {lastSeen}");
            }
            if (!complete && (last is not { } l || l.Start < all[^1].Start))
            {
                throw Finding($"GetLastOccurrence gave {last}, before the enumerated {all[^1]}");
            }
            if (last is { } found && Expansion("FindOccurrence(last)", () => set.FindOccurrence(found.Start, placement)) != found)
            {
                throw Finding($"GetLastOccurrence gave {last}, which FindOccurrence does not find");
            }
        }
        else if (!set.IsBounded && Expansion("GetLastOccurrence", () => set.GetLastOccurrence(placement)) is { } last)
        {
            throw Finding($"GetLastOccurrence of an unbounded set gave {last}");
        }
    }

    private static void CheckSeekAgainstEnumeration(RecurrenceSet set, DateTimeZone? placement, List<Occurrence> all, bool complete, uint seed)
    {
        int k = (int)(seed % (uint)all.Count);
        int m = k + (int)((seed >> 8) % (uint)(all.Count - k));
        var from = all[k].Start;
        var to = all[m].Start;

        // A window between two enumerated occurrences holds exactly the enumerated occurrences between them.
        var inWindow = Take(set.GetOccurrences(new Interval(from, to), placement), "GetOccurrences(window)");
        if (!SameList(inWindow, all, k, m))
        {
            throw Finding($"GetOccurrences([{from}, {to})) gave {Show(inWindow)}, the enumeration has {Show(all.GetRange(k, m - k))}");
        }

        // The overlap form with a duration: every occurrence that starts before the end and ends after the start.
        var duration = Duration.FromMinutes((seed >> 16) % 1500);
        var overlapping = Take(set.GetOccurrences(new Interval(from, to), duration, placement), "GetOccurrences(window, duration)");
        long fromTicks = from.ToUnixTimeTicks();
        long durationTicks = duration.BclCompatibleTicks;
        var expected = all.FindAll(o => o.Start < to && (duration == Duration.Zero ? o.Start >= from : o.Start.ToUnixTimeTicks() + durationTicks > fromTicks));
        if (!SameList(overlapping, expected, 0, expected.Count))
        {
            throw Finding($"GetOccurrences([{from}, {to}), {duration}) gave {Show(overlapping)}, the enumeration has {Show(expected)}");
        }

        var atOrAfter = Expansion("GetFirstOccurrenceAtOrAfter", () => set.GetFirstOccurrenceAtOrAfter(from, placement));
        if (atOrAfter != all[k])
        {
            throw Finding($"GetFirstOccurrenceAtOrAfter({from}) gave {atOrAfter}, not the enumerated {all[k]}");
        }
        var found = Expansion("FindOccurrence", () => set.FindOccurrence(from, placement));
        if (found != all[k])
        {
            throw Finding($"FindOccurrence({from}) gave {found}, not the enumerated {all[k]}");
        }
        if (from < Instant.MaxValue)
        {
            var next = Expansion("GetFirstOccurrenceAtOrAfter", () => set.GetFirstOccurrenceAtOrAfter(from + Duration.FromTicks(1), placement));
            Occurrence? expectedNext = k + 1 < all.Count ? all[k + 1] : null;
            if ((k + 1 < all.Count || complete) && next != expectedNext)
            {
                throw Finding($"GetFirstOccurrenceAtOrAfter just after {from} gave {next}, not the enumerated {expectedNext}");
            }
        }
    }

    private static void CheckFarWindow(RecurrenceSet set, DateTimeZone? placement, Instant anchor, uint seed)
    {
        // Somewhere up to ~100 years after the first occurrence, one month wide; no oracle but consistency.
        long startSeconds = anchor.ToUnixTimeSeconds() + (long)(seed % 36_500) * 86_400 + (seed >> 20);
        long endSeconds = startSeconds + 31L * 86_400;
        long max = Instant.MaxValue.ToUnixTimeSeconds();
        if (endSeconds >= max)
        {
            return;
        }
        var from = Instant.FromUnixTimeSeconds(startSeconds);
        var to = Instant.FromUnixTimeSeconds(endSeconds);
        var window = Take(set.GetOccurrences(new Interval(from, to), placement), "GetOccurrences(far window)");
        CheckIncreasing(window, "GetOccurrences(far window)");
        foreach (var o in window)
        {
            if (o.Start < from || o.Start >= to)
            {
                throw Finding($"GetOccurrences([{from}, {to})) gave {o}, outside the window");
            }
        }
        var atOrAfter = Expansion("GetFirstOccurrenceAtOrAfter(far)", () => set.GetFirstOccurrenceAtOrAfter(from, placement));
        if (window.Count > 0)
        {
            if (atOrAfter != window[0])
            {
                throw Finding($"GetFirstOccurrenceAtOrAfter({from}) gave {atOrAfter}, the window starts with {window[0]}");
            }
            var found = Expansion("FindOccurrence(far)", () => set.FindOccurrence(window[0].Start, placement));
            if (found != window[0])
            {
                throw Finding($"FindOccurrence({window[0].Start}) gave {found}, not {window[0]}");
            }
        }
        else if (atOrAfter is { } a && a.Start < to)
        {
            throw Finding($"GetFirstOccurrenceAtOrAfter({from}) gave {a}, but the window [{from}, {to}) is empty");
        }
    }

    private static List<Occurrence> Take(OccurrenceSequence sequence, string what)
    {
        var list = new List<Occurrence>();
        try
        {
            foreach (var o in sequence)
            {
                // Start (and LocalStart) must be readable for every occurrence the sequence yields.
                _ = o.Start;
                _ = o.LocalStart;
                list.Add(o);
                if (list.Count == MaxOccurrences)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            throw new FuzzFindingException($"{what} threw during enumeration (after {list.Count} occurrences)", e);
        }
        return list;
    }

    private static void CheckIncreasing(List<Occurrence> list, string what)
    {
        for (int i = 1; i < list.Count; i++)
        {
            if (list[i].Start <= list[i - 1].Start)
            {
                throw Finding($"{what}: occurrence {i} ({list[i]}) does not start after occurrence {i - 1} ({list[i - 1]})");
            }
        }
    }

    private static bool HasCount(RecurrenceSet set)
    {
        foreach (var r in set.Rules)
        {
            if (r.End.Kind == RecurrenceEndKind.Count)
            {
                return true;
            }
        }
        return false;
    }

    private static bool SameList(List<Occurrence> actual, List<Occurrence> source, int from, int to)
    {
        if (actual.Count != Math.Min(to - from, MaxOccurrences))
        {
            return false;
        }
        for (int i = 0; i < actual.Count; i++)
        {
            if (actual[i] != source[from + i])
            {
                return false;
            }
        }
        return true;
    }

    private static string Show(List<Occurrence> list)
        => list.Count <= 6 ? "[" + string.Join(", ", list) + "]" : $"[{list[0]}, {list[1]}, … {list[^1]}] ({list.Count})";

    /// <summary>A deterministic hash of the input (string.GetHashCode is randomised per process; afl needs repeatable runs).</summary>
    private static uint Seed(string text)
    {
        uint h = 2166136261;
        foreach (char c in text)
        {
            h = unchecked((h ^ c) * 16777619);
        }
        return h;
    }

    private static T? Expect<T>(string what, Func<T?> call, bool tryMethod)
        where T : class
    {
        try
        {
            return call();
        }
        catch (ArgumentException) when (!tryMethod)
        {
            return null;
        }
        catch (Exception e)
        {
            throw new FuzzFindingException($"{what} threw {e.GetType().Name}", e);
        }
    }

    private static T Expansion<T>(string what, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e)
        {
            throw new FuzzFindingException($"{what} threw {e.GetType().Name}", e);
        }
    }

    private static void Agree<T>(string type, T? tried, T? parsed)
        where T : class, IEquatable<T>
    {
        if ((tried is null) != (parsed is null))
        {
            throw Finding($"{type}.TryParse {(tried is null ? "failed" : "succeeded")} but Parse {(parsed is null ? "failed" : "succeeded")}");
        }
        if (tried is not null && !tried.Equals(parsed))
        {
            throw Finding($"{type}.TryParse and Parse give different values");
        }
    }

    private static Occurrence? FirstOrNull(List<Occurrence> list) => list.Count > 0 ? list[0] : null;

    private static FuzzFindingException Finding(string message) => new(message);
}

/// <summary>A check of <see cref="RecurrenceFuzzTarget"/> failed: the input is a finding.</summary>
public sealed class FuzzFindingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    public FuzzFindingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the exception that the library threw.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The library's exception.</param>
    public FuzzFindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
