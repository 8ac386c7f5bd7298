/*
 * init.c - from the boot CPU's idle task to the scenario and back
 * (Linux's init/main.c rest_init and kernel_init).
 *
 * rest_init starts kernel_init (pid 1) and kthreadd (pid 2) and becomes
 * the idle loop.  kernel_init waits until kthreadd is up, then starts
 * the scenario: it execs the scenario's program, so pid 1 is the
 * scenario's process, as Linux's init is.  When pid 1 exits, kthreadd
 * is told to exit too; when every task has been freed the boot CPU's
 * idle task ends the run: idle_task_exit, leak checks, END.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "cmdline.h"
#include "mm.h"
#include "sched.h"
#include "slab.h"
#include "trace.h"
#include "scenario.h"

static struct completion kthreadd_done;	/* kthreadd is up */
static volatile int init_done;		/* pid 1 has exited */
static long init_code;			/* with this code */
static int init_was_kthread;		/* ...and had never left the kernel */

/* pid 1; it may run on any CPU (2.6.32's kernel_init), as may what it execs. */
static int kernel_init(void *unused)
{
	(void) unused;
	set_cpus_allowed(current, cpu_online_mask);
	wait_for_completion(&kthreadd_done);
	return scenario_start();
}

/* The boot CPU, now its idle task: start init and kthreadd, then idle. */
void rest_init(void)
{
	struct task_struct *p;

	scenario_select();
	init_completion(&kthreadd_done, "kthreadd_done");
	p = find_get_task(kernel_thread(kernel_init, 0, "kernel_init"));
	child_reaper = p;
	put_task_struct(p);
	p = find_get_task(kernel_thread(kthreadd, &kthreadd_done, "kthreadd"));
	kthreadd_task = p;
	put_task_struct(p);
	if (!child_reaper || !kthreadd_task)
		panic("rest_init: cannot start init and kthreadd");
	sti();
	cpu_idle();
}

/* exit_notify of pid 1: the run winds down. */
void init_exited(long code, int kthread)
{
	init_code = code;
	init_was_kthread = kthread;
	init_done = 1;
	kthreadd_stop();
}

/*
 * Every task sleeps and none can be woken: a scenario that waits for
 * something that never comes, or leaves a thread behind.  A failed run,
 * not a kernel panic: COM1 lists the tasks, END names the first.
 */
static void stuck(void)
{
	struct task_struct *t, *first = 0;
	int pid = -1;
	char comm[TASK_COMM_LEN] = "";

	acquire(&tasklist_lock);
	list_for_each_entry(t, &task_list, tasks) {
		cprintf("stuck: pid %d (%s) state %ld, exit_state %d\n", t->pid, t->comm,
			t->state, t->exit_state);
		if (!first)
			first = t;
	}
	if (first) {
		pid = first->pid;
		safestrcpy(comm, first->comm, sizeof(comm));
	}
	release(&tasklist_lock);
	scenario_abort("stuck: pid %d %s sleeps for ever", pid, comm);
}

/*
 * The CPUs go down: the others one after another (IPI_STOP: each runs
 * idle_task_exit on its own ring, sends its trace and halts), then
 * this one; caches and quarantines give back their pages; END.
 */
static void end_of_run(void)
{
	uint late = smp_stop_others(STOP_IDLE_EXIT, cmdline.watchdog_ms);

	if (late)
		panic("end of run: cpus 0x%x did not stop", late);
	idle_task_exit();
	kmem_cache_drain();
	pgd_quarantine_drain();
	mm_leak_check();
	scenario_end(init_code, init_was_kthread);
}

/* Does CPU c run its idle task, with nothing queued and no rq->prev_mm to drop? */
static int cpu_quiet(int c)
{
	struct rq *rq = cpu_rq(c);
	int quiet;

	acquire(&rq->lock);
	quiet = rq->curr == rq->idle && rq->nr_running == 0 && !rq->prev_mm && !rq->push;
	release(&rq->lock);
	return quiet;
}

/*
 * Is every online CPU quiet, and did no task become runnable while we
 * looked (a task on a CPU looked at later may have woken one on a CPU
 * looked at before)?
 */
static int all_quiet(void)
{
	uint wakeups = atomic_read(&sched_wakeups);
	int c;

	for (c = 0; c < NCPU; c++)
		if ((cpu_online_mask & (1u << c)) && !cpu_quiet(c))
			return 0;
	return atomic_read(&nr_pushing) == 0 && (uint) atomic_read(&sched_wakeups) == wakeups;
}

/*
 * Every CPU quiet, tasks left, nobody on a timer, and no task made
 * runnable for STUCK_MS: nothing can wake a task any more.  (For a
 * moment after a CPU is quiet a dead task may still be on its way out:
 * hence the wait.)
 */
static int stuck_for_good(int quiet)
{
	static uint64 since;		/* when we first saw it, 0 if we did not */
	static uint wakeups;		/* sched_wakeups then */
	uint now = atomic_read(&sched_wakeups);

	if (!quiet || atomic_read(&nr_tasks) == 0 || timers_pending()) {
		since = 0;
	} else if (since == 0 || now != wakeups) {
		since = rdtsc();
		wakeups = now;
	} else if (tsc_ms_since(since) >= STUCK_MS) {
		return 1;
	}
	return 0;
}

/*
 * The boot CPU's idle loop asks this each time round: is the run over
 * (init gone, every task freed, every CPU idle with its rq->prev_mm
 * dropped)?  Or can nothing happen any more (every CPU idle, nobody on
 * a timer, tasks left: only a task or a timer can wake a task)?
 */
void idle_check_end(void)
{
	int quiet;

	pushcli();
	if (cpuid() == 0) {
		quiet = this_rq()->nr_running == 0 && all_quiet();
		if (quiet && init_done && atomic_read(&nr_tasks) == 0)
			end_of_run();
		if (stuck_for_good(quiet))
			stuck();
	}
	popcli();
}
