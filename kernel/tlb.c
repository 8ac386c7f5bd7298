/*
 * tlb.c - TLB shootdown: flush_tlb_mm_range and flush_tlb_others, as
 * each era's arch/x86/mm/tlb.c does them.
 *
 * When user mappings of an mm go away (munmap, a brk that shrinks,
 * exit_mmap), every CPU that has the mm's page directory loaded (the
 * CPUs in mm_cpumask) may still hold them in its TLB.  The CPU that
 * unmaps first makes the PTEs not present (mmap.c), then calls
 * flush_tlb_mm_range: it flushes its own TLB, posts a request for the
 * other CPUs it must reach, sends them a TLB IPI and waits until each
 * has answered; only then are the pages freed.  Which CPUs it must
 * reach is where the eras differ:
 *
 * 2.6.32 (flush_tlb_mm, flush_tlb_others): every CPU in the mask.  One
 * that is lazy (a kernel thread borrowed the mm) answers with leave_mm:
 * it loads swapper_pg_dir and leaves the mask, so it gets no more
 * shootdowns for the mm, but keeps the mm as active_mm with its
 * reference until its next switch (2.6.32's flush_tlb_func).
 *
 * modern (5.10's flush_tlb_mm_range, native_flush_tlb_others): each
 * flush first bumps the mm's tlb_gen (inc_mm_tlb_gen).  A flush that
 * frees page tables (info->freed_tables: exit_mmap, the only place
 * here that frees them; flush_tlb_mm) still reaches every CPU in the
 * mask, and a lazy one switches to init_mm (leave_mm, as above): it
 * must not keep walking page tables that are freed.  Any other flush
 * reaches only the CPUs that are not lazy (on_each_cpu_cond_mask with
 * tlb_is_not_lazy): a lazy CPU runs kernel code, which never touches
 * the user half, so stale TLB entries there do no harm yet.  It stays
 * in the mask, on the mm, and is left out (TLB_SKIP); if it goes back
 * to a user of the mm, switch_mm compares the mm's tlb_gen with the one
 * its TLB was flushed to (cpu.tlb_gen, 5.10's
 * cpu_tlbstate.ctxs[loaded_mm_asid].tlb_gen; without PCIDs there is
 * one context) and flushes then (mmu_context.c, TLB_CATCHUP).  The
 * sender flushes its own TLB in both eras, lazy or not (5.10's
 * flush_tlb_func_local would switch a lazy sender to init_mm when page
 * tables go; here it keeps the mm loaded, as before, and the page
 * tables it pointed at are gone from its page directory).
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
#include "cmdline.h"
#include "mm.h"
#include "trace.h"

/* A shootdown in progress, in the slot of the CPU that sent it. */
struct tlb_request {
	struct mm_struct *mm;		/* whose mappings went away; set before pending */
	volatile uint pending;		/* CPUs that have not answered (atomic bit operations) */
};

static struct tlb_request tlb_requests[NCPU];

/*
 * Answer the shootdown of mm that CPU from sent; interrupts off.  A
 * lazy CPU leaves the mm (5.10: only a flush that freed page tables
 * reaches it, and it switch_mm_irqs_off()s to init_mm); one that uses
 * the mm flushes, and its TLB is then as new as the mm's tlb_gen.
 */
static void flush_tlb_func(struct mm_struct *mm, int from)
{
	struct cpu *c = mycpu();

	trace_ipi_recv(mm->id, MMT_IPI_TLB, from);
	if (c->loaded_mm != mm)
		return;			/* switched away since: nothing cached */
	if (c->tlbstate == TLBSTATE_LAZY) {
		leave_mm();
		return;
	}
	local_flush_tlb();
	c->tlb_gen = mm->tlb_gen;
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

/* Send the TLB IPI to the CPUs in others and wait for their answers. */
static void flush_tlb_others(struct mm_struct *mm, uint others)
{
	struct tlb_request *r = &tlb_requests[cpuid()];

	r->mm = mm;
	__sync_synchronize();
	r->pending = others;
	send_ipi_mask(others, T_IPI_TLB, MMT_IPI_TLB, mm->id);
	wait_answers(r);
}

/*
 * The CPUs of mask that are lazy: 5.10's tlb_is_not_lazy, which reads
 * each CPU's cpu_tlbstate.is_lazy without a lock.  That is enough: the
 * tlb_gen was bumped (a full barrier) before, and a CPU that stops
 * being lazy sets its state before it reads the tlb_gen (switch_mm), so
 * either we see it busy and send the IPI, or it sees the new tlb_gen.
 */
static uint lazy_cpus(uint mask)
{
	uint lazy = 0;
	int i;

	for (i = 0; i < NCPU; i++)
		if ((mask & (1u << i)) && *(volatile int *) &cpus[i].tlbstate == TLBSTATE_LAZY)
			lazy |= 1u << i;
	return lazy;
}

/* One flush (5.10's struct flush_tlb_info, small). */
struct flush_info {
	struct mm_struct *mm;
	int freed_tables;		/* user page tables go too */
	uint others;			/* the other CPUs it must reach */
};

/*
 * The first half of a flush: bump the tlb_gen (inc_mm_tlb_gen: a full
 * barrier after the PTE changes), flush this CPU's TLB if it has the mm
 * loaded, and choose the other CPUs to reach: every one in mm_cpumask,
 * or in the modern era, when no page table goes, those that are not
 * lazy.  Returns the lazy ones left out; *gen is the new tlb_gen.
 */
static uint flush_local(void *arg, uint *gen)
{
	struct flush_info *f = arg;
	struct cpu *c = mycpu();
	uint lazy;

	*gen = __sync_add_and_fetch(&f->mm->tlb_gen, 1);
	if (c->loaded_mm == f->mm) {
		local_flush_tlb();
		c->tlb_gen = *gen;
	}
	f->others = f->mm->cpu_vm_mask & cpu_online_mask & ~(1u << c->id);
	if (cmdline.era != MMT_ERA_MODERN || f->freed_tables)
		return 0;
	lazy = lazy_cpus(f->others);
	f->others &= ~lazy;
	return lazy;
}

/*
 * Flush mm's user mappings from every TLB that may hold them and must
 * not: this CPU's, and those of the other CPUs in mm_cpumask that the
 * era reaches (the top of this file), waiting for their answers.
 * freed_tables: user page tables go too (5.10's info->freed_tables).
 * Call after making the PTEs not present, before freeing what they
 * mapped.  A CPU that loads the mm later reads the new PTEs.  The first
 * half runs inside the TLB_SKIP record (tracerec.c), stamped before the
 * tlb_gen moves.
 */
void flush_tlb_mm_range(struct mm_struct *mm, int freed_tables)
{
	struct flush_info f = { mm, freed_tables, 0 };

	pushcli();
	trace_tlb_skip(mm->id, flush_local, &f);
	if (f.others)
		flush_tlb_others(mm, f.others);
	popcli();
}

/* The whole mm, page tables included: exit_mmap (5.10's flush_tlb_mm). */
void flush_tlb_mm(struct mm_struct *mm)
{
	flush_tlb_mm_range(mm, 1);
}
