/*
 * sched.c - the scheduler: each CPU's runqueue, schedule(), and the
 * context switch with its mm bookkeeping.
 *
 * One FIFO runqueue per CPU (struct rq in struct cpu); a task runs
 * until it sleeps, yields, exits, or uses up TIMESLICE_TICKS while in
 * user mode (there is no preemption of kernel code: Linux's
 * PREEMPT_NONE).  context_switch does what Linux does to mm, active_mm
 * and the counters, in either era (command line era=):
 *
 *   2.6.32 (kernel/sched.c)        modern (5.10 kernel/sched/core.c)
 *   to kernel: borrow + mmgrab     from user: borrow + mmgrab
 *                                  from kernel: hand the borrow over
 *   to user: switch_mm             to user: switch_mm
 *   from kernel: rq->prev_mm       from kernel to user: rq->prev_mm
 *
 * and finish_task_switch, after the stack switch, drops rq->prev_mm.
 * rq->lock is taken in schedule() and released by finish_task_switch
 * in the task switched to, as in Linux: so a CPU that takes another's
 * runqueue lock never finds a task of it half switched.  Which CPU a
 * task runs on is migrate.c's: placement, affinity, migration.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "cmdline.h"
#include "mm.h"
#include "sched.h"
#include "trace.h"

extern char boot_stack[];

/* Static, so that starting a CPU allocates no page (BOOT.free_pages). */
static struct task_struct idle_tasks[NCPU];	/* swapper/N; [0] is Linux's init_task */
static char ap_idle_stacks[NCPU - 1][KSTACKSIZE] __attribute__((aligned(PGSIZE)));

atomic_t nr_pushing;		/* tasks pushed off their CPU, not yet placed */
atomic_t sched_wakeups;		/* tasks made runnable so far */

/* CPU cpu's idle stack: the boot stack for CPU 0 (entry.S), a static one for an AP. */
char *idle_stack(int cpu)
{
	return cpu == 0 ? boot_stack : ap_idle_stacks[cpu - 1];
}

struct rq *cpu_rq(int cpu)
{
	return &cpus[cpu].rq;
}

/*
 * Make the code running on idle_stack(c->id), on CPU c, the idle task
 * and current of CPU c: pid 0, PF_IDLE, bound to its CPU, a kernel
 * thread on init_mm, which it grabs (sched_init's
 * atomic_inc(&init_mm.mm_count) in 2.6.32).
 */
void idle_init(struct cpu *c)
{
	struct task_struct *idle = &idle_tasks[c->id];
	char *stack = idle_stack(c->id);

	idle->flags = PF_KTHREAD | PF_IDLE;
	idle->cpu = c->id;
	idle->cpus_allowed = 1u << c->id;
	idle->on_rq = 1;
	idle->on_cpu = 1;
	idle->stack = stack;
	*(uint *) stack = STACK_END_MAGIC;
	idle->tf = (struct trapframe *) ((char *) stack + KSTACKSIZE) - 1;
	atomic_set(&idle->usage, 2);
	initlock(&idle->alloc_lock, "task_lock");
	INIT_LIST_HEAD(&idle->run_list);
	INIT_LIST_HEAD(&idle->children);
	INIT_LIST_HEAD(&idle->sibling);
	INIT_LIST_HEAD(&idle->tasks);
	init_waitqueue_head(&idle->wait_chldexit, "wait_chldexit");
	snprintf(idle->comm, sizeof(idle->comm), "swapper/%d", c->id);
	idle->active_mm = &init_mm;
	initlock(&c->rq.lock, "rq");
	INIT_LIST_HEAD(&c->rq.queue);
	c->rq.cpu = c->id;
	c->rq.curr = c->rq.idle = idle;
	trace_task_new(idle, 0);
	mmgrab(&init_mm, MMT_WHY_IDLE_INIT);
	enter_lazy_tlb(&init_mm, idle);
}

