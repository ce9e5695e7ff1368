#!/usr/bin/python3
"""An independent brute-force RFC 5545 expander (wall-clock, no time zones) used to cross-check the
data files.  For each interval of the rule it takes every day (and time) of the interval, keeps those
that pass every BY part (which is what the RFC's expand/limit table amounts to once DTSTART supplies
the missing values), applies BYSETPOS to the whole interval, and then COUNT/UNTIL.  Calcore's
decisions are built in: DTSTART is the first instance and counts, mixed BYDAY lists are a union,
ISO 8601 week numbers with WKST, YEARLY BYMONTHDAY/BYYEARDAY/BYWEEKNO without BYMONTH cover the year.

    /usr/bin/python3 tools/brute_rfc.py [FILE...]      # compares every case it can handle

It compares cases with one RRULE and no RDATE/EXDATE/EXRULE.  Zoned sets are expanded in wall-clock time
and then gap times are shifted; zoned sub-daily or WINDOW cases outside rfc5545.txt are left to
calcore_reference.py, which works with instants.
"""
import calendar, glob, os, re, sys
from datetime import datetime, timedelta, date
from zoneinfo import ZoneInfo

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def week1_start(y, wkst):
    j1 = date(y, 1, 1)
    off = (j1.weekday() - wkst) % 7
    s = j1 - timedelta(days=off)
    return s + timedelta(days=7) if 7 - off < 4 else s


def weekno(d, wkst):
    for yy in (d.year + 1, d.year, d.year - 1):
        s = week1_start(yy, wkst)
        if d >= s:
            return yy, (d - s).days // 7 + 1


def nweeks(y, wkst):
    return (week1_start(y + 1, wkst) - week1_start(y, wkst)).days // 7


def ints(s):
    return [int(x) for x in s.split(",")] if s else None


