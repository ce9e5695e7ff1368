#!/usr/bin/python3
"""Checks recurrence test-data files against the Calcore test-data format.

Usage: python3 tools/check_format.py [FILE...]   (default: every *.txt next to tools/)

Format: '#' comment lines; cases separated by blank lines or a new CASE line; each case is
  CASE <name>            (unique within the file)
  SOURCE <text>          (optional)
  content lines          (DTSTART required, once; RRULE, RDATE, EXDATE, EXRULE)
  LIMIT <n>              (optional)
  WINDOW <utc>/<utc>     (optional, yyyyMMddTHHmmssZ/yyyyMMddTHHmmssZ)
  EXPECT                 followed by values (comma and/or newline separated), possibly none
Without LIMIT and WINDOW every RRULE must carry COUNT or UNTIL.
"""
import glob, os, re, sys
from datetime import datetime

PROPS = {"DTSTART", "RRULE", "RDATE", "EXDATE", "EXRULE"}
RULE_KEYS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY",
             "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"}
FREQS = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
DT_RE = re.compile(r"^\d{8}T\d{6}$")
D_RE = re.compile(r"^\d{8}$")


def valid_dt(s):
    try:
        if DT_RE.match(s):
            datetime.strptime(s, "%Y%m%dT%H%M%S")
            return "datetime"
        if D_RE.match(s):
            datetime.strptime(s, "%Y%m%d")
            return "date"
    except ValueError:
        pass
    return None


def check_rule(value, errs, where):
    parts = {}
    for p in value.split(";"):
        if "=" not in p:
            errs.append(f"{where}: bad rule part {p!r}")
            continue
        k, v = p.split("=", 1)
        if k not in RULE_KEYS:
            errs.append(f"{where}: unknown rule part {k}")
        if k in parts:
            errs.append(f"{where}: repeated rule part {k}")
        parts[k] = v
    if parts.get("FREQ") not in FREQS:
        errs.append(f"{where}: missing or bad FREQ")
    if "COUNT" in parts and "UNTIL" in parts:
        errs.append(f"{where}: both COUNT and UNTIL")
    if "UNTIL" in parts and not valid_dt(parts["UNTIL"].rstrip("Z")):
        errs.append(f"{where}: bad UNTIL {parts['UNTIL']}")
    return parts


def check_file(path):
    errs, warns = [], []
    lines = open(path, encoding="utf-8").read().split("\n")
    cases, cur = [], None
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\r")
        if line.startswith("#"):
            continue
        if line.strip() == "":
            cur = None
            continue
        if line.startswith("CASE "):
            cur = {"name": line[5:].strip(), "line": n, "props": [], "expect": None, "limit": None, "window": None,
                   "source": None, "values": []}
            cases.append(cur)
            continue
        if cur is None:
            errs.append(f"{path}:{n}: line outside a case: {line!r}")
            continue
        if cur["expect"] is not None:
            for v in re.split(r"[,\s]+", line.strip()):
                if v:
                    cur["values"].append((n, v))
            continue
        if line == "EXPECT":
            cur["expect"] = n
        elif line.startswith("SOURCE "):
            cur["source"] = line[7:]
        elif line.startswith("LIMIT "):
            try:
                cur["limit"] = int(line[6:])
                assert cur["limit"] > 0
            except Exception:
                errs.append(f"{path}:{n}: bad LIMIT")
        elif line.startswith("WINDOW "):
            m = re.fullmatch(r"(\d{8}T\d{6})Z/(\d{8}T\d{6})Z", line[7:].strip())
            if not m or not valid_dt(m.group(1)) or not valid_dt(m.group(2)) or m.group(1) >= m.group(2):
                errs.append(f"{path}:{n}: bad WINDOW")
            cur["window"] = line[7:]
        else:
            m = re.match(r"^([A-Z-]+)((?:;[A-Za-z-]+=[^;:]*)*):(.+)$", line)
            if not m or m.group(1) not in PROPS:
                errs.append(f"{path}:{n}: not a recognised content line: {line!r}")
                continue
            cur["props"].append((n, m.group(1), m.group(2), m.group(3)))
    names = set()
    for c in cases:
        where = f"{path}:{c['line']} CASE {c['name']!r}"
        if not c["name"]:
            errs.append(f"{where}: empty name")
        if c["name"] in names:
            errs.append(f"{where}: duplicate name")
        names.add(c["name"])
        dts = [p for p in c["props"] if p[1] == "DTSTART"]
        if len(dts) != 1:
            errs.append(f"{where}: needs exactly one DTSTART (has {len(dts)})")
            continue
        _, _, params, value = dts[0]
        kind = valid_dt(value.rstrip("Z"))
        if not kind or ("VALUE=DATE" in params) != (kind == "date"):
            errs.append(f"{where}: bad DTSTART {value!r}")
        if value.endswith("Z") and "TZID" in params:
            errs.append(f"{where}: DTSTART with both Z and TZID")
        if c["expect"] is None:
            errs.append(f"{where}: no EXPECT")
        bounded = True
        for (n, name, params, value) in c["props"]:
            if name in ("RRULE", "EXRULE"):
                parts = check_rule(value, errs, f"{path}:{n}")
                if name == "RRULE" and "COUNT" not in parts and "UNTIL" not in parts:
                    bounded = False
            elif name in ("RDATE", "EXDATE"):
                for item in value.split(","):
                    if "/" in item:
                        a, b = item.split("/", 1)
                        if not valid_dt(a.rstrip("Z")) or not (valid_dt(b.rstrip("Z")) or re.fullmatch(r"[+-]?P[0-9WDTHMS]+", b)):
                            errs.append(f"{path}:{n}: bad PERIOD {item!r}")
                    elif not valid_dt(item.rstrip("Z")):
                        errs.append(f"{path}:{n}: bad date {item!r}")
        if not bounded and not c["limit"] and not c["window"]:
            errs.append(f"{where}: unbounded RRULE without LIMIT or WINDOW")
        prev = None
        for (n, v) in c["values"]:
            k = valid_dt(v)
            if k is None:
                errs.append(f"{path}:{n}: bad expected value {v!r}")
            elif k != kind:
                errs.append(f"{path}:{n}: expected value {v!r} is a {k}, DTSTART is a {kind}")
            elif prev is not None and v <= prev:
                warns.append(f"{path}:{n}: expected values not increasing in wall time ({prev} then {v})")
            prev = v
        if c["limit"] and len(c["values"]) > c["limit"]:
            errs.append(f"{where}: more expected values than LIMIT")
        if c["limit"] and len(c["values"]) < c["limit"]:
            warns.append(f"{where}: fewer expected values ({len(c['values'])}) than LIMIT {c['limit']} (set must then be finite)")
        if c["source"] is None:
            warns.append(f"{where}: no SOURCE")
    return cases, errs, warns


def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "*.txt")))
    total_err = 0
    for f in files:
        cases, errs, warns = check_file(f)
        print(f"{os.path.basename(f)}: {len(cases)} cases, {len(errs)} errors, {len(warns)} warnings")
        for e in errs:
            print("  ERROR", e)
        for w in warns:
            print("  warn ", w)
        total_err += len(errs)
    sys.exit(1 if total_err else 0)


if __name__ == "__main__":
    main()
