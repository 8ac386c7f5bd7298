/*
 * syscall.h - the system call table's numbers, and the constants user
 * programs share with the kernel.  Shared by C and assembly (usys.S).
 *
 * Calling convention: int $0x80 with the number in %eax and up to five
 * arguments in %ebx, %ecx, %edx, %esi, %edi; the result comes back in
 * %eax, -errno (errno.h) on failure.  The numbers are this kernel's own.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#define SYS_fork		1	/* fork() */
#define SYS_vfork		2	/* vfork(): CLONE_VM | CLONE_VFORK */
#define SYS_clone		3	/* clone(flags, stack, fn, arg) */
#define SYS_execve		4	/* execve(name): a program built into the kernel */
#define SYS_exit		5	/* exit(code) */
#define SYS_wait		6	/* wait(pid or -1, &status) */
#define SYS_getpid		7	/* getpid() */
#define SYS_getppid		8	/* getppid() */
#define SYS_yield		9	/* yield(): to the back of the runqueue */
#define SYS_sleep		10	/* sleep(ms): at least ms, in timer ticks */
#define SYS_write		11	/* write(fd 1 or 2, buf, n): to COM1 */
#define SYS_mark		12	/* mark(text): a MARK record */
#define SYS_brk			13	/* brk(addr): the heap's end; brk(0) reads it */
#define SYS_mmap		14	/* mmap(len): anonymous, read-write */
#define SYS_munmap		15	/* munmap(addr, len) */
#define SYS_kthread		16	/* kthread(kind, arg, arg2): create and start */
#define SYS_kthread_create	17	/* kthread_create(kind, arg, arg2): created, not started */
#define SYS_kthread_start	18	/* kthread_start(pid): wake_up_process */
#define SYS_kthread_poke	19	/* kthread_poke(pid): wake the thread's wait queue */
#define SYS_kthread_stop	20	/* kthread_stop(pid): stop it, its result */
#define SYS_kthread_join	21	/* kthread_join(pid): wait for its end, its result */
#define SYS_park		22	/* park(): sleep until unpark(me) */
#define SYS_unpark		23	/* unpark(pid) */
#define SYS_param		24	/* param(PARAM_*): a kernel figure */
#define SYS_stat		25	/* stat(name, value): a STAT record */
#define SYS_sched_setaffinity	26	/* sched_setaffinity(pid or 0, cpumask): where it may run */
#define SYS_sched_getcpu	27	/* sched_getcpu(): the CPU the caller runs on */
#define SYS_kthread_bind	28	/* kthread_bind(pid, cpu): a created thread runs only there */
#define SYS_chapter		29	/* chapter(n, total, text): a MARK that starts chapter n */
#define NSYSCALLS		30

/* clone flags (Linux's) */
#define CLONE_VM		0x00000100
#define CLONE_VFORK		0x00004000

/* kernel thread kinds for SYS_kthread* (kdemo.c) */
#define KT_SLEEPER		1	/* arg rounds: sleep on its queue, mark when poked; nap; wait for stop */
#define KT_USE_MM		2	/* use_mm of pid arg's mm, write USE_MM_VALUE at arg2, exit */
#define KT_MARKER		3	/* mark the mm it runs on, wait for stop */
#define KT_BUSY			4	/* never sleep: poll, yield when a task waits, until stopped */

#define USE_MM_VALUE		0x600DF00D	/* what a KT_USE_MM thread writes */

/* SYS_param */
#define PARAM_COUNT		1	/* count= of the command line, 0 if not given */
#define PARAM_TSC_KHZ		2	/* TSC rate */
#define PARAM_ERA		3	/* 1 = 2.6.32, 2 = modern */
#define PARAM_NCPU		4	/* CPUs online */
#define PARAM_SEED		5	/* seed= of the command line, 0 if not given */

/* signals a fault kills with (Linux's numbers) */
#define SIGILL			4
#define SIGFPE			8
#define SIGSEGV			11

/* wait status */
#define WIFEXITED(s)		(((s) & 0x7F) == 0)
#define WEXITSTATUS(s)		(((s) >> 8) & 0xFF)
#define WTERMSIG(s)		((s) & 0x7F)

#endif /* KERNEL_SYSCALL_H */
