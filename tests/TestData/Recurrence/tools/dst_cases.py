#!/usr/bin/python3
"""Builds ../dst.txt: hand-computed cases (DST transitions, leap years, week numbers, negative
positions, BYSETPOS, RDATE/EXDATE/EXRULE, DTSTART and UNTIL edge cases).

The EXPECT lists below are written by hand.  This script checks each against
tools/calcore_reference.py (dateutil for the naive expansion + zoneinfo + Calcore's decisions)
and refuses to write the file if they disagree.  Run from anywhere with /usr/bin/python3.
"""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from calcore_reference import reference

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dst.txt")
SRC = "hand-computed, checked with python zoneinfo"
NY = "DTSTART;TZID=America/New_York:"
LON = "DTSTART;TZID=Europe/London:"
LHI = "DTSTART;TZID=Australia/Lord_Howe:"
KOL = "DTSTART;TZID=Asia/Kolkata:"

cases = []
def case(name, lines, expect, limit=None, window=None, comment=None, ref=True, ref_lines=None, section=None):
    cases.append(dict(name=name, lines=lines, expect=expect.split(), limit=limit, window=window,
                      comment=comment, ref=ref, ref_lines=ref_lines, section=section))

# ---------------------------------------------------------------- America/New_York
case("NY daily 02:30 across spring forward: gap instance moves to 03:30 that day only",
     [NY + "20260306T023000", "RRULE:FREQ=DAILY;COUNT=5"],
     "20260306T023000 20260307T023000 20260308T033000 20260309T023000 20260310T023000",
     section="America/New_York: spring forward 2026-03-08 02:00 EST -> 03:00 EDT, fall back 2026-11-01 02:00 EDT -> 01:00 EST",
     comment="02:30 does not exist on 2026-03-08; it moves forward by the 1 h gap to 03:30 EDT (07:30Z).")
case("NY daily 01:30 across spring forward: unaffected",
     [NY + "20260307T013000", "RRULE:FREQ=DAILY;COUNT=3"],
     "20260307T013000 20260308T013000 20260309T013000")
case("NY daily 01:30 across fall back: ambiguous wall time kept",
     [NY + "20261030T013000", "RRULE:FREQ=DAILY;COUNT=5"],
     "20261030T013000 20261031T013000 20261101T013000 20261102T013000 20261103T013000",
     comment="01:30 on 2026-11-01 occurs twice; Calcore takes the earlier (EDT, 05:30Z) -- see the WINDOW cases below.")
case("NY daily 02:30 across fall back: unaffected",
     [NY + "20261030T023000", "RRULE:FREQ=DAILY;COUNT=4"],
     "20261030T023000 20261031T023000 20261101T023000 20261102T023000")
case("NY ambiguous 01:30 resolves to the earlier instant (window holds only the EDT 01:30)",
     [NY + "20261030T013000", "RRULE:FREQ=DAILY"],
     "20261101T013000", window="20261101T053000Z/20261101T060000Z",
     comment="01:30 EDT = 05:30Z is inside the window; 01:30 EST = 06:30Z would not be.")
case("NY ambiguous 01:30: nothing at the later (EST) instant",
     [NY + "20261030T013000", "RRULE:FREQ=DAILY"],
     "", window="20261101T060000Z/20261101T070000Z",
     comment="Empty expectation: the later 01:30 (06:30Z) is not an instance.")
case("NY UNTIL equal to the earlier instant of an ambiguous time (inclusive)",
     [NY + "20261030T013000", "RRULE:FREQ=DAILY;UNTIL=20261101T053000Z"],
     "20261030T013000 20261031T013000 20261101T013000")
case("NY UNTIL one second before the ambiguous instance",
     [NY + "20261030T013000", "RRULE:FREQ=DAILY;UNTIL=20261101T052959Z"],
     "20261030T013000 20261031T013000")
case("NY hourly across spring forward, COUNT counts distinct instances",
     [NY + "20260308T000000", "RRULE:FREQ=HOURLY;COUNT=5"],
     "20260308T000000 20260308T010000 20260308T030000 20260308T040000 20260308T050000",
     comment="Wall-clock stepping gives 00,01,02,03,04,...; 02:00 is in the gap and moves to 03:00 EDT, which is the\n"
             "# same instant as the 03:00 step, so they merge into one instance. COUNT counts distinct instances of\n"
             "# the set, so the 5th instance is 05:00. (An engine counting generated wall times would stop at 04:00.)")
