/*
 * tsc.c - the TSC rate, measured against the PIT; the same PIT interval
 * calibrates the LAPIC timer (lapic.c).
 *
 * PIT channel 2 (the speaker's, gated through port 0x61) counts down once
 * from ms worth of 1.193182 MHz ticks in mode 0; its output goes high at
 * zero.  The TSC cycles in between give tsc_khz, which the STREAM record
 * carries so the host can turn timestamps into time, and which times the
 * kernel's own busy waits: udelay, and the watchdog deadlines of waits
 * on other CPUs (smp.c).  QEMU gives every vCPU the host's TSC, so one
 * CPU's deadline means the same on every other.
 *
 * A vCPU is a host thread, and a busy host holds it up anywhere while
 * the PIT counts on.  So the TSC is read before the PIT starts and after
 * it ends: a vCPU held up in between can only make the count longer, and
 * the shortest of CALIBRATE_TRIES is the closest.  (Read after the PIT
 * had started, a vCPU held up in between saw only the end of the count:
 * one boot on a loaded host measured 21860 kHz for 2.1 GHz, and its 2 s
 * wait for an AP gave up after 21 ms.)
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"

#define PIT_HZ		1193182
#define PIT_CH2		0x42		/* channel 2 data */
#define PIT_MODE	0x43		/* mode/command */
#define PIT_CH2_ONESHOT	0xB0		/* channel 2, lobyte/hibyte, mode 0, binary */
#define PORT_B		0x61		/* bit 0 gate 2, bit 1 speaker, bit 5 OUT2 */
#define PORT_B_OUT2	0x20
#define SPIN_MAX	10000000	/* polls before giving up on the PIT */

uint tsc_khz;				/* TSC kHz, 0 when not calibrated */

/* Start PIT channel 2 counting down ms milliseconds, the speaker off. */
void pit_oneshot_start(uint ms)
{
	uint latch = PIT_HZ / 1000 * ms;

	outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);
	outb(PIT_MODE, PIT_CH2_ONESHOT);
	outb(PIT_CH2, latch & 0xFF);
	outb(PIT_CH2, latch >> 8);
}

/* Wait for the count started by pit_oneshot_start to end: 0 if it never does. */
int pit_oneshot_wait(void)
{
	uint spins = 0;

	while (!(inb(PORT_B) & PORT_B_OUT2))
		if (++spins > SPIN_MAX)
			return 0;
	return 1;
}

/* Return the TSC rate in kHz, or 0 if the PIT never finished. */
uint tsc_calibrate(void)
{
	uint latch = PIT_HZ / 1000 * TSC_CALIBRATE_MS;
	uint64 t0, cycles, best = 0;
	int i;

	for (i = 0; i < CALIBRATE_TRIES; i++) {
		t0 = rdtsc();
		pit_oneshot_start(TSC_CALIBRATE_MS);
		if (!pit_oneshot_wait())
			return 0;
		cycles = rdtsc() - t0;
		if (best == 0 || cycles < best)
			best = cycles;
	}
	return best * PIT_HZ / ((uint64) latch * 1000);
}

/* The TSC rate to compute with: measured, or TRACE_TSC_KHZ_GUESS. */
static uint khz(void)
{
	return tsc_khz ? tsc_khz : TRACE_TSC_KHZ_GUESS;
}

/* Spin for at least us microseconds. */
void udelay(uint us)
{
	uint64 end = rdtsc() + (uint64) us * khz() / 1000;

	while (rdtsc() < end)
		pause();
}

/* The TSC value ms milliseconds from now: a deadline for a busy wait. */
uint64 tsc_deadline(uint ms)
{
	return rdtsc() + (uint64) ms * khz();
}

/* Milliseconds since TSC value t0. */
uint tsc_ms_since(uint64 t0)
{
	return (rdtsc() - t0) / khz();
}