/* The boot CPU's runqueue; the code running main() becomes its idle task. */
void sched_init(void)
{
	idle_init(&cpus[0]);
}

/* Is p's kernel stack intact?  A task that overflowed it overwrote STACK_END_MAGIC. */
int task_stack_ok(struct task_struct *p)
{
	return *(uint *) p->stack == STACK_END_MAGIC;
}

/* rq->lock held for these: */

void enqueue_task(struct rq *rq, struct task_struct *p)
{
	list_add_tail(&p->run_list, &rq->queue);
	rq->nr_running++;
}

void dequeue_task(struct rq *rq, struct task_struct *p)
{
	list_del_init(&p->run_list);
	rq->nr_running--;
}

static struct task_struct *pick_next_task(struct rq *rq)
{
	struct task_struct *p;

	if (list_empty(&rq->queue))
		return rq->idle;
	p = list_first_entry(&rq->queue, struct task_struct, run_list);
	dequeue_task(rq, p);
	return p;
}

/*
 * Make p (on no runqueue) runnable on rq.  A CPU that runs its idle
 * task or a kernel thread is to reschedule at its next chance (the
 * idle loop; a busy kernel thread's cond_resched); an idle one may be
 * halted, so it gets a reschedule IPI too.  A user task is not
 * preempted for it: its timeslice decides.
 */
void activate_task(struct rq *rq, struct task_struct *p)
{
	struct task_struct *curr = rq->curr;

	p->on_rq = 1;
	enqueue_task(rq, p);
	atomic_inc(&sched_wakeups);
	if (curr == rq->idle || (curr->flags & PF_KTHREAD)) {
		rq->need_resched = 1;
		if (curr == rq->idle && rq->cpu != cpuid())
			smp_send_resched(rq->cpu);
	}
}

/* Should current give up its CPU at its next chance?  (cond_resched) */
int need_resched(void)
{
	return this_rq()->need_resched;
}

/*
 * Wake p if its state is in state (TASK_NORMAL: any sleep): it becomes
 * TASK_RUNNING, and runnable if schedule() had taken it off its
 * runqueue: on its CPU, or, if it may no longer run there, on one it
 * may (place_task).  Returns 1 if p was asleep.
 */
int try_to_wake_up(struct task_struct *p, long state)
{
	struct rq *rq = task_rq_lock(p);
	int woken = 0, elsewhere = 0;

	if (p->state & state) {
		p->state = TASK_RUNNING;
		woken = 1;
		if (!p->on_rq) {
			trace_task_state(p->pid, MMT_TASK_RUNNING);
			if (cpu_allowed(p, rq->cpu))
				activate_task(rq, p);
			else
				elsewhere = 1;
		}
	}
	release(&rq->lock);
	if (elsewhere)
		place_task(p, 0);
	return woken;
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_NORMAL);
}

/* A new task's first wake-up: placed on a CPU (migrate.c), to the back of its queue. */
void wake_up_new_task(struct task_struct *p)
{
	p->state = TASK_RUNNING;
	place_task(p, 1);
}

static void set_prev_mm(struct rq *rq, struct mm_struct *mm)
{
	rq->prev_mm = mm;
	trace_prev_mm(mm->id, MMT_PREV_SET);
}

/*
 * The mm half of context_switch, inlined into it so that the caller the
 * trace shows for a borrow is context_switch, as in Linux.
 */

/* 2.6.32's context_switch: a kernel thread always grabs what it borrows. */
static __always_inline void mm_switch_2632(struct rq *rq, struct task_struct *prev,
					   struct task_struct *next)
{
	struct mm_struct *mm = next->mm, *oldmm = prev->active_mm;

	if (!mm) {
		next->active_mm = oldmm;
		if (!bug_injected(MMT_BUG_LAZY_NO_GRAB))
			mmgrab(oldmm, MMT_WHY_LAZY_BORROW);
		enter_lazy_tlb(oldmm, next);
	} else {
		switch_mm(oldmm, mm, MMT_CR3_SWITCH);
	}
	if (!prev->mm) {
		prev->active_mm = 0;
		set_prev_mm(rq, oldmm);
	}
}

