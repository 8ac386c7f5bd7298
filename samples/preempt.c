/*
 * preempt - timer preemption: two children spin in user mode for
 * SPIN_MS each, longer than a timeslice (TIMESLICE_TICKS), so the timer
 * takes the CPU from one to give it to the other: SWITCH records with
 * prev_state running between them.  How many depends on timing: this
 * scene is not deterministic, unlike the others.
 */
#include "scenes.h"

#define SPIN_MS		300

static void spin(void)
{
	uint64 end = rdtsc() + (uint64) param(PARAM_TSC_KHZ) * SPIN_MS;

	while (rdtsc() < end)
		;
}

int scene_preempt(void)
{
	int a, b, status;

	if ((a = fork()) == 0) {
		spin();
		exit(0);
	}
	if ((b = fork()) == 0) {
		spin();
		exit(0);
	}
	CHECK(a > 0 && b > 0, "fork returned %d, %d", a, b);
	CHECK(wait(a, &status) == a && status == 0, "child %d: 0x%x", a, status);
	CHECK(wait(b, &status) == b && status == 0, "child %d: 0x%x", b, status);
	return 0;
}
