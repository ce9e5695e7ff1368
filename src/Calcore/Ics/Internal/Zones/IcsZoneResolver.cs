using System;
using System.Collections.Generic;
using NodaTime;
using NodaTime.TimeZones;

namespace Calcore.Ics.Internal.Zones;

/// <summary>
/// Turns a file's TZID values into time zones (issue #14, item 2): tzdb first, then Windows names, then Windows
/// display names, then the file's own VTIMEZONE; never UTC by default.
/// </summary>
/// <remarks>
/// <para>Order, for a TZID (trimmed, surrounding quotes removed):</para>
/// <list type="number">
/// <item>the exact tzdb id; then the tzdb id ignoring case; then the tail of a vendor path
/// (<c>/mozilla.org/20050126_1/Europe/Paris</c>, <c>/citadel.org/20190914_1/Europe/Paris</c>,
/// <c>/softwarestudio.org/Olson_20011030_5/America/New_York</c>, any <c>/…/</c> prefix) that is a tzdb id;</item>
/// <item>a Windows zone id (<c>W. Europe Standard Time</c>), through the CLDR mapping NodaTime ships
/// (<see cref="TzdbDateTimeZoneSource.WindowsMapping"/>, territory 001), case-insensitive;</item>
/// <item>a Windows display name as Outlook and Exchange write it (<c>(UTC+01:00) Amsterdam, Berlin, …</c>, or
/// <c>(GMT+01.00) Amsterdam / Berlin / …</c>), through <see cref="WindowsDisplayNames"/>;</item>
/// <item>the file's VTIMEZONE with that TZID, built as a <see cref="VTimeZoneZone"/>, with a warning;</item>
/// <item>otherwise null, with an error: the caller decides what to do with the time.</item>
/// </list>
/// <para><b>The file wins.</b> When a name resolves in steps 1–3 and the file also defines a VTIMEZONE with that TZID
/// whose offsets differ from the named zone's in the years compared (every onset of either zone in those years, and
/// the second before it), the file's definition is used and a warning says so: an explicit definition beats a guessed
/// name. The years compared are the ones the caller passes (the years of the file's events), by default 2010 to 2040
/// (producers describe the current rules only, often from a DTSTART of 1601 or 1970, so older years would differ for
/// no reason).</para>
/// <para>Results are cached per TZID; diagnostics are reported once per TZID, at the line of the first use. Not
/// thread-safe (one per read).</para>
/// </remarks>
internal sealed class IcsZoneResolver
{
    /// <summary>Windows zone id to tzdb id (CLDR, territory 001), ignoring case.</summary>
    private static readonly Dictionary<string, string> WindowsIds =
        new(TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping, StringComparer.OrdinalIgnoreCase);

    private readonly IDateTimeZoneProvider _provider;
    private readonly Action<IcsDiagnostic> _report;
    private readonly Dictionary<string, IcsComponent> _vtimezones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeZone?> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idsIgnoringCase;
    private readonly int _firstYear;
    private readonly int _lastYear;

