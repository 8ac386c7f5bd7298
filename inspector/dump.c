/*
 * dump.c - `mmscope dump FILE [--json] [--kernel ELF] [--raw] [--stats]`:
 * every event of a trace, decoded and symbolised, one per line.
 *
 * Events of different CPUs are printed in the order of (timestamp, cpu,
 * seq).  Frames of one CPU arrive in order but CPUs interleave freely, so
 * events wait in a queue per CPU until every CPU that may still send an
 * older event has been heard from at a later time (an event or a
 * heartbeat); then the oldest head is printed.  Diagnostics are queued
 * with them, so a gap prints just before the first event after it.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mmtfile.h"
#include "print.h"
#include "tally.h"
#include "util.h"
#include "verbs.h"

#define GLOBAL		DECODE_MAXCPU	/* queue of diagnostics of no CPU */
#define QUEUE_LIMIT	(1u << 18)	/* items buffered before giving in */
#define PENDING		UINT64_MAX	/* time of a gap whose next event is due */

const char usage_dump[] =
"usage: mmscope dump FILE [--json] [--kernel ELF] [--raw] [--stats]\n"
"\n"
"Print every event of the trace FILE, decoded and symbolised, in time\n"
"order across CPUs.  Problems in the stream (gaps, garbage, bad CRCs, a\n"
"truncated end) are shown inline as lines starting with '#' and summed\n"
"up on stderr.\n"
"\n"
"  --json        JSON Lines: one object per event (n, cpu, seq, ts, type\n"
"                and every field by name), diagnostics as {\"diag\": ...}\n"
"  --kernel ELF  symbolise with ELF instead of the kernel named in FILE\n"
"  --raw         also print each record's bytes in hex\n"
"  --stats       print counts, throughput and losses on stderr\n"
"\n"
"Exit status: 0 printed, 2 FILE is missing, not a trace, cut inside its\n"
"header, or of a newer format.\n";

/* A queued output line: an event, a diagnostic or a note. */
struct item {
	uint64_t ts;
	uint64_t off;
	uint32_t seq;
	uint16_t cpu;			/* GLOBAL for no CPU */
	uint8_t kind;			/* ITEM_* */
	uint8_t type;			/* event: its type and kept size */
	uint8_t size;
	union {
		uint8_t rec[MMT_REC_MAX + 8];
		struct mmt_diag dg;
		struct {
			char *msg;	/* malloc'ed, freed when printed */
			const char *kind;	/* its "diag" in JSON */
		} note;
	} u;
};

#define ITEM_EVENT	0
#define ITEM_DIAG	1
#define ITEM_NOTE	2

struct queue {
	struct item *v;			/* ring of cap items */
	size_t cap, head, len;
};

struct dump {
	const char *path;
	struct printer pr;
	struct decoder dec;
	struct tally tally;
	struct symtab *syms;
	uint8_t elf_id[MMT_BUILD_ID_SIZE];
	int have_elf_id;
	int warned_id;			/* build id mismatch reported */
	int fatal;			/* stream unreadable: exit 2 */
	struct queue q[DECODE_MAXCPU + 1];
	uint64_t wm[DECODE_MAXCPU];	/* latest time heard from each CPU */
	uint64_t last_ts;		/* latest time heard from any CPU */
	unsigned ncpu;			/* queues 0..ncpu-1 may hold items */
	size_t queued;
	int forced;			/* QUEUE_LIMIT broke the time order */
	int header_done;		/* column header printed */
	char *nosyms;			/* why there are no symbols, unsaid */
	uint64_t diags[DIAG_BAD_STREAM + 1];
};

/* --- per-CPU queues ------------------------------------------------- */

static struct item *queue_push(struct queue *q)
{
	struct item *v;
	size_t i, cap;

	if (q->len == q->cap) {
		cap = q->cap ? 2 * q->cap : 64;
		v = malloc(cap * sizeof *v);
		if (!v) {
			errmsg("out of memory");
			exit(EXIT_FAIL);
		}
		for (i = 0; i < q->len; i++)
			v[i] = q->v[(q->head + i) % q->cap];
		free(q->v);
		q->v = v;
		q->cap = cap;
		q->head = 0;
	}
	return &q->v[(q->head + q->len++) % q->cap];
}

static struct item *queue_head(struct queue *q)
{
	return q->len ? &q->v[q->head] : NULL;
}