case("NY hourly across spring forward with UNTIL (no COUNT question)",
     [NY + "20260308T000000", "RRULE:FREQ=HOURLY;UNTIL=20260308T090000Z"],
     "20260308T000000 20260308T010000 20260308T030000 20260308T040000 20260308T050000",
     comment="UNTIL 09:00Z = 05:00 EDT, inclusive. 02:00 -> 03:00 merges with 03:00.")
case("NY hourly across fall back: wall-clock stepping skips the repeated hour",
     [NY + "20261101T000000", "RRULE:FREQ=HOURLY;COUNT=4"],
     "20261101T000000 20261101T010000 20261101T020000 20261101T030000",
     comment="Steps 00,01,02,03 in wall time; 01:00 is ambiguous and takes the earlier instant (05:00Z EDT);\n"
             "# the second 01:00 (06:00Z EST) is not an instance. Instants: 04Z, 05Z, 07Z, 08Z.")
case("NY hourly across fall back, window shows the 06:00Z hour is empty",
     [NY + "20261101T000000", "RRULE:FREQ=HOURLY"],
     "20261101T010000 20261101T020000", window="20261101T050000Z/20261101T080000Z",
     comment="05:00Z = 01:00 EDT, 06:00Z (01:00 EST) is no instance, 07:00Z = 02:00 EST.")
case("NY hourly at half past across spring forward",
     [NY + "20260308T003000", "RRULE:FREQ=HOURLY;COUNT=4"],
     "20260308T003000 20260308T013000 20260308T033000 20260308T043000",
     comment="02:30 -> 03:30 merges with the 03:30 step; COUNT counts distinct instances.")
case("NY every 30 minutes across spring forward",
     [NY + "20260308T013000", "RRULE:FREQ=MINUTELY;INTERVAL=30;UNTIL=20260308T080000Z"],
     "20260308T013000 20260308T030000 20260308T033000 20260308T040000",
     comment="Wall steps 01:30, 02:00(->03:00), 02:30(->03:30), 03:00, 03:30, 04:00: duplicates merge. UNTIL 08:00Z = 04:00 EDT.")
case("NY weekly on Sunday 02:30 across spring forward",
     [NY + "20260301T023000", "RRULE:FREQ=WEEKLY;COUNT=3"],
     "20260301T023000 20260308T033000 20260315T023000")
case("NY monthly second Sunday 02:30 (lands on the spring-forward day once)",
     [NY + "20260208T023000", "RRULE:FREQ=MONTHLY;BYDAY=2SU;COUNT=3"],
     "20260208T023000 20260308T033000 20260412T023000")
case("NY monthly first Sunday 01:30 (lands on the fall-back day once)",
     [NY + "20261004T013000", "RRULE:FREQ=MONTHLY;BYDAY=1SU;COUNT=3"],
     "20261004T013000 20261101T013000 20261206T013000")
case("NY yearly second Sunday of March at 02:00: every instance is in the gap",
     [NY + "20260308T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;COUNT=3"],
     "20260308T030000 20270314T030000 20280312T030000",
     comment="DTSTART itself is in the gap and is shifted like any instance (02:00 -> 03:00 EDT).")
case("NY EXDATE by instant removes a gap-shifted instance (EXDATE written as the real 03:30)",
     [NY + "20260307T023000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;TZID=America/New_York:20260308T033000"],
     "20260307T023000 20260309T023000",
     comment="The 2026-03-08 instance is 03:30 EDT = 07:30Z; the EXDATE 03:30 EDT is the same instant.")
case("NY EXDATE written as the nonexistent 02:30 resolves to the same instant",
     [NY + "20260307T023000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;TZID=America/New_York:20260308T023000"],
     "20260307T023000 20260309T023000")
case("NY EXDATE in UTC removes the matching instant",
     [NY + "20260301T090000", "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE:20260308T130000Z"],
     "20260301T090000 20260315T090000",
     comment="2026-03-08 09:00 EDT = 13:00Z (DST started that morning).")
case("NY EXDATE in UTC at the wrong offset removes nothing",
     [NY + "20260301T090000", "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE:20260308T140000Z"],
     "20260301T090000 20260308T090000 20260315T090000",
     comment="14:00Z would be 09:00 EST, but on 2026-03-08 09:00 is EDT (13:00Z): no match by instant.")
