/*
 * input.h - where the TUI's trace comes from: a trace file (replay) or
 * a QEMU running a scenario (live), read in the TUI's one poll loop.
 *
 * Either way the bytes go to the timeline as they are read; a file is
 * read a chunk per turn of the loop, so a large trace is browsable while
 * it loads.  For QEMU, COM2 also goes to the trace writer (run --record)
 * before the timeline sees it, COM1 to the writer's console log, and
 * QEMU's own messages are kept for the status line.  When the input
 * ends (end of file, QEMU gone) the timeline is finished and `status`
 * says how it ended; what was read stays.
 */
#ifndef MMSCOPE_TUI_INPUT_H
#define MMSCOPE_TUI_INPUT_H

#include <poll.h>
#include <stdint.h>
#include "mmtrace.h"
#include "run/qemu.h"
#include "run/runcfg.h"
#include "model/timeline.h"
#include "run/writer.h"

/* What a source reads (source.kind). */
enum source_kind {
	SOURCE_FILE = 1,		/* a trace file: replay */
	SOURCE_QEMU			/* QEMU's pipes: run */
};

#define SRC_CHUNK	(1 << 20)	/* bytes read per turn of the loop */
#define SRC_BATCH_NS	4000000ull	/* COM2 rests this long after a read:
					   QEMU writes a byte at a time */
#define SRC_VIRTIO_PIPE	65536		/* virtio: the stream pipe's size */
#define SRC_MAXFDS	3

struct source {
	enum source_kind kind;
	const char *name;		/* the trace file, or the scenario */
	int fd;				/* SOURCE_FILE: the trace, -1 once
					   read */
	uint64_t size;			/* SOURCE_FILE: bytes of stream */
	struct qemu q;			/* SOURCE_QEMU */
	struct writer w;		/* run --record FILE; fd -1: none */
	uint64_t bytes;			/* stream bytes read */
	uint64_t rest_until;		/* COM2 is not polled before */
	int ended;			/* the input ended; timeline finished */
	int bad;			/* it ended badly (shown as a fault) */
	char status[200];		/* how it ended, or what is going on */
	char qerr[512];			/* the start of QEMU's own messages */
	size_t qerr_len;
	/* told each time events are committed (the latency log) */
	void (*arrived)(uint64_t from, uint64_t to, uint64_t now);
};

/*
 * Open a trace file for replay; its header into *h.  0, or -1 with
 * "path: problem" in err.
 */
int input_file(struct source *s, const char *path, struct mmt_file_header *h,
	       char *err, size_t len);

/*
 * Start QEMU on the run c (cmdline made from it), writing the trace to
 * record if not NULL, with a gdbstub on a private socket (s->q.gdb_sock)
 * if gdb.  0, or -1 with the reason in err.
 */
int input_qemu(struct source *s, const struct run_cfg *c, const char *cmdline,
	       struct symtab *syms, const char *record, int gdb, char *err,
	       size_t len);

/*
 * The descriptors to poll now, into p (at most SRC_MAXFDS); lowers
 * *timeout_ms when the source wants to run sooner (a file still being
 * read: 0; COM2 resting: until it may be read again).
 */
int input_fds(struct source *s, struct pollfd *p, uint64_t now,
	      int *timeout_ms);

/* Read what p (from input_fds, after poll) says is there; feed tl. */
void input_read(struct source *s, const struct pollfd *p, int n,
		struct timeline *tl);

/*
 * Read everything COM2 holds now, without waiting: the machine is
 * halted, so that is every byte the kernel has sent (dbg.h's drain).
 */
void input_drain(struct source *s, struct timeline *tl);

/* Stop QEMU if it runs, close everything. */
void input_close(struct source *s);

#endif /* MMSCOPE_TUI_INPUT_H */