static void queue_pop(struct queue *q)
{
	q->head = (q->head + 1) % q->cap;
	q->len--;
}

/* Is a before b in (ts, cpu, seq) order? */
static int item_before(const struct item *a, const struct item *b)
{
	if (a->ts != b->ts)
		return a->ts < b->ts;
	if (a->cpu != b->cpu)
		return a->cpu < b->cpu;
	return a->seq < b->seq;
}

/* The queue whose head comes first, or -1 if all are empty. */
static int oldest_queue(struct dump *d)
{
	struct item *best = queue_head(&d->q[GLOBAL]), *h;
	int qi = best ? GLOBAL : -1;
	unsigned c;

	for (c = 0; c < d->ncpu; c++) {
		h = queue_head(&d->q[c]);
		if (h && (!best || item_before(h, best))) {
			best = h;
			qi = c;
		}
	}
	return qi;
}

/*
 * May it be printed: has every other CPU that may send something been
 * heard from at its time or later?  A CPU is expected once it has sent a
 * frame, or when STREAM.ncpu says it will come online.
 */
static int safe_to_print(struct dump *d, const struct item *it)
{
	unsigned c, ncpu = d->dec.have_stream ? d->dec.stream.ncpu : 0;

	for (c = 0; c < d->ncpu || c < ncpu; c++) {
		if (c == it->cpu || (c < d->ncpu && d->q[c].len &&
				     queue_head(&d->q[c])->ts != PENDING))
			continue;
		if (!d->dec.seen[c] || d->wm[c] < it->ts)
			return 0;
	}
	return 1;
}

static void item_print(struct dump *d, const struct item *it)
{
	struct mmt_event ev = {
		.ts = it->ts, .off = it->off, .seq = it->seq, .cpu = it->cpu,
		.type = it->type, .size = it->size, .rec = it->u.rec,
	};

	if (d->nosyms) {		/* said only once there is output */
		warnmsg("%s; printing addresses without symbols (--kernel "
			"ELF names another)", d->nosyms);
		free(d->nosyms);
		d->nosyms = NULL;
	}
	if (!d->header_done++)
		print_header(&d->pr);
	if (it->kind == ITEM_EVENT)
		print_event(&d->pr, &ev);
	else if (it->kind == ITEM_DIAG)
		print_diag(&d->pr, &it->u.dg);
	else {
		print_note(&d->pr, it->u.note.kind, "%s", it->u.note.msg);
		free(it->u.note.msg);
	}
}

/* Print what can be printed; at the end of input (final) everything. */
static void pump(struct dump *d, int final)
{
	struct item *it;
	int qi;

	while ((qi = oldest_queue(d)) >= 0) {
		it = queue_head(&d->q[qi]);
		if (!final && !safe_to_print(d, it)) {
			if (d->queued < QUEUE_LIMIT)
				return;
			if (!d->forced++)
				print_note(&d->pr, "order", "more than %u events "
					   "waiting for a silent CPU: order across "
					   "CPUs not guaranteed from here",
					   QUEUE_LIMIT);
		}
		item_print(d, it);
		queue_pop(&d->q[qi]);
		d->queued--;
	}
}

static struct item *enqueue(struct dump *d, unsigned cpu, int kind)
{
	struct item *it;

	if (cpu != GLOBAL && cpu >= d->ncpu)
		d->ncpu = cpu + 1;
	it = queue_push(&d->q[cpu]);
	memset(it, 0, offsetof(struct item, u));
	it->cpu = cpu;
	it->kind = kind;
	d->queued++;
	return it;
}

static void note_queue(struct dump *d, const char *kind, const char *msg)
{
	struct item *it = enqueue(d, GLOBAL, ITEM_NOTE);

	it->ts = d->last_ts;
	it->u.note.kind = kind;
	it->u.note.msg = strdup(msg);
	if (!it->u.note.msg) {
		errmsg("out of memory");
		exit(EXIT_FAIL);
	}
}

/* --- decoder callbacks ---------------------------------------------- */

/*
 * A gap is queued with time PENDING: it is dated when the CPU's next
 * event arrives, so that it prints just before that event.
 */
static void settle(struct dump *d, unsigned cpu, uint64_t ts)
{
	struct queue *q = &d->q[cpu];
	size_t i = q->len;

	while (i-- && q->v[(q->head + i) % q->cap].ts == PENDING)
		q->v[(q->head + i) % q->cap].ts = ts;
}