case("NY RDATE in the gap is shifted too",
     [NY + "20260306T090000", "RRULE:FREQ=DAILY;COUNT=2", "RDATE;TZID=America/New_York:20260308T023000"],
     "20260306T090000 20260307T090000 20260308T033000")
case("NY daily UNTIL in UTC across spring forward (inclusive, compared as an instant)",
     [NY + "20260306T090000", "RRULE:FREQ=DAILY;UNTIL=20260309T130000Z"],
     "20260306T090000 20260307T090000 20260308T090000 20260309T090000",
     comment="2026-03-09 09:00 EDT = 13:00Z equals UNTIL: included.")
case("NY UTC DTSTART daily across spring forward keeps UTC time",
     ["DTSTART:20260307T073000Z", "RRULE:FREQ=DAILY;COUNT=3"],
     "20260307T073000 20260308T073000 20260309T073000",
     comment="A UTC set: expected values are UTC wall-clock times.")

case("NY secondly across spring forward",
     [NY + "20260308T015930", "RRULE:FREQ=SECONDLY;INTERVAL=15;COUNT=4"],
     "20260308T015930 20260308T015945 20260308T030000 20260308T030015",
     comment="Wall steps 01:59:30, 01:59:45, 02:00:00 (gap -> 03:00:00), 02:00:15 (gap -> 03:00:15).")
case("NY local (non-UTC) UNTIL is read in the set's zone",
     [NY + "20260306T090000", "RRULE:FREQ=DAILY;UNTIL=20260309T090000"],
     "20260306T090000 20260307T090000 20260308T090000 20260309T090000",
     comment="Not recommended by RFC 5545 for a zoned DTSTART, but Calcore reads it as 09:00 New York: inclusive.")
case("NY EXDATE with another zone's TZID matches by instant",
     [NY + "20260301T090000", "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;TZID=Europe/London:20260308T130000"],
     "20260301T090000 20260315T090000",
     comment="13:00 London (GMT) on 2026-03-08 = 13:00Z = 09:00 EDT.")
case("NY RDATE with another zone's TZID is shown in the set's zone",
     [NY + "20260301T090000", "RRULE:FREQ=WEEKLY;COUNT=2", "RDATE;TZID=Asia/Kolkata:20260305T200000"],
     "20260301T090000 20260305T093000 20260308T090000",
     comment="20:00 IST = 14:30Z = 09:30 EST.")
case("NY EXDATE as DATE uses the local date, not the UTC date",
     [NY + "20260301T210000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;VALUE=DATE:20260302"],
     "20260301T210000 20260303T210000",
     comment="The 2026-03-02 21:00 EST instance is 2026-03-03 02:00Z; it is removed because its local date is 03-02.")
case("NY EXDATE as DATE does not remove the next local day's instance",
     [NY + "20260301T210000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;VALUE=DATE:20260303"],
     "20260301T210000 20260302T210000",
     comment="2026-03-03 21:00 EST is removed (local date 03-03); 03-02 21:00 EST (UTC date 03-03) stays.")

# ---------------------------------------------------------------- Europe/London
case("London daily 01:30 across spring forward (2026-03-29 01:00 GMT -> 02:00 BST)",
     [LON + "20260327T013000", "RRULE:FREQ=DAILY;COUNT=4"],
     "20260327T013000 20260328T013000 20260329T023000 20260330T013000",
     section="Europe/London: 2026-03-29 01:00 GMT -> 02:00 BST; 2026-10-25 02:00 BST -> 01:00 GMT")
case("London daily 01:30 across fall back (2026-10-25 02:00 BST -> 01:00 GMT)",
     [LON + "20261024T013000", "RRULE:FREQ=DAILY;COUNT=3"],
     "20261024T013000 20261025T013000 20261026T013000")
case("London ambiguous 01:30 takes the earlier instant (BST, 00:30Z)",
     [LON + "20261024T013000", "RRULE:FREQ=DAILY"],
     "20261025T013000", window="20261025T000000Z/20261025T010000Z")
case("London yearly last Sunday of March 01:30: always in the gap",
     [LON + "20260329T013000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;COUNT=3"],
     "20260329T023000 20270328T023000 20280326T023000")
