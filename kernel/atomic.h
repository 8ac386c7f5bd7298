/*
 * atomic.h - atomic_t, Linux's counter type, with lock-prefixed
 * instructions so that increments and decrements from several CPUs are
 * never lost.  mm_users, mm_count and a task's usage are atomic_t; CPU
 * masks (mm_cpumask, cpu_online_mask) change by atomic bit operations.
 */
#ifndef KERNEL_ATOMIC_H
#define KERNEL_ATOMIC_H

typedef struct {
	volatile int counter;
} atomic_t;

#define ATOMIC_INIT(i)	{ (i) }

static inline int atomic_read(const atomic_t *v)
{
	return v->counter;
}

static inline void atomic_set(atomic_t *v, int i)
{
	v->counter = i;
}

static inline void atomic_inc(atomic_t *v)
{
	asm volatile("lock; incl %0" : "+m" (v->counter) : : "memory");
}

static inline void atomic_dec(atomic_t *v)
{
	asm volatile("lock; decl %0" : "+m" (v->counter) : : "memory");
}

/* Decrement; true if the result is 0. */
static inline int atomic_dec_and_test(atomic_t *v)
{
	unsigned char zero;

	asm volatile("lock; decl %0; sete %1" : "+m" (v->counter), "=qm" (zero) : : "memory");
	return zero;
}

/* Atomically set bit nr of *addr; return its old value. */
static inline int test_and_set_bit(int nr, volatile unsigned int *addr)
{
	unsigned char old;

	asm volatile("lock; btsl %2, %0; setc %1" : "+m" (*addr), "=qm" (old) : "Ir" (nr) : "memory");
	return old;
}

/* Atomically clear bit nr of *addr; return its old value. */
static inline int test_and_clear_bit(int nr, volatile unsigned int *addr)
{
	unsigned char old;

	asm volatile("lock; btrl %2, %0; setc %1" : "+m" (*addr), "=qm" (old) : "Ir" (nr) : "memory");
	return old;
}

/* Atomically set bit nr of *addr. */
static inline void set_bit(int nr, volatile unsigned int *addr)
{
	asm volatile("lock; btsl %1, %0" : "+m" (*addr) : "Ir" (nr) : "memory");
}

/* Atomically clear bit nr of *addr. */
static inline void clear_bit(int nr, volatile unsigned int *addr)
{
	asm volatile("lock; btrl %1, %0" : "+m" (*addr) : "Ir" (nr) : "memory");
}

#endif /* KERNEL_ATOMIC_H */
