using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using NodaTime;

namespace Calcore.Benchmarks.Ics;

/// <summary>
/// How many of each thing a generated calendar holds: VEVENTs in all, recurring series among them, overrides
/// (RECURRENCE-ID exceptions of those series) among them, and ATTENDEE lines in all (rooms included).
/// </summary>
/// <param name="Events">The VEVENTs in all: single events, series and overrides.</param>
/// <param name="Series">The VEVENTs with an RRULE.</param>
/// <param name="Overrides">The VEVENTs with a RECURRENCE-ID, each an instance of one of the series.</param>
/// <param name="Attendees">The ATTENDEE lines in all.</param>
public sealed record IcsCorpusShape(int Events, int Series, int Overrides, int Attendees)
{
    /// <summary>Gets the shape issue #14 measured Ical.Net on: 10,000 VEVENTs, 1,527 series, 490 overrides, 46,772 attendees (~18.8 MB).</summary>
    public static IcsCorpusShape Issue14 { get; } = new(10_000, 1_527, 490, 46_772);

    /// <summary>Gets the 100 MB shape for the import-memory target: <see cref="Issue14"/> × 5.3.</summary>
    public static IcsCorpusShape Import100MB { get; } = Issue14.Scale(5.3);

    /// <summary>Gets the shape the benchmarks use in this process: <see cref="Issue14"/>, or 500 events of the same
    /// proportions in a smoke pass (<c>CALCORE_BENCH_SMOKE=1</c>).</summary>
    public static IcsCorpusShape ForRun { get; } =
        Issue14.Scale(BenchmarkScale.Of(Issue14.Events, 500) / (double)Issue14.Events);

    /// <summary>The same proportions, <paramref name="factor"/> times as many of everything.</summary>
    /// <param name="factor">The factor (positive).</param>
    /// <returns>The shape.</returns>
    public IcsCorpusShape Scale(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        static int Of(int n, double f) => (int)Math.Round(n * f, MidpointRounding.AwayFromZero);
        return new(Of(Events, factor), Of(Series, factor), Of(Overrides, factor), Of(Attendees, factor));
    }
}

/// <summary>What a generated calendar turned out to hold, counted as it was written.</summary>
public sealed class IcsCorpusStats
{
    /// <summary>Gets or sets the VEVENTs.</summary>
    public int Events { get; set; }

    /// <summary>Gets or sets the VEVENTs with an RRULE.</summary>
    public int Series { get; set; }

    /// <summary>Gets or sets the VEVENTs with a RECURRENCE-ID.</summary>
    public int Overrides { get; set; }

    /// <summary>Gets or sets the single (non-recurring, non-override) VEVENTs.</summary>
    public int Singles { get; set; }

    /// <summary>Gets or sets the all-day VEVENTs (DTSTART;VALUE=DATE).</summary>
    public int AllDay { get; set; }

    /// <summary>Gets or sets the ATTENDEE lines.</summary>
    public int Attendees { get; set; }

    /// <summary>Gets or sets the ATTENDEE lines with CUTYPE=ROOM.</summary>
    public int Rooms { get; set; }

    /// <summary>Gets or sets the series with an EXDATE.</summary>
    public int ExDates { get; set; }

    /// <summary>Gets or sets the VALARMs.</summary>
    public int Alarms { get; set; }

    /// <summary>Gets or sets the VTIMEZONEs.</summary>
    public int TimeZones { get; set; }

