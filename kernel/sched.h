/*
 * sched.h - struct task_struct and the scheduler's interface.
 *
 * Task states are Linux's: state is TASK_RUNNING (runnable or running),
 * TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE (sleeping; no signals here,
 * so the two differ only in name) or TASK_DEAD (its last switch away);
 * exit_state is EXIT_ZOMBIE (exited, its parent has not reaped it) or
 * EXIT_DEAD (reaped).  A task is freed when its usage count drops to 0:
 * it starts at 2, one put by finish_task_switch after the dead task's
 * last switch, one by release_task when it is reaped.
 *
 * A runnable task that is on no runqueue and not running (TASK_RUNNING,
 * on_rq 0, on_cpu 0) is being placed: new, woken onto a CPU it may no
 * longer use, or pushed off one (migrate.c).
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include "types.h"
#include "atomic.h"
#include "list.h"
#include "spinlock.h"
#include "wait.h"
#include "cpu.h"
#include "syscall.h"		/* CLONE_VM, CLONE_VFORK */

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define TASK_DEAD		64

#define EXIT_ZOMBIE		16
#define EXIT_DEAD		32

/* task flags: Linux's values */
#define PF_IDLE			0x00000002	/* a CPU's idle task */
#define PF_EXITING		0x00000004	/* in do_exit */
#define PF_KTHREAD		0x00200000	/* kernel thread: no mm of its own */

#define TASK_COMM_LEN		16
#define STACK_END_MAGIC		0x57AC6E9D	/* Linux's: at the bottom of each kernel stack */

/*
 * The registers switch_to (swtch.S) saves on the old task's kernel stack
 * and pops from the new one's: this struct mirrors that stack layout, and
 * task->context points at it while the task is switched out.
 */
struct context {
	uint edi;
	uint esi;
	uint ebx;
	uint ebp;
	uint eip;			/* where the task resumes: ret after swtch's call */
};

struct kthread;
struct trapframe;

/* How a new task starts (copy_process): a kernel function, or user mode. */
struct thread_start {
	int (*fn)(void *);		/* kernel thread: fn(arg), then do_exit */
	void *arg;
	const char *comm;		/* its name; 0 keeps the parent's */
	uint usp;			/* user: the child's stack pointer, 0 = the parent's */
	uint entry;			/* user: clone's fn (called with uarg), 0 = return from the call */
	uint uarg;
};

struct task_struct {
	/* the lock of the runqueue of cpu must be held when changing these: */
	volatile long state;		/* TASK_* */
	int on_rq;			/* runnable: on rq->queue, or running */
	volatile int on_cpu;		/* running, or still switching out */
	struct list_head run_list;	/* on rq->queue */
	volatile int cpu;		/* its CPU; changed only with both runqueues locked */
	uint cpus_allowed;		/* CPUs it may run on (sched_setaffinity) */
	int timeslice;			/* ticks left before preemption */

	/* tasklist_lock (fork.c) must be held when using these: */
	int pid;			/* 0 for idle tasks */
	int tgid;			/* == pid: there is no CLONE_THREAD */
	struct task_struct *parent;	/* who reaps it; 0 = nobody (autoreap) */
	struct list_head children;	/* its children, linked by their sibling */
	struct list_head sibling;	/* on parent->children */
	struct list_head tasks;		/* on the list of all tasks */
	int exit_state;			/* 0, EXIT_ZOMBIE or EXIT_DEAD */
	long exit_code;			/* wait status (code << 8 | signal); a kthread's result */
	int reaper;			/* pid whose wait() reaped it, 0 = the kernel */

	/* others read these under task_lock(); the task itself changes them: */
	struct spinlock alloc_lock;	/* task_lock() */
	struct mm_struct *mm;		/* its address space; 0 for a kernel thread */
	struct mm_struct *active_mm;	/* the one in use: mm, or one borrowed lazily */

	/* park_wq.lock (sysproc.c) must be held when changing this: */
	int park_tokens;		/* unpark() calls not yet consumed by park() */

