/*
 * cast.c - `mmscope cast FILE -o OUT.cast`: the TUI's own frames over a
 * trace, drawn at a chosen pace, as asciicast v2 (export/asciicast.h)
 * for `asciinema play` and the web players, for slides.
 *
 * mmscope replay runs in a pseudo-terminal of the chosen size
 * (cast_tty.c) and is stepped through the trace with the Right key, an
 * event a step.  Each step's frame, once the replay says it is on the
 * terminal, is an event of the cast, PACE seconds after the one before:
 * the cast is made as fast as the replay draws, and only its times keep
 * the pace.  The last frame, the END narration for a whole trace, stays
 * one pace before the terminal is restored.
 */
#include <ctype.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "export/asciicast.h"
#include "model/timeline.h"
#include "trace/decode.h"
#include "util/util.h"
#include "cmd/cast_tty.h"
#include "cmd/verbs.h"

#define STEP_MS		30000	/* the longest a frame may take to draw */
#define MAX_CHAPTERS	64

const char cmd_cast_usage[] =
"usage: mmscope cast FILE -o OUT.cast [--size WxH] [--pace S] [--chapter N]\n"
"                    [--kernel ELF]\n"
"\n"
"Record the TUI's frames over the trace FILE, an event a step, as an\n"
"asciicast v2 file for `asciinema play` and web players: mmscope replay\n"
"runs in a pseudo-terminal of the chosen size and each frame is kept, S\n"
"seconds after the one before.  The last frame (for a whole trace, the\n"
"END narration) stays S seconds.\n"
"\n"
"  -o, --output F  the cast to write ('-': stdout)\n"
"  --size WxH      the terminal, columns x lines (default 80x24, at least\n"
"                  72x20)\n"
"  --pace S        seconds per event (default 0.5)\n"
"  --chapter N     only chapter N (1, 2, ...): from the MARK that opens\n"
"                  it to the event before the next chapter's (a MARK\n"
"                  with a chapter number: the lecture's scenes)\n"
"  --kernel ELF    symbolise with ELF instead of the kernel named in FILE\n"
"\n"
"Exit status: 0 written; 1 the replay or the output failed; 2 bad\n"
"options, or FILE is not a usable trace.\n";

struct cast_opts {
	const char *path;		/* the trace */
	const char *out;		/* -o, "-": stdout */
	const char *kernel;		/* --kernel, NULL: the trace's */
	unsigned long cols, rows;	/* --size */
	double pace;			/* --pace, seconds an event */
	unsigned long chapter;		/* --chapter, 0: the whole trace */
};

/* A chapter: where it opens, its number and its title. */
struct chapter {
	uint64_t n;			/* the MARK's event number */
	unsigned no;			/* chapter no, as the MARK says */
	char title[MMT_TEXT_MAX + 1];
};

/* --size WxH: -1 taken, else EXIT_USAGE (said). */
static int parse_size(const char *s, struct cast_opts *o)
{
	char w[16], h[16];
	const char *x = strchr(s, 'x');

	if (x && x - s < (int)sizeof w && strlen(x + 1) < sizeof h) {
		snprintf(w, sizeof w, "%.*s", (int)(x - s), s);
		snprintf(h, sizeof h, "%s", x + 1);
		if (!util_parse_ulong(w, 72, 1000, &o->cols) &&
		    !util_parse_ulong(h, 20, 1000, &o->rows))
			return -1;
	}
	util_err("cast: --size %s: columns x lines, at least 72x20 (the "
		 "TUI's smallest) and at most 1000x1000, e.g. 100x30", s);
	return EXIT_USAGE;
}

/* --pace S: -1 taken, else EXIT_USAGE (said). */
static int parse_pace(const char *s, struct cast_opts *o)
{
	char *end;
	double v = strtod(s, &end);

	if (*s && !*end && isfinite(v) && v >= 0.01 && v <= 3600) {
		o->pace = v;
		return -1;
	}
	util_err("cast: --pace %s: seconds per event, 0.01 to 3600 (e.g. "
		 "0.5)", s);
	return EXIT_USAGE;
}

