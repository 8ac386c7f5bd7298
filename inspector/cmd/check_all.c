/*
 * check_all.c - `mmscope check --all DIR [-j N]`: every DIR/NAME.expect
 * at each era and CPU count its header names (`eras`, `cpus`; only
 * those --era and --smp leave), its scenario recorded with --run for
 * each, N checks at a time (check_job.h).  A run is reported as it ends,
 * in file order; then one table: file, runs, pass, fail, seconds.  A
 * file that cannot be run (an error in it, no scenario line) is a run
 * that failed with what was wrong.
 */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "cmd/check_ci.h"
#include "mmtrace.h"
#include "trace/names.h"
#include "util/array.h"
#include "util/util.h"

struct all {
	struct ci_opts *o;
	struct check_job *j;		/* the runs, in file order */
	size_t n, cap;
	struct expect_file **x;		/* the files, each parsed once */
	size_t nx, xcap;
};

static int is_expect(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 7 && !strcmp(d->d_name + n - 7, ".expect");
}

/* A new run of the file at path, zeroed but for its expect file. */
static struct check_job *new_job(struct all *a, const char *path)
{
	struct check_job *j;

	a->j = util_array_grow(a->j, &a->cap, a->n + 1, sizeof *a->j);
	j = &a->j[a->n++];
	j->suite.expect = strdup(path);
	return j;
}

/* The run of x at era e (MMT_ERA_*) on n CPUs. */
static int add_run(struct all *a, const struct expect_file *x, int e,
		   unsigned n)
{
	struct check_job *j = new_job(a, x->path);
	char smp[16];
	int i, bad = 0;

	j->x = x;
	j->suite.scenario = strdup(x->scenario);
	j->suite.era = strdup(names_of(&names_era, e));
	j->suite.smp = n;
	snprintf(smp, sizeof smp, "%u", n);
	bad |= cmd_check_job_arg(j, a->o->rest[0]) |
	       cmd_check_job_arg(j, "--run") |
	       cmd_check_job_arg(j, x->scenario) |
	       cmd_check_job_arg(j, "--era") |
	       cmd_check_job_arg(j, j->suite.era) |
	       cmd_check_job_arg(j, "--smp") | cmd_check_job_arg(j, smp) |
	       cmd_check_job_arg(j, "--expect") | cmd_check_job_arg(j, x->path);
	for (i = 1; i < a->o->nrest; i++)
		bad |= cmd_check_job_arg(j, a->o->rest[i]);
	return bad || cmd_check_job_names(&j->suite, x->path, x->scenario) ||
	       cmd_check_job_tmp_trace(j) ? -1 : 0;
}

/* The runs of one expect file: each era and CPU count it holds for (of
 * those --era and --smp leave). */
static int add_file(struct all *a, const char *path)
{
	struct expect_file *x;
	struct check_job *j;
	unsigned long smp = 0;
	unsigned cpus, n;
	char err[PATH_MAX + 1024];
	int e, want = a->o->era ? names_parse(&names_era, a->o->era) : 0;

	if (a->o->smp)
		util_parse_ulong(a->o->smp, 1, 8, &smp);
	if (!(x = expect_load(path, err, sizeof err)) || !x->scenario) {
		if (x)
			snprintf(err, sizeof err,
				 "%s names no scenario: --all runs the files "
				 "that say what to record",
				 path);
		expect_free(x);
		j = new_job(a, path);
		j->suite.name = strdup(cmd_check_path_base(path));
		j->suite.classname = strdup(cmd_check_path_base(path));
		return cmd_check_job_refused(j, err);
	}
	a->x = util_array_grow(a->x, &a->xcap, a->nx + 1, sizeof *a->x);
	a->x[a->nx++] = x;
	cpus = x->cpus ? x->cpus : 1u << 1;
	for (e = MMT_ERA_2632; e <= MMT_ERA_MODERN; e++)
		for (n = 1; n <= 8; n++)
			if ((!x->eras || x->eras & 1u << e) && cpus & 1u << n &&
			    (!want || want == e) && (!smp || smp == n) &&
			    add_run(a, x, e, n) < 0)
				return -1;
	return 0;
}

/* Every run of every expect file in the directory. */
static int all_runs(struct all *a, const char *dir)
{
	struct dirent **d;
	char path[PATH_MAX];
	int n, i, rc = 0;

	if ((n = scandir(dir, &d, is_expect, alphasort)) < 0) {
		util_err("%s: %m (--all names a directory of expect files)",
			 dir);
		return EXIT_USAGE;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, d[i]->d_name);
		if (!rc && add_file(a, path) < 0)
			rc = EXIT_USAGE;
		free(d[i]);
	}
	free(d);
	if (!rc && !a->n)
		util_err("%s: no *.expect file%s", dir, a->o->era || a->o->smp ?
		       " for this --era and --smp" : "");
	return rc || !a->n ? EXIT_USAGE : -1;
}