	/* only the task itself (or its creator, before it runs) uses these: */
	uint flags;			/* PF_* */
	char comm[TASK_COMM_LEN];	/* name, NUL-terminated */
	struct completion *vfork_done;	/* completed by mm_release: vfork, kthread exit */
	struct kthread *kthread;	/* kthread()'s control block, on its stack; or 0 */
	wait_queue_head_t wait_chldexit;	/* do_wait() sleeps here */
	struct trapframe *tf;		/* user registers: the top of the kernel stack */
	struct context *context;	/* kernel registers while switched out */
	void *stack;			/* kernel stack, KSTACKSIZE, STACK_END_MAGIC at the bottom */

	atomic_t usage;			/* references: put_task_struct frees at 0 */
};

/* The running task: one load from this CPU's struct cpu. */
static inline struct task_struct *get_current(void)
{
	struct task_struct *t;

	asm volatile("movl %%gs:%c1, %0" : "=r" (t) : "i" (offsetof(struct cpu, rq.curr)));
	return t;
}
#define current get_current()

static inline struct rq *this_rq(void)
{
	return &mycpu()->rq;
}

static inline void set_current_state(long state)
{
	current->state = state;
	__sync_synchronize();
}

static inline void task_lock(struct task_struct *p)
{
	acquire(&p->alloc_lock);
}

static inline void task_unlock(struct task_struct *p)
{
	release(&p->alloc_lock);
}

static inline void get_task_struct(struct task_struct *p)
{
	atomic_inc(&p->usage);
}

static inline int cpu_allowed(struct task_struct *p, int cpu)
{
	return (p->cpus_allowed >> cpu) & 1;
}

/* sched.c */
extern atomic_t nr_pushing;
extern atomic_t sched_wakeups;
char *idle_stack(int cpu);
void idle_init(struct cpu *c);
void sched_init(void);
struct rq *cpu_rq(int cpu);
void enqueue_task(struct rq *rq, struct task_struct *p);
void dequeue_task(struct rq *rq, struct task_struct *p);
void activate_task(struct rq *rq, struct task_struct *p);
int need_resched(void);
void schedule(void);
void schedule_tail(struct task_struct *prev);
int wake_up_process(struct task_struct *p);
int try_to_wake_up(struct task_struct *p, long state);
void wake_up_new_task(struct task_struct *p);
void yield(void);
void scheduler_tick(void);
void cpu_idle(void) __attribute__((noreturn));
void idle_task_exit(void);
int task_stack_ok(struct task_struct *p);

/* migrate.c */
struct rq *task_rq_lock(struct task_struct *p);
void double_rq_lock(struct rq *a, struct rq *b);
void double_rq_unlock(struct rq *a, struct rq *b);
void place_task(struct task_struct *p, int fork);
int set_cpus_allowed(struct task_struct *p, uint mask);

/* swtch.S */
struct task_struct *swtch(struct context **old, struct context *new, struct task_struct *prev);

/* fork.c */
extern struct spinlock tasklist_lock;
extern struct list_head task_list;
extern atomic_t nr_tasks;
void fork_init(void);
long do_fork(uint clone_flags, const struct thread_start *ts);
int kernel_thread(int (*fn)(void *), void *arg, const char *name);
void put_task_struct(struct task_struct *p);
struct task_struct *find_get_task(int pid);
void mm_release(struct task_struct *tsk, struct mm_struct *mm);
void set_task_comm(struct task_struct *p, const char *name);

/* exit.c */
extern struct task_struct *child_reaper;
void do_exit(long code) __attribute__((noreturn));
long do_wait(int pid, uint ustatus);
void release_task(struct task_struct *p, int reaper);

/* time.c */
extern volatile uint64 jiffies;
void timer_tick(void);
long schedule_timeout(long ticks);
void msleep(uint ms);
int timers_pending(void);

/* kthread.c */
extern struct task_struct *kthreadd_task;
struct task_struct *kthread_create(int (*fn)(void *), void *data, const char *name);
int kthread_should_stop(void);
int kthread_stop(struct task_struct *k);
int kthread_join(struct task_struct *k);
int kthread_bind(struct task_struct *k, int cpu);
int kthreadd(void *done);
void kthreadd_stop(void);

#endif /* KERNEL_SCHED_H */
