/*
 * smp.c - the other CPUs: starting them, interrupting them, stopping
 * them, and what a CPU does while it busy-waits for one of them.
 *
 * Start-up: the boot CPU copies trampoline.S to TRAMPOLINE_PA and starts
 * the APs one at a time with INIT-SIPI-SIPI (lapic.c), each on its idle
 * task's stack; mpenter() makes it a CPU like the boot CPU (GDT, IDT,
 * LAPIC timer, trace ring, idle task) and sets its bit in
 * cpu_online_mask.  An AP that is not up within AP_START_MS stops the
 * run with a PANIC that names it.
 *
 * IPIs: every one sent is traced (IPI_SEND), every one answered too
 * (IPI_RECV on the receiver).  Reschedule wakes a halted CPU that has a
 * task to run; TLB shootdowns are tlb.c's; stop ends a CPU for good.
 *
 * Busy waits with interrupts off (a spinlock, a TLB shootdown's answers)
 * call smp_poll(): the CPU answers the requests of other CPUs as if
 * their IPIs had arrived, so that two CPUs waiting for each other never
 * deadlock.  A busy wait that lasts the watchdog's time (WATCHDOG_MS, or
 * the command line's watchdog=) barks: a PANIC naming
 * the CPU and what it waited for.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "memlayout.h"
#include "x86.h"
#include "traps.h"
#include "cpu.h"
#include "cmdline.h"
#include "sched.h"
#include "trace.h"

extern char trampoline[], trampoline_args[], trampoline_end[];
extern pde_t entrypgdir[];

/* What trampoline.S reads at trampoline_args; change one, change the other. */
struct trampoline_args {
	uint pgdir;			/* physical address of entrypgdir */
	uint stack;			/* top of the AP's idle stack */
	uint entry;			/* mpenter */
	uint cpu;			/* its struct cpu, mpenter's argument */
};

volatile uint cpu_online_mask;		/* CPUs that run (atomic bit operations) */
static volatile uint stop_mask;		/* CPUs asked to stop (atomic bit operations) */
static volatile int stop_mode;		/* STOP_*, set before stop_mask */
static volatile int stop_from;		/* the CPU that asked */

/* An AP's first C code, on its idle stack, interrupts off: become a CPU, then idle. */
static void __attribute__((noreturn)) mpenter(struct cpu *c)
{
	/*
	 * bug=ap_hang: the last AP stops here, as a CPU stuck in firmware
	 * would, so that the start-up watchdog can be seen to work.  Read
	 * from the command line, not bug_injected(): bugs arm at exec.
	 */
	if (cmdline.bug == MMT_BUG_AP_HANG && c - cpus == cpus_to_start() - 1) {
		atomic_inc(&bug_fired);
		for (;;)
			hlt();
	}
	switchkvm();		/* swapper_pg_dir, as the boot CPU */
	seginit(c, c - cpus);	/* GDT, TSS, %gs: mycpu() works from here */
	idtinit();		/* the IDT every CPU shares */
	lapic_init();		/* this CPU's timer, at the boot CPU's rate */
	trace_cpu_start(c);	/* its ring; CPU_ONLINE, CR3_LOAD, MM_CPUMASK */
	idle_init(c);		/* its idle task, swapper/N, on this stack */
	set_bit(c->id, &cpu_online_mask);
	c->started = 1;
	sti();
	cpu_idle();
}

/* An AP did not come up: COM1, MSG and PANIC say which, and the run ends. */
static void __attribute__((noreturn)) ap_dead(struct cpu *c, int id)
{
	cprintf("smp: cpu %d (apic id %u) did not come up within %d ms\n", id, c->apicid,
		AP_START_MS);
	trace_msg(MMT_MSG_ERR, "cpu %d (apic id %u) did not come up within %d ms", id,
		  c->apicid, AP_START_MS);
	panic("cpu %d (apic %u) not up in %d ms", id, c->apicid, AP_START_MS);
}

/* Start CPU id and wait until it runs its idle loop. */
static void start_ap(int id)
{
	struct trampoline_args *a = P2V(TRAMPOLINE_PA + (trampoline_args - trampoline));
	struct cpu *c = &cpus[id];
	uint64 deadline;

	a->pgdir = V2P(entrypgdir);
	a->stack = (uint) idle_stack(id) + KSTACKSIZE;
	a->entry = (uint) mpenter;
	a->cpu = (uint) c;
	lapic_startap(c->apicid, TRAMPOLINE_PA);
	deadline = tsc_deadline(AP_START_MS);
	while (!c->started) {
		if (rdtsc() > deadline)
			ap_dead(c, id);
		pause();
	}
}

/*
 * Bring up the APs, cpus_to_start() CPUs in all, one at a time; the
 * boot CPU (already an idle task) is online first.  Nothing here
 * allocates a page: idle tasks and stacks are static (sched.c).
 */
