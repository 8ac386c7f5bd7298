/*
 * decode.c - streaming frame decoder, see decode.h and PROTOCOL.md 1.
 *
 * A frame is the bytes between two 0x00 delimiters.  When a frame lies
 * wholly inside the buffer fed, it is COBS-decoded straight from there;
 * only a frame split across two feeds is first collected in d->acc.  A
 * decoded frame must pass three checks (length, CRC, record walk) before
 * any of its records is reported; a frame that fails is dropped whole and
 * its bytes join the current run of garbage, which is reported when the
 * next valid frame arrives or the input ends.
 */
#include <string.h>
#include "trace/cobs.h"
#include "trace/crc32c.h"
#include "trace/names.h"
#include "trace/decode.h"

#define FRAME_MIN	(sizeof(struct mmt_frame) + MMT_CRC_SIZE)
#define WIRE_MAX	MMT_COBS_MAX(MMT_FRAME_MAX)

void decode_init(struct decoder *d, const struct decode_ops *ops, void *arg)
{
	memset(d, 0, sizeof *d);
	d->ops = ops;
	d->arg = arg;
	d->shift = DECODE_SHIFT_DEFAULT;
}

void decode_stop(struct decoder *d)
{
	d->stopped = 1;
}

void decode_known(struct decoder *d, unsigned cpu, uint32_t seq)
{
	if (cpu < DECODE_MAXCPU && seq > d->known[cpu])
		d->known[cpu] = seq;
}

uint32_t decode_next(const struct decoder *d, unsigned cpu)
{
	uint32_t n = d->seen[cpu] ? d->next_seq[cpu] : 0;

	return d->known[cpu] > n ? d->known[cpu] : n;
}

static void diag(struct decoder *d, struct mmt_diag *g)
{
	if (d->ops->diag)
		d->ops->diag(d->arg, g);
}

/* Report the pending run of invalid bytes, if any. */
static void junk_flush(struct decoder *d)
{
	struct mmt_diag *g = &d->junk;

	if (!g->bytes)
		return;
	if (d->junk_pieces == 1 && g->bad_crc == 1) {
		g->kind = DIAG_BAD_CRC;
	} else {
		g->kind = DIAG_GARBAGE;
		if (d->junk_pieces > 1)
			g->why = "bytes that form no valid frame";
	}
	d->st.garbage_runs++;
	diag(d, g);
	memset(g, 0, sizeof *g);
	d->junk_pieces = 0;
}

/* n invalid bytes at stream offset off, for the reason why. */
static void junk_add(struct decoder *d, uint64_t off, uint64_t n,
		     const char *why, int crc)
{
	struct mmt_diag *g = &d->junk;

	if (!g->bytes) {
		g->off = off;
		g->why = why;
	}
	g->bytes += n;
	g->bad_crc += crc;
	d->junk_pieces++;
	d->st.garbage_bytes += n;
	d->st.bad_crc += crc;
}

/* Do the records from offset 16 add up to the CRC, nrec of them? */
static int walk_ok(const uint8_t *f, size_t len, unsigned nrec)
{
	size_t p = sizeof(struct mmt_frame), end = len - MMT_CRC_SIZE;
	unsigned n = 0;

	while (p < end) {
		unsigned size = f[p + 1];

		if (size < sizeof(struct mmt_rec) || size > end - p)
			return 0;
		p += size;
		n++;
	}
	return n == nrec;
}

/*
 * Decode the encoded frame src[0..n) into d->frame and check it.
 * Returns NULL and sets *len if it is valid, else what was wrong.
 */
static const char *frame_check(struct decoder *d, const uint8_t *src,
			       size_t n, size_t *len, int *crc_bad)
{
	ssize_t k;
	uint32_t crc;
	uint16_t nrec;

	*crc_bad = 0;
	if (n > WIRE_MAX)
		return "longer than any frame";
	k = cobs_decode(src, n, d->frame, MMT_FRAME_MAX);
	if (k < 0)
		return "not a COBS frame";
	if ((size_t)k < FRAME_MIN)
		return "shorter than a frame";
	memcpy(&crc, d->frame + k - MMT_CRC_SIZE, sizeof crc);
	if (crc32c(d->frame, k - MMT_CRC_SIZE) != crc) {
		*crc_bad = 1;
		return "CRC mismatch";
	}
	memcpy(&nrec, d->frame + offsetof(struct mmt_frame, nrec), 2);
	if (!walk_ok(d->frame, k, nrec))
		return "record sizes do not add up";
	*len = k;
	return NULL;
}

/* A STREAM record: learn the time unit, or say why not. */
static void stream_seen(struct decoder *d, const struct mmt_event *ev)
{
	struct mmt_stream s;
	struct mmt_diag g = { .kind = DIAG_BAD_STREAM, .off = ev->off };

	decode_copy(ev, &s, sizeof s);
	g.got = s.version;
	if (s.magic == __builtin_bswap32(MMT_STREAM_MAGIC)) {
		g.type = STREAM_SWAPPED;
		g.why = "stream header in the other byte order";
	} else if (s.magic != MMT_STREAM_MAGIC) {
		g.type = STREAM_FOREIGN;
		g.why = "stream header with a foreign magic";
	} else if (s.version > MMT_VERSION) {
		g.type = STREAM_NEWER;
		g.why = "stream of a newer protocol version";
	} else if (s.tsc_shift >= 32) {
		g.type = STREAM_SHIFT;
		g.why = "stream header with tsc_shift out of range";
	}
	if (g.why) {
		diag(d, &g);
		return;
	}
	d->stream = s;
	d->have_stream = 1;
	d->shift = s.tsc_shift;
}

