/*
 * gdbstub.h - a client of the GDB remote serial protocol, for QEMU's
 * gdbstub: halt and resume the machine, read registers and memory of
 * each CPU, set breakpoints.
 *
 * Never blocks.  The owner's poll loop watches g->fd (gdb_pollfd), calls
 * gdb_on_readable / gdb_on_writable when poll says so, and each request
 * completes later through its callback.  So a TUI keeps drawing and
 * reading the trace while the stub answers; gdbwait.h wraps the same
 * calls in a blocking loop for the headless verb and the tests.
 *
 *	gdb_connect_unix(&g, path, err, len);	// or gdb_connect_tcp
 *	gdb_start(&g, ready_cb, arg);		// handshake: features,
 *						// target.xml, threads
 *	gdb_read_regs(&g, tid, buf, done, arg);	// Hg tid, g
 *	gdb_read_mem(&g, addr, buf, n, done, arg);	// m, batched by page
 *	gdb_break(&g, addr, 1, done, arg);	// Z0 (0: z0)
 *	gdb_cont(&g, stopped, arg);		// c; stopped() at the stop reply
 *	gdb_halt(&g);				// 0x03 while it runs
 *
 * Requests made while the target runs are held and sent after the stop
 * reply, in order: QEMU stops the machine on any byte it receives while
 * running and drops the packet, so nothing but 0x03 goes out then.  If a
 * stop reply comes while plain requests are in flight anyway (a stub
 * that stopped on one of them), those requests are sent again after it.
 * With no-ack mode (QStartNoAckMode, if the stub has it) packets are not
 * acknowledged; otherwise each is, and a '-' sends the last one again.
 *
 * Threads are CPUs: QEMU numbers them from 1 (cpu_index + 1).
 */
#ifndef MMSCOPE_TARGET_GDBSTUB_H
#define MMSCOPE_TARGET_GDBSTUB_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include "target/rsp.h"
#include "target/tdesc.h"

#define GDB_MAXTHREADS	64

/* What a callback's err says. */
#define GDB_OK		0
#define GDB_EFAULT	(-1)	/* an E.. reply: memory not there, bad thread */
#define GDB_EUNSUPP	(-2)	/* an empty reply: the stub does not do that */
#define GDB_EPROTO	(-3)	/* a reply that makes no sense here */
#define GDB_EDEAD	(-4)	/* the connection is gone */

/* Connection states. */
#define GDB_CONNECTING	1	/* connect() under way */
#define GDB_HANDSHAKE	2	/* features, target.xml, threads */
#define GDB_STOPPED	3	/* the machine is halted */
#define GDB_RUNNING	4	/* resumed; waiting for a stop reply */
#define GDB_DEAD	5	/* closed, or broken: g->err says why */

struct gdb_stop {		/* a stop reply: T, S, W or X */
	int signo;		/* 5 breakpoint or step, 2 halted by 0x03 */
	int tid;		/* the thread that stopped, 0 if not said */
	int exited;		/* W or X: the target is gone */
};

typedef void (*gdb_done_fn)(void *arg, int err);
typedef void (*gdb_reply_fn)(void *arg, int err, const char *body,
			     size_t len);
typedef void (*gdb_stop_fn)(void *arg, int err, const struct gdb_stop *s);

struct gdb_req;
struct gdb_side;

struct gdb {
	int fd;				/* the socket; -1 when closed */
	int state;			/* GDB_* */
	int noack;			/* no-ack mode is on */
	struct rsp_parser rx;
	/* bytes to write */
	char *out;
	size_t out_len, out_cap;
	char last[RSP_MAX * 2 + 8];	/* ack mode: the last packet, for '-' */
	size_t last_len;
	/* requests: sent and waiting for their reply; held until a stop */
	struct gdb_req *sent, *sent_tail;
	struct gdb_req *held, *held_tail;
	int resume_out;			/* a c/s/vCont is in flight */
	int halt_out;			/* 0x03 sent since the last resume */
	int halt_want;			/* 0x03 to follow the held resume */
	/* what the stub is */
	size_t packet_size;		/* PacketSize from qSupported */
	int has_xfer;			/* qXfer:features:read+ */
	int has_phys;			/* qqemu.PhyMemMode */
	struct tdesc td;		/* registers, from target.xml */
	int tid[GDB_MAXTHREADS];	/* threads, in the stub's order */
	int nthreads;
	int cur_tid;			/* Hg's thread as last sent, 0: none */
	struct gdb_stop last_stop;	/* the latest stop reply */
	/* handshake */
	void (*ready)(void *arg, int err);
	void *ready_arg;
	int trace;			/* $MMSCOPE_GDB_TRACE: packets on stderr */
	const struct gdb_side *side;	/* gdbwait.h: what a blocking wait
					   serves besides the socket */
	/* statistics and complaints */
	uint64_t packets_in, packets_out, bad_sums, unexpected;
	char note[160];			/* the stub's last fault that was not
					   fatal: a bad checksum, a reply
					   nobody asked for */
	char err[256];			/* why DEAD, or why a wait failed */
};

