/*
 * tally.c - counting a trace for --stats, see tally.h.
 */
#include <inttypes.h>
#include <string.h>
#include "trace/names.h"
#include "trace/tally.h"
#include "util/util.h"

static void stat_seen(struct tally *t, const struct mmt_event *ev)
{
	struct mmt_stat s;
	struct tally_stat *ts;
	const char *name;
	size_t n;

	if (t->nstat == TALLY_STATS)
		return;
	decode_copy(ev, &s, sizeof s);
	n = decode_text(ev, sizeof s, &name);
	ts = &t->stat[t->nstat++];
	if (n >= sizeof ts->name)
		n = sizeof ts->name - 1;
	memcpy(ts->name, name, n);
	ts->name[n] = '\0';
	ts->value = s.value;
}

void tally_event(struct tally *t, const struct mmt_event *ev, uint64_t wall)
{
	struct mmt_lost l;

	if (!t->events) {
		t->first_ts = ev->ts;
		t->first_wall = wall;
	}
	t->events++;
	t->per_type[ev->type]++;
	if (ev->ts > t->last_ts)
		t->last_ts = ev->ts;
	t->last_wall = wall;
	if (ev->type == MMT_STAT)
		stat_seen(t, ev);
	if (ev->type == MMT_LOST) {
		decode_copy(ev, &l, sizeof l);
		t->lost_records += l.count;
	}
}

/* events / seconds, or 0 */
static double rate(uint64_t events, double secs)
{
	return secs > 0 ? events / secs : 0;
}

static void print_times(FILE *f, const struct tally *t, uint32_t tsc_khz)
{
	double secs;

	if (tsc_khz && t->events > 1) {
		secs = (t->last_ts - t->first_ts) / (tsc_khz * 1000.0);
		fprintf(f, "span (timestamps): %.6f s\n", secs);
		fprintf(f, "events/s (timestamps): %.0f\n",
			rate(t->events - 1, secs));
	}
	if (t->first_wall && t->events > 1) {
		secs = (t->last_wall - t->first_wall) / 1e9;
		fprintf(f, "span (wall clock): %.6f s\n", secs);
		fprintf(f, "events/s (wall clock): %.0f\n",
			rate(t->events - 1, secs));
	}
	if (t->start_wall && t->first_wall)
		fprintf(f, "first event after QEMU start: %.1f ms\n",
			(t->first_wall - t->start_wall) / 1e6);
}

static void print_types(FILE *f, const struct tally *t)
{
	const char *sep = "";
	unsigned i;

	fprintf(f, "events by type:");
	for (i = 0; i < 256; i++) {
		if (!t->per_type[i])
			continue;
		fprintf(f, "%s %s %" PRIu64, sep, mmt_type_name(i),
			t->per_type[i]);
		sep = ",";
	}
	fprintf(f, "\n");
}

void tally_print(FILE *f, const struct tally *t,
		 const struct decode_stats *ds, uint32_t tsc_khz)
{
	char name[4 * sizeof t->stat[0].name + 1];
	unsigned i;

	fprintf(f, "events: %" PRIu64 "\n", t->events);
	fprintf(f, "wire bytes: %" PRIu64 "\n", ds->bytes);
	if (t->events)
		fprintf(f, "bytes/event: %.2f\n", (double)ds->bytes / t->events);
	fprintf(f, "frames: %" PRIu64 " (heartbeats %" PRIu64 ")\n",
		ds->frames, ds->heartbeats);
	print_times(f, t, tsc_khz);
	fprintf(f, "lost events: %" PRIu64 " (sequence gaps %" PRIu64
		", LOST records %" PRIu64 ")\n", ds->lost + t->lost_records,
		ds->gaps, t->lost_records);
	fprintf(f, "garbage bytes: %" PRIu64 " (bad CRC frames %" PRIu64
		", truncated tail %" PRIu64 ", unknown records %" PRIu64 ")\n",
		ds->garbage_bytes, ds->bad_crc, ds->truncated, ds->unknown);
	print_types(f, t);
	for (i = 0; i < t->nstat; i++)	/* names from a trace: escaped */
		fprintf(f, "stat %s: %" PRIu64 "\n",
			util_printable(name, sizeof name, t->stat[i].name,
				       sizeof t->stat[i].name),
			t->stat[i].value);
}
