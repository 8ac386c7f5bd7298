/*
 * test_evlog.c - the event log: CPUs whose frames arrive out of time order
 * come out in (timestamp, cpu, seq) order; live, an event is committed
 * only once every other CPU has been heard from at its time (heartbeats
 * count, STREAM.ncpu announces CPUs not seen yet); gaps and LOST are
 * counted and placed; random access equals iteration across chunks and
 * blocks; seq numbers survive the packing; the log is smaller than the
 * trace's stream.  At a halt, events read from the rings join the log
 * before their frames, which then add nothing twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/encode.h"
#include "trace/evlog.h"
#include "tap.h"

struct buf {
	uint8_t *p;
	size_t len, cap;
};

static void out_buf(void *arg, const void *data, size_t n)
{
	struct buf *b = arg;

	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 4096;
		b->p = realloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void stream_rec(struct encoder *e, unsigned ncpu, uint64_t ts)
{
	struct mmt_stream s = { { MMT_STREAM, sizeof s, 0 }, MMT_STREAM_MAGIC,
				MMT_VERSION, ncpu, 4, 1000000, { 0 },
				MMT_VERSION_MINOR, 0 };

	encode_record(e, 0, ts, &s);
}

/* A MARK whose pid field carries a tag, so events can be told apart. */
static void mark(struct encoder *e, int cpu, uint64_t ts, unsigned tag)
{
	struct mmt_mark m = { { MMT_MARK, sizeof m, 0 }, tag, 0, 0 };

	encode_record(e, cpu, ts, &m);
}

/* END: the run is over and every CPU sent what it had (no cut notes). */
static void end(struct encoder *e, uint64_t ts)
{
	struct mmt_end x = { { MMT_END, sizeof x, 0 }, MMT_END_OK, 0, 0, 0,
			     0, 0, 0 };

	encode_record(e, 0, ts, &x);
	encode_flush(e);
}

static unsigned tag_of(const struct mmt_event *ev)
{
	struct mmt_mark m;

	memcpy(&m, ev->rec, sizeof m);
	return m.pid;
}

/* Frames of CPU 1 sent before older frames of CPU 0; a tie in time. */
static void test_order(void)
{
	struct buf b = { 0 };
	struct encoder e;
	struct evlog *log = evlog_new();
	struct evlog_iter it;
	struct mmt_event ev;
	unsigned want[] = { 0, 10, 11, 12, 13, 15, 14, 16 }, i = 0, good = 0;
	uint64_t last = 0;

	encode_init(&e, 4, out_buf, &b);
	stream_rec(&e, 2, 16);			/* tag 0: the STREAM */
	mark(&e, 1, 320, 12);
	mark(&e, 1, 480, 14);		/* tie with cpu 0: cpu 0 first */
	encode_flush(&e);
	mark(&e, 0, 160, 10);
	mark(&e, 0, 304, 11);
	mark(&e, 0, 400, 13);
	mark(&e, 0, 480, 15);
	encode_flush(&e);
	mark(&e, 1, 496, 16);
	encode_flush(&e);
	evlog_feed(log, b.p, b.len);
	evlog_finish(log);
	evlog_iter_init(&it, log, 0);
	while (evlog_next(&it, &ev) && i < 8) {
		good += (i == 0 ? ev.type == MMT_STREAM : tag_of(&ev) == want[i])
			&& ev.ts >= last && ev.n == i;
		last = ev.ts;
		i++;
	}
	tap_ok(evlog_count(log) == 8 && good == 8, "8 events of 2 CPUs in (ts, "
	       "cpu, seq) order whatever order their frames came in (%u good)",
	   good);
	evlog_get(log, 5, &ev);
	tap_ok(ev.cpu == 0 && ev.ts == 480 && tag_of(&ev) == 15 && ev.seq == 4,
	       "at equal timestamps the lower CPU comes first (event 5: cpu %u "
	       "seq %u)", ev.cpu, ev.seq);
	evlog_free(log);
	free(b.p);
}

