/*
 * genwork.c - what gentrace's tasks do: user tasks fork, clone, exec,
 * exit, sleep, wake others, map memory and reap; kernel threads adopt
 * user mms and give them up; lazy CPUs get TLB shootdowns; one weighted
 * choice per step, and the wind-down when the trace is long enough.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gentrace.h"

/* --- what tasks do ----------------------------------------------------- */

void task_state(int c, struct gtask *t, int state)
{
	struct mmt_task_state r = { REC(MMT_TASK_STATE, mmt_task_state),
				    t->pid, state, 0 };

	emit(c, &r);
	t->state = state;
}

static void do_fork(int c, struct gtask *t)
{
	unsigned id = mm_new(c, free_pid(), MMT_ALLOC_FORK);

	task_new(c, t, 0, id, 0, "child");
}

static void do_thread(int c, struct gtask *t)
{
	if (want("users_balance")) {		/* an mmget for nobody */
		say_injected(nrec);
		mm_ref(c, t->mm, MMT_OP_MMGET, MMT_WHY_CLONE_VM);
		return;
	}
	if (want("counter_mismatch")) {		/* counted twice, said once */
		say_injected(nrec);
		mms[t->mm].users++;
	}
	mm_ref(c, t->mm, MMT_OP_MMGET, MMT_WHY_CLONE_VM);
	task_new(c, t, 0, t->mm, MMT_CLONE_VM | (rnd(4) ? 0 : MMT_CLONE_VFORK),
		 "thread");
}

static void do_exec(int c, struct gtask *t)
{
	struct mmt_exec e = { REC(MMT_EXEC, mmt_exec), t->pid, t->mm, 0, 0,
			      "prog" };
	unsigned old = t->mm, active = t->active_mm;
	int skip = old && mms[old].users == 1 && mms[old].count == 1 &&
		   want("free_while_active");	/* the new pgd never loaded */

	e.new_mm = mm_new(c, t->pid, MMT_ALLOC_EXEC);
	if (!skip)
		cr3_load(c, e.new_mm, MMT_CR3_EXEC);
	emit(c, &e);
	if (t->kthread)
		nkthreads--;
	t->kthread = 0;
	t->mm = t->active_mm = e.new_mm;
	if (old)
		mmput(c, old, MMT_WHY_EXEC);
	else
		mmdrop(c, active, MMT_WHY_EXEC_LAZY);
	if (skip)
		say_injected(nrec - 1);		/* its MM_FREE */
}

static void do_exit(int c, struct gtask *t)
{
	struct mmt_task_exit x = { REC(MMT_TASK_EXIT, mmt_task_exit), t->pid,
				   0, 0, 0 };
	unsigned mm = t->mm;

	if (mm) {				/* exit_mm */
		mm_ref(c, mm, MMT_OP_MMGRAB, MMT_WHY_EXIT_GRAB);
		t->mm = 0;
		enter_lazy(c, t);
		mmput(c, mm, MMT_WHY_EXIT_MM);
		if (mms[mm].users == 0 && want("negative_counter")) {
			say_injected(nrec);
			mm_ref(c, mm, MMT_OP_MMPUT, MMT_WHY_EXIT_MM);
		}
	}
	emit(c, &x);
	t->exiting = 1;
	schedule(c, S_ZOMBIE);
}

static void do_wake(int c)
{
	struct gtask *s = find(sleeping);

	if (s)
		task_state(c, s, S_RUNNABLE);
}

static void do_reap(int c, struct gtask *t)
{
	struct gtask *z = find(reapable);

	if (z)
		task_free_rec(c, z, t->pid);
}

static void do_mmap(int c, struct gtask *t)
{
	struct mmt_mm_map r = { REC(MMT_MM_MAP, mmt_mm_map), t->mm,
				1 + rnd(3), 0, 0x40000000u + rnd(256) * 4096,
				4096 * (1 + rnd(16)) };

	emit(c, &r);
}

static void do_mark(int c, struct gtask *t)
{
	struct {
		struct mmt_mark m;
		char text[24];
	} r = { { { MMT_MARK, sizeof(struct mmt_mark) + 23, 0 }, t->pid, 0,
		    0 },
		"synthetic work goes on." };

	emit(c, &r);
}

/* The adopted mm: a user task's, pinned with get_task_mm. */
static void do_use_mm(int c, struct gtask *k)
{
	struct gtask *u = find(user_task);
	struct mmt_use_mm r = { REC(MMT_USE_MM, mmt_use_mm), k->pid, 0,
				k->active_mm, 0 };
	unsigned old = k->active_mm;

	if (!u)
		return;
	r.mm = u->mm;
	mm_ref(c, r.mm, MMT_OP_MMGET, MMT_WHY_GET_TASK_MM);
	k->pin = r.mm;
	if (old != r.mm)
		mm_ref(c, r.mm, MMT_OP_MMGRAB, MMT_WHY_USE_MM);
	emit(c, &r);
	k->mm = k->active_mm = r.mm;
	k->use_mm = 1;
	if (cpus[c].cr3 != r.mm)
		cr3_load(c, r.mm, MMT_CR3_USE_MM);
	if (old && old != r.mm)
		mmdrop(c, old, MMT_WHY_USE_MM_DROP);
}

