/*
 * evlog.c - the event log, see evlog.h.
 *
 * A committed event is stored as
 *
 *	u8 head | [u8 cpu] | varint ts delta | [u32 seq] | record
 *
 * head is the CPU (0x7f: the CPU is in the next byte) and EV_SEQ.  The ts
 * delta is from the event before it (from the chunk's ts for the first
 * event of a chunk), zigzag-encoded because a forced commit may go back
 * in time, shifted left by one: with its low bit clear it counts units of
 * 16 cycles (the kernel's dt unit, so it is almost always that), set it
 * counts cycles.  seq is written for the first event of each CPU in a
 * chunk and after any jump, so a walk that starts at a chunk knows every
 * seq; otherwise seq is the CPU's previous seq + 1.  An entry never
 * crosses a block; a reader at a block's used length goes on to the next.
 *
 * Events lost on a CPU (a sequence gap, or a LOST record in overflow
 * mode) happened after that CPU's last event before them, so their note
 * is placed there: just after the CPU's last event, before any event of
 * another CPU that is later in time.  The watermark guarantees that no
 * such event has been committed when the gap becomes known, since it
 * waits until the CPU is heard from again, and the frame that brings
 * that news is the one that shows the gap.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "trace/evlog.h"
#include "trace/names.h"
#include "util/array.h"

#define EV_SEQ		0x80	/* head: a u32 seq follows the ts delta */
#define EV_CPU		0x7f	/* head: the CPU is in the next byte */
#define TS_UNIT		4	/* ts delta unit 2^4 cycles, if it divides */
#define ENTRY_MAX	(2 + 10 + 4 + MMT_REC_MAX)
#define GLOBAL		DECODE_MAXCPU	/* tie-break rank of a note of no CPU */
#define COMMIT_BATCH	256	/* pending events that make a feed commit */

struct evlog_block {
	uint8_t *data;
	uint32_t used;
};

/* Where chunk i (events i * EVLOG_CHUNK ...) starts. */
struct evlog_chunk {
	uint64_t ts;			/* ts before its first event's delta */
	uint32_t block, off;
};

/* An event waiting for the watermark. */
struct pend {
	uint64_t ts;
	uint32_t seq;
	uint8_t rec[MMT_REC_MAX];	/* rec[1] bytes */
};

struct pqueue {				/* a ring of cap (a power of 2) */
	struct pend *v;
	uint32_t cap, head, len;
};

/* A note waiting for its place. */
struct pnote {
	uint64_t ts;
	uint32_t seq;			/* tie-break after (ts, cpu) */
	uint16_t cpu;			/* tie-break rank: GLOBAL for none */
	uint64_t ord;			/* then the order they came in */
	struct mmt_diag dg;
};

struct evlog {
	struct decoder dec;

	/* committed events */
	uint64_t count;
	struct evlog_block *blocks;
	uint32_t nblocks, blocks_cap;
	struct evlog_chunk *chunks;
	uint64_t nchunks, chunks_cap;
	uint64_t last_ts;		/* of the last committed event */
	uint32_t next_seq[DECODE_MAXCPU];	/* implied seq of each CPU */
	uint64_t seq_chunk[DECODE_MAXCPU];	/* chunk + 1 of its last EV_SEQ */
	struct evlog_note *notes;
	size_t nnotes, notes_cap;
	uint64_t lost;

	/* waiting for the watermark */
	struct pqueue q[DECODE_MAXCPU];
	unsigned nq;			/* queues 0..nq-1 may hold events */
	size_t pending;
	uint64_t heard[DECODE_MAXCPU];	/* latest time heard from each CPU */
	uint64_t last_heard;		/* latest time heard from any CPU */
	uint64_t halted;		/* every CPU is heard up to here:
					   evlog_halted */
	struct pnote *pnotes;		/* a binary heap, oldest on top: a
					   newer kernel's unknown records
					   or many gaps may pile up */
	size_t npnotes, pnotes_cap;
	uint64_t pnotes_in;		/* notes ever queued (pnote.ord) */
	int forced;			/* DIAG_ORDER said */

	int fatal;
	struct mmt_diag fatal_dg;
	int complete;			/* END or PANIC seen: every CPU
					   sent all it had */
};

