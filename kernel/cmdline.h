/*
 * cmdline.h - the kernel command line (multiboot; QEMU's -append),
 * parsed once at boot by cmdline_init() and read-only afterwards.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include "types.h"
#include "param.h"
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

/*
 * Is fault injection bug (MMT_BUG_*) on here?  bug= takes effect when
 * the scenario starts (scenario_start), so that boot itself, which
 * borrows and drops init_mm, is never the victim.
 */
static inline int bug_injected(uint bug)
{
	return cmdline.bug == bug && bugs_armed;
}

#endif /* KERNEL_CMDLINE_H */
