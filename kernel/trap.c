/*
 * trap.c - the IDT and trap(), where every interrupt and exception lands.
 *
 * System calls (int 0x80, a trap gate user code may use), the LAPIC
 * timer, IPIs (smp.c) and exceptions.  An exception in user mode kills
 * the task with the signal Linux would send (SIGSEGV, SIGILL, SIGFPE)
 * through do_exit; one in the kernel is a kernel bug: a register dump on
 * COM1, a PANIC record, QEMU exits with MMT_EXIT_PANIC.  A task in user
 * mode whose timeslice is used up, or that must move to another CPU, is
 * preempted on its way back to user mode.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "mmu.h"
#include "x86.h"
#include "traps.h"
#include "sched.h"
#include "syscall.h"
#include "trace.h"

#define PIC1_DATA	0x21		/* legacy 8259 interrupt masks */
#define PIC2_DATA	0xA1

static struct gatedesc idt[256];
extern uint vectors[];			/* the stubs, from vectors.py */

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow", "bound range",
	"invalid opcode", "device not available", "double fault",
	"coprocessor overrun", "invalid TSS", "segment not present",
	"stack fault", "general protection", "page fault", "reserved",
	"x87 error", "alignment check", "machine check", "SIMD error",
	"virtualization", "control protection",
};

static void setgate(struct gatedesc *g, uint handler, uint type, uint dpl)
{
	g->off_15_0 = handler & 0xFFFF;
	g->cs = SEG_KCODE << 3;
	g->zero = 0;
	g->type_attr = 0x80 | (dpl << 5) | type;	/* present */
	g->off_31_16 = handler >> 16;
}

/* Fill the IDT (interrupt gates: handlers run with interrupts off). */
void tvinit(void)
{
	int i;

	for (i = 0; i < 256; i++)
		setgate(&idt[i], vectors[i], STS_IG32, 0);
	/* system calls run with interrupts on, and ring 3 may call them */
	setgate(&idt[T_SYSCALL], vectors[T_SYSCALL], STS_TG32, DPL_USER);
	/* Interrupts will come from the APICs: silence the legacy PICs. */
	outb(PIC1_DATA, 0xFF);
	outb(PIC2_DATA, 0xFF);
}

/* Load the IDT on this CPU. */
void idtinit(void)
{
	lidt(idt, sizeof(idt));
}

static const char *trap_name(uint trapno)
{
	if (trapno < NELEM(exception_names) && exception_names[trapno])
		return exception_names[trapno];
	return trapno < 32 ? "reserved exception" : "unexpected interrupt";
}

static void dump_regs(struct trapframe *tf)
{
	/* Traps in ring 0 push no esp/ss: the old stack starts at &tf->esp. */
	uint esp = (tf->cs & 3) ? tf->esp : (uint) &tf->esp;

	cprintf("  eip %08x  cs %x  eflags %08x  err %08x  cr2 %08x  cr3 %08x\n",
		tf->eip, tf->cs, tf->eflags, tf->err, rcr2(), rcr3());
	cprintf("  eax %08x  ebx %08x  ecx %08x  edx %08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
	cprintf("  esi %08x  edi %08x  ebp %08x  esp %08x\n", tf->esi, tf->edi, tf->ebp, esp);
	cprintf("  ds %x  es %x  fs %x  gs %x\n", tf->ds, tf->es, tf->fs, tf->gs);
}

/* A trap the kernel cannot handle: report it and stop. */
static void trap_panic(struct trapframe *tf)
{
	char msg[MMT_REC_MAX];

	die_first();
	console_unlock_for_panic();
	cprintf("\n%s (trap %u) on cpu %d\n", trap_name(tf->trapno), tf->trapno, cpuid());
	dump_regs(tf);
	backtrace(tf->ebp);
	if (tf->trapno == T_PGFLT)
		snprintf(msg, sizeof(msg), "page fault: %s 0x%x", tf->err & 2 ? "write" : "read",
			 rcr2());
	else
		snprintf(msg, sizeof(msg), "%s, err 0x%x", trap_name(tf->trapno), tf->err);
	die(tf->eip, tf->trapno, msg);
}

/* Linux's signal for a fault in user mode. */
static int fault_signal(uint trapno)
{
	switch (trapno) {
	case T_ILLOP:
		return SIGILL;
	case T_DIVIDE:
		return SIGFPE;
	default:
		return SIGSEGV;
	}
}

/* A user task faulted: one line on COM1, then it dies of the signal. */
static void user_fault(struct trapframe *tf)
{
	int sig = fault_signal(tf->trapno);

	if (tf->trapno == T_PGFLT)
		cprintf("pid %d (%s): %s at 0x%x, eip 0x%x: killed by signal %d\n",
			current->pid, current->comm, tf->err & PF_ERR_WRITE ? "write" : "read",
			rcr2(), tf->eip, sig);
	else
		cprintf("pid %d (%s): %s, eip 0x%x: killed by signal %d\n", current->pid,
			current->comm, trap_name(tf->trapno), tf->eip, sig);
	do_exit(sig);
}

static void timer_interrupt(void)
{
	if (cpuid() == 0)
		timer_tick();
	scheduler_tick();
	trace_tick();
	lapic_eoi();
}

/* Called by alltraps (trapasm.S) with the frame it built. */
void trap(struct trapframe *tf)
{
	int from_user = (tf->cs & 3) == DPL_USER;

	switch (tf->trapno) {
	case T_SYSCALL:
		syscall(tf);
		break;
	case T_IRQ0 + IRQ_TIMER:
		timer_interrupt();
		break;
	case T_IRQ0 + IRQ_SPURIOUS:
		break;
	case T_IRQ0 + IRQ_ERROR:
		cprintf("lapic error on cpu %d\n", cpuid());
		lapic_eoi();
		break;
	case T_IPI_TLB:
	case T_IPI_RESCHED:
	case T_IPI_STOP:
		smp_interrupt(tf->trapno);
		break;
	default:
		if (!from_user)
			trap_panic(tf);
		user_fault(tf);
	}
	if (from_user && this_rq()->need_resched)
		schedule();
}