/* Feed frame by frame, as a live run would, and watch the count. */
static void test_watermark(void)
{
	struct buf b = { 0 };
	struct encoder e;
	struct evlog *log = evlog_new();
	size_t at = 0;
	uint64_t c[6];

	encode_init(&e, 4, out_buf, &b);
#define STEP(k) do { encode_flush(&e); evlog_feed(log, b.p + at, b.len - at); \
		     at = b.len; c[k] = evlog_count(log); } while (0)
	stream_rec(&e, 2, 16);
	mark(&e, 0, 160, 1);
	STEP(0);			/* cpu 1 announced, never heard */
	mark(&e, 1, 100, 2);
	STEP(1);			/* cpu 1 at 100: stream and its mark */
	encode_heartbeat(&e, 1, 320);
	STEP(2);			/* cpu 1 idle until 320: cpu 0's 160 */
	mark(&e, 0, 480, 3);
	STEP(3);			/* 480 > 320: waits */
	mark(&e, 1, 640, 4);
	STEP(4);			/* now 480 goes; 640 waits for cpu 0 */
#undef STEP
	tap_ok(c[0] == 0 && c[1] == 2 && c[2] == 3 && c[3] == 3 && c[4] == 4,
	       "live: committed %llu %llu %llu %llu %llu, want 0 2 3 3 4 (a "
	       "CPU announced by STREAM, a heartbeat, the watermark)",
	       (unsigned long long)c[0], (unsigned long long)c[1],
	       (unsigned long long)c[2], (unsigned long long)c[3],
	       (unsigned long long)c[4]);
	evlog_finish(log);
	tap_ok(evlog_count(log) == 5, "the end of input commits the rest");
	evlog_free(log);
	free(b.p);
}

/*
 * A gap on cpu 1 and a LOST record on cpu 0: each is placed just after
 * the last event of its CPU before it, where the events were lost.
 */
static void test_gaps(void)
{
	struct buf b = { 0 };
	struct encoder e;
	struct evlog *log = evlog_new();
	struct mmt_lost lost = { { MMT_LOST, sizeof lost, 0 }, 5 };
	const struct evlog_note *v;
	struct mmt_event ev;
	size_t nv;

	encode_init(&e, 4, out_buf, &b);
	stream_rec(&e, 2, 16);
	mark(&e, 1, 32, 1);			/* event 1, cpu 1's last */
	mark(&e, 0, 48, 2);			/* event 2 */
	encode_flush(&e);
	encode_skip(&e, 1, 7);
	mark(&e, 1, 64, 3);			/* event 3, after the gap */
	encode_flush(&e);
	encode_record(&e, 0, 80, &lost);	/* event 4: lost after 48 */
	encode_skip(&e, 1, 2);			/* a gap with nothing after */
	encode_heartbeat(&e, 1, 96);
	end(&e, 112);
	evlog_feed(log, b.p, b.len);
	evlog_finish(log);
	v = evlog_notes(log, &nv);
	evlog_get(log, 3, &ev);
	tap_ok(nv == 3 && v[0].n == 2 && v[0].dg.kind == DIAG_GAP &&
	       v[0].dg.cpu == 1 && v[0].dg.expected == 1 && v[0].dg.got == 8 &&
	       ev.seq == 8 && tag_of(&ev) == 3,
	       "a gap is placed after its CPU's last event, before later ones");
	tap_ok(nv == 3 && v[1].n == 3 && v[1].dg.kind == DIAG_LOST &&
		       v[1].dg.cpu == 0 && v[1].dg.got == 5 &&
		       evlog_note_at(log, 3) == 1,
	       "a LOST record's loss is placed after its CPU's previous event");
	tap_ok(nv == 3 && v[2].n == 4 && v[2].dg.got == 11,
	       "a gap seen only in a heartbeat: after its CPU's last event "
	       "too");
	tap_ok(evlog_lost(log) == 7 + 2 + 5,
	       "lost: gaps and LOST counts (%llu)",
	       (unsigned long long)evlog_lost(log));
	evlog_free(log);
	free(b.p);
}

/* How many gaps the log noted. */
static size_t gaps(const struct evlog *log)
{
	const struct evlog_note *g;
	size_t n, i, k = 0;

	g = evlog_notes(log, &n);
	for (i = 0; i < n; i++)
		k += g[i].dg.kind == DIAG_GAP;
	return k;
}

/* Give the log a MARK of cpu as read from its ring at a halt. */
static void ring(struct evlog *log, int cpu, uint32_t seq, uint64_t ts,
		 unsigned tag)
{
	struct mmt_mark m = { { MMT_MARK, sizeof m, 0 }, tag, 0, 0 };
	struct mmt_event ev = { .ts = ts, .seq = seq, .cpu = cpu,
				.type = MMT_MARK, .size = sizeof m,
				.rec = (const uint8_t *)&m };

	evlog_add(log, &ev);
}