    /// <summary>Gets or sets the VEVENTs per zone of DTSTART ("UTC" for Z times, "date" for all-day).</summary>
    public SortedDictionary<string, int> Zones { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the content lines (unfolded).</summary>
    public int ContentLines { get; set; }

    /// <summary>Gets or sets the physical lines (after folding).</summary>
    public int PhysicalLines { get; set; }

    /// <summary>Gets or sets the content lines that were folded.</summary>
    public int FoldedLines { get; set; }

    /// <summary>Gets or sets the content lines holding a non-ASCII character.</summary>
    public int NonAsciiLines { get; set; }

    /// <summary>Gets or sets the size in UTF-8 octets, CRLFs included.</summary>
    public long Octets { get; set; }

    /// <summary>Gets the size in megabytes (10^6 octets).</summary>
    public double Megabytes => Octets / 1e6;

    /// <summary>A one-line summary for the run log.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var zones = new StringBuilder();
        foreach (var (zone, count) in Zones)
        {
            zones.Append(zones.Length == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"{zone} {count:N0}");
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{Events:N0} VEVENTs ({Singles:N0} single, {Series:N0} series of which {ExDates:N0} with EXDATE, {Overrides:N0} overrides; "
            + $"{AllDay:N0} all-day), {Attendees:N0} ATTENDEE lines ({Attendees / (double)Events:F2} per event, {Rooms:N0} rooms), "
            + $"{Alarms:N0} VALARMs, {TimeZones} VTIMEZONEs; zones of DTSTART: {zones}; {ContentLines:N0} content lines "
            + $"({FoldedLines:N0} folded, {NonAsciiLines:N0} with non-ASCII text) in {PhysicalLines:N0} physical lines; "
            + $"{Octets:N0} octets = {Megabytes:F2} MB ({Octets / 1048576.0:F2} MiB)");
    }
}

/// <summary>
/// A deterministic generator of a large iCalendar file in the shape issue #14 measured Ical.Net on: a mix of
/// Google-, Outlook- and Apple-shaped VEVENTs with ORGANIZER and ATTENDEE lines (CN, ROLE, PARTSTAT, RSVP, CUTYPE,
/// rooms as CUTYPE=ROOM), weekly/daily/monthly series with COUNT, UNTIL or no end, some with EXDATE, overrides
/// (RECURRENCE-ID, next to their series), all-day events, VALARMs, X- properties and parameters, DESCRIPTION text
/// with escaped commas, semicolons and newlines and some non-ASCII (accents, CJK, an emoji), times in four
/// VTIMEZONEs (Europe/Paris, America/New_York, Asia/Tokyo, and Outlook's "W. Europe Standard Time") or UTC; CRLF,
/// lines folded at 75 octets without splitting a UTF-8 character.
/// </summary>
/// <remarks>
/// The output depends only on the shape: the random numbers come from a fixed-seed SplitMix64 defined here, not from
/// <see cref="Random"/>, and all text is formatted with the invariant culture. The counts of
/// <see cref="IcsCorpusShape"/> are met exactly; the size follows from them (~1,880 octets per VEVENT). The text is
/// written line by line to a <see cref="TextWriter"/>, so <see cref="WriteFile"/> never holds the file in memory.
/// Not thread-safe per call (each call has its own state); calls on different threads are independent.
/// </remarks>
public static class IcsCorpus
{
    /// <summary>The seed of every generated calendar.</summary>
    public const ulong Seed = 14;

    private const int People = 2_400;
    private const int MaxOverridesPerSeries = 6;

    private static readonly LocalDate FirstDay = new(2025, 1, 6);

    private static readonly string[] Given =
    [
        "Anna", "Bernard", "Chloé", "Dmitri", "Émilie", "Farid", "Grete", "Hiroshi", "Inès", "Jürgen", "Kenji", "Léa",
        "Marta", "Noël", "Olga", "Pedro", "Quentin", "Renée", "Søren", "Tomás", "Ulrike", "Valérie", "Wei", "Xavier",
        "Yūko", "Zoë", "Alice", "Ben", "Carla", "David", "Elena", "Frank", "Gabriel", "Hannah", "Ian", "Julia",
        "Karim", "Laura", "Mohamed", "Nina", "Oscar", "Paula", "Rafael", "Sara", "Thomas", "Ute", "Victor", "Yasmin",
    ];

    private static readonly string[] Surname =
    [
        "Martin", "Müller", "Dubois", "Smith", "García", "Nakamura", "O'Brien", "Kowalski", "Johansson", "Rossi",
        "Dupont", "Tanaka", "Schäfer", "Lefèvre", "Novák", "Brown", "Suzuki", "Fernández", "Weiß", "Nguyen", "Bernard",
        "Moreau", "Schmidt", "Jones", "Williams", "Sato", "Petit", "Fischer", "Ito", "López", "Meyer", "Wagner",
        "Durand", "Taylor", "Kim", "Chen", "Yamamoto", "Ålund", "Çelik", "Þórsson",
    ];

    private static readonly string[] Triggers = ["5M", "10M", "15M", "30M", "1H"];

    private static readonly int[] Minutes = [15, 30, 30, 45, 60, 60, 60, 90, 120];

    private static readonly string[] Domains = ["example.com", "corp.example", "mail.example.org", "partner.example.net"];

    private static readonly string[] Rooms =
    [
        "Salle Rivoli (12)", "Salle Opéra (8)", "Room 4.12 – Harbour", "Room 2.01 Board", "会議室 A (6)", "会議室 B (10)",
        "NY-22-Hudson", "NY-23-Chelsea (20)", "Besprechungsraum Spree", "Raum Große Freiheit", "Focus pod 3",
        "Auditorium", "Lab 1, east wing", "Tokyo-7F-Sakura", "Paris-3-Montmartre", "Berlin-5-Tiergarten",
    ];

