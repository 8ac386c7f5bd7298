/*
 * encode.c - frame encoder, see encode.h.
 *
 * Timestamps: the frame's tsc is the first record's time rounded down to
 * the dt unit, so that record's dt is 0 and a later one's dt counts units
 * from its predecessor, exactly as the decoder reconstructs them.  A time
 * that is not a multiple of 2^shift decodes rounded down.
 */
#include <string.h>
#include "trace/cobs.h"
#include "trace/crc32c.h"
#include "trace/encode.h"

void encode_init(struct encoder *e, unsigned shift,
		 void (*out)(void *arg, const void *buf, size_t n), void *arg)
{
	memset(e, 0, sizeof *e);
	e->shift = shift;
	e->out = out;
	e->arg = arg;
	e->max_rec = ENCODE_MAX_REC;
	e->cpu = -1;
}

size_t encode_seal(uint8_t *f, size_t len, uint8_t *wire)
{
	uint32_t crc = crc32c(f, len - MMT_CRC_SIZE);
	size_t n;

	memcpy(f + len - MMT_CRC_SIZE, &crc, MMT_CRC_SIZE);
	n = cobs_encode(f, len, wire);
	wire[n++] = MMT_FRAME_DELIM;
	return n;
}

static void emit(struct encoder *e, size_t len)
{
	size_t n = encode_seal(e->frame, len, e->wire);

	e->out(e->arg, e->wire, n);
	e->bytes += n;
}

/* Start a frame for cpu whose first record is at ts (in dt units). */
static void frame_open(struct encoder *e, int cpu, uint64_t units)
{
	struct mmt_frame h = {
		.cpu = cpu, .nrec = 0, .seq = e->next_seq[cpu],
		.tsc = units << e->shift,
	};

	memcpy(e->frame, &h, sizeof h);
	e->cpu = cpu;
	e->nrec = 0;
	e->len = sizeof h;
	e->last = units;
}

void encode_flush(struct encoder *e)
{
	if (e->cpu < 0)
		return;
	memcpy(e->frame + offsetof(struct mmt_frame, nrec), &e->nrec, 2);
	e->next_seq[e->cpu] += e->nrec;
	emit(e, e->len + MMT_CRC_SIZE);
	e->cpu = -1;
	e->nrec = 0;
	e->len = 0;
}

void encode_record(struct encoder *e, int cpu, uint64_t ts, const void *rec)
{
	uint64_t units = ts >> e->shift;
	struct mmt_rec h;
	size_t size;
	uint16_t dt;

	memcpy(&h, rec, sizeof h);
	size = h.size;

	if (e->cpu >= 0 &&
	    (e->cpu != cpu || units < e->last || units - e->last > 0xffff ||
	     e->len + size + MMT_CRC_SIZE > MMT_FRAME_MAX ||
	     e->nrec >= e->max_rec))
		encode_flush(e);
	if (e->cpu < 0)
		frame_open(e, cpu, units);
	dt = units - e->last;
	memcpy(e->frame + e->len, rec, size);
	memcpy(e->frame + e->len + offsetof(struct mmt_rec, dt), &dt, 2);
	e->len += size;
	e->nrec++;
	e->last = units;
}

void encode_heartbeat(struct encoder *e, int cpu, uint64_t ts)
{
	encode_flush(e);
	frame_open(e, cpu, ts >> e->shift);
	encode_flush(e);
}

void encode_delim(struct encoder *e)
{
	uint8_t z = MMT_FRAME_DELIM;

	e->out(e->arg, &z, 1);
	e->bytes++;
}

void encode_skip(struct encoder *e, int cpu, uint32_t n)
{
	encode_flush(e);
	e->next_seq[cpu] += n;
}
