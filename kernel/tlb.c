/*
 * tlb.c - TLB shootdown (Linux's flush_tlb_mm and flush_tlb_others).
 *
 * When user mappings of an mm go away (munmap, a brk that shrinks,
 * exit_mmap), every CPU that has the mm's page directory loaded (the
 * CPUs in mm_cpumask) may still hold them in its TLB.  The CPU that
 * unmaps first makes the PTEs not present (mmap.c), then calls
 * flush_tlb_mm: it flushes its own TLB, posts a request for each other
 * CPU in the mask, sends them a TLB IPI and waits until each has
 * answered; only then are the pages freed.  A CPU answers (IPI_RECV)
 * by flushing its TLB if its current task uses the mm, or, if it is
 * lazy (a kernel thread borrowed the mm), by leave_mm: it loads
 * swapper_pg_dir and leaves the mask, so it gets no more shootdowns for
 * the mm, but keeps the mm as active_mm with its reference until its
 * next switch (x86's lazy TLB, 2.6.32's flush_tlb_func).
 *
 * The sender waits with interrupts off (it holds the mm's mmap_lock),
 * so it answers requests for itself meanwhile (tlb_poll), and so does
 * every CPU spinning on a lock (smp_poll): no two CPUs wait for each
 * other for ever.  Each CPU has one request slot: it sends one
 * shootdown at a time.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "traps.h"
#include "atomic.h"
#include "cpu.h"
#include "mm.h"
#include "trace.h"

/* A shootdown in progress, in the slot of the CPU that sent it. */
struct tlb_request {
	struct mm_struct *mm;		/* whose mappings went away; set before pending */
	volatile uint pending;		/* CPUs that have not answered (atomic bit operations) */
};

static struct tlb_request tlb_requests[NCPU];

/* Answer the shootdown of mm that CPU from sent; interrupts off. */
static void flush_tlb_func(struct mm_struct *mm, int from)
{
	struct cpu *c = mycpu();

	trace_ipi_recv(mm->id, MMT_IPI_TLB, from);
	if (c->loaded_mm != mm)
		return;			/* switched away since: nothing cached */
	if (c->tlbstate == TLBSTATE_LAZY)
		leave_mm();
	else
		local_flush_tlb();
}

/* Answer every shootdown that waits for this CPU; interrupts off. */
void tlb_poll(void)
{
	int me = cpuid(), from;
	struct tlb_request *r;

	for (from = 0; from < NCPU; from++) {
		r = &tlb_requests[from];
		if (!(r->pending & (1u << me)))
			continue;
		flush_tlb_func(r->mm, from);
		clear_bit(me, &r->pending);
	}
}

/* Wait until every CPU in r->pending has answered, or bark. */
static void wait_answers(struct tlb_request *r)
{
	uint64 t0 = rdtsc(), deadline = watchdog_deadline();
	uint pending;
	int i;

	while ((pending = r->pending) != 0) {
		pause();
		smp_poll();
		if (rdtsc() > deadline) {
			for (i = 0; !(pending & (1u << i)); i++)
				;
			watchdog_bark(t0, "cpu %d's TLB answer (mm %u)", i, r->mm->id);
		}
	}
}

/*
 * Flush mm's user mappings from every TLB that may hold them: this
 * CPU's, and those of the other CPUs in mm_cpumask, waiting for their
 * answers.  Call after making the PTEs not present, before freeing
 * what they mapped.  A CPU that loads the mm later reads the new PTEs.
 */
void flush_tlb_mm(struct mm_struct *mm)
{
	struct tlb_request *r;
	uint others;

	pushcli();
	if (mycpu()->loaded_mm == mm)
		local_flush_tlb();
	others = mm->cpu_vm_mask & cpu_online_mask & ~(1u << cpuid());
	if (others) {
		r = &tlb_requests[cpuid()];
		r->mm = mm;
		__sync_synchronize();
		r->pending = others;
		send_ipi_mask(others, T_IPI_TLB, MMT_IPI_TLB, mm->id);
		wait_answers(r);
	}
	popcli();
}
