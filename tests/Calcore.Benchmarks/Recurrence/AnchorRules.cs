using System.Collections.Generic;

namespace Calcore.Benchmarks.Recurrence;

/// <summary>The five anchor rules every recurrence benchmark expands (Calcore's own and the Ical.Net peer's).</summary>
public static class AnchorRules
{
    /// <summary>Gets the rules, without the <c>RRULE:</c> prefix.</summary>
    public static IEnumerable<string> All { get; } =
    [
        "FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=YEARLY;BYMONTH=1;BYDAY=SU,MO;BYSETPOS=1,-1",
        "FREQ=HOURLY;INTERVAL=3",
    ];
}