static void heard(struct dump *d, unsigned cpu, uint64_t ts)
{
	if (ts > d->wm[cpu])
		d->wm[cpu] = ts;
	if (ts > d->last_ts)
		d->last_ts = ts;
}

/* Compare the running kernel's build id with the ELF's, once. */
static void check_build_id(struct dump *d, const uint8_t *id,
			   const char *whose)
{
	static const uint8_t zero[MMT_BUILD_ID_SIZE];
	char a[2 * MMT_BUILD_ID_SIZE + 1], b[2 * MMT_BUILD_ID_SIZE + 1];
	char msg[256];

	if (!d->have_elf_id || d->warned_id || !memcmp(id, zero, sizeof zero) ||
	    !memcmp(id, d->elf_id, MMT_BUILD_ID_SIZE))
		return;
	d->warned_id = 1;
	snprintf(msg, sizeof msg, "build id mismatch: %s %s, ELF %s: "
		 "symbols may be wrong", whose, hexstr(id, MMT_BUILD_ID_SIZE, a),
		 hexstr(d->elf_id, MMT_BUILD_ID_SIZE, b));
	warnmsg("%s: %s", d->path, msg);
	note_queue(d, "build_id_mismatch", msg);
}

static void on_event(void *arg, const struct mmt_event *ev)
{
	struct dump *d = arg;
	struct item *it;
	struct mmt_stream s;

	if (ev->cpu < d->ncpu)
		settle(d, ev->cpu, ev->ts);
	it = enqueue(d, ev->cpu, ITEM_EVENT);
	it->ts = ev->ts;
	it->off = ev->off;
	it->seq = ev->seq;
	it->type = ev->type;
	it->size = ev->size < sizeof it->u.rec ? ev->size : sizeof it->u.rec;
	memcpy(it->u.rec, ev->rec, it->size);
	heard(d, ev->cpu, ev->ts);
	tally_event(&d->tally, ev, 0);
	if (ev->type == MMT_STREAM && d->dec.have_stream) {
		decode_copy(ev, &s, sizeof s);
		if (!d->pr.tsc_khz)
			d->pr.tsc_khz = s.tsc_khz;
		check_build_id(d, s.build_id, "the trace's kernel");
	}
	pump(d, 0);
}

static void on_diag(void *arg, const struct mmt_diag *g)
{
	struct dump *d = arg;
	struct item *it;
	unsigned cpu = GLOBAL;

	d->diags[g->kind]++;
	if (g->kind == DIAG_BAD_STREAM && g->type == STREAM_NEWER) {
		errmsg("%s: %s (%u, this mmscope reads %u); use a newer "
		       "mmscope", d->path, g->why, g->got, MMT_VERSION);
		d->fatal = 1;
		decode_stop(&d->dec);
		return;
	}
	if (g->kind == DIAG_HEARTBEAT) {
		heard(d, g->cpu, g->ts);
		pump(d, 0);
		return;
	}
	if (g->kind == DIAG_GAP || g->kind == DIAG_UNKNOWN)
		cpu = g->cpu;
	if (g->kind == DIAG_UNKNOWN && cpu < d->ncpu)
		settle(d, cpu, g->ts);
	it = enqueue(d, cpu, ITEM_DIAG);
	it->ts = g->kind == DIAG_UNKNOWN ? g->ts :
		 g->kind == DIAG_GAP ? PENDING : d->last_ts;
	it->seq = g->kind == DIAG_GAP ? g->expected : g->got;
	it->u.dg = *g;
	if (g->kind == DIAG_UNKNOWN)
		heard(d, cpu, g->ts);
}

static const struct decode_ops dump_ops = { on_event, on_diag };

/* --- the verb ------------------------------------------------------- */

struct dump_opts {
	const char *path;
	const char *kernel;		/* --kernel, or NULL */
	int json, raw, stats;
};

