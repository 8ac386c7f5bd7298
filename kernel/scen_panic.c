/*
 * scen_panic.c - the panic scenario: the kernel's failure path, on purpose.
 */
#include "types.h"
#include "defs.h"
#include "mmtrace.h"
#include "scenario.h"

/* An address a kernel write must fault on: user space is not mapped. */
static volatile uint fault_addr = 0x10;

/*
 * A kernel write to an unmapped address, to show (and test) the panic
 * path: register dump on COM1, PANIC record, QEMU exit status 37.  If
 * the write does not fault, swapper_pg_dir maps user space: a failure.
 */
static int kernel_fault(void)
{
	*(volatile uint *) fault_addr = 1;
	return scenario_fail("a write to 0x%x did not fault", fault_addr);
}
SCENARIO("panic", kernel_fault, 1, ALL_ERAS, 0,
	 "kernel page fault on purpose: the PANIC record, and QEMU exit status 37");
