/*
 * lapic.c - the local APIC: this CPU's timer interrupt and its EOI,
 * inter-processor interrupts, and the INIT-SIPI-SIPI that starts an AP.
 *
 * The timer runs in periodic mode at HZ.  Its rate is the bus clock
 * divided by 16, which the hardware does not tell us: lapic_init counts
 * it against the PIT for LAPIC_CALIBRATE_MS once, on the boot CPU, and
 * every CPU uses the same count.  The legacy 8259 PICs are masked
 * (trap.c) and the IOAPIC is left as reset left it (every input masked):
 * the serial ports are polled, so the LAPIC timer and IPIs are the only
 * interrupts.  Every CPU reaches its own LAPIC at the same address.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "traps.h"
#include "x86.h"

/* register offsets, in 32-bit words */
#define ID	(0x0020 / 4)	/* APIC id */
#define TPR	(0x0080 / 4)	/* task priority */
#define EOI	(0x00B0 / 4)	/* end of interrupt */
#define SVR	(0x00F0 / 4)	/* spurious interrupt vector */
#define  SVR_ENABLE	0x00000100
#define ESR	(0x0280 / 4)	/* error status */
#define ICRLO	(0x0300 / 4)	/* interrupt command */
#define  ICR_INIT	0x00000500	/* INIT/RESET */
#define  ICR_STARTUP	0x00000600	/* startup IPI (SIPI) */
#define  ICR_DELIVS	0x00001000	/* delivery status: still sending */
#define  ICR_ASSERT	0x00004000
#define  ICR_LEVEL	0x00008000	/* level triggered (INIT) */
#define ICRHI	(0x0310 / 4)	/* interrupt command: destination in bits 24..31 */
#define TIMER	(0x0320 / 4)	/* local vector table: timer */
#define  TIMER_PERIODIC	0x00020000
#define  LVT_MASKED	0x00010000
#define LINT0	(0x0350 / 4)
#define LINT1	(0x0360 / 4)
#define ERROR	(0x0370 / 4)
#define TICR	(0x0380 / 4)	/* timer initial count */
#define TCCR	(0x0390 / 4)	/* timer current count */
#define TDCR	(0x03E0 / 4)	/* timer divide configuration */
#define  TDCR_DIV16	0x3

static volatile uint *lapic;		/* its registers (vm.c maps lapic_pa) */
static uint ticr_per_tick;		/* timer count for 1/HZ s, from the PIT */

static void lapicw(uint reg, uint value)
{
	lapic[reg] = value;
	(void) lapic[ID];		/* wait for the write to finish */
}

/*
 * Count the timer's ticks over LAPIC_CALIBRATE_MS of the PIT, and scale
 * to one 1/HZ period.  Without a PIT, assume QEMU's 1 GHz bus / 16.
 * The timer starts before the PIT and is read after it ends, so a vCPU
 * the host holds up in between only makes the count longer: the
 * shortest of CALIBRATE_TRIES is the closest (as for the TSC, tsc.c).
 */
static uint calibrate(void)
{
	uint elapsed, best = 0xFFFFFFFF;
	int i;

	lapicw(TDCR, TDCR_DIV16);
	lapicw(TIMER, LVT_MASKED | (T_IRQ0 + IRQ_TIMER));
	for (i = 0; i < CALIBRATE_TRIES; i++) {
		lapicw(TICR, 0xFFFFFFFF);
		pit_oneshot_start(LAPIC_CALIBRATE_MS);
		if (!pit_oneshot_wait()) {
			cprintf("lapic: the PIT did not count; timer rate guessed\n");
			lapicw(TICR, 0);
			return 1000000000 / 16 / HZ;
		}
		elapsed = 0xFFFFFFFF - lapic[TCCR];
		if (elapsed < best)
			best = elapsed;
	}
	lapicw(TICR, 0);
	return (uint64) best * 1000 / HZ / LAPIC_CALIBRATE_MS;
}

/* Enable this CPU's local APIC and start its timer at HZ. */
void lapic_init(void)
{
	lapic = (volatile uint *) lapic_pa;
	lapicw(SVR, SVR_ENABLE | (T_IRQ0 + IRQ_SPURIOUS));
	lapicw(LINT0, LVT_MASKED);
	lapicw(LINT1, LVT_MASKED);
	lapicw(ERROR, T_IRQ0 + IRQ_ERROR);
	lapicw(ESR, 0);
	lapicw(ESR, 0);
	lapicw(EOI, 0);
	lapicw(TPR, 0);
	if (ticr_per_tick == 0) {
		ticr_per_tick = calibrate();
		cprintf("lapic: timer %u counts per tick at %d Hz\n", ticr_per_tick, HZ);
	}
	lapicw(TDCR, TDCR_DIV16);
	lapicw(TIMER, TIMER_PERIODIC | (T_IRQ0 + IRQ_TIMER));
	lapicw(TICR, ticr_per_tick);
}

/* Acknowledge the interrupt being handled. */
void lapic_eoi(void)
{
	if (lapic)
		lapicw(EOI, 0);
}

/* Write the interrupt command register and wait until it is sent; interrupts off. */
static void lapic_icr(uint apicid, uint cmd)
{
	lapicw(ICRHI, apicid << 24);
	lapicw(ICRLO, cmd);
	while (lapic[ICRLO] & ICR_DELIVS)
		pause();
}

/* Send interrupt vector to the CPU whose local APIC id is apicid; interrupts off. */
void lapic_send_ipi(uint apicid, uint vector)
{
	lapic_icr(apicid, ICR_ASSERT | vector);
}

/*
 * Intel's "universal startup algorithm": INIT (asserted, then
 * deasserted), then twice a startup IPI whose vector is the page
 * number of the real-mode code the AP starts at (addr, page-aligned,
 * below 1 MiB).  A CPU that is already started ignores the second.
 */
void lapic_startap(uint apicid, uint addr)
{
	int i;

	lapic_icr(apicid, ICR_INIT | ICR_LEVEL | ICR_ASSERT);
	udelay(200);
	lapic_icr(apicid, ICR_INIT | ICR_LEVEL);
	udelay(100);
	for (i = 0; i < 2; i++) {
		lapic_icr(apicid, ICR_STARTUP | (addr >> 12));
		udelay(200);
	}
}