/* The tags of the log's events from 0, into s ("0 1 2"). */
static const char *tags(const struct evlog *log, char *s, size_t len)
{
	struct evlog_iter it;
	struct mmt_event ev;
	size_t at = 0;

	s[0] = '\0';
	evlog_iter_init(&it, log, 0);
	while (evlog_next(&it, &ev) && at < len)
		at += snprintf(s + at, len - at, "%s%u", at ? " " : "",
			       ev.type == MMT_STREAM ? 0 : tag_of(&ev));
	return s;
}

/*
 * A halt: cpu 1's event at 200 waits for cpu 0, whose ring holds two
 * records more; cpu 1's ring one.  Given them and told the time of the
 * halt, the log commits all in order; their frames, coming later, add
 * nothing twice and show no gap.  Then a halt while cpu 1 has a record
 * under way (stamped at 700, committed after the halt): the time given
 * is just before it, so what is later waits, and the late record takes
 * its place in order.
 */
static void test_halt(void)
{
	struct buf b = { 0 };
	struct encoder e;
	struct evlog *log = evlog_new();
	size_t sent, nv;
	uint64_t c[3];
	char s[3][64];

	encode_init(&e, 4, out_buf, &b);
	stream_rec(&e, 2, 16);
	mark(&e, 0, 160, 1);
	encode_flush(&e);
	mark(&e, 1, 200, 2);
	encode_flush(&e);
	evlog_feed(log, b.p, b.len);
	c[0] = evlog_count(log);	/* stream, 160; 200 waits for cpu 0 */
	sent = b.len;
	mark(&e, 0, 320, 3);		/* the rings at the halt: */
	mark(&e, 0, 480, 5);
	encode_flush(&e);
	mark(&e, 1, 400, 4);
	encode_flush(&e);
	ring(log, 0, 2, 320, 3);
	ring(log, 0, 3, 480, 5);
	ring(log, 1, 1, 400, 4);
	ring(log, 0, 1, 160, 1);	/* had it: ignored */
	evlog_halted(log, 480);
	c[1] = evlog_count(log);
	tags(log, s[0], sizeof s[0]);
	mark(&e, 1, 600, 6);		/* the machine runs on */
	encode_flush(&e);
	mark(&e, 0, 640, 7);
	encode_flush(&e);
	evlog_feed(log, b.p + sent, b.len - sent);
	sent = b.len;
	tags(log, s[1], sizeof s[1]);
	evlog_notes(log, &nv);
	tap_ok(c[0] == 2 && c[1] == 6 && !strcmp(s[0], "0 1 2 3 4 5"),
	       "a halt: the rings' events join the log, all of them "
	       "committed in order (%llu then %llu: %s)",
	       (unsigned long long)c[0], (unsigned long long)c[1], s[0]);
	tap_ok(!strcmp(s[1], "0 1 2 3 4 5 6") && nv == 0,
	       "their frames add nothing twice, and no gap (%s; %zu notes)",
	       s[1], nv);
	mark(&e, 0, 800, 9);		/* in cpu 0's ring at the halt */
	encode_flush(&e);
	mark(&e, 1, 700, 8);		/* under way on cpu 1 */
	encode_flush(&e);
	ring(log, 0, 3 + 2, 800, 9);
	evlog_halted(log, 699);
	c[2] = evlog_count(log);	/* 640 goes; 800 waits for cpu 1 */
	evlog_feed(log, b.p + sent, b.len - sent);
	evlog_finish(log);
	tags(log, s[2], sizeof s[2]);
	nv = gaps(log);			/* the end without END is noted */
	tap_ok(c[2] == 8 && !strcmp(s[2], "0 1 2 3 4 5 6 7 8 9") && nv == 0,
	       "a record under way at a halt: what is later waits for it "
	       "(%llu committed at the halt; then %s)",
	       (unsigned long long)c[2], s[2]);
	evlog_free(log);
	free(b.p);
}

/*
 * Many events of 3 CPUs with random sizes and occasional gaps: random
 * access equals iteration, seq numbers are right, and the log is smaller
 * than the stream.
 */