/* Compare a frame's first seq with what its CPU should send next. */
static void seq_check(struct decoder *d, const struct mmt_frame *h,
		      uint64_t off)
{
	uint32_t want = d->next_seq[h->cpu];
	struct mmt_diag g = { .kind = DIAG_GAP, .cpu = h->cpu,
			      .expected = want, .got = h->seq, .off = off };

	if (h->seq != want) {
		d->st.gaps++;
		d->st.lost += (uint32_t)(h->seq - want) < 0x80000000u ?
			      (uint32_t)(h->seq - want) : 0;
		diag(d, &g);
	}
	d->seen[h->cpu] = 1;
	d->next_seq[h->cpu] = h->seq + h->nrec;
}

static void unknown_seen(struct decoder *d, const struct mmt_event *ev)
{
	struct mmt_diag g = { .kind = DIAG_UNKNOWN, .cpu = ev->cpu,
			      .type = ev->type, .got = ev->seq,
			      .bytes = ev->size, .ts = ev->ts, .off = ev->off };

	d->st.unknown++;
	diag(d, &g);
}

static void heartbeat(struct decoder *d, const struct mmt_frame *h,
		      uint64_t off)
{
	struct mmt_diag g = { .kind = DIAG_HEARTBEAT, .cpu = h->cpu,
			      .got = h->seq, .ts = h->tsc, .off = off };

	d->st.heartbeats++;
	diag(d, &g);
}

/* Report the records of the valid frame in d->frame. */
static void frame_emit(struct decoder *d, uint64_t off)
{
	struct mmt_frame h;
	struct mmt_event ev = { .off = off };
	const uint8_t *p = d->frame + sizeof h;
	unsigned i;
	uint16_t dt;

	memcpy(&h, d->frame, sizeof h);
	d->st.frames++;
	seq_check(d, &h, off);
	if (h.nrec == 0) {
		heartbeat(d, &h, off);
		return;
	}
	ev.cpu = h.cpu;
	for (i = 0; i < h.nrec && !d->stopped; i++, p += ev.size) {
		ev.type = p[0];
		ev.size = p[1];
		ev.rec = p;
		ev.seq = h.seq + i;
		memcpy(&dt, p + 2, 2);
		if (i == 0)
			ev.ts = ((h.tsc >> d->shift) + dt) << d->shift;
		else
			ev.ts += (uint64_t)dt << d->shift;
		if (ev.seq < d->known[ev.cpu])
			continue;	/* reported before its frame came */
		if (!mmt_types[ev.type].name) {
			unknown_seen(d, &ev);
			continue;
		}
		if (ev.type == MMT_STREAM)
			stream_seen(d, &ev);
		if (d->stopped)
			break;		/* the consumer gave up on this stream */
		d->st.events++;
		d->ops->event(d->arg, &ev);
	}
}

/* One piece of the stream between delimiters, at stream offset off. */
static void piece(struct decoder *d, const uint8_t *src, size_t n,
		  uint64_t off)
{
	const char *bad;
	size_t len;
	int crc_bad;

	if (n == 0)
		return;			/* a lone delimiter */
	bad = frame_check(d, src, n, &len, &crc_bad);
	if (bad) {
		junk_add(d, off, n, bad, crc_bad);
		return;
	}
	junk_flush(d);
	frame_emit(d, off);
}

/* Keep the first part of a frame that continues in the next feed. */
static void collect(struct decoder *d, const uint8_t *p, size_t n)
{
	if (d->acc_len == 0 && !d->oversize)
		d->acc_off = d->off;
	if (!d->oversize && d->acc_len + n > sizeof d->acc)
		d->oversize = 1;	/* too long to be a frame: count only */
	if (!d->oversize)
		memcpy(d->acc + d->acc_len, p, n);
	d->acc_len += n;
	d->off += n;
}

/* The delimiter ending the collected frame has arrived. */
static void collected(struct decoder *d)
{
	if (d->oversize)
		junk_add(d, d->acc_off, d->acc_len, "longer than any frame", 0);
	else
		piece(d, d->acc, d->acc_len, d->acc_off);
	d->acc_len = 0;
	d->oversize = 0;
}

void decode_feed(struct decoder *d, const void *buf, size_t n)
{
	const uint8_t *p = buf, *end = p + n, *z;

	if (d->stopped)
		return;
	d->st.bytes += n;
	while (p < end && !d->stopped) {
		z = memchr(p, MMT_FRAME_DELIM, end - p);
		if (!z) {
			collect(d, p, end - p);
			return;
		}
		if (d->acc_len || d->oversize) {
			collect(d, p, z - p);
			collected(d);
		} else {
			piece(d, p, z - p, d->off);
			d->off += z - p;
		}
		d->off++;		/* the delimiter */
		p = z + 1;
	}
}

void decode_finish(struct decoder *d)
{
	struct mmt_diag g = { .kind = DIAG_TRUNCATED, .off = d->acc_off,
			      .bytes = d->acc_len,
			      .why = "input ended inside a frame" };
	size_t len;
	int crc_bad;

	if (!d->stopped && (d->acc_len || d->oversize)) {
		if (!d->oversize &&
		    !frame_check(d, d->acc, d->acc_len, &len, &crc_bad)) {
			junk_flush(d);	/* complete but for its delimiter */
			frame_emit(d, d->acc_off);
		} else {
			junk_flush(d);
			d->st.truncated += d->acc_len;
			diag(d, &g);
		}
	}
	d->acc_len = 0;
	d->oversize = 0;
	if (!d->stopped)
		junk_flush(d);
}