/*
 * Connect to a unix socket path or to host:port (host NULL: loopback).
 * Returns 0 (connected or under way: gdb_start next), or -1 with the
 * reason in err (errno set: ENOENT or ECONNREFUSED while QEMU is not
 * listening yet, so a caller may try again).
 */
int gdb_connect_unix(struct gdb *g, const char *path, char *err, size_t len);
int gdb_connect_tcp(struct gdb *g, const char *host, unsigned port,
		    char *err, size_t len);

/* Begin the handshake; ready(arg, err) when it is done or failed. */
void gdb_start(struct gdb *g, void (*ready)(void *arg, int err), void *arg);

/* Close the socket, fail what is pending (GDB_EDEAD), free everything. */
void gdb_close(struct gdb *g);

/*
 * The connection cannot go on (broken, or given up on): g->err says why,
 * the socket is closed and every request fails with GDB_EDEAD, now.
 */
void gdb_fail(struct gdb *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* --- the poll loop -------------------------------------------------- */

/* Fill p for poll(): POLLIN always, POLLOUT while bytes wait.  0 if closed. */
int gdb_pollfd(const struct gdb *g, struct pollfd *p);
int gdb_want_write(const struct gdb *g);

/* Read what the socket has (feeds gdb_poll_in); -1 once dead. */
int gdb_on_readable(struct gdb *g);

/* Write what waits; -1 once dead. */
int gdb_on_writable(struct gdb *g);

/* Bytes received from the stub, in any chunks (tests feed this directly). */
void gdb_poll_in(struct gdb *g, const void *buf, size_t n);

/* --- requests ------------------------------------------------------- */

/* Any packet body; fn gets the reply (E.. as GDB_EFAULT, "" as EUNSUPP). */
void gdb_request(struct gdb *g, const char *body, gdb_reply_fn fn, void *arg);

/*
 * The registers of thread tid (0: the current one) as the g packet has
 * them, into buf (g->td.g_size bytes; what the stub leaves out is 0).
 * gdb_reg32 reads one of them by name; -1 if there is no such register.
 */
void gdb_read_regs(struct gdb *g, int tid, uint8_t *buf, gdb_done_fn fn,
		   void *arg);
int64_t gdb_reg32(const struct gdb *g, const uint8_t *buf, const char *name);

/* One register by number (p), into *val: for the few a step needs. */
void gdb_read_reg(struct gdb *g, int tid, unsigned num, uint32_t *val,
		  gdb_done_fn fn, void *arg);

/*
 * n bytes of memory at addr into buf, as the current thread's CPU sees
 * it (or physical memory in phys mode): one m packet per page piece, no
 * larger than the stub's packet size, all sent at once.  Pieces the stub
 * cannot read are zeroed and fn gets GDB_EFAULT.
 */
void gdb_read_mem(struct gdb *g, uint32_t addr, void *buf, size_t n,
		  gdb_done_fn fn, void *arg);
void gdb_write_mem(struct gdb *g, uint32_t addr, const void *buf, size_t n,
		   gdb_done_fn fn, void *arg);

/* QEMU's physical memory mode for m and M (qemu.PhyMemMode). */
void gdb_phys(struct gdb *g, int on, gdb_done_fn fn, void *arg);

/* A software breakpoint at addr: set (on) or removed. */
void gdb_break(struct gdb *g, uint32_t addr, int on, gdb_done_fn fn,
	       void *arg);

/*
 * Resume every CPU (tid 0) or only thread tid, running (gdb_cont) or one
 * instruction (gdb_step); fn gets the stop reply.  gdb_halt stops a
 * running machine (fn of the resume then gets signal 2).
 */
void gdb_cont(struct gdb *g, int tid, gdb_stop_fn fn, void *arg);
void gdb_step(struct gdb *g, int tid, gdb_stop_fn fn, void *arg);
void gdb_halt(struct gdb *g);

/* Is anything still waiting for a reply or to be sent? */
int gdb_busy(const struct gdb *g);

/* The state's name, for messages: "stopped", "running", ... */
const char *gdb_state_name(int state);

#endif /* MMSCOPE_TARGET_GDBSTUB_H */
