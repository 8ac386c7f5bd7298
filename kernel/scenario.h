/*
 * scenario.h - the scenario table.
 *
 *	static int boot(void) { ...; return MMT_END_OK; }
 *	SCENARIO("boot", boot, 1, ALL_ERAS, 0, "boot one CPU, ...");
 *	SCENARIO_PROG("fork_exit", 1, ALL_ERAS, 0, "fork a child that exits");
 *
 * SCENARIO puts two things in the kernel ELF: a struct mmt_scen_desc in
 * section .mmscope.scenarios (protocol/mmtrace.h), which `mmscope
 * scenarios` reads without booting the kernel, and a struct scenario in
 * .scentab, the kernel's own table, which points at the description and
 * at what runs: a kernel function (SCENARIO), called by init (pid 1)
 * before it has a user address space, or a user program built into the
 * image (SCENARIO_PROG: samples/NAME.c), which init execs.
 * scenario=NAME on the command line picks one.
 */
#ifndef KERNEL_SCENARIO_H
#define KERNEL_SCENARIO_H

#include "mmtrace.h"

struct scenario {
	const struct mmt_scen_desc *desc;	/* name, summary, CPUs, eras, bug */
	int (*run)(void);			/* MMT_END_OK, or scenario_fail(...) */
	const char *prog;			/* or: the program init execs */
};

#define SCENARIO_ENTRY(nm, id, fn, prg, mincpus, eramask, bugno, text)	\
	static const struct mmt_scen_desc scen_desc_##id			\
	__attribute__((section(MMT_SCEN_SECTION), used, aligned(4))) = {	\
		.name = nm, .summary = text, .min_cpus = mincpus,		\
		.eras = eramask, .bug = bugno,					\
	};									\
	static const struct scenario scen_##id					\
	__attribute__((section(".scentab"), used)) = { &scen_desc_##id, fn, prg }

/* ...with id macro-expanded first (__COUNTER__ names a program's entry) */
#define SCENARIO_ENTRY_X(nm, id, fn, prg, mincpus, eramask, bugno, text) \
	SCENARIO_ENTRY(nm, id, fn, prg, mincpus, eramask, bugno, text)

#define SCENARIO(nm, fn, mincpus, eramask, bugno, text) \
	SCENARIO_ENTRY(nm, fn, fn, 0, mincpus, eramask, bugno, text)
#define SCENARIO_PROG(nm, mincpus, eramask, bugno, text) \
	SCENARIO_ENTRY_X(nm, __COUNTER__, 0, nm, mincpus, eramask, bugno, text)

#define ALL_ERAS	(MMT_SCEN_ERA_2632 | MMT_SCEN_ERA_MODERN)

int scenario_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void scenario_select(void);
int scenario_start(void);
void scenario_end(long code, int kthread) __attribute__((noreturn));
void scenario_abort(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif /* KERNEL_SCENARIO_H */
