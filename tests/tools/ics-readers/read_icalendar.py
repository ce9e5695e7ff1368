#!/usr/bin/python3
"""Reads an .ics file with Debian's python3-icalendar and prints the normalized event list as JSON.

Usage: /usr/bin/python3 read_icalendar.py FILE.ics
(Debian's /usr/bin/python3: the package installs into its dist-packages, not into other Pythons.)

Output, one JSON document: a list of events sorted by (uid, recurrenceId), each
  {uid, recurrenceId, start, end, summary, rrule, exdates, attendees}
where a time is a UTC instant "yyyy-MM-ddTHH:mm:ssZ", a floating local time "yyyy-MM-ddTHH:mm:ss"
(no zone), or a date "yyyy-MM-dd"; end is DTEND, else DTSTART + DURATION, else null; rrule is the
library's own serialization of the first RRULE (or null); exdates are sorted; attendees are sorted
by address and carry {address (lower case, without "mailto:"), partstat, role, cutype}, with RFC 5545's
defaults (NEEDS-ACTION, REQ-PARTICIPANT, INDIVIDUAL) where a parameter is absent.
Times are resolved the way the library does it (pytz names, its Windows-name table, then the file's
VTIMEZONE). Exit code 1 with a message on stderr when the library rejects the file or finds no VCALENDAR
(the same rule as read_libical.c).
"""
import datetime
import json
import sys

import icalendar
import pytz


def fmt(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.strftime("%Y-%m-%dT%H:%M:%S")
        return value.astimezone(pytz.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    raise TypeError("not a date or time: %r" % (value,))


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def param(prop, name, default):
    value = getattr(prop, "params", {}).get(name)
    return str(value).upper() if value else default


def address(value):
    text = str(value)
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:"):]
    return text.lower()


def event(component):
    start_prop = component.get("DTSTART")
    start = start_prop.dt if start_prop is not None else None
    end = None
    if component.get("DTEND") is not None:
        end = component.get("DTEND").dt
    elif component.get("DURATION") is not None and start is not None:
        end = start + component.get("DURATION").dt
        if isinstance(end, datetime.datetime) and end.tzinfo is not None:
            end = end.astimezone(pytz.utc)
    rid = component.get("RECURRENCE-ID")
    rrules = as_list(component.get("RRULE"))
    exdates = []
    for exdate in as_list(component.get("EXDATE")):
        exdates.extend(fmt(d.dt) for d in exdate.dts)
    summary = component.get("SUMMARY")
    attendees = [
        {
            "address": address(a),
            "partstat": param(a, "PARTSTAT", "NEEDS-ACTION"),
            "role": param(a, "ROLE", "REQ-PARTICIPANT"),
            "cutype": param(a, "CUTYPE", "INDIVIDUAL"),
        }
        for a in as_list(component.get("ATTENDEE"))
    ]
    return {
        "uid": str(component.get("UID")) if component.get("UID") is not None else None,
        "recurrenceId": fmt(rid.dt) if rid is not None else None,
        "start": fmt(start),
        "end": fmt(end),
        "summary": str(summary) if summary is not None else None,
        "rrule": rrules[0].to_ical().decode("utf-8") if rrules else None,
        "exdates": sorted(exdates),
        "attendees": sorted(attendees, key=lambda a: a["address"]),
    }


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        data = f.read()
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
        if not any(c.name == "VCALENDAR" for c in calendars):
            raise ValueError("no VCALENDAR component")
        events = [event(c) for cal in calendars for c in cal.walk("VEVENT")]
    except Exception as e:  # the library's verdict on the file, reported, not hidden
        print("python3-icalendar %s rejected %s: %s: %s" % (icalendar.__version__, argv[1], type(e).__name__, e), file=sys.stderr)
        return 1
    events.sort(key=lambda e: (e["uid"] or "", e["recurrenceId"] or ""))
    json.dump(events, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
