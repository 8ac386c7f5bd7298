/*
 * record.c - `mmscope record SCENARIO -o FILE ...`: boot the kernel in
 * QEMU, headless, and save its event stream as a trace file.
 *
 * The trace header is written first; then every stream byte (COM2, or
 * virtio-serial with --transport virtio) is appended the moment it
 * arrives, so a run that dies leaves a trace valid up to its last
 * complete frame.  The stream is decoded on the fly, for progress,
 * for the PANIC and END records the report needs, and for --stats.  COM1
 * (the console) goes to FILE.log, or to stderr with --console -.
 */
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cmd/record.h"
#include "cmd/repro.h"
#include "cmd/verbs.h"
#include "run/qemu.h"
#include "run/runcfg.h"
#include "run/writer.h"
#include "trace/bugfire.h"
#include "trace/mmtfile.h"
#include "trace/names.h"
#include "trace/print.h"
#include "trace/symbols.h"
#include "trace/tally.h"
#include "util/util.h"

#define TAIL_SIZE	4096	/* console bytes kept for an error report */
#define TAIL_LINES	12	/* console lines shown with an error */
#define END_GRACE_MS	5000	/* QEMU must exit this soon after END */
#define PROGRESS_MS	250
#define BATCH_US	4000	/* let stream bytes pile up between short reads */
#define READ_SIZE	(1 << 16)	/* bytes read from a pipe at once */

const char cmd_record_usage[] =
"usage: mmscope record SCENARIO -o FILE [options]\n"
"\n"
"Boot the kernel headless in QEMU, run SCENARIO and save the event stream\n"
"to the trace FILE.  `mmscope scenarios` lists the scenarios.\n"
"\n"
"  -o, --output FILE     the trace to write (required)\n"
"  --smp N               CPUs, 1..8 (default 1)\n"
"  --era E               2.6.32 (default) or modern\n"
"  --bug B               inject a fault: exit_no_grab, lazy_no_grab,\n"
"                        no_prev_drop, mmput_frees, trace_lie, ap_hang\n"
"  --trace-mode M        lossless (default) or overflow (drop and count)\n"
"  --transport T         the stream's line: com2 (default) or virtio\n"
"                        (virtio-serial, many times faster)\n"
"  --count N             scenario size, for stress and benchmark scenarios\n"
"  --seed S              the seed of a random program (chaos), 0..2^32-1\n"
"  --timeout S           stop QEMU after S seconds (default 60)\n"
"  --console FILE|-      where COM1 goes (default FILE.log; - is stderr)\n"
"  --kernel ELF          the kernel to boot (default: beside mmscope,\n"
"                        or $MMSCOPE_KERNEL)\n"
"  --stats               print counts, throughput and start-up time\n"
"\n"
"Exit status: 0 the scenario passed; 1 it failed, the kernel panicked,\n"
"QEMU died or the run timed out; 2 bad options or unknown scenario.\n";

struct rec {
	const struct record_opts *o;
	char cmdline[MMT_PATH_MAX];
	struct symtab *syms;
	struct qemu q;
	struct writer w;		/* the trace and its console log */
	char tail[TAIL_SIZE];		/* the last console bytes, a ring */
	uint64_t tail_len;		/* bytes ever put in tail */
	char qerr[1024];		/* the start of QEMU's own messages */
	size_t qerr_len;
	struct decoder dec;
	struct tally tally;
	struct bug_watch bugw;		/* did bug= fire? */
	uint64_t now;		/* util_now_ns() of the bytes being fed */
	uint64_t end_ns;		/* when END arrived; 0: not yet */
	struct mmt_end end;
	char end_text[256];
	char kerr[256];			/* the kernel's MSG errors, joined */
	int have_panic;
	uint8_t panic[256];		/* the PANIC record */
	uint8_t panic_cpu, panic_size;
	uint64_t last_progress;
	int progress;			/* a progress line is on stderr */
	int header_done;		/* the trace has its header */
};

/* --- options -------------------------------------------------------- */

