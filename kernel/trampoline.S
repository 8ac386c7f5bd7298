/*
 * trampoline.S - where an AP (a CPU other than the boot CPU) starts.
 *
 * The startup IPI starts an AP in real mode at CS:IP = XX00:0000, where
 * XX is the page number the boot CPU sent (lapic_startap).  smp.c copies
 * this code to TRAMPOLINE_PA, below 64 KiB so that it runs with DS = 0,
 * fills in trampoline_args for the AP it starts, and sends the page.
 * The AP clears CR0.CD and CR0.NW (INIT leaves its caches off), enters
 * protected mode on the tiny GDT below, turns on paging with entrypgdir
 * (entry.S: 4 MiB pages, the low 4 MiB mapped where they are), and
 * jumps to the high address mpenter(cpu) on the stack it was given.
 *
 * The code runs at its copy's addresses, not where it is linked: every
 * absolute address goes through TRAMP().  Like xv6's entryother.S.
 */
#include "memlayout.h"
#include "mmu.h"

#define TRAMP(x)	((x) - trampoline + TRAMPOLINE_PA)

	.section .rodata
	.p2align 4
	.globl	trampoline
trampoline:
	.code16
	cli
	cld
	xorw	%ax, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	lgdtl	TRAMP(tgdtdesc)
	movl	%cr0, %eax
	andl	$~(CR0_CD | CR0_NW), %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$(SEG_KCODE << 3), $TRAMP(start32)

	.code32
start32:
	movw	$(SEG_KDATA << 3), %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	xorw	%ax, %ax
	movw	%ax, %fs
	movw	%ax, %gs

	/* entrypgdir's 4 MiB pages, then paging on */
	movl	%cr4, %eax
	orl	$CR4_PSE, %eax
	movl	%eax, %cr4
	movl	TRAMP(ta_pgdir), %eax
	movl	%eax, %cr3
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP), %eax
	movl	%eax, %cr0

	/* mpenter(cpu) on the AP's idle stack; it never returns */
	movl	TRAMP(ta_stack), %esp
	xorl	%ebp, %ebp		/* the end of every backtrace */
	pushl	TRAMP(ta_cpu)
	pushl	$0
	jmp	*TRAMP(ta_entry)

/* flat code and data segments at the kernel's selectors, SEG_KCODE and SEG_KDATA */
	.p2align 3
tgdt:
	.quad	0
	.quad	0x00cf9a000000ffff	/* code: base 0, 4 GiB, read/execute, 32-bit */
	.quad	0x00cf92000000ffff	/* data: base 0, 4 GiB, read/write */
tgdtdesc:
	.word	tgdtdesc - tgdt - 1
	.long	TRAMP(tgdt)

/* struct trampoline_args (smp.c): filled in for each AP */
	.p2align 2
	.globl	trampoline_args
trampoline_args:
ta_pgdir:
	.long	0			/* physical address of entrypgdir */
ta_stack:
	.long	0			/* top of the AP's idle stack */
ta_entry:
	.long	0			/* mpenter */
ta_cpu:
	.long	0			/* its struct cpu */
	.globl	trampoline_end
trampoline_end:
