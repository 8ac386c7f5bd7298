/*
 * test_model.c - the model and the checker on hand-built traces.
 *
 * One small but complete run (boot, kernel_init execs, a fork, a CLONE_VM
 * thread, a kernel thread borrowing lazily, exits, reaping, the idle
 * task's last drop, END), correct in both eras: no violation, and the
 * model's state and holders right at chosen points.  Then, for every
 * rule, the same run with one fault that breaks it: the checker reports
 * that rule first, at the event that shows it, naming the cause.  And
 * the same faults behind a gap: rules suspended, nothing reported.
 */
#include <stdio.h>
#include <string.h>
#include "model/checker.h"
#include "trace/names.h"
#include "tbuild.h"
#include "tap.h"

/* The faults the run can be built with: one per rule, and some more. */
enum fault {
	NONE, MISMATCH, NEGATIVE, NO_USERS, EXTRA_GET, LAZY_NO_GRAB,
	EXIT_NO_GRAB, USER_ACTIVE, KTHREAD_MM, KEEP_ACTIVE, FREE_COUNT,
	FREE_ACTIVE, INIT_FREED, INIT_AS_MM, UAF, LEAK,
	/* records lost on the line, so that what is left looks wrong */
	GAP_ONLY, LOST_GRAB, LOST_EXIT_GRAB, LOST_TASK, LOST_FREE
};

struct run {
	enum fault fault;
	int era;
	uint64_t at;			/* event of the fault */
	uint64_t mark;		/* event after the borrow (state test) */
};

#define SW_USER		MMT_SW_LOAD
#define P(t, c, ...)	tb_ref(t, c, __VA_ARGS__)

/* The record that would come now on cpu is lost on the line. */
static void lose(struct tb *t, int cpu)
{
	encode_skip(&t->e, cpu, 1);
}

/* kernel_init (pid 1) borrows init_mm, then execs into mm 2. */
static void start(struct tb *t, struct run *r)
{
	int modern = r->era == MMT_ERA_MODERN;

	tb_task(t, 0, 1, 0, 1, MMT_CLONE_VM, 0, "kernel_init");
	tb_switch(t, 0, 0, 1, 0, 1, 0, 1, MMT_TASK_RUNNING, MMT_SW_LAZY |
		  (modern ? MMT_SW_HANDOFF : MMT_SW_PREV_MM));
	if (!modern)
		P(t, 0, 1, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 2, 3);
	tb_lazy(t, 0, 1, 1);
	if (!modern) {
		tb_prev(t, 0, 1, MMT_PREV_SET);
		tb_prev(t, 0, 1, MMT_PREV_DROP);
		P(t, 0, 1, MMT_OP_MMDROP, MMT_WHY_PREV_MM, 2, 2);
	}
	tb_alloc(t, 0, 2, 1, MMT_ALLOC_EXEC);
	tb_cr3(t, 0, 2, MMT_CR3_EXEC);
	tb_exec(t, 0, 1, 0, 2, "init");
	P(t, 0, 1, MMT_OP_MMDROP, MMT_WHY_EXEC_LAZY, 2, 1);
}

/* pid 1 forks pid 2 (mm 3) and clones thread 3 (mm 2); kthread 4. */
static void spawn(struct tb *t, struct run *r)
{
	tb_alloc(t, 0, 3, 2, MMT_ALLOC_FORK);
	if (r->fault == INIT_AS_MM) {
		r->at = tb_task(t, 0, 2, 1, 0, 0, MMT_MM_INIT, "child");
		return;
	}
	tb_task(t, 0, 2, 1, 0, 0, 3, "child");
	if (r->fault == MISMATCH)
		r->at = P(t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 3, 1);
	else
		P(t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 2, 1);
	if (r->fault == EXTRA_GET)
		r->at = P(t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 3, 1);
	if (r->fault == LOST_TASK)
		lose(t, 0);
	else
		tb_task(t, 0, 3, 1, 0, MMT_CLONE_VM, 2, "thread");
	if (r->fault == KTHREAD_MM)
		r->at = tb_task(t, 0, 4, 1, 1, MMT_CLONE_VM, 2, "kworker");
	else
		tb_task(t, 0, 4, 1, 1, MMT_CLONE_VM, 0, "kworker");
}

