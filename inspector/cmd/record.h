/*
 * record.h - what `mmscope record` does, for the verbs that record
 * before they do their own work (check --run).
 */
#ifndef MMSCOPE_CMD_RECORD_H
#define MMSCOPE_CMD_RECORD_H

#include "run/runcfg.h"

struct record_opts {
	struct run_cfg run;		/* scenario, kernel, era, bug, ... */
	const char *output;		/* the trace to write */
	const char *console;		/* NULL: OUTPUT.log; "-": stderr */
	int stats;			/* --stats: print figures after */
};

/*
 * Defaults of a recording run: era 2.6.32, one CPU, 60 s timeout,
 * errors spoken as `record`.
 */
#define CMD_RECORD_OPTS_INIT \
	{ .run = { .verb = "record", .era = "2.6.32", .smp = 1, \
		   .timeout = 60 } }

/*
 * Check o's names, boot the kernel headless with o->run (the default
 * kernel when o->run.kernel is NULL), stream the events into o->output
 * and report as `record` does.  Returns the exit status: 0 the scenario
 * passed; 1 it failed, panicked, QEMU died or timed out; 2 bad options,
 * an unknown scenario or an output that cannot be written.
 */
int cmd_record_scenario(struct record_opts *o);

#endif /* MMSCOPE_CMD_RECORD_H */
