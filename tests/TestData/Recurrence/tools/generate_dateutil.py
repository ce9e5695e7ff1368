#!/usr/bin/python3
"""Generates ../dateutil-random.txt: seeded random FLOATING recurrence sets expanded by Debian's
python3-dateutil.

Regenerate (from tests/TestData/Recurrence, Debian/Ubuntu):
    apt-get install -y python3-dateutil
    /usr/bin/python3 tools/generate_dateutil.py            # default seed 20261122, 300 cases
    /usr/bin/python3 tools/generate_dateutil.py --seed N --count M --out FILE

Output is deterministic for a given seed and dateutil version.

Rules are built only from shapes where dateutil agrees with RFC 5545 and Calcore's decisions:
  * floating DTSTART (no TZID), so no DST handling is involved;
  * DTSTART is taken from the rule's own output (expand once from a provisional start, use the
    first instance as DTSTART, expand again and keep the case only if the first instance is
    DTSTART), because dateutil leaves out a DTSTART that does not match the rule;
  * BYDAY ordinals only in MONTHLY/YEARLY without BYWEEKNO, BYMONTHDAY or BYYEARDAY, and never
    mixed with plain days in one list (dateutil intersects a mixed list; Calcore takes the union);
  * no BYSETPOS in WEEKLY (dateutil builds the first week from DTSTART on only);
  * BYYEARDAY and BYWEEKNO in YEARLY only and never with BYMONTH; BYWEEKNO always with a plain BYDAY, INTERVAL=1, no
    BYHOUR/BYMINUTE/BYSETPOS, and its whole output re-derived by brute force (ISO 8601 week numbers
    with the rule's WKST) -- cases where that disagrees are dropped (dateutil 2.8.2 misses negative
    week numbers whose week starts in the previous December, e.g. BYWEEKNO=-52;WKST=SA, and
    invents a week 53 in some 52-week years, e.g. 2039-01-02 for BYWEEKNO=53;BYDAY=SU);
  * every expansion runs under a 2 s alarm; rules that loop (no further instances) or that dateutil
    rejects (ValueError, e.g. unreachable BYHOUR for an HOURLY INTERVAL) are dropped.
"""
import argparse, random, signal, sys, os
from datetime import datetime, timedelta, date
import dateutil
from dateutil.rrule import rrulestr

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
SEED = 20261122


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, _alarm)


def expand(text, limit):
    """First `limit` instances of the rule text (DTSTART + RRULE), or None on timeout."""
    signal.setitimer(signal.ITIMER_REAL, 2.0)
    try:
        rr = rrulestr(text)
        out = []
        for x in rr:
            out.append(x)
            if len(out) >= limit:
                break
        return out
    except (Timeout, ValueError):
        # ValueError: dateutil rejects e.g. BYHOUR values an HOURLY INTERVAL can never reach
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def weekno(d, wkst):
    """(year, week) of date d with weeks starting on wkst (0=MO), week 1 = first week with >= 4 days in the year."""
    def week1_start(y):
        j1 = date(y, 1, 1)
        off = (j1.weekday() - wkst) % 7          # days from week start to Jan 1
        start = j1 - timedelta(days=off)
        if 7 - off < 4:                          # fewer than 4 days of that week in the year
            start += timedelta(days=7)
        return start
    y = d.year
    for yy in (y + 1, y, y - 1):
        s = week1_start(yy)
        if d >= s:
            return yy, (d - s).days // 7 + 1


def weeks_in_year(y, wkst):
    return weekno(date(y + 1, 1, 1) - timedelta(days=1) + timedelta(days=0), wkst)[1] \
        if weekno(date(y, 12, 31), wkst)[0] == y else weekno(date(y, 12, 31) - timedelta(days=7), wkst)[1]


def brute_weekno(dtstart, parts, n, until):
    """Independent expansion of YEARLY;BYWEEKNO=..;BYDAY=..(;BYMONTH=..) INTERVAL=1 rules."""
    wk = [int(x) for x in parts["BYWEEKNO"].split(",")]
    days = {DAYS.index(x) for x in parts["BYDAY"].split(",")}
    months = {int(x) for x in parts["BYMONTH"].split(",")} if "BYMONTH" in parts else None
    wkst = DAYS.index(parts.get("WKST", "MO"))
    out = []
    d = dtstart.date()
    end = d + timedelta(days=366 * 60)
    while d < end and len(out) < n:
        if d.weekday() in days and (months is None or d.month in months):
            y, w = weekno(d, wkst)
            nw = weeks_in_year(y, wkst)
            if w in wk or (w - nw - 1) in wk:
                dt = datetime.combine(d, dtstart.time())
                if until is not None and dt > until:
                    break
                out.append(dt)
        d += timedelta(days=1)
    return out


def rand_list(rng, pool, kmin=1, kmax=3):
    k = rng.randint(kmin, min(kmax, len(pool)))
    return sorted(rng.sample(pool, k), key=lambda v: pool.index(v))


