/*
 * genkernel.c - gentrace's simulated kernel: reference operations,
 * mm_structs, tasks, context_switch and finish_task_switch in both eras,
 * a scheduler, and the faults --inject puts in them; see gentrace.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gentrace.h"

struct gtask tasks[MAXPID];
struct gmm mms[MAXMM];
struct gcpu cpus[MAXCPU];
unsigned ntasks, nmms, nkthreads;
unsigned pid_hw = 1, mm_hw = 2;	/* above every pid, mm id in use */
int winding;			/* no new work: wind down */
int injected;			/* the fault happened */
uint64_t panic_at;		/* record count to stop at, 0: none */


int want(const char *rule)
{
	if (!opt.inject || injected || nrec < opt.inject_at ||
	    strcmp(opt.inject, rule))
		return 0;
	injected = 1;
	return 1;
}

void say_injected(uint64_t n)
{
	fprintf(stderr, "gentrace: injected %s at event %llu\n", opt.inject,
		(unsigned long long)n);
	if (opt.after && strcmp(opt.inject, "leak_at_end"))
		panic_at = n + opt.after;
}

void mm_ref(int c, unsigned mm, int op, int why)
{
	struct mmt_mm_ref r = { REC(MMT_MM_REF, mmt_mm_ref), mm, op, why, 0, 0,
				0xc0100000u + why * 0x40 + op };

	mms[mm].users += (op == MMT_OP_MMGET) - (op == MMT_OP_MMPUT);
	mms[mm].count += (op == MMT_OP_MMGRAB) - (op == MMT_OP_MMDROP);
	r.users = mms[mm].users;
	r.count = mms[mm].count;
	emit(c, &r);
}

void mm_free_rec(int c, unsigned mm)
{
	struct mmt_mm_free f = { REC(MMT_MM_FREE, mmt_mm_free), mm, 0,
				 PGD_BASE + mm * 0x1000, 0xc0100800u };

	emit(c, &f);
	mms[mm].used = 0;
	mms[mm].freed = injected;	/* after a fault, ids are not reused */
	if (mm != MMT_MM_INIT)
		nmms--;
	if (want("use_after_free")) {
		struct mmt_mm_map r = { REC(MMT_MM_MAP, mmt_mm_map), mm,
					MMT_MAP_MMAP, 0, 0x08050000, 4096 };

		say_injected(nrec);
		emit(c, &r);
	}
}

void mmdrop(int c, unsigned mm, int why)
{
	mm_ref(c, mm, MMT_OP_MMDROP, why);
	if (mms[mm].count == 0 && mms[mm].used)
		mm_free_rec(c, mm);
}

/*
 * exit_mmap frees the page tables: its shootdown reaches every other CPU
 * still on the mm (lazy ones: nobody uses it any more), which leave_mm.
 */
static void flush_freed_tables(int c, unsigned mm)
{
	struct mmt_ipi_recv i = { REC(MMT_IPI_RECV, mmt_ipi_recv), mm,
				  MMT_IPI_TLB, c };
	struct mmt_leave_mm l = { REC(MMT_LEAVE_MM, mmt_leave_mm), mm, 0 };
	unsigned k;

	for (k = 0; k < opt.cpus; k++) {
		if ((int)k == c || cpus[k].cr3 != mm)
			continue;
		emit(k, &i);
		emit(k, &l);
		cr3_load(k, MMT_MM_INIT, MMT_CR3_LEAVE);
	}
}

void mmput(int c, unsigned mm, int why)
{
	struct mmt_exit_mmap x = { REC(MMT_EXIT_MMAP, mmt_exit_mmap), mm,
				   3, 12 };

	mm_ref(c, mm, MMT_OP_MMPUT, why);
	if (mms[mm].users != 0)
		return;
	flush_freed_tables(c, mm);
	emit(c, &x);
	mmdrop(c, mm, MMT_WHY_MMPUT_LAST);
}

