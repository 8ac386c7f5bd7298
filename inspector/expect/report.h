/*
 * report.h - the results of `mmscope check` runs as CI systems read
 * them: JUnit XML (testsuites / testsuite / testcase / failure) and TAP.
 *
 * A check run is a suite; each assertion of its expect file that holds
 * for the trace's era and CPU count is a case, and so is "every
 * violation is expected" (or, without an expect file, the checker's
 * rules).  The cases come from what `check` printed: a failure is the
 * block it printed for that statement ("FAIL FILE:LINE: ..." and the
 * indented lines after it), a skip its "skip FILE:LINE: ..." line.  A
 * run that could not be checked (no trace, an expect file with an
 * error) is one case with an error, and what check said.
 */
#ifndef MMSCOPE_CIREPORT_H
#define MMSCOPE_CIREPORT_H

#include <stddef.h>
#include <stdio.h>
#include "expect/expect.h"

/* case status */
#define CI_PASS		0
#define CI_FAIL		1
#define CI_SKIP		2
#define CI_ERROR	3

struct ci_case {
	char *name;		/* "threads.expect:12: expect mm_ref ..." */
	int status;			/* CI_* */
	char *message;			/* the first line of what check said */
	char *text;			/* all of it (failures, errors) */
};

struct ci_suite {
	char *name;		/* "threads.expect, era 2.6.32, 2 cpus" */
	char *classname;		/* "threads.2_6_32.smp2" */
	char *scenario, *era, *expect;	/* properties; NULL: not known */
	unsigned smp;			/* 0: not known */
	char *out, *err;		/* what check printed on each */
	int rc;				/* its exit status */
	double seconds;			/* how long the run took */
	struct ci_case *c;
	size_t n, cap;
	unsigned failed, skipped, errors;
};

/*
 * Fill s's cases from a finished check: x its expect file (NULL: none),
 * era (MMT_ERA_*) and ncpu the trace's, which say what statements held;
 * s->out, s->err and s->rc already set.  0, or -1 when out of memory.
 */
int report_suite_cases(struct ci_suite *s, const struct expect_file *x,
		   int era, unsigned ncpu);

void report_suite_free(struct ci_suite *s);

/* The JUnit XML of n suites.  0, or -1 (ferror). */
int report_junit(FILE *f, const struct ci_suite *s, size_t n, const char *name);

/* TAP: one test point per case, the plan first. */
void report_tap(FILE *f, const struct ci_suite *s);

/* TAP for a run of several: suite k as test point k, its cases as an
 * indented subtest ("# Subtest: NAME"). */
void report_tap_subtest(FILE *f, const struct ci_suite *s, size_t k);

#endif /* MMSCOPE_CIREPORT_H */
