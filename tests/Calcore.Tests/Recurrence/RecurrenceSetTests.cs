using System.Collections.Generic;
using System.Linq;
using Calcore.Recurrence;
using NodaTime;
using NodaTime.Text;

namespace Calcore.Tests.Recurrence;

public partial class RecurrenceSetTests
{
    private static readonly LocalDateTimePattern Basic = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss");
    private static readonly InstantPattern BasicUtc = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];

    private static RecurrenceSet Set(params string[] lines) => RecurrenceSet.Parse(string.Join("\r\n", lines));

    private static List<string> Local(IEnumerable<Occurrence> occurrences) => occurrences.Select(o => Basic.Format(o.LocalStart)).ToList();

    private static List<string> Utc(IEnumerable<Occurrence> occurrences) => occurrences.Select(o => BasicUtc.Format(o.Start)).ToList();

    private static Instant At(string utc) => BasicUtc.Parse(utc).GetValueOrThrow();
}
