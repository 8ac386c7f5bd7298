/*
 * memlayout.h - the kernel's address map.
 *
 *   virtual                          physical
 *   0x00000000..KERNBASE             user space of the current mm (mmap.c):
 *     USER_BASE..                      program text, data, bss, then the heap
 *     MMAP_BASE..                      mmap() regions
 *     ..KERNBASE                       the stack (USTACK_PAGES)
 *   KERNBASE..KERNBASE+EXTMEM        0..EXTMEM: BIOS data, the AP trampoline at
 *                                      TRAMPOLINE_PA, EBDA, VGA, ROMs
 *   KERNLINK..data                   kernel text and read-only data
 *   data..KERNBASE+phystop           kernel data, bss, then free pages
 *   DEVSPACE..4 GiB                  MMIO (local APIC, IOAPIC) at VA == PA
 *
 * The direct map covers physical memory up to phystop, which kinit() reads
 * from the multiboot memory map and caps at PHYSTOP_MAX (896 MiB, Linux's
 * lowmem limit on i386) so that it ends below DEVSPACE.
 */
#ifndef KERNEL_MEMLAYOUT_H
#define KERNEL_MEMLAYOUT_H

#define USER_BASE	0x08048000	/* user programs are linked here (kernel/user/user.ld) */
#define MMAP_BASE	0x40000000	/* mmap() places regions from here up */

#define TRAMPOLINE_PA	0x00007000	/* APs start here in real mode (smp.c): page-aligned, below 64 KiB */
#define EXTMEM		0x00100000	/* start of extended memory: the kernel is loaded here */
#define KERNBASE	0xC0000000	/* first kernel virtual address */
#define KERNLINK	(KERNBASE + EXTMEM)	/* address the kernel is linked at */
#define PHYSTOP_MAX	0x38000000	/* direct map ends at or below 896 MiB */
#define DEVSPACE	0xFE000000	/* MMIO above here is mapped at VA == PA */

#define LAPIC_DEFAULT	0xFEE00000	/* local APIC, when the MADT does not say */
#define IOAPIC_DEFAULT	0xFEC00000	/* IOAPIC, when the MADT does not say */

#define V2P_WO(x)	((x) - KERNBASE)	/* same as V2P, for assembly */
#define P2V_WO(x)	((x) + KERNBASE)	/* same as P2V, for assembly */

#ifndef __ASSEMBLER__
#define V2P(a)		(((uint) (a)) - KERNBASE)
#define P2V(a)		((void *) (((char *) (a)) + KERNBASE))

extern uint phystop;			/* end of the direct map (kalloc.c) */
#endif

#endif /* KERNEL_MEMLAYOUT_H */