static void test_random_access(void)
{
	enum { N = 120000 };
	struct buf b = { 0 };
	struct encoder e;
	struct evlog *log = evlog_new();
	struct evlog_iter it;
	struct mmt_event ev, ev2;
	uint8_t rec[MMT_REC_MAX];
	uint32_t seq[3] = { 0, 0, 0 }, *want_seq = malloc(N * sizeof *want_seq);
	uint64_t ts = 1000;
	unsigned i, cpu, bad = 0, bad_seq = 0;

	srand(4);
	encode_init(&e, 4, out_buf, &b);
	for (i = 0; i < N; i++) {
		cpu = rand() % 3;
		if (rand() % 5000 == 0) {
			encode_skip(&e, cpu, 3);
			seq[cpu] += 3;
		}
		memset(rec, i & 0x7f, sizeof rec);
		rec[0] = MMT_MARK;
		rec[1] = 8 + rand() % (MMT_TEXT_MAX + 1);
		ts += 16 * (1 + rand() % (rand() % 50 ? 40 : 400000));
		encode_record(&e, cpu, ts, rec);
		want_seq[i] = seq[cpu]++;
	}
	encode_flush(&e);
	evlog_feed(log, b.p, b.len);
	evlog_finish(log);
	evlog_iter_init(&it, log, 0);
	for (i = 0; evlog_next(&it, &ev); i++)
		bad_seq += ev.seq != want_seq[i] || ev.rec[2 + 4] != (i & 0x7f);
	for (i = 0; i < 2000; i++) {
		uint64_t n = (uint64_t)rand() * rand() % N;

		evlog_iter_init(&it, log, n);
		evlog_next(&it, &ev);
		bad += evlog_get(log, n, &ev2) != 0 || ev.n != n ||
		       ev2.ts != ev.ts || ev2.seq != ev.seq ||
		       memcmp(ev.rec, ev2.rec, ev.size) || ev.seq != want_seq[n];
	}
	tap_ok(evlog_count(log) == N && bad_seq == 0,
	       "%u events in order, seq and record intact (%u wrong)", N,
	       bad_seq);
	tap_ok(bad == 0, "2000 random reads equal iteration (%u differ)", bad);
	tap_ok(evlog_get(log, N, &ev) == -1, "reading past the end fails");
	tap_ok(evlog_memory(log) < b.len + b.len / 2,
	       "log memory %zu bytes for a %zu-byte stream", evlog_memory(log),
	       b.len);
	evlog_free(log);
	free(want_seq);
	free(b.p);
}

/*
 * Records of a type this reader does not know (a newer kernel's), in
 * the hundred thousand, on 3 CPUs, waiting for a fourth that never
 * speaks, until the end of the input: each is noted in its place in the
 * order, just before the first event after it in time, and they come
 * out in (time, cpu, seq) order.  (Issue 18.6: the search for the
 * oldest waiting note made 200k of them take 12.5 s.)
 */
static void test_unknown(void)
{
	struct mmt_rec unk = { 200, sizeof unk, 0 };
	const struct evlog_note *v;
	struct evlog *log = evlog_new();
	struct mmt_event before, after;
	struct buf b = { 0 };
	struct encoder e;
	size_t nv, i, placed = 0, ordered = 0;
	unsigned k, nunk = 0;

	encode_init(&e, 4, out_buf, &b);
	stream_rec(&e, 4, 16);		/* cpu 3 never speaks: all wait */
	for (k = 0; k < 150000; k++) {	/* time goes up; CPUs in turn */
		if (k % 3)
			encode_record(&e, k % 3, 32 + 16 * (k / 2), &unk),
			nunk++;
		else
			mark(&e, 0, 32 + 16 * (k / 2), k);
		if (k % 97 == 0)
			encode_flush(&e);
	}
	end(&e, 32 + 16 * (k / 2));
	evlog_feed(log, b.p, b.len);
	evlog_finish(log);
	v = evlog_notes(log, &nv);
	for (i = 0; i < nv; i++) {
		if (v[i].dg.kind != DIAG_UNKNOWN)
			continue;
		if ((v[i].n == 0 || (!evlog_get(log, v[i].n - 1, &before) &&
				     before.ts <= v[i].dg.ts)) &&
		    (evlog_get(log, v[i].n, &after) < 0 ||
		     after.ts >= v[i].dg.ts))
			placed++;
		if (i == 0 || v[i - 1].dg.ts < v[i].dg.ts ||
		    (v[i - 1].dg.ts == v[i].dg.ts &&
		     v[i - 1].dg.cpu < v[i].dg.cpu))
			ordered++;
	}
	tap_ok(nv == nunk && placed == nunk,
	       "%u unknown records: %zu noted, %zu in their place", nunk, nv,
	       placed);
	tap_ok(ordered == nv, "the notes in (time, cpu) order: %zu of %zu",
	       ordered, nv);
	evlog_free(log);
	free(b.p);
}

int main(void)
{
	tap_plan(17);
	test_order();
	test_watermark();
	test_gaps();
	test_halt();
	test_random_access();
	test_unknown();
	return tap_done();
}
