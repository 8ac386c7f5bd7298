/*
 * time.c - jiffies and sleeping for a while: schedule_timeout and msleep.
 *
 * The boot CPU's timer tick advances jiffies (HZ per second) and wakes
 * the tasks whose timers expired.  A timer lives on its sleeper's stack;
 * timer_lock protects the list of them (lock order: timer_lock, then a
 * runqueue's).
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "list.h"
#include "spinlock.h"
#include "sched.h"

struct timer {
	uint64 expires;			/* jiffies at which to wake */
	struct task_struct *task;	/* the sleeper */
	struct list_head entry;		/* on timers */
};

volatile uint64 jiffies;		/* timer ticks since boot */
static struct spinlock timer_lock = { .name = "timer" };
static struct list_head timers = LIST_HEAD_INIT(timers);	/* timer_lock */

/* The boot CPU's tick: advance jiffies, wake sleepers whose time has come. */
void timer_tick(void)
{
	struct timer *t, *n;

	acquire(&timer_lock);
	jiffies++;
	list_for_each_entry_safe(t, n, &timers, entry) {
		if (t->expires <= jiffies) {
			list_del_init(&t->entry);
			wake_up_process(t->task);
		}
	}
	release(&timer_lock);
}

/*
 * Sleep until jiffies reaches expires, or until woken otherwise.  The
 * caller set current's state, as for schedule().  Returns the ticks left.
 */
static long schedule_timeout_until(uint64 expires)
{
	struct timer t = { .expires = expires, .task = current };

	acquire(&timer_lock);
	list_add_tail(&t.entry, &timers);
	release(&timer_lock);
	schedule();
	acquire(&timer_lock);
	list_del_init(&t.entry);
	release(&timer_lock);
	return jiffies < expires ? (long) (expires - jiffies) : 0;
}

long schedule_timeout(long ticks)
{
	return schedule_timeout_until(jiffies + ticks);
}

/* Sleep at least ms milliseconds, rounded up to whole ticks. */
void msleep(uint ms)
{
	uint64 expires = jiffies + (ms * HZ + 999) / 1000;

	while (jiffies < expires) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout_until(expires);
	}
	set_current_state(TASK_RUNNING);
}

/* Is any task sleeping on a timer?  (The end-of-run check in init.c.) */
int timers_pending(void)
{
	int pending;

	acquire(&timer_lock);
	pending = !list_empty(&timers);
	release(&timer_lock);
	return pending;
}
