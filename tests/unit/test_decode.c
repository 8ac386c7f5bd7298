/*
 * test_decode.c - the frame decoder against the encoder: every record
 * type round-trips; garbage is skipped and reported with the right counts;
 * feeding in any chunking gives the same callbacks; truncated tails,
 * unknown types, gaps, heartbeats and bad stream headers are reported;
 * and a fixed-seed fuzz (random bytes, truncations, bit flips) never
 * delivers an event that was not sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace/decode.h"
#include "trace/encode.h"
#include "trace/names.h"
#include "tap.h"

/* --- a growable byte buffer, the encoder's output ---------------------- */

struct buf {
	uint8_t *p;
	size_t len, cap;
};

static void buf_add(struct buf *b, const void *data, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 4096;
		b->p = realloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

/* --- what the decoder reported ----------------------------------------- */

struct ev {
	uint64_t ts;
	uint32_t seq;
	uint8_t cpu, type, size;
	uint8_t rec[256];
};

struct log {
	struct ev *ev;
	size_t nev, cap;
	struct mmt_diag dg[4096];
	size_t ndg;
	struct buf trace;		/* every callback, serialised */
};

static void on_event(void *arg, const struct mmt_event *e)
{
	struct log *l = arg;
	struct ev *v;

	if (l->nev == l->cap) {
		l->cap = l->cap * 2 + 1024;
		l->ev = realloc(l->ev, l->cap * sizeof *l->ev);
	}
	v = &l->ev[l->nev++];
	v->ts = e->ts;
	v->seq = e->seq;
	v->cpu = e->cpu;
	v->type = e->type;
	v->size = e->size;
	memcpy(v->rec, e->rec, e->size);
	buf_add(&l->trace, "E", 1);
	buf_add(&l->trace, v, offsetof(struct ev, rec));
	buf_add(&l->trace, e->rec, e->size);
}

static void on_diag(void *arg, const struct mmt_diag *g)
{
	struct log *l = arg;
	struct mmt_diag c = *g;

	if (l->ndg < sizeof l->dg / sizeof l->dg[0])
		l->dg[l->ndg++] = *g;
	c.why = NULL;			/* compare the facts, not the pointer */
	buf_add(&l->trace, "D", 1);
	buf_add(&l->trace, &c, sizeof c);
}

static const struct decode_ops log_ops = { on_event, on_diag };

static void log_free(struct log *l)
{
	free(l->ev);
	free(l->trace.p);
	memset(l, 0, sizeof *l);
}

/* Decode b in chunks of chunk bytes (0: random sizes); finish. */
static void decode_all(struct log *l, const uint8_t *p, size_t n, size_t chunk,
		       struct decode_stats *st)
{
	struct decoder d;
	size_t at = 0, k;

	memset(l, 0, sizeof *l);
	decode_init(&d, &log_ops, l);
	while (at < n) {
		k = chunk ? chunk : 1 + (size_t)rand() % 300;
		if (k > n - at)
			k = n - at;
		decode_feed(&d, p + at, k);
		at += k;
	}
	decode_finish(&d);
	if (st)
		*st = d.st;
}

static size_t count_diags(const struct log *l, int kind)
{
	size_t i, n = 0;

	for (i = 0; i < l->ndg; i++)
		n += l->dg[i].kind == kind;
	return n;
}

/* --- a generator of valid streams that remembers what it sent ---------- */

struct frame_info {
	size_t off, len;		/* in the stream, delimiter included */
	size_t first;		/* index of its first record in sent[] */
	int nrec;			/* -1: a lone delimiter */
	int cpu;
	uint32_t seq;
};

struct gen {
	struct encoder enc;
	struct buf wire;
	struct ev *sent;
	size_t nsent, cap;
	size_t pending;			/* first record not yet in a frame */
	struct frame_info fr[20000];
	size_t nfr;
	uint32_t seq[DECODE_MAXCPU];	/* next seq per CPU, as the encoder */
	uint64_t now[DECODE_MAXCPU];	/* last ts per CPU */
};

static void gen_out(void *arg, const void *data, size_t n)
{
	struct gen *g = arg;
	struct frame_info *f = &g->fr[g->nfr++];
	struct mmt_frame h;

	f->off = g->wire.len;
	f->len = n;
	f->first = g->pending;
	f->nrec = n == 1 ? -1 : (int)(g->nsent - g->pending);
	f->cpu = -1;
	if (f->nrec >= 0) {		/* the encoder's frame, still decoded */
		memcpy(&h, g->enc.frame, sizeof h);
		f->cpu = h.cpu;
		f->seq = h.seq;
	}
	g->pending = g->nsent;
	buf_add(&g->wire, data, n);
}

static void gen_init(struct gen *g, unsigned shift)
{
	memset(g, 0, sizeof *g);
	encode_init(&g->enc, shift, gen_out, g);
}

static void gen_free(struct gen *g)
{
	free(g->wire.p);
	free(g->sent);
}

/* Send rec (rec[1] bytes) from cpu at ts. */
static void gen_record(struct gen *g, int cpu, uint64_t ts, const uint8_t *rec)
{
	struct ev *v;

	encode_record(&g->enc, cpu, ts, rec);	/* may close the last frame */
	if (g->nsent == g->cap) {
		g->cap = g->cap * 2 + 1024;
		g->sent = realloc(g->sent, g->cap * sizeof *g->sent);
	}
	v = &g->sent[g->nsent++];
	v->ts = ts >> g->enc.shift << g->enc.shift;
	v->cpu = cpu;
	v->seq = g->seq[cpu]++;
	v->type = rec[0];
	v->size = rec[1];
	memcpy(v->rec, rec, rec[1]);
	g->now[cpu] = ts;
}

/* A record of a known type with random contents (text included). */
static void make_record(uint8_t *rec, unsigned type)
{
	const struct mmt_type_info *t = &mmt_types[type];
	size_t size = t->size, i;
	struct mmt_stream s;

	if (t->text)
		size += rand() % (MMT_REC_MAX - t->size + 1);
	for (i = 0; i < size; i++)
		rec[i] = rand();
	rec[0] = type;
	rec[1] = size;
	if (type == MMT_STREAM) {	/* keep it a valid stream header */
		memcpy(&s, rec, sizeof s);
		s.magic = MMT_STREAM_MAGIC;
		s.version = MMT_VERSION;
		s.tsc_shift = DECODE_SHIFT_DEFAULT;
		memcpy(rec, &s, sizeof s);
	}
}

static unsigned random_type(void)
{
	unsigned t;

	do
		t = 2 + rand() % 254;
	while (!mmt_types[t].name);
	return t;
}

/* A stream of n random records from ncpu CPUs, with heartbeats. */
static void gen_stream(struct gen *g, size_t n, int ncpu)
{
	uint8_t rec[MMT_REC_MAX];
	uint64_t step;
	size_t i;
	int cpu;

	gen_init(g, DECODE_SHIFT_DEFAULT);
	for (cpu = 0; cpu < ncpu; cpu++)
		g->now[cpu] = 1 << 20;
	encode_delim(&g->enc);
	make_record(rec, MMT_STREAM);
	gen_record(g, 0, 1 << 20, rec);
	for (i = 0; i < n; i++) {
		cpu = rand() % ncpu;
		step = rand() % 8 ? (uint64_t)(rand() % 4000) :
				    (uint64_t)rand() << 8;
		if (rand() % 50 == 0) {
			encode_heartbeat(&g->enc, cpu, g->now[cpu] + step);
			g->now[cpu] += step;
			continue;
		}
		make_record(rec, random_type());
		gen_record(g, cpu, g->now[cpu] + step, rec);
	}
	encode_flush(&g->enc);
}

/* Are the decoded event e and the sent record s the same? */
static int same_event(const struct ev *e, const struct ev *s)
{
	return e->cpu == s->cpu && e->seq == s->seq && e->ts == s->ts &&
	       e->type == s->type && e->size == s->size &&
	       e->rec[1] == s->rec[1] &&
	       !memcmp(e->rec + 4, s->rec + 4, s->size - 4);
}

/* --- the tests --------------------------------------------------------- */

/* Every known type, random contents, three CPUs: all come back intact. */
static void test_round_trip(void)
{
	uint8_t rec[MMT_REC_MAX], seen[256] = { 0 };
	struct gen g;
	struct log l;
	size_t i, bad = 0, types = 0, ntypes = 0;
	unsigned t;

	gen_init(&g, DECODE_SHIFT_DEFAULT);
	for (i = 0; i < 3000; i++) {
		t = i < 256 ? i : random_type();
		if (!mmt_types[t].name)
			continue;
		make_record(rec, t);
		gen_record(&g, i % 3, (1 << 20) + i * 4096, rec);
	}
	encode_flush(&g.enc);
	decode_all(&l, g.wire.p, g.wire.len, g.wire.len, NULL);
	for (i = 0; i < l.nev && i < g.nsent; i++) {
		bad += !same_event(&l.ev[i], &g.sent[i]);
		seen[l.ev[i].type] = 1;
	}
	for (t = 0; t < 256; t++) {
		types += seen[t];
		ntypes += mmt_types[t].name != NULL;
	}
	tap_ok(l.nev == g.nsent && !bad && !l.ndg,
	       "%zu records round-trip: cpu, seq, ts, type, size and every "
	       "byte (%zu differ, %zu diags)",
	       g.nsent, bad, l.ndg);
	tap_ok(types == ntypes && ntypes == 32, "all %zu record types of "
	       "mmtrace.h came back", types);
	gen_free(&g);
	log_free(&l);
}

/* Timestamps across 16-bit delta overflow and a learned tsc_shift. */
static void test_timestamps(void)
{
	uint8_t rec[MMT_REC_MAX];
	uint64_t ts = 1ull << 40;
	struct mmt_stream s;
	struct gen g;
	struct log l;
	size_t i, bad = 0;

	gen_init(&g, 6);
	make_record(rec, MMT_STREAM);
	memcpy(&s, rec, sizeof s);
	s.tsc_shift = 6;
	memcpy(rec, &s, sizeof s);
	gen_record(&g, 0, ts, rec);
	for (i = 0; i < 500; i++) {
		ts += (uint64_t)(rand() % 3 ? rand() % 70000 : rand()) << 6;
		make_record(rec, MMT_MM_REF);
		gen_record(&g, 0, ts, rec);
	}
	encode_flush(&g.enc);
	decode_all(&l, g.wire.p, g.wire.len, g.wire.len, NULL);
	for (i = 0; i < l.nev; i++)
		bad += l.ev[i].ts != g.sent[i].ts;
	tap_ok(l.nev == g.nsent && !bad && g.nfr > 10,
	       "timestamps exact with tsc_shift 6 from STREAM, over %zu frames "
	       "(%zu wrong)",
	       g.nfr, bad);
	gen_free(&g);
	log_free(&l);
}

/* Insert len bytes of garbage into b at pos. */
static void insert(struct buf *b, size_t pos, const uint8_t *junk, size_t len)
{
	buf_add(b, junk, len);		/* make room */
	memmove(b->p + pos + len, b->p + pos, b->len - len - pos);
	memcpy(b->p + pos, junk, len);
}

/* The frame whose span holds stream position pos (before insertion). */
static struct frame_info *frame_at(struct gen *g, size_t pos)
{
	size_t i;

	for (i = 0; i < g->nfr; i++)
		if (pos >= g->fr[i].off && pos < g->fr[i].off + g->fr[i].len)
			return &g->fr[i];
	return NULL;
}

/*
 * Insert 40 runs of non-zero garbage at random places of g's stream into
 * s; mark the frames they land in as lost.  Returns the garbage bytes.
 */
static size_t damage(struct gen *g, struct buf *s, uint8_t *lost)
{
	uint8_t junk[100];
	size_t pos[40], i, j, k, total = 0;
	struct frame_info *f;

	buf_add(s, g->wire.p, g->wire.len);
	for (i = 0; i < 40; i++)	/* positions in the original stream */
		pos[i] = rand() % (g->wire.len - 1);
	for (i = 0; i < 40; i++)	/* sorted from the end backwards, */
		for (j = i + 1; j < 40; j++)	/* so earlier ones stay */
			if (pos[j] > pos[i]) {
				k = pos[i]; pos[i] = pos[j]; pos[j] = k;
			}
	for (i = 0; i < 40; i++) {
		k = 1 + rand() % sizeof junk;
		for (j = 0; j < k; j++)
			junk[j] = 1 + rand() % 255;
		insert(s, pos[i], junk, k);
		total += k;
		f = frame_at(g, pos[i]);
		if (f && f->nrec >= 0)
			lost[f - g->fr] = 1;
	}
	return total;
}

/* Was the gap before frame f, of cpu f->cpu from seq next, reported? */
static int gap_seen(const struct log *l, const struct frame_info *f,
		    uint32_t next)
{
	size_t j;

	for (j = 0; j < l->ndg; j++)
		if (l->dg[j].kind == DIAG_GAP && l->dg[j].cpu == f->cpu &&
		    l->dg[j].expected == next && l->dg[j].got == f->seq)
			return 1;
	return 0;
}

/*
 * Non-zero garbage at random places: the frame it lands in is lost, all
 * others decode; each CPU's next surviving frame reports the gap; every
 * dropped byte is accounted for.
 */
static void test_garbage(void)
{
	static uint8_t lost[20000];
	struct gen g;
	struct log l;
	struct buf s = { 0 };
	size_t i, j, junk, want_junk, got_junk = 0;
	size_t want_ev = 0, bad_ev = 0, gaps_ok = 0, gaps_want = 0;
	uint32_t next[DECODE_MAXCPU] = { 0 };
	struct frame_info *f;

	gen_stream(&g, 3000, 3);
	want_junk = junk = damage(&g, &s, lost);
	decode_all(&l, s.p, s.len, s.len, NULL);
	for (i = 0, f = g.fr; i < g.nfr; i++, f++) {
		if (f->nrec < 0)
			continue;
		if (lost[i]) {
			want_junk += f->len - 1;
			continue;
		}
		for (j = 0; j < (size_t)f->nrec; j++, want_ev++)
			bad_ev += want_ev >= l.nev ||
				  !same_event(&l.ev[want_ev], &g.sent[f->first + j]);
		if (f->seq != next[f->cpu]) {
			gaps_ok += gap_seen(&l, f, next[f->cpu]);
			gaps_want++;
		}
		next[f->cpu] = f->seq + f->nrec;
	}
	for (j = 0; j < l.ndg; j++)
		if (l.dg[j].kind == DIAG_GARBAGE || l.dg[j].kind == DIAG_BAD_CRC)
			got_junk += l.dg[j].bytes;
	tap_ok(l.nev == want_ev && !bad_ev, "garbage at 40 places: the %zu "
	       "events of intact frames decode (%zu decoded, %zu differ)",
	       want_ev, l.nev, bad_ev);
	tap_ok(gaps_want > 0 && gaps_ok == gaps_want &&
		       count_diags(&l, DIAG_GAP) == gaps_want,
	       "each gap reported once with cpu, expected and got seq (%zu of "
	       "%zu)",
	       gaps_ok, gaps_want);
	tap_ok(got_junk == want_junk,
	       "garbage reports add up to the %zu bytes inserted plus the "
	       "frames they broke (%zu reported, %zu expected)",
	       junk, got_junk, want_junk);
	gen_free(&g);
	log_free(&l);
	free(s.p);
}

/* Garbage with zeros in it, between frames: nothing is lost. */
static void test_garbage_between(void)
{
	struct gen g;
	struct log l;
	struct buf s = { 0 };
	uint8_t junk[300];
	size_t i, j, k, nonzero = 0, got = 0;

	gen_stream(&g, 1000, 2);
	buf_add(&s, g.wire.p, g.wire.len);
	for (i = g.nfr; i-- > 1; ) {
		if (rand() % 4)
			continue;
		k = 1 + rand() % sizeof junk;
		for (j = 0; j < k; j++)
			junk[j] = rand() % 4 ? rand() : 0;
		junk[k - 1] = 0;	/* ends at a delimiter: a clean cut */
		for (j = 0; j < k; j++)
			nonzero += junk[j] != 0;
		insert(&s, g.fr[i].off, junk, k);
	}
	decode_all(&l, s.p, s.len, s.len, NULL);
	for (i = 0; i < l.ndg; i++)
		got += l.dg[i].bytes * (l.dg[i].kind == DIAG_GARBAGE ||
					l.dg[i].kind == DIAG_BAD_CRC);
	tap_ok(l.nev == g.nsent && !count_diags(&l, DIAG_GAP) && got == nonzero,
	       "garbage ending in 0x00 between frames: all %zu events, no gap, "
	       "%zu garbage bytes reported of %zu", g.nsent, got, nonzero);
	gen_free(&g);
	log_free(&l);
	free(s.p);
}

/* Whole buffer, one byte at a time and random chunks: same callbacks. */
static void test_chunking(void)
{
	struct gen g;
	struct log whole, one, rnd;
	struct buf s = { 0 };
	uint8_t junk[50];
	size_t i, pos;

	gen_stream(&g, 2000, 3);
	buf_add(&s, g.wire.p, g.wire.len);
	for (i = 0; i < 10; i++) {	/* garbage, zeros included */
		pos = rand() % s.len;
		for (size_t j = 0; j < sizeof junk; j++)
			junk[j] = rand() % 5 ? rand() : 0;
		insert(&s, pos, junk, sizeof junk);
	}
	s.len -= g.fr[g.nfr - 1].len / 2;	/* and a cut last frame */
	decode_all(&whole, s.p, s.len, s.len, NULL);
	decode_all(&one, s.p, s.len, 1, NULL);
	decode_all(&rnd, s.p, s.len, 0, NULL);
	tap_ok(whole.nev > 1000 && whole.ndg > 5 &&
	       one.trace.len == whole.trace.len &&
	       !memcmp(one.trace.p, whole.trace.p, whole.trace.len),
	       "1 byte at a time: the same %zu events and %zu diagnostics as "
	       "the whole buffer", whole.nev, whole.ndg);
	tap_ok(rnd.trace.len == whole.trace.len &&
	       !memcmp(rnd.trace.p, whole.trace.p, whole.trace.len),
	       "random chunk sizes: the same callbacks");
	gen_free(&g);
	log_free(&whole);
	log_free(&one);
	log_free(&rnd);
	free(s.p);
}

/* A stream cut inside its last frame, or just before the delimiter. */
static void test_truncated(void)
{
	struct gen g;
	struct log l;
	struct decode_stats st;
	struct frame_info *last;
	size_t cut;

	gen_stream(&g, 500, 1);
	last = &g.fr[g.nfr - 1];
	cut = last->len / 2;
	decode_all(&l, g.wire.p, g.wire.len - cut, 7, &st);
	tap_ok(l.nev == g.nsent - last->nrec && l.ndg >= 1 &&
		       l.dg[l.ndg - 1].kind == DIAG_TRUNCATED &&
		       l.dg[l.ndg - 1].bytes == last->len - cut &&
		       l.dg[l.ndg - 1].off == last->off &&
		       st.truncated == last->len - cut,
	       "cut inside the last frame: earlier events decode, the tail of "
	       "%zu bytes at offset %zu is reported",
	       last->len - cut, last->off);
	log_free(&l);
	decode_all(&l, g.wire.p, g.wire.len - 1, g.wire.len, NULL);
	tap_ok(l.nev == g.nsent && !count_diags(&l, DIAG_TRUNCATED),
	       "a last frame missing only its delimiter still decodes");
	log_free(&l);
	gen_free(&g);
}

/* A record type this reader does not know is skipped, keeps its seq. */
static void test_unknown(void)
{
	uint8_t mark[12], unk[12] = { 200, 12 }, lost[8];
	struct gen g;
	struct log l;
	struct decode_stats st;

	make_record(mark, MMT_CPU_ONLINE);
	make_record(lost, MMT_LOST);
	gen_init(&g, DECODE_SHIFT_DEFAULT);
	gen_record(&g, 1, 1000, mark);
	gen_record(&g, 1, 2000, unk);
	gen_record(&g, 1, 3000, lost);
	encode_flush(&g.enc);
	decode_all(&l, g.wire.p, g.wire.len, g.wire.len, &st);
	tap_ok(l.nev == 2 && l.ev[0].seq == 0 && l.ev[1].seq == 2 &&
		       l.ev[1].type == MMT_LOST && l.ndg == 1 &&
		       l.dg[0].kind == DIAG_UNKNOWN && l.dg[0].type == 200 &&
		       l.dg[0].got == 1 && l.dg[0].bytes == 12 &&
		       st.unknown == 1,
	       "unknown type 200 skipped and reported; the next record keeps "
	       "seq 2");
	gen_free(&g);
	log_free(&l);
}

/* A skipped range of seq numbers, a late first frame, a heartbeat. */
static void test_gap_heartbeat(void)
{
	uint8_t rec[MMT_REC_MAX];
	struct gen g;
	struct log l;
	struct decode_stats st;
	int i;

	gen_init(&g, DECODE_SHIFT_DEFAULT);
	make_record(rec, MMT_SWITCH);
	for (i = 0; i < 3; i++)
		gen_record(&g, 1, 1600 + i * 16, rec);
	encode_skip(&g.enc, 1, 5);
	g.seq[1] += 5;
	gen_record(&g, 1, 3200, rec);
	encode_heartbeat(&g.enc, 1, 6400);
	encode_skip(&g.enc, 2, 4);
	gen_record(&g, 2, 9600, rec);
	encode_flush(&g.enc);
	decode_all(&l, g.wire.p, g.wire.len, g.wire.len, &st);
	tap_ok(l.ndg == 3 && l.dg[0].kind == DIAG_GAP && l.dg[0].cpu == 1 &&
	       l.dg[0].expected == 3 && l.dg[0].got == 8 && st.lost == 9,
	       "gap on cpu 1: expected 3, got 8");
	tap_ok(l.dg[1].kind == DIAG_HEARTBEAT && l.dg[1].cpu == 1 &&
	       l.dg[1].ts == 6400 && l.dg[1].got == 9 && st.heartbeats == 1,
	       "heartbeat on cpu 1 at its time, with the next seq");
	tap_ok(l.dg[2].kind == DIAG_GAP && l.dg[2].cpu == 2 &&
	       l.dg[2].expected == 0 && l.dg[2].got == 4,
	       "a CPU whose first frame does not start at seq 0 has a gap");
	gen_free(&g);
	log_free(&l);
}

/* STREAM records the decoder must refuse to learn from. */
static int bad_stream(uint32_t magic, uint16_t version, uint8_t shift)
{
	uint8_t rec[MMT_REC_MAX];
	struct mmt_stream s;
	struct gen g;
	struct log l;
	int what;

	make_record(rec, MMT_STREAM);
	memcpy(&s, rec, sizeof s);
	s.magic = magic;
	s.version = version;
	s.tsc_shift = shift;
	memcpy(rec, &s, sizeof s);
	gen_init(&g, DECODE_SHIFT_DEFAULT);
	gen_record(&g, 0, 1600, rec);
	encode_flush(&g.enc);
	decode_all(&l, g.wire.p, g.wire.len, g.wire.len, NULL);
	what = l.ndg == 1 && l.dg[0].kind == DIAG_BAD_STREAM ? l.dg[0].type : 0;
	gen_free(&g);
	log_free(&l);
	return what;
}

static void test_bad_stream(void)
{
	tap_ok(bad_stream(__builtin_bswap32(MMT_STREAM_MAGIC), 1, 4) ==
	       STREAM_SWAPPED, "byte-swapped stream magic is reported as such");
	tap_ok(bad_stream(0x12345678, 1, 4) == STREAM_FOREIGN,
	       "a foreign stream magic is reported");
	tap_ok(bad_stream(MMT_STREAM_MAGIC, MMT_VERSION + 1, 4) == STREAM_NEWER,
	       "a newer stream version is reported");
	tap_ok(bad_stream(MMT_STREAM_MAGIC, 1, 40) == STREAM_SHIFT,
	       "tsc_shift 40 is refused");
}

/* A record shorter than this reader's struct reads its tail as zero. */
static void test_short_record(void)
{
	uint8_t rec[MMT_REC_MAX];
	struct mmt_mm_ref r;
	struct mmt_event ev;
	struct gen g;
	struct log l;

	make_record(rec, MMT_MM_REF);
	rec[1] = 12;			/* an older writer: no caller */
	gen_init(&g, DECODE_SHIFT_DEFAULT);
	gen_record(&g, 0, 1600, rec);
	encode_flush(&g.enc);
	decode_all(&l, g.wire.p, g.wire.len, g.wire.len, NULL);
	ev = (struct mmt_event) { .size = l.ev[0].size, .rec = l.ev[0].rec };
	memset(&r, 0xaa, sizeof r);
	decode_copy(&ev, &r, sizeof r);
	tap_ok(l.nev == 1 && l.ev[0].size == 12 && r.caller == 0 &&
		       !memcmp(&r.mm, rec + 4, 8),
	       "a 12-byte MM_REF decodes, caller 0");
	gen_free(&g);
	log_free(&l);
}

/* Is every decoded event one that was sent, unchanged? */
static size_t forged(const struct log *l, const struct gen *g)
{
	size_t i, j, bad = 0;

	for (i = 0; i < l->nev; i++) {
		for (j = 0; j < g->nsent; j++)
			if (g->sent[j].cpu == l->ev[i].cpu &&
			    g->sent[j].seq == l->ev[i].seq)
				break;
		bad += j == g->nsent || !same_event(&l->ev[i], &g->sent[j]);
	}
	return bad;
}

/* Fixed-seed fuzz: random bytes, truncations, bit flips. */
static void test_fuzz(void)
{
	struct gen g;
	struct log l;
	struct buf s = { 0 };
	size_t i, j, n, bad_rand = 0, bad_cut = 0, bad_flip = 0, ev_flip = 0;

	for (i = 0; i < 300; i++) {	/* noise, zeros from 1/2 to 1/4096 */
		n = rand() % 20000;
		s.len = 0;
		for (j = 0; j < n; j++) {
			uint8_t b = rand() % (2 << i % 12) ? 1 + rand() % 255 : 0;

			buf_add(&s, &b, 1);
		}
		decode_all(&l, s.p, s.len, 0, NULL);
		bad_rand += l.nev;	/* a random frame passing the CRC? */
		log_free(&l);
	}
	tap_ok(!bad_rand, "300 random byte streams: no crash, no event "
	       "(%zu)", bad_rand);
	gen_stream(&g, 400, 2);
	for (i = 0; i < 300; i++) {	/* cut anywhere: a prefix decodes */
		n = rand() % g.wire.len;
		decode_all(&l, g.wire.p, n, 0, NULL);
		for (j = 0; j < l.nev; j++)
			bad_cut += !same_event(&l.ev[j], &g.sent[j]);
		log_free(&l);
	}
	tap_ok(!bad_cut, "300 truncations: the events decoded are a prefix of "
	       "those sent (%zu differ)", bad_cut);
	for (i = 0; i < 300; i++) {	/* flip 1 to 8 bits */
		s.len = 0;
		buf_add(&s, g.wire.p, g.wire.len);
		for (j = 1 + rand() % 8; j; j--)
			s.p[rand() % s.len] ^= 1 << (rand() % 8);
		decode_all(&l, s.p, s.len, 0, NULL);
		bad_flip += forged(&l, &g);
		ev_flip += l.nev;
		log_free(&l);
	}
	tap_ok(!bad_flip && ev_flip > 0,
	       "300 streams with bit flips: every one of %zu events decoded "
	       "was sent, unchanged (%zu forged)",
	       ev_flip, bad_flip);
	gen_free(&g);
	free(s.p);
}

int main(void)
{
	tap_plan(23);
	srand(20240601);
	test_round_trip();
	test_timestamps();
	test_garbage();
	test_garbage_between();
	test_chunking();
	test_truncated();
	test_unknown();
	test_gap_heartbeat();
	test_bad_stream();
	test_short_record();
	test_fuzz();
	return tap_done();
}