/*
 * 5.10's context_switch: kernel -> kernel hands the borrow over with no
 * count change.  (5.10 calls enter_lazy_tlb before mmgrab; the trace
 * keeps 2.6.32's order in both eras, which changes no count.)
 */
static __always_inline void mm_switch_modern(struct rq *rq, struct task_struct *prev,
					     struct task_struct *next)
{
	if (!next->mm) {				/* to kernel */
		next->active_mm = prev->active_mm;
		if (prev->mm) {				/* from user */
			if (!bug_injected(MMT_BUG_LAZY_NO_GRAB))
				mmgrab(prev->active_mm, MMT_WHY_LAZY_BORROW);
		} else {
			prev->active_mm = 0;
		}
		enter_lazy_tlb(next->active_mm, next);
	} else {					/* to user */
		switch_mm(prev->active_mm, next->mm, MMT_CR3_SWITCH);
		if (!prev->mm) {			/* from kernel */
			set_prev_mm(rq, prev->active_mm);
			prev->active_mm = 0;
		}
	}
}

/* SWITCH.flags of the switch from prev to next, before anything changes. */
static uint switch_flags(struct task_struct *prev, struct task_struct *next)
{
	int modern = cmdline.era == MMT_ERA_MODERN;
	uint f = 0;

	if (!next->mm) {
		f |= MMT_SW_LAZY;
		if (modern && !prev->mm)
			f |= MMT_SW_HANDOFF;
	} else {
		f |= switch_mm_loads(prev->active_mm, next->mm) ? MMT_SW_LOAD : MMT_SW_SAME;
	}
	if (!prev->mm && !(f & MMT_SW_HANDOFF))
		f |= MMT_SW_PREV_MM;
	return f;
}

/*
 * Switch from prev to next: mm bookkeeping of the era, the kernel stack
 * for traps from ring 3, then the stack switch.  Returns, in the task
 * switched to, the task it replaced.  intena belongs to the task, not
 * the CPU: each task keeps its own across the switch (xv6's sched()).
 */
static noinline struct task_struct *
context_switch(struct rq *rq, struct task_struct *prev, struct task_struct *next)
{
	struct cpu *c = mycpu();
	int intena;

	trace_switch(prev, next, next->mm ? next->mm : prev->active_mm, switch_flags(prev, next));
	next->on_cpu = 1;
	if (cmdline.era == MMT_ERA_MODERN)
		mm_switch_modern(rq, prev, next);
	else
		mm_switch_2632(rq, prev, next);
	next->timeslice = TIMESLICE_TICKS;
	c->ts.esp0 = (uint) next->stack + KSTACKSIZE;
	intena = c->intena;
	prev = swtch(&prev->context, next->context, prev);
	mycpu()->intena = intena;
	return prev;
}

/*
 * The second half of a switch, in the task switched to: prev is off
 * the CPU; release the runqueue, drop the mm a kernel thread left in
 * rq->prev_mm (the mmdrop that can free a dead task's mm), place prev
 * on another CPU if it may no longer run on this one (after the mmdrop:
 * what this CPU does to mms comes before what prev does elsewhere),
 * and put a dead prev's task reference.  bug=no_prev_drop forgets
 * rq->prev_mm.
 */
static noinline void finish_task_switch(struct task_struct *prev)
{
	struct rq *rq = this_rq();
	struct mm_struct *mm = rq->prev_mm;
	struct task_struct *push = rq->push;
	long prev_state = prev->state;

	rq->prev_mm = 0;
	rq->push = 0;
	if (mm && bug_injected(MMT_BUG_NO_PREV_DROP))
		mm = 0;
	if (mm)
		trace_prev_mm(mm->id, MMT_PREV_DROP);
	prev->on_cpu = 0;
	release(&rq->lock);
	if (mm)
		mmdrop(mm, MMT_WHY_PREV_MM);
	if (push) {
		place_task(push, 0);
		atomic_dec(&nr_pushing);
	}
	if (prev_state == TASK_DEAD)
		put_task_struct(prev);
}

