/*
 * traceline.c - the line the trace goes out on: COM2.
 *
 * Each CPU drains its own ring (trace.c) into a batch of whole encoded
 * frames and hands the batch to trace_line_write, which puts it on the
 * line under linelock, so that frames of different CPUs never
 * interleave.  How much a batch holds is the line's choice
 * (trace_line_batch): on COM2 one frame, since every byte costs an I/O
 * exit anyway and a short hold of the lock lets the CPUs take turns.
 * The first write begins with a lone 0x00 (PROTOCOL.md 1.1).
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "cpu.h"
#include "spinlock.h"
#include "trace.h"

#define WIRE_MAX	(MMT_COBS_MAX(MMT_FRAME_MAX) + 1)	/* one encoded frame */

_Static_assert(TRACE_BATCH_BYTES >= WIRE_MAX, "a batch holds a frame");

static struct spinlock linelock;	/* the line: one batch at a time */
static int line_started;		/* the lone 0x00 is sent (linelock) */

/* Set up the line, before the first record is sent (trace_init). */
void trace_line_init(void)
{
	initlock(&linelock, "trace line");
}

/* The most bytes a drain may put in one batch: whole frames only. */
uint trace_line_batch(void)
{
	return WIRE_MAX;
}

/* Which line: "com2". */
const char *trace_line_name(void)
{
	return "com2";
}

/*
 * Take the line.  A dying kernel must not hang on it: if the holder
 * does not let go within STOP_WAIT_MS (it was stopped, or hangs with
 * interrupts off), the line is taken from it.
 */
static void line_acquire(void)
{
	uint64 deadline;

	if (!panicking) {
		acquire(&linelock);
		return;
	}
	pushcli();
	deadline = tsc_deadline(STOP_WAIT_MS);
	while (xchg(&linelock.locked, 1) != 0 && rdtsc() < deadline)
		pause();
	linelock.locked = 1;
	linelock.cpu = mycpu();
}

/*
 * Put n bytes of whole frames at buf on the line, and return once the
 * UART's FIFO has taken them, waiting while the host is behind:
 * lossless backpressure.
 */
void trace_line_write(const uchar *buf, uint n)
{
	static const uchar delim = MMT_FRAME_DELIM;

	line_acquire();
	if (!line_started) {
		uart_write(COM2, &delim, 1);	/* cut off whatever was on the line before us */
		line_started = 1;
	}
	uart_write(COM2, buf, n);
	release(&linelock);
}

/* Before QEMU exits: wait until the line has sent everything. */
void trace_line_flush(void)
{
	uart_flush(COM2);
}
