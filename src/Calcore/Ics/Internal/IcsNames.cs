using System;
using Calcore.Internal;

namespace Calcore.Ics.Internal;

/// <summary>iCalendar names (RFC 5545 §3.1: <c>iana-token</c> and <c>x-name</c>, letters, digits and '-'), kept
/// upper-case; the names the reader meets most often are shared instances.</summary>
internal static class IcsNames
{
    internal const string Begin = "BEGIN";
    internal const string End = "END";
    internal const string VCalendar = "VCALENDAR";

    /// <summary>Component, property and parameter names of RFC 5545, RFC 7986 and common producers' extensions.</summary>
    private static readonly string[] KnownNames =
    [
        // Components (RFC 5545 §3.6, RFC 7953).
        "VCALENDAR", "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VALARM",
        "VAVAILABILITY", "AVAILABLE", "VLOCATION", "VRESOURCE",
        // Properties (RFC 5545 §3.7, §3.8).
        "BEGIN", "END", "CALSCALE", "METHOD", "PRODID", "VERSION", "ATTACH", "CATEGORIES", "CLASS", "COMMENT", "DESCRIPTION",
        "GEO", "LOCATION", "PERCENT-COMPLETE", "PRIORITY", "RESOURCES", "STATUS", "SUMMARY", "COMPLETED", "DTEND", "DUE",
        "DTSTART", "DURATION", "FREEBUSY", "TRANSP", "TZID", "TZNAME", "TZOFFSETFROM", "TZOFFSETTO", "TZURL", "ATTENDEE",
        "CONTACT", "ORGANIZER", "RECURRENCE-ID", "RELATED-TO", "URL", "UID", "EXDATE", "RDATE", "RRULE", "EXRULE", "ACTION",
        "REPEAT", "TRIGGER", "CREATED", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "REQUEST-STATUS", "ACKNOWLEDGED",
        // RFC 7986.
        "NAME", "REFRESH-INTERVAL", "SOURCE", "COLOR", "IMAGE", "CONFERENCE",
        // Parameters (RFC 5545 §3.2, RFC 7986 §6, RFC 6638).
        "ALTREP", "CN", "CUTYPE", "DELEGATED-FROM", "DELEGATED-TO", "DIR", "ENCODING", "FMTTYPE", "FBTYPE", "LANGUAGE",
        "MEMBER", "PARTSTAT", "RANGE", "RELATED", "RELTYPE", "ROLE", "RSVP", "SENT-BY", "VALUE", "DISPLAY", "EMAIL",
        "FEATURE", "LABEL", "SCHEDULE-AGENT", "SCHEDULE-STATUS", "SCHEDULE-FORCE-SEND",
        // Producers' extensions met in the wild.
        "X-WR-CALNAME", "X-WR-CALDESC", "X-WR-TIMEZONE", "X-WR-RELCALID", "X-PUBLISHED-TTL", "X-LIC-LOCATION",
        "X-MICROSOFT-CDO-BUSYSTATUS", "X-MICROSOFT-CDO-INTENDEDSTATUS", "X-MICROSOFT-CDO-ALLDAYEVENT",
        "X-MICROSOFT-CDO-IMPORTANCE", "X-MICROSOFT-CDO-INSTTYPE", "X-MICROSOFT-CDO-APPT-SEQUENCE",
        "X-MICROSOFT-CDO-OWNERAPPTID", "X-MICROSOFT-DONOTFORWARDMEETING", "X-MICROSOFT-DISALLOW-COUNTER",
        "X-MICROSOFT-LOCATIONS", "X-MS-OLK-SENDER", "X-ALT-DESC", "X-APPLE-STRUCTURED-LOCATION", "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR",
        "X-GOOGLE-CONFERENCE", "X-MOZ-GENERATION", "X-MOZ-LASTACK", "X-NUM-GUESTS", "X-RESPONSE-COMMENT",
        "X-TITLE", "X-ADDRESS", "X-APPLE-RADIUS",
    ];

    /// <summary>Parameter and property values met on most lines of real files (RFC 5545 §3.2 enumerations and the
    /// like), matched exactly (values keep their case).</summary>
    private static readonly string[] KnownValues =
    [
        "ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION", "DELEGATED", "COMPLETED", "IN-PROCESS",
        "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT", "CHAIR", "INDIVIDUAL", "GROUP", "RESOURCE", "ROOM",
        "UNKNOWN", "TRUE", "FALSE", "DATE", "DATE-TIME", "PERIOD", "DURATION", "TEXT", "URI", "BINARY", "BASE64",
        "8BIT", "THISANDFUTURE", "START", "END", "FREE", "BUSY", "BUSY-TENTATIVE", "BUSY-UNAVAILABLE", "PARENT",
        "CHILD", "SIBLING", "CONFIRMED", "CANCELLED", "OPAQUE", "TRANSPARENT", "PUBLIC", "PRIVATE", "CONFIDENTIAL",
        "DISPLAY", "AUDIO", "EMAIL", "2.0", "GREGORIAN", "PUBLISH", "REQUEST", "REPLY", "CANCEL", "COUNTER",
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "OOF", "WORKINGELSEWHERE", "NORMAL", "en", "en-US",
        "UTC", "Etc/UTC",
    ];

    private static readonly IcsStringTable NameTable = new(KnownNames);

    private static readonly IcsStringTable ValueTable = new(KnownValues);

    internal static string Check(string name, string paramName)
    {
        Preconditions.CheckNotNull(name, paramName);
        if (!IsName(name))
        {
            // The message is built only for a bad name: Check runs for every property a writer builds.
            throw new ArgumentException($"'{name}' is not an iCalendar name (letters, digits and '-', at least one).", paramName);
        }
        return Upper(name);
    }

    internal static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The upper-case name; a shared instance for a known name.</summary>
    internal static string Upper(string name)
    {
        if (name.Length <= 64)
        {
            Span<char> upper = stackalloc char[name.Length];
            if (TryUpper(name, upper) && NameTable.Find(upper) is string known)
            {
                return known;
            }
        }
        foreach (char c in name)
        {
            if (char.IsAsciiLetterLower(c))
            {
                return name.ToUpperInvariant();
            }
        }
        return name;
    }

    /// <summary>Writes the upper-case form of a name; false when it is not an iCalendar name.</summary>
    internal static bool TryUpper(ReadOnlySpan<char> name, Span<char> upper)
    {
        if (name.IsEmpty)
        {
            return false;
        }
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsAsciiLetterLower(c))
            {
                upper[i] = (char)(c - 32);
            }
            else if (char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-')
            {
                upper[i] = c;
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The shared instance of a known upper-case name, or null.</summary>
    internal static string? FindKnownName(ReadOnlySpan<char> upper) => NameTable.Find(upper) is string known ? known : null;

    /// <summary>The shared instance of a common value (exact match), or null.</summary>
    internal static string? FindKnownValue(ReadOnlySpan<char> value) => ValueTable.Find(value);
}