static const struct option rec_own[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "console", required_argument, NULL, 'C' },
	{ "stats", no_argument, NULL, 's' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int record_args(int argc, char **argv, struct record_opts *o)
{
	struct option lo[RUNCFG_NOPTS + NELEM(rec_own)];
	struct run_cfg *c = &o->run;
	int ch, rc = -1;

	runcfg_longopts(lo, RUNCFG_ALL, rec_own);
	optind = 0;		/* a verb may run more than once (tests) */
	while (rc < 0 &&
	       (ch = getopt_long(argc, argv, "o:h", lo, NULL)) != -1) {
		if (runcfg_is(ch)) {
			rc = runcfg_set(c, ch, optarg);
			continue;
		}
		switch (ch) {
		case 'o': o->output = optarg; break;
		case 'C': o->console = optarg; break;
		case 's': o->stats = 1; break;
		case 'h': fputs(cmd_record_usage, stdout); return EXIT_OK;
		default: util_usage_hint(cmd_record_usage); return EXIT_USAGE;
		}
	}
	if (rc >= 0)
		return rc;
	if (optind != argc - 1 || !o->output) {
		util_err("record: %s", optind >= argc ? "which scenario? "
			 "(mmscope scenarios lists them)" : optind < argc - 1 ?
			 "one scenario, please" : "where to? (-o FILE)");
		return EXIT_USAGE;
	}
	c->scenario = argv[optind];
	return -1;
}

/* --- before the run ------------------------------------------------- */

/* The trace file and the console log. */
static int open_outputs(struct rec *r)
{
	char err[512];

	if (writer_open(&r->w, r->o->output, r->o->console, err,
			sizeof err) < 0) {
		util_err("%s", err);
		return EXIT_USAGE;
	}
	return -1;
}

/* The file header: which kernel, booted how. */
static int write_header(struct rec *r)
{
	if (writer_header(&r->w, r->o->run.kernel, r->syms, r->cmdline,
			  &r->q) < 0) {
		util_err("%s: cannot write the trace header: %m; QEMU stopped",
			 r->o->output);
		return EXIT_FAIL;
	}
	r->header_done = 1;
	return -1;
}

/* --- during the run ------------------------------------------------- */

/* A MSG record: keep an error's text (split over records) for the report. */
static void kernel_error(struct rec *r, const struct mmt_event *ev)
{
	struct mmt_msg m;
	size_t at = strlen(r->kerr), n;
	const char *text;

	decode_copy(ev, &m, sizeof m);
	if (m.level != MMT_MSG_ERR)
		return;
	n = decode_text(ev, sizeof m, &text);
	if (n > sizeof r->kerr - 1 - at)
		n = sizeof r->kerr - 1 - at;
	memcpy(r->kerr + at, text, n);
	r->kerr[at + n] = '\0';
}

static void on_event(void *arg, const struct mmt_event *ev)
{
	struct rec *r = arg;
	const char *text;
	size_t n;

	tally_event(&r->tally, ev, r->now);
	bug_watch_event(&r->bugw, ev);
	if (ev->type == MMT_END && !r->end_ns) {
		decode_copy(ev, &r->end, sizeof r->end);
		n = decode_text(ev, sizeof r->end, &text);
		if (n >= sizeof r->end_text)
			n = sizeof r->end_text - 1;
		memcpy(r->end_text, text, n);
		r->end_ns = r->now;
	}
	if (ev->type == MMT_MSG)
		kernel_error(r, ev);
	if (ev->type == MMT_PANIC && !r->have_panic) {
		r->have_panic = 1;
		r->panic_cpu = ev->cpu;
		r->panic_size = ev->size;
		decode_copy(ev, r->panic, sizeof r->panic);
	}
}

static const struct decode_ops rec_ops = { on_event, NULL };

static void console_write(struct rec *r, const uint8_t *buf, size_t n)
{
	size_t i;

	writer_console(&r->w, buf, n);
	for (i = 0; i < n; i++)
		r->tail[r->tail_len++ % TAIL_SIZE] = buf[i];
}

static void qemu_said(struct rec *r, const uint8_t *buf, size_t n)
{
	if (n > sizeof r->qerr - 1 - r->qerr_len)
		n = sizeof r->qerr - 1 - r->qerr_len;
	memcpy(r->qerr + r->qerr_len, buf, n);
	r->qerr_len += n;
}

/* which pipe drain() reads */
#define PIPE_COM2	0
#define PIPE_COM1	1
#define PIPE_ERR	2

/*
 * Read what a pipe has.  Stream bytes go to the trace file first, then
 * to the decoder.  Returns the stream bytes read, or -1 if the trace
 * cannot be written.
 */
static ssize_t drain(struct rec *r, int *fd, int which)
{
	static uint8_t buf[READ_SIZE];
	ssize_t n = qemu_pipe_read(fd, buf, sizeof buf);

	if (n <= 0)			/* nothing now, or QEMU closed it */
		return 0;
	r->now = util_now_ns();
	if (which == PIPE_COM1)
		console_write(r, buf, n);
	if (which == PIPE_ERR)
		qemu_said(r, buf, n);
	if (which != PIPE_COM2)
		return 0;
	if (writer_stream(&r->w, buf, n) < 0) {
		util_err("%s: cannot write the trace: %m", r->o->output);
		return -1;
	}
	decode_feed(&r->dec, buf, n);
	return n;
}

static void progress(struct rec *r, uint64_t now, int last)
{
	if (r->w.console == stderr || !isatty(2))
		return;
	if (!last && now - r->last_progress < PROGRESS_MS * 1000000ull)
		return;
	r->last_progress = now;
	if (last) {
		if (r->progress)
			fputs("\r\033[K", stderr);
		return;
	}
	fprintf(stderr, "\rrecording %s: %" PRIu64 " events, %" PRIu64
		" KiB\033[K", r->o->run.scenario, r->dec.st.events,
		r->dec.st.bytes / 1024);
	r->progress = 1;
}

#define RUN_EXITED	0	/* QEMU closed both pipes */
#define RUN_TIMEOUT	1
#define RUN_SIGNAL	2
#define RUN_NOEXIT	3	/* END came but QEMU did not exit */
#define RUN_IOERR	4

static int run_loop(struct rec *r, uint64_t deadline)
{
	struct pollfd p[3];
	uint64_t now;
	ssize_t got;
	int ms;

	while (r->q.com1 >= 0 || r->q.com2 >= 0 || r->q.err >= 0) {
		now = util_now_ns();
		if (qemu_interrupted())
			return RUN_SIGNAL;
		if (now >= deadline)
			return RUN_TIMEOUT;
		if (r->end_ns && now - r->end_ns > END_GRACE_MS * 1000000ull)
			return RUN_NOEXIT;
		progress(r, now, 0);
		p[0] = (struct pollfd) { .fd = r->q.com2, .events = POLLIN };
		p[1] = (struct pollfd) { .fd = r->q.com1, .events = POLLIN };
		p[2] = (struct pollfd) { .fd = r->q.err, .events = POLLIN };
		ms = (deadline - now) / 1000000 + 1;
		if (poll(p, 3, ms < PROGRESS_MS ? ms : PROGRESS_MS) < 0)
			continue;	/* EINTR: a signal, seen above */
		got = p[0].revents ? drain(r, &r->q.com2, PIPE_COM2) : 0;
		if (got < 0)
			return RUN_IOERR;
		if (p[1].revents)
			drain(r, &r->q.com1, PIPE_COM1);
		if (p[2].revents)
			drain(r, &r->q.err, PIPE_ERR);
		/*
		 * QEMU writes COM2 a byte at a time; waking for each costs
		 * more CPU than QEMU itself.  A short nap makes reads big;
		 * after a full read the next bytes are already there.
		 * virtio-serial writes whole batches: no nap, which would
		 * only leave the pipe full and the guest waiting.
		 */
		if (got < READ_SIZE && !r->q.virtio)
			usleep(BATCH_US);
	}
	return RUN_EXITED;
}

/* --- after the run -------------------------------------------------- */

/* The last console lines, for a failure report (unless on stderr). */
static void console_tail(struct rec *r)
{
	char buf[TAIL_SIZE + 1], c, *p, *nl;
	uint64_t i = r->tail_len > TAIL_SIZE ? r->tail_len - TAIL_SIZE : 0;
	size_t n = 0, start;
	int lines = 0;

	if (r->w.console == stderr)
		return;
	for (; i < r->tail_len; i++)
		if ((c = r->tail[i % TAIL_SIZE]) != '\r')
			buf[n++] = c;
	while (n && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	if (!n) {
		util_err("the console (COM1) printed nothing");
		return;
	}
	for (start = n; start > 0; start--)
		if (buf[start - 1] == '\n' && ++lines == TAIL_LINES)
			break;
	fprintf(stderr, "last console lines:\n");
	for (p = buf + start; p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		fprintf(stderr, "  | %.*s\n",
			nl ? (int)(nl - p) : (int)strlen(p), p);
	}
}

static void report_panic(struct rec *r)
{
	struct mmt_panic p;
	const char *text = (const char *)r->panic + sizeof p, *sym;
	int n = r->panic_size > sizeof p ? r->panic_size - sizeof p : 0;

	if (!r->have_panic) {
		util_err("kernel panic (the trace has no PANIC record)");
		console_tail(r);
		return;
	}
	memcpy(&p, r->panic, sizeof p);
	sym = sym_lookup(r->syms, p.eip, p.trapno == 0xff);
	util_err("kernel panic on cpu %u, pid %u: %.*s", r->panic_cpu, p.pid,
		 n, text);
	if (p.trapno == 0xff)
		util_err("  panic() called from 0x%08x %s", p.eip,
			 sym ? sym : "");
	else
		util_err("  trap %u at 0x%08x %s", p.trapno, p.eip,
			 sym ? sym : "");
	console_tail(r);
}

/* Turn QEMU's wait status into the verdict and the exit status. */
static int report_exit(struct rec *r, int status)
{
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

	if (code == MMT_QEMU_STATUS(MMT_EXIT_OK)) {
		if (!r->end_ns)
			util_warn("QEMU reported success but the trace has "
				  "no END record");
		else if (r->end.status != MMT_END_OK)
			util_warn("QEMU reported success but END says status "
				  "%u: %s",
				  r->end.status, r->end_text);
		return EXIT_OK;
	}
	if (code == MMT_QEMU_STATUS(MMT_EXIT_FAIL)) {
		util_err("scenario %s failed: %s", r->o->run.scenario,
			 r->end_ns ? r->end_text : "(no END record)");
		return EXIT_FAIL;
	}
	if (code == MMT_QEMU_STATUS(MMT_EXIT_PANIC)) {
		report_panic(r);
		return EXIT_FAIL;
	}
	if (code == MMT_QEMU_STATUS(MMT_EXIT_BADARG)) {
		util_err("the kernel rejected its command line '%s': %s",
			 r->cmdline, r->kerr[0] ? r->kerr : r->end_ns ?
			 r->end_text : "(no END record)");
		return EXIT_USAGE;
	}
	if (code >= 0)
		util_err("QEMU exited with status %d", code);
	else
		util_err("QEMU was killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	if (r->qerr_len)
		fprintf(stderr, "QEMU said:\n%.*s%s", (int)r->qerr_len,
			r->qerr, r->qerr[r->qerr_len - 1] == '\n' ? "" : "\n");
	console_tail(r);
	return EXIT_FAIL;
}

/* A run that did not end by itself: stop QEMU and say why. */
static int report_stopped(struct rec *r, int why)
{
	qemu_stop(&r->q);
	if (why == RUN_TIMEOUT)
		util_err("timed out after %lu s with %" PRIu64
			 " events; QEMU stopped (--timeout S allows longer)",
			 r->o->run.timeout, r->dec.st.events);
	else if (why == RUN_SIGNAL)
		util_err("interrupted by SIG%s; QEMU stopped",
			 sigabbrev_np(qemu_interrupted()));
	else if (why == RUN_NOEXIT)
		util_err("the kernel sent END but QEMU did not exit within "
			 "%d ms; QEMU stopped", END_GRACE_MS);
	else
		util_err("QEMU stopped: the trace cannot be written");
	if (why != RUN_SIGNAL && why != RUN_IOERR)
		console_tail(r);
	util_err("the trace so far is in %s%s", r->o->output,
		 why == RUN_IOERR ? " (readable up to its last complete frame)"
				  : "");
	return EXIT_FAIL;
}

static void report_ok(struct rec *r)
{
	const struct decode_stats *s = &r->dec.st;

	util_err("recorded %" PRIu64 " events of scenario %s to %s "
		 "(%" PRIu64 " bytes of stream)", s->events, r->o->run.scenario,
		 r->o->output, s->bytes);
	if (s->gaps || s->garbage_bytes || s->truncated)
		util_warn("%s: %" PRIu64 " events lost in %" PRIu64 " gaps, %"
			  PRIu64 " garbage bytes, %" PRIu64 " bytes cut at the "
			  "end (see mmscope dump)", r->o->output, s->lost,
			  s->gaps, s->garbage_bytes, s->truncated);
}

/*
 * The kernel's symbols and source lines go into the trace (as perf's
 * build-id cache keeps binaries), so that it reads without the ELF on
 * another machine; --stats says how much that is.
 */
static void keep_symbols(struct rec *r)
{
	struct writer_kept k;
	char err[600];

	if (!r->syms)
		return;
	if (writer_keep_symbols(r->o->output, r->syms, &k, err,
				sizeof err) < 0) {
		util_warn("the kernel's symbols are not kept in the trace: %s; "
			  "read it with --kernel %s", err, r->o->run.kernel);
		return;
	}
	if (r->o->stats)
		fprintf(stderr, "symbols kept: %zu addresses, %u source lines "
			"in %u pieces, %zu bytes\n", k.addrs, k.lines, k.files,
			k.bytes);
}

/* --stats: the trace's figures and what reading it cost mmscope. */
static void record_stats(struct rec *r)
{
	struct rusage ru;

	fprintf(stderr, "transport: %s\n", r->q.virtio ? "virtio" : "com2");
	tally_print(stderr, &r->tally, &r->dec.st,
		    r->dec.have_stream ? r->dec.stream.tsc_khz : 0);
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "mmscope cpu time: %.3f s user, %.3f s system\n",
		ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
		ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
}

/* Boot, stream, stop; returns the exit status. */
static int record_run(struct rec *r)
{
	const struct run_cfg *c = &r->o->run;
	struct qemu_opts qo = { c->kernel, r->cmdline, c->smp, NULL, 0,
				runcfg_virtio(c) };
	char err[512];
	uint64_t deadline;
	int rc, why, status;

	if (qemu_start(&r->q, &qo, err, sizeof err) < 0) {
		util_err("%s", err);
		return EXIT_FAIL;
	}
	r->tally.start_wall = r->q.start_ns;
	if ((rc = write_header(r)) >= 0) {
		qemu_stop(&r->q);
		return rc;
	}
	deadline = r->q.start_ns + r->o->run.timeout * 1000000000ull;
	why = run_loop(r, deadline);
	progress(r, 0, 1);
	while (why == RUN_EXITED && !qemu_reap(&r->q, &status, 0)) {
		if (util_now_ns() >= deadline)	/* pipes closed, still alive */
			why = RUN_TIMEOUT;
		else if (qemu_interrupted())
			why = RUN_SIGNAL;
		usleep(2000);
	}
	decode_finish(&r->dec);
	if (why != RUN_EXITED)
		return report_stopped(r, why);
	rc = report_exit(r, status);
	if (rc == EXIT_OK)
		report_ok(r);
	bug_watch_warn(&r->bugw, r->o->output);
	return rc;
}

int cmd_record_scenario(struct record_opts *o)
{
	struct rec *r;
	char def[PATH_MAX];
	int rc;

	if ((rc = runcfg_names(&o->run)) >= 0)
		return rc;
	if (!o->run.kernel)
		o->run.kernel = util_kernel_default(def, sizeof def);
	r = calloc(1, sizeof *r);
	if (!r) {
		util_err("out of memory");
		return EXIT_FAIL;
	}
	r->o = o;
	r->w.fd = -1;
	r->q.com1 = r->q.com2 = r->q.err = -1;
	decode_init(&r->dec, &rec_ops, r);
	runcfg_cmdline(&o->run, r->cmdline, sizeof r->cmdline);
	if ((rc = runcfg_scenario(&o->run, &r->syms)) < 0 &&
	    (rc = open_outputs(r)) < 0)
		rc = record_run(r);
	if (o->stats && r->w.fd >= 0)
		record_stats(r);
	qemu_close(&r->q);
	if (r->w.fd >= 0 && r->header_done)
		keep_symbols(r);
	writer_close(&r->w);
	sym_close(r->syms);
	free(r);
	if (o->run.kernel == def)
		o->run.kernel = NULL;	/* def is gone */
	return rc;
}

int cmd_record(int argc, char **argv)
{
	struct record_opts o = CMD_RECORD_OPTS_INIT;
	int rc;

	if ((rc = record_args(argc, argv, &o)) >= 0)
		return rc;
	rc = cmd_record_scenario(&o);
	if (rc == EXIT_FAIL && runcfg_given(&o.run, RUNCFG_SEED))
		cmd_repro_print(argc, argv);
	return rc;
}
