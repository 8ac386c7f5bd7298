/*
 * gdbwait.h - the gdbstub client's requests, waited for: a poll loop
 * around gdbstub.h for the headless verb and the tests.  The TUI uses
 * gdbstub.h directly from its own loop.
 *
 * While it waits, the loop also serves the descriptors of a struct
 * gdb_side (QEMU's COM1, COM2 and stderr pipes), so that QEMU never
 * blocks on a full pipe while the machine runs towards a stop.
 */
#ifndef MMSCOPE_TARGET_GDBWAIT_H
#define MMSCOPE_TARGET_GDBWAIT_H

#include "target/gdbstub.h"

#define GDB_SIDE_MAX	8

struct gdb_side {
	/* put the descriptors to poll in p (at most max); how many */
	int (*fds)(void *arg, struct pollfd *p, int max);
	/* poll said something about them */
	void (*ready)(void *arg, const struct pollfd *p, int n);
	/* nonzero: stop waiting (QEMU exited, a signal) */
	int (*quit)(void *arg);
	void *arg;
};

/*
 * Serve g and side until *flag becomes nonzero.  Returns 0, or -1 when
 * the connection died, timeout_ms passed (-1: no limit) or side->quit
 * said so, with the reason in g->err.
 */
int gdb_wait(struct gdb *g, const int *flag, int timeout_ms,
	     const struct gdb_side *side);

/*
 * Connect to path (or, if path is NULL, to 127.0.0.1:port), trying
 * again while nothing listens there yet, and handshake; within
 * timeout_ms.  side (or NULL) is served by this wait and, through
 * g->side, by every later one.  0, or -1 with the reason in err.
 */
int gdb_open_wait(struct gdb *g, const char *path, unsigned port,
		  int timeout_ms, const struct gdb_side *side,
		  char *err, size_t len);

/* The requests of gdbstub.h, waited for: 0, or a GDB_E* error. */
int gdb_regs_wait(struct gdb *g, int tid, uint8_t *buf, int timeout_ms);
int gdb_mem_wait(struct gdb *g, uint32_t addr, void *buf, size_t n,
		 int timeout_ms);
int gdb_write_wait(struct gdb *g, uint32_t addr, const void *buf, size_t n,
		   int timeout_ms);
int gdb_break_wait(struct gdb *g, uint32_t addr, int on, int timeout_ms);

/*
 * Resume (all CPUs, or thread tid) and wait for the stop, into *s.
 * gdb_step_wait runs one instruction of thread tid.
 */
int gdb_cont_wait(struct gdb *g, int tid, struct gdb_stop *s, int timeout_ms);
int gdb_step_wait(struct gdb *g, int tid, struct gdb_stop *s, int timeout_ms);

#endif /* MMSCOPE_TARGET_GDBWAIT_H */
