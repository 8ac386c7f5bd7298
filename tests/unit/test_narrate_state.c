/*
 * test_narrate_state.c - each transition's sentence, word for word,
 * pinned to the state the panels show at that event (the model after
 * it): a hand-built run in era 2.6.32 on one CPU goes through boot's
 * lazy borrow, kernel_init's exec, a fork, a CLONE_VM thread and a
 * vfork child, a context switch that loads CR3, the child's exit_mm, its
 * zombie switch and the prev_mm drop that frees its mm, the reaping, a
 * second mm_struct with the freed id (mm 3·2), a kernel thread that
 * borrows, use_mm and unuse_mm, and the kernel thread's exit.  For each
 * event the sentence is the one a lecturer reads, and every number and
 * holder in it is what the panels show: the mm's counters, the CPU's
 * rq->prev_mm and CR3, the task's mm and active_mm.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/narrate.h"
#include "tap.h"
#include "tbuild.h"

#define NO	-1			/* not checked */

/* One event: what it says, and what the model shows after it. */
struct pin {
	uint64_t n;
	const char *say;
	int mm, users, count;		/* an mm's counters */
	int gone;			/* or: the mm is freed */
	int prev, cr3;			/* CPU 0's rq->prev_mm and cr3 */
	int pid, tmm, tactive;		/* a task's mm and active_mm */
};

static struct pin pins[64];
static int npins;

/* The next event is pinned to say s. */
static struct pin *at(struct tb *t, const char *s)
{
	struct pin *p = &pins[npins++];

	if (npins > (int)(sizeof pins / sizeof pins[0]))
		abort();			/* make pins[] larger */

	*p = (struct pin) { t->n, s, NO, NO, NO, 0, NO, NO, NO, NO, NO };
	return p;
}

static void mm_is(struct pin *p, int mm, int users, int count)
{
	p->mm = mm;
	p->users = users;
	p->count = count;
}

static void task_is(struct pin *p, int pid, int mm, int active)
{
	p->pid = pid;
	p->tmm = mm;
	p->tactive = active;
}

static void task(struct tb *t, unsigned pid, unsigned ppid, unsigned flags,
		 uint32_t clone, unsigned mm, const char *comm)
{
	struct mmt_task_new r = { .h = TB_H(MMT_TASK_NEW, mmt_task_new),
				  .pid = pid, .tgid = pid, .ppid = ppid,
				  .flags = flags, .clone_flags = clone,
				  .mm = mm, .active_mm = mm };

	memcpy(r.comm, comm, strlen(comm));
	tb_rec(t, 0, &r);
}

/* Boot: kernel_init borrows init_mm, execs into mm 2. */
static void boot(struct tb *t)
{
	struct pin *p;

	task(t, 1, 0, MMT_PF_KTHREAD, MMT_CLONE_VM, 0, "kernel_init");
	p = at(t, "CPU 0 switches from swapper/0 (idle) to the kernel thread "
	       "kernel_init[1], which borrows init_mm (lazy TLB): "
	       "context_switch's mmgrab follows; swapper/0 has no mm, so "
	       "context_switch leaves init_mm in rq->prev_mm for "
	       "finish_task_switch to drop.");
	p->prev = 1;
	task_is(p, 1, 0, 1);
	tb_switch(t, 0, 0, 1, 0, 1, 0, 1, 0, MMT_SW_LAZY | MMT_SW_PREV_MM);
	mm_is(at(t, "kernel_init[1] borrows init_mm from swapper/0 (lazy "
		 "TLB): mm_count 2→3."), 1, 2, 3);
	tb_ref(t, 0, 1, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 2, 3);
	tb_lazy(t, 0, 1, 1);
	tb_prev(t, 0, 1, MMT_PREV_SET);
	at(t, "finish_task_switch takes init_mm from rq->prev_mm to drop "
	   "it: the mmdrop follows.")->prev = 0;
	tb_prev(t, 0, 1, MMT_PREV_DROP);
	mm_is(at(t, "finish_task_switch drops init_mm, the active_mm "
		 "swapper/0 left in rq->prev_mm: mm_count 3→2."), 1, 2, 2);
	tb_ref(t, 0, 1, MMT_OP_MMDROP, MMT_WHY_PREV_MM, 2, 2);
	mm_is(at(t, "mm_alloc makes mm 2 for the exec of kernel_init[1]: "
		 "mm_users 1, mm_count 1."), 2, 1, 1);
	tb_alloc(t, 0, 2, 1, MMT_ALLOC_EXEC);
	task_is(at(t, "kernel_init[1], a kernel thread, execs lecture: it "
		   "gets mm 2, its first mm, and is a kernel thread no "
		   "more."), 1, 2, 2);
	tb_exec(t, 0, 1, 0, 2, "lecture");
	at(t, "CPU 0 loads the page directory of mm 2 (0x402000) into CR3 "
	   "(exec).")->cr3 = 2;
	tb_cr3(t, 0, 2, MMT_CR3_EXEC);
	mm_is(at(t, "exec_mmap: lecture[1] had no mm and drops the active_mm "
		 "it borrowed, init_mm: mm_count 2→1."), 1, 2, 1);
	tb_ref(t, 0, 1, MMT_OP_MMDROP, MMT_WHY_EXEC_LAZY, 2, 1);
}