/* pid 1 -> kthread 4, which borrows mm 2; then 4 -> pid 2 (mm 3). */
static void borrow(struct tb *t, struct run *r)
{
	int users = r->fault == MISMATCH || r->fault == EXTRA_GET ? 3 : 2;
	int sw = MMT_SW_PREV_MM;
	uint64_t n;

	if (r->fault == NO_USERS)
		r->at = P(t, 0, 2, MMT_OP_MMDROP, MMT_WHY_PREV_MM, users, 0);
	n = tb_switch(t, 0, 1, 4, 2, 2, 0, 2, MMT_TASK_RUNNING, MMT_SW_LAZY);
	if (r->fault == LAZY_NO_GRAB)
		r->at = n;
	else if (r->fault == LOST_GRAB)
		lose(t, 0);
	else if (r->fault != NO_USERS)
		P(t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, users, 2);
	r->mark = tb_lazy(t, 0, 4, 2) + 1;
	tb_pid_rec(t, 0, MMT_TASK_STATE, 4, MMT_TASK_SLEEPING);
	if (r->fault == KEEP_ACTIVE)
		sw = 0;			/* forgets prev->active_mm, prev_mm */
	n = tb_switch(t, 0, 4, 2, 0, 2, 3, 3, MMT_TASK_SLEEPING, SW_USER | sw);
	if (r->fault == KEEP_ACTIVE || r->fault == LAZY_NO_GRAB)
		r->at = r->fault == KEEP_ACTIVE ? n : r->at;
	tb_cr3(t, 0, 3, MMT_CR3_SWITCH);
	if (!sw)
		return;
	tb_prev(t, 0, 2, MMT_PREV_SET);
	tb_prev(t, 0, 2, MMT_PREV_DROP);
	P(t, 0, 2, MMT_OP_MMDROP, MMT_WHY_PREV_MM, users,
	  r->fault == LAZY_NO_GRAB || r->fault == NO_USERS ? 0 : 1);
}

/* pid 2 exits: exit_mm, its last switch (to thread 3, mm 2), mm 3 freed. */
static void exit_child(struct tb *t, struct run *r)
{
	int users = r->fault == MISMATCH || r->fault == EXTRA_GET ? 3 : 2;
	uint64_t n;

	if (r->fault == FREE_COUNT)
		r->at = tb_free(t, 0, 3);
	if (r->fault == EXIT_NO_GRAB) {
		r->at = tb_lazy(t, 0, 2, 3);
	} else if (r->fault == LOST_EXIT_GRAB) {
		lose(t, 0);
		tb_lazy(t, 0, 2, 3);
	} else {
		P(t, 0, 3, MMT_OP_MMGRAB, MMT_WHY_EXIT_GRAB, 1, 2);
		tb_lazy(t, 0, 2, 3);
	}
	P(t, 0, 3, MMT_OP_MMPUT, MMT_WHY_EXIT_MM, 0, r->fault ==
	  EXIT_NO_GRAB ? 1 : 2);
	if (r->fault == NEGATIVE)
		r->at = P(t, 0, 3, MMT_OP_MMPUT, MMT_WHY_EXIT_MM, -1, 2);
	P(t, 0, 3, MMT_OP_MMDROP, MMT_WHY_MMPUT_LAST, r->fault == NEGATIVE ?
	  -1 : 0, r->fault == EXIT_NO_GRAB ? 0 : 1);
	tb_pid_rec(t, 0, MMT_TASK_EXIT, 2, 0);
	n = tb_switch(t, 0, 2, 3, 0, 3, 2, 2, MMT_TASK_ZOMBIE, MMT_SW_PREV_MM |
		      (r->fault == FREE_ACTIVE ? MMT_SW_SAME : MMT_SW_LOAD));
	(void)n;
	if (r->fault != FREE_ACTIVE)
		tb_cr3(t, 0, 2, MMT_CR3_SWITCH);
	tb_prev(t, 0, 3, MMT_PREV_SET);
	tb_prev(t, 0, 3, MMT_PREV_DROP);
	P(t, 0, 3, MMT_OP_MMDROP, MMT_WHY_PREV_MM, r->fault == NEGATIVE ? -1 :
	  0, 0);
	if (r->fault == LOST_FREE)
		lose(t, 0);
	else
		n = tb_free(t, 0, 3);
	if (r->fault == FREE_ACTIVE)
		r->at = n;
	if (r->fault == UAF)
		r->at = P(t, 0, 3, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 0, 1);
	(void)users;
}

