/*
 * shutdown.c - the end of every run: flush, then leave QEMU through
 * isa-debug-exit, which exits with status (code << 1) | 1.
 */
#include "types.h"
#include "defs.h"
#include "x86.h"
#include "sched.h"
#include "trace.h"

/*
 * Wait until both UARTs have sent everything, then exit QEMU with code
 * (MMT_EXIT_*).  The caller has flushed the trace.
 */
void shutdown(uint code)
{
	cli();
	uart_flush(COM2);
	uart_flush(COM1);
	outl(MMT_DEBUG_EXIT_PORT, code);
	/* Only without -device isa-debug-exit do we get here. */
	console_unlock_for_panic();
	cprintf("shutdown: no isa-debug-exit device at port 0x%x; halted (exit code 0x%x)\n",
		MMT_DEBUG_EXIT_PORT, code);
	for (;;)
		hlt();
}

/*
 * The end of a failed kernel (panic, unexpected trap): a PANIC record
 * naming the current task, the trace flushed, exit status 37.
 * A second failure on the way (say, inside the drain) skips the trace.
 */
void die(uint eip, uint trapno, const char *msg)
{
	static volatile uint dying;

	cli();
	if (xchg(&dying, 1) == 0 && trace_started() && !trace_busy()) {
		trace_flush();		/* room for PANIC, even in overflow mode */
		trace_panic(eip, trapno, current ? current->pid : 0, msg);
		trace_flush();
	} else {
		cprintf("die: the trace could not be flushed\n");
	}
	shutdown(MMT_EXIT_PANIC);
}