    private static readonly string[] Topics =
    [
        "Weekly sync", "Sprint planning", "Design review", "1:1", "Quarterly business review", "Customer call – ACME",
        "Réunion d'équipe", "Team-Besprechung", "定例会議", "Roadmap; Q3 priorities", "Interview: backend engineer",
        "Budget, forecast and hiring", "Incident post-mortem", "Architecture council", "Lunch & learn", "Onboarding",
        "Release go/no-go", "Board prep", "Vendor demo", "All hands", "Stand-up", "Retro", "Offsite planning",
    ];

    private static readonly string[] Locations =
    [
        "Microsoft Teams Meeting", "https://meet.example.com/abc-defg-hij", "Zoom", "Paris, 12 rue de Rivoli",
        "New York, 5th Avenue; floor 22", "東京都千代田区", "Berlin, Friedrichstraße 43", "Room 4.12 – Harbour", "",
    ];

    private static readonly string[] Sentences =
    [
        "Hi all, please find the agenda below.",
        "Agenda: 1) status, 2) risks, 3) next steps; questions welcome.",
        "Bonjour à tous, voici l'ordre du jour : point d'avancement, budget, prochaines étapes.",
        "Bitte bereitet eure Zahlen vor; wir gehen die Übersicht gemeinsam durch.",
        "資料は事前に共有します。よろしくお願いします。",
        "Notes from last time: action items A, B and C are done; D is blocked on legal.",
        "If you cannot attend, please send a delegate, or reply with your update by e-mail.",
        "Dial-in: +1 555-0100,,123456# (US), +33 1 55 00 01 00,,123456# (FR).",
        "Join on your computer, mobile app or room device: https://meet.example.com/j/1234567890?pwd=abcDEF",
        "Meeting ID: 123 456 7890; Passcode: 98xY7z",
        "Please review the attached document \"Plan, v3\" before the meeting.",
        "We'll cover: hiring, the office move (Lyon → Paris), and the Q3 roadmap.",
        "Reminder: the room has changed, see the location field.",
        "📅 Added by the booking system; do not edit by hand.",
        "Learn more about Teams | Meeting options | Help",
        "Recording will be available afterwards; slides to follow.",
        "Café et croissants offerts; merci de confirmer votre présence.",
        "Ziel: Entscheidung über die Architektur, Risiken, Zeitplan.",
    ];

    private static readonly string[] TeamsFooter =
    [
        "________________________________________________________________________________",
        "Microsoft Teams meeting",
        "Join on your computer, mobile app or room device",
        "Click here to join the meeting<https://teams.example.com/l/meetup-join/19%3ameeting_NjQ2ZTc4YjUtZDk3Zi00>",
        "Meeting ID: 312 845 987 654",
        "Passcode: Xq7bPz",
        "Download Teams<https://www.example.com/teams> | Join on the web<https://www.example.com/teams/join>",
        "Or call in (audio only)",
        "+33 1 70 00 00 00,,845123987#   France, Paris",
        "Phone Conference ID: 845 123 987#",
        "Find a local number<https://dialin.teams.example.com/> | Reset PIN<https://mysettings.example.com/pin>",
        "Learn More<https://aka.example.com/JoinTeamsMeeting> | Meeting options<https://teams.example.com/options/>",
        "________________________________________________________________________________",
    ];

    /// <summary>A zone used in the file: its TZID, its NodaTime zone (for UNTIL in UTC) and its VTIMEZONE lines.</summary>
    private sealed record Zone(string Tzid, string TzdbId, string[] VTimeZone);

    private static readonly Zone[] Zones =
    [
        new("Europe/Paris", "Europe/Paris",
        [
            "BEGIN:VTIMEZONE", "TZID:Europe/Paris", "X-LIC-LOCATION:Europe/Paris",
            "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
            "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
        ]),
        new("America/New_York", "America/New_York",
        [
            "BEGIN:VTIMEZONE", "TZID:America/New_York", "X-LIC-LOCATION:America/New_York",
            "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "DTSTART:19700308T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
            "BEGIN:STANDARD", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST", "DTSTART:19701101T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD", "END:VTIMEZONE",
        ]),
        new("Asia/Tokyo", "Asia/Tokyo",
        [
            "BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "X-LIC-LOCATION:Asia/Tokyo",
            "BEGIN:STANDARD", "TZOFFSETFROM:+0900", "TZOFFSETTO:+0900", "TZNAME:JST", "DTSTART:19700101T000000",
            "END:STANDARD", "END:VTIMEZONE",
        ]),
        new("W. Europe Standard Time", "Europe/Berlin",
        [
            "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
            "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
            "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE",
        ]),
    ];