/* thread 3 exits back to pid 1 (mm 2: no CR3 load); both are reaped. */
static void exit_thread(struct tb *t, struct run *r)
{
	int u = r->fault == MISMATCH || r->fault == EXTRA_GET ? 1 : 0;
	uint64_t n;

	if (r->fault == GAP_ONLY)
		encode_skip(&t->e, 0, 4);	/* a gap, nothing in it */
	P(t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_EXIT_GRAB, 2 + u, 2);
	tb_lazy(t, 0, 3, 2);
	P(t, 0, 2, MMT_OP_MMPUT, MMT_WHY_EXIT_MM, 1 + u, 2);
	tb_pid_rec(t, 0, MMT_TASK_EXIT, 3, 0);
	n = tb_switch(t, 0, 3, 1, 0, 2, 2, r->fault == USER_ACTIVE ? 1 : 2,
		      MMT_TASK_ZOMBIE, MMT_SW_SAME | MMT_SW_PREV_MM);
	if (r->fault == USER_ACTIVE)
		r->at = n;
	tb_prev(t, 0, 2, MMT_PREV_SET);
	tb_prev(t, 0, 2, MMT_PREV_DROP);
	P(t, 0, 2, MMT_OP_MMDROP, MMT_WHY_PREV_MM, 1 + u, 1);
	tb_pid_rec(t, 0, MMT_TASK_FREE, 2, 1);
	if (r->fault != LEAK)
		tb_pid_rec(t, 0, MMT_TASK_FREE, 3, 1);
}

/* pid 1 exits to kthread 4, 4 exits to idle, idle drops mm 2: END. */
static void finish(struct tb *t, struct run *r)
{
	int modern = r->era == MMT_ERA_MODERN, u = r->fault == MISMATCH ||
		     r->fault == EXTRA_GET;
	int lazy = MMT_SW_LAZY | (modern ? MMT_SW_HANDOFF : MMT_SW_PREV_MM);
	int c = 1, i;

	tb_pid_rec(t, 0, MMT_TASK_STATE, 4, MMT_TASK_RUNNING);
	P(t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_EXIT_GRAB, 1 + u, 2);
	tb_lazy(t, 0, 1, 2);
	P(t, 0, 2, MMT_OP_MMPUT, MMT_WHY_EXIT_MM, u, 2);
	if (!u)
		P(t, 0, 2, MMT_OP_MMDROP, MMT_WHY_MMPUT_LAST, 0, 1);
	c = u ? 2 : 1;
	tb_pid_rec(t, 0, MMT_TASK_EXIT, 1, 0);
	for (i = 0; i < 2; i++) {		/* 1 -> 4, then 4 -> idle */
		tb_switch(t, 0, i ? 4 : 1, i ? 0 : 4, 0, 2, 0, 2,
			  MMT_TASK_ZOMBIE, lazy);
		if (!modern)
			P(t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, u, c + 1);
		tb_lazy(t, 0, i ? 0 : 4, 2);
		if (!modern) {
			tb_prev(t, 0, 2, MMT_PREV_SET);
			tb_prev(t, 0, 2, MMT_PREV_DROP);
			P(t, 0, 2, MMT_OP_MMDROP, MMT_WHY_PREV_MM, u, c);
		}
	}
	tb_pid_rec(t, 0, MMT_TASK_FREE, 4, 0);
	tb_pid_rec(t, 0, MMT_TASK_FREE, 1, 0);
	tb_cr3(t, 0, MMT_MM_INIT, MMT_CR3_SWITCH);
	P(t, 0, 2, MMT_OP_MMDROP, MMT_WHY_IDLE_EXIT, u, c - 1);
	if (!u)
		tb_free(t, 0, 2);
	if (r->fault == INIT_FREED)
		r->at = tb_free(t, 0, MMT_MM_INIT);
	tb_end(t, 0, r->fault == LEAK, u, 900);
	if (r->fault == LEAK)
		r->at = t->n - 1;
}

