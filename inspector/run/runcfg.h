/*
 * runcfg.h - how to run a scenario: the options `record`, `run` and
 * `verify` share, checked the same way and turned into the same kernel
 * command line.
 */
#ifndef MMSCOPE_RUN_RUNCFG_H
#define MMSCOPE_RUN_RUNCFG_H

#include <stddef.h>
#include "mmtrace.h"
#include "trace/symbols.h"

struct run_cfg {
	const char *verb;		/* "record", "run": who speaks in errors */
	const char *scenario;
	const char *kernel;		/* the ELF to boot */
	const char *era;		/* "2.6.32" or "modern" */
	const char *bug;		/* NULL: none */
	const char *mode;		/* trace=: NULL (lossless) or a name */
	const char *transport;		/* --transport, else $MMSCOPE_TRANSPORT:
					   NULL (com2) or a name */
	unsigned long smp;		/* 1..8 */
	unsigned long count;		/* count=, 0: the scenario's default */
	unsigned long timeout;		/* seconds, 0: none */
};

/*
 * Check the values that have a fixed set of names (era, bug, trace
 * mode, transport; without --transport, $MMSCOPE_TRANSPORT names it).
 * Returns -1 when they are good, else EXIT_USAGE after saying which
 * value is wrong and what is accepted.
 */
int runcfg_names(const struct run_cfg *c);

/*
 * Open the kernel ELF into *syms and check that it has the scenario
 * (warn when it is not meant for these CPUs or this era).  Returns -1
 * when it has, else EXIT_USAGE after listing the known scenarios.
 */
int runcfg_scenario(const struct run_cfg *c, struct symtab **syms);

/* The kernel command line: "scenario=S smp=N era=E [bug=B] ...". */
void runcfg_cmdline(const struct run_cfg *c, char *buf, size_t len);

/* Does the stream come over virtio-serial (--transport virtio)? */
int runcfg_virtio(const struct run_cfg *c);

/* A scenario-size option value: parse optarg for opt or say why not. */
int runcfg_number(const struct run_cfg *c, const char *opt, const char *s,
		  unsigned long min, unsigned long max, unsigned long *v);

#endif /* MMSCOPE_RUN_RUNCFG_H */
