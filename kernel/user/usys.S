/*
 * usys.S - the system call stubs: the number in %eax, the C arguments
 * (on the stack, cdecl) in %ebx, %ecx, %edx, %esi, %edi, int $0x80.
 * %ebx, %esi and %edi are the caller's (callee-saved): kept around the
 * call.  The result, -errno on failure, is the C return value.
 */
#include "syscall.h"

#define SYSCALL(name)			\
	.globl name;			\
name:					\
	movl	$SYS_ ## name, %eax;	\
	jmp	__syscall

.text
__syscall:
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	16(%esp), %ebx
	movl	20(%esp), %ecx
	movl	24(%esp), %edx
	movl	28(%esp), %esi
	movl	32(%esp), %edi
	int	$0x80
	popl	%edi
	popl	%esi
	popl	%ebx
	ret

/*
 * vfork: the child runs on the parent's stack until it execs or exits,
 * and its own calls overwrite what lies below the parent's stack
 * pointer, this stub's return address included.  So the return address
 * travels in %ecx, which the kernel keeps in each task's trap frame.
 */
.globl vfork
vfork:
	popl	%ecx
	movl	$SYS_vfork, %eax
	int	$0x80
	pushl	%ecx
	ret

SYSCALL(fork)
SYSCALL(clone)
SYSCALL(execve)
SYSCALL(exit)
SYSCALL(wait)
SYSCALL(getpid)
SYSCALL(getppid)
SYSCALL(yield)
SYSCALL(sleep)
SYSCALL(write)
SYSCALL(mark)
SYSCALL(brk)
SYSCALL(mmap)
SYSCALL(munmap)
SYSCALL(kthread)
SYSCALL(kthread_create)
SYSCALL(kthread_start)
SYSCALL(kthread_poke)
SYSCALL(kthread_stop)
SYSCALL(kthread_join)
SYSCALL(park)
SYSCALL(unpark)
SYSCALL(param)
SYSCALL(stat)
SYSCALL(sched_setaffinity)
SYSCALL(sched_getcpu)
SYSCALL(kthread_bind)
SYSCALL(chapter)