static int cast_args(int argc, char **argv, struct cast_opts *o)
{
	static const struct option lo[] = {
		{ "output", 1, 0, 'o' }, { "size", 1, 0, 's' },
		{ "pace", 1, 0, 'p' }, { "chapter", 1, 0, 'c' },
		{ "kernel", 1, 0, 'k' }, { "help", 0, 0, 'h' }, { 0, 0, 0, 0 }
	};
	int c, rc = -1;

	optind = 0;		/* a verb may run more than once (tests) */
	while (rc < 0 && (c = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
		switch (c) {
		case 'o': o->out = optarg; break;
		case 's': rc = parse_size(optarg, o); break;
		case 'p': rc = parse_pace(optarg, o); break;
		case 'c':
			if (util_parse_ulong(optarg, 1, MAX_CHAPTERS,
					     &o->chapter) < 0) {
				util_err("cast: --chapter %s: a chapter's "
					 "number, 1 to %d", optarg,
					 MAX_CHAPTERS);
				rc = EXIT_USAGE;
			}
			break;
		case 'k': o->kernel = optarg; break;
		case 'h': fputs(cmd_cast_usage, stdout); return EXIT_OK;
		default: util_usage_hint(cmd_cast_usage); return EXIT_USAGE;
		}
	}
	if (rc >= 0)
		return rc;
	if (optind != argc - 1 || !o->out) {
		util_err("cast: %s", optind < argc - 1 ?
			 "one trace file, please" : optind == argc ?
			 "which trace? (mmscope cast FILE -o OUT.cast)" :
			 "where to? (-o OUT.cast)");
		return EXIT_USAGE;
	}
	o->path = argv[optind];
	return -1;
}

/*
 * Does ev open a chapter: a MARK with its chapter flag (PROTOCOL.md 3.1,
 * chapter n of the scenario's chapters), its text the title?
 */
static int opens_chapter(const struct mmt_event *ev, struct chapter *c)
{
	struct mmt_mark m;
	const char *text;
	size_t n;

	if (ev->type != MMT_MARK)
		return 0;
	decode_copy(ev, &m, sizeof m);
	if (!m.chapter)
		return 0;
	n = decode_text(ev, sizeof m, &text);
	snprintf(c->title, sizeof c->title, "%.*s", (int)n, text);
	c->n = ev->n;
	c->no = m.chapter;
	return 1;
}

/* The chapters of the trace, in order; how many. */
static size_t chapters(const struct timeline *tl, struct chapter *ch)
{
	struct evlog_iter it;
	struct mmt_event ev;
	size_t k = 0;

	evlog_iter_init(&it, tl->log, 0);
	while (k < MAX_CHAPTERS && evlog_next(&it, &ev))
		k += opens_chapter(&ev, &ch[k]);
	return k;
}

/* Events first..last of the trace: all, or the chapter asked for.
 * -1, or EXIT_USAGE (said). */
static int event_range(const struct cast_opts *o, const struct timeline *tl,
		       int64_t *first, int64_t *last)
{
	uint64_t count = evlog_count(tl->log);
	struct chapter ch[MAX_CHAPTERS];
	char list[1024] = "";
	size_t k, i, at = 0;

	*first = 0;
	*last = count - 1;
	if (!o->chapter)
		return -1;
	k = chapters(tl, ch);
	for (i = 0; i < k; i++) {
		if (ch[i].no != o->chapter)
			continue;
		*first = ch[i].n;
		if (i + 1 < k)
			*last = ch[i + 1].n - 1;
		return -1;
	}
	for (i = 0; i < k && at < sizeof list - 2 * MMT_TEXT_MAX; i++)
		at += snprintf(list + at, sizeof list - at, "%s%u %s (event %"
			       PRIu64 ")", i ? "; " : "", ch[i].no, ch[i].title,
			       ch[i].n);
	if (k)
		util_err("cast: %s has %zu chapters, not %lu: %s", o->path, k,
			 o->chapter, list);
	else
		util_err("cast: %s has no chapters (no MARK record with a "
			 "chapter number: the scenario marks none, or the "
			 "trace is older than protocol 1.2); cast it whole, "
			 "without --chapter", o->path);
	return EXIT_USAGE;
}

/* The output could not be written: err says so.  Returns -1. */
static int out_err(const struct cast_opts *o, char *err, size_t len)
{
	snprintf(err, len, "%s: %m", o->out);
	return -1;
}

/* The frames of events first..last into c.  0, or -1 with err. */
static int record(const struct cast_opts *o, int64_t first, int64_t last,
		  uint64_t count, struct asciicast *c, char *err, size_t len)
{
	struct cast_tty t;
	const uint8_t *d;
	char keys[32];
	int64_t i;
	size_t n;
	int st;

	if (cmd_tty_start(&t, o->path, o->kernel, o->cols, o->rows, err,
			  len) < 0)
		return -1;
	if (cmd_tty_frame(&t, 0, STEP_MS, err, len) < 0)
		goto fail;
	if (t.count != count) {
		snprintf(err, len, "mmscope replay read %" PRIu64 " events of "
			 "%s, not %" PRIu64, t.count, o->path, count);
		goto fail;
	}
	snprintf(keys, sizeof keys, "g%" PRId64 "\r", first);
	if (first > 0 && (cmd_tty_keys(&t, keys, err, len) < 0 ||
			  cmd_tty_frame(&t, first, STEP_MS, err, len) < 0))
		goto fail;
	d = cmd_tty_take(&t, &n);		/* start-up: all at 0 */
	if (asciicast_output(c, 0, d, n) < 0)
		goto write_fail;
	for (i = first + 1; i <= last; i++) {
		if (cmd_tty_keys(&t, "\033OC", err, len) < 0 ||	/* Right */
		    cmd_tty_frame(&t, i, STEP_MS, err, len) < 0)
			goto fail;
		d = cmd_tty_take(&t, &n);
		if (asciicast_output(c, (i - first) * o->pace, d, n) < 0)
			goto write_fail;
	}
	if ((st = cmd_tty_quit(&t, STEP_MS, err, len)) != 0) {
		if (st > 0)
			snprintf(err, len, "mmscope replay exited with status "
				 "%d", st);
		goto fail;
	}
	d = cmd_tty_take(&t, &n);		/* the terminal restored */
	if (asciicast_output(c, (last - first + 1) * o->pace, d, n) < 0)
		goto write_fail;
	cmd_tty_close(&t);
	return 0;
write_fail:
	out_err(o, err, len);
fail:
	cmd_tty_close(&t);
	return -1;
}

/* The cast into o->out.  The exit status. */
static int write_cast(const struct cast_opts *o, int64_t first, int64_t last,
		      uint64_t count)
{
	struct asciicast_header h = { o->cols, o->rows, time(NULL), NULL,
				      CAST_TERM };
	FILE *f = strcmp(o->out, "-") ? fopen(o->out, "we") : stdout;
	char title[300], err[512];
	struct asciicast c;
	int rc = 0;

	if (!f) {
		util_err("cast: %s: %m", o->out);
		return EXIT_FAIL;
	}
	snprintf(title, sizeof title, "mmscope replay %s", o->path);
	if (o->chapter)
		snprintf(title + strlen(title), sizeof title - strlen(title),
			 ", chapter %lu", o->chapter);
	h.title = title;
	if (asciicast_begin(&c, f, &h) < 0)
		rc = out_err(o, err, sizeof err);
	else
		rc = record(o, first, last, count, &c, err, sizeof err);
	if (asciicast_end(&c) < 0 && !rc)
		rc = out_err(o, err, sizeof err);
	if (f != stdout && fclose(f) != 0 && !rc)
		rc = out_err(o, err, sizeof err);
	if (rc) {
		util_err("cast: %s", err);
		if (f != stdout)
			unlink(o->out);
		return EXIT_FAIL;
	}
	fprintf(stderr, "mmscope: cast events %" PRId64 " to %" PRId64
		" of %s to %s: %" PRIu64 " frames, %.1f s at %g s an event, %"
		PRIu64 " bytes of terminal output\n", first, last, o->path,
		f != stdout ? o->out : "stdout", c.events,
		(last - first + 1) * o->pace, o->pace, c.bytes);
	return EXIT_OK;
}

/*
 * cast reads the trace twice, here and through the replay it films: a
 * pipe cannot be read again, so only a regular file will do.
 */
static int readable_twice(const char *path, char *err, size_t len)
{
	int fd = util_open_read(path, "a trace file (cast reads it twice)",
				0, err, len);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

int cmd_cast(int argc, char **argv)
{
	struct cast_opts o = { .cols = 80, .rows = 24, .pace = 0.5 };
	struct timeline *tl;
	int64_t first, last;
	uint64_t count;
	char err[512];
	int rc;

	if ((rc = cast_args(argc, argv, &o)) >= 0)
		return rc;
	if (readable_twice(o.path, err, sizeof err) < 0) {
		util_err("cast: %s", err);
		return EXIT_USAGE;
	}
	if (!(tl = tl_new(0)) || tl_load(tl, o.path, err, sizeof err) < 0) {
		util_err("cast: %s", tl ? err : "out of memory");
		tl_free(tl);
		return EXIT_USAGE;
	}
	if ((count = evlog_count(tl->log)) == 0) {
		util_err("cast: %s has no events to cast", o.path);
		rc = EXIT_USAGE;
	} else {
		rc = event_range(&o, tl, &first, &last);
	}
	tl_free(tl);
	return rc >= 0 ? rc : write_cast(&o, first, last, count);
}
