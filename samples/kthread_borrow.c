/*
 * kthread_borrow - a kernel thread K (sleeper) borrows our mm each time
 * it runs after us: we wake it three times and yield to it; then we
 * sleep while its nap ends, so it runs after the idle task; then we
 * stop it.
 */
#include "scenes.h"

#define ROUNDS	3
#define SLEEP_MS	100	/* longer than the sleeper's nap (kernel/kdemo.c) */

int scene_kthread_borrow(void)
{
	int k, i, seen;

	k = kthread(KT_SLEEPER, ROUNDS, 0);
	CHECK(k > 0, "kthread returned %d", k);
	yield();			/* K runs up to its first sleep */
	for (i = 0; i < ROUNDS; i++) {
		CHECK(kthread_poke(k) == 0, "poke %d", i);
		yield();		/* K marks and sleeps again */
	}
	sleep(SLEEP_MS);
	seen = kthread_stop(k);
	CHECK(seen == ROUNDS, "the sleeper saw %d wake-ups", seen);
	return 0;
}
