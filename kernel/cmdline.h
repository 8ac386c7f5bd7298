/*
 * cmdline.h - the kernel command line (multiboot; QEMU's -append),
 * parsed once at boot by cmdline_init() and read-only afterwards.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include "types.h"
#include "param.h"
#include "atomic.h"
#include "mmtrace.h"

struct cmdline {
	char scenario[MMT_SCEN_NAME + 1];	/* scenario=NAME, default "boot" */
	uint smp;				/* smp=N: CPUs asked for, 0 = not given */
	uint era;				/* era=: MMT_ERA_* */
	uint bug;				/* bug=: MMT_BUG_*, 0 = none */
	uint overflow;				/* trace=overflow: drop and count */
	uint virtio;				/* transport=virtio: not COM2 (traceline.c) */
	uint count;				/* count=N: scenario size, 0 = its default */
	uint watchdog_ms;			/* watchdog=MS: longest busy wait (WATCHDOG_MS) */
	char error[CMDLINE_ERRLEN];		/* first bad option, "" if none */
	char usage[CMDLINE_ERRLEN];		/* what that option accepts */
	char text[CMDLINE_MAX];			/* the options as given */
};

extern struct cmdline cmdline;
extern int bugs_armed;
extern atomic_t bug_fired;

/* bug=NAME's NAME for an MMT_BUG_* ("none" for 0). */
const char *bug_name(uint bug);

/*
 * Does fault injection bug (MMT_BUG_*) act here?  bug= takes effect when
 * the scenario starts (scenario_start), so that boot itself, which
 * borrows and drops init_mm, is never the victim.  Ask only where the
 * fault would change what the kernel does: every yes counts in
 * bug_fired, which the end of the run reports (STAT bug_fired, END's
 * text), so that a run in which the fault never acted says so.
 */
static inline int bug_injected(uint bug)
{
	if (cmdline.bug != bug || !bugs_armed)
		return 0;
	atomic_inc(&bug_fired);
	return 1;
}

#endif /* KERNEL_CMDLINE_H */