    internal IcsZoneResolver(IDateTimeZoneProvider provider, IEnumerable<IcsComponent> vtimezones, Action<IcsDiagnostic> report,
        int firstYear = 2010, int lastYear = 2040)
    {
        _provider = provider;
        _report = report;
        _firstYear = Math.Clamp(Math.Min(firstYear, lastYear), 1, 9998);
        _lastYear = Math.Clamp(Math.Max(firstYear, lastYear), _firstYear, 9998);
        _idsIgnoringCase = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string id in provider.Ids)
        {
            _idsIgnoringCase.TryAdd(id, id);
        }
        foreach (IcsComponent c in vtimezones)
        {
            if (c.FindProperty("TZID")?.Value.Trim() is { Length: > 0 } tzid)
            {
                _vtimezones.TryAdd(tzid, c); // the first definition of a TZID counts
            }
        }
    }

    /// <summary>Resolves a TZID; null (with an error reported) when nothing defines it.</summary>
    /// <param name="tzid">The TZID parameter's value.</param>
    /// <param name="line">The line of the property that uses it, for diagnostics.</param>
    internal DateTimeZone? Resolve(string tzid, int line)
    {
        if (_cache.TryGetValue(tzid, out DateTimeZone? cached))
        {
            return cached;
        }
        DateTimeZone? zone = ResolveUncached(tzid, line);
        _cache[tzid] = zone;
        return zone;
    }

    private DateTimeZone? ResolveUncached(string tzid, int line)
    {
        DateTimeZone? named = FindByName(tzid, out string how);
        IcsComponent? vtimezone = FindVTimeZone(tzid);
        if (named is not null)
        {
            if (vtimezone is null)
            {
                return named;
            }
            VTimeZoneZone? own = VTimeZoneReader.Read(vtimezone, _report);
            if (own is null || AgreeOn(named, own))
            {
                return named;
            }
            _report(new IcsDiagnostic(IcsSeverity.Warning, line, 1,
                $"The time zone '{tzid}' is {how}, but the file's VTIMEZONE for it (line {vtimezone.Line}) has other offsets in {_firstYear}–{_lastYear}; the file's definition is used."));
            return own;
        }
        if (vtimezone is not null && VTimeZoneReader.Read(vtimezone, _report) is { } custom)
        {
            _report(new IcsDiagnostic(IcsSeverity.Warning, line, 1,
                $"The time zone name '{tzid}' is not recognised; the file's VTIMEZONE (line {vtimezone.Line}) defines it and is used."));
            return custom;
        }
        _report(new IcsDiagnostic(IcsSeverity.Error, line, 1,
            vtimezone is null ? $"Unknown time zone '{tzid}' and no VTIMEZONE defines it."
                : $"Unknown time zone '{tzid}' and its VTIMEZONE (line {vtimezone.Line}) cannot be used."));
        return null;
    }

    private IcsComponent? FindVTimeZone(string tzid)
    {
        if (_vtimezones.TryGetValue(tzid, out IcsComponent? c) || _vtimezones.TryGetValue(tzid.Trim(), out c))
        {
            return c;
        }
        return null;
    }

    /// <summary>Steps 1–3 of the order on the type.</summary>
    private DateTimeZone? FindByName(string tzid, out string how)
    {
        how = "a tzdb id";
        string name = Clean(tzid);
        if (name.Length == 0)
        {
            return null;
        }
        if (_provider.GetZoneOrNull(name) is { } exact)
        {
            return exact;
        }
        if (_idsIgnoringCase.TryGetValue(name, out string? id))
        {
            return _provider[id];
        }
        // A vendor path: the longest tail after a '/' that is a tzdb id.
        if (name.Contains('/', StringComparison.Ordinal))
        {
            for (int i = name.IndexOf('/', StringComparison.Ordinal); i >= 0 && i < name.Length - 1; i = name.IndexOf('/', i + 1))
            {
                string tail = name[(i + 1)..];
                if (_idsIgnoringCase.TryGetValue(tail, out id))
                {
                    how = "the tzdb id " + id;
                    return _provider[id];
                }
            }
        }
        if (FindWindows(name) is { } fromWindows)
        {
            how = "the Windows zone " + name;
            return fromWindows;
        }
        if (WindowsDisplayNames.FindWindowsId(name) is { } windowsId && FindWindows(windowsId) is { } fromDisplay)
        {
            how = "the Windows zone " + windowsId;
            return fromDisplay;
        }
        return null;
    }

    private DateTimeZone? FindWindows(string windowsId)
        => WindowsIds.TryGetValue(windowsId, out string? tzdbId) ? _provider.GetZoneOrNull(tzdbId) : null;

    private static string Clean(string tzid) => tzid.Trim().Trim('"', '\'').Trim();

    /// <summary>Whether two zones have the same offsets in the years compared: at every onset of either, and just
    /// before it (two step functions agree everywhere when they agree at and just before each step).</summary>
    private bool AgreeOn(DateTimeZone named, VTimeZoneZone own)
    {
        Instant start = Instant.FromUtc(_firstYear, 1, 1, 0, 0);
        Instant end = Instant.FromUtc(_lastYear + 1, 1, 1, 0, 0);
        // A VTIMEZONE defines nothing before its first onset (a writer may describe only the years it uses).
        if (own.GetZoneInterval(start) is { HasStart: false, HasEnd: true } initial && initial.End > start)
        {
            start = initial.End < end ? initial.End : end;
        }
        var instants = new List<Instant> { start };
        foreach (ZoneInterval zi in named.GetZoneIntervals(start, end))
        {
            if (zi.HasStart && zi.Start > start)
            {
                instants.Add(zi.Start);
            }
        }
        for (int year = _firstYear; year <= _lastYear; year++)
        {
            instants.AddRange(own.GetTransitionsInYear(year));
        }
        foreach (Instant t in instants)
        {
            if (named.GetUtcOffset(t) != own.GetUtcOffset(t))
            {
                return false;
            }
            Instant before = t - Duration.FromSeconds(1);
            if (before >= start && named.GetUtcOffset(before) != own.GetUtcOffset(before))
            {
                return false;
            }
        }
        return true;
    }
}
