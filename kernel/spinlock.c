/*
 * spinlock.c - spinlocks, and pushcli/popcli to keep interrupts off.
 *
 * A CPU that finds a lock taken spins with interrupts off.  Meanwhile it
 * answers what other CPUs wait for from it (smp_poll: the holder may be
 * waiting for this CPU's TLB shootdown answer), and after the watchdog's time
 * it gives up: a PANIC names the lock and the CPU that holds it.
 */
#include "types.h"
#include "defs.h"
#include "x86.h"
#include "cpu.h"
#include "spinlock.h"

void initlock(struct spinlock *lk, const char *name)
{
	lk->name = name;
	lk->locked = 0;
	lk->cpu = 0;
}

/* The lock was taken: wait until it is free and take it. */
static void spin_on(struct spinlock *lk)
{
	uint64 t0 = rdtsc(), deadline = watchdog_deadline();
	struct cpu *holder;

	do {
		while (lk->locked) {
			pause();
			smp_poll();
			if (rdtsc() > deadline && (holder = lk->cpu) != 0)
				watchdog_bark(t0, "lock %s (cpu %d)", lk->name, holder->id);
		}
	} while (xchg(&lk->locked, 1) != 0);
}

/*
 * Spin until the lock is ours.  Interrupts stay off until release(), so an
 * interrupt handler on this CPU can never wait for a lock its CPU holds.
 */
void acquire(struct spinlock *lk)
{
	pushcli();
	if (holding(lk))
		panic("acquire %s: already held by this cpu", lk->name);
	if (xchg(&lk->locked, 1) != 0)
		spin_on(lk);
	/* The critical section's loads and stores stay after this point. */
	__sync_synchronize();
	lk->cpu = mycpu();
}

void release(struct spinlock *lk)
{
	if (!holding(lk))
		panic("release %s: not held", lk->name);
	lk->cpu = 0;
	/* ...and before this one. */
	__sync_synchronize();
	asm volatile("movl $0, %0" : "+m" (lk->locked));
	popcli();
}

/* Does this CPU hold the lock?  Call with interrupts off. */
int holding(struct spinlock *lk)
{
	return lk->locked && lk->cpu == mycpu();
}

/*
 * pushcli/popcli are matched cli/sti: two pushcli take two popcli, and if
 * interrupts were off before the first pushcli they stay off.
 */
void pushcli(void)
{
	uint eflags = readeflags();
	struct cpu *c;

	cli();
	c = mycpu();
	if (c->ncli == 0)
		c->intena = eflags & FL_IF;
	c->ncli++;
}

void popcli(void)
{
	struct cpu *c = mycpu();

	if (readeflags() & FL_IF)
		panic("popcli: interrupts are on");
	if (--c->ncli < 0)
		panic("popcli: more popcli than pushcli");
	if (c->ncli == 0 && c->intena)
		sti();
}
