/*
 * spinlock.h - mutual exclusion between CPUs; holding one keeps
 * interrupts off on this CPU (pushcli), so a handler cannot deadlock on it.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include "types.h"

struct cpu;

struct spinlock {
	volatile uint locked;		/* is the lock held? */
	const char *name;		/* for panics */
	struct cpu *cpu;		/* holder, 0 when free */
};

#endif /* KERNEL_SPINLOCK_H */
