/*
 * run.c - the TUI's verbs: `mmscope replay FILE` (a recorded trace)
 * and `mmscope run [SCENARIO] ...` (QEMU and the TUI together, live).
 *
 * Both check everything they can before the terminal changes hands, so
 * that a bad option, a missing file or a QEMU that cannot start is an
 * ordinary message on stderr; then curses starts, the loop runs, curses
 * ends, and what is worth saying afterwards (how QEMU ended, where the
 * trace is, a signal) is said on the restored terminal.
 */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd/verbs.h"
#include "target/dbg.h"
#include "trace/mmtfile.h"
#include "tui/cursor.h"
#include "tui/debugger.h"
#include "tui/input.h"
#include "tui/loop.h"
#include "tui/pace.h"
#include "tui/quiz.h"
#include "tui/tui.h"
#include "tui/ui.h"
#include "util/util.h"

const char cmd_replay_usage[] =
"usage: mmscope replay FILE [--compare FILE2] [--kernel ELF] [--quiz]\n"
"                      [--focus]\n"
"\n"
"Browse the trace FILE in the terminal: each CPU's task, mm and\n"
"active_mm, every mm_struct with mm_users, mm_count and who holds them,\n"
"the events around the cursor and what each one did, in words.  Step\n"
"forward and back, go to an event, follow one mm, bookmark, search; ?\n"
"lists the keys.\n"
"\n"
"  --compare FILE2     FILE and FILE2 side by side, aligned step by step\n"
"                      (mmscope diff's alignment): d in the main screen\n"
"  --kernel ELF        symbolise with ELF instead of the kernel named in\n"
"                      FILE\n"
"  --quiz              stop before each counter change and ask for the\n"
"                      new mm_users and mm_count (Q toggles it)\n"
"  --focus             start in the projector view (f toggles it)\n"
"  --latency-log FILE  write when events arrive and frames are drawn\n"
"                      (tests/bench/tui.sh reads it)\n";

const char cmd_run_usage[] =
"usage: mmscope run [SCENARIO] [options]\n"
"\n"
"Boot the kernel in QEMU and show its trace live as it runs SCENARIO\n"
"(default lecture): the same screen as replay, the cursor following the\n"
"newest event unless paused.  Needs a terminal; `mmscope record` runs\n"
"headless.\n"
"\n"
"  --smp N             CPUs, 1..8 (default 1)\n"
"  --era E             2.6.32 (default) or modern\n"
"  --bug B             inject a fault: exit_no_grab, lazy_no_grab,\n"
"                      no_prev_drop, mmput_frees, trace_lie, ap_hang\n"
"  --record FILE       also save the trace to FILE (console: FILE.log)\n"
"  --count N           scenario size, for stress and benchmark scenarios\n"
"  --seed S            the seed of a random program (chaos)\n"
"  --trace-mode M      lossless (default) or overflow\n"
"  --transport T       the stream's line: com2 (default) or virtio\n"
"                      (virtio-serial: a saturated stream keeps up)\n"
"  --kernel ELF        the kernel to boot (default: beside mmscope)\n"
"  --halt-at WHAT      halt the machine at the first event WHAT selects:\n"
"                      an event kind as dump names it (switch, mm_ref,\n"
"                      leave_mm, ...) or any, then :cpu=N and :mm=M, as\n"
"                      for verify --at; repeat for more\n"
"  --latency-log FILE  write when events arrive and frames are drawn\n"
"  --pace S            a lecture: halt the machine at every teaching event,\n"
"                      verify it and show it for S seconds (0.1..60), a\n"
"                      chapter's start 3 times as long; space pauses,\n"
"                      -> steps, <- goes back, + - change the pace.  It\n"
"                      starts at --halt-at (default: exec, the scenario's\n"
"                      start)\n"
"  --step              the same, but paused: -> takes each step\n"
"  --steps KIND,...    what a step halts at (default: mm_ref, switch,\n"
"                      mm_alloc, mm_free, exec, task_new, task_exit,\n"
"                      prev_mm, enter_lazy, leave_mm, cr3_load; each as\n"
"                      --halt-at's WHAT); chapters' starts always\n"
"  --chapter-pause S   how long a chapter's start is shown\n"
"  --quiz              stop before each counter change and ask for the\n"
"                      new mm_users and mm_count (Q toggles it)\n"
"  --focus             start in the projector view (f toggles it)\n"
"\n"
"QEMU runs with its gdbstub on a private socket, which mmscope attaches\n"
"at start-up: h halts the whole machine, c lets it continue, l runs it\n"
"to the next traced event (of the followed mm, after m).  At each halt\n"
"the CPUs panel shows every CPU's real CR3 and the mm_structs panel\n"
"every live mm's counters read from guest memory, checked against the\n"
"trace (a mismatch in red).  Without the gdbstub the trace is shown\n"
"all the same, and the status bar says why it is missing.\n";

