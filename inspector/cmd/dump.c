/*
 * dump.c - `mmscope dump FILE [--json] [--kernel ELF] [--raw] [--stats]`:
 * every event of a trace, decoded and symbolised, one per line.
 *
 * The trace is read through a timeline (timeline.h): events print in the
 * event log's order (timestamp, cpu, seq) as soon as the log commits
 * them, each after the model and the checker have applied it.  The log's
 * notes (gaps, garbage, ...) print where the log placed them; what the
 * checker found prints after the event that showed it, and in JSON every
 * MM_REF carries the model's counters before and after it.  Events go
 * through fastprint.c, which writes what print.c would without printf.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd/verbs.h"
#include "model/timeline.h"
#include "trace/fastprint.h"
#include "trace/mmtfile.h"
#include "trace/print.h"
#include "trace/tally.h"
#include "util/util.h"

const char cmd_dump_usage[] =
"usage: mmscope dump FILE [--json] [--kernel ELF] [--raw] [--stats]\n"
"\n"
"Print every event of the trace FILE, decoded and symbolised, in time\n"
"order across CPUs.  Problems in the stream (gaps, garbage, bad CRCs, a\n"
"truncated end) and the checker's findings are shown inline as lines\n"
"starting with '#' and summed up on stderr.\n"
"\n"
"  --json        JSON Lines: one object per event (n, cpu, seq, ts, type\n"
"                and every field by name; an MM_REF also the model's\n"
"                counters before and after; \"violations\" where the\n"
"                checker found some), diagnostics as {\"diag\": ...}\n"
"  --kernel ELF  symbolise with ELF instead of the kernel named in FILE\n"
"  --raw         also print each record's bytes in hex\n"
"  --stats       print counts, throughput and losses on stderr\n"
"\n"
"Exit status: 0 printed, 2 FILE is missing, not a trace, cut inside its\n"
"header, or of a newer format.\n";

struct dump {
	const char *path;
	struct printer pr;
	struct fastprint fp;		/* prints the events with pr */
	struct timeline *tl;
	struct evlog *log;		/* tl->log */
	struct tally tally;
	struct symtab *syms;
	uint8_t elf_id[MMT_BUILD_ID_SIZE];
	int have_elf_id;
	int warned_id;			/* build id mismatch reported */
	size_t notes_printed;		/* notes of the log printed */
	size_t viol_printed;		/* findings printed */
	size_t susp_printed;
	struct model_ref ref;	/* the event's MM_REF, as the model saw it */
	char name[LIFE_NAME_MAX];	/* an mm's name, for the printer */
	int header_done;		/* column header printed */
	char *nosyms;			/* why there are no symbols, unsaid */
	char *early;		/* a build id note, said before events */
	uint64_t diags[DIAG_CUT + 1];
};

/* Say what must be said before the next line of output. */
static void before_output(struct dump *d)
{
	if (d->nosyms) {		/* said only once there is output */
		util_warn("%s; printing addresses without symbols (--kernel "
			  "ELF names another)", d->nosyms);
		free(d->nosyms);
		d->nosyms = NULL;
	}
	if (!d->header_done++)
		print_header(&d->pr);
	if (d->early) {
		print_note(&d->pr, "build_id_mismatch", "%s", d->early);
		free(d->early);
		d->early = NULL;
	}
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
	snprintf(msg, sizeof msg,
		 "build id mismatch: %s %s, ELF %s: symbols may be wrong",
		 whose, util_hexstr(id, MMT_BUILD_ID_SIZE, a),
		 util_hexstr(d->elf_id, MMT_BUILD_ID_SIZE, b));
	util_warn("%s: %s", d->path, msg);
	free(d->early);
	d->early = strdup(msg);
}