/* --- storing committed events --------------------------------------- */

static uint8_t *room(struct evlog *log)
{
	struct evlog_block *b = log->nblocks ? &log->blocks[log->nblocks - 1]
					     : NULL;
	size_t cap = log->blocks_cap;

	if (b && b->used + ENTRY_MAX <= EVLOG_BLOCK)
		return b->data + b->used;
	log->blocks = util_array_grow(log->blocks, &cap, log->nblocks + 1,
				      sizeof *log->blocks);
	log->blocks_cap = cap;
	b = &log->blocks[log->nblocks++];
	if (posix_memalign((void **)&b->data, EVLOG_BLOCK, EVLOG_BLOCK))
		abort();
	madvise(b->data, EVLOG_BLOCK, MADV_HUGEPAGE);	/* fewer faults */
	b->used = 0;
	return b->data;
}

static uint8_t *put_varint(uint8_t *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (v & 0x7f) | 0x80;
		v >>= 7;
	}
	*p++ = v;
	return p;
}

/* A new chunk starts at event count: note where. */
static void chunk_start(struct evlog *log, uint8_t *at)
{
	struct evlog_block *b = &log->blocks[log->nblocks - 1];
	size_t cap = log->chunks_cap;

	log->chunks = util_array_grow(log->chunks, &cap, log->nchunks + 1,
				      sizeof *log->chunks);
	log->chunks_cap = cap;
	log->chunks[log->nchunks++] = (struct evlog_chunk) {
		.ts = log->last_ts, .block = log->nblocks - 1,
		.off = at - b->data,
	};
}

/* Append one event to the committed log. */
static void store(struct evlog *log, unsigned cpu, const struct pend *e)
{
	uint8_t *start = room(log), *p = start;
	int64_t d = (int64_t)(e->ts - log->last_ts);
	uint64_t chunk = log->count >> EVLOG_CHUNK_SHIFT, z;
	uint8_t flags = 0;
	int units = !(d & ((1 << TS_UNIT) - 1));

	if ((log->count & (EVLOG_CHUNK - 1)) == 0)
		chunk_start(log, start);
	if (log->seq_chunk[cpu] != chunk + 1 || log->next_seq[cpu] != e->seq)
		flags |= EV_SEQ;
	*p++ = flags | (cpu < EV_CPU ? cpu : EV_CPU);
	if (cpu >= EV_CPU)
		*p++ = cpu;
	if (units)
		d >>= TS_UNIT;
	z = ((uint64_t)d << 1) ^ (uint64_t)(d >> 63);
	p = put_varint(p, z << 1 | !units);
	if (flags & EV_SEQ) {
		memcpy(p, &e->seq, 4);
		p += 4;
		log->seq_chunk[cpu] = chunk + 1;
	}
	memcpy(p, e->rec, MMT_REC_MAX);	/* fixed size: no call; room has it */
	p += e->rec[1];
	log->blocks[log->nblocks - 1].used += p - start;
	log->next_seq[cpu] = e->seq + 1;
	log->last_ts = e->ts;
	log->count++;
}

static void note_add(struct evlog *log, const struct mmt_diag *dg)
{
	log->notes = util_array_grow(log->notes, &log->notes_cap,
				     log->nnotes + 1, sizeof *log->notes);
	log->notes[log->nnotes].n = log->count;
	log->notes[log->nnotes++].dg = *dg;
}

/* --- reading committed events --------------------------------------- */

static uint64_t get_varint(const uint8_t **pp)
{
	const uint8_t *p = *pp;
	uint64_t v = 0;
	unsigned shift = 0;

	while (*p & 0x80) {
		v |= (uint64_t)(*p++ & 0x7f) << shift;
		shift += 7;
	}
	v |= (uint64_t)*p++ << shift;
	*pp = p;
	return v;
}

