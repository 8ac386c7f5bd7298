/*
 * check.c - `mmscope check (FILE | --run SCENARIO ...) [--expect SPEC]`:
 * a trace against the checker's rules and, with --expect, against the
 * assertions of an expect file (samples/EXPECT.md).
 *
 * Prints PASS and one line of counts, or every failure: the assertion or
 * rule, the event, the state that matters there and the symbolised
 * caller.  Exit status 0 pass, 1 fail, 2 unusable input (a missing or
 * unreadable trace, an expect file with an error, bad options).  With
 * --run it first records the scenario to a temporary trace with record's
 * own code, and keeps that trace (saying where) when the check fails.
 */
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cmd/record.h"
#include "cmd/repro.h"
#include "cmd/verbs.h"
#include "expect/expect.h"
#include "expect/match.h"
#include "model/timeline.h"
#include "trace/bugfire.h"
#include "trace/mmtfile.h"
#include "trace/names.h"
#include "util/util.h"

const char cmd_check_usage[] =
"usage: mmscope check (FILE | --run SCENARIO [record options])\n"
"                     [--expect SPEC] [--era E] [--smp N] [--junit F] [--tap]\n"
"       mmscope check --all DIR [-j N] [--era E] [--smp N] [--junit F] [--tap]\n"
"\n"
"Check a trace against the rules of the mm lifecycle (always) and the\n"
"assertions of the expect file SPEC (samples/EXPECT.md).  Prints PASS and\n"
"the counts, or each failure with its event, the state there and the\n"
"caller.\n"
"\n"
"  --expect SPEC   the assertions to check\n"
"  --run SCENARIO  record SCENARIO first (its options come from SPEC's\n"
"                  scenario, option, bug lines; the options below win)\n"
"  --era E         2.6.32 or modern (--run: run in it; FILE: the trace\n"
"                  must be of it)\n"
"  --smp N         CPUs (--run: run with N; FILE: the trace must have N)\n"
"  --bug B, --count N, --seed S, --trace-mode M, --transport T,\n"
"  --timeout S, --kernel ELF\n"
"                  as for mmscope record (--run only)\n"
"  -o, --output F  --run: keep the trace in F (default: a temporary file,\n"
"                  removed when the check passes)\n"
"  --kernel ELF    also the ELF that symbolises callers\n"
"  -v, --verbose   also list the suspensions after gaps\n"
"  --junit F       also write the result to F as JUnit XML: a test case\n"
"                  per assertion of SPEC (and one for the rules)\n"
"  --tap           print the result as TAP: a test point per assertion\n"
"  --all DIR       check every DIR/*.expect at each era and CPU count its\n"
"                  header names (only --era E, --smp N when given),\n"
"                  recording its scenario, then print a table: file,\n"
"                  runs, pass, fail, seconds (--tap: a test point per\n"
"                  run, its assertions as a subtest)\n"
"  -j N            --all: N checks at a time (default 1)\n"
"\n"
"Exit status: 0 pass, 1 an assertion or rule failed, 2 unusable input.\n";

struct check_opts {
	const char *trace;		/* FILE, or NULL with --run */
	const char *run;		/* --run SCENARIO */
	const char *spec;		/* --expect */
	struct run_cfg cfg;		/* the run options given (cfg.given);
					   era and smp also bind a FILE */
	const char *output;		/* -o: keep --run's trace here */
	int verbose;
};

/* The run options that only --run takes (a FILE has been run). */
#define RUN_ONLY (RUNCFG_BIT(RUNCFG_BUG) | RUNCFG_BIT(RUNCFG_COUNT) | \
		  RUNCFG_BIT(RUNCFG_SEED) | RUNCFG_BIT(RUNCFG_MODE) | \
		  RUNCFG_BIT(RUNCFG_TRANSPORT) | RUNCFG_BIT(RUNCFG_TIMEOUT))