/* A new task's first code (ret_from_fork): finish the switch that started it. */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
}

/* Take prev off the CPU: it sleeps (or is dead) and leaves the runqueue. */
static void deactivate_task(struct task_struct *prev)
{
	prev->on_rq = 0;
	if (prev->state != TASK_DEAD)
		trace_task_state(prev->pid, MMT_TASK_SLEEPING);
}

/*
 * prev is still runnable: to the back of the queue, or, if it may no
 * longer run here (sched_setaffinity), off this runqueue, to be placed
 * elsewhere by finish_task_switch once its stack is free.
 */
static void put_prev_task(struct rq *rq, struct task_struct *prev)
{
	if (cpu_allowed(prev, rq->cpu)) {
		enqueue_task(rq, prev);
		return;
	}
	prev->on_rq = 0;
	rq->push = prev;
	atomic_inc(&nr_pushing);
}

/*
 * Give the CPU to the next runnable task: current goes to the back of
 * the queue if it is still TASK_RUNNING, else it sleeps.  No lock may
 * be held (a sleeper would keep it).
 */
void schedule(void)
{
	struct task_struct *prev = current, *next;
	struct rq *rq;

	if (mycpu()->ncli != 0)
		panic("schedule: pid %d holds a lock (ncli %d)", prev->pid, mycpu()->ncli);
	if (!task_stack_ok(prev))
		panic("schedule: pid %d overflowed its kernel stack", prev->pid);
	rq = this_rq();
	acquire(&rq->lock);
	rq->need_resched = 0;
	if (prev->state != TASK_RUNNING)
		deactivate_task(prev);
	else if (prev != rq->idle)
		put_prev_task(rq, prev);
	next = pick_next_task(rq);
	if (next == prev) {
		release(&rq->lock);
		return;
	}
	rq->nr_switches++;
	rq->curr = next;
	prev = context_switch(rq, prev, next);
	finish_task_switch(prev);
}

void yield(void)
{
	schedule();
}

/* Each timer tick on each CPU: account the running task's timeslice. */
void scheduler_tick(void)
{
	struct rq *rq = this_rq();
	struct task_struct *curr;

	acquire(&rq->lock);
	curr = rq->curr;
	if (curr != rq->idle && --curr->timeslice <= 0)
		rq->need_resched = 1;
	release(&rq->lock);
}

/* Wait for an interrupt, unless there is work: a task to run, records to send. */
static void idle_wait(void)
{
	trace_idle();
	cli();
	if (!this_rq()->need_resched && !trace_pending())
		asm volatile("sti; hlt" ::: "memory");	/* sti's shadow covers hlt */
	else
		sti();
}

/* The idle task's loop; the boot CPU's also ends the run (init.c). */
void cpu_idle(void)
{
	for (;;) {
		while (!this_rq()->need_resched) {
			idle_check_end();
			idle_wait();
		}
		schedule();
	}
}

/*
 * The CPU goes down (the end of a run): back to init_mm's page directory,
 * and drop the active_mm the idle task borrowed.  As 5.10's finish_cpu,
 * the idle task is left pointing at init_mm.
 */
void idle_task_exit(void)
{
	struct task_struct *idle = current;
	struct mm_struct *mm = idle->active_mm;

	if (!(idle->flags & PF_IDLE))
		panic("idle_task_exit: pid %d is not an idle task", idle->pid);
	if (mm != &init_mm)
		switch_mm(mm, &init_mm, MMT_CR3_SWITCH);
	idle->active_mm = &init_mm;
	mmdrop(mm, MMT_WHY_IDLE_EXIT);
}