/* A fork, a thread, a vfork child; the switch to the forked child. */
static void children(struct tb *t)
{
	struct pin *p;

	mm_is(at(t, "dup_mm allocates mm 3 for the child pid 3: mm_users 1, "
		 "mm_count 1."), 3, 1, 1);
	tb_alloc(t, 0, 3, 3, MMT_ALLOC_FORK);
	task_is(at(t, "lecture[1] forks child[3]: dup_mm gives it mm 3, its "
		   "own copy of the address space."), 3, 3, 3);
	task(t, 3, 1, 0, 0, 3, "child");
	mm_is(at(t, "copy_mm: thread[4], the thread lecture[1] creates, will "
		 "share mm 2 (CLONE_VM): mm_users 1→2."), 2, 2, 1);
	tb_ref(t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 2, 1);
	task(t, 4, 1, 0, MMT_CLONE_VM, 2, "thread");
	mm_is(at(t, "copy_mm: vchild[5], the child lecture[1] vforks, will "
		 "use mm 2 until it execs or exits (CLONE_VM): mm_users "
		 "2→3."), 2, 3, 1);
	tb_ref(t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 3, 1);
	task_is(at(t, "lecture[1] vforks vchild[5]: the child uses mm 2 until "
		   "it execs or exits, and the parent sleeps until then."),
		5, 2, 2);
	task(t, 5, 1, 0, MMT_CLONE_VM | MMT_CLONE_VFORK, 2, "vchild");
	p = at(t, "CPU 0 switches from lecture[1] (sleeping) to child[3]: "
	       "switch_mm loads mm 3 into CR3.");
	p->cr3 = 3;
	task_is(p, 3, 3, 3);
	tb_switch(t, 0, 1, 3, 2, 2, 3, 3, MMT_TASK_SLEEPING, MMT_SW_LOAD);
}

