/*
 * check_job.h - one `mmscope check` run in a child process (check_job.c),
 * its output caught in files, then cut into test cases (report.h):
 * what check_ci.c runs for --junit, --tap and --all, several at a time.
 */
#ifndef MMSCOPE_CHECKJOB_H
#define MMSCOPE_CHECKJOB_H

#include <limits.h>
#include <stdint.h>
#include <sys/types.h>
#include "expect/report.h"
#include "expect/expect.h"

#define JOB_ARGS	48		/* arguments of one check */

struct check_job {
	char *argv[JOB_ARGS + 1]; /* the check's arguments, argv[0] its name */
	int argc;
	char trace[PATH_MAX];		/* the trace it records or reads */
	int own_trace;			/* a temporary trace: removed when
					   the check passes, kept (and said)
					   if not */
	const struct expect_file *x;	/* its expect file, NULL: none */
	char out[PATH_MAX], err[PATH_MAX];	/* where its output goes */
	pid_t pid;			/* 0: not started, -1: finished */
	uint64_t start;			/* util_now_ns() at its start */
	struct ci_suite suite;		/* name, classname set by the caller;
					   the rest by cmd_check_job_end */
};

/* Add an argument (copied); 0, or -1 when there is no room. */
int cmd_check_job_arg(struct check_job *j, const char *arg);

/* A temporary trace for a --run, added as -o; 0, or -1 after saying why. */
int cmd_check_job_tmp_trace(struct check_job *j);

/* Start the check in a child.  0, or -1 after saying why. */
int cmd_check_job_start(struct check_job *j);

/* The child ended with status (waitpid's): collect what it said, cut
 * it into cases, remove or keep its temporary trace.  0, or -1 when out
 * of memory. */
int cmd_check_job_end(struct check_job *j, int status);

/* A job that never ran: its expect file cannot be used (why). */
int cmd_check_job_refused(struct check_job *j, const char *why);

void cmd_check_job_free(struct check_job *j);

/* Name s from the expect file spec (NULL: none) and what it checked
 * ("threads.expect: threads, era 2.6.32, 2 cpus"), and its classname
 * ("threads.2_6_32.smp2").  0, or -1 when out of memory. */
int cmd_check_job_names(struct ci_suite *s, const char *spec, const char *what);

/* Wait for one of the started jobs j[0..n) to end (cmd_check_job_end): its
 * index; -1 when none is left, -2 when out of memory. */
long cmd_check_jobs_wait(struct check_job *j, size_t n);

/* The suites of j[0..n) as JUnit XML in path.  0, or EXIT_USAGE after
 * saying why not. */
int cmd_check_jobs_junit(const char *path, struct check_job *j, size_t n);

/* The last part of a path. */
const char *cmd_check_path_base(const char *path);

#endif /* MMSCOPE_CHECKJOB_H */
