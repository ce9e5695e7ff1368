using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Events.Internal;
using Calcore.Ics;
using Calcore.Internal;
using Calcore.Storage;
using Calcore.Storage.Internal;
using NodaTime;

namespace Calcore;

/// <summary>iCalendar import and export: the engine's side of <c>Calcore.Ics</c> (docs/icalendar.md).</summary>
public sealed partial class StorageManager
{
    /// <summary>The scheme of the calendar addresses Calcore writes for attendees without an e-mail address.</summary>
    private const string AttendeeUrn = "urn:calcore:attendee:";

    /// <summary>Imports the events of a calendar: each series with its exceptions, or single event, is created, or updated
    /// when an event with its UID is stored (unless the stored SEQUENCE is newer). People are resolved through the
    /// attendee directory by calendar address; rooms and resources are booked through the booking gate, whatever the
    /// file says they answered.</summary>
    /// <param name="calendar">The calendar (see <see cref="IcsCalendar.Read(string, IcsReadOptions?)"/>).</param>
    /// <param name="options">How to import; <see cref="IcsImportOptions.Default"/> when null.</param>
    /// <param name="progress">Receives progress after each event; null for none.</param>
    /// <param name="cancellationToken">A token to cancel the import (events already written stay, in per-event mode).</param>
    /// <returns>One report item per event, in file order, then the deletions of a synchronization.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public Task<IcsImportResult> ImportAsync(IcsCalendar calendar, IcsImportOptions? options = null, IProgress<IcsImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(calendar);
        return ImportEventsAsync(calendar.Events, [], options ?? IcsImportOptions.Default, progress, cancellationToken);
    }

    /// <summary>Reads an iCalendar stream (UTF-8) and imports its events as <see cref="ImportAsync(IcsCalendar, IcsImportOptions?, IProgress{IcsImportProgress}?, CancellationToken)"/>
    /// does, one event at a time in per-event mode, so a large file is never held whole in memory.</summary>
    /// <param name="stream">The stream; read to its end, not closed.</param>
    /// <param name="options">How to import; <see cref="IcsImportOptions.Default"/> when null.</param>
    /// <param name="progress">Receives progress after each event; null for none.</param>
    /// <param name="cancellationToken">A token to cancel the import.</param>
    /// <returns>The report, with the reader's diagnostics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public Task<IcsImportResult> ImportAsync(Stream stream, IcsImportOptions? options = null, IProgress<IcsImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(stream);
        var diagnostics = new List<IcsDiagnostic>();
        return ImportEventsAsync(IcsCalendar.ReadEvents(stream, diagnostics.Add), diagnostics, options ?? IcsImportOptions.Default, progress, cancellationToken);
    }

    /// <summary>Exports the events of attendees that overlap a window as a calendar: series whole (with their exceptions
    /// as VEVENTs with RECURRENCE-ID, cancelled instances as EXDATE), each event once.</summary>
    /// <param name="attendees">The attendees whose events to export.</param>
    /// <param name="window">The window (bounded).</param>
    /// <param name="criteria">Only the events that match these criteria (<see cref="SearchCriteria.Matches"/>); all by
    /// default.</param>
    /// <param name="viewer">Who will read the file: a private or confidential event on which the viewer is neither
    /// organizer nor attendee is written as busy time only (no title, description, location or people). Null shows
    /// everything.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The calendar; write it with <see cref="IcsCalendar.Write()"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="attendees"/> is null.</exception>
    /// <exception cref="ArgumentException">The window is unbounded.</exception>
    public async Task<IcsCalendar> ExportAsync(IEnumerable<AttendeeId> attendees, Interval window, SearchCriteria? criteria = null, AttendeeId? viewer = null,
        CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(attendees);
        CheckBounded(window, nameof(window));
        var seen = new HashSet<EventId>();
        var events = new List<CalendarEvent>();
        foreach (AttendeeId id in attendees.Distinct())
        {
            foreach (CalendarEvent e in await Storage.QueryEventsAsync(new EventQuery { Window = window, Attendee = id }, cancellationToken).ConfigureAwait(false))
            {
                if ((criteria is null || criteria.Matches(e)) && seen.Add(e.Id))
                {
                    events.Add(e);
                }
            }
        }
        events.Sort((a, b) => string.CompareOrdinal(a.Id.Value, b.Id.Value));
        var people = new Dictionary<AttendeeId, AttendeeRecord?>();
        var written = new List<IcsEvent>();
        foreach (CalendarEvent e in events)
        {
            written.AddRange(await ToIcsEventsAsync(e, viewer, people, cancellationToken).ConfigureAwait(false));
        }
        return new IcsCalendar(written);
    }

    /// <summary>Exports one event, or a series with its exceptions, as a calendar.</summary>
    /// <param name="eventId">The event or series (an instance id exports the whole series).</param>
    /// <param name="viewer">Who will read the file (see <see cref="ExportAsync(IEnumerable{AttendeeId}, Interval, SearchCriteria?, AttendeeId?, CancellationToken)"/>);
    /// null shows everything.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="EventNotFoundException">The event does not exist.</exception>
    public async Task<IcsCalendar> ExportEventAsync(EventId eventId, AttendeeId? viewer = null, CancellationToken cancellationToken = default)
    {
        CalendarEvent e = await GetEventAsync(eventId, cancellationToken).ConfigureAwait(false);
        if (e.RecurringEventId is { } series)
        {
            e = await GetEventAsync(series, cancellationToken).ConfigureAwait(false);
        }
        return new IcsCalendar(await ToIcsEventsAsync(e, viewer, [], cancellationToken).ConfigureAwait(false));
    }

    // ----------------------------------------------------------------------------------------------------------
    // Export
    // ----------------------------------------------------------------------------------------------------------

    private async Task<List<IcsEvent>> ToIcsEventsAsync(CalendarEvent e, AttendeeId? viewer, Dictionary<AttendeeId, AttendeeRecord?> people, CancellationToken cancellationToken)
    {
        bool hidden = viewer is { } v && e.Details.AccessClass != AccessClass.Public && e.Details.OrganizerId != v && !e.HasAttendee(v);
        var recurrence = new List<string>(e.Details.Recurrence);
        foreach (InstanceOverride o in e.Overrides.Where(o => o.IsCancelled))
        {
            recurrence.Add(o.OriginalStart.IsDate ? "EXDATE;VALUE=DATE:" + IcsValues.WriteDate(o.OriginalStart.Date) : "EXDATE:" + IcsValues.WriteUtc(o.OriginalStart.Instant));
        }
        IcsEvent main = await ToIcsEventAsync(e, e.Details with { Recurrence = recurrence }, hidden, people, null, cancellationToken).ConfigureAwait(false);
        var result = new List<IcsEvent> { main };
        foreach (InstanceOverride o in e.Overrides.Where(o => !o.IsCancelled))
        {
            if (StoredSeries.FindSlot(e, o.OriginalStart, Zone) is { } slot)
            {
                CalendarEvent instance = SeriesExpander.Instance(e, slot);
                result.Add(await ToIcsEventAsync(instance, instance.Details, hidden, people, o, cancellationToken).ConfigureAwait(false) with
                {
                    Uid = main.Uid,
                    RecurrenceId = o.OriginalStart,
                });
            }
        }
        return result;
    }

    private async Task<IcsEvent> ToIcsEventAsync(CalendarEvent e, EventDetails details, bool hidden, Dictionary<AttendeeId, AttendeeRecord?> people,
        InstanceOverride? instance, CancellationToken cancellationToken)
    {
        string uid = e.Uid;
        EventDetails written = details with { OrganizerId = null, Uid = uid };
        if (hidden)
        {
            written = written with { Title = "Busy", Description = "", Location = "", Categories = [] };
            return new IcsEvent(uid, written) { Stamp = e.Updated, Sequence = details.Sequence };
        }
        IcsCalendarUser? organizer = null;
        var attendees = ImmutableArray.CreateBuilder<IcsCalendarUser>();
        foreach (Commitment c in e.Commitments)
        {
            AttendeeRecord? record = await RecordAsync(c.AttendeeId, people, cancellationToken).ConfigureAwait(false);
            ParticipationStatus status = instance is not null && instance.Participation.TryGetValue(c.AttendeeId, out ParticipationStatus s) ? s : c.Status;
            var user = new IcsCalendarUser(AddressOf(c.AttendeeId, record), record?.DisplayName, c.AttendeeType, c.Role, status,
                Rsvp: status == ParticipationStatus.NeedsAction);
            if (c.AttendeeId == details.OrganizerId)
            {
                organizer = user;
            }
            attendees.Add(user);
        }
        return new IcsEvent(uid, written)
        {
            Sequence = details.Sequence,
            Organizer = organizer,
            Attendees = attendees.ToImmutable(),
            Stamp = e.Updated,
            Created = e.Created,
            LastModified = e.Updated,
        };
    }

    private async Task<AttendeeRecord?> RecordAsync(AttendeeId id, Dictionary<AttendeeId, AttendeeRecord?> people, CancellationToken cancellationToken)
    {
        if (!people.TryGetValue(id, out AttendeeRecord? record))
        {
            record = await Storage.FindAttendeeAsync(id, cancellationToken).ConfigureAwait(false);
            people[id] = record;
        }
        return record;
    }

    /// <summary>An attendee's calendar address: the directory's, else <c>mailto:</c> an id that is an e-mail address,
    /// else a Calcore URN that an import maps back to the id.</summary>
    private static string AddressOf(AttendeeId id, AttendeeRecord? record)
        => record?.Address ?? (id.Value.Contains('@', StringComparison.Ordinal) && !id.Value.Contains(' ', StringComparison.Ordinal)
            ? "mailto:" + id.Value
            : AttendeeUrn + Uri.EscapeDataString(id.Value));

    // ----------------------------------------------------------------------------------------------------------
    // Import
    // ----------------------------------------------------------------------------------------------------------

    /// <summary>The id an imported event is stored under: its UID when that is a usable event id (so an event the engine
    /// exported comes back to itself), otherwise a hash of the UID.</summary>
    internal static EventId ImportIdOf(string uid)
    {
        if (uid.Length <= 200 && !uid.Any(char.IsControl))
        {
            var id = new EventId(uid);
            if (!id.TryGetInstance(out _, out _))
            {
                return id;
            }
        }
        return new EventId("ics-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uid)).AsSpan(0, 16)));
    }

    private async Task<IcsImportResult> ImportEventsAsync(IEnumerable<IcsEvent> events, List<IcsDiagnostic> diagnostics, IcsImportOptions options,
        IProgress<IcsImportProgress>? progress, CancellationToken cancellationToken)
    {
        var session = new ImportSession(this, options, cancellationToken);
        if (options.Mode == IcsImportMode.AllOrNothing)
        {
            return await ImportAllOrNothingAsync(session, [.. events], diagnostics, progress, cancellationToken).ConfigureAwait(false);
        }
        var items = new List<IcsImportItem>();
        var pending = new Dictionary<string, List<IcsEvent>>(StringComparer.Ordinal);
        var imported = new Dictionary<string, (IcsEvent Series, List<IcsEvent> Exceptions)>(StringComparer.Ordinal);
        var itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        // The series read last is held until an event of another UID comes, so its exceptions (which producers write
        // right after it) are imported with it in one unit of work.
        (IcsEvent Series, List<IcsEvent> Exceptions)? held = null;
        int read = 0;

        async Task FlushAsync()
        {
            if (held is { } group)
            {
                held = null;
                IcsImportItem item = await session.ImportGroupInOwnUnitAsync(group.Series, group.Exceptions).ConfigureAwait(false);
                if (group.Series.Details.IsRecurring)
                {
                    imported[group.Series.Uid] = group;
                }
                itemIndex[group.Series.Uid] = items.Count;
                items.Add(item);
                progress?.Report(new IcsImportProgress(read, items.Count));
            }
        }

        foreach (IcsEvent e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            read++;
            if (e.RecurrenceId is not null && held is { } open && open.Series.Uid == e.Uid)
            {
                open.Exceptions.Add(e);
                continue;
            }
            await FlushAsync().ConfigureAwait(false);
            if (e.RecurrenceId is null)
            {
                held = (e, pending.Remove(e.Uid, out List<IcsEvent>? waiting) ? waiting : []);
            }
            else if (imported.TryGetValue(e.Uid, out var group))
            {
                // An exception far from its series: the series is imported again with it (an update).
                group.Exceptions.Add(e);
                IcsImportItem first = items[itemIndex[e.Uid]];
                IcsImportItem again = await session.ImportGroupInOwnUnitAsync(group.Series, group.Exceptions).ConfigureAwait(false);
                items[itemIndex[e.Uid]] = again.Action == IcsImportAction.Failed ? again
                    : first with { Reason = again.Reason ?? first.Reason, Bookings = [.. first.Bookings, .. again.Bookings] };
            }
            else
            {
                (pending.TryGetValue(e.Uid, out List<IcsEvent>? list) ? list : pending[e.Uid] = []).Add(e);
            }
        }
        await FlushAsync().ConfigureAwait(false);
        foreach ((string uid, List<IcsEvent> orphans) in pending)
        {
            items.Add(await session.ImportExceptionsOfStoredSeriesAsync(uid, orphans).ConfigureAwait(false));
        }
        items.AddRange(await session.SynchronizeAsync(cancellationToken).ConfigureAwait(false));
        return new IcsImportResult([.. items], [.. diagnostics]);
    }

    private async Task<IcsImportResult> ImportAllOrNothingAsync(ImportSession session, List<IcsEvent> events, List<IcsDiagnostic> diagnostics,
        IProgress<IcsImportProgress>? progress, CancellationToken cancellationToken)
    {
        var groups = events.Where(e => e.RecurrenceId is null).ToList();
        ILookup<string, IcsEvent> exceptions = events.Where(e => e.RecurrenceId is not null).ToLookup(e => e.Uid, StringComparer.Ordinal);
        await session.ResolvePeopleAsync(events).ConfigureAwait(false);
        IStorageTransaction tx = await Storage.BeginTransactionAsync([.. session.AllAttendees], cancellationToken).ConfigureAwait(false);
        await using (tx.ConfigureAwait(false))
        {
            var items = new List<IcsImportItem>();
            foreach (IcsEvent e in groups)
            {
                cancellationToken.ThrowIfCancellationRequested();
                items.Add(await session.ImportGroupAsync(tx, e, [.. exceptions[e.Uid]]).ConfigureAwait(false));
                progress?.Report(new IcsImportProgress(items.Count, items.Count));
            }
            var seriesUids = new HashSet<string>(groups.Select(g => g.Uid), StringComparer.Ordinal);
            foreach (IGrouping<string, IcsEvent> orphan in exceptions.Where(g => !seriesUids.Contains(g.Key)))
            {
                items.Add(new IcsImportItem(orphan.Key, IcsImportAction.Failed, null, "Exceptions (RECURRENCE-ID) whose series is not in the file cannot be imported all-or-nothing.", orphan.First().Line));
            }
            if (items.Any(i => i.Action == IcsImportAction.Failed))
            {
                string because = "Nothing was imported: " + string.Join("; ", items.Where(i => i.Action == IcsImportAction.Failed).Take(3).Select(i => $"'{i.Uid}' (line {i.Line}): {i.Reason}"));
                return new IcsImportResult([.. items.Select(i => i.Action == IcsImportAction.Failed ? i : i with { Action = IcsImportAction.Failed, Reason = because, Bookings = [] })], [.. diagnostics]);
            }
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            items.AddRange(await session.SynchronizeAsync(cancellationToken).ConfigureAwait(false));
            return new IcsImportResult([.. items], [.. diagnostics]);
        }
    }
}
