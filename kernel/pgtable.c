/*
 * pgtable.c - page directories: pgd_alloc and pgd_free (Linux's
 * arch/x86/mm/pgtable.c).
 *
 * A new page directory has an empty user half and the kernel half of
 * swapper_pg_dir (PDEs 768..1023): every mm shares the kernel's page
 * tables, which never change after kvminit (vm.c).  A freed page
 * directory is poisoned and kept in a quarantine for PGD_QUARANTINE more
 * frees before kfree: a CPU still running on it (a missing reference)
 * would then fault at once or leave marks the poison check catches,
 * instead of running on a page someone else reuses.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "memlayout.h"
#include "mmu.h"
#include "spinlock.h"
#include "slab.h"

static struct {
	struct spinlock lock;
	/* lock held: */
	pde_t *pgds[PGD_QUARANTINE];	/* freed, oldest at head */
	uint head;
	uint len;
} quarantine = { .lock = { .name = "pgd_quarantine" } };

pde_t *pgd_alloc(void)
{
	pde_t *pgd = kalloc();

	if (!pgd)
		return 0;
	memset(pgd, 0, KERN_PDE_FIRST * sizeof(pde_t));
	memmove(pgd + KERN_PDE_FIRST, swapper_pg_dir + KERN_PDE_FIRST,
		(NPDENTRIES - KERN_PDE_FIRST) * sizeof(pde_t));
	return pgd;
}

/* Check the oldest quarantined directory's poison and give it back; lock held. */
static void evict(void)
{
	pde_t *pgd = quarantine.pgds[quarantine.head];
	int off = check_poison(pgd, PGSIZE);

	if (off >= 0)
		panic("pgd 0x%x written after free (+%d)", V2P(pgd), off);
	quarantine.head = (quarantine.head + 1) % PGD_QUARANTINE;
	quarantine.len--;
	kfree(pgd);
}

void pgd_free(pde_t *pgd)
{
	memset(pgd, POISON_FREE, PGSIZE);
	acquire(&quarantine.lock);
	if (quarantine.len == PGD_QUARANTINE)
		evict();
	quarantine.pgds[(quarantine.head + quarantine.len++) % PGD_QUARANTINE] = pgd;
	release(&quarantine.lock);
}

/* End of a run: every quarantined directory checked and freed. */
void pgd_quarantine_drain(void)
{
	acquire(&quarantine.lock);
	while (quarantine.len > 0)
		evict();
	release(&quarantine.lock);
}
