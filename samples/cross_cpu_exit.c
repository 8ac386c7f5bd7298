/*
 * cross_cpu_exit - the case that needs two counters, on two CPUs: task
 * A exits on CPU 0 while kernel thread B on CPU 1 still borrows A's mm.
 * A's exit takes mm_users to 0 on CPU 0 while mm_count stays 1 (B's
 * borrow); the mm is freed on CPU 1, in finish_task_switch, when B
 * gives its CPU to a user task (us).  Everything is pinned, so this
 * happens every run, in this order:
 *
 *   we (pinned to CPU 0) create B and bind it to CPU 1, fork A, wait;
 *   A moves to CPU 1, wakes B, and moves back: A->B on CPU 1, B
 *   borrows A's mm; A exits on CPU 0; B, busy, keeps the borrow (and
 *   its CPU leaves the mm when A's exit_mmap shoots its TLB down);
 *   we reap A and move to CPU 1: B yields to us and that switch frees
 *   A's mm; we stop B and go back to CPU 0.
 *
 * On one CPU A and B take turns on CPU 0 instead: zombie_mm's story.
 */
#include "scenes.h"

/* A mark that names a CPU */
static void markf(const char *fmt, int cpu)
{
	char text[64];

	snprintf(text, sizeof(text), fmt, cpu);
	mark(text);
}

/* A: to cpu 1, start B there, leave it to B, exit on cpu 0. */
static void __attribute__((noreturn)) child_a(int b, int cpu1)
{
	if (pin(cpu1) < 0 || sched_getcpu() != cpu1)
		exit(2);
	markf("A runs on cpu %d and wakes kernel thread B", cpu1);
	if (kthread_start(b) < 0)
		exit(3);
	markf("A leaves cpu %d to B, which borrows A's mm", cpu1);
	if (pin(0) < 0 || sched_getcpu() != 0)
		exit(4);
	mark("A exits on cpu 0: B's borrow keeps the mm");
	exit(0);
}

int scene_cross_cpu_exit(void)
{
	int cpu1 = ncpus() > 1 ? 1 : 0, a, b, status, saw_leave;

	CHECK(pin(0) == 0, "pin to cpu 0");
	if (cpu1 == 0)
		mark("one CPU: A and B take turns on cpu 0");
	b = kthread_create(KT_BUSY, 0, 0);
	CHECK(b > 0, "kthread_create returned %d", b);
	CHECK(kthread_bind(b, cpu1) == 0, "kthread_bind %d to cpu %d", b, cpu1);
	a = fork();
	if (a == 0)
		child_a(b, cpu1);
	CHECK(a > 0, "fork returned %d", a);
	CHECK(wait(a, &status) == a, "wait for %d", a);
	CHECK(status == 0, "A's status 0x%x", status);
	mark("A is reaped; B still borrows its mm");
	CHECK(pin(cpu1) == 0 && sched_getcpu() == cpu1, "move to cpu %d", cpu1);
	markf("B yielded cpu %d to us: A's mm is freed", cpu1);
	saw_leave = kthread_stop(b);
	CHECK(pin(0) == 0 && sched_getcpu() == 0, "back to cpu 0");
	CHECK(saw_leave == (cpu1 == 1), "B saw leave_mm: %d", saw_leave);
	return 0;
}
