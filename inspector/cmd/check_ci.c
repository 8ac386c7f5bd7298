/*
 * check_ci.c - `mmscope check` for CI systems (cmd_check hands over here
 * when it sees these options):
 *
 *	--junit FILE	the check as JUnit XML in FILE, besides its output
 *	--tap		its output as TAP, a test point per case
 *	--all DIR	every DIR/NAME.expect at each era and CPU count its
 *			header names (--era, --smp: only those), with its
 *			scenario recorded for each run; -j N runs N at a
 *			time; one summary table at the end
 *
 * Each check runs as itself in a child (check_job.h); what it printed is
 * cut into cases (report.h).  This file sorts the options and runs a
 * single check; check_all.c runs a directory.  The other options go to
 * every check unchanged (--kernel, --timeout, -v, ...).  Exit status: the worst of
 * the checks' (0 pass, 1 fail, 2 unusable input), or 2 for bad options,
 * a DIR without expect files, or a FILE that cannot be written.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/check_ci.h"
#include "cmd/check_job.h"
#include "util/util.h"
#include "cmd/verbs.h"


/* Is s the option name, as "name" or "name=value"?  Then *val is its
 * value (the next argument for "name"). */
static int is_opt(const char *s, const char *name, int argc, char **argv,
		  int *i, const char **val)
{
	size_t n = strlen(name);

	if (strncmp(s, name, n) || (s[n] && s[n] != '='))
		return 0;
	*val = s[n] ? s + n + 1 : *i + 1 < argc ? argv[++*i] : NULL;
	return 1;
}

int cmd_check_ci_wanted(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strncmp(argv[i], "--junit", 7) ||
		    !strcmp(argv[i], "--tap") ||
		    !strncmp(argv[i], "--all", 5) ||
		    !strncmp(argv[i], "-j", 2) ||
		    !strncmp(argv[i], "--jobs", 6))
			return 1;
	return 0;
}

/* The options of check that take a value, and where o keeps some. */
static const char **takes_value(struct ci_opts *o, const char *s)
{
	static const char *ignored;
	static const char *const names[] = { "--bug", "--count",
		"--trace-mode", "--timeout", "--kernel" };
	size_t i;

	if (!strcmp(s, "--expect"))
		return &o->spec;
	if (!strcmp(s, "--run"))
		return &o->run;
	if (!strcmp(s, "-o") || !strcmp(s, "--output"))
		return &o->output;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i]))
			return &ignored;
	return NULL;
}

/* Keep an argument for the checks. */
static int rest(struct ci_opts *o, char *arg)
{
	if (o->nrest == JOB_ARGS - 16) {	/* room for what we add */
		util_err("check: too many arguments");
		return -1;
	}
	o->rest[o->nrest++] = arg;
	return 0;
}

/* An option of this file at argv[*i]: 1 (its value set), 0 if not
 * one, -1 if its value is missing. */
static int own_opt(int argc, char **argv, int *i, struct ci_opts *o,
		   const char **jobs)
{
	const struct { const char *name; const char **val; } own[] = {
		{ "--junit", &o->junit }, { "--all", &o->all },
		{ "--jobs", jobs }, { "--era", &o->era }, { "--smp", &o->smp },
	};
	size_t k;

	for (k = 0; k < sizeof own / sizeof own[0]; k++)
		if (is_opt(argv[*i], own[k].name, argc, argv, i, own[k].val)) {
			if (*own[k].val && **own[k].val)
				return 1;
			util_err("check: %s needs a value (mmscope check "
				 "--help)",
				 own[k].name);
			return -1;
		}
	if (strncmp(argv[*i], "-j", 2))
		return 0;
	*jobs = argv[*i][2] ? argv[*i] + 2 : *i + 1 < argc ? argv[++*i] : "";
	return 1;
}

/* Sort argv into o: the options of this file, and the rest. */
static int ci_scan(int argc, char **argv, struct ci_opts *o)
{
	const char *jobs = NULL, **val;
	int i, k;

	o->rest[o->nrest++] = argv[0];
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--tap")) {
			o->tap = 1;
			continue;
		}
		if ((k = own_opt(argc, argv, &i, o, &jobs)) < 0)
			return EXIT_USAGE;
		if (k)
			continue;
		if (rest(o, argv[i]) < 0)
			return EXIT_USAGE;
		if ((val = takes_value(o, argv[i])) && i + 1 < argc) {
			*val = argv[++i];
			if (rest(o, argv[i]) < 0)
				return EXIT_USAGE;
		} else if (argv[i][0] != '-' && !o->trace) {
			o->trace = argv[i];
		}
	}
	if (jobs && util_parse_ulong(jobs, 1, 64, &o->jobs)) {
		util_err("check: bad -j '%s': checks at a time, 1 to 64", jobs);
		return EXIT_USAGE;
	}
	o->jobs_given = !!jobs;
	o->jobs = o->jobs ? o->jobs : 1;
	return -1;
}

/* --- one check ---------------------------------------------------- */

/* check FILE or --run SCENARIO, with --junit or --tap. */
static int check_one(struct ci_opts *o)
{
	struct check_job j = { 0 };
	struct expect_file *x = NULL;
	char err[1024];
	int i, rc;

	for (i = 0; i < o->nrest; i++)
		cmd_check_job_arg(&j, o->rest[i]);
	if ((o->era && (cmd_check_job_arg(&j, "--era") ||
			cmd_check_job_arg(&j, o->era))) ||
	    (o->smp && (cmd_check_job_arg(&j, "--smp") ||
			cmd_check_job_arg(&j, o->smp))))
		return EXIT_USAGE;
	snprintf(j.trace, sizeof j.trace, "%s", o->output ? o->output :
		 o->trace ? o->trace : "");
	j.suite.expect = o->spec ? strdup(o->spec) : NULL;
	j.suite.scenario = o->run ? strdup(o->run) : NULL;
	if (o->spec)
		j.x = x = expect_load(o->spec, err, sizeof err);  /* if it is
					   bad, the check says so */
	if ((o->run && !o->output && cmd_check_job_tmp_trace(&j) < 0) ||
	    cmd_check_job_start(&j) < 0 || cmd_check_jobs_wait(&j, 1) < 0) {
		expect_free(x);
		cmd_check_job_free(&j);
		return EXIT_USAGE;
	}
	rc = j.suite.rc;
	if (cmd_check_job_names(&j.suite, o->spec, o->run ? o->run : o->trace ?
			cmd_check_path_base(o->trace) : "?") < 0)
		rc = EXIT_USAGE;
	if (o->tap)
		report_tap(stdout, &j.suite);
	else
		fputs(j.suite.out, stdout);
	fflush(stdout);
	fputs(j.suite.err, stderr);
	if (o->junit && cmd_check_jobs_junit(o->junit, &j, 1))
		rc = EXIT_USAGE;
	expect_free(x);
	cmd_check_job_free(&j);
	return rc;
}

int cmd_check_ci(int argc, char **argv)
{
	struct ci_opts o = { 0 };
	int rc;

	if ((rc = ci_scan(argc, argv, &o)) >= 0)
		return rc;
	if (o.all)
		return cmd_check_all(&o);
	for (rc = 1; rc < o.nrest; rc++)
		if (!strcmp(o.rest[rc], "-h") ||
		    !strcmp(o.rest[rc], "--help")) {
			fputs(cmd_check_usage, stdout);
			return EXIT_OK;
		}
	if (o.jobs_given) {
		util_err("check: -j goes with --all");
		return EXIT_USAGE;
	}
	return check_one(&o);
}