case("London hourly across fall back",
     [LON + "20261025T000000", "RRULE:FREQ=HOURLY;COUNT=4"],
     "20261025T000000 20261025T010000 20261025T020000 20261025T030000",
     comment="01:00 takes the earlier instant (00:00Z BST); the repeated 01:00 GMT (01:00Z) is not an instance.")
case("London monthly last Sunday 01:15 across both transitions",
     [LON + "20260222T011500", "RRULE:FREQ=MONTHLY;BYDAY=-1SU;COUNT=4"],
     "20260222T011500 20260329T021500 20260426T011500 20260531T011500")

# ---------------------------------------------------------------- Australia/Lord_Howe
case("Lord Howe daily 02:15 across the 30-minute spring forward (2026-10-04 02:00 -> 02:30)",
     [LHI + "20261002T021500", "RRULE:FREQ=DAILY;COUNT=4"],
     "20261002T021500 20261003T021500 20261004T024500 20261005T021500",
     section="Australia/Lord_Howe: 2026-04-05 02:00 (+11) -> 01:30 (+10:30); 2026-10-04 02:00 (+10:30) -> 02:30 (+11)",
     comment="The gap is 30 minutes, so 02:15 moves to 02:45.")
case("Lord Howe daily 01:45 across the 30-minute fall back (2026-04-05)",
     [LHI + "20260403T014500", "RRULE:FREQ=DAILY;COUNT=3"],
     "20260403T014500 20260404T014500 20260405T014500")
case("Lord Howe ambiguous 01:45 takes the earlier (+11) instant",
     [LHI + "20260403T014500", "RRULE:FREQ=DAILY"],
     "20260405T014500", window="20260404T144500Z/20260404T150000Z",
     comment="01:45 +11:00 = 14:45Z (inside); 01:45 +10:30 = 15:15Z would be outside.")
case("Lord Howe every 15 minutes across the 30-minute gap",
     [LHI + "20261004T014500", "RRULE:FREQ=MINUTELY;INTERVAL=15;COUNT=5"],
     "20261004T014500 20261004T023000 20261004T024500 20261004T030000 20261004T031500",
     comment="Wall steps 01:45, 02:00(->02:30), 02:15(->02:45), 02:30, 02:45, 03:00, 03:15; duplicates merge;\n"
             "# COUNT counts distinct instances.")
case("Lord Howe weekly Sunday 02:00 across spring forward",
     [LHI + "20260927T020000", "RRULE:FREQ=WEEKLY;COUNT=3"],
     "20260927T020000 20261004T023000 20261011T020000")

# ---------------------------------------------------------------- Asia/Kolkata
case("Kolkata daily 02:30 (no DST)",
     [KOL + "20260307T023000", "RRULE:FREQ=DAILY;COUNT=3"],
     "20260307T023000 20260308T023000 20260309T023000", section="Asia/Kolkata: no DST")
case("Kolkata hourly on the US fall-back day (no effect)",
     [KOL + "20261101T000000", "RRULE:FREQ=HOURLY;COUNT=4"],
     "20261101T000000 20261101T010000 20261101T020000 20261101T030000")
case("Kolkata monthly with UTC UNTIL (+05:30)",
     [KOL + "20260115T090000", "RRULE:FREQ=MONTHLY;UNTIL=20260315T033000Z"],
     "20260115T090000 20260215T090000 20260315T090000",
     comment="09:00 IST = 03:30Z: UNTIL equals the third instance, inclusive.")

# ---------------------------------------------------------------- DATE-valued
case("All-day daily across NY spring forward (dates unaffected)",
     ["DTSTART;VALUE=DATE:20260306", "RRULE:FREQ=DAILY;COUNT=5"],
     "20260306 20260307 20260308 20260309 20260310", section="DATE-valued (all-day) sets")
case("All-day weekly across fall back",
     ["DTSTART;VALUE=DATE:20261025", "RRULE:FREQ=WEEKLY;COUNT=3"],
     "20261025 20261101 20261108")
case("All-day monthly with DATE UNTIL (inclusive)",
     ["DTSTART;VALUE=DATE:20260131", "RRULE:FREQ=MONTHLY;UNTIL=20260531"],
     "20260131 20260331 20260531",
     comment="The 31st: February and April are skipped (invalid dates).")
