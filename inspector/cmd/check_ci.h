/*
 * check_ci.h - the options of `mmscope check` for CI systems, shared by
 * check_ci.c (the options, a single check) and check_all.c (--all DIR).
 */
#ifndef MMSCOPE_CHECKCI_H
#define MMSCOPE_CHECKCI_H

#include "cmd/check_job.h"

struct ci_opts {
	const char *junit;		/* --junit FILE */
	int tap;			/* --tap */
	const char *all;		/* --all DIR */
	unsigned long jobs;		/* -j N: checks at a time */
	int jobs_given;
	const char *era, *smp;		/* --era, --smp */
	const char *spec, *trace, *run, *output;	/* of the rest */
	char *rest[JOB_ARGS];		/* everything else, for check */
	int nrest;
};

/* check --all DIR: every expect file there.  The exit status. */
int cmd_check_all(struct ci_opts *o);

#endif /* MMSCOPE_CHECKCI_H */