    /// <summary>Generates the calendar into a string.</summary>
    /// <param name="shape">The counts to meet.</param>
    /// <returns>The text (CRLF line ends) and what it holds.</returns>
    public static (string Text, IcsCorpusStats Stats) Build(IcsCorpusShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        // ~1,900 UTF-16 chars per event: sized once, no regrowth.
        using var writer = new StringWriter(new StringBuilder(checked((int)Math.Min(int.MaxValue / 2, shape.Events * 1_950L + 8_192))), CultureInfo.InvariantCulture);
        IcsCorpusStats stats = Write(writer, shape);
        return (writer.ToString(), stats);
    }

    /// <summary>Counts what the calendar of a shape would hold without keeping its text.</summary>
    /// <param name="shape">The counts to meet.</param>
    /// <returns>What it holds, the size in octets included.</returns>
    public static IcsCorpusStats Measure(IcsCorpusShape shape) => Write(TextWriter.Null, shape);

    /// <summary>Streams the calendar to a file (UTF-8 without BOM), line by line.</summary>
    /// <param name="path">The file; replaced if it exists.</param>
    /// <param name="shape">The counts to meet.</param>
    /// <returns>What it holds.</returns>
    public static IcsCorpusStats WriteFile(string path, IcsCorpusShape shape)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        return Write(writer, shape);
    }

