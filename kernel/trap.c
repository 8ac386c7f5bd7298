/*
 * trap.c - the IDT and trap(), where every interrupt and exception lands.
 *
 * In this slice nothing enables interrupts, so any trap is a kernel bug:
 * a register dump on COM1, a PANIC record, QEMU exits with MMT_EXIT_PANIC.
 * Issue 3 adds the timer, the system call gate (int 0x80, DPL 3) and
 * killing a user task that faults; issue 5 the IPIs.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "mmu.h"
#include "x86.h"
#include "cpu.h"
#include "trace.h"

#define T_PGFLT		14		/* page fault */
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

/* Called by alltraps (trapasm.S) with the frame it built. */
void trap(struct trapframe *tf)
{
	/* No trap is expected yet; see the top of this file. */
	trap_panic(tf);
}
