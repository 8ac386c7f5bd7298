/*
 * scen_watchdog.c - the deadlock scenario: the watchdog, on purpose.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "cmdline.h"
#include "sched.h"
#include "trace.h"
#include "scenario.h"

static struct spinlock lock_a = { .name = "deadlock_a" };
static struct spinlock lock_b = { .name = "deadlock_b" };
static volatile int holds[2];		/* taker i holds its first lock */

/*
 * Taker i, bound to CPU i: its own lock, then, once the other taker
 * holds its own, the other's.  Each spins on a lock the other holds:
 * after watchdog= ms the watchdog's PANIC names the lock and its holder.
 */
static int taker(void *arg)
{
	int i = (int) arg;
	struct spinlock *mine = i ? &lock_b : &lock_a, *theirs = i ? &lock_a : &lock_b;

	acquire(mine);
	holds[i] = 1;
	while (!holds[!i])
		pause();
	acquire(theirs);
	release(theirs);
	release(mine);
	return 0;
}

/*
 * deadlock: two kernel threads on CPUs 0 and 1 take two locks in
 * opposite order.  The run ends with the watchdog's PANIC (QEMU status
 * 37); if it ever ends any other way the watchdog is broken.
 */
static int deadlock(void)
{
	struct task_struct *k[2];
	int i;

	if (cpus_to_start() < 2)
		return scenario_fail("deadlock needs 2 cpus (smp=2)");
	for (i = 0; i < 2; i++) {
		if ((k[i] = kthread_create(taker, (void *) i, i ? "taker_b" : "taker_a")) == 0)
			return scenario_fail("kthread_create: no memory");
		kthread_bind(k[i], i);
	}
	trace_msg(MMT_MSG_INFO, "two cpus take two locks in opposite order; watchdog=%u",
		  cmdline.watchdog_ms);
	for (i = 0; i < 2; i++)
		wake_up_process(k[i]);
	msleep(2 * cmdline.watchdog_ms);
	return scenario_fail("the watchdog did not bark within %u ms", 2 * cmdline.watchdog_ms);
}
SCENARIO("deadlock", deadlock, 2, ALL_ERAS, 0,
	 "two cpus take two locks in opposite order: the watchdog's PANIC names lock and holder");
