/*
 * tracestop.c - stopping at trace events, for a debugger attached to QEMU's
 * gdbstub (mmscope verify; PROTOCOL.md section 5).
 *
 * The debugger writes mmscope_stop_ctl (which record types, which CPUs)
 * and puts a breakpoint on mmscope_stop.  trace_end calls
 * trace_stop_check after each record it commits while ctl.on is set;
 * a selected record calls mmscope_stop with the record's type, CPU,
 * sequence number and slot in registers, so that the debugger learns
 * which event stopped the machine without reading memory.  While
 * ctl.on is 0 (always, without a debugger) a record costs one load more.
 */
#include "types.h"
#include "param.h"
#include "cpu.h"
#include "trace.h"

volatile struct mmt_stop_ctl mmscope_stop_ctl;	/* written by the debugger only */

/*
 * The debugger's breakpoint.  regparm(3): type | cpu << 8 in EAX, the
 * record's sequence number in EDX, its slot in ECX (MMT_STOP_SYMBOL).
 * The empty asm keeps the call and the arguments.
 */
noinline __attribute__((regparm(3)))
void mmscope_stop(uint type_cpu, uint seq, struct trace_slot *slot)
{
	asm volatile("" : : "r" (type_cpu), "r" (seq), "r" (slot) : "memory");
}

/*
 * Record head - 1 of ring r, this CPU's, was just committed: stop there
 * if the debugger selected its type and CPU.  Record n of a CPU has
 * sequence number n (a ring's seq and tail move together from 0).
 */
noinline void trace_stop_check(struct trace_ring *r)
{
	uint n = r->head - 1, cpu = cpuid();
	struct trace_slot *s = &r->slots[n & (TRACE_RING_SLOTS - 1)];
	uint type = s->h.type;

	if (!(mmscope_stop_ctl.cpus & (1u << cpu)) ||
	    !(mmscope_stop_ctl.types[type / 32] & (1u << (type % 32))))
		return;
	mmscope_stop(type | cpu << 8, n, s);
}