void evlog_iter_init(struct evlog_iter *it, const struct evlog *log,
		     uint64_t n)
{
	const struct evlog_chunk *c;
	struct mmt_event ev;
	uint64_t want = n;

	it->log = log;
	if (n > log->count)
		n = log->count;
	if (!log->nchunks) {
		it->n = 0;
		it->block = it->off = 0;
		it->ts = 0;
		return;
	}
	c = &log->chunks[(n >> EVLOG_CHUNK_SHIFT) < log->nchunks ?
			 n >> EVLOG_CHUNK_SHIFT : log->nchunks - 1];
	it->n = (uint64_t)(c - log->chunks) << EVLOG_CHUNK_SHIFT;
	it->block = c->block;
	it->off = c->off;
	it->ts = c->ts;
	while (it->n < want && evlog_next(it, &ev))
		;
}

int evlog_next(struct evlog_iter *it, struct mmt_event *ev)
{
	const struct evlog *log = it->log;
	const uint8_t *p;
	uint64_t z;
	uint8_t flags;
	unsigned unit;

	if (it->n >= log->count)
		return 0;
	if (it->off >= log->blocks[it->block].used) {
		it->block++;
		it->off = 0;
	}
	p = log->blocks[it->block].data + it->off;
	flags = *p++;
	ev->cpu = (flags & EV_CPU) == EV_CPU ? *p++ : flags & EV_CPU;
	z = get_varint(&p);
	unit = z & 1 ? 0 : TS_UNIT;
	z >>= 1;
	it->ts += (uint64_t)((int64_t)(z >> 1) ^ -(int64_t)(z & 1)) << unit;
	if (flags & EV_SEQ) {
		memcpy(&it->seq[ev->cpu], p, 4);
		p += 4;
	}
	ev->seq = it->seq[ev->cpu]++;
	ev->ts = it->ts;
	ev->off = 0;
	ev->type = p[0];
	ev->size = p[1];
	ev->rec = p;
	ev->n = it->n++;
	it->off = p + p[1] - log->blocks[it->block].data;
	return 1;
}

int evlog_get(const struct evlog *log, uint64_t n, struct mmt_event *ev)
{
	struct evlog_iter it;

	if (n >= log->count)
		return -1;
	evlog_iter_init(&it, log, n);
	return evlog_next(&it, ev) ? 0 : -1;
}

/* --- the merge ------------------------------------------------------ */

static struct pend *pq_push(struct pqueue *q)
{
	struct pend *v;
	uint32_t i;

	if (q->len == q->cap) {
		v = malloc((q->cap ? 2 * q->cap : 64) * sizeof *v);
		if (!v)
			abort();
		for (i = 0; i < q->len; i++)
			v[i] = q->v[(q->head + i) & (q->cap - 1)];
		free(q->v);
		q->v = v;
		q->cap = q->cap ? 2 * q->cap : 64;
		q->head = 0;
	}
	return &q->v[(q->head + q->len++) & (q->cap - 1)];
}

static struct pend *pq_head(const struct pqueue *q)
{
	return q->len ? &q->v[q->head] : NULL;
}

static void pq_pop(struct pqueue *q)
{
	q->head = (q->head + 1) & (q->cap - 1);
	q->len--;
}

/* The CPU whose queued head comes first, or -1 if none is queued. */
static int oldest_cpu(const struct evlog *log)
{
	const struct pend *best = NULL, *h;
	int cpu = -1;
	unsigned c;

	for (c = 0; c < log->nq; c++) {
		h = pq_head(&log->q[c]);
		if (h && (!best || h->ts < best->ts)) {
			best = h;
			cpu = c;
		}
	}
	return cpu;
}

/* Does pending note a come before pending note b? */
static int pnote_before(const struct pnote *a, const struct pnote *b)
{
	if (a->ts != b->ts)
		return a->ts < b->ts;
	if (a->cpu != b->cpu)
		return a->cpu < b->cpu;
	if (a->seq != b->seq)
		return a->seq < b->seq;
	return a->ord < b->ord;
}

static void pnote_swap(struct pnote *a, struct pnote *b)
{
	struct pnote t = *a;

	*a = *b;
	*b = t;
}

/* Take the oldest pending note (the heap's top) off the heap. */
static void pnote_pop(struct evlog *log)
{
	struct pnote *h = log->pnotes;
	size_t i = 0, c, n = --log->npnotes;

	h[0] = h[n];
	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && pnote_before(&h[c + 1], &h[c]))
			c++;
		if (!pnote_before(&h[c], &h[i]))
			break;
		pnote_swap(&h[c], &h[i]);
		i = c;
	}
}

