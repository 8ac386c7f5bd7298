/*
 * kthread.c - kernel threads made by kthreadd, as in Linux 2.6.32's
 * kernel/kthread.c.
 *
 * kthread_create() queues a request and wakes kthreadd (pid 2), which
 * calls kernel_thread(kthread, ...): a CLONE_VM child of a task without
 * mm, so the new thread has no mm either.  The thread tells its creator
 * it exists and sleeps until wake_up_process() starts it, or until
 * kthread_stop() tells it to go away without running.
 * kthread_create_lock protects the request list.
 */
#include "types.h"
#include "defs.h"
#include "errno.h"
#include "mm.h"
#include "sched.h"
#include "trace.h"

struct kthread_create_info {
	int (*threadfn)(void *);	/* what the thread runs */
	void *data;
	const char *name;
	struct task_struct *result;	/* the thread, or 0 if it could not be made */
	struct completion done;		/* the thread exists (or failed) */
	struct list_head list;		/* on kthread_create_list */
};

/* kthread()'s control block, on the thread's own stack. */
struct kthread {
	int should_stop;		/* set by kthread_stop */
	struct completion exited;	/* completed by mm_release in do_exit */
};

struct task_struct *kthreadd_task;
static struct spinlock kthread_create_lock = { .name = "kthread_create" };
static struct list_head kthread_create_list = LIST_HEAD_INIT(kthread_create_list);
static volatile int kthreadd_should_stop;	/* the run is over (init exited) */

/* The first code of every kthread. */
static int kthread(void *_create)
{
	struct kthread_create_info *create = _create;
	int (*threadfn)(void *) = create->threadfn;
	void *data = create->data;
	struct kthread self;
	int ret;

	self.should_stop = 0;
	init_completion(&self.exited, "kthread_exited");
	current->kthread = &self;
	current->vfork_done = &self.exited;

	/* OK, tell the creator we're spawned, wait for stop or wakeup */
	set_current_state(TASK_UNINTERRUPTIBLE);
	create->result = current;
	complete(&create->done);
	schedule();

	ret = -EINTR;
	if (!self.should_stop)
		ret = threadfn(data);
	do_exit(ret);
}

/* kthreadd's work: one thread per request. */
static void create_kthread(struct kthread_create_info *create)
{
	if (kernel_thread(kthread, create, create->name) < 0) {
		create->result = 0;
		complete(&create->done);
	}
}

/*
 * A new kernel thread that will run threadfn(data), named name, not yet
 * running: wake_up_process() starts it.  0 if it could not be made.
 */
struct task_struct *kthread_create(int (*threadfn)(void *), void *data, const char *name)
{
	struct kthread_create_info create = {
		.threadfn = threadfn, .data = data, .name = name,
		.list = LIST_HEAD_INIT(create.list),
	};

	init_completion(&create.done, "kthread_create");
	acquire(&kthread_create_lock);
	list_add_tail(&create.list, &kthread_create_list);
	release(&kthread_create_lock);
	wake_up_process(kthreadd_task);
	wait_for_completion(&create.done);
	return create.result;
}

int kthread_should_stop(void)
{
	return current->kthread && current->kthread->should_stop;
}

/*
 * Tell k to stop and wait until it has exited; return its result.  If
 * it never ran, its function is not called (-EINTR).  The reference
 * taken here keeps k's stack, where struct kthread lives, until then.
 */
int kthread_stop(struct task_struct *k)
{
	int ret;

	get_task_struct(k);
	if (k->vfork_done) {
		k->kthread->should_stop = 1;
		wake_up_process(k);
		wait_for_completion(&k->kthread->exited);
	}
	ret = k->exit_code;
	put_task_struct(k);
	return ret;
}

/*
 * Wait until k has exited by itself, without asking it to stop, and
 * return its result.  Not Linux's (its callers wait on a completion of
 * their own): the scenarios' way to wait for a thread that ends alone.
 */
int kthread_join(struct task_struct *k)
{
	int ret;

	get_task_struct(k);
	if (k->vfork_done)
		wait_for_completion(&k->kthread->exited);
	ret = k->exit_code;
	put_task_struct(k);
	return ret;
}

/*
 * Run k, made by kthread_create and not started yet, only on cpu (it
 * moves there when wake_up_process starts it).  0, or -EINVAL for a
 * CPU that is not online.
 */
int kthread_bind(struct task_struct *k, int cpu)
{
	if (cpu < 0 || cpu >= NCPU)
		return -EINVAL;
	return set_cpus_allowed(k, 1u << cpu);
}

/* Take the first pending request, or 0; kthread_create_lock not held. */
static struct kthread_create_info *next_request(void)
{
	struct kthread_create_info *create = 0;

	acquire(&kthread_create_lock);
	if (!list_empty(&kthread_create_list)) {
		create = list_first_entry(&kthread_create_list, struct kthread_create_info, list);
		list_del_init(&create->list);
	}
	release(&kthread_create_lock);
	return create;
}

static int nothing_to_do(void)
{
	int empty;

	acquire(&kthread_create_lock);
	empty = list_empty(&kthread_create_list);
	release(&kthread_create_lock);
	return empty && !kthreadd_should_stop;
}

/*
 * pid 2: make the kernel threads asked for; exit once the run is over.
 * Tells kernel_init (done) when it is up, so that its first run never
 * lands inside a scenario.  Like its parent (the boot CPU's idle task)
 * it starts bound to CPU 0; it may run anywhere, and so may the threads
 * it makes, but it has no reason to move: they all start on CPU 0.
 */
int kthreadd(void *done)
{
	struct kthread_create_info *create;

	set_cpus_allowed(current, cpu_online_mask);
	complete(done);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (nothing_to_do())
			schedule();
		set_current_state(TASK_RUNNING);
		while ((create = next_request()) != 0)
			create_kthread(create);
		if (kthreadd_should_stop)
			return 0;
	}
}

/* init has exited: kthreadd is to exit too (nobody can wait for it). */
void kthreadd_stop(void)
{
	kthreadd_should_stop = 1;
	wake_up_process(kthreadd_task);
}
