/*
 * decode.h - streaming decoder of the mmtrace byte stream (PROTOCOL.md 1).
 *
 * Feed it bytes as they arrive, in chunks of any size (one byte at a time
 * gives the same result as the whole stream at once); it calls back once
 * per record of every valid frame, in stream order, and once per
 * diagnostic.  Between callbacks it keeps only the bytes of one unfinished
 * frame: nothing is allocated, records are never copied for the caller.
 *
 *	struct decoder d;
 *	decode_init(&d, &my_ops, my_arg);
 *	while ((n = read(fd, buf, sizeof buf)) > 0)
 *		decode_feed(&d, buf, n);
 *	decode_finish(&d);		// reports an unfinished last frame
 *
 * Timestamps are reconstructed as in PROTOCOL.md 1.3.  The decoder learns
 * tsc_shift, ncpu and tsc_khz from the STREAM record; before it has seen
 * one it assumes tsc_shift 4, the kernel's value.  Records of types this
 * reader does not know are skipped (reported, counted) but keep their
 * sequence numbers.
 */
#ifndef MMSCOPE_TRACE_DECODE_H
#define MMSCOPE_TRACE_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include "mmtrace.h"

#define DECODE_SHIFT_DEFAULT	4	/* tsc_shift before STREAM */
#define DECODE_MAXCPU		256	/* struct mmt_frame.cpu is a u8 */

/* One record of a valid frame (off: decoder only, 0 from the log). */
struct mmt_event {
	uint64_t ts;			/* TSC cycles, PROTOCOL.md 1.3 */
	uint64_t off;			/* stream offset of its frame */
	uint32_t seq;			/* per-CPU sequence number */
	uint8_t  cpu;			/* from the frame header */
	uint8_t  type;			/* MMT_* */
	uint8_t  size;			/* bytes at rec, header included */
	const uint8_t *rec;		/* valid only during the callback; at
					   least MMT_REC_MAX bytes readable */
	uint64_t n;			/* event number in the total order: set
					   by the event log, 0 from the decoder */
};

/* Diagnostic kinds (struct mmt_diag.kind). */
#define DIAG_GARBAGE	1	/* bytes that made no valid frame */
#define DIAG_BAD_CRC	2	/* one frame-shaped run whose CRC failed */
#define DIAG_GAP	3	/* a CPU's sequence numbers jumped */
#define DIAG_HEARTBEAT	4	/* empty frame: a CPU had nothing to send */
#define DIAG_TRUNCATED	5	/* finish(): input ended inside a frame */
#define DIAG_UNKNOWN	6	/* record of an unknown type, skipped */
#define DIAG_BAD_STREAM	7	/* STREAM with a foreign magic or newer version */

/* What was wrong with a STREAM record (DIAG_BAD_STREAM, in .type). */
#define STREAM_FOREIGN	1	/* not MMT_STREAM_MAGIC at all */
#define STREAM_SWAPPED	2	/* the magic byte-swapped: other byte order */
#define STREAM_NEWER	3	/* version above MMT_VERSION */
#define STREAM_SHIFT	4	/* tsc_shift of 32 or more */

/*
 * A diagnostic.  Which fields mean something depends on kind:
 *	GARBAGE, BAD_CRC, TRUNCATED	off, bytes, why; bad_crc (GARBAGE)
 *	GAP				cpu, expected, got (seq numbers), off
 *	HEARTBEAT			cpu, got (seq of its next record), ts
 *	UNKNOWN				cpu, got (its seq), type, bytes, ts
 *	BAD_STREAM			why, type (STREAM_*), got (version), off
 * Consecutive invalid bytes are reported once, as one run: a run that is
 * a single frame failing only its CRC is BAD_CRC, anything else GARBAGE.
 */
struct mmt_diag {
	int kind;			/* DIAG_* */
	uint8_t cpu;
	uint8_t type;
	uint32_t expected;
	uint32_t got;
	uint32_t bad_crc;		/* frames in the run that failed the CRC */
	uint64_t off;			/* stream offset of the first byte */
	uint64_t bytes;
	uint64_t ts;
	const char *why;		/* static text: what was wrong */
};

