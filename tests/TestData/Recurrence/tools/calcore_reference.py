"""A small *reference* expander that follows Calcore's documented decisions, built on
python-dateutil (for the naive wall-clock expansion of one rule) and zoneinfo.

It is a cross-check for hand-written expectations, not a source of truth:
  * each RRULE/EXRULE is expanded by dateutil in naive wall-clock time from the naive DTSTART,
    with COUNT and UNTIL removed (they are applied here, after resolving to instants);
  * every wall time resolves with fold=0: a time in a gap moves forward by the gap length,
    an ambiguous time takes the earlier instant;
  * DTSTART is the first instance of every RRULE and counts toward its COUNT; COUNT counts
    distinct instants; UNTIL is inclusive and compared as an instant;
  * RRULE, RDATE and DTSTART instances on the same instant are one; EXDATE (by instant, or a DATE
    that removes every instance on that local date) and EXRULE instances are removed.
Run with /usr/bin/python3 (Debian python3-dateutil).
"""
import re
from datetime import datetime, timedelta, timezone, date
from zoneinfo import ZoneInfo
from dateutil.rrule import rrulestr

UTC = timezone.utc


def parse_prop(line):
    m = re.match(r"^([A-Z-]+)((?:;[^:]*)?):(.*)$", line)
    name, params, value = m.group(1), m.group(2), m.group(3)
    p = {}
    for kv in params.split(";")[1:]:
        k, v = kv.split("=", 1)
        p[k.upper()] = v
    return name, p, value


def parse_dt(v):
    """-> (naive datetime, kind) kind in 'date','utc','local'"""
    if re.fullmatch(r"\d{8}", v):
        return datetime.strptime(v, "%Y%m%d"), "date"
    if v.endswith("Z"):
        return datetime.strptime(v[:-1], "%Y%m%dT%H%M%S"), "utc"
    return datetime.strptime(v, "%Y%m%dT%H%M%S"), "local"


class RefSet:
    def __init__(self, lines):
        self.rrules, self.exrules, self.rdates, self.exdates, self.exdate_days = [], [], [], [], set()
        for line in lines:
            name, p, v = parse_prop(line)
            if name == "DTSTART":
                self.start, kind = parse_dt(v)
                self.is_date = kind == "date"
                if "TZID" in p:
                    self.tz = ZoneInfo(p["TZID"])
                else:
                    self.tz = UTC  # floating and UTC sets are placed in UTC
        for line in lines:
            name, p, v = parse_prop(line)
            if name == "RRULE":
                self.rrules.append(v)
            elif name == "EXRULE":
                self.exrules.append(v)
            elif name in ("RDATE", "EXDATE"):
                for item in v.split(","):
                    if p.get("VALUE") == "PERIOD" or "/" in item:
                        item = item.split("/")[0]
                    dt, kind = parse_dt(item)
                    if kind == "date" and not self.is_date:
                        assert name == "EXDATE"
                        self.exdate_days.add(dt.date())
                        continue
                    inst = self.instant(dt, kind, p.get("TZID"))
                    (self.rdates if name == "RDATE" else self.exdates).append(inst)

    def instant(self, naive, kind="local", tzid=None):
        if kind == "utc":
            return naive.replace(tzinfo=UTC)
        tz = ZoneInfo(tzid) if tzid else self.tz
        return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)

    def wall(self, inst):
        w = inst.astimezone(self.tz).replace(tzinfo=None)
        return w.strftime("%Y%m%d") if self.is_date else w.strftime("%Y%m%dT%H%M%S")

    def expand_rule(self, rule, horizon, include_start=True):
        parts = [x for x in rule.split(";") if x]
        count = until = None
        keep = []
        for x in parts:
            k, v = x.split("=", 1)
            if k == "COUNT":
                count = int(v)
            elif k == "UNTIL":
                u, kind = parse_dt(v)
                if kind == "date":
                    until = self.instant(u + timedelta(days=1), "local") - timedelta(microseconds=1) if not self.is_date else self.instant(u)
                else:
                    until = self.instant(u, kind)
            else:
                keep.append(x)
        rr = rrulestr(";".join(keep), dtstart=self.start)
        out = []
        seen = set()

        def add(i):
            if i in seen:
                return True
            if until is not None and i > until:
                return False
            if count is not None and len(out) >= count:
                return False
            seen.add(i)
            out.append(i)
            return True

        if include_start:
            add(self.instant(self.start))
        for w in rr:
            if w > horizon:
                break
            if not add(self.instant(w)):
                # instants are monotone except inside a fold; one more hour of slack is enough
                if count is not None and len(out) >= count:
                    break
                if until is not None and self.instant(w) > until + timedelta(hours=3):
                    break
        return out

    def expand(self, horizon):
        inc = {self.instant(self.start)}
        for r in self.rrules:
            inc.update(self.expand_rule(r, horizon))
        inc.update(self.rdates)
        exc = set(self.exdates)
        for r in self.exrules:
            exc.update(self.expand_rule(r, horizon, include_start=False))
        res = sorted(i for i in inc if i not in exc)
        if self.exdate_days:
            res = [i for i in res if i.astimezone(self.tz).date() not in self.exdate_days]
        return res


def reference(lines, limit=None, window=None, horizon_years=40):
    s = RefSet(lines)
    horizon = s.start + timedelta(days=366 * horizon_years)
    if window:
        a, b = [datetime.strptime(x, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) for x in window.split("/")]
        horizon = min(horizon, (b.astimezone(s.tz).replace(tzinfo=None) + timedelta(days=2)))
        res = [i for i in s.expand(horizon) if a <= i < b]
    else:
        res = s.expand(horizon)
    if limit:
        res = res[:limit]
    return [s.wall(i) for i in res]
