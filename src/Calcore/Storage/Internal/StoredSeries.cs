using System;
using System.Collections.Generic;
using Calcore.Events;
using Calcore.Events.Internal;
using Calcore.Recurrence;
using NodaTime;

namespace Calcore.Storage.Internal;

/// <summary>The engine's access to events read from storage: the recurrence set, span, instances in a window and one
/// instance of a stored series, through <see cref="SeriesExpander"/>, with the one translation of data that no longer
/// reads.</summary>
/// <remarks>
/// <para>A series' recurrence lines are checked when a caller passes them (<see cref="SeriesExpander.Validate"/>: a
/// <see cref="RecurrenceParseException"/>, an argument error, for the caller's parameter). A stored series whose lines
/// no longer parse (a file written by another version, or edited by hand; an event inserted through
/// <see cref="IStorage"/> directly) is data the caller never passed: every path that must expand it throws a
/// <see cref="CalcoreStorageException"/> with <see cref="StorageErrorCode.Corrupt"/> that names the event, with the
/// parser's exception inside. A path that does not expand it (finding the series itself, deleting it, a window its
/// stored span does not reach) is not affected.</para>
/// <para>Every read path above the Events layer (listing, free/busy, conflicts, instance lookups, the span a write
/// indexes) goes through here; <see cref="SeriesExpander"/>'s own members are for fields already validated.</para>
/// <para>Stateless and thread-safe (the parsed sets are cached by <see cref="SeriesExpander"/>).</para>
/// </remarks>
internal static class StoredSeries
{
    /// <summary>The recurrence set of a stored series.</summary>
    /// <exception cref="CalcoreStorageException">The series' stored recurrence does not read (<see cref="StorageErrorCode.Corrupt"/>).</exception>
    internal static RecurrenceSet SetOf(CalendarEvent series)
    {
        try
        {
            return SeriesExpander.SetOf(series.Details);
        }
        catch (ArgumentException ex)
        {
            // A line that does not parse (RecurrenceParseException), or a stored start the engine never writes for a
            // series (not a whole second): either way the stored fields, not the caller's arguments.
            throw Unreadable(series, ex);
        }
    }

    /// <summary>Checks that a stored event can be expanded (a single event always can).</summary>
    /// <exception cref="CalcoreStorageException">The series' stored recurrence does not read (<see cref="StorageErrorCode.Corrupt"/>).</exception>
    internal static void Check(CalendarEvent e)
    {
        if (e.IsRecurring)
        {
            _ = SetOf(e);
        }
    }

    /// <summary>The span of a stored event, as storage indexes it (see <see cref="SeriesExpander.SpanOf"/>).</summary>
    /// <exception cref="CalcoreStorageException">The series' stored recurrence does not read (<see cref="StorageErrorCode.Corrupt"/>).</exception>
    internal static Interval SpanOf(CalendarEvent e, DateTimeZone zone)
    {
        Check(e);
        return SeriesExpander.SpanOf(e, zone);
    }

    /// <summary>The instances of a stored series that overlap a window (see <see cref="SeriesExpander.SlotsIn"/>).</summary>
    /// <exception cref="CalcoreStorageException">The series' stored recurrence does not read (<see cref="StorageErrorCode.Corrupt"/>).</exception>
    internal static List<InstanceSlot> SlotsIn(CalendarEvent series, Interval window, DateTimeZone zone, int limit = int.MaxValue)
    {
        Check(series);
        return SeriesExpander.SlotsIn(series, window, zone, limit);
    }

    /// <summary>The instance of a stored series with a given original start, or null (see <see cref="SeriesExpander.FindSlot"/>).</summary>
    /// <exception cref="CalcoreStorageException">The series' stored recurrence does not read (<see cref="StorageErrorCode.Corrupt"/>).</exception>
    internal static InstanceSlot? FindSlot(CalendarEvent series, OriginalStart key, DateTimeZone zone)
    {
        if (key.IsDate != series.Timing.IsAllDay)
        {
            return null;
        }
        Check(series);
        return SeriesExpander.FindSlot(series, key, zone);
    }

    private static CalcoreStorageException Unreadable(CalendarEvent series, ArgumentException ex)
    {
        string problem = ex is RecurrenceParseException p
            ? $"its recurrence does not parse ({(p.Part is null ? "" : p.Part + ": ")}{p.Problem}; recurrence line {p.Line}, column {p.Column})"
            : $"its recurrence cannot be expanded from its start ({ex.Message})";
        return new CalcoreStorageException(StorageErrorCode.Corrupt, series.Id,
            $"The stored event '{series.Id}' cannot be read: {problem}. This version of Calcore would not have written it; "
            + "correct the stored value, or delete the event (deleting does not read its recurrence).", ex);
    }
}