/* A run has ended: say so, in file order once its turn comes. */
static void report(struct all *a, size_t *said)
{
	struct check_job *j;

	for (; *said < a->n && a->j[*said].pid < 0; ++*said) {
		j = &a->j[*said];
		if (a->o->tap) {
			report_tap_subtest(stdout, &j->suite, *said + 1);
		} else {
			printf("%s %s (%.1f s)\n",
			       j->suite.rc ? "FAIL" : "PASS", j->suite.name,
			       j->suite.seconds);
			if (j->suite.rc)
				printf("%s%s", j->suite.out, j->suite.err);
		}
		fflush(stdout);
	}
}

/* Run them all, a->o->jobs at a time. */
static int run_all(struct all *a)
{
	size_t next = 0, running = 0, said = 0;
	long k;

	while (next < a->n || running) {
		while (running < a->o->jobs && next < a->n) {
			if (a->j[next].pid < 0) {	/* refused */
				next++;
				continue;
			}
			if (cmd_check_job_start(&a->j[next++]) < 0)
				return EXIT_USAGE;
			running++;
		}
		report(a, &said);
		if (!running)
			break;
		if ((k = cmd_check_jobs_wait(a->j, a->n)) < 0)
			return EXIT_USAGE;
		running--;
	}
	report(a, &said);
	return -1;
}

/* The summary: a line per expect file, then the totals. */
static void table(struct all *a, double wall)
{
	const char *c = a->o->tap ? "# " : "";
	const char *file;
	char total[32];
	unsigned runs = 0, pass = 0, truns = 0, tpass = 0, files = 0;
	double secs = 0, tsecs = 0;
	size_t k;

	printf("%s%-28s %5s %5s %5s %9s\n", c, "FILE", "RUNS", "PASS", "FAIL",
	       "SECONDS");
	for (k = 0; k < a->n; k++) {
		runs++;
		pass += !a->j[k].suite.rc;
		secs += a->j[k].suite.seconds;
		file = a->j[k].suite.expect;
		if (k + 1 < a->n && !strcmp(file, a->j[k + 1].suite.expect))
			continue;
		printf("%s%-28s %5u %5u %5u %9.1f\n", c,
		       cmd_check_path_base(file), runs, pass, runs - pass,
		       secs);
		truns += runs;
		tpass += pass;
		tsecs += secs;
		files++;
		runs = pass = 0;
		secs = 0;
	}
	snprintf(total, sizeof total, "total, %u file%s", files,
		 files == 1 ? "" : "s");
	printf("%s%-28s %5u %5u %5u %9.1f  (%.1f s wall, -j %lu)\n", c, total,
	       truns, tpass, truns - tpass, tsecs, wall, a->o->jobs);
}

int cmd_check_all(struct ci_opts *o)
{
	struct all a = { .o = o };
	uint64_t start = util_now_ns();
	size_t k;
	int rc;

	if (o->trace || o->run || o->spec || o->output) {
		util_err(
			"check: --all runs the expect files of %s with their "
			"own scenarios; not with a FILE, --run, --expect or -o",
			o->all);
		return EXIT_USAGE;
	}
	if ((o->era && names_parse(&names_era, o->era) < 0) ||
	    (o->smp && util_parse_ulong(o->smp, 1, 8, &(unsigned long){ 0 }))) {
		util_err(
			"check: bad --era or --smp (2.6.32 or modern; 1 to 8)");
		return EXIT_USAGE;
	}
	if ((rc = all_runs(&a, o->all)) < 0) {
		if (o->tap)
			printf("1..%zu\n", a.n);
		rc = run_all(&a);
	}
	if (rc < 0) {
		table(&a, (util_now_ns() - start) / 1e9);
		for (k = rc = 0; k < a.n; k++)
			rc = a.j[k].suite.rc > rc ? a.j[k].suite.rc : rc;
		if (o->junit && cmd_check_jobs_junit(o->junit, a.j, a.n))
			rc = EXIT_USAGE;
	}
	for (k = 0; k < a.n; k++)
		cmd_check_job_free(&a.j[k]);
	for (k = 0; k < a.nx; k++)
		expect_free(a.x[k]);
	free(a.j);
	free(a.x);
	return rc;
}

