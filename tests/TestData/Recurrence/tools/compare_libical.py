#!/usr/bin/python3
"""Cross-checks floating single-RRULE cases of the data files against libical 3 (Debian libical-dev).

    gcc -O2 -o /tmp/libical_expand tools/libical_expand.c $(pkg-config --cflags --libs libical)
    /usr/bin/python3 tools/compare_libical.py /tmp/libical_expand [FILE...]

Only cases with a floating DTSTART, exactly one RRULE and no RDATE/EXDATE/EXRULE/WINDOW are compared
(libical carries DST shifts and ignores BYSETPOS in WEEKLY, so zoned sets are left out).
Prints every disagreement; libical's answer is a comparison, not an authority.
"""
import glob, os, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_format import check_file

exe = sys.argv[1]
files = sys.argv[2:] or sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "*.txt")))
for f in files:
    cases, errs, _ = check_file(f)
    todo = []
    for c in cases:
        props = c["props"]
        names = [p[1] for p in props]
        if names.count("RRULE") != 1 or len(names) != 2 or c["window"]:
            continue
        dt = [p for p in props if p[1] == "DTSTART"][0]
        if "TZID" in dt[2] or dt[3].endswith("Z"):
            continue
        rule = [p for p in props if p[1] == "RRULE"][0][3]
        exp = [v for _, v in c["values"]]
        mx = c["limit"] or len(exp) + 5
        todo.append((c, dt[3], rule, mx, exp))
    inp = "".join("%s\t%s\t%d\n" % (d, r, m) for _, d, r, m, _ in todo)
    out = subprocess.run([exe], input=inp, capture_output=True, text=True, timeout=600).stdout.split("\n")
    bad = 0
    for (c, d, r, m, exp), got in zip(todo, out):
        g = [x for x in got.split(",") if x] if got != "ERROR" else ["ERROR"]
        if g != exp:
            bad += 1
            print("DIFF %s | CASE %s\n  DTSTART:%s RRULE:%s\n  expected %s\n  libical  %s" % (os.path.basename(f), c["name"], d, r, exp, g))
    print("%s: %d compared, %d differ" % (os.path.basename(f), len(todo), bad))
