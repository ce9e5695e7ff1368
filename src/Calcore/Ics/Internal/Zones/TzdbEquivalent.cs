using System;
using System.Collections.Concurrent;
using System.Linq;
using NodaTime;

namespace Calcore.Ics.Internal.Zones;

/// <summary>The tzdb zone that keeps the same offsets as a zone built from a file's VTIMEZONE, so an imported event can
/// be stored by a zone id every storage resolves.</summary>
/// <remarks>Work bound: at most every tzdb zone (about 600) against 146 sample instants, once per zone id and year per
/// process (cached). Thread-safe.</remarks>
internal static class TzdbEquivalent
{
    private static readonly ConcurrentDictionary<(string Id, int Year), DateTimeZone?> Cache = new();

    /// <summary>The zone itself when it is tzdb's; otherwise the tzdb zone whose offset equals the zone's at every
    /// sample instant (every 15 days) from a year before <paramref name="year"/> to five years after it, preferring one
    /// whose id ends like the zone's id, then the first by id; null when none does.</summary>
    internal static DateTimeZone? Find(DateTimeZone zone, int year)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Id) is { } known && ReferenceEquals(known, zone))
        {
            return zone;
        }
        return Cache.GetOrAdd((zone.Id, year), key =>
        {
            Instant from = Instant.FromUtc(Math.Max(1900, key.Year - 1), 1, 1, 0, 0);
            Instant[] samples = [.. Enumerable.Range(0, 146).Select(i => from + Duration.FromDays(15 * i))];
            Offset[] wanted = [.. samples.Select(zone.GetUtcOffset)];
            string tail = key.Id.Contains('/', StringComparison.Ordinal) ? key.Id[(key.Id.LastIndexOf('/') + 1)..] : key.Id;
            DateTimeZone? first = null;
            foreach (string id in DateTimeZoneProviders.Tzdb.Ids.Order(StringComparer.Ordinal))
            {
                DateTimeZone candidate = DateTimeZoneProviders.Tzdb[id];
                bool same = true;
                for (int i = 0; i < samples.Length && same; i++)
                {
                    same = candidate.GetUtcOffset(samples[i]) == wanted[i];
                }
                if (same)
                {
                    if (id.EndsWith(tail, StringComparison.OrdinalIgnoreCase))
                    {
                        return candidate;
                    }
                    first ??= candidate;
                }
            }
            return first;
        });
    }
}
