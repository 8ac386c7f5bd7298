/*
 * traceline.c - the line the trace goes out on: COM2 (the default), or
 * with transport=virtio port MMT_VIRTIO_PORT of a virtio-serial device
 * (virtio_console.c).
 *
 * Each CPU drains its own ring (trace.c) into a batch of whole encoded
 * frames and hands the batch to trace_line_write, which puts it on the
 * line under linelock, so that frames of different CPUs never
 * interleave.  How much a batch holds is the line's choice
 * (trace_line_batch): on COM2 one frame, since every byte costs an I/O
 * exit anyway and a short hold of the lock lets the CPUs take turns; on
 * virtio up to TRACE_BATCH_BYTES, which QEMU takes in one notify.  The
 * first write begins with a lone 0x00 (PROTOCOL.md 1.1).
 *
 * A virtio device that is missing or will not open its port never
 * hangs the run: the line falls back to COM2 and trace_line_error says
 * why, so that scenario_select ends the run there with an END record
 * that a host reading COM2 sees.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "cpu.h"
#include "spinlock.h"
#include "cmdline.h"
#include "trace.h"

#define WIRE_MAX	(MMT_COBS_MAX(MMT_FRAME_MAX) + 1)	/* one encoded frame */

_Static_assert(TRACE_BATCH_BYTES >= WIRE_MAX, "a batch holds a frame");

static struct spinlock linelock;	/* the line: one batch at a time */
static int line_started;		/* the lone 0x00 is sent (linelock) */
static int on_virtio;			/* writes go to virtio_console_write */
static char line_err[MMT_REC_MAX];	/* why transport=virtio fell back, "" if not */

/*
 * Choose the line, before the first record is sent (trace_init).  The
 * TSC must be calibrated: the virtio set-up times its waits.
 */
void trace_line_init(void)
{
	initlock(&linelock, "trace line");
	if (!cmdline.virtio)
		return;
	if (virtio_console_init(line_err, sizeof(line_err)) < 0) {
		cprintf("transport=virtio: %s; the trace falls back to COM2\n", line_err);
		return;
	}
	on_virtio = 1;
}

/* Why transport=virtio could not be used, or "". */
const char *trace_line_error(void)
{
	return line_err;
}

/* The most bytes a drain may put in one batch: whole frames only. */
uint trace_line_batch(void)
{
	return on_virtio ? TRACE_BATCH_BYTES : WIRE_MAX;
}

/* Which line: "com2" or "virtio". */
const char *trace_line_name(void)
{
	return on_virtio ? "virtio" : "com2";
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

static void put(const uchar *buf, uint n)
{
	if (on_virtio)
		virtio_console_write(buf, n);
	else
		uart_write(COM2, buf, n);
}

/*
 * Put n bytes of whole frames at buf (kernel memory) on the line, and
 * return once the line has taken them: the UART's FIFO, or QEMU's
 * chardev for virtio.  Either waits while the host is behind: lossless
 * backpressure.
 */
void trace_line_write(const uchar *buf, uint n)
{
	static const uchar delim = MMT_FRAME_DELIM;

	line_acquire();
	if (!line_started) {
		put(&delim, 1);		/* cut off whatever was on the line before us */
		line_started = 1;
	}
	put(buf, n);
	release(&linelock);
}

/* Before QEMU exits: wait until the line has sent everything. */
void trace_line_flush(void)
{
	uart_flush(COM2);	/* virtio writes return only when QEMU has the bytes */
}
