/*
 * fork.c - making and freeing tasks: copy_process with copy_mm and
 * dup_mm (Linux's kernel/fork.c), do_fork, kernel_thread, the pid map,
 * put_task_struct, mm_release.
 *
 * tasklist_lock protects the list of all tasks, each task's parent,
 * children, sibling and exit_state, and the pid map.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "errno.h"
#include "x86.h"
#include "mm.h"
#include "sched.h"
#include "slab.h"
#include "trace.h"

struct kmem_cache *task_struct_cachep;
struct spinlock tasklist_lock;
struct list_head task_list = LIST_HEAD_INIT(task_list);	/* every task but the idle ones */
atomic_t nr_tasks;			/* task_structs allocated, idle tasks not counted */

static uint pid_map[PID_MAX / 32];	/* pids in use (tasklist_lock) */
static int last_pid;			/* the last pid given out (tasklist_lock) */

void fork_init(void)
{
	task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct));
	initlock(&tasklist_lock, "tasklist");
}

/* The next free pid after last_pid, cyclically, as Linux does; -1 if none. */
static int alloc_pid(void)
{
	int i, pid;

	for (i = 1; i < PID_MAX; i++) {
		pid = (last_pid + i) % PID_MAX;
		if (pid != 0 && !(pid_map[pid / 32] & (1u << (pid % 32)))) {
			pid_map[pid / 32] |= 1u << (pid % 32);
			last_pid = pid;
			return pid;
		}
	}
	return -1;
}

/* tasklist_lock held */
static void free_pid(int pid)
{
	pid_map[pid / 32] &= ~(1u << (pid % 32));
}

/* A task_struct and kernel stack for a child of orig; usage 2 (sched.h). */
static struct task_struct *dup_task_struct(struct task_struct *orig)
{
	struct task_struct *p = kmem_cache_zalloc(task_struct_cachep);

	if (!p)
		return 0;
	if ((p->stack = kalloc()) == 0) {
		kmem_cache_free(task_struct_cachep, p);
		return 0;
	}
	*(uint *) p->stack = STACK_END_MAGIC;
	p->tf = (struct trapframe *) ((char *) p->stack + KSTACKSIZE) - 1;
	p->cpu = orig->cpu;			/* where place_task starts looking */
	p->cpus_allowed = orig->cpus_allowed;	/* a pinned task's children are pinned */
	atomic_set(&p->usage, 2);
	initlock(&p->alloc_lock, "task_lock");
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->tasks);
	init_waitqueue_head(&p->wait_chldexit, "wait_chldexit");
	safestrcpy(p->comm, orig->comm, sizeof(p->comm));
	return p;
}

static void free_task(struct task_struct *p)
{
	kfree(p->stack);
	kmem_cache_free(task_struct_cachep, p);
}

/* A copy of current's address space for tsk: new mm, VMAs and pages copied. */
static noinline struct mm_struct *dup_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = mm_alloc(tsk, MMT_ALLOC_FORK);

	if (mm && dup_mmap(mm, current->mm) < 0) {
		mmput(mm, MMT_WHY_FORK_FAIL);
		mm = 0;
	}
	return mm;
}

/*
 * The child's mm: none if the parent has none (a kernel thread's
 * child), the parent's with one more user for CLONE_VM, else a copy.
 */
static noinline int copy_mm(uint clone_flags, struct task_struct *tsk)
{
	struct mm_struct *oldmm = current->mm, *mm;

	tsk->mm = 0;
	tsk->active_mm = 0;
	if (!oldmm)
		return 0;
	if (clone_flags & CLONE_VM) {
		mmget(oldmm, MMT_WHY_CLONE_VM);
		mm = oldmm;
	} else if ((mm = dup_mm(tsk)) == 0) {
		return -ENOMEM;
	}
	tsk->mm = mm;
	tsk->active_mm = mm;
	return 0;
}

/* clone's fn(arg): the child starts there, arg and a return address 0 on its stack. */
static int clone_entry(struct task_struct *p, const struct thread_start *ts)
{
	uint frame[2] = { 0, ts->uarg };

	p->tf->esp -= sizeof(frame);
	p->tf->eip = ts->entry;
	return copy_to_mm(p->mm, p->tf->esp, frame, sizeof(frame));
}

/*
 * The child's first kernel stack: a struct context that swtch returns
 * through into ret_from_fork, and above it where ret_from_fork goes:
 * kernel_thread_helper with fn and arg, or trapret with a copy of the
 * parent's trap frame (eax = 0: fork returns 0 in the child).
 */