void smp_boot(void)
{
	int i, n = cpus_to_start();

	set_bit(0, &cpu_online_mask);
	memmove(P2V(TRAMPOLINE_PA), trampoline, trampoline_end - trampoline);
	for (i = 1; i < n; i++)
		start_ap(i);
	cprintf("smp: %d cpu%s online\n", n, n == 1 ? "" : "s");
}

/* Send vector to each CPU in mask (IPI_SEND: ipi, about mm); interrupts off. */
void send_ipi_mask(uint mask, uint vector, uint ipi, uint mm)
{
	int i;

	if (trace_started() && !trace_busy())
		trace_ipi_send(mask, mm, ipi);
	for (i = 0; i < NCPU; i++)
		if (mask & (1u << i))
			lapic_send_ipi(cpus[i].apicid, vector);
}

/* Wake cpu from hlt: a task waits on its runqueue (need_resched is set). */
void smp_send_resched(int cpu)
{
	pushcli();
	cpus[cpu].resched_from = cpuid();
	send_ipi_mask(1u << cpu, T_IPI_RESCHED, MMT_IPI_RESCHED, 0);
	popcli();
}

/*
 * This CPU was asked to stop: it says so, at the end of a run its idle
 * task lets go of its active_mm (idle_task_exit), it sends what it
 * traced, and it halts for good with interrupts off.
 */
static void __attribute__((noreturn)) stop_this_cpu(void)
{
	struct cpu *c = mycpu();

	cli();
	if (trace_started()) {
		trace_ipi_recv(0, MMT_IPI_STOP, stop_from);
		if (stop_mode == STOP_IDLE_EXIT)
			idle_task_exit();
		trace_flush();
	}
	clear_bit(c->id, &cpu_online_mask);
	c->stopped = 1;
	for (;;)
		hlt();
}

/*
 * Stop every other online CPU, one after another, so that their last
 * records come in CPU order, waiting up to wait_ms for each.  mode:
 * STOP_IDLE_EXIT at the end of a run, STOP_HALT on a failure.  Returns
 * the CPUs that did not stop in time.
 */
uint smp_stop_others(int mode, uint wait_ms)
{
	int me = cpuid(), i;
	uint late = 0;
	uint64 deadline;

	stop_mode = mode;
	stop_from = me;
	for (i = 0; i < NCPU; i++) {
		if (i == me || !(cpu_online_mask & (1u << i)) || cpus[i].stopped)
			continue;
		set_bit(i, &stop_mask);
		send_ipi_mask(1u << i, T_IPI_STOP, MMT_IPI_STOP, 0);
		deadline = tsc_deadline(wait_ms);
		while (!cpus[i].stopped && rdtsc() < deadline) {
			pause();
			tlb_poll();
		}
		if (!cpus[i].stopped)
			late |= 1u << i;
	}
	return late;
}

/*
 * In every busy wait with interrupts off: do what other CPUs wait for
 * from this one (TLB shootdowns, a stop).  Not inside a trace drain,
 * where a record may be open: a drain waits only for the trace line,
 * whose holder waits for no other CPU.
 */
void smp_poll(void)
{
	if (mycpu()->trace.draining)
		return;
	tlb_poll();
	if (stop_mask & (1u << cpuid()))
		stop_this_cpu();
}

/* trap(): an IPI arrived (interrupts off). */
void smp_interrupt(uint vector)
{
	lapic_eoi();
	if (vector == T_IPI_RESCHED)
		trace_ipi_recv(0, MMT_IPI_RESCHED, mycpu()->resched_from);
	else
		smp_poll();
}

/* When a busy wait that starts now is to bark. */
uint64 watchdog_deadline(void)
{
	return tsc_deadline(cmdline.watchdog_ms);
}

/*
 * A busy wait that began at TSC t0 has lasted the watchdog's time: what
 * it waits for (fmt: "lock kmem (cpu 1)") will not come.  COM1 and a MSG
 * say so, and the PANIC: "cpu 0 waits for lock kmem (cpu 1)".  While
 * the kernel is already dying the wait goes on: the dying CPU stops us.
 * Two CPUs in a deadlock reach their deadlines together: the first to
 * bark speaks for both, so COM1 and the trace carry one story.
 */
void watchdog_bark(uint64 t0, const char *fmt, ...)
{
	static volatile uint barked;
	char what[MMT_REC_MAX];
	va_list ap;

	if (panicking || xchg(&barked, 1))
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	cprintf("watchdog: cpu %d waited %u ms for %s\n", cpuid(), tsc_ms_since(t0), what);
	if (trace_started() && !trace_busy())
		trace_msg(MMT_MSG_ERR, "watchdog: cpu %d waited %u ms for %s", cpuid(),
			  tsc_ms_since(t0), what);
	panic("cpu %d waits for %s", cpuid(), what);
}
