using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Events.Internal;
using Calcore.Ics;
using Calcore.Ics.Internal.Zones;
using Calcore.Scheduling.Internal;
using Calcore.Storage;
using Calcore.Storage.Internal;
using NodaTime;

namespace Calcore;

public sealed partial class StorageManager
{
    /// <summary>One import: the people resolved so far (calendar address → attendee), the directory records it creates,
    /// and the UIDs it met. Work bound: the directory's records are read once (to match addresses); then each event
    /// costs its properties, its people, and one unit of work with the booking gate for its rooms and resources.</summary>
    /// <remarks>Not thread-safe; one per import call.</remarks>
    private sealed class ImportSession(StorageManager m, IcsImportOptions options, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, AttendeeId?> _byAddress = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _unknown = new(StringComparer.Ordinal);
        private readonly List<AttendeeRecord> _toCreate = [];
        private readonly HashSet<string> _uids = new(StringComparer.Ordinal);
        private bool _directoryRead;

        internal HashSet<AttendeeId> AllAttendees { get; } = [];

        /// <summary>Resolves every person of the events (the all-or-nothing mode locks them all up front).</summary>
        internal async Task ResolvePeopleAsync(IEnumerable<IcsEvent> events)
        {
            var notes = new List<string>();
            foreach (IcsEvent e in events)
            {
                foreach (IcsCalendarUser u in e.Attendees.Concat(e.Organizer is null ? [] : [e.Organizer]))
                {
                    if (await ResolveAsync(u, notes).ConfigureAwait(false) is { } id)
                    {
                        AllAttendees.Add(id);
                    }
                }
            }
        }

        /// <summary>Imports one series with its exceptions (or a single event) in its own unit of work.</summary>
        internal async Task<IcsImportItem> ImportGroupInOwnUnitAsync(IcsEvent e, List<IcsEvent> exceptions)
        {
            try
            {
                var locks = new HashSet<AttendeeId>();
                var notes = new List<string>();
                foreach (IcsCalendarUser u in exceptions.Prepend(e).SelectMany(x => x.Attendees.Concat(x.Organizer is null ? [] : [x.Organizer])))
                {
                    if (await ResolveAsync(u, notes).ConfigureAwait(false) is { } id)
                    {
                        locks.Add(id);
                    }
                }
                IStorageTransaction tx = await m.Storage.BeginTransactionAsync([.. locks], cancellationToken).ConfigureAwait(false);
                await using (tx.ConfigureAwait(false))
                {
                    IcsImportItem item = await ImportGroupAsync(tx, e, exceptions).ConfigureAwait(false);
                    if (item.Action is IcsImportAction.Created or IcsImportAction.Updated)
                    {
                        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                    return item;
                }
            }
            catch (ArgumentException ex)
            {
                return new IcsImportItem(e.Uid, IcsImportAction.Failed, null, ex.Message, e.Line);
            }
        }

        /// <summary>Imports one series with its exceptions (or a single event) inside a unit of work, without committing.</summary>
        internal async Task<IcsImportItem> ImportGroupAsync(IStorageTransaction tx, IcsEvent e, List<IcsEvent> exceptions)
        {
            _uids.Add(e.Uid);
            EventId id = ImportIdOf(e.Uid);
            var notes = new List<string>();
            try
            {
                (EventDetails details, List<Commitment> commitments, List<AttendeeId> gated) = await PeopleAsync(e, notes).ConfigureAwait(false);
                SeriesExpander.Validate(details, "calendar");
                foreach (AttendeeRecord r in _toCreate)
                {
                    await tx.UpsertAttendeeAsync(r, cancellationToken).ConfigureAwait(false);
                }
                _toCreate.Clear();
                Instant now = m.Clock.GetCurrentInstant();
                var bookings = new List<BookingDecision>();
                CalendarEvent? existing = await tx.FindEventAsync(id, cancellationToken).ConfigureAwait(false);
                if (existing is null)
                {
                    CalendarEvent created = CalendarEvent.CreateNew(id, details, [.. commitments], now);
                    created = created.WithCommitments(created.Commitments, [.. await OverridesAsync(created, exceptions, notes).ConfigureAwait(false)]);
                    if (gated.Count > 0)
                    {
                        (CalendarEvent? invited, IReadOnlyList<InvitationOutcome> outcomes) = await m._scheduler.InviteAsync(tx, created, gated, null, cancellationToken).ConfigureAwait(false);
                        created = invited is null ? created : CalendarEvent.CreateNew(id, details, invited.Commitments, now).WithCommitments(invited.Commitments, invited.Overrides);
                        bookings.AddRange(outcomes.Where(o => o.Decision is not null).Select(o => new BookingDecision(o.AttendeeId, null, o.Decision!)));
                    }
                    await tx.InsertEventAsync(created, m.SpanOf(created), cancellationToken).ConfigureAwait(false);
                    return Item(e, IcsImportAction.Created, id, notes, bookings);
                }
                if (existing.Uid != e.Uid)
                {
                    return Item(e, IcsImportAction.Failed, id, [$"The event id '{id}' belongs to an event with another UID ('{existing.Uid}')."], []);
                }
                if (existing.Details.Sequence > details.Sequence)
                {
                    return Item(e, IcsImportAction.Unchanged, id, [FormattableString.Invariant($"The stored event is a newer revision (SEQUENCE {existing.Details.Sequence} > {details.Sequence}).")], []);
                }
                // People already on the event keep their commitment (its id), with the file's answer; the gate keeps
                // answering for rooms and resources.
                var merged = new List<Commitment>();
                foreach (Commitment c in commitments)
                {
                    merged.Add(existing.FindCommitment(c.AttendeeId) is { } had ? had with { Status = c.Status, Role = c.Role } : c);
                }
                var newGated = new List<AttendeeId>();
                foreach (AttendeeId g in gated)
                {
                    if (existing.FindCommitment(g) is { } had)
                    {
                        merged.Add(had);
                    }
                    else
                    {
                        newGated.Add(g);
                    }
                }
                CalendarEvent candidate = existing.Next(details, [.. merged], [], now);
                candidate = candidate.WithCommitments(candidate.Commitments, [.. await OverridesAsync(candidate, exceptions, notes).ConfigureAwait(false)]);
                if (newGated.Count == 0 && SameContent(existing, candidate))
                {
                    return Item(e, IcsImportAction.Unchanged, id, notes, []);
                }
                (CalendarEvent next, IReadOnlyList<BookingDecision> rebooked) = await m._scheduler.RebookIfMovedAsync(tx, existing, candidate, cancellationToken).ConfigureAwait(false);
                bookings.AddRange(rebooked);
                if (newGated.Count > 0)
                {
                    (CalendarEvent? invited, IReadOnlyList<InvitationOutcome> outcomes) = await m._scheduler.InviteAsync(tx, next, newGated, null, cancellationToken).ConfigureAwait(false);
                    next = invited is null ? next : existing.Next(invited.Details, invited.Commitments, invited.Overrides, now);
                    bookings.AddRange(outcomes.Where(o => o.Decision is not null).Select(o => new BookingDecision(o.AttendeeId, null, o.Decision!)));
                }
                if (!await tx.ReplaceEventAsync(next, m.SpanOf(next), existing.Version, cancellationToken).ConfigureAwait(false))
                {
                    return Item(e, IcsImportAction.Failed, id, ["The stored event changed while it was imported."], []);
                }
                return Item(e, IcsImportAction.Updated, id, notes, bookings);
            }
            catch (ArgumentException ex)
            {
                return Item(e, IcsImportAction.Failed, id, [ex.Message], []);
            }
        }

        /// <summary>Exceptions whose series is not in the file (an invitation update for one instance): applied to the
        /// stored series with that UID, if there is one.</summary>
        internal async Task<IcsImportItem> ImportExceptionsOfStoredSeriesAsync(string uid, List<IcsEvent> exceptions)
        {
            EventId id = ImportIdOf(uid);
            var notes = new List<string>();
            IStorageTransaction tx = await m.Storage.BeginTransactionAsync([], cancellationToken).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                if (await tx.FindEventAsync(id, cancellationToken).ConfigureAwait(false) is not { IsRecurring: true } series || series.Uid != uid)
                {
                    return new IcsImportItem(uid, IcsImportAction.Failed, null, "Exceptions (RECURRENCE-ID) whose series is neither in the file nor stored.", exceptions[0].Line);
                }
                var overrides = series.Overrides.ToDictionary(o => o.OriginalStart);
                foreach (InstanceOverride o in await OverridesAsync(series, exceptions, notes).ConfigureAwait(false))
                {
                    overrides[o.OriginalStart] = o;
                }
                CalendarEvent candidate = series.Next(series.Details, series.Commitments, [.. overrides.Values], m.Clock.GetCurrentInstant());
                (CalendarEvent next, IReadOnlyList<BookingDecision> bookings) = await m._scheduler.RebookAsync(tx, candidate, cancellationToken).ConfigureAwait(false);
                if (!await tx.ReplaceEventAsync(next, m.SpanOf(next), series.Version, cancellationToken).ConfigureAwait(false))
                {
                    return new IcsImportItem(uid, IcsImportAction.Failed, id, "The stored series changed while it was imported.", exceptions[0].Line);
                }
                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new IcsImportItem(uid, IcsImportAction.Updated, id, notes.Count == 0 ? null : string.Join(" ", notes), exceptions[0].Line) { Bookings = bookings };
            }
        }

        /// <summary>Deletes the events of <see cref="IcsImportOptions.SynchronizeCalendarOf"/> whose UID the file did not hold.</summary>
        internal async Task<List<IcsImportItem>> SynchronizeAsync(CancellationToken token)
        {
            var items = new List<IcsImportItem>();
            if (options.SynchronizeCalendarOf is not { } owner)
            {
                return items;
            }
            foreach (CalendarEvent e in await m.Storage.QueryEventsAsync(new EventQuery { Attendee = owner }, token).ConfigureAwait(false))
            {
                if (!_uids.Contains(e.Uid))
                {
                    await m.DeleteEventAsync(e.Id, cancellationToken: token).ConfigureAwait(false);
                    items.Add(new IcsImportItem(e.Uid, IcsImportAction.Deleted, e.Id, "Not in the file.", 0));
                }
            }
            return items;
        }

        private static IcsImportItem Item(IcsEvent e, IcsImportAction action, EventId id, List<string> notes, List<BookingDecision> bookings)
            => new(e.Uid, action, id, notes.Count == 0 ? null : string.Join(" ", notes), e.Line) { Bookings = bookings };

        private async Task<(EventDetails Details, List<Commitment> Commitments, List<AttendeeId> Gated)> PeopleAsync(IcsEvent e, List<string> notes)
        {
            AttendeeId? organizerId = null;
            var commitments = new List<Commitment>();
            var gated = new List<AttendeeId>();
            var added = new HashSet<AttendeeId>();
            if (e.Organizer is { } o && await ResolveAsync(o, notes).ConfigureAwait(false) is { } oid)
            {
                Attendee? known = await m._directory.FindAsync(oid, cancellationToken).ConfigureAwait(false);
                if (known is not null && known.Type is CalendarUserType.Room or CalendarUserType.Resource)
                {
                    notes.Add($"The organizer '{o.Address}' is a {known.Type.ToString().ToLowerInvariant()} in the directory; a room or resource cannot organize, so the event has no organizer.");
                }
                else
                {
                    organizerId = oid;
                    commitments.Add(Commitment.CreateNew(oid, known?.Type ?? TypeOf(o), ParticipationStatus.Accepted) with { Role = ParticipationRole.Chair });
                    added.Add(oid);
                }
            }
            foreach (IcsCalendarUser a in e.Attendees)
            {
                if (await ResolveAsync(a, notes).ConfigureAwait(false) is not { } id || !added.Add(id))
                {
                    continue;
                }
                Attendee? known = await m._directory.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (known is not null && Scheduler.IsGated(known))
                {
                    // The file's PARTSTAT for a room is not trusted: the gate answers for it.
                    gated.Add(id);
                }
                else
                {
                    commitments.Add(Commitment.CreateNew(id, known?.Type ?? TypeOf(a), a.Status) with { Role = a.Role });
                }
            }
            return (Storable(e.Details, notes) with { OrganizerId = organizerId, Uid = e.Uid, Sequence = e.Sequence }, commitments, gated);
        }

        /// <summary>Details whose zone every storage can keep: a zone the file defined itself (VTIMEZONE with a name tzdb
        /// does not know) becomes the tzdb zone with the same offsets, or, when none has them, the times are stored in
        /// UTC; both with a note.</summary>
        private static EventDetails Storable(EventDetails d, List<string> notes)
        {
            if (d.Timing.IsAllDay || d.Timing.Zone is not { } zone)
            {
                return d;
            }
            DateTimeZone? tzdb = TzdbEquivalent.Find(zone, d.Timing.Start.Year);
            if (ReferenceEquals(tzdb, zone))
            {
                return d;
            }
            if (tzdb is null)
            {
                notes.Add($"No tzdb zone has the offsets of the file's zone '{zone.Id}'; the times are stored in UTC.");
                LocalDateTime utc = d.Timing.Start.InZoneLeniently(zone).ToInstant().InUtc().LocalDateTime;
                return d with { Timing = EventTiming.Timed(utc, DateTimeZone.Utc, d.Timing.Duration) };
            }
            notes.Add($"The file's zone '{zone.Id}' is stored as tzdb's '{tzdb.Id}' (the same offsets).");
            return d with { Timing = EventTiming.Timed(d.Timing.Start, tzdb, d.Timing.Duration) };
        }

        private static CalendarUserType TypeOf(IcsCalendarUser u) => u.Type == CalendarUserType.Group ? CalendarUserType.Group : CalendarUserType.Individual;

        /// <summary>The attendee a calendar address names: a Calcore URN gives its id; otherwise the directory's record
        /// with that address, or the attendee whose id is the e-mail address; an unknown one is created (individuals and
        /// groups, when the options say so) or left off with a note.</summary>
        private async Task<AttendeeId?> ResolveAsync(IcsCalendarUser u, List<string> notes)
        {
            string address = u.Address;
            if (address.StartsWith(AttendeeUrn, StringComparison.OrdinalIgnoreCase))
            {
                return new AttendeeId(Uri.UnescapeDataString(address[AttendeeUrn.Length..]));
            }
            string key = u.Email ?? address.ToLowerInvariant();
            if (key.Length == 0)
            {
                return null;
            }
            if (_byAddress.TryGetValue(key, out AttendeeId? found))
            {
                if (found is null)
                {
                    notes.Add(_unknown[key]);
                }
                return found;
            }
            if (!_directoryRead)
            {
                _directoryRead = true;
                foreach (AttendeeRecord r in await m.Storage.GetAttendeesAsync(null, cancellationToken).ConfigureAwait(false))
                {
                    if (r.Address is { } a && a.Length > 7)
                    {
                        _byAddress.TryAdd(a[7..].ToLowerInvariant(), r.Id);
                    }
                }
                if (_byAddress.TryGetValue(key, out found))
                {
                    return found;
                }
            }
            if (await m._directory.FindAsync(new AttendeeId(key), cancellationToken).ConfigureAwait(false) is { } byId)
            {
                _byAddress[key] = byId.Id;
                return byId.Id;
            }
            if (options.UnknownAttendees == IcsUnknownAttendees.Create && u.Type is not (CalendarUserType.Room or CalendarUserType.Resource))
            {
                var record = new AttendeeRecord(new AttendeeId(key), TypeOf(u), u.CommonName ?? key)
                {
                    Address = u.Email is not null && AttendeeRecord.IsCalendarAddress("mailto:" + u.Email) ? "mailto:" + u.Email : null,
                };
                _toCreate.Add(record);
                _byAddress[key] = record.Id;
                return record.Id;
            }
            _byAddress[key] = null;
            _unknown[key] = u.Type is CalendarUserType.Room or CalendarUserType.Resource
                ? $"The {u.Type.ToString().ToLowerInvariant()} '{address}' is not in the attendee directory (an import never creates rooms or resources); left off."
                : $"'{address}' is not in the attendee directory; left off.";
            notes.Add(_unknown[key]);
            return null;
        }

        /// <summary>The overrides the exceptions make to a series: only what differs from the instance the series gives.</summary>
        private async Task<List<InstanceOverride>> OverridesAsync(CalendarEvent series, List<IcsEvent> exceptions, List<string> notes)
        {
            var overrides = new List<InstanceOverride>();
            if (!series.IsRecurring)
            {
                if (exceptions.Count > 0)
                {
                    notes.Add($"{exceptions.Count} exception(s) (RECURRENCE-ID) of an event that does not recur were skipped.");
                }
                return overrides;
            }
            foreach (IcsEvent x in exceptions.OrderBy(x => x.RecurrenceId))
            {
                OriginalStart key = x.RecurrenceId!.Value;
                if (!key.IsDate && !series.Timing.IsAllDay && series.Timing.Zone is null)
                {
                    // A floating series' instances are keyed by their wall time in the engine's zone.
                    key = OriginalStart.FromInstant(key.Instant.InUtc().LocalDateTime.InZoneLeniently(m.Zone).ToInstant());
                }
                if (x.ThisAndFuture)
                {
                    notes.Add($"The exception at {key} has RANGE=THISANDFUTURE; it was applied to that instance only (use UpdateFollowingAsync for the rest).");
                }
                if (StoredSeries.FindSlot(series, key, m.Zone) is not { } slot)
                {
                    notes.Add($"The exception at {key} matches no instance of the series; skipped.");
                    continue;
                }
                CalendarEvent instance = SeriesExpander.Instance(series, slot with { Override = null });
                EventDetails d = Storable(x.Details, notes);
                EventDetails s = instance.Details;
                var o = new InstanceOverride(key)
                {
                    IsCancelled = d.Status == EventStatus.Cancelled,
                    Title = d.Title != s.Title ? d.Title : null,
                    Description = d.Description != s.Description ? d.Description : null,
                    Location = d.Location != s.Location ? d.Location : null,
                    Timing = d.Timing.Equals(s.Timing) ? null : d.Timing,
                    Status = d.Status != s.Status && d.Status != EventStatus.Cancelled ? d.Status : null,
                    Transparency = d.Transparency != s.Transparency ? d.Transparency : null,
                    AccessClass = d.AccessClass != s.AccessClass ? d.AccessClass : null,
                };
                foreach (IcsCalendarUser a in x.Attendees)
                {
                    if (await ResolveAsync(a, []).ConfigureAwait(false) is not { } id || series.FindCommitment(id) is not { } had || had.Status == a.Status)
                    {
                        continue;
                    }
                    if (await m._directory.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } known && Scheduler.IsGated(known))
                    {
                        continue; // The gate answers for rooms and resources, per instance too.
                    }
                    o = SeriesEditor.WithAnswer(o, id, a.Status);
                }
                if (!o.IsEmpty)
                {
                    overrides.Add(o);
                }
            }
            return overrides;
        }

        private static bool SameContent(CalendarEvent a, CalendarEvent b)
            => a.Details.Equals(b.Details)
                && Canonical(a.Commitments.Select(c => $"{c.AttendeeId}|{c.Status}|{c.Role}")) == Canonical(b.Commitments.Select(c => $"{c.AttendeeId}|{c.Status}|{c.Role}"))
                && Canonical(a.Overrides.Select(OverrideText)) == Canonical(b.Overrides.Select(OverrideText));

        private static string Canonical(IEnumerable<string> items) => string.Join("\n", items.Order(StringComparer.Ordinal));

        private static string OverrideText(InstanceOverride o)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{o.OriginalStart}|{o.IsCancelled}|{o.Title}|{o.Description}|{o.Location}|{o.Timing}|{o.Status}|{o.Transparency}|{o.AccessClass}");
            foreach ((AttendeeId id, ParticipationStatus status) in o.Participation.OrderBy(p => p.Key))
            {
                text.Append(CultureInfo.InvariantCulture, $"|{id}={status}");
            }
            return text.ToString();
        }
    }
}