unsigned mm_new(int c, unsigned pid, int reason)
{
	struct mmt_mm_alloc a = { REC(MMT_MM_ALLOC, mmt_mm_alloc), 0, pid, 0,
				  1, 1, reason, 0, 0 };
	unsigned id;

	for (id = 2; id < MAXMM && (mms[id].used || mms[id].freed); id++)
		;
	if (id == MAXMM)
		die("out of mm ids");
	if (id >= mm_hw)
		mm_hw = id + 1;
	mms[id] = (struct gmm) { 1, 1, 1, injected };
	a.mm = id;
	a.pgd = PGD_BASE + id * 0x1000;
	emit(c, &a);
	nmms++;
	return id;
}

unsigned free_pid(void)
{
	unsigned pid;

	for (pid = 1; pid < MAXPID && tasks[pid].used; pid++)
		;
	if (pid == MAXPID)
		die("out of pids");
	return pid;
}

struct gtask *task_new(int c, struct gtask *parent, int kthread,
			      unsigned mm, uint32_t clone, const char *comm)
{
	struct mmt_task_new r = { .h = REC(MMT_TASK_NEW, mmt_task_new) };
	struct gtask *t;
	unsigned pid;

	pid = free_pid();
	if (pid >= pid_hw)
		pid_hw = pid + 1;
	t = &tasks[pid];
	*t = (struct gtask) { .pid = pid, .ppid = parent ? parent->pid : 0,
			      .tgid = clone & MMT_CLONE_VM && parent &&
				      !kthread ? parent->tgid : pid,
			      .mm = mm, .active_mm = mm, .used = 1,
			      .kthread = kthread, .state = S_RUNNABLE,
			      .cpu = c };
	r.pid = pid;
	r.tgid = t->tgid;
	r.ppid = t->ppid;
	r.flags = kthread ? MMT_PF_KTHREAD : 0;
	r.clone_flags = clone;
	r.mm = r.active_mm = mm;
	if (want("init_mm_as_mm")) {
		r.mm = r.active_mm = MMT_MM_INIT;
		say_injected(nrec);
	}
	snprintf(r.comm, sizeof r.comm, "%s", comm);
	emit(c, &r);
	ntasks++;
	nkthreads += kthread;
	return t;
}

/* --- context switches ------------------------------------------------ */

void cr3_load(int c, unsigned mm, int reason)
{
	struct mmt_cr3_load l = { REC(MMT_CR3_LOAD, mmt_cr3_load), mm, reason,
				  0, mm == MMT_MM_INIT ? SWAPPER_PGD :
				  PGD_BASE + mm * 0x1000 };

	emit(c, &l);
	cpus[c].cr3 = mm;
}

void enter_lazy(int c, const struct gtask *t)
{
	struct mmt_enter_lazy e = { REC(MMT_ENTER_LAZY, mmt_enter_lazy),
				    t->pid, t->active_mm };

	emit(c, &e);
}

void prev_mm_rec(int c, unsigned mm, int action)
{
	struct mmt_prev_mm p = { REC(MMT_PREV_MM, mmt_prev_mm), mm, action, 0 };

	emit(c, &p);
}

void task_free_rec(int c, struct gtask *t, unsigned reaper)
{
	struct mmt_task_free f = { REC(MMT_TASK_FREE, mmt_task_free), t->pid,
				   reaper };

	if (winding && !t->kthread && want("leak_at_end")) {
		say_injected(nrec);	/* never freed: END will say so */
	} else {
		emit(c, &f);
	}
	ntasks--;
	nkthreads -= t->kthread;
	t->used = 0;
}

/* --inject of a rule the SWITCH record itself breaks: 1 if it did. */
int fault_switch(struct mmt_switch *s, const struct gtask *prev,
			const struct gtask *next)
{
	if (next->mm && want("user_active_mm")) {
		s->next_active = MMT_MM_INIT;
		return 1;
	}
	if (!next->mm && prev->mm && next->pid && want("kthread_has_mm")) {
		s->next_mm = prev->mm;
		return 1;
	}
	return 0;
}

