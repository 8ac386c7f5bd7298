/*
 * runcfg.h - how to run a scenario: the options `record`, `check --run`,
 * `run` and `verify` share, declared once, checked the same way and
 * turned into the same kernel command line.
 */
#ifndef MMSCOPE_RUN_RUNCFG_H
#define MMSCOPE_RUN_RUNCFG_H

#include <getopt.h>
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
	unsigned long seed;		/* seed=, if --seed was given */
	unsigned long timeout;		/* seconds, 0: none */
	unsigned given;			/* RUNCFG_BIT of each option set */
};

/*
 * The run options, one table for every verb that boots the kernel: these
 * are getopt_long's values for them (above any character, so a verb's own
 * options keep their letters).  A verb takes the ones in its mask.
 */
enum runcfg_opt {
	RUNCFG_SMP = 0x100,		/* --smp N: CPUs, 1..8 */
	RUNCFG_ERA,			/* --era E */
	RUNCFG_BUG,			/* --bug B ("none": no fault) */
	RUNCFG_MODE,			/* --trace-mode M */
	RUNCFG_TRANSPORT,		/* --transport T */
	RUNCFG_COUNT,			/* --count N */
	RUNCFG_SEED,			/* --seed S */
	RUNCFG_TIMEOUT,			/* --timeout S */
	RUNCFG_KERNEL,			/* --kernel ELF */
	RUNCFG_END
};

#define RUNCFG_NOPTS		(RUNCFG_END - RUNCFG_SMP)
#define RUNCFG_BIT(opt)		(1u << ((opt) - RUNCFG_SMP))
#define RUNCFG_ALL		(RUNCFG_BIT(RUNCFG_END) - 1)

/*
 * getopt_long's table for a verb: the run options in the mask which,
 * then the verb's own (own ends with a zeroed entry, which is copied).
 * out holds RUNCFG_NOPTS entries more than own.
 */
void runcfg_longopts(struct option *out, unsigned which,
		     const struct option *own);

/* Is ch (from getopt_long on that table) a run option? */
static inline int runcfg_is(int ch)
{
	return ch >= RUNCFG_SMP && ch < RUNCFG_END;
}

/* Was the option opt given (on the command line, or set by runcfg_set)? */
static inline int runcfg_given(const struct run_cfg *c, enum runcfg_opt opt)
{
	return (c->given & RUNCFG_BIT(opt)) != 0;
}

/*
 * Set the run option opt from the text s (an optarg, or an expect file's
 * `option KEY=s`): numbers are checked here, names by runcfg_names.
 * Returns -1, or EXIT_USAGE after saying which value is wrong.
 */
int runcfg_set(struct run_cfg *c, enum runcfg_opt opt, const char *s);

/* Copy into c each run option that from was given (from->given). */
void runcfg_merge(struct run_cfg *c, const struct run_cfg *from);

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