/* The child's exit_mm, its last switch, the drop that frees mm 3. */
static void child_exit(struct tb *t)
{
	struct mmt_exit_mmap x = { TB_H(MMT_EXIT_MMAP, mmt_exit_mmap), 3, 3,
				   8 };
	struct pin *p;

	mm_is(at(t, "exit_mm: child[3] grabs mm 3 to keep running on it as "
		 "active_mm once its mm is NULL: mm_count 1→2."), 3, 1, 2);
	tb_ref(t, 0, 3, MMT_OP_MMGRAB, MMT_WHY_EXIT_GRAB, 1, 2);
	task_is(at(t, "exit_mm: child[3] sets its mm to NULL and runs on, "
		   "lazily, on mm 3; its mmput follows."), 3, 0, 3);
	tb_lazy(t, 0, 3, 3);
	mm_is(at(t, "exit_mm: child[3] gives up its use of mm 3: mm_users "
		 "1→0."), 3, 0, 2);
	tb_ref(t, 0, 3, MMT_OP_MMPUT, MMT_WHY_EXIT_MM, 0, 2);
	tb_rec(t, 0, &x);
	mm_is(at(t, "mmput: no user of mm 3 is left, so the reference the "
		 "users held together goes: mm_count 2→1."), 3, 0, 1);
	tb_ref(t, 0, 3, MMT_OP_MMDROP, MMT_WHY_MMPUT_LAST, 0, 1);
	at(t, "child[3] exits with status 0: a zombie now, until its parent "
	   "reaps it.");
	tb_pid_rec(t, 0, MMT_TASK_EXIT, 3, 0);
	p = at(t, "CPU 0 switches from child[3] (exiting) to lecture[1]: "
	       "switch_mm loads mm 2 into CR3; child[3] has no mm, so "
	       "context_switch leaves mm 3 in rq->prev_mm for "
	       "finish_task_switch to drop.");
	p->prev = 3;
	p->cr3 = 2;
	task_is(p, 3, 0, 0);
	tb_switch(t, 0, 3, 1, 0, 3, 2, 2, MMT_TASK_ZOMBIE,
		  MMT_SW_LOAD | MMT_SW_PREV_MM);
	at(t, "context_switch leaves mm 3 in CPU 0's rq->prev_mm, to be "
	   "dropped once the switch is done.")->prev = 3;
	tb_prev(t, 0, 3, MMT_PREV_SET);
	tb_prev(t, 0, 3, MMT_PREV_DROP);
	mm_is(at(t, "finish_task_switch drops mm 3, the active_mm child[3] "
		 "left in rq->prev_mm: mm_count 1→0."), 3, 0, 0);
	tb_ref(t, 0, 3, MMT_OP_MMDROP, MMT_WHY_PREV_MM, 0, 0);
	p = at(t, "mm_count of mm 3 is 0: __mmdrop frees it and its page "
	       "directory 0x403000.");
	p->mm = 3;
	p->gone = 1;
	tb_free(t, 0, 3);
	at(t, "lecture[1] reaps child[3]: its task_struct is freed.");
	tb_pid_rec(t, 0, MMT_TASK_FREE, 3, 1);
}

/* mm 3·2, a kernel thread that borrows and adopts it, and its exit. */
static void kthread(struct tb *t)
{
	mm_is(at(t, "dup_mm allocates mm 3·2 for the child pid 6: mm_users "
		 "1, mm_count 1."), 3, 1, 1);
	tb_alloc(t, 0, 3, 6, MMT_ALLOC_FORK);
	task_is(at(t, "lecture[1] forks parked[6]: dup_mm gives it mm 3·2, "
		   "its own copy of the address space."), 6, 3, 3);
	task(t, 6, 1, 0, 0, 3, "parked");
	task_is(at(t, "lecture[1] creates the kernel thread kt[7]: it has no "
		   "mm of its own and will borrow one."), 7, 0, 0);
	task(t, 7, 1, MMT_PF_KTHREAD, 0, 0, "kt");
	task_is(at(t, "CPU 0 switches from lecture[1] (still runnable) to "
		   "thread[4]: both run on mm 2, so CR3 stays."), 4, 2, 2);
	tb_switch(t, 0, 1, 4, 2, 2, 2, 2, MMT_TASK_RUNNING, MMT_SW_SAME);
	task_is(at(t, "CPU 0 switches from thread[4] (sleeping) to the "
		   "kernel thread kt[7], which borrows mm 2 (lazy TLB): "
		   "context_switch's mmgrab follows."), 7, 0, 2);
	tb_switch(t, 0, 4, 7, 2, 2, 0, 2, MMT_TASK_SLEEPING, MMT_SW_LAZY);
	mm_is(at(t, "kt[7] borrows mm 2 from thread[4] (lazy TLB): mm_count "
		 "1→2."), 2, 3, 2);
	tb_ref(t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 3, 2);
	tb_lazy(t, 0, 7, 2);
	task_is(at(t, "The kernel thread kt[7] adopts mm 3·2 with use_mm (its "
		   "active_mm was mm 2)."), 7, 3, 3);
	tb_use(t, 0, MMT_USE_MM, 7, 3, 2);
	mm_is(at(t, "use_mm: the kernel thread kt[7] grabs mm 3·2 to adopt "
		 "it: mm_count 1→2."), 3, 1, 2);
	tb_ref(t, 0, 3, MMT_OP_MMGRAB, MMT_WHY_USE_MM, 1, 2);
	mm_is(at(t, "use_mm: kt[7] drops its old active_mm, mm 2: mm_count "
		 "2→1."), 2, 3, 1);
	tb_ref(t, 0, 2, MMT_OP_MMDROP, MMT_WHY_USE_MM_DROP, 3, 1);
	task_is(at(t, "kt[7] lets go of mm 3·2 with unuse_mm and keeps it "
		   "only as a lazy active_mm."), 7, 0, 3);
	tb_use(t, 0, MMT_UNUSE_MM, 7, 3, 3);
	at(t, "The kernel thread kt[7] exits (its function returned 0): "
	   "nobody waits for a kernel thread, so the kernel reaps it at "
	   "once.");
	tb_pid_rec(t, 0, MMT_TASK_EXIT, 7, 0);
	at(t, "The kernel frees the task_struct of kt[7].");
	tb_pid_rec(t, 0, MMT_TASK_FREE, 7, 0);
}