static struct timeline *build(struct run *r)
{
	struct tb t;
	struct timeline *tl;

	tb_init(&t, 1, r->era);
	start(&t, r);
	spawn(&t, r);
	borrow(&t, r);
	exit_child(&t, r);
	exit_thread(&t, r);
	finish(&t, r);
	tl = tb_timeline(&t, 64);
	tb_free_all(&t);
	return tl;
}

static void show(const struct timeline *tl)
{
	size_t i;

	for (i = 0; i < tl->found.nv && i < 4; i++)
		tap_diag("%s at %llu (cause %llu): %s",
			 check_rules[tl->found.v[i].rule].name,
			 (unsigned long long)tl->found.v[i].n,
			 (unsigned long long)tl->found.v[i].cause.n,
			 tl->found.v[i].detail);
}

/* The clean run, in both eras: nothing found, the right state. */
static void test_clean(int era)
{
	struct run r = { NONE, era, 0, 0 };
	struct timeline *tl = build(&r);
	struct model *v = model_new();
	const struct mm *x;
	const struct task *k;
	const char *e = era == MMT_ERA_MODERN ? "modern" : "2.6.32";

	tap_ok(tl->found.nv == 0 && tl->tail->end_n && tl->tail->nmms == 0 &&
		       tl->tail->ntasks == 0,
	       "%s: the clean run: no violation, END, no mm or task left", e);
	show(tl);
	tl_seek(tl, v, r.mark);
	x = model_mm(v, 2);
	k = model_task(v, 4, 0);
	tap_ok(x && x->users == 2 && x->count == 2 && x->h_users == 2 &&
		       x->h_lazy == 1 && k && k->active_mm == 2 && !k->mm &&
		       v->cpu[0].lazy && v->cpu[0].current == 4 &&
		       v->cpu[0].cr3 == 2,
	       "%s: kthread 4 borrows mm 2: users 2 (two tasks), count 2 "
	       "(users + one lazy borrower), cpu 0 lazy with mm 2 in CR3",
	       e);
	tap_ok(model_mm_freed(tl->tail, 2) && model_mm_freed(tl->tail, 3) &&
	       model_mm(tl->tail, MMT_MM_INIT)->count == 1,
	       "%s: at the end mms 2 and 3 are freed, init_mm's count is 1", e);
	model_free(v);
	tl_free(tl);
}

/* A fault: its rule comes first, where it should. */
static void test_fault(enum fault f, int rule, int later, const char *what)
{
	struct run r = { f, MMT_ERA_2632, 0, 0 };
	struct timeline *tl = build(&r);
	const struct violation *v = tl->found.nv ? &tl->found.v[0] : NULL;

	if (!tap_ok(v && v->rule == rule &&
			    (later ? v->n > r.at && v->cause.n == r.at
				   : v->n == r.at),
		    "%s: %s at event %llu%s", check_rules[rule].name, what,
		    (unsigned long long)r.at,
		    later ? " (cause; found later)" : ""))
		show(tl);
	tl_free(tl);
}

/*
 * A correct run whose record was lost on the line, so that what is left
 * looks like a fault: no violation, the rules suspended instead.
 */
static void test_gap(enum fault f, uint32_t lost, const char *what)
{
	struct run r = { f, MMT_ERA_2632, 0, 0 };
	struct timeline *tl = build(&r);

	if (!tap_ok(tl->found.nv == 0 && tl->found.ns > 0 &&
		    tl->tail->lost == lost, "a gap where %s: no violation, %zu "
		    "suspensions said", what, tl->found.ns))
		show(tl);
	tl_free(tl);
}

/*
 * Nonsense: records of every known type with random fields, ids few
 * enough to collide, some lost on the line.  The model and the checker
 * must neither crash nor lose their footing: seeking still equals
 * replaying.
 */
