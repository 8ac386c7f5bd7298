/*
 * dbg.h - the machine under the debugger: halt it, continue it, run it
 * to the next traced event, and at every halt read it (machine.h) and
 * verify the model against it (verify.h).  The TUI's keys and the
 * headless `mmscope verify` both drive this, from their poll loops.
 *
 *	dbg_attach(&d, sock, &k, tl, ...);	// blocking, once: connect,
 *						// handshake, arm the stop hook
 *	loop: dbg_fds(&d, p) into poll; dbg_io(&d, p)
 *	dbg_halt(&d);		// 0x03: the whole machine stops
 *	dbg_next(&d, filter);	// run to the next event that matches
 *	dbg_cont(&d);		// run freely
 *	... changed(arg): d.state says what happened; at DBG_HALTED,
 *	    d.m is the machine and d.v the verification
 *
 * Stopping at events uses the kernel's stop hook (PROTOCOL.md 5): a
 * breakpoint on MMT_STOP_SYMBOL, and MMT_STOP_CTL_SYMBOL written with
 * the record types and CPUs wanted; while running freely ctl.on is 0,
 * so the kernel never stops by itself.  A finer filter (an mm, a type
 * on one CPU only) is the host's: a stop whose record it does not want
 * continues at once.
 *
 * Before reading the machine, drain(arg) must give the timeline every
 * byte QEMU has written to COM2: the halted kernel sends nothing more,
 * and the records it has not sent are read from its rings.
 */
#ifndef MMSCOPE_TARGET_DBG_H
#define MMSCOPE_TARGET_DBG_H

#include <poll.h>
#include "target/gdbstub.h"
#include "target/kimage.h"
#include "target/machine.h"
#include "model/model.h"
#include "model/timeline.h"
#include "target/verify.h"

#define DBG_OFF		0	/* no gdbstub */
#define DBG_RUNNING	1
#define DBG_STOPPING	2	/* halt or next asked; not stopped yet */
#define DBG_READING	3	/* stopped; reading the machine */
#define DBG_HALTED	4	/* d.m and d.v are the halt's */
#define DBG_DEAD	5	/* the gdbstub is gone: d.err says why */

struct dbg_filter {
	uint32_t types[8];	/* record types, as mmt_stop_ctl's */
	uint32_t cpus;		/* CPUs whose records stop */
	/* the host's finer choice: does the record rec of CPU cpu stop
	   the run?  NULL: every record the kernel stops at */
	int (*want)(void *arg, unsigned cpu, const uint8_t *rec);
	void *want_arg;
};

/* Does rec name mm (in any of its mm fields)? */
int dbg_names_mm(const uint8_t *rec, unsigned mm);

struct dbg {
	struct gdb g;
	const struct kimage *k;
	const struct timeline *tl;
	int state;			/* DBG_* */
	struct dbg_filter f;		/* of the run to the next event */
	int after;			/* what the next stop is for (dbg.c) */
	int at_bp;			/* stopped at the stop hook's breakpoint */
	uint8_t regs[1024];		/* the stopped thread's registers */
	int stop_tid;			/* the thread that stopped there */
	int bp_tid[MACH_MAXCPU];	/* after a read: every thread there */
	int nbp;
	int next_run;			/* the run is to the next event */
	int last_cpu;			/* the last halt's record: CPU, seq */
	uint32_t last_seq;
	int retries;			/* stops on it again, stepped over */
	uint8_t slot[MMT_REC_MAX];	/* the record the stop is for */
	unsigned slot_cpu;		/* and its CPU */
	struct mach m;			/* the machine at the last halt */
	struct vfy v;			/* and its verification */
	int verified;			/* d.v is valid */
	uint64_t halts, skipped;	/* halts; stops not matching the filter */
	uint64_t stop_ns;		/* when the last stop was asked for */
	uint64_t halt_ns;		/* how long it took, until verified */
	char err[256];			/* the last fault: dead, or a read */
	const struct dbg_filter *first;	/* set before dbg_attach: run to
					   the first record it selects */
	struct model *at;		/* if set (a model_new one): the model
					   at the halt, that d.v verified */
	void (*drain)(void *arg);	/* get every COM2 byte into tl */
	void (*changed)(void *arg);	/* the state changed */
	void *arg;
};

/*
 * Connect to the gdbstub at sock (QEMU stops when it is attached), arm
 * the stop hook and let the machine run (to d->first, if set).  Blocks
 * up to timeout_ms, less if gone(d->arg) (may be NULL) says QEMU has
 * exited.  0, or -1 with
 * the reason in err (and d is DBG_OFF).
 */
int dbg_attach(struct dbg *d, const char *sock, const struct kimage *k,
	       const struct timeline *tl, int timeout_ms,
	       int (*gone)(void *arg), char *err, size_t len);

/* The socket, for poll: 0 or 1 entries in p. */
int dbg_fds(struct dbg *d, struct pollfd *p);
void dbg_io(struct dbg *d, const struct pollfd *p);

/* Halt the whole machine now; read and verify it. */
void dbg_halt(struct dbg *d);

/* Run until the next record that f selects (NULL: any); read, verify. */
void dbg_next(struct dbg *d, const struct dbg_filter *f);

/* Run freely. */
void dbg_cont(struct dbg *d);

/* Stop QEMU's gdbstub session (the machine runs on). */
void dbg_close(struct dbg *d);

/* "running", "halted", ... for the status bar. */
const char *dbg_state_name(const struct dbg *d);

/* A filter for every record of every CPU, narrowed to type if nonzero. */
void dbg_filter_all(struct dbg_filter *f, unsigned type);

/* --- haltat.c: where to halt, as written: KIND[:cpu=N][:mm=M] --------- */

#define DBG_MAX_AT	16

struct dbg_at {
	unsigned type;			/* MMT_*, 0: any */
	int cpu;			/* -1: any */
	unsigned mm;			/* 0: any */
};

struct dbg_ats {			/* halt where any of them says */
	struct dbg_at at[DBG_MAX_AT];
	int n;
};

/* KIND is an event kind as dump names it, or any.  0, or -1 if bad. */
int dbg_parse_at(const char *s, struct dbg_at *a);

/* A filter for the places in s (which must outlive the filter). */
void dbg_filter_at(struct dbg_filter *f, const struct dbg_ats *s);

#endif /* MMSCOPE_TARGET_DBG_H */
