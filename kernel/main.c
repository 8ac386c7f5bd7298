/*
 * main.c - the boot CPU's way from entry.S to the scenario.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "memlayout.h"
#include "multiboot.h"
#include "cpu.h"
#include "sched.h"
#include "trace.h"

/*
 * entry.S calls this on entrypgdir and the boot stack, interrupts off,
 * with what the multiboot loader left in %eax and %ebx.
 */
void main(uint magic, uint mbi_pa)
{
	struct multiboot_info *mbi = P2V(mbi_pa);

	seginit(&cpus[0], 0);	/* boot CPU's GDT, TSS, %gs: mycpu() works from here */
	uartinit();		/* COM1 console, COM2 trace line, polled, FIFOs on */
	consoleinit();		/* cprintf on COM1 */
	tvinit();		/* IDT: every vector traps to trap(); int 0x80 for ring 3 */
	idtinit();		/* ...on this CPU: faults from here on get a register dump */
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("main: not started by a multiboot loader (eax 0x%x)", magic);
	cprintf("\nmmscope kernel, cpu 0\n");
	cmdline_init(mbi);	/* options, before kinit may reuse the page they are in */
	kinit(mbi);		/* physical page allocator over the multiboot memory map */
	acpiinit();		/* ACPI MADT: CPUs' APIC ids, local APIC and IOAPIC */
	kvminit();		/* swapper_pg_dir; its kernel half is final from here */
	switchkvm();		/* leave entrypgdir for swapper_pg_dir */
	mm_cache_init();	/* mm_struct and vm_area_struct caches, init_mm's locks */
	fork_init();		/* task_struct cache, tasklist_lock */
	trace_init();		/* TSC rate; the line (COM2 or virtio); STREAM, BOOT, ... */
	lapic_init();		/* local APIC timer at HZ, calibrated against the PIT */
	sched_init();		/* this code becomes the idle task; it grabs init_mm */
	smp_boot();		/* the other CPUs, each an idle task on init_mm */
	rest_init();		/* init (pid 1) runs the scenario, kthreadd (pid 2); idle */
}