static void test_nonsense(void)
{
	struct tb t;
	struct timeline *tl;
	struct model *a = model_new(), *b = model_new();
	struct snapshots none;
	uint8_t rec[MMT_REC_MAX];
	unsigned i, k, type, same = 1;

	srand(3);
	tb_init(&t, 3, MMT_ERA_2632);
	for (i = 0; i < 60000; i++) {
		do
			type = 1 + rand() % 80;
		while (!mmt_types[type].name);
		for (k = 0; k < sizeof rec; k++)
			rec[k] = rand() % 5 ? rand() % 6 : rand();
		rec[0] = type;
		rec[1] = mmt_types[type].size + (mmt_types[type].text ? 4 : 0);
		if (rand() % 3000 == 0)
			encode_skip(&t.e, i % 3, 2);
		t.ts += 16;
		encode_record(&t.e, rand() % 3, t.ts, rec);
	}
	tl = tb_timeline(&t, 512);
	snap_init(&none, 512);
	for (i = 0; i < 20 && same; i++) {
		uint64_t n = (uint64_t)rand() * rand() % evlog_count(tl->log);

		tl_seek(tl, a, n);
		model_reset(b);
		model_seek(b, &none, tl->log, n);
		same = a->violations == b->violations && a->nmms == b->nmms &&
		       a->ntasks == b->ntasks && !memcmp(a->cpu, b->cpu,
		       a->ncpu * sizeof a->cpu[0]);
	}
	tap_ok(evlog_count(tl->log) > 59000 && tl->found.nv > 0 && same,
	       "60000 random records: %zu violations, %zu suspensions, no "
	       "crash, seeks equal replays",
	       tl->found.nv, tl->found.ns);
	snap_free(&none);
	model_free(a);
	model_free(b);
	tl_free(tl);
	tb_free_all(&t);
}

int main(void)
{
	tap_plan(6 + 16 + 5 + 1);
	test_clean(MMT_ERA_2632);
	test_clean(MMT_ERA_MODERN);
	test_fault(MISMATCH, RULE_COUNTER_MISMATCH, 0, "an mmget reports +2");
	test_fault(NEGATIVE, RULE_NEGATIVE_COUNTER, 0, "an extra mmput at 0");
	test_fault(NO_USERS, RULE_COUNT_WITHOUT_USERS, 0, "an mmdrop to 0 with "
		   "users");
	test_fault(EXTRA_GET, RULE_USERS_BALANCE, 1, "an mmget for no task");
	test_fault(LAZY_NO_GRAB, RULE_COUNT_BALANCE, 1, "a lazy switch without "
		   "mmgrab");
	test_fault(EXIT_NO_GRAB, RULE_COUNT_BALANCE, 1, "exit_mm without its "
		   "grab: mm_count 0 while pid 2 still borrows it");
	test_fault(USER_ACTIVE, RULE_USER_ACTIVE_MM, 0, "a user task switched "
		   "in on another mm");
	test_fault(KTHREAD_MM, RULE_KTHREAD_HAS_MM, 0, "a kthread made with an "
		   "mm");
	test_fault(KEEP_ACTIVE, RULE_SWITCHED_OUT_ACTIVE, 0,
		   "a kthread switched out keeps its borrow");
	test_fault(FREE_COUNT, RULE_FREE_WITH_COUNT, 0, "freed at count 1");
	test_fault(FREE_ACTIVE, RULE_FREE_WHILE_ACTIVE, 0,
		   "freed while in CR3");
	test_fault(INIT_FREED, RULE_INIT_MM_FREED, 0, "MM_FREE of init_mm");
	test_fault(INIT_AS_MM, RULE_INIT_MM_AS_MM, 0,
		   "a task made with init_mm");
	test_fault(UAF, RULE_USE_AFTER_FREE, 0, "an MM_REF of freed mm 3");
	test_fault(LEAK, RULE_LEAK_AT_END, 0, "a zombie never reaped, at END");
	test_fault(EXTRA_GET, RULE_USERS_BALANCE, 1, "its cause is the extra "
		   "mmget");
	test_gap(GAP_ONLY, 4, "nothing was lost");
	test_gap(LOST_GRAB, 1, "the borrow's mmgrab was lost");
	test_gap(LOST_EXIT_GRAB, 1, "exit_mm's grab was lost");
	test_gap(LOST_TASK, 1, "a CLONE_VM TASK_NEW was lost");
	test_gap(LOST_FREE, 1, "an MM_FREE was lost");
	test_nonsense();
	return tap_done();
}