struct tui_opts {
	struct run_cfg run;
	const char *record;		/* run --record */
	const char *latency;		/* --latency-log */
	const char *path;		/* replay FILE */
	const char *compare;		/* replay --compare FILE2 */
	struct dbg_ats halt_at;		/* run --halt-at */
	int paced;			/* --pace, --step */
	struct pace_cfg pace;
	int chapter_ns_set;		/* --chapter-pause was given */
	int quiz;			/* --quiz */
	int focus;			/* --focus */
};

/* Start the view state, run the loop between ui_init and ui_end. */
static int session(struct source *src, struct symtab *syms, int live,
		   const struct tui_opts *o, const char *note)
{
	const char *latency = o->latency;
	char err[256], why[400];
	int sig;

	tui.tl = tl_new(0);
	tui.after = model_new();
	tui.before = model_new();
	if (!tui.tl || !tui.after || !tui.before) {
		util_err("out of memory");
		return EXIT_FAIL;
	}
	tui.src = src;
	tui.syms = syms;
	tui.live = live;
	tui.cursor = -1;
	cur_init(live);
	if (latency && !(tui.latency = fopen(latency, "we"))) {
		util_err("%s: %m", latency);
		return EXIT_USAGE;
	}
	if (tui.latency)		/* read while it is written */
		setvbuf(tui.latency, NULL, _IOLBF, 0);
	if (live && tdbg_start(src, syms, o->run.kernel, &o->halt_at) < 0) {
		snprintf(why, sizeof why, "no gdbstub, so h, c and l are off%s:"
			 " %s", o->paced ? " and the pace moves the view only" :
			 "", tdbg_why());
		note = why;
	}
	if (o->paced)
		pace_start(&o->pace);
	if (o->quiz)
		quiz_set(1);
	tui.focus = o->focus;
	if (ui_init(err, sizeof err) < 0) {
		util_err("%s", err);
		return EXIT_USAGE;
	}
	if (note)
		tui_say("%s", note);
	if (tui.cmp)
		tui.screen = SCREEN_COMPARE;	/* replay --compare */
	sig = tui_loop();
	ui_end();
	tdbg_close();
	if (tui.latency)
		fclose(tui.latency);
	if (sig)
		util_err("stopped by SIG%s", sigabbrev_np(sig));
	return sig ? EXIT_FAIL : EXIT_OK;
}

/* run --halt-at WHAT: -1 taken, else EXIT_USAGE (said). */
static int halt_at(struct tui_opts *o, const char *s)
{
	if (o->halt_at.n == DBG_MAX_AT) {
		util_err("run: at most %d --halt-at", DBG_MAX_AT);
		return EXIT_USAGE;
	}
	if (dbg_parse_at(s, &o->halt_at.at[o->halt_at.n++]) == 0)
		return -1;
	util_err("run: --halt-at %s: not KIND[:cpu=N][:mm=M] with KIND an "
		 "event kind (switch, mm_ref, cr3_load, leave_mm, ... or any)",
		 s);
	return EXIT_USAGE;
}

/* --pace S and the like: seconds, 0.1 to 60, into *ns.  -1 taken, else
 * EXIT_USAGE (said). */
static int seconds(const char *opt, const char *s, uint64_t *ns)
{
	char *end;
	double v = strtod(s, &end);

	if (end != s && !*end && v >= 0.1 && v <= 60) {
		*ns = (uint64_t)(v * 1e9);
		return -1;
	}
	util_err("run: bad %s '%s': seconds from 0.1 to 60 (1.5: one and a "
		 "half)", opt, s);
	return EXIT_USAGE;
}

/* --steps LIST: -1 taken, else EXIT_USAGE (said). */
static int steps(struct tui_opts *o, const char *s)
{
	char err[200];

	if (pace_parse_steps(&o->pace, s, err, sizeof err) == 0)
		return -1;
	util_err("run: %s", err);
	return EXIT_USAGE;
}