struct decode_ops {
	void (*event)(void *arg, const struct mmt_event *ev);
	void (*diag)(void *arg, const struct mmt_diag *dg);	/* may be NULL */
};

/* Running totals; read them at any time. */
struct decode_stats {
	uint64_t bytes;			/* fed so far */
	uint64_t frames;		/* valid frames, heartbeats included */
	uint64_t events;		/* records passed to ops->event */
	uint64_t heartbeats;
	uint64_t garbage_bytes;		/* in invalid runs */
	uint64_t garbage_runs;
	uint64_t bad_crc;		/* frames that failed their CRC */
	uint64_t gaps;			/* sequence jumps */
	uint64_t lost;			/* sequence numbers skipped by gaps */
	uint64_t unknown;		/* records of unknown types */
	uint64_t truncated;		/* bytes of an unfinished last frame */
};

struct decoder {
	const struct decode_ops *ops;
	void *arg;
	int stopped;			/* decode_stop() was called */

	/* stream header, from the STREAM record */
	int have_stream;
	unsigned shift;			/* tsc_shift in use */
	struct mmt_stream stream;	/* copy of the last STREAM seen */

	/* per-CPU sequence numbers */
	uint32_t next_seq[DECODE_MAXCPU];	/* expected seq of each CPU */
	uint8_t  seen[DECODE_MAXCPU];		/* 1 once a frame came */
	uint32_t known[DECODE_MAXCPU];		/* records below this seq
						   are known already:
						   decode_known */

	/* the encoded frame being collected (between two delimiters) */
	uint64_t off;			/* stream offset of the next byte fed */
	uint64_t acc_off;		/* stream offset of acc[0] */
	size_t acc_len;			/* bytes in acc, or counted when oversize */
	int oversize;			/* run longer than any frame: not kept */
	uint8_t acc[MMT_COBS_MAX(MMT_FRAME_MAX)];

	/* invalid bytes not reported yet (adjacent runs are merged) */
	struct mmt_diag junk;		/* junk.bytes == 0: none pending */
	int junk_pieces;		/* frames or pieces in the run */

	uint8_t frame[MMT_FRAME_MAX + MMT_REC_MAX];	/* the decoded frame,
					   and room to copy a whole
					   MMT_REC_MAX from any record */
	struct decode_stats st;
};

void decode_init(struct decoder *d, const struct decode_ops *ops, void *arg);

/* Decode n more bytes of the stream. */
void decode_feed(struct decoder *d, const void *buf, size_t n);

/*
 * The input has ended: decode a last frame that lacks only its delimiter,
 * report anything else left over as DIAG_TRUNCATED, flush pending garbage.
 */
void decode_finish(struct decoder *d);

/* Stop decoding: later feeds are ignored (a consumer gave up). */
void decode_stop(struct decoder *d);

/*
 * The records of cpu below seq are known already (a debugger read them
 * from the kernel's ring at a halt, before their frame came): the frame
 * that brings them passes them over without reporting them again.
 */
void decode_known(struct decoder *d, unsigned cpu, uint32_t seq);

/* The seq of cpu's first record not reported yet, nor known. */
uint32_t decode_next(const struct decoder *d, unsigned cpu);

/*
 * Copy ev's record into dst (a struct of n bytes) the way the protocol
 * asks readers to: min(size, n) bytes, the rest zero-filled, so a record
 * from an older writer reads with its new fields as 0.
 */
static inline void decode_copy(const struct mmt_event *ev, void *dst, size_t n)
{
	size_t k = ev->size < n ? ev->size : n;

	__builtin_memcpy(dst, ev->rec, k);
	if (k < n)
		__builtin_memset((char *)dst + k, 0, n - k);
}

/* The text tail of a text record (MARK, PANIC, END, MSG, STAT). */
static inline size_t decode_text(const struct mmt_event *ev, size_t fixed,
				 const char **text)
{
	*text = (const char *)ev->rec + fixed;
	return ev->size > fixed ? ev->size - fixed : 0;
}

#endif /* MMSCOPE_TRACE_DECODE_H */
