/*
 * shutdown.c - the end of every run: flush, then leave QEMU through
 * isa-debug-exit, which exits with status (code << 1) | 1; and die(),
 * the end of a failed one.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "cpu.h"
#include "sched.h"
#include "trace.h"

/*
 * Wait until the trace line and the console have sent everything, then
 * exit QEMU with code (MMT_EXIT_*).  The caller has flushed the trace.
 */
void shutdown(uint code)
{
	cli();
	trace_line_flush();
	uart_flush(COM1);
	outl(MMT_DEBUG_EXIT_PORT, code);
	/* Only without -device isa-debug-exit do we get here. */
	console_unlock_for_panic();
	cprintf("shutdown: no isa-debug-exit device at port 0x%x; halted (exit code 0x%x)\n",
		MMT_DEBUG_EXIT_PORT, code);
	for (;;)
		hlt();
}

volatile int panicking;			/* die() has begun: nobody waits for ever */

/*
 * The other CPUs stop and send their traces; those that do not within
 * STOP_WAIT_MS (they hang with interrupts off) have their rings sent
 * from here.
 */
static void stop_others_for_panic(void)
{
	uint late;
	int i;

	if (!trace_started())
		return;
	late = smp_stop_others(STOP_HALT, STOP_WAIT_MS);
	for (i = 0; i < NCPU; i++) {
		if (late & (1u << i)) {
			cprintf("die: cpu %d did not stop; sending its trace from cpu %d\n", i,
				cpuid());
			trace_flush_cpu(&cpus[i]);
		}
	}
}

/*
 * A failing kernel: the first CPU to fail (a panic, a trap in the
 * kernel) reports it, before it prints a word, and goes on to die().
 * A CPU that fails meanwhile (two watchdogs barking at once) sends its
 * own trace and halts without a word, so that the report on COM1 is
 * not interleaved with another.  Interrupts off.
 */
void die_first(void)
{
	static volatile uint dying;

	if (xchg(&dying, 1) == 0)
		return;
	if (trace_started() && !trace_busy())
		trace_flush();
	mycpu()->stopped = 1;
	for (;;)
		hlt();
}

/*
 * The end of a failed kernel, on the CPU die_first let through: the
 * other CPUs stop and send their traces, then a PANIC record naming the
 * current task, the trace flushed, exit status 37.  A failure inside
 * this CPU's drain skips the trace.
 */
void die(uint eip, uint trapno, const char *msg)
{
	cli();
	panicking = 1;
	stop_others_for_panic();
	if (trace_started() && !trace_busy()) {
		trace_flush();		/* room for PANIC, even in overflow mode */
		trace_panic(eip, trapno, current ? current->pid : 0, msg);
		trace_flush();
	} else {
		cprintf("die: the trace could not be flushed\n");
	}
	shutdown(MMT_EXIT_PANIC);
}