static int copy_thread(struct task_struct *p, const struct thread_start *ts)
{
	uint *sp = (uint *) p->tf;

	if (ts->fn) {
		*--sp = (uint) ts->arg;
		*--sp = (uint) ts->fn;
		*--sp = (uint) kernel_thread_helper;
	} else {
		*p->tf = *current->tf;
		p->tf->eax = 0;
		if (ts->usp)
			p->tf->esp = ts->usp;
		if (ts->entry && clone_entry(p, ts) < 0)
			return -EFAULT;
		*--sp = (uint) trapret;
	}
	p->context = (struct context *) sp - 1;
	memset(p->context, 0, sizeof(*p->context));
	p->context->eip = (uint) ret_from_fork;
	return 0;
}

/*
 * Link the new task p as current's child and announce it, under
 * tasklist_lock as the TASK_FREE of its pid's last holder was.
 */
static void link_task(struct task_struct *p, uint clone_flags)
{
	acquire(&tasklist_lock);
	p->parent = current;
	list_add_tail(&p->sibling, &current->children);
	list_add_tail(&p->tasks, &task_list);
	trace_task_new(p, clone_flags);
	release(&tasklist_lock);
	atomic_inc(&nr_tasks);
}

/* A new task, not yet runnable; 0 and *err on failure, everything undone. */
static struct task_struct *copy_process(uint clone_flags, const struct thread_start *ts,
					long *err)
{
	struct task_struct *p;

	*err = -ENOMEM;
	if ((p = dup_task_struct(current)) == 0)
		return 0;
	p->flags = ts->fn ? PF_KTHREAD : 0;
	if (ts->comm)
		set_task_comm(p, ts->comm);
	acquire(&tasklist_lock);
	p->pid = p->tgid = alloc_pid();
	release(&tasklist_lock);
	if (p->pid < 0) {
		*err = -EAGAIN;
		goto bad_fork_free;
	}
	if ((*err = copy_mm(clone_flags, p)) < 0)
		goto bad_fork_free_pid;
	if ((*err = copy_thread(p, ts)) < 0)
		goto bad_fork_cleanup_mm;
	link_task(p, clone_flags);
	return p;

bad_fork_cleanup_mm:
	if (p->mm)
		mmput(p->mm, MMT_WHY_FORK_FAIL);
bad_fork_free_pid:
	acquire(&tasklist_lock);
	free_pid(p->pid);
	release(&tasklist_lock);
bad_fork_free:
	free_task(p);
	return 0;
}

/*
 * fork, vfork, clone and kernel_thread: make the child, let it run, and
 * for CLONE_VFORK sleep until it lets go of our mm (mm_release: exec or
 * exit).  Returns the child's pid or -errno.
 */
long do_fork(uint clone_flags, const struct thread_start *ts)
{
	struct completion vfork;
	struct task_struct *p;
	long err, pid;

	if ((p = copy_process(clone_flags, ts, &err)) == 0)
		return err;
	pid = p->pid;
	if (clone_flags & CLONE_VFORK) {
		init_completion(&vfork, "vfork");
		p->vfork_done = &vfork;
	}
	wake_up_new_task(p);
	if (clone_flags & CLONE_VFORK)
		wait_for_completion(&vfork);
	return pid;
}

/*
 * Start fn(arg) as a kernel thread named name.  Like Linux's, it is a
 * CLONE_VM child of current; from a task without mm (the idle task,
 * kthreadd) copy_mm gives it no mm.
 */
int kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct thread_start ts = { .fn = fn, .arg = arg, .comm = name };

	return do_fork(CLONE_VM, &ts);
}

/*
 * The last reference is gone: TASK_FREE, pid, stack and struct freed.
 * The last put may come from another CPU than the task's last switch:
 * the atomic usage count orders the two.  nr_tasks drops last, so that
 * when the boot CPU sees it at 0 every page a task had is free.
 */
static void __put_task_struct(struct task_struct *p)
{
	if (p->exit_state != EXIT_DEAD || p == current)
		panic("__put_task_struct: pid %d still in use", p->pid);
	acquire(&tasklist_lock);
	trace_task_free(p->pid, p->reaper);
	free_pid(p->pid);
	release(&tasklist_lock);
	free_task(p);
	atomic_dec(&nr_tasks);
}

void put_task_struct(struct task_struct *p)
{
	if (atomic_dec_and_test(&p->usage))
		__put_task_struct(p);
}

/* The task with this pid, with a reference the caller puts; 0 if none. */
struct task_struct *find_get_task(int pid)
{
	struct task_struct *p;

	acquire(&tasklist_lock);
	list_for_each_entry(p, &task_list, tasks) {
		if (p->pid == pid && !p->exit_state) {
			get_task_struct(p);
			release(&tasklist_lock);
			return p;
		}
	}
	release(&tasklist_lock);
	return 0;
}

/* tsk lets go of mm (exit or exec): wake a vfork parent or a kthread_stop. */
void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	struct completion *vfork_done = tsk->vfork_done;

	(void) mm;
	if (vfork_done) {
		tsk->vfork_done = 0;
		complete(vfork_done);
	}
}

void set_task_comm(struct task_struct *p, const char *name)
{
	safestrcpy(p->comm, name, sizeof(p->comm));
}
