/*
 * migrate.c - which CPU a task runs on: placement, affinity and
 * migration (Linux's select_task_rq, set_task_cpu and
 * set_cpus_allowed_ptr, small).
 *
 * Placement: a new user task goes to the allowed CPU with the fewest
 * tasks (its parent's on a tie, then the lowest number: Linux's
 * balance on fork); a new kernel thread starts on its creator's CPU (it
 * is bound elsewhere by kthread_bind if it must be).  A woken task
 * stays on its CPU, unless it may no longer run there.  There is no
 * load balancing after that: a task moves only when its affinity tells
 * it to, so a scenario that pins its tasks runs the same every time.
 *
 * Migration: p->cpu changes only with the runqueues of the old and the
 * new CPU both locked (set_task_cpu: the MIGRATE record), so holding
 * the runqueue lock of p->cpu keeps p where it is (task_rq_lock).  A
 * task pushed off its CPU while running is placed by that CPU once it
 * has switched out (finish_task_switch), so whatever the old CPU did to
 * mms in the switch comes before anything the task does on the new one.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "errno.h"
#include "x86.h"
#include "sched.h"
#include "trace.h"

/* Lock p's runqueue, the one of p->cpu, which cannot change while it is held. */
struct rq *task_rq_lock(struct task_struct *p)
{
	struct rq *rq;

	for (;;) {
		rq = cpu_rq(p->cpu);
		acquire(&rq->lock);
		if (rq == cpu_rq(p->cpu))
			return rq;
		release(&rq->lock);
	}
}

/* Lock two runqueues (or one, if a is b), the lower CPU's first. */
void double_rq_lock(struct rq *a, struct rq *b)
{
	if (a == b) {
		acquire(&a->lock);
	} else if (a->cpu < b->cpu) {
		acquire(&a->lock);
		acquire(&b->lock);
	} else {
		acquire(&b->lock);
		acquire(&a->lock);
	}
}

void double_rq_unlock(struct rq *a, struct rq *b)
{
	release(&a->lock);
	if (a != b)
		release(&b->lock);
}

/* Lock p's runqueue and dst; returns p's, which cannot change while both are held. */
static struct rq *double_task_rq_lock(struct task_struct *p, struct rq *dst)
{
	struct rq *rq;

	for (;;) {
		rq = cpu_rq(p->cpu);
		double_rq_lock(rq, dst);
		if (rq == cpu_rq(p->cpu))
			return rq;
		double_rq_unlock(rq, dst);
	}
}

/* Move p, on no runqueue, to cpu: MIGRATE.  Both runqueues locked. */
static void set_task_cpu(struct task_struct *p, int cpu)
{
	if (!holding(&cpu_rq(p->cpu)->lock) || !holding(&cpu_rq(cpu)->lock))
		panic("set_task_cpu: pid %d: runqueues %d and %d not locked", p->pid, p->cpu, cpu);
	trace_migrate(p->pid, p->cpu, cpu);
	p->cpu = cpu;
}

/* How busy cpu is: the tasks on its queue, and the running one unless it idles. */
static uint cpu_load(int cpu)
{
	struct rq *rq = cpu_rq(cpu);

	return rq->nr_running + (rq->curr != rq->idle);
}

/*
 * Where p should go: for a new kernel thread (fork) its creator's CPU
 * if it may run there; otherwise the allowed online CPU with the
 * fewest tasks, p->cpu on a tie, then the lowest.  The loads are read
 * without locks: a hint.
 */
static int select_task_rq(struct task_struct *p, int fork)
{
	uint allowed = p->cpus_allowed & cpu_online_mask, load, best_load = ~0u;
	int cpu, best = -1;

	if (fork && (p->flags & PF_KTHREAD) && (allowed & (1u << p->cpu)))
		return p->cpu;
	if (allowed & (1u << p->cpu)) {
		best = p->cpu;
		best_load = cpu_load(best);
	}
	for (cpu = 0; cpu < NCPU; cpu++) {
		if (!(allowed & (1u << cpu)) || (load = cpu_load(cpu)) >= best_load)
			continue;
		best = cpu;
		best_load = load;
	}
	if (best < 0)
		panic("select_task_rq: pid %d may run on no online cpu (mask 0x%x)", p->pid,
		      p->cpus_allowed);
	return best;
}

/*
 * Put p, runnable but on no runqueue (new, woken onto a CPU it may no
 * longer use, or pushed off one), on the runqueue of a CPU it may run
 * on.  fork: p is new (wake_up_new_task).
 */
void place_task(struct task_struct *p, int fork)
{
	struct rq *rq, *dst;
	int cpu;

	for (;;) {
		cpu = select_task_rq(p, fork);
		dst = cpu_rq(cpu);
		rq = double_task_rq_lock(p, dst);
		if (cpu_allowed(p, cpu))
			break;
		double_rq_unlock(rq, dst);	/* the affinity changed meanwhile */
	}
	if (p->cpu != cpu)
		set_task_cpu(p, cpu);
	activate_task(dst, p);
	double_rq_unlock(rq, dst);
}

/*
 * p runs on a CPU it may no longer use: make it schedule, and wait
 * until it has left (MIGRATE), or gone to sleep; current is not p.
 * A busy wait, so that the caller does nothing to any mm meanwhile:
 * what p's CPU does in the switch comes first.
 */
static void wait_task_moved(struct task_struct *p, int cpu)
{
	uint64 t0 = rdtsc(), deadline = watchdog_deadline();

	while (p->cpu == cpu && p->state == TASK_RUNNING) {
		pause();
		if (rdtsc() > deadline)
			watchdog_bark(t0, "pid %d to leave cpu %d", p->pid, cpu);
	}
}

/* p, running on rq's CPU, is to reschedule now; rq->lock held. */
static void resched_curr(struct rq *rq)
{
	rq->need_resched = 1;
	if (rq->cpu != cpuid())
		smp_send_resched(rq->cpu);
}

/*
 * Let p run only on the CPUs in mask (Linux's set_cpus_allowed_ptr).
 * If its CPU is not one of them: a sleeping task moves when it is woken;
 * a queued one moves now; a running one is made to schedule and is
 * pushed once switched out: current returns on an allowed CPU, another
 * task's caller waits until it has left.  0 or -EINVAL.
 */
int set_cpus_allowed(struct task_struct *p, uint mask)
{
	struct rq *rq;

	if ((mask &= cpu_online_mask) == 0 || (p->flags & PF_IDLE))
		return -EINVAL;
	rq = task_rq_lock(p);
	p->cpus_allowed = mask;
	if (cpu_allowed(p, rq->cpu) || !p->on_rq) {
		release(&rq->lock);	/* asleep, or being placed: checked there */
	} else if (rq->curr == p) {
		resched_curr(rq);
		release(&rq->lock);
		if (p == current)
			schedule();
		else
			wait_task_moved(p, rq->cpu);
	} else {
		dequeue_task(rq, p);
		p->on_rq = 0;
		release(&rq->lock);
		place_task(p, 0);
	}
	return 0;
}
