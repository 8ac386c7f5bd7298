/*
 * encode.h - host-side frame encoder, the inverse of decode.h.
 *
 * Builds the byte stream the kernel sends (PROTOCOL.md 1): records are
 * packed into frames of one CPU with consecutive sequence numbers and
 * timestamp deltas; a frame is closed when the CPU changes, a delta would
 * not fit in 16 bits, time goes backwards, it is full (MMT_FRAME_MAX, or
 * max_rec records), or on encode_flush().  Each closed frame gets its
 * CRC-32C, is COBS-encoded and written with its 0x00 delimiter through the
 * caller's out() function.
 *
 * Used by the unit tests and by generators of synthetic traces.  Records
 * passed in are complete wire records (struct mmt_rec first, size set);
 * the encoder fills in only h.dt.
 */
#ifndef MMSCOPE_TRACE_ENCODE_H
#define MMSCOPE_TRACE_ENCODE_H

#include <stddef.h>
#include <stdint.h>
#include "mmtrace.h"

#define ENCODE_MAX_REC		48	/* default records per frame */

struct encoder {
	void (*out)(void *arg, const void *buf, size_t n);
	void *arg;
	unsigned shift;			/* tsc_shift: dt unit 2^shift cycles */
	unsigned max_rec;		/* close a frame at this many records */
	uint32_t next_seq[256];		/* per CPU */

	/* the open frame; nrec == 0 and len == 0: none */
	int cpu;
	uint16_t nrec;
	uint64_t last;			/* previous record's ts >> shift */
	size_t len;			/* bytes in frame[] */
	uint8_t frame[MMT_FRAME_MAX];
	uint8_t wire[MMT_COBS_MAX(MMT_FRAME_MAX) + 1];
	uint64_t bytes;			/* written through out() so far */
};

void encode_init(struct encoder *e, unsigned shift,
		 void (*out)(void *arg, const void *buf, size_t n), void *arg);

/* Append rec (rec->size bytes) from cpu at TSC time ts. */
void encode_record(struct encoder *e, int cpu, uint64_t ts, const void *rec);

/* Close the open frame, if any. */
void encode_flush(struct encoder *e);

/* Send a heartbeat (empty frame) for cpu at ts; closes the open frame. */
void encode_heartbeat(struct encoder *e, int cpu, uint64_t ts);

/* Send a lone delimiter, as the kernel does before its first frame. */
void encode_delim(struct encoder *e);

/* Make cpu's next frame start n sequence numbers later: a gap. */
void encode_skip(struct encoder *e, int cpu, uint32_t n);

/*
 * Seal a decoded frame f[0..len) whose last MMT_CRC_SIZE bytes are room
 * for the CRC: write the CRC there, COBS-encode into wire (room for
 * MMT_COBS_MAX(len) + 1) and append the delimiter.  Returns wire bytes.
 */
size_t encode_seal(uint8_t *f, size_t len, uint8_t *wire);

#endif /* MMSCOPE_TRACE_ENCODE_H */
