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

/*
 * A new task's first instructions: its struct context (built by
 * copy_thread in fork.c) returns here from swtch with prev in %eax.
 * schedule_tail(prev) finishes the switch; then the word copy_thread
 * put above the context says where to go: trapret, to enter user mode
 * with the trap frame copied from the parent, or kernel_thread_helper.
 */
.globl ret_from_fork
ret_from_fork:
	pushl	%eax
	call	schedule_tail
	addl	$4, %esp
	ret

/*
 * A kernel thread's start: fn and its argument are on the stack
 * (copy_thread); interrupts on, call fn(arg), then do_exit(its result).
 */
.globl kernel_thread_helper
kernel_thread_helper:
	sti
	popl	%eax			/* fn; arg is now on top: fn's argument */
	call	*%eax
	pushl	%eax
	call	do_exit

/* ret_to_user(tf): leave the kernel through the trap frame tf (kernel_execve). */
.globl ret_to_user
ret_to_user:
	movl	4(%esp), %esp
	jmp	trapret