static void event_print(struct dump *d, const struct mmt_event *ev)
{
	struct mmt_stream s;

	tally_event(&d->tally, ev, 0);
	if (ev->type == MMT_STREAM) {
		decode_copy(ev, &s, sizeof s);
		if (s.magic == MMT_STREAM_MAGIC) {
			if (!d->pr.tsc_khz)
				d->pr.tsc_khz = s.tsc_khz;
			check_build_id(d, s.build_id, "the trace's kernel");
		}
	}
	before_output(d);
	fastprint_event(&d->fp, ev);
}

/* Print the notes placed before event n (all that are left: n = -1). */
static void notes_print(struct dump *d, uint64_t n)
{
	const struct evlog_note *v;
	size_t count;

	v = evlog_notes(d->log, &count);
	for (; d->notes_printed < count && v[d->notes_printed].n <= n;
	     d->notes_printed++) {
		if (v[d->notes_printed].dg.kind == DIAG_LOST)
			continue;	/* the LOST record itself says it */
		before_output(d);
		print_diag(&d->pr, &v[d->notes_printed].dg);
	}
}

/* JSON: what the model and the checker say about the event. */
static void event_extra(void *arg, struct fmtbuf *b,
			const struct mmt_event *ev)
{
	struct dump *d = arg;
	const struct findings *f = &d->tl->found;
	size_t i;

	if (ev->type == MMT_MM_REF)
		fastprint_model_ref(b, d->ref.alive, d->ref.known,
				    d->ref.users0, d->ref.users1,
				    d->ref.count0, d->ref.count1);
	if (d->viol_printed == f->nv || f->v[d->viol_printed].n != ev->n)
		return;
	fmtbuf_flush(b);		/* violations are rare: printf will do */
	fputs(",\"violations\":[", d->pr.out);
	for (i = d->viol_printed; i < f->nv && f->v[i].n == ev->n; i++) {
		if (i > d->viol_printed)
			fputc(',', d->pr.out);
		violation_json(d->pr.out, &f->v[i], d->syms);
	}
	fputc(']', d->pr.out);
	d->viol_printed = i;
}

/* The name of mm id in event ev (model/lives.h): "3", "3.2". */
static const char *mm_name(void *arg, const struct mmt_event *ev, unsigned id)
{
	struct dump *d = arg;
	const struct life *l = life_at(&d->tl->lives, id, ev->n);

	return l ? life_name(id, l->gen, 0, d->name, sizeof d->name) : NULL;
}

/* The rules the checker suspended, once per gap (check -v: per mm). */
static void suspensions_print(struct dump *d)
{
	const struct findings *f = &d->tl->found;
	char line[512];
	FILE *mem;

	for (; d->susp_printed < f->ns; d->susp_printed++) {
		if (f->s[d->susp_printed].mm)
			continue;	/* one per mm: for check -v */
		mem = fmemopen(line, sizeof line, "w");
		suspension_print(mem, &f->s[d->susp_printed], "");
		fclose(mem);
		line[strcspn(line, "\n")] = '\0';
		before_output(d);
		print_note(&d->pr, "suspended", "%s", line);
	}
}

/* Text: the violations not printed yet (JSON has them in the events). */
static void violations_print(struct dump *d)
{
	const struct findings *f = &d->tl->found;

	for (; !d->pr.json && d->viol_printed < f->nv; d->viol_printed++) {
		before_output(d);
		violation_print(d->pr.out, &f->v[d->viol_printed], d->syms,
				"# ");
	}
}

/* The timeline applied event ev: print it, and what was found there. */
static void observe(void *arg, const struct mmt_event *ev,
		    const struct model *tail)
{
	struct dump *d = arg;

	notes_print(d, ev->n);
	suspensions_print(d);
	d->ref = tail->ref;
	event_print(d, ev);
	violations_print(d);
}

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
		case 'h': fputs(cmd_dump_usage, stdout); return EXIT_OK;
		default: util_usage_hint(cmd_dump_usage); return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		util_err("dump: %s", optind < argc ? "one trace file, please" :
			 "which trace? (mmscope dump FILE)");
		return EXIT_USAGE;
	}
	o->path = argv[optind];
	return -1;
}

