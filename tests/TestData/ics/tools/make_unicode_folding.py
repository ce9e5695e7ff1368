#!/usr/bin/env python3
"""Writes ../unicode-folding.ics: content lines folded inside multi-byte UTF-8 characters.

Ours, run once (the output is committed): /usr/bin/python3 make_unicode_folding.py
RFC 5545 section 3.1 says a fold SHOULD NOT split a multi-octet character but that readers must
unfold so as to restore the original sequence; this file exercises exactly that. Every physical
line stays within 75 octets. The script checks that folds fall inside a 2-, a 3- and a 4-byte
character.
"""
import os

def char_len(b):
    return 1 if b < 0x80 else 2 if b >> 5 == 6 else 3 if b >> 4 == 14 else 4

def fold_naive(line: bytes, width=75):
    """Folds every 75 octets (74 after the leading space), ignoring character boundaries."""
    parts, first = [], True
    while line:
        n = width if first else width - 1
        parts.append(line[:n]); line = line[n:]; first = False
    return parts

def fold_at(line: bytes, cuts):
    """Folds at the given octet offsets (cuts into the unfolded line)."""
    parts, prev = [], 0
    for c in cuts:
        parts.append(line[prev:c]); prev = c
    parts.append(line[prev:])
    return parts

def inside(line: bytes, text: str, ch: str, offset: int):
    """Offset inside the first occurrence of ch (offset octets into its encoding)."""
    start = line.index(ch.encode("utf-8"))
    assert 0 < offset < len(ch.encode("utf-8"))
    return start + offset

split_kinds = set()

def record(parts):
    """Remembers which character sizes a fold falls inside."""
    joined = b""
    for p in parts[:-1]:
        joined += p
        # walk the line to find whether the cut is inside a character
        i = 0
        while i < len(joined):
            n = char_len(joined[i])
            if i + n > len(joined):
                split_kinds.add(n)
            i += n
    return parts

out = []
def emit(text: str, cuts=None, naive=False):
    line = text.encode("utf-8")
    if naive:
        parts = fold_naive(line)
    elif cuts:
        parts = fold_at(line, cuts)
    else:
        parts = [line]
    record(parts)
    for i, p in enumerate(parts):
        physical = (b" " if i else b"") + p
        assert len(physical) <= 75, physical
        out.append(physical)

emit("BEGIN:VCALENDAR")
emit("VERSION:2.0")
emit("PRODID:-//Calcore//Test fixtures unicode folding//EN")
emit("BEGIN:VEVENT")
emit("UID:unicode-folding-1@calcore.test")
emit("DTSTAMP:20260301T090000Z")
emit("DTSTART:20260310T090000Z")
emit("DTEND:20260310T100000Z")
s = "SUMMARY:Réunion d'équipe — 会議 — 🎉 Ünïcödé"
b = s.encode("utf-8")
emit(s, cuts=[inside(b, s, "é", 1), inside(b, s, "会", 1), inside(b, s, "会", 2) + 0 if False else inside(b, s, "議", 2), inside(b, s, "🎉", 3)])
d = ("DESCRIPTION:Grüße aus Zürich! Ça va? Ελληνικά κείμενα\\, русский текст\\, "
     "中文文本和日本語のテキスト\\, 한국어 텍스트. Emoji: 😀😃😄😁🎉🎊 and music 𝄞𝄢. "
     "Long enough to be folded several times at 75 octets without regard to character boundaries.")
emit(d, naive=True)
loc = "LOCATION:Bahnhofstraße 1\\, 8001 Zürich"
lb = loc.encode("utf-8")
emit(loc, cuts=[inside(lb, loc, "ß", 1)])
emit("ORGANIZER;CN=Zoë Çelik:mailto:zoe@example.com")
att = "ATTENDEE;CN=\"Þórunn Ægisdóttir\";PARTSTAT=ACCEPTED:mailto:thorunn@example.com"
ab = att.encode("utf-8")
emit(att, cuts=[inside(ab, att, "Þ", 1), inside(ab, att, "Æ", 1)])
emit("ATTENDEE;CN=李小龍;PARTSTAT=TENTATIVE:mailto:li@example.com",
     cuts=[len("ATTENDEE;CN=李".encode("utf-8")) + 2])
emit("END:VEVENT")
emit("BEGIN:VEVENT")
emit("UID:unicode-folding-2@calcore.test")
emit("DTSTAMP:20260301T090000Z")
emit("DTSTART;VALUE=DATE:20260321")
emit("DTEND;VALUE=DATE:20260322")
s2 = "SUMMARY:𝄞 Musik 🎵 音楽 — Frühlingskonzert"
b2 = s2.encode("utf-8")
emit(s2, cuts=[inside(b2, s2, "𝄞", 1), inside(b2, s2, "🎵", 2), inside(b2, s2, "楽", 1), inside(b2, s2, "ü", 1)])
emit("END:VEVENT")
emit("END:VCALENDAR")

assert split_kinds >= {2, 3, 4}, split_kinds
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "unicode-folding.ics")
with open(path, "wb") as f:
    f.write(b"".join(l + b"\r\n" for l in out))
print("wrote", os.path.normpath(path), "splits inside characters of sizes", sorted(split_kinds))
