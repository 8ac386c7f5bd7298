/*
 * trace.c - per-CPU trace rings and their drain to the trace line.
 *
 * Producers (trace.h) fill 64-byte slots at the ring's head.  The owning
 * CPU, and only it, drains from the tail: it packs up to TRACE_FRAME_RECS
 * records into a frame (protocol/PROTOCOL.md 1.2), numbers them with its
 * sequence counter, adds the CRC-32C, COBS-encodes it and appends it,
 * followed by 0x00, to its batch; a full batch goes to the line in one
 * write (traceline.c), which keeps frames of different CPUs from
 * interleaving.  A batch is one frame on COM2 and up to
 * TRACE_BATCH_BYTES on virtio.  Interrupts are off throughout, so a
 * frame is bounded to keep that short.
 *
 * Drain points: a producer that finds its ring full (lossless mode; up
 * to TRACE_FULL_BATCHES batches at once, which keeps COM2 busier when
 * several CPUs wait for it), the idle loop (trace_idle), each timer tick (trace_tick: at most
 * TRACE_TICK_BATCHES batches, so that a live viewer sees events within a
 * tick even while tasks keep the CPU busy), trace_flush before the end
 * of a run.  A drain that finds the ring empty while the CPU has sent
 * nothing for TRACE_HEARTBEAT_MS sends a heartbeat frame, so that a
 * reader merging the CPUs by time learns that an idle or busy CPU holds
 * back nothing older.  With several CPUs each drains its own ring, in
 * order, one batch at a time on the line: nothing is lost, nothing is
 * reordered within a CPU, and batches of CPUs interleave on the line.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "cpu.h"
#include "cmdline.h"
#include "trace.h"

#define RING_MASK	(TRACE_RING_SLOTS - 1)
#define WIRE_MAX	(MMT_COBS_MAX(MMT_FRAME_MAX) + 1)	/* one encoded frame */

_Static_assert((TRACE_RING_SLOTS & RING_MASK) == 0, "TRACE_RING_SLOTS is a power of 2");
_Static_assert(sizeof(struct mmt_frame) + TRACE_FRAME_RECS * sizeof(struct mmt_mm_ref) +
	       MMT_CRC_SIZE <= MMT_FRAME_MAX, "a frame holds TRACE_FRAME_RECS MM_REF records");

static struct trace_slot ring_slots[NCPU][TRACE_RING_SLOTS];
static uchar frame_buf[NCPU][MMT_FRAME_MAX];
static uchar wire_buf[NCPU][TRACE_BATCH_BYTES];

static uint64 heartbeat_cycles;		/* TRACE_HEARTBEAT_MS in TSC cycles */
static int trace_ready;			/* trace_init has run */
int tracing_on = 1;			/* mm_ref emits MM_REF (0 only while trace_ref_cost measures) */

static inline struct trace_slot *slot(struct trace_ring *r, uint i)
{
	return &r->slots[i & RING_MASK];
}

/* Add the CRC to the len-byte frame, encode it onto the end of the batch. */
static void pack_frame(struct trace_ring *r, uint len)
{
	uint32 crc = crc32c(r->frame, len);
	uchar *w = r->wire + r->wire_len;
	uint n;

	memmove(r->frame + len, &crc, MMT_CRC_SIZE);	/* little-endian */
	n = cobs_encode(r->frame, len + MMT_CRC_SIZE, w);
	w[n++] = MMT_FRAME_DELIM;
	r->wire_len += n;
}

/* Put the batch on the line. */
static void send_batch(struct trace_ring *r)
{
	uint64 t0 = rdtsc();

	trace_line_write(r->wire, r->wire_len);
	r->wire_len = 0;
	r->last_sent = rdtsc();
	r->line_cycles += r->last_sent - t0;
}

/* Is there room in the batch for one more frame? */
static int batch_room(struct trace_ring *r)
{
	return r->wire_len + WIRE_MAX <= trace_line_batch();
}