/* After the options: what pacing needs (a start, a chapter pause). */
static int pace_args(struct tui_opts *o)
{
	if (!o->paced && (o->pace.steps.n || o->chapter_ns_set)) {
		util_err("run: --steps and --chapter-pause pace a run: add "
			 "--pace S or --step");
		return EXIT_USAGE;
	}
	if (!o->paced)
		return -1;
	if (!o->pace.ns)
		o->pace.ns = PACE_NS_DEFAULT;
	if (!o->chapter_ns_set)
		o->pace.chapter_ns = 3 * o->pace.ns;
	if (!o->halt_at.n)
		dbg_parse_at("exec", &o->halt_at.at[o->halt_at.n++]);
	o->pace.start = o->halt_at;
	return -1;
}

/* run's own options; replay takes --latency-log, --quiz, --focus and
 * --compare of them. */
static const struct option tui_own[] = {
	{ "record", required_argument, NULL, 'r' },
	{ "latency-log", required_argument, NULL, 'L' },
	{ "halt-at", required_argument, NULL, 'H' },
	{ "pace", required_argument, NULL, 'P' },
	{ "step", no_argument, NULL, 'S' },
	{ "steps", required_argument, NULL, 's' },
	{ "chapter-pause", required_argument, NULL, 'p' },
	{ "quiz", no_argument, NULL, 'Q' },
	{ "focus", no_argument, NULL, 'f' },
	{ "compare", required_argument, NULL, 'C' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/*
 * Which options a verb takes: run every run option but --timeout (it runs
 * until the lecturer quits) and not --compare; replay only --kernel (the
 * symbols) and its own viewing options.
 */
static int tui_refuses(int ch, int run)
{
	if (run)
		return ch == 'C';
	if (runcfg_is(ch))
		return ch != RUNCFG_KERNEL;
	return ch != 'L' && ch != 'h' && ch != 'C' && ch != 'Q' && ch != 'f';
}

/* One of run's or replay's own options: -1, or the exit status. */
static int tui_opt(struct tui_opts *o, int ch, const char *usage)
{
	switch (ch) {
	case 'r': o->record = optarg; return -1;
	case 'L': o->latency = optarg; return -1;
	case 'H': return halt_at(o, optarg);
	case 'P': o->paced = 1;
		  return seconds("--pace", optarg, &o->pace.ns);
	case 'S': o->paced = o->pace.stepping = 1; return -1;
	case 's': return steps(o, optarg);
	case 'p': o->chapter_ns_set = 1;
		  return seconds("--chapter-pause", optarg,
				 &o->pace.chapter_ns);
	case 'Q': o->quiz = 1; return -1;
	case 'f': o->focus = 1; return -1;
	case 'C': o->compare = optarg; return -1;
	case 'h': fputs(usage, stdout); return EXIT_OK;
	default: util_usage_hint(usage); return EXIT_USAGE;
	}
}

static int tui_args(int argc, char **argv, struct tui_opts *o, int run)
{
	struct option lo[RUNCFG_NOPTS + NELEM(tui_own)];
	const char *usage = run ? cmd_run_usage : cmd_replay_usage;
	struct run_cfg *c = &o->run;
	int ch, rc = -1;

	runcfg_longopts(lo, RUNCFG_ALL & ~RUNCFG_BIT(RUNCFG_TIMEOUT), tui_own);
	optind = 0;		/* a verb may run more than once (tests) */
	while (rc < 0 && (ch = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		if (tui_refuses(ch, run))
			ch = '?';
		rc = runcfg_is(ch) ? runcfg_set(c, ch, optarg)
				   : tui_opt(o, ch, usage);
	}
	if (rc >= 0)
		return rc;
	if (argc - optind > 1 || (!run && optind == argc)) {
		util_err("%s: %s", c->verb, run ? "one scenario, please" :
			 optind == argc ? "which trace? (mmscope replay FILE)" :
			 "one trace file, please");
		return EXIT_USAGE;
	}
	if (run && optind < argc)
		c->scenario = argv[optind];
	o->path = optind < argc ? argv[optind] : NULL;
	if ((rc = pace_args(o)) >= 0)
		return rc;
	return run ? runcfg_names(c) : -1;
}

/*
 * Say, before curses starts, that there is no terminal to start on, or
 * one it cannot draw on.
 */
static int need_tty(const char *verb)
{
	if (isatty(0) && isatty(1))
		return ui_term_check(verb, strcmp(verb, "run") ?
				  "`mmscope dump FILE` for the events as text" :
				  "`mmscope record` and `mmscope dump` for the "
				  "events as text");
	util_err("%s needs a terminal (stdin and stdout); use `mmscope "
		 "record` for headless runs", verb);
	return EXIT_USAGE;
}

/* Symbols: --kernel, those the trace keeps, the kernel it names, or the
 * one beside mmscope. */
static struct symtab *replay_symbols(const struct tui_opts *o,
				     const struct mmt_file_header *h,
				     char *note, size_t len)
{
	uint8_t id[MMT_BUILD_ID_SIZE];
	struct sym_choice c;
	struct symtab *st = sym_open_for_trace(o->path, h, o->run.kernel, &c);

	if (c.kept_err[0])
		snprintf(note, len, "%s; symbols from the kernel ELF",
			 c.kept_err);
	if (!st)
		snprintf(note, len, "no symbols: %s (--kernel ELF names one)",
			 c.err);
	else if (c.elf[0] && sym_build_id(st, id) &&
		 memcmp(id, h->build_id, sizeof id))
		snprintf(note, len, "%.400s is not the kernel the trace was "
			 "recorded with: symbols may be wrong", c.elf);
	return st;
}

/* replay --compare FILE2: the other trace, read whole; NULL if it
 * cannot be (said). */
static struct timeline *compare_load(const char *path)
{
	struct timeline *tl = tl_new(0);
	char err[600];

	if (!tl || tl_load(tl, path, err, sizeof err) < 0) {
		util_err("%s", tl ? err : "out of memory");
		tl_free(tl);
		return NULL;
	}
	return tl;
}

int cmd_replay(int argc, char **argv)
{
	struct tui_opts o = { .run = { .verb = "replay" } };
	struct mmt_file_header h;
	struct source src;
	struct symtab *syms;
	char err[512], note[600] = "";
	int rc;

	if ((rc = tui_args(argc, argv, &o, 0)) >= 0)
		return rc;
	if (input_file(&src, o.path, &h, err, sizeof err) < 0) {
		util_err("%s", err);
		return EXIT_USAGE;
	}
	if ((rc = need_tty("replay")) >= 0) {
		input_close(&src);
		return rc;
	}
	if (o.compare && !(tui.cmp = compare_load(o.compare))) {
		input_close(&src);
		return EXIT_USAGE;
	}
	tui.cmp_name = o.compare;
	syms = replay_symbols(&o, &h, note, sizeof note);
	rc = session(&src, syms, 0, &o, note[0] ? note : NULL);
	input_close(&src);
	sym_close(syms);
	tl_free(tui.cmp);
	return rc;
}

int cmd_run(int argc, char **argv)
{
	struct tui_opts o = { .run = { .verb = "run", .scenario = "lecture",
				       .era = "2.6.32", .smp = 1 } };
	char def[PATH_MAX], cmdline[MMT_PATH_MAX], err[600];
	struct symtab *syms = NULL;
	struct writer_kept kept;
	struct source src;
	int rc;

	if ((rc = tui_args(argc, argv, &o, 1)) >= 0)
		return rc;
	if (!o.run.kernel)
		o.run.kernel = util_kernel_default(def, sizeof def);
	if ((rc = runcfg_scenario(&o.run, &syms)) >= 0 ||
	    (rc = need_tty("run")) >= 0) {
		sym_close(syms);
		return rc;
	}
	runcfg_cmdline(&o.run, cmdline, sizeof cmdline);
	if (input_qemu(&src, &o.run, cmdline, syms, o.record, 1, err,
		       sizeof err) < 0) {
		util_err("%s", err);
		sym_close(syms);
		return EXIT_FAIL;
	}
	rc = session(&src, syms, 1, &o, NULL);
	input_close(&src);
	if (src.status[0] && src.ended)
		util_err("%s", src.status);
	if (o.record && syms &&
	    writer_keep_symbols(o.record, syms, &kept, err, sizeof err) < 0)
		util_warn("the kernel's symbols are not kept in the trace: %s",
			  err);
	if (o.record)
		util_err("the trace is in %s (console: %s.log)", o.record,
			 o.record);
	sym_close(syms);
	return rc;
}