static int dump_args(int argc, char **argv, struct dump_opts *o)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "raw", no_argument, NULL, 'r' },
		{ "stats", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 0;		/* a verb may run more than once (tests) */
	while ((c = getopt_long(argc, argv, "jk:rsh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': o->json = 1; break;
		case 'k': o->kernel = optarg; break;
		case 'r': o->raw = 1; break;
		case 's': o->stats = 1; break;
		case 'h': fputs(usage_dump, stdout); return EXIT_OK;
		default: usage_hint(usage_dump); return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		errmsg("dump: %s", optind < argc ? "one trace file, please" :
		       "which trace? (mmscope dump FILE)");
		return EXIT_USAGE;
	}
	o->path = argv[optind];
	return -1;
}

/* Open the kernel ELF for symbols; without it, addresses stay numbers. */
static void dump_symbols(struct dump *d, const struct dump_opts *o,
			 const struct mmt_file_header *h)
{
	char buf[MMT_PATH_MAX + 1], def[4096], err[512];
	const char *elf = o->kernel;

	if (!elf)
		elf = mmtfile_str(h->kernel_path, sizeof h->kernel_path, buf);
	if (!*elf)
		elf = kernel_default(def, sizeof def);
	d->syms = sym_open(elf, err, sizeof err);
	if (!d->syms) {
		d->nosyms = strdup(err);
		return;
	}
	d->pr.syms = d->syms;
	d->have_elf_id = sym_build_id(d->syms, d->elf_id);
	check_build_id(d, h->build_id, "recorded with kernel");
}

/* Decode the stream from fd to its end. */
static int dump_stream(struct dump *d, int fd)
{
	static uint8_t buf[1 << 20];
	ssize_t n;

	while (!d->fatal && (n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			errmsg("%s: %m", d->path);
			return EXIT_USAGE;
		}
		decode_feed(&d->dec, buf, n);
	}
	if (d->fatal)
		return EXIT_USAGE;
	decode_finish(&d->dec);
	pump(d, 1);
	return EXIT_OK;
}

/* One line on stderr that sums up what went wrong in the stream. */
static void dump_summary(struct dump *d)
{
	const struct decode_stats *s = &d->dec.st;
	char line[512];
	size_t at = 0;

#define ADD(...) (at += snprintf(line + at, at < sizeof line ? \
				 sizeof line - at : 0, __VA_ARGS__))
	if (s->gaps)
		ADD(", %" PRIu64 " gap%s (%" PRIu64 " events lost)", s->gaps,
		    s->gaps > 1 ? "s" : "", s->lost);
	if (s->garbage_bytes)
		ADD(", %" PRIu64 " garbage bytes", s->garbage_bytes);
	if (s->bad_crc)
		ADD(", %" PRIu64 " frames with a bad CRC", s->bad_crc);
	if (s->unknown)
		ADD(", %" PRIu64 " records of unknown types skipped",
		    s->unknown);
	if (s->truncated)
		ADD(", the trace ends inside a frame (cut short?)");
	if (d->diags[DIAG_BAD_STREAM])
		ADD(", a bad stream header");
#undef ADD
	if (at)
		warnmsg("%s: %" PRIu64 " events%s", d->path, s->events, line);
	else if (!s->events)
		warnmsg("%s: the trace has no events", d->path);
}

static void dump_free(struct dump *d)
{
	unsigned i;

	for (i = 0; i <= GLOBAL; i++)
		free(d->q[i].v);
	sym_close(d->syms);
	free(d->nosyms);
	free(d);
}

int cmd_dump(int argc, char **argv)
{
	struct dump_opts o = { 0 };
	struct mmt_file_header h;
	struct dump *d;
	char msg[512];
	int fd, rc;

	if ((rc = dump_args(argc, argv, &o)) >= 0)
		return rc;
	fd = mmtfile_open(o.path, &h, msg, sizeof msg);
	if (fd < 0) {
		errmsg("%s", msg);
		return EXIT_USAGE;
	}
	d = calloc(1, sizeof *d);
	if (!d) {
		errmsg("out of memory");
		close(fd);
		return EXIT_FAIL;
	}
	d->path = o.path;
	d->pr = (struct printer) { .out = stdout, .json = o.json,
				   .raw = o.raw, .base_off = h.header_size };
	decode_init(&d->dec, &dump_ops, d);
	dump_symbols(d, &o, &h);
	rc = dump_stream(d, fd);
	close(fd);
	fflush(stdout);
	if (rc == EXIT_OK)
		dump_summary(d);
	if (o.stats)
		tally_print(stderr, &d->tally, &d->dec.st,
			    d->dec.have_stream ? d->dec.stream.tsc_khz : 0);
	dump_free(d);
	return rc;
}
