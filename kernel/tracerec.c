/*
 * tracerec.c - one function per record type the kernel emits, and the
 * emit-cost measurement.  Each fills every field of its record, padding
 * included (ring slots are reused).  Texts are cut to what fits in
 * MMT_REC_MAX; they are not NUL-terminated on the wire.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "cpu.h"
#include "cmdline.h"
#include "mm.h"
#include "trace.h"

#define NT_GNU_BUILD_ID	3

extern char __build_id_start[], __build_id_end[];

/* The GNU build-id note, as ld lays it out (kernel.ld keeps it loaded). */
struct build_id_note {
	uint32 namesz;		/* 4: "GNU\0" */
	uint32 descsz;		/* 20 for sha1 */
	uint32 type;		/* NT_GNU_BUILD_ID */
	char name[4];
	uchar desc[];		/* the build id */
};

/* Copy the kernel's own build id into id; zeros if the note is missing. */
static void read_build_id(uchar id[MMT_BUILD_ID_SIZE])
{
	const struct build_id_note *n = (const void *) __build_id_start;
	uint size = __build_id_end - __build_id_start;

	memset(id, 0, MMT_BUILD_ID_SIZE);
	if (size < sizeof(*n) || n->type != NT_GNU_BUILD_ID || memcmp(n->name, "GNU", 4) != 0 ||
	    sizeof(*n) + n->descsz > size) {
		cprintf("trace: no GNU build id note in the kernel; STREAM.build_id is zero\n");
		return;
	}
	memmove(id, n->desc, MIN(n->descsz, MMT_BUILD_ID_SIZE));
}

/* Emit the record whose fixed part is rec (fsize bytes) with text after it. */
static void emit_text(uint type, const void *rec, uint fsize, const char *text)
{
	uint len = strnlen(text, MMT_REC_MAX - fsize);
	uchar *p = trace_begin(type, fsize + len);

	memmove(p + sizeof(struct mmt_rec), (const uchar *) rec + sizeof(struct mmt_rec),
		fsize - sizeof(struct mmt_rec));
	memmove(p + fsize, text, len);
	trace_end();
}

void trace_stream(uint ncpu, uint shift, uint khz)
{
	struct mmt_stream *s = trace_begin(MMT_STREAM, sizeof(*s));

	s->magic = MMT_STREAM_MAGIC;
	s->version = MMT_VERSION;
	s->ncpu = ncpu;
	s->tsc_shift = shift;
	s->tsc_khz = khz;
	read_build_id(s->build_id);
	s->minor = MMT_VERSION_MINOR;
	s->pad = 0;
	trace_end();
}

uint boot_free_pages;			/* BOOT.free_pages */

/*
 * The kernel's configuration; free_pages is what the scenario starts
 * with: nothing allocates a page between here and the first task
 * (scenario_select checks), so END.free_start is the same count.
 */
void trace_boot(void)
{
	struct mmt_boot *b = trace_begin(MMT_BOOT, sizeof(*b));

	b->era = cmdline.era;
	b->bug = cmdline.bug;
	b->smp = cmdline.smp;
	b->flags = cmdline.overflow ? MMT_BOOT_OVERFLOW : 0;
	b->mem_pages = totalram_pages;
	b->free_pages = boot_free_pages = nr_free_pages();
	b->hz = HZ;
	memset(b->scenario, 0, sizeof(b->scenario));
	memmove(b->scenario, cmdline.scenario, strnlen(cmdline.scenario, MMT_SCEN_NAME));
	trace_end();
}

void trace_cpu_online(uint apicid)
{
	struct mmt_cpu_online *o = trace_begin(MMT_CPU_ONLINE, sizeof(*o));

	o->apic_id = apicid;
	o->pad0 = 0;
	o->pad1 = 0;
	trace_end();
}

void trace_cr3_load(uint mm, uint reason, uint pgd)
{
	struct mmt_cr3_load *l = trace_begin(MMT_CR3_LOAD, sizeof(*l));

	l->mm = mm;
	l->reason = reason;
	l->pad = 0;
	l->pgd = pgd;
	trace_end();
}