    /// <summary>Streams the 100 MB calendar (<see cref="IcsCorpusShape.Import100MB"/>) to a new temporary file.</summary>
    /// <returns>The file's path (the caller deletes it) and what it holds.</returns>
    public static (string Path, IcsCorpusStats Stats) WriteImportFile()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"calcore-ics-100mb-{Guid.NewGuid():N}.ics");
        return (path, WriteFile(path, IcsCorpusShape.Import100MB));
    }

    /// <summary>Writes the calendar of a shape.</summary>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="shape">The counts to meet.</param>
    /// <returns>What was written.</returns>
    public static IcsCorpusStats Write(TextWriter writer, IcsCorpusShape shape)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(shape);
        int singles = shape.Events - shape.Series - shape.Overrides;
        if (shape.Series < 0 || shape.Overrides < 0 || singles < 0 || (shape.Overrides > 0 && shape.Series == 0)
            || shape.Overrides > (long)shape.Series * MaxOverridesPerSeries
            || shape.Attendees < shape.Events || shape.Attendees > shape.Events * 12L)
        {
            throw new ArgumentException($"The shape {shape} cannot be generated.", nameof(shape));
        }
        return new Generator(writer, shape).Run();
    }

    /// <summary>SplitMix64: small, fast and the same on every runtime.</summary>
    private sealed class Rng(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextULong()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>A number in [0, <paramref name="n"/>).</summary>
        public int Next(int n) => (int)(NextULong() % (ulong)n);

        /// <summary>True with probability <paramref name="percent"/>/100.</summary>
        public bool Chance(int percent) => Next(100) < percent;

        public T Pick<T>(T[] items) => items[Next(items.Length)];
    }

    private sealed record Person(string Cn, string Email);

    /// <summary>A series' rule, as far as an instance's date is concerned.</summary>
    private enum RuleKind
    {
        Daily,
        Weekly,
        BiWeekly,
        MonWedFri,
        Monthly,
    }

    private sealed class Generator
    {
        private readonly TextWriter _out;
        private readonly IcsCorpusShape _shape;
        private readonly Rng _rng = new(Seed);
        private readonly IcsCorpusStats _stats = new();
        private readonly StringBuilder _line = new(4096);
        private readonly Person[] _people;
        private readonly int[] _attendees;
        private int _emitted;

        public Generator(TextWriter output, IcsCorpusShape shape)
        {
            _out = output;
            _shape = shape;
            _people = new Person[People];
            for (int i = 0; i < People; i++)
            {
                string given = _rng.Pick(Given);
                string surname = _rng.Pick(Surname);
                string cn = _rng.Chance(40) ? $"{surname}, {given}" : $"{given} {surname}";
                string email = $"{Ascii(given)}.{Ascii(surname)}{(i >= 1000 ? i.ToString(CultureInfo.InvariantCulture) : "")}@{_rng.Pick(Domains)}";
                _people[i] = new Person(cn, email);
            }
            _attendees = AttendeeCounts(shape.Events, shape.Attendees);
        }

        public IcsCorpusStats Run()
        {
            Line("BEGIN:VCALENDAR");
            Line("PRODID:-//Calcore//Benchmark corpus (issue 14)//EN");
            Line("VERSION:2.0");
            Line("CALSCALE:GREGORIAN");
            Line("METHOD:PUBLISH");
            Line("X-WR-CALNAME:Calcore benchmark – 10k events, Réunions, 会議");
            Line("X-WR-TIMEZONE:Europe/Paris");
            foreach (Zone zone in Zones)
            {
                foreach (string line in zone.VTimeZone)
                {
                    Line(line);
                }
                _stats.TimeZones++;
            }

            // Units: each series followed by its overrides, and the single events, shuffled together.
            int singles = _shape.Events - _shape.Series - _shape.Overrides;
            int[] overrides = new int[_shape.Series];
            for (int o = 0; o < _shape.Overrides; o++)
            {
                int s;
                do
                {
                    s = _rng.Next(_shape.Series);
                }
                while (overrides[s] == MaxOverridesPerSeries);
                overrides[s]++;
            }
            int[] units = new int[_shape.Series + singles];
            for (int i = 0; i < units.Length; i++)
            {
                units[i] = i < _shape.Series ? i : -1;
            }
            for (int i = units.Length - 1; i > 0; i--)
            {
                int j = _rng.Next(i + 1);
                (units[i], units[j]) = (units[j], units[i]);
            }
            foreach (int unit in units)
            {
                if (unit < 0)
                {
                    SingleEvent();
                }
                else
                {
                    SeriesWithOverrides(overrides[unit]);
                }
            }
            Line("END:VCALENDAR");
            _out.Flush();
            if (_stats.Events != _shape.Events || _stats.Series != _shape.Series || _stats.Overrides != _shape.Overrides
                || _stats.Attendees != _shape.Attendees)
            {
                throw new InvalidOperationException($"The generator wrote {_stats}, not the shape {_shape}.");
            }
            return _stats;
        }

        /// <summary>Each event's attendee count: 1 to 8 at random, then moved one at a time until the total is exact.</summary>
        private int[] AttendeeCounts(int events, int total)
        {
            int[] counts = new int[events];
            long sum = 0;
            for (int i = 0; i < events; i++)
            {
                counts[i] = 1 + _rng.Next(8);
                sum += counts[i];
            }
            while (sum != total)
            {
                int i = _rng.Next(events);
                if (sum < total && counts[i] < 12)
                {
                    counts[i]++;
                    sum++;
                }
                else if (sum > total && counts[i] > 1)
                {
                    counts[i]--;
                    sum--;
                }
            }
            return counts;
        }

        private void SingleEvent()
        {
            var flavor = (Flavor)_rng.Next(3);
            bool allDay = _rng.Chance(6);
            Zone? zone = allDay ? null : PickZone();
            LocalDateTime start = RandomStart(allDay);
            Period length = allDay ? Period.FromDays(1 + (_rng.Chance(80) ? 0 : _rng.Next(3))) : RandomLength();
            string uid = Uid(flavor);
            BeginEvent(flavor, uid, sequence: _rng.Next(3));
            Times(zone, start, start + length, allDay);
            _stats.Singles++;
            EventBody(flavor, summarySuffix: "");
            EndEvent();
        }

        private void SeriesWithOverrides(int overrideCount)
        {
            var flavor = (Flavor)_rng.Next(3);
            bool allDay = _rng.Chance(4);
            Zone? zone = allDay ? null : PickZone();
            var kind = (RuleKind)_rng.Next(5);
            LocalDateTime start = RandomStart(allDay);
            if (kind == RuleKind.MonWedFri)
            {
                start = start.Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).At(start.TimeOfDay);
            }
            if (kind == RuleKind.Monthly && start.Day > 28)
            {
                start = start.PlusDays(-3);
            }
            Period length = allDay ? Period.FromDays(1) : RandomLength();
            string uid = Uid(flavor);
            int count = 24 + _rng.Next(100);
            int end = _rng.Next(3); // 0: COUNT, 1: UNTIL, 2: no end

            BeginEvent(flavor, uid, sequence: _rng.Next(3));
            Times(zone, start, start + length, allDay);
            string rule = kind switch
            {
                RuleKind.Daily => "FREQ=DAILY",
                RuleKind.Weekly => "FREQ=WEEKLY;BYDAY=" + Day(start.DayOfWeek),
                RuleKind.BiWeekly => "FREQ=WEEKLY;INTERVAL=2;BYDAY=" + Day(start.DayOfWeek),
                RuleKind.MonWedFri => "FREQ=WEEKLY;BYDAY=MO,WE,FR",
                _ => "FREQ=MONTHLY;BYMONTHDAY=" + start.Day.ToString(CultureInfo.InvariantCulture),
            };
            if (flavor == Flavor.Outlook && kind != RuleKind.Daily)
            {
                rule += ";WKST=SU";
            }
            rule += end switch
            {
                0 => ";COUNT=" + count.ToString(CultureInfo.InvariantCulture),
                1 => ";UNTIL=" + Until(zone, Instance(kind, start, count - 1), allDay),
                _ => "",
            };
            Line("RRULE:" + rule);
            _stats.Series++;
            if (_rng.Chance(20))
            {
                // Instances 1 and 2 only: the overrides take instances 3 and later.
                Line("EXDATE" + Time(zone, Instance(kind, start, 1 + _rng.Next(2)), allDay));
                _stats.ExDates++;
            }
            EventBody(flavor, summarySuffix: "");
            EndEvent();

            for (int c = 0; c < overrideCount; c++)
            {
                LocalDateTime original = Instance(kind, start, 3 + (3 * c) + _rng.Next(3));
                LocalDateTime moved = allDay ? original : original.PlusHours(_rng.Next(3) - 1);
                BeginEvent(flavor, uid, sequence: 1 + _rng.Next(3));
                Line("RECURRENCE-ID" + Time(zone, original, allDay));
                Times(zone, moved, moved + length, allDay);
                _stats.Overrides++;
                EventBody(flavor, summarySuffix: _rng.Chance(50) ? " (moved)" : "");
                EndEvent();
            }
        }

        private static LocalDateTime Instance(RuleKind kind, LocalDateTime start, int k) => kind switch
        {
            RuleKind.Daily => start.PlusDays(k),
            RuleKind.Weekly => start.PlusWeeks(k),
            RuleKind.BiWeekly => start.PlusWeeks(2 * k),
            RuleKind.MonWedFri => start.PlusWeeks(k / 3).PlusDays(2 * (k % 3)),
            _ => start.PlusMonths(k),
        };

        private enum Flavor
        {
            Google,
            Outlook,
            Apple,
        }

        private void BeginEvent(Flavor flavor, string uid, int sequence)
        {
            Line("BEGIN:VEVENT");
            _stats.Events++;
            Line("UID:" + uid);
            Line("DTSTAMP:" + UtcStamp(RandomStamp()));
            if (flavor != Flavor.Apple)
            {
                Line("CREATED:" + UtcStamp(RandomStamp()));
            }
            Line("LAST-MODIFIED:" + UtcStamp(RandomStamp()));
            Line("SEQUENCE:" + sequence.ToString(CultureInfo.InvariantCulture));
        }

        private void EventBody(Flavor flavor, string summarySuffix)
        {
            int attendees = _attendees[_emitted++];
            Person organizer = _rng.Pick(_people);
            Line("SUMMARY:" + Escape(_rng.Pick(Topics) + summarySuffix));
            string location = _rng.Pick(Locations);
            bool room = _rng.Chance(14);
            string roomName = _rng.Pick(Rooms);
            if (room)
            {
                location = roomName;
            }
            if (location.Length > 0)
            {
                Line("LOCATION:" + Escape(location));
            }
            Line("STATUS:" + (_rng.Chance(95) ? "CONFIRMED" : "TENTATIVE"));
            Line("TRANSP:" + (_rng.Chance(85) ? "OPAQUE" : "TRANSPARENT"));
            if (_rng.Chance(30))
            {
                Line("CLASS:" + (_rng.Chance(70) ? "PUBLIC" : "PRIVATE"));
            }
            Line("ORGANIZER;CN=" + Param(organizer.Cn) + ":mailto:" + organizer.Email);

            for (int a = 0; a < attendees; a++)
            {
                if (room && a == attendees - 1)
                {
                    string roomEmail = "room-" + Ascii(roomName.Split(' ')[0]) + "-" + Array.IndexOf(Rooms, roomName).ToString(CultureInfo.InvariantCulture) + "@resource.calendar.example";
                    Line("ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=" + (_rng.Chance(90) ? "ACCEPTED" : "TENTATIVE")
                        + ";RSVP=FALSE;CN=" + Param(roomName) + ":mailto:" + roomEmail);
                    _stats.Rooms++;
                }
                else
                {
                    Person p = a == 0 ? organizer : _rng.Pick(_people);
                    int r = _rng.Next(100);
                    string role = a == 0 ? "CHAIR" : r < 75 ? "REQ-PARTICIPANT" : r < 97 ? "OPT-PARTICIPANT" : "NON-PARTICIPANT";
                    int s = _rng.Next(100);
                    string partstat = a == 0 ? "ACCEPTED" : s < 45 ? "ACCEPTED" : s < 70 ? "NEEDS-ACTION" : s < 85 ? "TENTATIVE" : "DECLINED";
                    string cutype = a > 0 && _rng.Chance(3) ? "GROUP" : "INDIVIDUAL";
                    string line = "ATTENDEE;CUTYPE=" + cutype + ";ROLE=" + role + ";PARTSTAT=" + partstat
                        + ";RSVP=" + (partstat == "NEEDS-ACTION" ? "TRUE" : "FALSE") + ";CN=" + Param(p.Cn);
                    line += flavor switch
                    {
                        Flavor.Google => ";X-NUM-GUESTS=0",
                        Flavor.Apple => ";EMAIL=" + p.Email,
                        _ => "",
                    };
                    Line(line + ":mailto:" + p.Email);
                }
                _stats.Attendees++;
            }

            string description = Description(flavor);
            if (description.Length > 0)
            {
                Line("DESCRIPTION:" + Escape(description));
            }
            switch (flavor)
            {
                case Flavor.Google:
                    if (_rng.Chance(50))
                    {
                        Line("X-GOOGLE-CONFERENCE:https://meet.example.com/" + Token(3) + "-" + Token(4) + "-" + Token(3));
                    }
                    break;
                case Flavor.Outlook:
                    Line("X-MICROSOFT-CDO-BUSYSTATUS:BUSY");
                    Line("X-MICROSOFT-CDO-IMPORTANCE:1");
                    Line("X-MICROSOFT-DISALLOW-COUNTER:FALSE");
                    Line("X-MS-OLK-CONFTYPE:0");
                    break;
                default:
                    Line("X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC");
                    break;
            }
            if (_rng.Chance(40))
            {
                Line("BEGIN:VALARM");
                Line("ACTION:DISPLAY");
                Line("DESCRIPTION:" + (flavor == Flavor.Outlook ? "REMINDER" : "This is an event reminder"));
                Line("TRIGGER;RELATED=START:-PT" + _rng.Pick(Triggers));
                if (flavor == Flavor.Apple)
                {
                    Line("X-WR-ALARMUID:" + NewUid(_rng));
                }
                Line("END:VALARM");
                _stats.Alarms++;
            }
        }

        private void EndEvent() => Line("END:VEVENT");

        /// <summary>
        /// Empty (12%), or one to four sentences joined by spaces or newlines, followed by a Teams-style footer in 48% of
        /// events (63% of Outlook's): ~570 escaped characters per VEVENT on average, tuned so the file is ~18.8 MB.
        /// </summary>
        private string Description(Flavor flavor)
        {
            int r = _rng.Next(100);
            if (r < 12)
            {
                return "";
            }
            var text = new StringBuilder();
            int sentences = 1 + _rng.Next(4);
            for (int i = 0; i < sentences; i++)
            {
                text.Append(_rng.Pick(Sentences)).Append(_rng.Chance(50) ? "\n" : " ");
            }
            if (r >= 52 || (flavor == Flavor.Outlook && r >= 37))
            {
                text.Append('\n');
                foreach (string line in TeamsFooter)
                {
                    text.Append(line).Append('\n');
                }
            }
            return text.ToString().TrimEnd();
        }

        /// <summary>Europe/Paris 35%, America/New_York 25%, Asia/Tokyo 10%, W. Europe Standard Time 15%, UTC (null) 15%.</summary>
        private Zone? PickZone()
        {
            int r = _rng.Next(100);
            return r < 35 ? Zones[0] : r < 60 ? Zones[1] : r < 70 ? Zones[2] : r < 85 ? Zones[3] : null;
        }

        private void Times(Zone? zone, LocalDateTime start, LocalDateTime end, bool allDay)
        {
            string key = allDay ? "date" : zone?.Tzid ?? "UTC";
            _stats.Zones[key] = _stats.Zones.GetValueOrDefault(key) + 1;
            if (allDay)
            {
                _stats.AllDay++;
            }
            Line("DTSTART" + Time(zone, start, allDay));
            Line("DTEND" + Time(zone, end, allDay));
        }

        /// <summary>A DATE-TIME or DATE property's parameters and value: ";TZID=…:local", ":utcZ" or ";VALUE=DATE:date".</summary>
        private static string Time(Zone? zone, LocalDateTime time, bool allDay) =>
            allDay ? ";VALUE=DATE:" + Stamp(time, allDay: true)
            : zone is null ? ":" + Stamp(time, allDay: false) + "Z"
            : ";TZID=" + Param(zone.Tzid) + ":" + Stamp(time, allDay: false);

        private static string Stamp(LocalDateTime time, bool allDay) => allDay
            ? time.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            : time.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

        private static string Until(Zone? zone, LocalDateTime last, bool allDay)
        {
            if (allDay)
            {
                return Stamp(last, allDay: true);
            }
            Instant instant = zone is null
                ? last.InUtc().ToInstant()
                : last.InZoneLeniently(DateTimeZoneProviders.Tzdb[zone.TzdbId]).ToInstant();
            return UtcStamp(instant);
        }

        private static string UtcStamp(Instant instant) =>
            instant.InUtc().LocalDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        private LocalDateTime RandomStart(bool allDay)
        {
            LocalDate day = FirstDay.PlusDays(_rng.Next(730));
            return allDay ? day.AtMidnight() : day.At(new LocalTime(8 + _rng.Next(10), 15 * _rng.Next(4)));
        }

        private Period RandomLength() => Period.FromMinutes(_rng.Pick(Minutes));

        private Instant RandomStamp() => Instant.FromUtc(2024, 11, 1, 0, 0) + Duration.FromSeconds(_rng.Next(60 * 60 * 24 * 400));

        private string Uid(Flavor flavor) => flavor switch
        {
            Flavor.Google => Token(26) + "@google.com",
            Flavor.Outlook => "040000008200E00074C5B7101A82E00800000000" + Hex(16) + "00000000000000001000000" + Hex(32),
            _ => NewUid(_rng),
        };

        private string Token(int length)
        {
            const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            return string.Create(length, _rng, static (span, rng) =>
            {
                for (int i = 0; i < span.Length; i++)
                {
                    span[i] = Alphabet[rng.Next(Alphabet.Length)];
                }
            });
        }

        private string Hex(int length) => string.Create(length, _rng, static (span, rng) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = "0123456789ABCDEF"[rng.Next(16)];
            }
        });

        private static string NewUid(Rng rng)
        {
            ulong a = rng.NextULong(), b = rng.NextULong();
            return string.Create(CultureInfo.InvariantCulture,
                $"{a >> 32:X8}-{(a >> 16) & 0xFFFF:X4}-{a & 0xFFFF:X4}-{b >> 48:X4}-{b & 0xFFFFFFFFFFFFUL:X12}");
        }

        /// <summary>Writes one content line, folded at 75 octets (a continuation line's leading space counts) without
        /// splitting a UTF-8 sequence, with CRLF; counts it.</summary>
        private void Line(string text)
        {
            _line.Clear();
            int octets = 0;
            int physical = 1;
            bool nonAscii = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                int size = c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsHighSurrogate(c) ? 4 : 3;
                int units = char.IsHighSurrogate(c) ? 2 : 1;
                nonAscii |= c >= 0x80;
                if (octets + size > 75)
                {
                    _line.Append("\r\n ");
                    _stats.Octets += 3;
                    octets = 1;
                    physical++;
                }
                _line.Append(text, i, units);
                octets += size;
                _stats.Octets += size;
                i += units - 1;
            }
            _line.Append("\r\n");
            _stats.Octets += 2;
            _stats.ContentLines++;
            _stats.PhysicalLines += physical;
            if (physical > 1)
            {
                _stats.FoldedLines++;
            }
            if (nonAscii)
            {
                _stats.NonAsciiLines++;
            }
            foreach (ReadOnlyMemory<char> chunk in _line.GetChunks())
            {
                _out.Write(chunk.Span);
            }
        }

        private static string Day(IsoDayOfWeek day) => day switch
        {
            IsoDayOfWeek.Monday => "MO",
            IsoDayOfWeek.Tuesday => "TU",
            IsoDayOfWeek.Wednesday => "WE",
            IsoDayOfWeek.Thursday => "TH",
            IsoDayOfWeek.Friday => "FR",
            IsoDayOfWeek.Saturday => "SA",
            _ => "SU",
        };

        /// <summary>RFC 5545 TEXT escaping: backslash, semicolon, comma, newline.</summary>
        private static string Escape(string text) => text
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

        /// <summary>A parameter value, quoted when it holds a colon, semicolon or comma (none of the names hold a DQUOTE).</summary>
        private static string Param(string value) =>
            value.AsSpan().IndexOfAny(":;,") >= 0 ? "\"" + value + "\"" : value;

        /// <summary>A lower-case ASCII e-mail local part from a name: accents dropped, other letters transliterated or removed.</summary>
        private static string Ascii(string name)
        {
            var result = new StringBuilder(name.Length);
            foreach (char c in name.Replace("ß", "ss", StringComparison.Ordinal).Replace("Þ", "th", StringComparison.Ordinal)
                .Replace("Å", "a", StringComparison.Ordinal).Normalize(NormalizationForm.FormD))
            {
                if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
                {
                    result.Append(c);
                }
                else if (c is >= 'A' and <= 'Z')
                {
                    result.Append((char)(c + 32));
                }
            }
            return result.Length == 0 ? "x" : result.ToString();
        }
    }
}
