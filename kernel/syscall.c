/*
 * syscall.c - int 0x80: fetch the arguments from the trap frame, call
 * the handler from the table (numbers in syscall.h), put the result in
 * %eax.  An unknown number is -ENOSYS.
 */
#include "types.h"
#include "defs.h"
#include "errno.h"
#include "x86.h"
#include "sched.h"
#include "syscall.h"

/*
 * Every handler is called with the five argument registers, as words;
 * it declares those it uses.  With cdecl the caller pops the arguments,
 * so the extra ones are harmless (the cast through void (*)(void) says
 * the mismatch is meant).
 */
typedef long (*syscall_t)(uint, uint, uint, uint, uint);

#define SYS(name)	[SYS_##name] = (syscall_t) (void (*)(void)) sys_##name

static const syscall_t syscalls[NSYSCALLS] = {
	SYS(fork), SYS(vfork), SYS(clone), SYS(execve), SYS(exit), SYS(wait),
	SYS(getpid), SYS(getppid), SYS(yield), SYS(sleep), SYS(write), SYS(mark),
	SYS(brk), SYS(mmap), SYS(munmap),
	SYS(kthread), SYS(kthread_create), SYS(kthread_start), SYS(kthread_poke),
	SYS(kthread_stop), SYS(kthread_join), SYS(park), SYS(unpark),
	SYS(param), SYS(stat), SYS(sched_setaffinity), SYS(sched_getcpu), SYS(kthread_bind),
	SYS(chapter),
};

void syscall(struct trapframe *tf)
{
	uint n = tf->eax;

	if (n < NSYSCALLS && syscalls[n])
		tf->eax = syscalls[n](tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi);
	else
		tf->eax = -ENOSYS;
}