/* Symbols: --kernel ELF, else those the trace keeps, else the ELF it
 * names; without any, addresses stay numbers. */
static void dump_symbols(struct dump *d, const struct dump_opts *o,
			 const struct mmt_file_header *h)
{
	struct sym_choice c;

	d->syms = sym_open_for_trace(o->path, h, o->kernel, &c);
	if (c.kept_err[0])
		util_warn("%s; using the kernel ELF instead", c.kept_err);
	if (!d->syms) {
		d->nosyms = strdup(c.err);
		return;
	}
	d->pr.syms = d->syms;
	if (!c.elf[0])
		return;			/* the trace keeps its own */
	d->have_elf_id = sym_build_id(d->syms, d->elf_id);
	check_build_id(d, h->build_id, "recorded with kernel");
}

/* Decode the stream from fd to its end. */
static int dump_stream(struct dump *d, int fd)
{
	static uint8_t buf[1 << 20];
	const struct mmt_diag *g;
	ssize_t n;

	while (!evlog_fatal(d->log) && (n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			util_err("%s: %m", d->path);
			return EXIT_USAGE;
		}
		tl_feed(d->tl, buf, n);
	}
	if ((g = evlog_fatal(d->log))) {
		util_err("%s: %s (%u, this mmscope reads %u); use a newer "
			 "mmscope", d->path, g->why, g->got, MMT_VERSION);
		return EXIT_USAGE;
	}
	tl_finish(d->tl);
	notes_print(d, UINT64_MAX);
	suspensions_print(d);
	violations_print(d);
	return EXIT_OK;
}

/* One line on stderr that sums up what went wrong in the stream. */
static void dump_summary(struct dump *d)
{
	const struct decode_stats *s = &evlog_decoder(d->log)->st;
	const struct evlog_note *v;
	size_t i, nv;
	char line[512];
	size_t at = 0;

	v = evlog_notes(d->log, &nv);
	for (i = 0; i < nv; i++)
		d->diags[v[i].dg.kind]++;
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
		util_warn("%s: %" PRIu64 " events%s", d->path, s->events, line);
	else if (!s->events)
		util_warn("%s: the trace has no events", d->path);
	if (d->tl->found.nv)
		util_warn(
			"%s: %zu rule violation%s (mmscope check %s says more)",
			d->path, d->tl->found.nv,
			d->tl->found.nv > 1 ? "s" : "", d->path);
}

static void dump_free(struct dump *d)
{
	tl_free(d->tl);
	sym_close(d->syms);
	free(d->nosyms);
	free(d->early);
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
		util_err("%s", msg);
		return EXIT_USAGE;
	}
	d = calloc(1, sizeof *d);
	if (d && !(d->tl = tl_new(UINT64_MAX / 2))) {
		free(d);
		d = NULL;
	}
	if (!d) {
		util_err("out of memory");
		close(fd);
		return EXIT_FAIL;
	}
	d->path = o.path;
	d->log = d->tl->log;
	d->tl->observe = observe;
	d->tl->arg = d;
	d->pr = (struct printer) { .out = stdout, .json = o.json,
				   .raw = o.raw, .base_off = h.header_size,
				   .mm_name = mm_name, .mm_arg = d,
				   .mm_names = PRINT_NAMES_ADD };
	d->fp = (struct fastprint) { &d->pr, event_extra, d };
	if (!isatty(1))		/* a file or a pipe: fewer, larger writes */
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	dump_symbols(d, &o, &h);
	rc = dump_stream(d, fd);
	close(fd);
	fflush(stdout);
	if (rc == EXIT_OK)
		dump_summary(d);
	if (o.stats)
		fprintf(stderr, "transport: %s\n",
			h.flags & MMT_FILE_VIRTIO ? "virtio" : "com2");
	if (o.stats)
		tally_print(stderr, &d->tally, &evlog_decoder(d->log)->st,
			    evlog_decoder(d->log)->have_stream ?
			    evlog_decoder(d->log)->stream.tsc_khz : 0);
	dump_free(d);
	return rc;
}