/* What pin p says, and how the model after the event differs. */
static int check(struct timeline *tl, struct model *b, struct model *a,
		 const struct pin *p)
{
	struct narrator nr = { b, tl->log, "\xe2\x86\x92" };
	char s[NARRATE_MAX];
	const struct mm *x;
	const struct task *t;
	struct mmt_event ev;
	int ok = 1;

	evlog_get(tl->log, p->n, &ev);
	tl_seek(tl, b, p->n);
	tl_seek(tl, a, p->n + 1);
	narrate_event(&nr, &ev, s, sizeof s);
	if (strcmp(s, p->say)) {
		tap_diag("says:  '%s'", s);
		tap_diag("wants: '%s'", p->say);
		ok = 0;
	}
	x = p->mm != NO ? model_mm(a, p->mm) : NULL;
	if (p->mm != NO && (p->gone ? x != NULL : !x ||
	    x->users != p->users || x->count != p->count)) {
		tap_diag("mm %d after it: %s %d/%d", p->mm, x ? "" : "gone",
			 x ? x->users : 0, x ? x->count : 0);
		ok = 0;
	}
	if ((p->prev != NO && a->cpu[0].prev_mm != (unsigned)p->prev) ||
	    (p->cr3 != NO && a->cpu[0].cr3 != (unsigned)p->cr3)) {
		tap_diag("cpu 0 after it: prev_mm %u, cr3 %u",
			 a->cpu[0].prev_mm, a->cpu[0].cr3);
		ok = 0;
	}
	t = p->pid != NO ? model_task(a, p->pid, 0) : NULL;
	if (p->pid != NO && (!t || t->mm != p->tmm ||
	    t->active_mm != p->tactive)) {
		tap_diag("task %d after it: mm %d, active_mm %d", p->pid,
			 t ? t->mm : -1, t ? t->active_mm : -1);
		ok = 0;
	}
	return ok;
}

int main(void)
{
	struct model *b = model_new(), *a = model_new();
	struct timeline *tl;
	struct tb t;
	int i;

	tb_init(&t, 1, MMT_ERA_2632);
	boot(&t);
	children(&t);
	child_exit(&t);
	kthread(&t);
	tl = tb_timeline(&t, 8);
	tap_plan(npins);
	for (i = 0; i < npins; i++) {
		evlog_get(tl->log, pins[i].n, &(struct mmt_event){ 0 });
		tap_ok(check(tl, b, a, &pins[i]), "event %llu: %.60s...",
		       (unsigned long long)pins[i].n, pins[i].say);
	}
	model_free(a);
	model_free(b);
	tl_free(tl);
	tb_free_all(&t);
	return tap_done();
}
