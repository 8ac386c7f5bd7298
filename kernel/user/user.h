/*
 * user.h - what the scenario programs (samples/) can call: the system
 * calls (usys.S; each returns -errno on failure, as the raw Linux calls
 * do) and the user library (ulib.c).
 */
#ifndef USER_USER_H
#define USER_USER_H

#include "syscall.h"
#include "errno.h"

typedef unsigned int uint;
typedef unsigned long long uint64;

/* system calls (numbers and meaning: kernel/syscall.h) */
int fork(void);
int vfork(void) __attribute__((returns_twice));
int clone(int flags, void *stack, void (*fn)(void *), void *arg);
int execve(const char *name);
void exit(int code) __attribute__((noreturn));
int wait(int pid, int *status);
int getpid(void);
int getppid(void);
int yield(void);
int sleep(uint ms);
int write(int fd, const void *buf, uint n);
int mark(const char *text);
void *brk(void *addr);
void *mmap(uint len);
int munmap(void *addr, uint len);
int kthread(int kind, uint arg, uint arg2);
int kthread_create(int kind, uint arg, uint arg2);
int kthread_start(int pid);
int kthread_poke(int pid);
int kthread_stop(int pid);
int kthread_join(int pid);
int park(void);
int unpark(int pid);
int param(int what);
int stat(const char *name, uint value);
int sched_setaffinity(int pid, uint cpumask);
int sched_getcpu(void);
int kthread_bind(int pid, int cpu);
int chapter(int n, int total, const char *text);

/* ulib.c */
uint strlen(const char *s);
int strcmp(const char *p, const char *q);
void *memset(void *dst, int c, uint n);
void *memcpy(void *dst, const void *src, uint n);
void *sbrk(int n);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int snprintf(char *buf, uint n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int thread_create(int (*fn)(void *), void *arg);
int thread_join(int pid, int *status);
int ncpus(void);
int pin(int cpu);
uint64 rdtsc(void);

#define ALL_CPUS	0xFFFFFFFFu	/* sched_setaffinity: any CPU online */

#define THREAD_STACK	8192	/* bytes of mmap'd stack per thread_create */
#define NTHREADS	8	/* threads alive at once per process */

#endif /* USER_USER_H */