case("All-day RDATE dates merge with the rule",
     ["DTSTART;VALUE=DATE:20260301", "RRULE:FREQ=MONTHLY;COUNT=3", "RDATE;VALUE=DATE:20260315,20260401"],
     "20260301 20260315 20260401 20260501",
     comment="20260401 is produced by both the RRULE and RDATE: one instance.")
case("All-day EXDATE date",
     ["DTSTART;VALUE=DATE:20260301", "RRULE:FREQ=DAILY;COUNT=4", "EXDATE;VALUE=DATE:20260302"],
     "20260301 20260303 20260304")

# ---------------------------------------------------------------- leap years (floating)
case("Yearly on February 29: leap years only",
     ["DTSTART:20240229T100000", "RRULE:FREQ=YEARLY;COUNT=4"],
     "20240229T100000 20280229T100000 20320229T100000 20360229T100000",
     section="Leap years (floating sets)")
case("Yearly on February 29 across 2100 (not a leap year)",
     ["DTSTART:20960229T100000", "RRULE:FREQ=YEARLY;COUNT=3"],
     "20960229T100000 21040229T100000 21080229T100000")
case("Last day of February",
     ["DTSTART:20230228T100000", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1;COUNT=4"],
     "20230228T100000 20240229T100000 20250228T100000 20260228T100000")
case("Monthly last day (BYMONTHDAY=-1) through a leap February",
     ["DTSTART:20240131T100000", "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4"],
     "20240131T100000 20240229T100000 20240331T100000 20240430T100000")
case("BYYEARDAY=366: leap years only",
     ["DTSTART:20201231T100000", "RRULE:FREQ=YEARLY;BYYEARDAY=366;COUNT=3"],
     "20201231T100000 20241231T100000 20281231T100000")
case("BYYEARDAY=-366: January 1 of leap years only",
     ["DTSTART:20200101T100000", "RRULE:FREQ=YEARLY;BYYEARDAY=-366;COUNT=3"],
     "20200101T100000 20240101T100000 20280101T100000")
case("BYYEARDAY=60 in common and leap years",
     ["DTSTART:20230301T100000", "RRULE:FREQ=YEARLY;BYYEARDAY=60;COUNT=3"],
     "20230301T100000 20240229T100000 20250301T100000")
case("YEARLY BYMONTHDAY=29 without BYMONTH expands over the whole year",
     ["DTSTART:20250129T100000", "RRULE:FREQ=YEARLY;BYMONTHDAY=29;COUNT=14"],
     "20250129T100000 20250329T100000 20250429T100000 20250529T100000 20250629T100000 20250729T100000 "
     "20250829T100000 20250929T100000 20251029T100000 20251129T100000 20251229T100000 20260129T100000 "
     "20260329T100000 20260429T100000",
     comment="No February 29 in 2025 or 2026.")

# ---------------------------------------------------------------- week numbers (floating)
case("Week 53 Thursday (WKST=MO): only years with an ISO week 53",
     ["DTSTART:20201231T090000", "RRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH;COUNT=3"],
     "20201231T090000 20261231T090000 20321230T090000", section="Week numbers (floating sets)",
     comment="ISO week 53 exists in 2020, 2026, 2032 (not 2021-2025, 2027-2031).")
case("Week 1 Monday (WKST=MO) starts in the previous December",
     ["DTSTART:20191230T090000", "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO;COUNT=4"],
     "20191230T090000 20210104T090000 20220103T090000 20230102T090000")
case("Week 1 Monday with WKST=MO in 2026",
     ["DTSTART:20251229T090000", "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO;WKST=MO;COUNT=2"],
     "20251229T090000 20270104T090000",
     comment="Week 1 of 2026 (Monday weeks) is 2025-12-29..2026-01-04 (4 days in 2026).")
case("Week 1 Monday with WKST=SU in 2026",
     ["DTSTART:20260105T090000", "RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO;WKST=SU;COUNT=2"],
     "20260105T090000 20270104T090000",
     comment="Sunday weeks: 2025-12-28..2026-01-03 has only 3 days in 2026, so week 1 is 2026-01-04..01-10\n"
             "# and its Monday is 01-05. 2027: Jan 1 is a Friday; week 1 = 2027-01-03..01-09, Monday 01-04.")
case("Last week (BYWEEKNO=-1) Monday",
     ["DTSTART:20251222T090000", "RRULE:FREQ=YEARLY;BYWEEKNO=-1;BYDAY=MO;COUNT=3"],
     "20251222T090000 20261228T090000 20271227T090000",
     comment="2025 has 52 weeks (last Monday 12-22), 2026 has 53 (12-28), 2027 has 52 (12-27).")
case("Week 53 Monday with a DTSTART that does not match (DTSTART counts)",
     ["DTSTART:20210104T090000", "RRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO;COUNT=2"],
     "20210104T090000 20261228T090000",
     comment="2021-2025 have no week 53; DTSTART is the first instance and counts toward COUNT.")

# ---------------------------------------------------------------- negative positions, BYSETPOS, BYDAY
case("Monthly second-to-last Friday",
     ["DTSTART:20260123T090000", "RRULE:FREQ=MONTHLY;BYDAY=-2FR;COUNT=4"],
     "20260123T090000 20260220T090000 20260320T090000 20260417T090000",
     section="Negative positions, BYSETPOS, mixed BYDAY (floating sets)")
case("Monthly third-to-last day",
     ["DTSTART:20260129T090000", "RRULE:FREQ=MONTHLY;BYMONTHDAY=-3;COUNT=4"],
     "20260129T090000 20260226T090000 20260329T090000 20260428T090000")
case("Monthly BYSETPOS=-2 over BYMONTHDAY=1,15,-1",
     ["DTSTART:20260115T090000", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15,-1;BYSETPOS=-2;COUNT=3"],
     "20260115T090000 20260215T090000 20260315T090000")
case("Last workday of the month (BYSETPOS=-1)",
     ["DTSTART:20260130T170000", "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=6"],
     "20260130T170000 20260227T170000 20260331T170000 20260430T170000 20260529T170000 20260630T170000")
case("First and last Sunday of March and September (YEARLY BYSETPOS=1,-1)",
     ["DTSTART:20260301T090000", "RRULE:FREQ=YEARLY;BYMONTH=3,9;BYDAY=SU;BYSETPOS=1,-1;COUNT=4"],
     "20260301T090000 20260927T090000 20270307T090000 20270926T090000",
     comment="BYSETPOS selects from the whole year's set (all Sundays of March and September): the first is\n"
             "# the first Sunday of March, the last is the last Sunday of September.")
case("Mixed ordinal and plain BYDAY is the union (-1MO,WE)",
     ["DTSTART:20260401T090000", "RRULE:FREQ=MONTHLY;BYDAY=-1MO,WE;COUNT=8"],
     "20260401T090000 20260408T090000 20260415T090000 20260422T090000 20260427T090000 20260429T090000 "
     "20260506T090000 20260513T090000",
     ref_lines=["DTSTART:20260401T090000", "RRULE:FREQ=MONTHLY;BYDAY=-1MO;UNTIL=20260513T090000",
                "RRULE:FREQ=MONTHLY;BYDAY=WE;UNTIL=20260513T090000"],
     comment="Calcore takes the union: every Wednesday plus the last Monday (dateutil intersects them; the\n"
             "# cross-check uses two separate RRULEs instead).")
case("Weekly BYSETPOS=-1 picks the last of MO,WE,FR (Friday)",
     ["DTSTART:20260306T090000", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=-1;COUNT=3"],
     "20260306T090000 20260313T090000 20260320T090000")
case("Weekly BYSETPOS=2 picks Wednesday",
     ["DTSTART:20260304T090000", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2;COUNT=3"],
     "20260304T090000 20260311T090000 20260318T090000", ref=False,
     comment="BYSETPOS selects from the whole first week {MO 03-02, WE 03-04, FR 03-06}: position 2 is 03-04 (= DTSTART).\n"
             "# Not cross-checked: dateutil builds the first week only from DTSTART on ({WE, FR}) and would give\n"
             "# 03-04, 03-06, 03-11; Calcore's decision is the whole set of each interval.")
case("Weekly BYSETPOS=1 over SU,MO with WKST=SU (Sunday first)",
     ["DTSTART:20260301T090000", "RRULE:FREQ=WEEKLY;BYDAY=SU,MO;BYSETPOS=1;WKST=SU;COUNT=3"],
     "20260301T090000 20260308T090000 20260315T090000")
case("Weekly BYSETPOS=1 over SU,MO with WKST=MO (Monday first)",
     ["DTSTART:20260302T090000", "RRULE:FREQ=WEEKLY;BYDAY=SU,MO;BYSETPOS=1;WKST=MO;COUNT=3"],
     "20260302T090000 20260309T090000 20260316T090000")
case("Daily BYSETPOS over BYHOUR (last hour of each day)",
     ["DTSTART:20260301T170000", "RRULE:FREQ=DAILY;BYHOUR=9,13,17;BYSETPOS=-1;COUNT=3"],
     "20260301T170000 20260302T170000 20260303T170000")

# ---------------------------------------------------------------- RDATE, EXDATE, EXRULE, DTSTART, UNTIL
case("RDATE date-times add instances in order",
     [NY + "20260301T090000", "RRULE:FREQ=WEEKLY;COUNT=3",
      "RDATE;TZID=America/New_York:20260304T140000,20260310T090000"],
     "20260301T090000 20260304T140000 20260308T090000 20260310T090000 20260315T090000",
     section="RDATE, EXDATE, EXRULE, DTSTART and UNTIL")
case("RDATE PERIOD in UTC is shown in the set's zone",
     [NY + "20260301T090000", "RRULE:FREQ=WEEKLY;COUNT=2", "RDATE;VALUE=PERIOD:20260305T150000Z/20260305T160000Z"],
     "20260301T090000 20260305T100000 20260308T090000",
     comment="15:00Z on 2026-03-05 is 10:00 EST.")
case("RDATE PERIOD with duration",
     [NY + "20260301T090000", "RRULE:FREQ=WEEKLY;COUNT=2", "RDATE;VALUE=PERIOD;TZID=America/New_York:20260303T120000/PT2H"],
     "20260301T090000 20260303T120000 20260308T090000")
case("RDATE equal to an RRULE instance is one instance",
     [NY + "20260301T090000", "RRULE:FREQ=WEEKLY;COUNT=3", "RDATE:20260308T130000Z"],
     "20260301T090000 20260308T090000 20260315T090000",
     comment="13:00Z = 09:00 EDT on 2026-03-08: the same instant as the rule's instance.")
case("RDATE equal to DTSTART is one instance",
     ["DTSTART:20260301T090000", "RDATE:20260301T090000,20260302T090000"],
     "20260301T090000 20260302T090000")
case("EXDATE wins over RRULE and RDATE",
     ["DTSTART:20260301T090000", "RRULE:FREQ=DAILY;COUNT=3", "RDATE:20260305T090000",
      "EXDATE:20260302T090000,20260305T090000"],
     "20260301T090000 20260303T090000")
case("EXDATE can remove DTSTART",
     ["DTSTART:20260301T090000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260301T090000"],
     "20260302T090000 20260303T090000",
     comment="COUNT still counts DTSTART: removing it leaves two instances.")
case("EXDATE that matches nothing",
     ["DTSTART:20260301T090000", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260302T100000"],
     "20260301T090000 20260302T090000 20260303T090000")
case("EXDATE as DATE on a date-time set removes the whole day",
     [NY + "20260301T090000", "RRULE:FREQ=DAILY;BYHOUR=9,17;COUNT=6", "EXDATE;VALUE=DATE:20260302"],
     "20260301T090000 20260301T170000 20260303T090000 20260303T170000",
     comment="Both instances of 2026-03-02 (local date in the set's zone) are removed; COUNT applies before EXDATE.")
case("EXRULE removes weekends",
     ["DTSTART:20260307T090000", "RRULE:FREQ=DAILY;COUNT=14", "EXRULE:FREQ=WEEKLY;BYDAY=SA,SU"],
     "20260309T090000 20260310T090000 20260311T090000 20260312T090000 20260313T090000 "
     "20260316T090000 20260317T090000 20260318T090000 20260319T090000 20260320T090000",
     comment="DTSTART is a Saturday and matches the EXRULE itself, so the result does not depend on whether an\n"
             "# EXRULE treats DTSTART as its own first instance.")
case("DTSTART not matching the rule is the first instance and counts",
     ["DTSTART:20260303T090000", "RRULE:FREQ=MONTHLY;BYDAY=1FR;COUNT=3"],
     "20260303T090000 20260306T090000 20260403T090000")
case("DTSTART not matching the rule, zoned",
     [NY + "20260303T090000", "RRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=2"],
     "20260303T090000 20260307T090000")
case("Rule that never produces (30 February): DTSTART only",
     ["DTSTART:20260115T090000", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"],
     "20260115T090000", limit=5, ref=False,
     comment="The rule never produces an instance; DTSTART is still the first (and only) instance. The engine\n"
             "# must end instead of looping. (Not cross-checked: dateutil loops on this rule.)")
case("Rule that never produces (31 April), zoned: DTSTART only",
     [NY + "20260115T090000", "RRULE:FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31"],
     "20260115T090000", limit=3, ref=False,
     comment="(Not cross-checked: dateutil loops on this rule.)")
case("UNTIL equal to an instance is inclusive (floating)",
     ["DTSTART:20260301T090000", "RRULE:FREQ=DAILY;UNTIL=20260303T090000"],
     "20260301T090000 20260302T090000 20260303T090000")
case("UNTIL equal to an instance is inclusive (zoned, UTC UNTIL)",
     [NY + "20260301T090000", "RRULE:FREQ=DAILY;UNTIL=20260303T140000Z"],
     "20260301T090000 20260302T090000 20260303T090000",
     comment="09:00 EST = 14:00Z.")
case("UNTIL before DTSTART: DTSTART only",
     ["DTSTART:20260301T090000", "RRULE:FREQ=DAILY;UNTIL=20260201T090000"],
     "20260301T090000",
     comment="DTSTART is always an instance, even past UNTIL.")
case("COUNT=1 is DTSTART only",
     ["DTSTART:20260301T090000", "RRULE:FREQ=DAILY;COUNT=1"],
     "20260301T090000")
case("Two RRULEs merge and deduplicate",
     ["DTSTART:20260302T090000", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4"],
     "20260302T090000 20260304T090000 20260309T090000 20260311T090000 20260316T090000")
case("Every day, LIMIT on an unbounded floating set",
     ["DTSTART:20261230T230000", "RRULE:FREQ=DAILY"],
     "20261230T230000 20261231T230000 20270101T230000", limit=3)
case("Floating set WINDOW is read in UTC",
     ["DTSTART:20260301T090000", "RRULE:FREQ=DAILY"],
     "20260305T090000 20260306T090000", window="20260305T090000Z/20260307T090000Z",
     comment="Half-open window: 03-05 09:00 is included, 03-07 09:00 is not.")


def main():
    bad = 0
    names = set()
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Hand-computed recurrence cases for Calcore: DST transitions (America/New_York, Europe/London,\n"
                "# Australia/Lord_Howe, Asia/Kolkata), DATE sets, leap years, week numbers, negative positions,\n"
                "# BYSETPOS, mixed BYDAY, RDATE/EXDATE/EXRULE, DTSTART and UNTIL edge cases.\n"
                "# Expected values are the wall-clock times at which instances really start in the set's zone\n"
                "# (gap-shifted instances at their shifted time). Floating and UTC sets are listed in UTC wall time.\n"
                "# Built by tools/dst_cases.py, which cross-checks every hand-written list with\n"
                "# tools/calcore_reference.py (python-dateutil + zoneinfo + Calcore's decisions).\n\n")
        for c in cases:
            assert c["name"] not in names, c["name"]
            names.add(c["name"])
            if c["ref"]:
                got = reference(c["ref_lines"] or c["lines"], c["limit"], c["window"])
                if got != c["expect"]:
                    bad += 1
                    print("MISMATCH", c["name"], "\n  exp", c["expect"], "\n  got", got)
            if c["section"]:
                f.write("# ---- " + c["section"] + "\n\n")
            if c["comment"]:
                f.write("# " + c["comment"] + "\n")
            f.write("CASE " + c["name"] + "\nSOURCE " + SRC + "\n")
            for l in c["lines"]:
                f.write(l + "\n")
            if c["limit"]:
                f.write("LIMIT %d\n" % c["limit"])
            if c["window"]:
                f.write("WINDOW " + c["window"] + "\n")
            f.write("EXPECT\n")
            e = c["expect"]
            for i in range(0, len(e), 6):
                f.write(",".join(e[i:i + 6]) + "\n")
            f.write("\n")
    print(len(cases), "cases,", bad, "mismatches")
    sys.exit(1 if bad else 0)

main()
