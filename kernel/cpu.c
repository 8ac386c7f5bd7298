/*
 * cpu.c - per-CPU data and segmentation: each CPU's GDT, TSS and %gs.
 *
 * Segments are flat (base 0, limit 4 GiB) except two per CPU: the TSS,
 * which gives the kernel stack for traps from ring 3, and SEG_KCPU, whose
 * base is the CPU's own struct cpu so that %gs:0 is mycpu().
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "mmu.h"
#include "cpu.h"
#include "cmdline.h"

struct cpu cpus[NCPU];
int ncpu;

/* Encode a segment descriptor; s = 1 for code/data, 0 for system (TSS). */
static segdesc_t segdesc(uint type, uint s, uint base, uint limit, uint dpl)
{
	uint gran = limit > 0xFFFFF;	/* page granularity for big segments */
	uint64 d;

	if (gran)
		limit >>= 12;
	d = limit & 0xFFFF;
	d |= (uint64) (base & 0xFFFFFF) << 16;
	d |= (uint64) type << 40;
	d |= (uint64) s << 44;
	d |= (uint64) dpl << 45;
	d |= (uint64) 1 << 47;				/* present */
	d |= (uint64) ((limit >> 16) & 0xF) << 48;
	d |= (uint64) s << 54;				/* 32-bit code/data */
	d |= (uint64) gran << 55;
	d |= (uint64) (base >> 24) << 56;
	return d;
}

/* Reload every segment register from the GDT just loaded. */
static void loadsegs(void)
{
	asm volatile("ljmp %0, $1f\n1:\n\t"
		     "movw %w1, %%ds\n\t"
		     "movw %w1, %%es\n\t"
		     "movw %w1, %%ss\n\t"
		     "movw %w1, %%fs\n\t"
		     "movw %w2, %%gs"
		     : : "i" (SEG_KCODE << 3), "r" (SEG_KDATA << 3), "r" (SEG_KCPU << 3)
		     : "memory");
}

/*
 * Make c the running CPU's struct cpu, number id: build its GDT, load it
 * with %gs and the task register.  After this mycpu() and cpuid() work.
 */
void seginit(struct cpu *c, int id)
{
	c->self = c;
	c->id = id;
	c->gdt[0] = 0;
	c->gdt[SEG_KCODE] = segdesc(STA_X | STA_R, 1, 0, 0xFFFFFFFF, 0);
	c->gdt[SEG_KDATA] = segdesc(STA_W, 1, 0, 0xFFFFFFFF, 0);
	c->gdt[SEG_UCODE] = segdesc(STA_X | STA_R, 1, 0, 0xFFFFFFFF, DPL_USER);
	c->gdt[SEG_UDATA] = segdesc(STA_W, 1, 0, 0xFFFFFFFF, DPL_USER);
	c->gdt[SEG_TSS] = segdesc(STS_T32A, 0, (uint) &c->ts, sizeof(c->ts) - 1, 0);
	c->gdt[SEG_KCPU] = segdesc(STA_W, 1, (uint) c, sizeof(*c) - 1, 0);

	/* esp0 is set for each task by context_switch (sched.c). */
	c->ts.ss0 = SEG_KDATA << 3;
	c->ts.iomb = 0xFFFF;

	lgdt(c->gdt, sizeof(c->gdt));
	loadsegs();
	ltr(SEG_TSS << 3);
}

/*
 * CPUs that will come online (STREAM.ncpu): as many as smp= asks for,
 * or every CPU the MADT lists, but no more than it lists.
 */
int cpus_to_start(void)
{
	int want = cmdline.smp ? (int) cmdline.smp : ncpu;

	return MIN(want, ncpu);
}
