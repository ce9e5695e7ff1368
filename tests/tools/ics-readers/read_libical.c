/* Reads an .ics file with libical 3 (Debian libical-dev) and prints the normalized event list as JSON.
 *
 * Build: gcc -O2 -o read_libical read_libical.c $(pkg-config --cflags --libs libical)
 * Usage: read_libical FILE.ics
 *
 * Output: the same document as read_icalendar.py (see there): a list of events sorted by (uid, recurrenceId),
 * each {uid, recurrenceId, start, end, summary, rrule, exdates, attendees}. Times are resolved the way a libical
 * application does it: icalproperty_get_datetime_with_component (the file's VTIMEZONE for the TZID), and when the
 * file has no VTIMEZONE for it, libical's built-in zone of that name; a TZID neither resolves stays floating (no
 * "Z"), which is libical's verdict. end is DTEND, else DTSTART + DURATION, else null; rrule is
 * icalrecurrencetype_as_string of the first RRULE. Exit code 1 with a message on stderr when libical finds no
 * VCALENDAR in the file. Ours (same licence as Calcore). */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* A growable string. */
typedef struct { char *s; size_t n, cap; } buf;
static void put(buf *b, const char *s, size_t n) {
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s) { perror("realloc"); exit(3); }
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}
static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static void json_string(buf *b, const char *s) {
    if (!s) { puts_(b, "null"); return; }
    put(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        switch (*p) {
        case '"': puts_(b, "\\\""); break;
        case '\\': puts_(b, "\\\\"); break;
        case '\n': puts_(b, "\\n"); break;
        case '\r': puts_(b, "\\r"); break;
        case '\t': puts_(b, "\\t"); break;
        default:
            if (*p < 0x20) { snprintf(esc, sizeof esc, "\\u%04x", *p); puts_(b, esc); }
            else put(b, (const char *)p, 1);
        }
    }
    put(b, "\"", 1);
}

/* The value of a DATE or DATE-TIME property with its zone resolved; null time when absent or unreadable. */
static struct icaltimetype resolved(icalproperty *prop, icalcomponent *event) {
    if (!prop) return icaltime_null_time();
    struct icaltimetype t = icalproperty_get_datetime_with_component(prop, event);
    if (!t.is_date && !icaltime_is_utc(t) && t.zone == NULL) {
        icalparameter *tzid = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
        if (tzid) {
            icaltimezone *zone = icaltimezone_get_builtin_timezone(icalparameter_get_tzid(tzid));
            if (zone) t = icaltime_set_timezone(&t, zone);
        }
    }
    return t;
}

/* "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssZ" (an instant) or "yyyy-MM-ddTHH:mm:ss" (floating); NULL for null time. */
static const char *format_time(struct icaltimetype t, char *out, size_t size) {
    if (icaltime_is_null_time(t)) return NULL;
    if (t.is_date) {
        snprintf(out, size, "%04d-%02d-%02d", t.year, t.month, t.day);
    } else if (icaltime_is_utc(t) || t.zone != NULL) {
        time_t utc = icaltime_as_timet_with_zone(t, t.zone ? t.zone : icaltimezone_get_utc_timezone());
        struct tm tm;
        gmtime_r(&utc, &tm);
        strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
    } else {
        snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day, t.hour, t.minute, t.second);
    }
    return out;
}

static void json_time(buf *b, struct icaltimetype t) {
    char text[40];
    const char *s = format_time(t, text, sizeof text);
    if (s) json_string(b, s); else puts_(b, "null");
}

static const char *param_or(icalproperty *p, icalparameter_kind kind, const char *fallback, char *out, size_t size) {
    icalparameter *param = icalproperty_get_first_parameter(p, kind);
    if (!param) return fallback;
    const char *text = icalparameter_as_ical_string(param); /* "NAME=VALUE" */
    const char *eq = text ? strchr(text, '=') : NULL;
    if (!eq) return fallback;
    snprintf(out, size, "%s", eq + 1);
    for (char *c = out; *c; c++) if (*c >= 'a' && *c <= 'z') *c -= 32;
    return out;
}

typedef struct { char *address, *json; } attendee;
typedef struct { char *uid, *rid, *json; } event;

static int by_address(const void *a, const void *b) {
    return strcmp(((const attendee *)a)->address, ((const attendee *)b)->address);
}
static int by_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int by_event(const void *a, const void *b) {
    const event *x = a, *y = b;
    int c = strcmp(x->uid, y->uid);
    return c ? c : strcmp(x->rid, y->rid);
}

