/*
 * swtch.S - switch kernel stacks: the heart of switch_to.
 *
 *	struct task_struct *swtch(struct context **old, struct context *new,
 *				  struct task_struct *prev);
 *
 * Push the callee-saved registers on the current stack (the C calling
 * convention lets us lose the others), save the stack pointer in *old,
 * load new, pop the same registers from it and return on it.  The
 * registers pushed here, with swtch's return address above them, are
 * struct context (sched.h): change one, change the other.
 *
 * prev rides across in %eax, so the task that resumes learns whom it
 * replaced, as Linux's switch_to(prev, next, last) does; a new task
 * resumes in ret_from_fork (trapasm.S) with it in %eax too.
 */
.globl swtch
swtch:
	movl	4(%esp), %eax		/* old */
	movl	8(%esp), %edx		/* new */
	movl	12(%esp), %ecx		/* prev */

	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi

	movl	%esp, (%eax)
	movl	%edx, %esp

	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	movl	%ecx, %eax
	ret