def make_rule(rng):
    freq = rng.choices(["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY"],
                       weights=[26, 28, 18, 16, 6, 6])[0]
    parts = {"FREQ": freq}
    interval = rng.choice([1, 1, 2, 3, 4])
    small = freq in ("HOURLY", "MINUTELY")
    weekno = False
    if freq == "YEARLY":
        kind = rng.choice(["month", "monthday", "yearday", "weekno", "weekno", "ordday", "plainday", "monthday_day"])
        # BYMONTH is never combined with BYYEARDAY or BYWEEKNO (implementations differ on how they combine)
        if kind in ("month", "ordday", "plainday", "monthday_day") or (kind == "monthday" and rng.random() < 0.3):
            if True:
                parts["BYMONTH"] = ",".join(map(str, sorted(rng.sample(range(1, 13), rng.randint(1, 3)))))
        if kind == "monthday":
            parts["BYMONTHDAY"] = ",".join(map(str, rng.sample([1, 2, 5, 10, 15, 20, 28, 29, 30, 31, -1, -2, -3, -7], rng.randint(1, 3))))
        elif kind == "yearday":
            parts["BYYEARDAY"] = ",".join(map(str, rng.sample([1, 2, 32, 59, 60, 100, 200, 365, 366, -1, -2, -100, -365, -366], rng.randint(1, 3))))
            if rng.random() < 0.3:
                parts["BYDAY"] = ",".join(rand_list(rng, DAYS, 2, 5))
        elif kind == "weekno":
            weekno = True
            interval = 1
            parts["BYWEEKNO"] = ",".join(map(str, rng.sample([1, 2, 10, 20, 26, 51, 52, 53, -1, -2, -52, -53], rng.randint(1, 2))))
            parts["BYDAY"] = ",".join(rand_list(rng, DAYS, 1, 3))
        elif kind == "ordday":
            if "BYMONTH" in parts:
                pool = ["1", "2", "3", "4", "-1", "-2", "5", "-5"]
            else:
                parts.pop("BYMONTH", None)
                pool = ["1", "2", "-1", "10", "20", "-10", "26", "52", "-52"]
            parts["BYDAY"] = ",".join(rng.choice(pool) + dd for dd in rand_list(rng, DAYS, 1, 2))
        elif kind == "plainday":
            parts["BYDAY"] = ",".join(rand_list(rng, DAYS, 1, 3))
        elif kind == "monthday_day":
            parts["BYMONTHDAY"] = ",".join(map(str, rng.sample(list(range(1, 32)) + [-1, -2, -3], rng.randint(3, 8))))
            parts["BYDAY"] = ",".join(rand_list(rng, DAYS, 1, 3))
    elif freq == "MONTHLY":
        kind = rng.choice(["monthday", "ordday", "plainday", "monthday_day", "none"])
        if rng.random() < 0.25:
            parts["BYMONTH"] = ",".join(map(str, sorted(rng.sample(range(1, 13), rng.randint(2, 6)))))
        if kind == "monthday":
            parts["BYMONTHDAY"] = ",".join(map(str, rng.sample([1, 2, 3, 10, 13, 15, 20, 28, 29, 30, 31, -1, -2, -3, -10], rng.randint(1, 4))))
        elif kind == "ordday":
            parts["BYDAY"] = ",".join(rng.choice(["1", "2", "3", "4", "5", "-1", "-2", "-3", "-5"]) + dd for dd in rand_list(rng, DAYS, 1, 3))
        elif kind == "plainday":
            parts["BYDAY"] = ",".join(rand_list(rng, DAYS, 1, 5))
        elif kind == "monthday_day":
            parts["BYMONTHDAY"] = ",".join(map(str, rng.sample(list(range(1, 32)) + [-1, -2, -3], rng.randint(3, 8))))
            parts["BYDAY"] = ",".join(rand_list(rng, DAYS, 1, 3))
    elif freq == "WEEKLY":
        parts["BYDAY"] = ",".join(rand_list(rng, DAYS, 1, 4)) if rng.random() < 0.8 else None
        if rng.random() < 0.2:
            parts["BYMONTH"] = ",".join(map(str, sorted(rng.sample(range(1, 13), rng.randint(2, 6)))))
    elif freq == "DAILY":
        r = rng.random()
        if r < 0.3:
            parts["BYDAY"] = ",".join(rand_list(rng, DAYS, 1, 5))
        elif r < 0.45:
            parts["BYMONTHDAY"] = ",".join(map(str, rng.sample([1, 5, 10, 15, 20, 28, 29, 30, 31, -1, -2], rng.randint(1, 3))))
        if rng.random() < 0.2:
            parts["BYMONTH"] = ",".join(map(str, sorted(rng.sample(range(1, 13), rng.randint(2, 6)))))
    else:
        if rng.random() < 0.3:
            parts["BYDAY"] = ",".join(rand_list(rng, DAYS, 2, 5))
    # times
    if not weekno:
        if freq in ("YEARLY", "MONTHLY", "WEEKLY", "DAILY") and rng.random() < 0.3:
            parts["BYHOUR"] = ",".join(map(str, sorted(rng.sample(range(0, 24), rng.randint(1, 3)))))
            if rng.random() < 0.5:
                parts["BYMINUTE"] = ",".join(map(str, sorted(rng.sample([0, 15, 30, 45, 10, 50], rng.randint(1, 2)))))
        elif freq == "HOURLY" and rng.random() < 0.5:
            if rng.random() < 0.5:
                parts["BYHOUR"] = ",".join(map(str, sorted(rng.sample(range(0, 24), rng.randint(3, 10)))))
            parts["BYMINUTE"] = ",".join(map(str, sorted(rng.sample([0, 15, 30, 45, 10, 50], rng.randint(1, 2)))))
        elif freq == "MINUTELY" and rng.random() < 0.5:
            parts["BYHOUR"] = ",".join(map(str, sorted(rng.sample(range(0, 24), rng.randint(2, 8)))))
        # BYSETPOS (not WEEKLY)
        if freq != "WEEKLY" and rng.random() < 0.2 and (set(parts) & {"BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYHOUR", "BYMINUTE"}):
            parts["BYSETPOS"] = ",".join(map(str, rng.sample([1, 2, 3, -1, -2], rng.randint(1, 2))))
    if rng.random() < 0.3:
        parts["WKST"] = rng.choice(DAYS)
    if interval > 1:
        parts["INTERVAL"] = str(interval)
    parts = {k: v for k, v in parts.items() if v}
    return parts


