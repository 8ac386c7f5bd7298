/*
 * scen_boot.c - the boot scenario: the kernel reports on itself.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "memlayout.h"
#include "x86.h"
#include "cpu.h"
#include "cmdline.h"
#include "sched.h"
#include "trace.h"
#include "scenario.h"

/*
 * boot: report what the kernel found as MSG records, check two things a
 * later scenario relies on, then sleep so that the idle task sends
 * heartbeats.  Runs as init (pid 1), a kernel thread on init_mm.
 */
static int boot(void)
{
	uint nfree = nr_free_pages();
	void *page;

	trace_msg(MMT_MSG_INFO, "mem: %u pages, %u free, top 0x%x",
		  totalram_pages, nfree, phystop);
	trace_msg(MMT_MSG_INFO, "cpus: %d in MADT, %d started, IOAPIC 0x%x",
		  ncpu, cpus_to_start(), ioapic_pa);
	trace_msg(MMT_MSG_INFO, "cmdline: %s", cmdline.text[0] ? cmdline.text : "(empty)");

	if (rcr3() != V2P(swapper_pg_dir))
		return scenario_fail("cr3 0x%x is not swapper_pg_dir", rcr3());
	if ((page = kalloc()) == 0)
		return scenario_fail("kalloc: no free page");
	kfree(page);
	if (nr_free_pages() != nfree)
		return scenario_fail("kalloc+kfree: %u free pages, not %u", nr_free_pages(), nfree);

	msleep(BOOT_IDLE_MS);
	return MMT_END_OK;
}
SCENARIO("boot", boot, 1, ALL_ERAS, 0,
	 "boot the CPUs, report memory, CPUs and command line, idle (heartbeats), end");