static event read_event(icalcomponent *ev) {
    buf b = {0};
    char text[40];
    const char *uid = icalcomponent_get_uid(ev);
    struct icaltimetype rid = resolved(icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY), ev);
    struct icaltimetype start = resolved(icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY), ev);
    struct icaltimetype end = icaltime_null_time();
    icalproperty *dtend = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
    if (dtend) end = resolved(dtend, ev);
    else if (icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY)) {
        struct icaldurationtype d = icalcomponent_get_duration(ev);
        end = icaltime_add(start, d);
    }

    puts_(&b, "{\"uid\":"); json_string(&b, uid);
    puts_(&b, ",\"recurrenceId\":"); json_time(&b, rid);
    puts_(&b, ",\"start\":"); json_time(&b, start);
    puts_(&b, ",\"end\":"); json_time(&b, end);
    puts_(&b, ",\"summary\":"); json_string(&b, icalcomponent_get_first_property(ev, ICAL_SUMMARY_PROPERTY) ? icalcomponent_get_summary(ev) : NULL);
    icalproperty *rrule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
    puts_(&b, ",\"rrule\":");
    if (rrule) {
        struct icalrecurrencetype r = icalproperty_get_rrule(rrule);
        char *s = icalrecurrencetype_as_string(&r);
        json_string(&b, s);
    } else puts_(&b, "null");

    size_t nex = 0, capex = 8;
    char **ex = malloc(capex * sizeof *ex);
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
        const char *s = format_time(resolved(p, ev), text, sizeof text);
        if (!s) continue;
        if (nex == capex) ex = realloc(ex, (capex *= 2) * sizeof *ex);
        ex[nex++] = strdup(s);
    }
    qsort(ex, nex, sizeof *ex, by_str);
    puts_(&b, ",\"exdates\":[");
    for (size_t i = 0; i < nex; i++) { if (i) puts_(&b, ","); json_string(&b, ex[i]); free(ex[i]); }
    free(ex);
    puts_(&b, "]");

    size_t nat = 0, capat = 8;
    attendee *at = malloc(capat * sizeof *at);
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY)) {
        const char *value = icalproperty_get_attendee(p);
        if (!value) continue;
        if (strncasecmp(value, "mailto:", 7) == 0) value += 7;
        char *address = strdup(value);
        for (char *c = address; *c; c++) if (*c >= 'A' && *c <= 'Z') *c += 32;
        char ps[64], ro[64], cu[64];
        buf a = {0};
        puts_(&a, "{\"address\":"); json_string(&a, address);
        puts_(&a, ",\"partstat\":"); json_string(&a, param_or(p, ICAL_PARTSTAT_PARAMETER, "NEEDS-ACTION", ps, sizeof ps));
        puts_(&a, ",\"role\":"); json_string(&a, param_or(p, ICAL_ROLE_PARAMETER, "REQ-PARTICIPANT", ro, sizeof ro));
        puts_(&a, ",\"cutype\":"); json_string(&a, param_or(p, ICAL_CUTYPE_PARAMETER, "INDIVIDUAL", cu, sizeof cu));
        puts_(&a, "}");
        if (nat == capat) at = realloc(at, (capat *= 2) * sizeof *at);
        at[nat].address = address;
        at[nat++].json = a.s;
    }
    qsort(at, nat, sizeof *at, by_address);
    puts_(&b, ",\"attendees\":[");
    for (size_t i = 0; i < nat; i++) {
        if (i) puts_(&b, ",");
        puts_(&b, at[i].json);
        free(at[i].json);
        free(at[i].address);
    }
    free(at);
    puts_(&b, "]}");

    event e;
    e.uid = strdup(uid ? uid : "");
    const char *r = format_time(rid, text, sizeof text);
    e.rid = strdup(r ? r : "");
    e.json = b.s;
    return e;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: read_libical FILE.ics\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    buf text = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) put(&text, chunk, n);
    fclose(f);
    if (!text.s) put(&text, "", 0);

    icalcomponent *root = icalparser_parse_string(text.s);
    if (!root) { fprintf(stderr, "libical %s found no component in %s\n", ICAL_VERSION, argv[1]); return 1; }

    /* One VCALENDAR, or several under an XROOT. */
    icalcomponent *calendars[1024];
    size_t ncal = 0;
    if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) calendars[ncal++] = root;
    else
        for (icalcomponent *c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); c && ncal < 1024;
             c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT))
            calendars[ncal++] = c;
    if (ncal == 0) { fprintf(stderr, "libical %s found no VCALENDAR in %s\n", ICAL_VERSION, argv[1]); return 1; }

    size_t nev = 0, capev = 64;
    event *events = malloc(capev * sizeof *events);
    for (size_t i = 0; i < ncal; i++)
        for (icalcomponent *ev = icalcomponent_get_first_component(calendars[i], ICAL_VEVENT_COMPONENT); ev;
             ev = icalcomponent_get_next_component(calendars[i], ICAL_VEVENT_COMPONENT)) {
            if (nev == capev) events = realloc(events, (capev *= 2) * sizeof *events);
            events[nev++] = read_event(ev);
        }
    qsort(events, nev, sizeof *events, by_event);
    fputs("[", stdout);
    for (size_t i = 0; i < nev; i++) {
        fputs(i ? ",\n" : "\n", stdout);
        fputs(events[i].json, stdout);
    }
    fputs("\n]\n", stdout);
    icalcomponent_free(root);
    return 0;
}