/* The records of context_switch(prev, next) and finish_task_switch. */
void context_switch(int c, struct gtask *prev, struct gtask *next,
			   int prev_state)
{
	struct mmt_switch s = { REC(MMT_SWITCH, mmt_switch), prev->pid,
				next->pid, prev->mm, prev->active_mm, 0, 0,
				prev_state, 0, 0 };
	unsigned oldmm = prev->active_mm, rq_prev = 0;
	int grab = 0, keep = 0;

	if (!next->mm) {			/* to a kernel thread */
		next->active_mm = oldmm;
		s.flags |= MMT_SW_LAZY;
		if (opt.era == MMT_ERA_MODERN && !prev->mm) {
			s.flags |= MMT_SW_HANDOFF;
			prev->active_mm = 0;
		} else {
			grab = 1;
		}
	} else {
		s.flags |= cpus[c].cr3 != next->mm ? MMT_SW_LOAD : MMT_SW_SAME;
	}
	if (!prev->mm && !(s.flags & MMT_SW_HANDOFF)) {
		/* the fault: prev keeps its active_mm, nothing to drop */
		keep = prev->pid && next->mm && want("switched_out_active_mm");
		if (!keep) {
			s.flags |= MMT_SW_PREV_MM;
			prev->active_mm = 0;
			rq_prev = oldmm;
		}
	}
	s.next_mm = next->mm;
	s.next_active = next->active_mm;
	if (keep || fault_switch(&s, prev, next))
		say_injected(nrec);
	emit(c, &s);
	if (grab && prev->mm && want("count_balance"))
		say_injected(nrec - 1);		/* lazy_no_grab */
	else if (grab)
		mm_ref(c, oldmm, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW);
	if (!next->mm)
		enter_lazy(c, next);
	else if (s.flags & MMT_SW_LOAD)
		cr3_load(c, next->mm, MMT_CR3_SWITCH);
	if (rq_prev)
		prev_mm_rec(c, rq_prev, MMT_PREV_SET);
	prev->on_cpu = 0;
	next->on_cpu = 1;
	next->cpu = c;
	next->state = S_RUNNABLE;
	cpus[c].curr = next;
	if (rq_prev) {				/* finish_task_switch */
		prev_mm_rec(c, rq_prev, MMT_PREV_DROP);
		mmdrop(c, rq_prev, MMT_WHY_PREV_MM);
	}
	if (prev_state == S_ZOMBIE && prev->kthread)
		task_free_rec(c, prev, 0);	/* kernel threads autoreap */
}

/* A used task (from a random start) that ok() accepts, or NULL. */
struct gtask *find(int (*ok)(const struct gtask *))
{
	unsigned i, start = rnd(pid_hw);
	struct gtask *t;

	for (i = 0; i < pid_hw; i++) {
		t = &tasks[(start + i) % pid_hw];
		if (t->used && ok(t))
			return t;
	}
	return NULL;
}

int runnable(const struct gtask *t)
{
	return t->state == S_RUNNABLE && !t->on_cpu;
}

int sleeping(const struct gtask *t)
{
	return t->state == S_SLEEPING;
}

int reapable(const struct gtask *t)
{
	return t->state == S_ZOMBIE && !t->on_cpu && !t->kthread;
}

int user_task(const struct gtask *t)
{
	return t->mm && !t->kthread && !t->exiting && mms[t->mm].users > 0;
}

struct gtask *pick(void)
{
	return ntasks ? find(runnable) : NULL;
}

/* schedule() on c: prev stops (prev_state) and something else runs. */
void schedule(int c, int prev_state)
{
	struct gtask *prev = cpus[c].curr, *next = pick();

	prev->state = prev_state;
	if (!next && prev_state == S_RUNNABLE)
		return;			/* nothing else to run */
	if (!next)
		next = &cpus[c].idle;
	context_switch(c, prev, next, prev_state);
}