void trace_leave_mm(uint mm)
{
	struct mmt_leave_mm *l = trace_begin(MMT_LEAVE_MM, sizeof(*l));

	l->mm = mm;
	l->pad = 0;
	trace_end();
}

void trace_ipi_send(uint cpumask, uint mm, uint ipi)
{
	struct mmt_ipi_send *i = trace_begin(MMT_IPI_SEND, sizeof(*i));

	i->cpumask = cpumask;
	i->mm = mm;
	i->ipi = ipi;
	i->pad = 0;
	trace_end();
}

void trace_ipi_recv(uint mm, uint ipi, uint from_cpu)
{
	struct mmt_ipi_recv *i = trace_begin(MMT_IPI_RECV, sizeof(*i));

	i->mm = mm;
	i->ipi = ipi;
	i->from_cpu = from_cpu;
	trace_end();
}

/*
 * The TLB_SKIP of a flush of mm: the record is stamped first, then
 * flush(arg, &tlb_gen) bumps the mm's tlb_gen, flushes this CPU and
 * returns the lazy CPUs it leaves out.  So whatever another CPU does
 * once it has read the new tlb_gen (a CR3 write, a catch-up) comes after
 * the skip in time, however long this CPU is held up in between.  No
 * record if nobody is left out.  Returns who is.
 */
uint trace_tlb_skip(uint mm, uint (*flush)(void *arg, uint *tlb_gen), void *arg)
{
	struct mmt_tlb_skip *t = trace_begin(MMT_TLB_SKIP, sizeof(*t));
	uint gen, skipped = flush(arg, &gen);

	if (skipped == 0) {
		trace_cancel();
		return 0;
	}
	t->cpumask = skipped;
	t->mm = mm;
	t->pad = 0;
	t->tlb_gen = gen;
	trace_end();
	return skipped;
}

void trace_tlb_catchup(uint mm, uint local_gen, uint tlb_gen)
{
	struct mmt_tlb_catchup *t = trace_begin(MMT_TLB_CATCHUP, sizeof(*t));

	t->mm = mm;
	t->pad = 0;
	t->local_gen = local_gen;
	t->tlb_gen = tlb_gen;
	trace_end();
}

/*
 * Narration: text up to MMT_TEXT_MAX bytes; chapter n of chapters when
 * the mark starts one (0: a plain mark).  Copied and measured in one
 * pass, the size fixed afterwards: flood makes this the hot path.
 */
void trace_mark(uint pid, uint chapter, uint chapters, const char *text)
{
	struct mmt_mark *m = trace_begin(MMT_MARK, sizeof(*m));
	char *t = (char *) (m + 1);
	uint len;

	m->pid = pid;
	m->chapter = chapter;
	m->chapters = chapters;
	for (len = 0; len < MMT_TEXT_MAX && text[len]; len++)
		t[len] = text[len];
	m->h.size = sizeof(*m) + len;
	trace_end();
}

/* How much of p (len bytes) goes in one record: up to a space or | if one is near. */
static uint msg_chunk(const char *p, uint len, uint room)
{
	uint cut;

	if (len <= room)
		return len;
	for (cut = room; cut > room / 2; cut--)
		if (p[cut - 1] == ' ' || p[cut - 1] == '|')
			return cut;
	return room;
}

/*
 * A console message worth keeping.  Longer than one record holds, it
 * goes out as several MSG records, split after a space where possible.
 */
