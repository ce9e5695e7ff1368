/* Expands floating RRULEs with libical, for cross-checking the test data.
 * Build: gcc -O2 -o /tmp/libical_expand tools/libical_expand.c $(pkg-config --cflags --libs libical)
 * Input lines on stdin:  DTSTART<TAB>RULE<TAB>MAX   (DTSTART yyyyMMddTHHmmss or yyyyMMdd, RULE without "RRULE:")
 * Output: one line per input, comma-separated instances (at most MAX), or "ERROR". */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    char line[8192];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = 0;
        char *dt = strtok(line, "\t"), *rule = strtok(NULL, "\t"), *mx = strtok(NULL, "\t");
        if (!dt || !rule || !mx) { puts("ERROR"); continue; }
        int max = atoi(mx);
        struct icaltimetype start = icaltime_from_string(dt);
        struct icalrecurrencetype r = icalrecurrencetype_from_string(rule);
        if (icaltime_is_null_time(start) || r.freq == ICAL_NO_RECURRENCE) { puts("ERROR"); fflush(stdout); continue; }
        icalrecur_iterator *it = icalrecur_iterator_new(r, start);
        if (!it) { puts("ERROR"); fflush(stdout); continue; }
        int n = 0;
        struct icaltimetype t;
        while (n < max && !icaltime_is_null_time(t = icalrecur_iterator_next(it))) {
            printf(n ? ",%s" : "%s", icaltime_as_ical_string(t));
            n++;
        }
        putchar('\n');
        fflush(stdout);
        icalrecur_iterator_free(it);
    }
    return 0;
}
