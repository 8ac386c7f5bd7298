/*
 * tracering.h - the per-CPU trace ring, embedded in struct cpu.
 *
 * Only the owning CPU touches its ring, always with interrupts off: it
 * produces records (trace_begin/trace_end, also from
 * interrupt handlers) and it alone drains them to the trace line (COM2
 * or virtio).  So the ring needs no lock; the line has one
 * (traceline.c).  The one exception is a panic: the dying CPU sends the
 * rings of CPUs that did not stop.
 */
#ifndef KERNEL_TRACERING_H
#define KERNEL_TRACERING_H

#include "types.h"
#include "mmtrace.h"

/*
 * One ring slot, 64 bytes: the record's full TSC and the record as it
 * will go on the wire, except its dt, which the drain computes.
 */
struct trace_slot {
	uint64 tsc;			/* rdtsc() when the record was begun */
	union {
		struct mmt_rec h;	/* type and size set by trace_begin */
		uchar bytes[MMT_REC_MAX];
	};
} __attribute__((aligned(64)));
_Static_assert(sizeof(struct trace_slot) == 64, "trace_slot");

struct trace_ring {
	struct trace_slot *slots;	/* TRACE_RING_SLOTS of them */
	uint cpu;			/* the owner: frame header's cpu */
	uint head;			/* next slot to fill (free-running) */
	uint tail;			/* next slot to send (free-running) */
	uint seq;			/* sequence number of the record at tail */
	uint lost;			/* events dropped since the last LOST (overflow mode) */
	uint eflags;			/* interrupt flag before the open trace_begin */
	int dropping;			/* the open trace_begin writes to scratch */
	int draining;			/* inside drain: a panic must not re-enter */
	uint64 last_sent;		/* TSC of the last frame sent (heartbeats) */
	uint64 pack_cycles;		/* TSC cycles spent packing frames (copy, CRC, COBS) */
	uint64 line_cycles;		/* ...and handing batches to the line */
	uchar *frame;			/* MMT_FRAME_MAX bytes: frame being built */
	uchar *wire;			/* TRACE_BATCH_BYTES: the batch, encoded frames */
	uint wire_len;			/* bytes in the batch so far */
	struct trace_slot scratch;	/* where a dropped record is written */
};

#endif /* KERNEL_TRACERING_H */
