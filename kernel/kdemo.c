/*
 * kdemo.c - the kernel threads scenarios start (SYS_kthread*), each a
 * small piece of kernel work that shows lazy borrowing:
 *
 *   KT_SLEEPER  sleep on its wait queue arg times, marking each time a
 *               poke wakes it; then nap (so it runs again straight after
 *               the idle task: a kernel->kernel switch); wait for stop.
 *               Result: the pokes it saw.
 *   KT_USE_MM   pin pid arg's mm (get_task_mm), use_mm it, write
 *               USE_MM_VALUE at its address arg2, unuse_mm, mmput, mark.
 *               Result: 0, or an errno.
 *   KT_MARKER   mark which mm it borrowed and its counters; wait for stop.
 *   KT_BUSY     kernel work that never sleeps: poll until stopped, giving
 *               the CPU up only when a task waits for it (cond_resched),
 *               marking when a TLB shootdown made its CPU leave_mm the mm
 *               it borrowed, and that mm's counters when it first yields.
 *               Result: 1 if it saw leave_mm, else 0; -ETIMEDOUT if
 *               nobody stopped it within BUSY_MAX_MS.
 *
 * User programs name a thread by pid; kdemo_lock protects the table
 * from pid to thread, and each slot's pokes.  A slot holds a reference
 * to its thread, so that the thread's result outlives it: the slot is
 * freed, and the reference put, by kthread_stop or kthread_join, which
 * every demo thread needs (a thread stopped before it ran never does
 * its work).  With several CPUs the thread may well be gone by then.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "errno.h"
#include "mm.h"
#include "sched.h"
#include "syscall.h"
#include "trace.h"

#define NKDEMO		8	/* demo threads alive at once */
#define NAP_MS		30	/* KT_SLEEPER's nap before it waits for stop */
#define BUSY_MAX_MS	30000	/* KT_BUSY gives up if not stopped by then */

struct kdemo {
	int busy;			/* the slot is in use */
	struct task_struct *task;	/* its thread, once created */
	uint kind;			/* KT_* */
	uint arg, arg2;
	uint pokes;			/* kthread_poke calls (kdemo_lock) */
	wait_queue_head_t wq;		/* where it sleeps */
};

static struct spinlock kdemo_lock = { .name = "kdemo" };
static struct kdemo kdemos[NKDEMO];

/* Narration from a kernel thread: a MARK and a COM1 line. */
static void kmark(const char *fmt, ...)
{
	char text[MMT_TEXT_MAX + 1];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	trace_mark(current->pid, 0, 0, text);
	cprintf("mark %d: %s\n", current->pid, text);
}

static uint pokes(struct kdemo *d)
{
	uint n;

	acquire(&kdemo_lock);
	n = d->pokes;
	release(&kdemo_lock);
	return n;
}

/*
 * Free d if it is still thread k's, and put its reference to k (k 0: a
 * slot whose thread was never made).
 */
static void kdemo_free(struct kdemo *d, struct task_struct *k)
{
	int mine;

	acquire(&kdemo_lock);
	if ((mine = d->task == k) != 0) {
		d->busy = 0;
		d->task = 0;
	}
	release(&kdemo_lock);
	if (mine && k)
		put_task_struct(k);
}

static int sleeper(void *data)
{
	struct kdemo *d = data;
	uint i;

	for (i = 1; i <= d->arg; i++) {
		wait_event(d->wq, pokes(d) >= i || kthread_should_stop());
		if (kthread_should_stop())
			break;
		kmark("sleeper: woken %u of %u", i, d->arg);
	}
	if (!kthread_should_stop()) {
		msleep(NAP_MS);
		kmark("sleeper: runs again after idle");
	}
	wait_event(d->wq, kthread_should_stop());
	return i - 1;
}

static int use_mm_worker(void *data)
{
	struct kdemo *d = data;
	struct task_struct *p = find_get_task(d->arg);
	uint value = USE_MM_VALUE;
	struct mm_struct *mm = 0;
	int err = -ESRCH;

	if (p) {
		mm = get_task_mm(p);
		put_task_struct(p);
	}
	if (mm) {
		use_mm(mm);
		err = copy_to_user(d->arg2, &value, sizeof(value));
		unuse_mm(mm);
		mmput(mm, MMT_WHY_PUT_TASK_MM);
		kmark("use_mm: wrote to pid %u: %s", d->arg, err ? "fault" : "ok");
	}
	return -err;
}

static int marker(void *data)
{
	struct kdemo *d = data;
	struct mm_struct *mm = current->active_mm;

	kmark("kthread runs on mm %u: users %d count %d", mm->id,
	      atomic_read(&mm->mm_users), atomic_read(&mm->mm_count));
	wait_event(d->wq, kthread_should_stop());
	return 0;
}

/*
 * KT_BUSY's cond_resched: schedule, as need_resched asks (a task waits
 * for this CPU, the timeslice is over, or the thread may no longer run
 * here).  The first time a task waits, say so, with the borrowed mm's
 * counters.
 */
static void busy_resched(int *told)
{
	struct mm_struct *mm = current->active_mm;

	if (this_rq()->nr_running > 0 && !*told) {
		*told = 1;
		kmark("a task waits for cpu %d: yield; mm %u %d/%d", current->cpu, mm->id,
		      atomic_read(&mm->mm_users), atomic_read(&mm->mm_count));
	}
	schedule();
}

