/*
 * entry.S - the kernel starts here, on the boot CPU, with paging off.
 *
 * A multiboot v1 loader (qemu-system-i386 -kernel, GRUB) loads the ELF at
 * its physical addresses (1 MiB up) and jumps to _start in 32-bit
 * protected mode with %eax = MULTIBOOT_BOOTLOADER_MAGIC and %ebx = the
 * physical address of the multiboot info.  We turn on paging with
 * entrypgdir, which maps the kernel where it is linked (KERNBASE up), move
 * to the boot stack there, and call main(magic, mbi) at its high address.
 * main() soon replaces entrypgdir with swapper_pg_dir (vm.c).
 */
#include "memlayout.h"
#include "mmu.h"
#include "param.h"
#include "multiboot.h"

/* The multiboot header: the loader looks for it in the first 8 KiB. */
.section .multiboot, "a"
.p2align 2
multiboot_header:
	.long MULTIBOOT_HEADER_MAGIC
	.long MULTIBOOT_HEADER_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

/* The ELF entry point is the physical address of entry: paging is off. */
.globl _start
_start = V2P_WO(entry)

.text
.globl entry
entry:
	movl	%eax, %esi		/* multiboot magic */
	movl	%ebx, %edi		/* physical address of the multiboot info */

	/* 4 MiB pages, for entrypgdir */
	movl	%cr4, %eax
	orl	$(CR4_PSE), %eax
	movl	%eax, %cr4
	movl	$(V2P_WO(entrypgdir)), %eax
	movl	%eax, %cr3
	/* paging on; write protection applies to the kernel too */
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP), %eax
	movl	%eax, %cr0

	/* Still running at low addresses: jump through a register to go high. */
	movl	$(boot_stack + KSTACKSIZE), %esp
	xorl	%ebp, %ebp		/* the end of every backtrace */
	pushl	%edi
	pushl	%esi
	pushl	$0			/* main() does not return */
	movl	$main, %eax
	jmp	*%eax

/*
 * The boot page directory: 4 MiB pages mapping virtual [0, 4 MiB) (the
 * code above runs there until the jump) and [KERNBASE, KERNBASE +
 * PHYSTOP_MAX) to physical [0, ...), so main() reaches all of memory,
 * the multiboot info and the ACPI tables before swapper_pg_dir exists.
 * The APs start on it too (trampoline.S).
 */
.data
.p2align PTXSHIFT
.globl entrypgdir
entrypgdir:
	.long	0 | PTE_P | PTE_W | PTE_PS
	.fill	KERN_PDE_FIRST - 1, 4, 0
	.set	pde, 0
	.rept	PHYSTOP_MAX >> PDXSHIFT
	.long	(pde << PDXSHIFT) | PTE_P | PTE_W | PTE_PS
	.set	pde, pde + 1
	.endr
	.fill	NPDENTRIES - KERN_PDE_FIRST - (PHYSTOP_MAX >> PDXSHIFT), 4, 0

/* The boot CPU's stack, which becomes its idle task's kernel stack. */
.bss
.p2align PTXSHIFT
.globl boot_stack
boot_stack:
	.space	KSTACKSIZE
