/*
 * evlog.h - the event log: every event of a trace in one total order,
 * numbered from 0, append-only.
 *
 * Bytes go in (evlog_feed), events come out by number (evlog_get, or an
 * iterator).  The log owns the decoder.  The decoder delivers each CPU's
 * events in sequence order, but CPUs interleave freely: a frame of CPU 1
 * may arrive after a later frame of CPU 0.  So events wait in a queue per
 * CPU and are committed in (timestamp, cpu, seq) order up to the
 * watermark: an event is committed once every other CPU that may still
 * send (each CPU seen so far, and those STREAM.ncpu announces) has been
 * heard from at its time or later, by an event or a heartbeat.  At the
 * end of input (evlog_finish) everything left is committed.  Committed
 * events never change and never move: readers keep event numbers and
 * record pointers while a live run appends.
 *
 * Storage is packed, about the size of the trace itself.  Each committed
 * event is a small header (cpu, flags, the timestamp as a delta from the
 * event before it, sometimes seq or a gap) followed by the record exactly
 * as it came off the wire, in 2 MiB blocks; one index entry per
 * EVLOG_CHUNK events gives random access.  Nothing decoded is stored.
 *
 * Diagnostics (gaps, garbage, bad CRCs, a truncated end, ...) are kept as
 * notes, each placed before the event it precedes in the order.  Lost
 * events (a sequence gap, a LOST record) are placed where they were lost:
 * just after the last event of their CPU before them.  So is, for every
 * CPU, the end of a trace that stops before its END or PANIC record (a
 * timeout, a killed QEMU, a cut file): each CPU's ring may have held
 * records it never sent, and the other CPUs' later events follow them.
 */
#ifndef MMSCOPE_TRACE_EVLOG_H
#define MMSCOPE_TRACE_EVLOG_H

#include <stddef.h>
#include <stdint.h>
#include "trace/decode.h"

#define EVLOG_CHUNK_SHIFT	8
#define EVLOG_CHUNK		(1u << EVLOG_CHUNK_SHIFT)	/* events per index entry */
#define EVLOG_BLOCK		(1u << 21)	/* bytes per storage block: a
						   huge page, for fewer faults */
#define EVLOG_PENDING_MAX	(1u << 18)	/* events held for a silent CPU */

/* Note kinds of the log's own, beside the decoder's DIAG_* */
#define DIAG_ORDER		16	/* a silent CPU: order forced */
#define DIAG_LOST		17	/* a LOST record's events (got: count) */
#define DIAG_CUT		18	/* input ended before END or PANIC:
					   this CPU's last events may be
					   missing (got: its next seq) */

/* A diagnostic at its place in the order. */
struct evlog_note {
	uint64_t n;			/* it precedes event n (n == count: the end) */
	struct mmt_diag dg;
};

struct evlog;

/* A new empty log, or NULL when out of memory. */
struct evlog *evlog_new(void);
void evlog_free(struct evlog *log);

/* Decode n more bytes of the stream; commit what the watermark allows. */
void evlog_feed(struct evlog *log, const void *buf, size_t n);

/* The input has ended: commit everything. */
void evlog_finish(struct evlog *log);

/* Events committed so far. */
uint64_t evlog_count(const struct evlog *log);

/*
 * Event n into *ev (n, cpu, seq, ts, type, size, rec; rec points into
 * the log and stays valid as long as the log).  0, or -1 if n is not
 * committed.  Costs a walk of at most EVLOG_CHUNK - 1 entries.
 */
int evlog_get(const struct evlog *log, uint64_t n, struct mmt_event *ev);

/* Walks events in order from any event number; cheap per step. */
struct evlog_iter {
	const struct evlog *log;
	uint64_t n;			/* number of the next event */
	uint32_t block, off;		/* where it is stored */
	uint64_t ts;			/* timestamp of the event before it */
	uint32_t seq[DECODE_MAXCPU];	/* next seq of each CPU, in this chunk */
};

void evlog_iter_init(struct evlog_iter *it, const struct evlog *log,
		     uint64_t n);

/* The next committed event into *ev: 1, or 0 at the end of the log. */
int evlog_next(struct evlog_iter *it, struct mmt_event *ev);

/*
 * An event learned before its frame came (a debugger read it from the
 * kernel's ring at a halt): it waits for the watermark like one decoded
 * from the stream, and its frame, when it comes, passes it over.  Events
 * the log has, by their frame or an earlier call, are ignored.
 */
void evlog_add(struct evlog *log, const struct mmt_event *ev);

/*
 * The machine was halted at time ts, and every record of every CPU
 * stamped up to ts is in the log's hands (received, or given with
 * evlog_add): commit them.  No CPU may send anything older later.
 */
void evlog_halted(struct evlog *log, uint64_t ts);

/*
 * The events received but not committed yet (waiting for the watermark),
 * each CPU's in sequence order: fn(arg, ev) for each, ev->n 0 and
 * ev->rec valid during the call.  A debugger that halted the machine
 * needs them: they happened before the halt.
 */
void evlog_pending_each(const struct evlog *log,
			void (*fn)(void *arg, const struct mmt_event *ev),
			void *arg);

/* The notes so far, in order; *count of them. */
const struct evlog_note *evlog_notes(const struct evlog *log, size_t *count);

/* The index of the first note placed at event n or later. */
size_t evlog_note_at(const struct evlog *log, uint64_t n);

/* The decoder: its statistics, and the STREAM header if it saw one. */
const struct decoder *evlog_decoder(const struct evlog *log);

/* Events lost so far: sequence gaps plus the counts of LOST records. */
uint64_t evlog_lost(const struct evlog *log);

/*
 * Why the stream cannot be read at all (a STREAM of a newer protocol
 * version), or NULL.  Feeding stops at that point.
 */
const struct mmt_diag *evlog_fatal(const struct evlog *log);

/* Bytes of memory the log holds (blocks, index, notes, queues). */
size_t evlog_memory(const struct evlog *log);

#endif /* MMSCOPE_TRACE_EVLOG_H */
