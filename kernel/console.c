/*
 * console.c - the COM1 console: cprintf, snprintf and panic.
 *
 * Formats: %d %u %x %p %s %c %%, with an optional zero-pad width (%08x)
 * and the ll length for 64-bit %d %u %x.
 */
#include "types.h"
#include "defs.h"
#include "x86.h"
#include "cpu.h"
#include "spinlock.h"
#include "memlayout.h"
#include "mmtrace.h"
#include "trace.h"

static struct {
	struct spinlock lock;	/* one cprintf's output stays together */
	int locking;		/* 0 once panicking: print even if held */
} cons;

void consoleinit(void)
{
	initlock(&cons.lock, "console");
	cons.locking = 1;
}

static void cons_putc(int c, void *arg)
{
	(void) arg;
	if (c == '\n')
		uart_putc(COM1, '\r');
	uart_putc(COM1, c);
}

static void printnum(void (*put)(int, void *), void *arg, uint64 x, uint base,
		     int neg, int width, int zero)
{
	static const char digits[] = "0123456789abcdef";
	char buf[24];
	int i = 0;

	do {
		buf[i++] = digits[x % base];
	} while ((x /= base) != 0);
	if (neg)
		buf[i++] = '-';
	for (; width > i; width--)
		put(zero ? '0' : ' ', arg);
	while (--i >= 0)
		put(buf[i], arg);
}

/* Read the next integer argument of a %d/%u/%x with or without ll. */
static uint64 numarg(va_list *ap, int ll, int sign, int *neg)
{
	int64_t v;

	if (ll)
		v = va_arg(*ap, int64_t);
	else
		v = sign ? (int64_t) va_arg(*ap, int) : (int64_t) va_arg(*ap, uint);
	*neg = sign && v < 0;
	return *neg ? (uint64) -v : (uint64) v;
}

void vprintfmt(void (*put)(int, void *), void *arg, const char *fmt, va_list ap)
{
	const char *s;
	int c, ll, width, zero, neg;
	uint64 x;

	for (; (c = *fmt & 0xff) != 0; fmt++) {
		if (c != '%') {
			put(c, arg);
			continue;
		}
		zero = fmt[1] == '0';
		for (width = 0; fmt[1] >= '0' && fmt[1] <= '9'; fmt++)
			width = width * 10 + fmt[1] - '0';
		for (ll = 0; fmt[1] == 'l'; fmt++)
			ll++;
		switch (c = *++fmt & 0xff) {
		case 'd':
		case 'u':
		case 'x':
			x = numarg(&ap, ll >= 2, c == 'd', &neg);
			printnum(put, arg, x, c == 'x' ? 16 : 10, neg, width, zero);
			break;
		case 'p':
			put('0', arg);
			put('x', arg);
			printnum(put, arg, va_arg(ap, uint), 16, 0, 8, 1);
			break;
		case 's':
			for (s = va_arg(ap, const char *) ?: "(null)"; *s; s++)
				put(*s, arg);
			break;
		case 'c':
			put(va_arg(ap, int), arg);
			break;
		case 0:
			return;
		default:		/* %% and unknown: print as is */
			if (c != '%')
				put('%', arg);
			put(c, arg);
		}
	}
}

void vcprintf(const char *fmt, va_list ap)
{
	int locking = cons.locking;

	if (locking)
		acquire(&cons.lock);
	vprintfmt(cons_putc, 0, fmt, ap);
	if (locking)
		release(&cons.lock);
}

void cprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcprintf(fmt, ap);
	va_end(ap);
}

/* n bytes from a user's write(), as one piece of console output. */
void console_write(const char *buf, uint n)
{
	int locking = cons.locking;

	if (locking)
		acquire(&cons.lock);
	while (n-- > 0)
		cons_putc(*buf++ & 0xff, 0);
	if (locking)
		release(&cons.lock);
}

struct sbuf {
	char *p;		/* next byte */
	char *end;		/* last byte, kept for the NUL */
};

static void sbuf_putc(int c, void *arg)
{
	struct sbuf *b = arg;

	if (b->p < b->end)
		*b->p++ = c;
}

/* Format into buf (always NUL-terminated, truncated to n-1); return its length. */
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct sbuf b = { buf, buf + n - 1 };

	if (n == 0)
		return 0;
	vprintfmt(sbuf_putc, &b, fmt, ap);
	*b.p = 0;
	return b.p - buf;
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

/* Print the return addresses on the %ebp chain, starting at ebp. */
void backtrace(uint ebp)
{
	uint *frame = (uint *) ebp;
	int i;

	cprintf("backtrace:");
	for (i = 0; i < 10 && (uint) frame >= KERNBASE && frame[1] != 0; i++) {
		cprintf(" 0x%08x", frame[1]);
		frame = (uint *) frame[0];
	}
	cprintf("\n");
}

/*
 * Stop the kernel: the message on COM1 with a backtrace, a PANIC record
 * (trapno 0xff, eip = panic's caller), then exit QEMU with MMT_EXIT_PANIC.
 */
void panic(const char *fmt, ...)
{
	char msg[MMT_REC_MAX];
	va_list ap;

	cli();
	die_first();
	cons.locking = 0;
	va_start(ap, fmt);
	cprintf("\npanic on cpu %d: ", cpuid());
	vcprintf(fmt, ap);
	va_end(ap);
	cprintf("\n");
	backtrace((uint) __builtin_frame_address(0));

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	die((uint) __builtin_return_address(0), PANIC_TRAPNO, msg);
}

/* A panic in progress prints without the console lock. */
void console_unlock_for_panic(void)
{
	cons.locking = 0;
}