static void do_unuse_mm(int c, struct gtask *k)
{
	struct mmt_use_mm r = { REC(MMT_UNUSE_MM, mmt_use_mm), k->pid, k->mm,
				k->active_mm, 0 };

	emit(c, &r);
	k->mm = 0;
	k->use_mm = 0;
	enter_lazy(c, k);
	mmput(c, k->pin, MMT_WHY_PUT_TASK_MM);
	k->pin = 0;
}

/* A TLB shootdown reaches a lazy CPU: leave_mm. */
static void do_leave_mm(int c, struct gtask *k)
{
	struct mmt_ipi_recv i = { REC(MMT_IPI_RECV, mmt_ipi_recv),
				  k->active_mm, MMT_IPI_TLB, 0 };
	struct mmt_leave_mm l = { REC(MMT_LEAVE_MM, mmt_leave_mm),
				  k->active_mm, 0 };

	if (k->mm || !k->active_mm || cpus[c].cr3 != k->active_mm)
		return;
	emit(c, &i);
	emit(c, &l);
	cr3_load(c, MMT_MM_INIT, MMT_CR3_LEAVE);
}

static void do_spawn(int c, struct gtask *t)
{
	task_new(c, t, 1, 0, MMT_CLONE_VM, "kworker");
}

/* One of the weighted choices: returns the index drawn. */
static int draw(const int *w, int n)
{
	int i, sum = 0, r;

	for (i = 0; i < n; i++)
		sum += w[i];
	r = rnd(sum);
	for (i = 0; i < n; i++)
		if ((r -= w[i]) < 0)
			return i;
	return n - 1;
}

/* --inject of a rule that breaks by one record of its own. */
static int fault_step(int c, struct gtask *t)
{
	struct mmt_mm_free f = { REC(MMT_MM_FREE, mmt_mm_free), t->mm, 0,
				 PGD_BASE + t->mm * 0x1000, 0xc0100800u };

	if (mms[t->mm].count == 1 && want("count_without_users")) {
		say_injected(nrec);		/* a drop for nobody */
		mm_ref(c, t->mm, MMT_OP_MMDROP, MMT_WHY_PREV_MM);
	} else if (want("free_with_count")) {
		say_injected(nrec);		/* freed while in use */
		emit(c, &f);
	} else if (want("init_mm_freed")) {
		say_injected(nrec);
		f.mm = MMT_MM_INIT;
		f.pgd = SWAPPER_PGD;
		emit(c, &f);
	} else {
		return 0;
	}
	return 1;
}

static void step_user(int c, struct gtask *t)
{
	int room = ntasks < opt.tasks, mmroom = nmms < opt.mms;
	int w[] = {
		!winding && room && mmroom ? 6 : 0,	/* fork */
		!winding && room ? 4 : 0,		/* thread */
		!winding && mmroom ? 3 : 0,		/* exec */
		winding ? 12 : t->pid != 1 ? 5 : 0,	/* exit */
		12, 6, 8,				/* yield, sleep, wake */
		winding ? 0 : 4, 1,			/* mmap, mark */
		!winding && nkthreads < opt.kthreads ? 2 : 0,	/* kthread */
		6,					/* reap */
	};

	if (fault_step(c, t))
		return;
	switch (draw(w, sizeof w / sizeof w[0])) {
	case 0: do_fork(c, t); break;
	case 1: do_thread(c, t); break;
	case 2: do_exec(c, t); break;
	case 3: do_exit(c, t); break;
	case 4: schedule(c, S_RUNNABLE); break;
	case 5: task_state(c, t, S_SLEEPING); schedule(c, S_SLEEPING); break;
	case 6: do_wake(c); break;
	case 7: do_mmap(c, t); break;
	case 8: do_mark(c, t); break;
	case 9: do_spawn(c, t); break;
	default: do_reap(c, t);
	}
}

static void step_kthread(int c, struct gtask *k)
{
	int w[] = {
		!k->use_mm && !winding ? 3 : 0,		/* use_mm */
		k->use_mm ? (winding ? 20 : 4) : 0,	/* unuse_mm */
		winding ? 1 : 6, 8, 4,			/* sleep, yield, wake */
		k->use_mm ? 0 : winding ? 20 : 2,	/* exit */
		2,					/* leave_mm */
	};

	if (k->pid == 1) {			/* kernel_init execs init */
		do_exec(c, k);
		return;
	}
	switch (draw(w, sizeof w / sizeof w[0])) {
	case 0: do_use_mm(c, k); break;
	case 1: do_unuse_mm(c, k); break;
	case 2: task_state(c, k, S_SLEEPING); schedule(c, S_SLEEPING); break;
	case 3: schedule(c, S_RUNNABLE); break;
	case 4: do_wake(c); break;
	case 5: do_exit(c, k); break;
	default: do_leave_mm(c, k);
	}
}

static void step_idle(int c, struct gtask *idle)
{
	if (pick()) {
		schedule(c, S_RUNNABLE);
		return;
	}
	switch (rnd(winding ? 2 : 4)) {
	case 0: do_wake(c); break;
	case 1: if (winding) do_reap(c, idle); break;
	case 2: do_leave_mm(c, idle); break;
	}
}

void step(int c)
{
	struct gtask *t = cpus[c].curr;

	if (t == &cpus[c].idle)
		step_idle(c, t);
	else if (t->kthread)
		step_kthread(c, t);
	else
		step_user(c, t);
}