static int busy(void *unused)
{
	uint64 deadline = tsc_deadline(BUSY_MAX_MS);
	int left = 0, told = 0, resched;

	(void) unused;
	kmark("busy on cpu %d, borrows mm %u", current->cpu, current->active_mm->id);
	while (!kthread_should_stop()) {
		/*
		 * need_resched first: whoever moves this thread off its CPU
		 * after a shootdown asks only once the CPU has answered it,
		 * so a leave_mm before that request is seen below, even if
		 * both interrupts land between these two lines.
		 */
		resched = need_resched();
		if (!left && active_mm_left()) {
			left = 1;
			kmark("leave_mm: cpu %d on swapper_pg_dir, keeps mm %u", current->cpu,
			      current->active_mm->id);
		}
		if (resched)
			busy_resched(&told);
		if (rdtsc() > deadline) {
			kmark("busy: not stopped within %d ms", BUSY_MAX_MS);
			left = -ETIMEDOUT;
			break;
		}
		pause();
	}
	return left;
}

static int (*const kinds[])(void *) = {
	[KT_SLEEPER] = sleeper, [KT_USE_MM] = use_mm_worker, [KT_MARKER] = marker,
	[KT_BUSY] = busy,
};
static const char *const kind_names[] = {
	[KT_SLEEPER] = "sleeper", [KT_USE_MM] = "use_mm", [KT_MARKER] = "marker",
	[KT_BUSY] = "busy",
};

/* A free slot for a thread of kind, or 0. */
static struct kdemo *kdemo_alloc(uint kind, uint arg, uint arg2)
{
	struct kdemo *d;

	acquire(&kdemo_lock);
	for (d = kdemos; d < kdemos + NKDEMO; d++) {
		if (!d->busy) {
			d->busy = 1;
			d->task = 0;
			d->kind = kind;
			d->arg = arg;
			d->arg2 = arg2;
			d->pokes = 0;
			init_waitqueue_head(&d->wq, kind_names[kind]);
			release(&kdemo_lock);
			return d;
		}
	}
	release(&kdemo_lock);
	return 0;
}

/* kthread_create a demo thread; its pid or -errno.  start: wake it too. */
static long kdemo_create(uint kind, uint arg, uint arg2, int start)
{
	struct task_struct *k;
	struct kdemo *d;
	long pid;

	if (kind >= NELEM(kinds) || !kinds[kind])
		return -EINVAL;
	if ((d = kdemo_alloc(kind, arg, arg2)) == 0)
		return -EAGAIN;
	if ((k = kthread_create(kinds[kind], d, kind_names[kind])) == 0) {
		kdemo_free(d, 0);
		return -ENOMEM;
	}
	get_task_struct(k);		/* the slot's: put by kdemo_free */
	acquire(&kdemo_lock);
	d->task = k;
	pid = k->pid;
	release(&kdemo_lock);
	if (start)
		wake_up_process(k);
	return pid;
}

/* The demo thread with this pid, with a task reference; 0 if none. */
static struct kdemo *kdemo_get(uint pid)
{
	struct kdemo *d;

	acquire(&kdemo_lock);
	for (d = kdemos; d < kdemos + NKDEMO; d++) {
		if (d->busy && d->task && d->task->pid == (int) pid) {
			get_task_struct(d->task);
			release(&kdemo_lock);
			return d;
		}
	}
	release(&kdemo_lock);
	return 0;
}

long sys_kthread(uint kind, uint arg, uint arg2)
{
	return kdemo_create(kind, arg, arg2, 1);
}

long sys_kthread_create(uint kind, uint arg, uint arg2)
{
	return kdemo_create(kind, arg, arg2, 0);
}

/* kthread_start, _poke, _bind, _stop, _join: op on the demo thread pid */
static long kdemo_op(uint pid, int op, uint arg)
{
	struct kdemo *d = kdemo_get(pid);
	struct task_struct *k;
	long ret = 0;

	if (!d)
		return -ESRCH;
	k = d->task;
	if (op == SYS_kthread_start) {
		wake_up_process(k);
	} else if (op == SYS_kthread_bind) {
		ret = kthread_bind(k, arg);
	} else if (op == SYS_kthread_poke) {
		acquire(&kdemo_lock);
		d->pokes++;
		release(&kdemo_lock);
		wake_up(&d->wq);
	} else {
		ret = op == SYS_kthread_stop ? kthread_stop(k) : kthread_join(k);
		kdemo_free(d, k);
	}
	put_task_struct(k);
	return ret;
}

long sys_kthread_start(uint pid)
{
	return kdemo_op(pid, SYS_kthread_start, 0);
}

long sys_kthread_poke(uint pid)
{
	return kdemo_op(pid, SYS_kthread_poke, 0);
}

long sys_kthread_bind(uint pid, uint cpu)
{
	return kdemo_op(pid, SYS_kthread_bind, cpu);
}

long sys_kthread_stop(uint pid)
{
	return kdemo_op(pid, SYS_kthread_stop, 0);
}

long sys_kthread_join(uint pid)
{
	return kdemo_op(pid, SYS_kthread_join, 0);
}