static const struct option check_own[] = {
	{ "expect", required_argument, NULL, 'x' },
	{ "run", required_argument, NULL, 'r' },
	{ "output", required_argument, NULL, 'o' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* One option (c) of check: -1, or the exit status to return now. */
static int check_opt(int c, struct check_opts *o)
{
	if (runcfg_is(c)) {
		if (c == RUNCFG_ERA && names_parse(&names_era, optarg) < 0) {
			util_err("check: bad --era '%s' (mmscope check --help)",
				 optarg);
			return EXIT_USAGE;
		}
		return runcfg_set(&o->cfg, c, optarg);
	}
	switch (c) {
	case 'x': o->spec = optarg; break;
	case 'r': o->run = optarg; break;
	case 'o': o->output = optarg; break;
	case 'v': o->verbose = 1; break;
	case 'h': fputs(cmd_check_usage, stdout); return EXIT_OK;
	default: util_usage_hint(cmd_check_usage); return EXIT_USAGE;
	}
	return -1;
}

static int check_args(int argc, char **argv, struct check_opts *o)
{
	struct option lo[RUNCFG_NOPTS + NELEM(check_own)];
	int c, rc;

	runcfg_longopts(lo, RUNCFG_ALL, check_own);
	optind = 0;		/* a verb may run more than once (tests) */
	while ((c = getopt_long(argc, argv, "o:vh", lo, NULL)) != -1)
		if ((rc = check_opt(c, o)) >= 0)
			return rc;
	if (optind < argc)
		o->trace = argv[optind++];
	if (optind < argc || !o->trace == !o->run) {
		util_err("check: %s",
			 o->trace && o->run
				 ? "a trace FILE or --run SCENARIO, not both"
			 : optind < argc ? "one trace file, please"
					 : "which trace? (mmscope check FILE, "
					   "or --run SCENARIO)");
		return EXIT_USAGE;
	}
	if (o->trace && ((o->cfg.given & RUN_ONLY) || o->output)) {
		util_err("check: --bug, --count, --seed, --trace-mode, "
			 "--transport, --timeout and -o go with --run");
		return EXIT_USAGE;
	}
	return -1;
}

/* --- --run: record first ------------------------------------------- */

/* The value of the first `option KEY=value` of the spec, or NULL. */
static const char *spec_option(const struct expect_file *x, const char *key)
{
	size_t i, k = strlen(key);

	for (i = 0; x && i < x->noptions; i++)
		if (!strncmp(x->options[i], key, k) && x->options[i][k] == '=')
			return x->options[i] + k + 1;
	return NULL;
}

/* The spec's `option` keys for the run options they set. */
static const struct {
	enum runcfg_opt opt;
	const char *key;
} spec_keys[] = {
	{ RUNCFG_ERA, "era" }, { RUNCFG_BUG, "bug" },
	{ RUNCFG_MODE, "trace" }, { RUNCFG_TRANSPORT, "transport" },
	{ RUNCFG_SMP, "smp" }, { RUNCFG_COUNT, "count" },
	{ RUNCFG_SEED, "seed" },
};

/*
 * Record the scenario into path with record's own code: the options
 * given to check win, then the spec's `bug` line and `option` lines,
 * then record's defaults.
 */
static int run_record(const struct check_opts *o, const struct expect_file *x,
		      const char *path)
{
	struct record_opts r = CMD_RECORD_OPTS_INIT;
	const char *v;
	size_t i;
	int rc = -1;

	for (i = 0; i < NELEM(spec_keys) && rc < 0; i++) {
		v = spec_keys[i].opt == RUNCFG_BUG && x && x->bug ?
		    x->bug : spec_option(x, spec_keys[i].key);
		if (v && !runcfg_given(&o->cfg, spec_keys[i].opt))
			rc = runcfg_set(&r.run, spec_keys[i].opt, v);
	}
	if (rc >= 0)
		return rc;
	runcfg_merge(&r.run, &o->cfg);
	r.run.scenario = o->run;
	r.output = path;
	return cmd_record_scenario(&r);
}

/* --- the report ----------------------------------------------------- */

/* Does the trace fit --era and --smp? 0, or EXIT_USAGE after saying no. */
static int trace_fits(const struct check_opts *o, const struct model *m,
		      const char *path)
{
	const char *era = names_of(&names_era, m->era);

	if (o->trace && o->cfg.era && (!era || strcmp(era, o->cfg.era))) {
		util_err("%s was recorded in era %s, not %s", path,
			 era ? era : "(no BOOT record)", o->cfg.era);
		return EXIT_USAGE;
	}
	if (o->trace && o->cfg.smp && m->stream_ncpu != o->cfg.smp) {
		util_err("%s has %u CPUs, not %lu", path, m->stream_ncpu,
			 o->cfg.smp);
		return EXIT_USAGE;
	}
	return 0;
}

/* Symbols to name callers with (sym_open_for_trace's order); without
 * any, callers stay numbers. */
static struct symtab *open_syms(const struct check_opts *o, const char *path,
				const struct mmt_file_header *h)
{
	struct sym_choice c;
	struct symtab *st = sym_open_for_trace(path, h, o->cfg.kernel, &c);

	if (c.kept_err[0])
		util_warn("%s; using the kernel ELF instead", c.kept_err);
	return st;
}

/* The rules alone: every violation is a failure. */
static int report_rules(const struct timeline *tl, struct symtab *syms,
			int verbose)
{
	const struct findings *f = &tl->found;
	size_t i;

	for (i = 0; i < f->nv; i++)
		violation_print(stdout, &f->v[i], syms, "");
	for (i = 0; i < f->ns; i++)
		if (verbose || f->s[i].kind == SUSPEND_NOEND)
			suspension_print(stdout, &f->s[i], "note: ");
	if (tl->tail->panic_n)
		printf("note: the kernel panicked at event %" PRIu64 " (mmscope "
		       "dump shows why)\n", tl->tail->panic_n - 1);
	if (tl->tail->ignored_cpu)
		printf("note: %u events of CPUs above %d were not checked\n",
		       tl->tail->ignored_cpu, MODEL_MAXCPU - 1);
	return f->nv ? EXIT_FAIL : EXIT_OK;
}

/*
 * What was damaged in the trace, one line each; 1 if the damage hides
 * events, which then fails the check whatever the rules and assertions
 * said.  Lost events the trace counts (gaps, LOST records) do not: the
 * checker suspends what they touch, and the summary counts them.
 */
static int report_damage(const struct timeline *tl)
{
	const struct decode_stats *s = &evlog_decoder(tl->log)->st;
	const struct model *m = tl->tail;
	int hidden = 0;

	if (!evlog_count(tl->log)) {
		printf("damaged: no events at all (%" PRIu64 " bytes of "
		       "stream): nothing to check\n", s->bytes);
		return 1;
	}
	if (s->garbage_bytes) {
		printf("damaged: %" PRIu64 " bytes in %" PRIu64 " run%s "
		       "formed no valid frame (%" PRIu64 " with a bad CRC): "
		       "the events in them are lost (mmscope dump shows "
		       "where)\n",
		       s->garbage_bytes, s->garbage_runs,
		       s->garbage_runs == 1 ? "" : "s", s->bad_crc);
		hidden = 1;
	}
	if (s->truncated) {
		printf("damaged: the trace ends inside a frame (%" PRIu64
		       " bytes): its events are lost\n", s->truncated);
		hidden = 1;
	}
	if (!m->end_n && !m->panic_n) {
		printf("damaged: the trace ends after event %" PRIu64
		       " without END (a timeout, a killed QEMU, a cut "
		       "file?): what came after is missing\n",
		       evlog_count(tl->log) - 1);
		hidden = 1;
	}
	return hidden;
}

static void summary(const struct timeline *tl, const char *path, int rc,
		    const struct match_result *r, int damaged)
{
	const struct model *m = tl->tail;

	printf("%s %s: %" PRIu64 " events", rc ? "FAIL" : "PASS", path,
	       evlog_count(tl->log));
	if (r)
		printf(", %u assertions (%u failed, %u skipped), violations: %u "
		       "expected, %u unexpected", r->statements, r->failed,
		       r->skipped, r->expected, r->unexpected);
	else
		printf(", %zu rule violation%s", tl->found.nv,
		       tl->found.nv == 1 ? "" : "s");
	if (m->lost)
		printf(", %" PRIu64 " events lost", m->lost);
	printf("%s\n", damaged ? ", damaged (above)" : "");
}

/* The expect file, if any, and whether it holds for this check. */
static int load_spec(const struct check_opts *o, struct expect_file **x)
{
	char err[1024];

	*x = NULL;
	if (!o->spec)
		return -1;
	if (!(*x = expect_load(o->spec, err, sizeof err)) ||
	    expect_applies(*x, o->cfg.era, o->cfg.smp, err, sizeof err) < 0) {
		util_err("%s", err);
		return EXIT_USAGE;
	}
	if (o->run && (*x)->scenario && strcmp((*x)->scenario, o->run)) {
		util_err("%s is for scenario %s, not %s", o->spec,
			 (*x)->scenario, o->run);
		return EXIT_USAGE;
	}
	return -1;
}

/* --run: record into path (a new temporary file unless -o). */
static int record_first(const struct check_opts *o,
			const struct expect_file *x, char *path, size_t len)
{
	int fd;

	if (o->output) {
		snprintf(path, len, "%s", o->output);
	} else {
		snprintf(path, len, "%s/mmscope-check-XXXXXX.mmt",
			 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if ((fd = mkstemps(path, 4)) < 0) {
			util_err("%s: cannot make a temporary trace: %m (set "
				 "TMPDIR, or -o FILE)", path);
			return EXIT_USAGE;
		}
		close(fd);
	}
	return run_record(o, x, path) == EXIT_USAGE ? EXIT_USAGE : -1;
}

/* Read the trace and hold it to the rules and the spec. */
static int check_trace(const struct check_opts *o, const struct expect_file *x,
		       const char *path)
{
	struct match_result res = { 0 };
	struct bug_watch bugw = { 0 };
	struct symtab *syms = NULL;
	struct timeline *tl = tl_new(0);
	char err[PATH_MAX + 512];
	int rc, damaged;

	if (!tl || tl_load(tl, path, err, sizeof err) < 0) {
		util_err("%s", tl ? err : "out of memory");
		tl_free(tl);
		return EXIT_USAGE;
	}
	if (o->trace)		/* --run: record has said it */
		bug_watch_log(&bugw, tl->log);
	bug_watch_warn(&bugw, path);
	if (!(rc = trace_fits(o, tl->tail, path))) {
		syms = open_syms(o, path, &tl->header);
		if (x) {
			rc = match_run(x, tl, syms, stdout, &res);
			if (rc == EXIT_OK && o->verbose)
				report_rules(tl, NULL, 1);
		} else {
			rc = report_rules(tl, syms, o->verbose);
		}
		if ((damaged = report_damage(tl)))
			rc = EXIT_FAIL;
		summary(tl, path, rc, x ? &res : NULL, damaged);
	}
	sym_close(syms);
	tl_free(tl);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	struct check_opts o = { .cfg = { .verb = "check" } };
	struct expect_file *x;
	char path[PATH_MAX], log[PATH_MAX + 8];
	int rc;

	if (cmd_check_ci_wanted(argc, argv))	/* check_ci.c */
		return cmd_check_ci(argc, argv);
	if ((rc = check_args(argc, argv, &o)) >= 0)
		return rc;
	if ((rc = load_spec(&o, &x)) >= 0)
		goto out;
	snprintf(path, sizeof path, "%s", o.trace ? o.trace : "");
	if (o.run && (rc = record_first(&o, x, path, sizeof path)) >= 0)
		goto out;
	rc = check_trace(&o, x, path);
	if (o.run && !o.output && rc == EXIT_OK) {
		snprintf(log, sizeof log, "%s.log", path);
		unlink(path);
		unlink(log);
	} else if (o.run && !o.output) {
		util_err("the trace is kept in %s (console: %s.log)", path,
			 path);
	}
	if (o.run && rc == EXIT_FAIL &&
	    (runcfg_given(&o.cfg, RUNCFG_SEED) || spec_option(x, "seed")))
		cmd_repro_print(argc, argv);
out:
	expect_free(x);
	return rc;
}
