/*
 * vm.c - the kernel's page directory, swapper_pg_dir, and the page table
 * walk that user mappings (mmap.c, uaccess.c) use too.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "memlayout.h"
#include "mmu.h"
#include "x86.h"

extern char data[];	/* start of kernel data: text and rodata end here (kernel.ld) */

/*
 * swapper_pg_dir: the page directory of init_mm, which the kernel runs on
 * when no user mm is loaded.  Its user half is empty.
 *
 * INVARIANT: the kernel half (PDEs KERN_PDE_FIRST..1023) is complete when
 * kvminit() returns and never changes afterwards: every kernel page table
 * is allocated here, at boot.  Every mm's page directory (pgd_alloc) copies
 * these 256 PDEs, so all mms share the kernel's page tables; a kernel
 * page table added later would be missing from every existing mm, so
 * walkpgdir() panics if asked for one once kvminit() is done.
 */
pde_t swapper_pg_dir[NPDENTRIES] __attribute__((aligned(PGSIZE)));
static int kernel_half_done;	/* kvminit() has finished */

/*
 * The PTE for va in pgdir; with alloc, make the page table if missing.
 * 0 if missing and !alloc, or out of memory.  For a user address the
 * caller holds the mm's mmap_lock.
 */
pte_t *walkpgdir(pde_t *pgdir, uint va, int alloc)
{
	pde_t *pde = &pgdir[PDX(va)];
	pte_t *pgtab;

	if (*pde & PTE_P)
		return (pte_t *) P2V(PTE_ADDR(*pde)) + PTX(va);
	if (!alloc)
		return 0;
	if (pgdir == swapper_pg_dir && kernel_half_done)
		panic("walkpgdir: new kernel page table for 0x%x after kvminit", va);
	if ((pgtab = kalloc()) == 0)
		return 0;
	memset(pgtab, 0, PGSIZE);
	/* Permissions are decided in the PTEs; PDEs are generous. */
	*pde = V2P(pgtab) | PTE_P | PTE_W | (va < KERNBASE ? PTE_U : 0);
	return pgtab + PTX(va);
}

/* Map [va, va+size) to [pa, pa+size) with perm; both page-aligned. */
int mappages(pde_t *pgdir, uint va, uint size, uint pa, uint perm)
{
	uint a = va, last = va + size - PGSIZE;
	pte_t *pte;

	for (;;) {
		if ((pte = walkpgdir(pgdir, a, 1)) == 0)
			return -1;
		if (*pte & PTE_P)
			panic("mappages: remap of 0x%x", a);
		*pte = pa | perm | PTE_P;
		if (a == last)
			break;
		a += PGSIZE;
		pa += PGSIZE;
	}
	return 0;
}

/* One MMIO page at VA == PA, uncached; it must lie in DEVSPACE. */
static void map_mmio(const char *what, uint pa)
{
	pte_t *pte;

	pa = PGROUNDDOWN(pa);
	if (pa < DEVSPACE)
		panic("kvminit: %s at 0x%x is below DEVSPACE 0x%x", what, pa, DEVSPACE);
	if ((pte = walkpgdir(swapper_pg_dir, pa, 1)) == 0)
		panic("kvminit: out of memory mapping the %s", what);
	if (!(*pte & PTE_P))	/* else it shares a page with one mapped already */
		*pte = pa | PTE_P | PTE_W | PTE_PCD | PTE_PWT;
}

/*
 * Build swapper_pg_dir: the direct map of physical [0, phystop) at
 * KERNBASE with 4 KiB pages (kernel text and rodata read-only), and the
 * local APIC and IOAPIC pages.  Page tables come from kalloc().
 */
void kvminit(void)
{
	const struct {
		uint va, pa, pend, perm;
	} kmap[] = {
		{ KERNBASE, 0, EXTMEM, PTE_W },			/* BIOS, VGA, ROMs */
		{ KERNLINK, V2P(KERNLINK), V2P(data), 0 },	/* text, rodata */
		{ (uint) data, V2P(data), phystop, PTE_W },	/* data, free pages */
	};
	uint i;

	for (i = 0; i < NELEM(kmap); i++)
		if (mappages(swapper_pg_dir, kmap[i].va, kmap[i].pend - kmap[i].pa,
			     kmap[i].pa, kmap[i].perm) < 0)
			panic("kvminit: out of memory for the direct map");
	map_mmio("local APIC", lapic_pa);
	map_mmio("IOAPIC", ioapic_pa);
	kernel_half_done = 1;
	cprintf("vm: swapper_pg_dir at 0x%x maps %u MiB at 0x%x\n",
		V2P(swapper_pg_dir), phystop >> 20, KERNBASE);
}

/* Load swapper_pg_dir: the kernel's own address space, no user mappings. */
void switchkvm(void)
{
	lcr3(V2P(swapper_pg_dir));
}