void trace_msg(uint level, const char *fmt, ...)
{
	struct mmt_msg m = { .level = level };
	char buf[4 * (MMT_REC_MAX - sizeof(struct mmt_msg)) + 1], *p = buf, save;
	uint len, cut;
	va_list ap;

	va_start(ap, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	while (len > 0) {
		cut = msg_chunk(p, len, MMT_REC_MAX - sizeof(m));
		save = p[cut];
		p[cut] = 0;
		emit_text(MMT_MSG, &m, sizeof(m), p);
		p[cut] = save;
		p += cut;
		len -= cut;
	}
}

void trace_stat(const char *name, uint64 value)
{
	struct mmt_stat s = { .pad = 0, .value = value };

	emit_text(MMT_STAT, &s, sizeof(s), name);
}

void trace_panic(uint eip, uint trapno, uint pid, const char *msg)
{
	struct mmt_panic p = { .eip = eip, .trapno = trapno, .pid = pid };

	emit_text(MMT_PANIC, &p, sizeof(p), msg);
}

void trace_run_end(uint status, uint tasks, uint mms, uint free_start, uint free_end,
		   const char *text)
{
	struct mmt_end e = {
		.status = status, .tasks = tasks, .mms = mms,
		.free_start = free_start, .free_end = free_end,
	};

	emit_text(MMT_END, &e, sizeof(e), text);
}

/*
 * What a trace_mark() of a 16-byte record costs when the ring has room,
 * in TSC cycles x100: the fastest of EMIT_COST_ROUNDS loops of n emits,
 * minus the fastest of the same loop without the emit.  The probes are
 * taken back out of the ring: they were never numbered, so the stream
 * does not show them.  Interrupts are off meanwhile, so nothing else
 * emits, and the emit's own pushcli/popcli never has to sti.
 */
void trace_emit_cost(uint n, uint64 *emit_x100, uint64 *loop_x100)
{
	uint64 t0, best_emit = ~0ULL, best_loop = ~0ULL;
	struct trace_ring *r;
	uint i, round, head;

	trace_flush();
	pushcli();
	r = &mycpu()->trace;
	n = MIN(n, TRACE_RING_SLOTS - (r->head - r->tail));
	for (round = 0; round < EMIT_COST_ROUNDS; round++) {
		head = r->head;
		t0 = rdtsc();
		for (i = 0; i < n; i++)
			trace_mark(0, 0, 0, "emitcost");
		best_emit = MIN(best_emit, rdtsc() - t0);
		r->head = head;
		t0 = rdtsc();
		for (i = 0; i < n; i++)
			asm volatile("" : : "r" ("emitcost") : "memory");
		best_loop = MIN(best_loop, rdtsc() - t0);
	}
	popcli();
	*emit_x100 = best_emit > best_loop ? (best_emit - best_loop) * 100 / n : 0;
	*loop_x100 = best_loop * 100 / n;
}

/*
 * What tracing adds to a real reference operation, in TSC cycles x100
 * per operation: the fastest of EMIT_COST_ROUNDS loops of n mmgrab +
 * mmdrop pairs on init_mm with tracing on, and the same with tracing off
 * (mm_ref skips its MM_REF).  The records are taken back out of the ring,
 * like trace_emit_cost's probes, and the pairs leave init_mm's count as
 * it was.
 */
void trace_ref_cost(uint n, uint64 *on_x100, uint64 *off_x100)
{
	uint64 t0, best_on = ~0ULL, best_off = ~0ULL;
	struct trace_ring *r;
	uint i, round, head;

	trace_flush();
	pushcli();
	r = &mycpu()->trace;
	n = MIN(n, (TRACE_RING_SLOTS - (r->head - r->tail)) / 2);
	for (round = 0; round < EMIT_COST_ROUNDS; round++) {
		head = r->head;
		t0 = rdtsc();
		for (i = 0; i < n; i++) {
			mmgrab(&init_mm, 0);
			mmdrop(&init_mm, 0);
		}
		best_on = MIN(best_on, rdtsc() - t0);
		r->head = head;
		tracing_on = 0;
		t0 = rdtsc();
		for (i = 0; i < n; i++) {
			mmgrab(&init_mm, 0);
			mmdrop(&init_mm, 0);
		}
		best_off = MIN(best_off, rdtsc() - t0);
		tracing_on = 1;
	}
	popcli();
	*on_x100 = best_on * 100 / (2 * n);
	*off_x100 = best_off * 100 / (2 * n);
}
