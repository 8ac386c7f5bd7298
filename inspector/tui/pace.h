/*
 * pace.h - paced runs (pace.c): `mmscope run --pace S` (or --step) runs
 * the machine itself at the lecturer's pace.  The kernel is halted at
 * every teaching event (the steps: --steps, by default the reference
 * operations, switches, mm_structs made and freed, exec, tasks made and
 * ended, rq->prev_mm, lazy TLB, leave_mm and CR3 loads, and each
 * chapter's start), every halt verified against guest memory, and the
 * screen shows it for S seconds (longer at a chapter's start) before
 * the machine runs to the next step.  Events between steps pass
 * without a pause but are all in the trace.
 *
 * Keys (pace_key): space pauses and resumes, -> goes one step on (from
 * the past, through the trace first, then the machine again), <- one
 * step back in the trace (and pauses), + and - change the pace.
 * Without a gdbstub the pace moves the view through the trace instead,
 * and says so.
 */
#ifndef MMSCOPE_TUI_PACE_H
#define MMSCOPE_TUI_PACE_H

#include <stddef.h>
#include <stdint.h>
#include "target/dbg.h"

#define PACE_NS_DEFAULT	1500000000ull	/* 1.5 s: a class can follow */

struct pace_cfg {
	uint64_t ns;			/* time a step is shown */
	uint64_t chapter_ns;		/* at a chapter's start, instead */
	int stepping;			/* --step: start paused, -> steps */
	struct dbg_ats steps;		/* --steps; n 0: the default kinds */
	struct dbg_ats start;		/* where pacing starts (--halt-at):
					   the machine's first halt, or the
					   first such event in the trace */
};

/*
 * --steps KIND[:cpu=N][:mm=M],...: added to c->steps.  0, or -1 with
 * what is wrong in err.
 */
int pace_parse_steps(struct pace_cfg *c, const char *s, char *err,
		     size_t len);

/* Start pacing (live, after tdbg_start; the view is the pace's now). */
void pace_start(const struct pace_cfg *c);
int pace_on(void);

/* The loop, each turn: step if it is time.  Returns the nanoseconds
 * until it wants to be asked again (UINT64_MAX: not before an event). */
uint64_t pace_tick(uint64_t now);

/* space, F9, -> (j), <- (k), +, -, F7, F8 while pacing: 1 if taken. */
int pace_key(int ch);

/* The pace in a few words for the status bar ("pace 1.5 s", "paused",
 * "paced view: no gdbstub"), and whether the pace is held (paused). */
const char *pace_state(char *buf, size_t len, int *held);

#endif /* MMSCOPE_TUI_PACE_H */