/*
 * Up to when CPU c has been heard from: nothing it sends later is older.
 * 0 if it has not been heard from at all (nor was the machine halted).
 */
static int heard_at(const struct evlog *log, unsigned c, uint64_t *ts)
{
	if (!log->dec.seen[c] && !log->halted)
		return 0;
	*ts = log->heard[c] > log->halted ? log->heard[c] : log->halted;
	return 1;
}

/*
 * May something of time ts from cpu be committed: has every other CPU
 * that may still send something older been heard from at ts or later?
 */
static int safe(const struct evlog *log, unsigned cpu, uint64_t ts)
{
	unsigned c, ncpu = log->dec.have_stream ? log->dec.stream.ncpu : 0;
	uint64_t h;

	for (c = 0; c < log->nq || c < ncpu; c++) {
		if (c == cpu || (c < log->nq && log->q[c].len))
			continue;
		if (!heard_at(log, c, &h) || h < ts)
			return 0;
	}
	return 1;
}

static void force_note(struct evlog *log)
{
	struct mmt_diag g = { .kind = DIAG_ORDER,
		.why = "more events than the log holds back are waiting for a "
		       "silent CPU: order across CPUs not guaranteed from here" };

	if (!log->forced++)
		note_add(log, &g);
}

/* Is the oldest pending note before the event at the head of cpu's queue? */
static int note_first(const struct evlog *log, int cpu)
{
	const struct pnote *a = &log->pnotes[0];
	const struct pend *h = cpu >= 0 ? pq_head(&log->q[cpu]) : NULL;

	if (!h)
		return 1;
	if (a->ts != h->ts)
		return a->ts < h->ts;
	if (a->cpu != cpu)
		return a->cpu < cpu;
	return a->seq < h->seq;
}

/*
 * How far the queue of cpu (whose head is the oldest) may be committed in
 * one run: up to the returned time, inclusive, which is before any other
 * CPU's next event (a tie goes to the lower CPU) and no later than what
 * every silent CPU has been heard at.  *none: not even the head may go.
 */
static uint64_t run_bound(const struct evlog *log, unsigned cpu, int final,
			  int *none)
{
	unsigned c, ncpu = log->dec.have_stream ? log->dec.stream.ncpu : 0;
	const struct pend *h;
	uint64_t b = UINT64_MAX, x = UINT64_MAX;	/* x: set when used */

	*none = 0;
	for (c = 0; c < log->nq || c < ncpu; c++) {
		if (c == cpu)
			continue;
		if (c < log->nq && (h = pq_head(&log->q[c])))
			x = c > cpu ? h->ts : h->ts - 1;  /* > the head's ts */
		else if (final)
			continue;
		else if (!heard_at(log, c, &x))
			*none = 1;
		if (!*none && x < b)
			b = x;
	}
	return b;
}

/* Commit the oldest pending note; 0 if it may not go yet. */
static int commit_note(struct evlog *log, int final)
{
	if (!final && !safe(log, log->pnotes[0].cpu, log->pnotes[0].ts)) {
		if (log->pending < EVLOG_PENDING_MAX)
			return 0;
		force_note(log);
	}
	note_add(log, &log->pnotes[0].dg);
	pnote_pop(log);
	return 1;
}

/*
 * Commit what may be committed; at the end of input (final) everything.
 * Events go in runs from one queue at a time; while notes wait (rarely),
 * one event at a time so that each note finds its place.
 */
static void commit(struct evlog *log, int final)
{
	const struct pend *h;
	uint64_t bound;
	int cpu, none;

	for (;;) {
		cpu = oldest_cpu(log);
		if (log->npnotes && note_first(log, cpu)) {
			if (!commit_note(log, final))
				return;
			continue;
		}
		if (cpu < 0)
			return;
		h = pq_head(&log->q[cpu]);
		bound = run_bound(log, cpu, final, &none);
		if (none || bound < h->ts) {
			if (log->pending < EVLOG_PENDING_MAX)
				return;
			force_note(log);	/* a CPU is silent too long */
			bound = h->ts;
		}
		do {
			store(log, cpu, h);
			pq_pop(&log->q[cpu]);
			log->pending--;
		} while (!log->npnotes && (h = pq_head(&log->q[cpu])) &&
			 h->ts <= bound);
	}
}