static void frame_header(struct trace_ring *r, uint nrec, uint64 tsc)
{
	struct mmt_frame *f = (struct mmt_frame *) r->frame;

	f->cpu = r->cpu;
	f->flags = 0;
	f->nrec = nrec;
	f->seq = r->seq;
	f->tsc = tsc;
}

/*
 * Pack one frame of the records at the tail into the batch: at most
 * TRACE_FRAME_RECS, ending early where a dt would not fit in 16 bits or
 * the frame would pass MMT_FRAME_MAX.  The frame's tsc is its first
 * record's, whose dt is therefore 0.  The ring must not be empty.
 */
static void drain_frame(struct trace_ring *r)
{
	uint64 first = slot(r, r->tail)->tsc, prev = first, dt;
	uint len = sizeof(struct mmt_frame), n = 0;
	struct trace_slot *s;

	while (r->tail + n != r->head && n < TRACE_FRAME_RECS) {
		s = slot(r, r->tail + n);
		dt = s->tsc > prev ? (s->tsc >> TRACE_SHIFT) - (prev >> TRACE_SHIFT) : 0;
		if (dt > 0xFFFF || len + s->h.size + MMT_CRC_SIZE > MMT_FRAME_MAX)
			break;
		s->h.dt = dt;
		memmove(r->frame + len, s->bytes, s->h.size);
		len += s->h.size;
		prev = MAX(prev, s->tsc);
		n++;
	}
	frame_header(r, n, first);
	r->tail += n;
	r->seq += n;
	pack_frame(r, len);
}

/* Overflow mode: once there is room, say how many events were dropped. */
static void queue_lost(struct trace_ring *r)
{
	struct trace_slot *s;
	struct mmt_lost *l;

	if (r->lost == 0 || r->head - r->tail >= TRACE_RING_SLOTS)
		return;
	s = slot(r, r->head);
	s->tsc = rdtsc();
	l = (struct mmt_lost *) &s->h;
	l->h.type = MMT_LOST;
	l->h.size = sizeof(*l);
	l->count = r->lost;
	r->lost = 0;
	r->head++;
}

/*
 * A drain point: up to batches batches (0: all of them), or a heartbeat
 * if the ring is empty and the CPU has been quiet; interrupts off.
 */
static void drain(struct trace_ring *r, uint batches)
{
	uint64 t0;
	uint n = 0;

	r->draining = 1;
	if (r->tail == r->head) {
		if (rdtsc() - r->last_sent >= heartbeat_cycles) {
			frame_header(r, 0, rdtsc());
			pack_frame(r, sizeof(struct mmt_frame));
			send_batch(r);
		}
	} else {
		do {
			t0 = rdtsc();
			do {
				drain_frame(r);
				queue_lost(r);
			} while (r->tail != r->head && batch_room(r));
			r->pack_cycles += rdtsc() - t0;
			send_batch(r);
		} while (r->tail != r->head && (batches == 0 || ++n < batches));
	}
	r->draining = 0;
}

/* trace_begin found the ring full: wait for room, or drop. */
struct trace_slot *trace_full(struct trace_ring *r)
{
	if (cmdline.overflow) {
		r->dropping = 1;
		return &r->scratch;
	}
	drain(r, TRACE_FULL_BATCHES);
	return slot(r, r->head);
}

/* The idle loop's drain point: one batch, or a heartbeat when quiet. */
void trace_idle(void)
{
	pushcli();
	drain(&mycpu()->trace, 1);
	popcli();
}

/*
 * The timer tick's drain point (interrupts off): a few batches if records
 * are waiting.  A tick never lands inside a drain, which runs with
 * interrupts off.
 */
void trace_tick(void)
{
	struct trace_ring *r = &mycpu()->trace;
	int i = 0;

	if (!trace_ready || !r->slots)
		return;
	do
		drain(r, 1);	/* a heartbeat, if a busy CPU has nothing to say */
	while (++i < TRACE_TICK_BATCHES && r->tail != r->head);
}

