/*
 * qemu.h - run the kernel in qemu-system-i386, headless.
 *
 * COM1 (console text) and COM2 (the event stream) each go to a pipe that
 * the caller reads, typically in one poll() loop: QEMU's file chardev
 * writes into /dev/fd/N, the write end of the pipe, which QEMU inherits.
 * With o->virtio the event stream comes through a virtio-serial port
 * instead, into the same pipe (struct qemu's com2), and COM2 stays on
 * that pipe too, for a kernel that cannot find the device and ends the
 * run there.
 * QEMU's own messages (stderr) come through a third pipe, so that the
 * caller shows them when QEMU fails and not when it stops QEMU itself.
 * The kernel ends a run through isa-debug-exit, so QEMU's exit status is
 * MMT_QEMU_STATUS(v) for the value v it wrote.
 *
 * QEMU never outlives mmscope: it runs in its own process group (a ^C
 * on the terminal reaches mmscope, which stops QEMU and reports), dies
 * with its parent (PR_SET_PDEATHSIG), and an atexit handler stops one
 * still running.  SIGINT, SIGTERM and SIGHUP only set a flag that
 * qemu_interrupted() returns, so a blocked poll() wakes with EINTR.
 */
#ifndef MMSCOPE_RUN_QEMU_H
#define MMSCOPE_RUN_QEMU_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define QEMU_BINARY	"qemu-system-i386"	/* $MMSCOPE_QEMU overrides */
#define QEMU_MEM_MB	128
#define QEMU_MAX_ARGS	48

struct qemu_opts {
	const char *kernel;		/* the ELF given to -kernel */
	const char *cmdline;		/* -append */
	unsigned smp;			/* -smp */
	const char *const *extra; /* more QEMU options, NULL-ended, or NULL */
	int gdb;			/* 1: a gdbstub on a private unix socket
					   (struct qemu's gdb_sock) */
	int virtio;			/* 1: the stream on virtio-serial port
					   MMT_VIRTIO_PORT, not COM2 */
};

struct qemu {
	pid_t pid;			/* 0: not running */
	int com1;			/* read end of COM1's pipe, or -1 */
	int com2;			/* read end of COM2's pipe, or -1 */
	int err;			/* read end of QEMU's stderr, or -1 */
	int virtio;			/* the stream comes over virtio-serial */
	uint64_t start_ns;		/* util_now_ns() just before it started */
	char gdb_sock[108];		/* the gdbstub's socket, "" if none; in
					   a directory of its own, removed by
					   qemu_close */
	char *argv[QEMU_MAX_ARGS];	/* the command line it ran */
	char store[4096];		/* the strings argv points to */
};

/*
 * Start QEMU.  Returns 0, or -1 with the reason in err (QEMU not
 * installed, no pipes, ...).
 */
int qemu_start(struct qemu *q, const struct qemu_opts *o,
	       char *err, size_t errlen);

/*
 * Reap QEMU if it has exited (block: wait for it).  Returns 1 and its
 * wait status in *status when it has, 0 while it runs.
 */
/*
 * Read what one of QEMU's pipes (*fd) has, into buf: the byte count, 0
 * if nothing is there now, -1 at its end (QEMU closed it, or it broke),
 * when *fd is closed and set to -1.
 */
ssize_t qemu_pipe_read(int *fd, void *buf, size_t len);

int qemu_reap(struct qemu *q, int *status, int block);

/*
 * Has QEMU exited?  It is left to be reaped (qemu_reap), so that its
 * owner still learns how it ended.
 */
int qemu_exited(const struct qemu *q);

/* Stop QEMU (SIGTERM, then SIGKILL after a second) and reap it. */
void qemu_stop(struct qemu *q);

/* Close the pipes; remove the gdbstub's socket and its directory. */
void qemu_close(struct qemu *q);

/* The options QEMU ran with, space-separated (for the trace header). */
void qemu_args(const struct qemu *q, char *buf, size_t len);

/* The signal that asked mmscope to stop, or 0. */
int qemu_interrupted(void);

#endif /* MMSCOPE_RUN_QEMU_H */
