/*
 * trapasm.S - the common path of every interrupt and exception.
 *
 * The vector stubs (vectors.S, from vectors.py) push an error code and the
 * vector number; alltraps pushes the segment registers and pushal, which
 * completes a struct trapframe (x86.h mirrors this layout), loads the
 * kernel's data segments and this CPU's %gs, and calls trap(tf).
 */
#include "mmu.h"

.globl alltraps
alltraps:
	/* build the trap frame */
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	pushal

	/* kernel data segments; %gs selects this CPU's struct cpu */
	movw	$(SEG_KDATA << 3), %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	$(SEG_KCPU << 3), %ax
	movw	%ax, %gs

	pushl	%esp			/* trap(tf), tf = %esp */
	call	trap
	addl	$4, %esp

	/* return falls through to trapret */
.globl trapret
trapret:
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp		/* trapno and err */
	iret
