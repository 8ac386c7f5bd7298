/*
 * ulib.c - the user library: string functions, printf to fd 1, sbrk,
 * threads (clone with an mmap'd stack), CPUs, rdtsc.
 */
#include <stdarg.h>
#include "user.h"

uint strlen(const char *s)
{
	uint n = 0;

	while (s[n])
		n++;
	return n;
}

int strcmp(const char *p, const char *q)
{
	while (*p && *p == *q)
		p++, q++;
	return (unsigned char) *p - (unsigned char) *q;
}

void *memset(void *dst, int c, uint n)
{
	char *d = dst;

	while (n-- > 0)
		*d++ = c;
	return dst;
}

void *memcpy(void *dst, const void *src, uint n)
{
	char *d = dst;
	const char *s = src;

	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

/* Grow the heap by n bytes; the old end, or (void *) -1. */
void *sbrk(int n)
{
	char *old = brk(0);

	if (brk(old + n) != old + n)
		return (void *) -1;
	return old;
}

/* The number of CPUs online. */
int ncpus(void)
{
	return param(PARAM_NCPU);
}

/* From now on run only on cpu (and so do the children we make); 0 or -errno. */
int pin(int cpu)
{
	return sched_setaffinity(0, 1u << cpu);
}

uint64 rdtsc(void)
{
	uint lo, hi;

	asm volatile("rdtsc" : "=a" (lo), "=d" (hi));
	return ((uint64) hi << 32) | lo;
}

struct outbuf {
	char *p, *end;		/* next byte, last byte (kept for the NUL) */
};

static void put(struct outbuf *b, char c)
{
	if (b->p < b->end)
		*b->p++ = c;
}

static void putnum(struct outbuf *b, uint x, uint base, int neg)
{
	char digits[12];
	int i = 0;

	do {
		digits[i++] = "0123456789abcdef"[x % base];
	} while ((x /= base) != 0);
	if (neg)
		put(b, '-');
	while (--i >= 0)
		put(b, digits[i]);
}

/* %d %u %x %p %s %c %% */
static int vformat(char *buf, uint n, const char *fmt, va_list ap)
{
	struct outbuf b = { buf, buf + n - 1 };
	const char *s;
	int d;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&b, *fmt);
			continue;
		}
		switch (*++fmt) {
		case 'd':
			d = va_arg(ap, int);
			putnum(&b, d < 0 ? -(uint) d : (uint) d, 10, d < 0);
			break;
		case 'u':
			putnum(&b, va_arg(ap, uint), 10, 0);
			break;
		case 'x':
		case 'p':
			putnum(&b, va_arg(ap, uint), 16, 0);
			break;
		case 's':
			for (s = va_arg(ap, const char *); s && *s; s++)
				put(&b, *s);
			break;
		case 'c':
			put(&b, va_arg(ap, int));
			break;
		case 0:
			fmt--;
			break;
		default:
			put(&b, *fmt);
		}
	}
	*b.p = 0;
	return b.p - buf;
}

int snprintf(char *buf, uint n, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vformat(buf, n, fmt, ap);
	va_end(ap);
	return len;
}

int printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vformat(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return write(1, buf, len);
}

/* threads: the stacks thread_create mapped, by pid, for thread_join */
static struct {
	int pid;
	char *stack;
} threads[NTHREADS];

/* At the top of a thread's stack: what it runs. */
struct thread_start {
	int (*fn)(void *);
	void *arg;
};

static void thread_trampoline(void *arg)
{
	struct thread_start *ts = arg;

	exit(ts->fn(ts->arg));
}

/*
 * Run fn(arg) in a new task sharing our mm (CLONE_VM) on a stack of its
 * own; its exit status is fn's result.  Its pid, or -errno.
 */
int thread_create(int (*fn)(void *), void *arg)
{
	struct thread_start *ts;
	char *stack;
	int i, pid;

	for (i = 0; i < NTHREADS && threads[i].pid; i++)
		;
	if (i == NTHREADS)
		return -EAGAIN;
	stack = mmap(THREAD_STACK);
	if ((int) stack < 0)
		return (int) stack;
	ts = (struct thread_start *) (stack + THREAD_STACK) - 1;
	ts->fn = fn;
	ts->arg = arg;
	pid = clone(CLONE_VM, ts, thread_trampoline, ts);
	if (pid < 0) {
		munmap(stack, THREAD_STACK);
		return pid;
	}
	threads[i].pid = pid;
	threads[i].stack = stack;
	return pid;
}

/* Wait for thread pid, then unmap its stack. */
int thread_join(int pid, int *status)
{
	int i, r = wait(pid, status);

	for (i = 0; i < NTHREADS; i++) {
		if (threads[i].pid == pid && r == pid) {
			munmap(threads[i].stack, THREAD_STACK);
			threads[i].pid = 0;
		}
	}
	return r;
}