class Rule:
    def __init__(self, text, dtstart):
        self.p = dict(kv.split("=", 1) for kv in text.split(";"))
        p = self.p
        self.freq = p["FREQ"]
        self.interval = int(p.get("INTERVAL", 1))
        self.count = int(p["COUNT"]) if "COUNT" in p else None
        self.until = None
        if "UNTIL" in p:
            u = p["UNTIL"].rstrip("Z")
            self.until = datetime.strptime(u, "%Y%m%dT%H%M%S") if "T" in u else datetime.strptime(u, "%Y%m%d")
        self.wkst = DAYS.index(p.get("WKST", "MO"))
        self.bymonth, self.byweekno, self.byyearday = ints(p.get("BYMONTH")), ints(p.get("BYWEEKNO")), ints(p.get("BYYEARDAY"))
        self.bymonthday, self.byhour, self.byminute = ints(p.get("BYMONTHDAY")), ints(p.get("BYHOUR")), ints(p.get("BYMINUTE"))
        self.bysecond, self.bysetpos = ints(p.get("BYSECOND")), ints(p.get("BYSETPOS"))
        self.byday = None
        if "BYDAY" in p:
            self.byday = []
            for x in p["BYDAY"].split(","):
                m = re.fullmatch(r"([+-]?\d+)?(MO|TU|WE|TH|FR|SA|SU)", x)
                self.byday.append((int(m.group(1)) if m.group(1) else None, DAYS.index(m.group(2))))
        self.start = dtstart
        f = self.freq
        # values DTSTART supplies when the rule leaves them out
        if f == "YEARLY" and not (self.bymonth or self.byweekno or self.byyearday or self.bymonthday or self.byday):
            self.bymonth, self.bymonthday = [dtstart.month], [dtstart.day]
        elif f == "YEARLY" and self.bymonth and not (self.byweekno or self.byyearday or self.bymonthday or self.byday):
            self.bymonthday = [dtstart.day]
        elif f == "MONTHLY" and not (self.bymonthday or self.byday):
            self.bymonthday = [dtstart.day]
        elif f == "WEEKLY" and not self.byday:
            self.byday = [(None, dtstart.weekday())]
        if self.byweekno and not self.byday and f == "YEARLY":
            raise NotImplementedError("BYWEEKNO without BYDAY")

    def day_ok(self, d, period_year=None):
        if self.bymonth and d.month not in self.bymonth:
            return False
        if self.byweekno:
            y, w = weekno(d, self.wkst)
            if y != period_year:
                return False
            n = nweeks(y, self.wkst)
            if w not in self.byweekno and (w - n - 1) not in self.byweekno:
                return False
        elif period_year is not None and d.year != period_year:
            return False
        if self.byyearday:
            yl = 366 if calendar.isleap(d.year) else 365
            yd = d.timetuple().tm_yday
            if yd not in self.byyearday and (yd - yl - 1) not in self.byyearday:
                return False
        if self.bymonthday:
            ml = calendar.monthrange(d.year, d.month)[1]
            if d.day not in self.bymonthday and (d.day - ml - 1) not in self.bymonthday:
                return False
        if self.byday:
            ok = False
            for n, wd in self.byday:
                if d.weekday() != wd:
                    continue
                if n is None:
                    ok = True
                    break
                if self.freq == "MONTHLY" or (self.freq == "YEARLY" and self.bymonth):
                    first, last = date(d.year, d.month, 1), date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
                else:
                    first, last = date(d.year, 1, 1), date(d.year, 12, 31)
                k = (d - first).days // 7 + 1
                kneg = -((last - d).days // 7 + 1)
                if n in (k, kneg):
                    ok = True
                    break
            if not ok:
                return False
        return True

    def times(self, hour=None, minute=None):
        hs = [hour] if hour is not None else (self.byhour or [self.start.hour])
        if hour is not None and self.byhour and hour not in self.byhour:
            return []
        ms = [minute] if minute is not None else (self.byminute or [self.start.minute])
        if minute is not None and self.byminute and minute not in self.byminute:
            return []
        ss = self.bysecond or [self.start.second]
        return [(h, m, s) for h in sorted(hs) for m in sorted(ms) for s in sorted(ss)]

    def period(self, k):
        s, f, i = self.start, self.freq, self.interval
        if f == "YEARLY":
            y = s.year + k * i
            days = [date(y - 1, 12, 22) + timedelta(days=j) for j in range(366 + 20)]
            return [datetime.combine(d, datetime.min.time()).replace(hour=h, minute=m, second=sec)
                    for d in days if self.day_ok(d, y) for (h, m, sec) in self.times()]
        if f == "MONTHLY":
            mi = s.year * 12 + s.month - 1 + k * i
            y, mo = divmod(mi, 12)
            days = [date(y, mo + 1, j) for j in range(1, calendar.monthrange(y, mo + 1)[1] + 1)]
        elif f == "WEEKLY":
            ws = s.date() - timedelta(days=(s.weekday() - self.wkst) % 7) + timedelta(days=7 * k * i)
            days = [ws + timedelta(days=j) for j in range(7)]
        elif f == "DAILY":
            days = [s.date() + timedelta(days=k * i)]
        elif f == "HOURLY":
            t = s.replace(minute=0, second=0) + timedelta(hours=k * i)
            if not self.day_ok(t.date()):
                return []
            return [datetime(t.year, t.month, t.day, h, m, sec) for (h, m, sec) in self.times(hour=t.hour)]
        elif f == "MINUTELY":
            t = s.replace(second=0) + timedelta(minutes=k * i)
            if not self.day_ok(t.date()):
                return []
            return [datetime(t.year, t.month, t.day, h, m, sec) for (h, m, sec) in self.times(hour=t.hour, minute=t.minute)]
        else:
            raise NotImplementedError(f)
        return [datetime(d.year, d.month, d.day, h, m, sec) for d in days if self.day_ok(d) for (h, m, sec) in self.times()]

    def expand(self, limit=None, max_periods=400000):
        out = [self.start]
        k = 0
        empty = 0
        while k < max_periods:
            try:
                cand = sorted(set(self.period(k)))
            except (OverflowError, ValueError):   # ran past year 9999: the rule has no more instances
                return out
            k += 1
            if self.bysetpos and cand:
                sel = set()
                for p in self.bysetpos:
                    if 1 <= p <= len(cand):
                        sel.add(cand[p - 1])
                    elif -len(cand) <= p <= -1:
                        sel.add(cand[p])
                cand = sorted(sel)
            for c in cand:
                if c <= self.start:
                    continue
                if self.until and c > self.until:
                    return out
                if self.count and len(out) >= self.count:
                    return out
                out.append(c)
                if limit and len(out) >= limit:
                    return out
            if self.count and len(out) >= self.count:
                return out
        return out


def main():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from check_format import check_file
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "*.txt")))
    for f in files:
        cases, _, _ = check_file(f)
        n = bad = 0
        for c in cases:
            names = [p[1] for p in c["props"]]
            if names.count("RRULE") != 1 or len(names) != 2:
                continue
            dt = [p for p in c["props"] if p[1] == "DTSTART"][0]
            rule = [p for p in c["props"] if p[1] == "RRULE"][0][3]
            if "VALUE=DATE" in dt[2] or dt[3].endswith("Z"):
                continue
            start = datetime.strptime(dt[3], "%Y%m%dT%H%M%S")
            tz = None
            if "TZID" in dt[2]:
                tz = ZoneInfo(re.search(r"TZID=([^;:]+)", dt[2]).group(1))
                m = re.search(r"UNTIL=(\d{8}T\d{6})Z", rule)
                if m:   # read a UTC UNTIL as wall time in the zone (fine away from DST gaps)
                    u = datetime.strptime(m.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=ZoneInfo("UTC")).astimezone(tz)
                    rule = rule.replace(m.group(0), "UNTIL=" + u.strftime("%Y%m%dT%H%M%S"))
            if tz and not f.endswith("rfc5545.txt") and (c["window"] or re.search(r"FREQ=(HOURLY|MINUTELY|SECONDLY)", rule)):
                continue   # instant-level DST semantics: checked by calcore_reference.py instead
            exp = [v for _, v in c["values"]]
            try:
                r = Rule(rule, start)
            except NotImplementedError:
                continue
            if c["window"]:
                a, b = [datetime.strptime(x, "%Y%m%dT%H%M%SZ") for x in c["window"].split("/")]
                if tz:
                    a = a.replace(tzinfo=ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None)
                    b = b.replace(tzinfo=ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None)
                r.until = r.until or b
                got = [x for x in r.expand(limit=5000) if a <= x < b]
            else:
                got = r.expand(limit=c["limit"])
            if tz:  # wall times in a DST gap start later
                got = [x.replace(tzinfo=tz, fold=0).astimezone(ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None) for x in got]
                got = sorted(set(got))
            got = [x.strftime("%Y%m%dT%H%M%S") for x in got]
            n += 1
            if got != exp:
                bad += 1
                print("DIFF %s | CASE %s\n  RRULE:%s\n  expected %s\n  brute    %s" % (os.path.basename(f), c["name"], rule, exp, got))
        print("%s: %d compared, %d differ" % (os.path.basename(f), n, bad))


if __name__ == "__main__":
    main()