static void heard(struct evlog *log, unsigned cpu, uint64_t ts)
{
	if (ts > log->heard[cpu])
		log->heard[cpu] = ts;
	if (ts > log->last_heard)
		log->last_heard = ts;
}

/* Queue a note for its place: onto the heap, in O(log n). */
static void pnote_add(struct evlog *log, const struct mmt_diag *g,
		      uint64_t ts, unsigned cpu, uint32_t seq)
{
	struct pnote *h;
	size_t i, up;

	log->pnotes = util_array_grow(log->pnotes, &log->pnotes_cap,
				      log->npnotes + 1, sizeof *log->pnotes);
	h = log->pnotes;
	i = log->npnotes++;
	h[i] = (struct pnote) { .ts = ts, .cpu = cpu, .seq = seq,
				.ord = log->pnotes_in++, .dg = *g };
	for (; i && pnote_before(&h[i], &h[up = (i - 1) / 2]); i = up)
		pnote_swap(&h[i], &h[up]);
}

/* --- decoder callbacks ---------------------------------------------- */

static void on_event(void *arg, const struct mmt_event *ev)
{
	struct evlog *log = arg;
	struct pend *e;

	if (ev->cpu >= log->nq)
		log->nq = ev->cpu + 1;
	if (ev->type == MMT_END || ev->type == MMT_PANIC)
		log->complete = 1;	/* every CPU was flushed first */
	if (ev->type == MMT_LOST) {	/* dropped after its last record */
		struct mmt_lost l;
		struct mmt_diag g = { .kind = DIAG_LOST, .cpu = ev->cpu };

		decode_copy(ev, &l, sizeof l);
		log->lost += l.count;
		g.got = l.count;
		pnote_add(log, &g, log->heard[ev->cpu], ev->cpu, ev->seq - 1);
	}
	e = pq_push(&log->q[ev->cpu]);
	e->ts = ev->ts;
	e->seq = ev->seq;
	memcpy(e->rec, ev->rec, MMT_REC_MAX);	/* fixed: no call (decode.h) */
	log->pending++;
	heard(log, ev->cpu, ev->ts);
	if (log->pending >= COMMIT_BATCH)
		commit(log, 0);		/* a big feed must not pile up */
}

void evlog_add(struct evlog *log, const struct mmt_event *ev)
{
	uint8_t rec[MMT_REC_MAX] = { 0 };
	struct mmt_event e = *ev;

	if (log->fatal || ev->seq < decode_next(&log->dec, ev->cpu) ||
	    !mmt_types[ev->type].name)
		return;			/* had it; or a type of no meaning */
	memcpy(rec, ev->rec, ev->size < MMT_REC_MAX ? ev->size : MMT_REC_MAX);
	e.rec = rec;			/* on_event copies MMT_REC_MAX bytes */
	on_event(log, &e);
	decode_known(&log->dec, ev->cpu, ev->seq + 1);
}

void evlog_halted(struct evlog *log, uint64_t ts)
{
	if (ts > log->halted)
		log->halted = ts;
	commit(log, 0);
}

void evlog_pending_each(const struct evlog *log,
			void (*fn)(void *arg, const struct mmt_event *ev),
			void *arg)
{
	const struct pqueue *q;
	const struct pend *e;
	struct mmt_event ev;
	unsigned c;
	uint32_t i;

	for (c = 0; c < log->nq; c++) {
		q = &log->q[c];
		for (i = 0; i < q->len; i++) {
			e = &q->v[(q->head + i) & (q->cap - 1)];
			ev = (struct mmt_event) { .ts = e->ts, .seq = e->seq,
				.cpu = c, .type = e->rec[0], .size = e->rec[1],
				.rec = e->rec };
			fn(arg, &ev);
		}
	}
}

