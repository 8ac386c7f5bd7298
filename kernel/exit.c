/*
 * exit.c - the end of a task (Linux's kernel/exit.c): do_exit with
 * exit_mm and exit_notify, reparenting, release_task, and do_wait.
 *
 * A task that exits drops its mm references in exit_mm, becomes a
 * zombie for its parent to reap, or is reaped at once (autoreap) when
 * nobody will wait for it: a kernel thread, a child of an idle task
 * (init) or an orphan whose new parent would have been init after init
 * itself exited.  Its last switch away (schedule, state TASK_DEAD)
 * follows; finish_task_switch puts the reference it held.
 */
#include "types.h"
#include "defs.h"
#include "errno.h"
#include "cmdline.h"
#include "mm.h"
#include "sched.h"
#include "trace.h"

struct task_struct *child_reaper;	/* init (pid 1): adopts orphans (tasklist_lock) */

/*
 * Give up the mm: keep it as active_mm with a grab of mm_count (the
 * task still runs on it until its last switch), set mm = NULL, go lazy,
 * and put the user reference.  bug=exit_no_grab skips the grab.
 */
static noinline void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	mm_release(tsk, mm);
	if (!mm)
		return;
	if (!bug_injected(MMT_BUG_EXIT_NO_GRAB))
		mmgrab(mm, MMT_WHY_EXIT_GRAB);
	if (mm != tsk->active_mm)
		panic("exit_mm: pid %d mm %u is not its active_mm", tsk->pid, mm->id);
	task_lock(tsk);
	tsk->mm = 0;
	enter_lazy_tlb(mm, tsk);
	task_unlock(tsk);
	mmput(mm, MMT_WHY_EXIT_MM);
}

/*
 * father's children go to init, or nowhere when father is init.  Zombies
 * with nowhere to go are moved to dead for the caller to release; zombies
 * given to init wake it.  tasklist_lock held.
 */
static void forget_original_parent(struct task_struct *father, struct list_head *dead)
{
	struct task_struct *reaper = father == child_reaper ? 0 : child_reaper;
	struct task_struct *p, *n;

	list_for_each_entry_safe(p, n, &father->children, sibling) {
		list_del_init(&p->sibling);
		p->parent = reaper;
		if (reaper)
			list_add_tail(&p->sibling, &reaper->children);
		if (p->exit_state != EXIT_ZOMBIE)
			continue;
		if (reaper) {
			wake_up(&reaper->wait_chldexit);
		} else {
			p->exit_state = EXIT_DEAD;
			list_add_tail(&p->sibling, dead);
		}
	}
}

/* Will anybody wait for tsk?  tasklist_lock held. */
static int autoreap(struct task_struct *tsk)
{
	return !tsk->parent || (tsk->parent->flags & PF_IDLE) || (tsk->flags & PF_KTHREAD);
}

/* TASK_EXIT: for a kernel thread code is its result, for a user task a wait status. */
static void trace_exit_of(struct task_struct *tsk)
{
	long code = tsk->exit_code;

	if (tsk->flags & PF_KTHREAD)
		trace_task_exit(tsk->pid, 0, code);
	else
		trace_task_exit(tsk->pid, code & 0x7F, (code >> 8) & 0xFF);
}

/* Become a zombie and tell the parent, or be reaped at once. */
static void exit_notify(struct task_struct *tsk)
{
	struct list_head dead = LIST_HEAD_INIT(dead);
	struct task_struct *p, *n;
	int reap, is_init = tsk == child_reaper;

	acquire(&tasklist_lock);
	forget_original_parent(tsk, &dead);
	if (is_init)
		child_reaper = 0;
	reap = autoreap(tsk);
	tsk->exit_state = reap ? EXIT_DEAD : EXIT_ZOMBIE;
	trace_exit_of(tsk);
	if (!reap)
		wake_up(&tsk->parent->wait_chldexit);
	release(&tasklist_lock);
	list_for_each_entry_safe(p, n, &dead, sibling)
		release_task(p, 0);
	if (reap)
		release_task(tsk, 0);
	if (is_init)
		init_exited(tsk->exit_code, tsk->flags & PF_KTHREAD);
}

/*
 * The end of current: code is a wait status (exit(n): n << 8; a fatal
 * signal: its number) or, for a kernel thread, its function's result.
 */
void do_exit(long code)
{
	struct task_struct *tsk = current;

	if (tsk->flags & PF_IDLE)
		panic("do_exit: the idle task exits");
	if (tsk->flags & PF_EXITING)
		panic("do_exit: pid %d exits twice", tsk->pid);
	tsk->flags |= PF_EXITING;
	tsk->exit_code = code;	/* before exit_mm: its mm_release wakes kthread_stop */
	exit_mm(tsk);
	exit_notify(tsk);
	set_current_state(TASK_DEAD);
	schedule();
	panic("do_exit: pid %d ran after its last switch", tsk->pid);
}

/* Unlink a dead task and drop the reference its parent (or autoreap) held. */
void release_task(struct task_struct *p, int reaper)
{
	acquire(&tasklist_lock);
	list_del_init(&p->tasks);
	list_del_init(&p->sibling);
	p->reaper = reaper;
	release(&tasklist_lock);
	put_task_struct(p);
}

/*
 * Look at current's children matching pid (-1: any): claim a zombie
 * (1, *zombie set), or 0 if there are matching children but none is a
 * zombie yet, or -ECHILD if there are none.
 */
static int claim_zombie(int pid, struct task_struct **zombie)
{
	struct task_struct *p;
	int found = -ECHILD;

	acquire(&tasklist_lock);
	list_for_each_entry(p, &current->children, sibling) {
		if (pid != -1 && p->pid != pid)
			continue;
		found = 0;
		if (p->exit_state == EXIT_ZOMBIE) {
			p->exit_state = EXIT_DEAD;
			*zombie = p;
			found = 1;
			break;
		}
	}
	release(&tasklist_lock);
	return found;
}

/* Report the claimed zombie p's status to user address ustatus and reap it. */
static long wait_task_zombie(struct task_struct *p, uint ustatus)
{
	int status = p->exit_code, pid = p->pid;

	if (ustatus && copy_to_user(ustatus, &status, sizeof(status)) < 0) {
		acquire(&tasklist_lock);
		p->exit_state = EXIT_ZOMBIE;
		release(&tasklist_lock);
		return -EFAULT;
	}
	release_task(p, current->pid);
	return pid;
}

/* wait(pid, &status): sleep until a child (pid, or any for -1) is a zombie, reap it. */
long do_wait(int pid, uint ustatus)
{
	struct task_struct *zombie = 0;
	DEFINE_WAIT(wait);
	int found;

	for (;;) {
		prepare_to_wait(&current->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		if ((found = claim_zombie(pid, &zombie)) != 0)
			break;
		schedule();
	}
	finish_wait(&current->wait_chldexit, &wait);
	if (found < 0)
		return found;
	return wait_task_zombie(zombie, ustatus);
}
