/*
 * scenario.h - the scenario table.
 *
 *	static int fork_exit(void) { ...; return MMT_END_OK; }
 *	SCENARIO("fork_exit", fork_exit, 1, ALL_ERAS, 0,
 *		 "fork a child that exits; watch mm_users");
 *
 * SCENARIO puts two things in the kernel ELF: a struct mmt_scen_desc in
 * section .mmscope.scenarios (protocol/mmtrace.h), which `mmscope
 * scenarios` reads without booting the kernel, and a struct scenario in
 * .scentab, the kernel's own table, which points at the description and
 * the function.  scenario=NAME on the command line picks one.
 */
#ifndef KERNEL_SCENARIO_H
#define KERNEL_SCENARIO_H

#include "mmtrace.h"

struct scenario {
	const struct mmt_scen_desc *desc;	/* name, summary, CPUs, eras, bug */
	int (*run)(void);			/* MMT_END_OK, or scenario_fail(...) */
};

#define SCENARIO(nm, fn, mincpus, eramask, bugno, text)			\
	static const struct mmt_scen_desc scen_desc_##fn			\
	__attribute__((section(MMT_SCEN_SECTION), used, aligned(4))) = {	\
		.name = nm, .summary = text, .min_cpus = mincpus,		\
		.eras = eramask, .bug = bugno,					\
	};									\
	static const struct scenario scen_##fn					\
	__attribute__((section(".scentab"), used)) = { &scen_desc_##fn, fn }

#define ALL_ERAS	(MMT_SCEN_ERA_2632 | MMT_SCEN_ERA_MODERN)

int scenario_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void scenario_idle(uint ms);

#endif /* KERNEL_SCENARIO_H */