/* A gap: placed just after its CPU's last event (see the top). */
static void on_gap(struct evlog *log, const struct mmt_diag *g)
{
	if ((int32_t)(g->got - g->expected) > 0)
		log->lost += g->got - g->expected;
	pnote_add(log, g, log->heard[g->cpu], g->cpu, g->expected - 1);
}

static void on_diag(void *arg, const struct mmt_diag *g)
{
	struct evlog *log = arg;

	switch (g->kind) {
	case DIAG_HEARTBEAT:
		heard(log, g->cpu, g->ts);
		return;
	case DIAG_GAP:
		on_gap(log, g);
		return;
	case DIAG_UNKNOWN:
		pnote_add(log, g, g->ts, g->cpu, g->got);
		heard(log, g->cpu, g->ts);
		return;
	case DIAG_BAD_STREAM:
		if (g->type == STREAM_NEWER) {
			log->fatal = 1;
			log->fatal_dg = *g;
			decode_stop(&log->dec);
			return;
		}
		break;
	}
	pnote_add(log, g, log->last_heard, GLOBAL, 0);
}

static const struct decode_ops evlog_ops = { on_event, on_diag };

/* --- the interface -------------------------------------------------- */

struct evlog *evlog_new(void)
{
	struct evlog *log = calloc(1, sizeof *log);

	if (log)
		decode_init(&log->dec, &evlog_ops, log);
	return log;
}

void evlog_free(struct evlog *log)
{
	unsigned i;

	if (!log)
		return;
	for (i = 0; i < log->nblocks; i++)
		free(log->blocks[i].data);
	for (i = 0; i < DECODE_MAXCPU; i++)
		free(log->q[i].v);
	free(log->blocks);
	free(log->chunks);
	free(log->notes);
	free(log->pnotes);
	free(log);
}

void evlog_feed(struct evlog *log, const void *buf, size_t n)
{
	decode_feed(&log->dec, buf, n);
	commit(log, 0);
}

/*
 * The input ended before END or PANIC: what each CPU did after the last
 * event it sent is unknown, and other CPUs' later events may follow from
 * it.  A note for each CPU, placed as a gap's: after its last event.
 */
static void note_cut(struct evlog *log)
{
	struct mmt_diag g = { .kind = DIAG_CUT,
		.why = "the trace ends before END: this CPU's last events "
		       "may be missing" };
	unsigned c;

	for (c = 0; c < DECODE_MAXCPU; c++) {
		if (!log->dec.seen[c])
			continue;
		g.cpu = c;
		g.got = log->dec.next_seq[c];
		g.ts = log->heard[c];
		pnote_add(log, &g, log->heard[c], c, g.got - 1);
	}
}

void evlog_finish(struct evlog *log)
{
	if (!log->fatal)
		decode_finish(&log->dec);
	if (!log->complete && !log->fatal)
		note_cut(log);
	commit(log, 1);
}

uint64_t evlog_count(const struct evlog *log)
{
	return log->count;
}

const struct evlog_note *evlog_notes(const struct evlog *log, size_t *count)
{
	*count = log->nnotes;
	return log->notes;
}

size_t evlog_note_at(const struct evlog *log, uint64_t n)
{
	return util_lower_bound(log->notes, log->nnotes, sizeof *log->notes,
				offsetof(struct evlog_note, n), n);
}

const struct decoder *evlog_decoder(const struct evlog *log)
{
	return &log->dec;
}

uint64_t evlog_lost(const struct evlog *log)
{
	return log->lost;
}

const struct mmt_diag *evlog_fatal(const struct evlog *log)
{
	return log->fatal ? &log->fatal_dg : NULL;
}

size_t evlog_memory(const struct evlog *log)
{
	size_t n = sizeof *log + (size_t)log->nblocks * EVLOG_BLOCK +
		   log->blocks_cap * sizeof *log->blocks +
		   log->chunks_cap * sizeof *log->chunks +
		   log->notes_cap * sizeof *log->notes +
		   log->pnotes_cap * sizeof *log->pnotes;
	unsigned c;

	for (c = 0; c < log->nq; c++)
		n += (size_t)log->q[c].cap * sizeof(struct pend);
	return n;
}