/* Has this CPU records waiting to be sent?  (The idle loop asks.) */
int trace_pending(void)
{
	struct trace_ring *r;
	int pending;

	pushcli();
	r = &mycpu()->trace;
	pending = r->tail != r->head;
	popcli();
	return pending;
}

/* Send every record this CPU has queued. */
void trace_flush(void)
{
	pushcli();
	drain(&mycpu()->trace, 0);
	popcli();
}

/*
 * Where this CPU's drains spent their time so far (TSC cycles): packing
 * frames into batches, and waiting for the line to take them; and how
 * many records they sent.  Flushes first, so everything emitted counts.
 */
void trace_drain_cost(uint64 *pack, uint64 *line, uint64 *records)
{
	struct trace_ring *r;

	trace_flush();
	pushcli();
	r = &mycpu()->trace;
	*pack = r->pack_cycles;
	*line = r->line_cycles;
	*records = r->seq;
	popcli();
}

/* Is this CPU inside its drain?  Then a panic must not flush again. */
int trace_busy(void)
{
	return mycpu()->trace.draining;
}

/* Has trace_init run?  Before that nothing may be emitted. */
int trace_started(void)
{
	return trace_ready;
}

/* Give CPU c its ring, before its first record. */
static void ring_init(struct cpu *c)
{
	struct trace_ring *r = &c->trace;

	r->cpu = c->id;
	r->slots = ring_slots[c->id];
	r->frame = frame_buf[c->id];
	r->wire = wire_buf[c->id];
	r->head = r->tail = r->seq = r->lost = r->wire_len = 0;
	r->pack_cycles = r->line_cycles = 0;
	r->last_sent = rdtsc();
}

/*
 * A CPU's first records: it is online, and runs on swapper_pg_dir, in
 * init_mm's mm_cpumask.  The boot CPU announces init_mm before that,
 * since nothing may mention an mm before its MM_ALLOC.
 */
static void cpu_start_records(struct cpu *c)
{
	trace_cpu_online(c->apicid);
	if (c->id == 0)
		init_mm_announce();
	mm_cpu_boot();
}

/* An AP starts tracing (smp.c): its ring, then its first records; interrupts off. */
void trace_cpu_start(struct cpu *c)
{
	ring_init(c);
	cpu_start_records(c);
}

/*
 * A panic: send the records of CPU c, which did not stop when asked
 * (it hangs with interrupts off).  Its ring is sound unless it hangs
 * inside its own drain.
 */
void trace_flush_cpu(struct cpu *c)
{
	struct trace_ring *r = &c->trace;

	if (!r->slots || r->draining) {
		cprintf("die: cpu %d's trace could not be sent\n", c->id);
		return;
	}
	drain(r, 0);
}

/*
 * Start tracing on the boot CPU: CRC table, TSC rate, the line, then the
 * first records of the stream, STREAM, BOOT and this CPU's CPU_ONLINE, sent
 * at once so the host sees the kernel is up.
 */
void trace_init(void)
{
	struct cpu *c = mycpu();

	crc32c_init();
	tsc_khz = tsc_calibrate();
	heartbeat_cycles = (uint64) (tsc_khz ? tsc_khz : TRACE_TSC_KHZ_GUESS) * TRACE_HEARTBEAT_MS;
	trace_line_init();
	cprintf("trace: tsc %u kHz, %d-slot rings, %s mode, on %s\n", tsc_khz, TRACE_RING_SLOTS,
		cmdline.overflow ? "overflow" : "lossless", trace_line_name());

	pushcli();
	ring_init(c);
	trace_stream(cpus_to_start(), TRACE_SHIFT, tsc_khz);	/* first, always */
	trace_boot();
	cpu_start_records(c);
	popcli();
	trace_ready = 1;
	trace_flush();
}