ORDER = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY",
         "BYHOUR", "BYMINUTE", "BYSETPOS", "WKST"]


def rule_text(parts):
    return "RRULE:" + ";".join(k + "=" + parts[k] for k in ORDER if k in parts)


def fmt(d):
    return d.strftime("%Y%m%dT%H%M%S")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dateutil-random.txt"))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    version = dateutil.__version__
    src = "python-dateutil %s (Debian package), seed %d, tools/generate_dateutil.py" % (version, a.seed)
    stats = dict(timeout=0, dtstart=0, weekno=0, empty=0, attempts=0)
    cases = []
    while len(cases) < a.count:
        stats["attempts"] += 1
        parts = make_rule(rng)
        small = parts["FREQ"] in ("HOURLY", "MINUTELY")
        prov = datetime(rng.randint(1995, 2035), rng.randint(1, 12), rng.randint(1, 28),
                        rng.randint(0, 23), rng.choice([0, 0, 15, 30, 45]), 0)
        # first instance from the provisional DTSTART
        first = expand("DTSTART:%s\n%s" % (fmt(prov), rule_text(parts)), 1)
        if first is None:
            stats["timeout"] += 1
            continue
        if not first:
            stats["empty"] += 1
            continue
        dtstart = first[0]
        n = rng.randint(1, 10 if small else 30)
        use_until = rng.random() < 0.35
        base = dict(parts)
        seq = expand("DTSTART:%s\n%s" % (fmt(dtstart), rule_text(base)), n + 1)
        if seq is None or not seq:
            stats["timeout"] += 1
            continue
        if seq[0] != dtstart:
            stats["dtstart"] += 1
            continue
        if use_until:
            n = min(n, len(seq))
            last = seq[n - 1]
            if n < len(seq) and rng.random() < 0.5:
                gap = seq[n] - last
                until = last + gap / 2
                until = until.replace(microsecond=0)
                if until <= last:
                    until = last
            else:
                until = last
            base["UNTIL"] = fmt(until)
        else:
            base["COUNT"] = str(n)
        text = "DTSTART:%s\n%s" % (fmt(dtstart), rule_text(base))
        out = expand(text, 1000)
        if out is None or not out or out[0] != dtstart:
            stats["timeout"] += 1
            continue
        if len(out) >= 1000:
            continue
        if "BYWEEKNO" in parts:
            until = datetime.strptime(base["UNTIL"], "%Y%m%dT%H%M%S") if "UNTIL" in base else None
            bf = brute_weekno(dtstart, parts, len(out) if "COUNT" in base else 10 ** 6, until)
            if bf != out:
                if os.environ.get("DEBUG_WEEKNO"):
                    print("weekno mismatch:", text.replace("\n", " "), "\n dateutil", [fmt(x) for x in out], "\n brute   ", [fmt(x) for x in bf])
                stats["weekno"] += 1
                continue
        cases.append((text, out))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# Seeded random FLOATING recurrence sets expanded by python-dateutil %s (Debian python3-dateutil).\n"
                "# Generated by tools/generate_dateutil.py --seed %d --count %d; see that script for how rules are\n"
                "# chosen so that dateutil's output agrees with RFC 5545 and Calcore's decisions.\n"
                "# Generation stats: %s\n\n" % (version, a.seed, a.count, stats))
        for i, (text, out) in enumerate(cases, 1):
            freq = text.split("FREQ=")[1].split(";")[0].split("\n")[0]
            f.write("CASE dateutil-%03d %s\nSOURCE %s\n%s\nEXPECT\n" % (i, freq, src, text))
            vals = [fmt(x) for x in out]
            for j in range(0, len(vals), 6):
                f.write(",".join(vals[j:j + 6]) + "\n")
            f.write("\n")
    print(len(cases), "cases", stats)


if __name__ == "__main__":
    main()
