/*
 * kpath.c - the kernel paths of each CPU and the balance rules, see
 * checker_int.h and MODEL.md 3, "When the balance rules are checked".
 *
 * A path owes operations (the lazy switch owes the borrow's mmgrab) and
 * keeps the MM_REFs that wait for the record they go with (CLONE_VM's
 * mmget waits for TASK_NEW).  An mm on which any CPU owes or waits for
 * something is in flux (mm_check.flux counts those ops); it is checked
 * after every record that leaves it out of flux.  When a CPU reaches its
 * next SWITCH its path is over, and what it still owes names the cause.
 */
#include <string.h>
#include "model/checker_int.h"

/* --- kernel paths: what each CPU owes and did ------------------------ */

void kpath_flux(struct model *m, unsigned id, int d)
{
	struct mm *x = model_mm(m, id);

	if (x)
		x->ck.flux += d;
}

/* The mm of the event in hand is to be checked after it. */
void kpath_touch(struct model *m, unsigned id)
{
	unsigned i;

	if (!id)
		return;
	for (i = 0; i < m->ntouched; i++)
		if (m->touched[i] == id)
			return;
	if (m->ntouched < sizeof m->touched / sizeof m->touched[0])
		m->touched[m->ntouched++] = id;
}

/* Remove the first match of (mm, op, reason) from v[0..*n); 1 if found. */
int kpath_claim(struct model *m, struct cause *v, uint8_t *n, unsigned mm,
		 unsigned op, unsigned reason)
{
	unsigned i;

	for (i = 0; i < *n; i++)
		if (v[i].mm == mm && v[i].op == op &&
		    v[i].reason == reason) {
			memmove(&v[i], &v[i + 1], (--*n - i) * sizeof *v);
			kpath_flux(m, mm, -1);
			kpath_touch(m, mm);
			return 1;
		}
	return 0;
}

static void push(struct model *m, struct cause *v, uint8_t *n,
		 const struct cause *op)
{
	if (*n == CHECK_OPS_MAX) {	/* full: forget the oldest */
		kpath_flux(m, v[0].mm, -1);
		memmove(&v[0], &v[1], --*n * sizeof *v);
	}
	v[(*n)++] = *op;
	kpath_flux(m, op->mm, 1);
}

/* cpu's kernel path owes operation (mm, op, reason), unless it did it. */
void kpath_owe(struct model *m, unsigned cpu, unsigned mm, unsigned op,
		unsigned reason, unsigned blame, unsigned pid)
{
	struct cpu_check *k = &m->cpu[cpu].ck;
	struct cause o = { mm, blame, cpu, op, reason, pid, m->n };

	if (mm && !kpath_claim(m, k->done, &k->ndone, mm, op, reason))
		push(m, k->owed, &k->nowed, &o);
}

/*
 * cpu's kernel path did (mm, op, reason): it pays what the path owes, or,
 * when a record that goes with it is still to come, it waits for it.
 */
void kpath_did(struct model *m, unsigned cpu, unsigned mm, unsigned op,
		unsigned reason, int waits)
{
	struct cpu_check *k = &m->cpu[cpu].ck;
	struct cause o = { mm, CAUSE_EXTRA_OP, cpu, op, reason,
			   m->cpu[cpu].current, m->n };

	if (!kpath_claim(m, k->owed, &k->nowed, mm, op, reason) && waits)
		push(m, k->done, &k->ndone, &o);
}

/*
 * Forget every operation on mm id: it is freed (or given out again), and
 * whatever was owed or waiting belonged to the mm that is gone.
 */
void kpath_purge(struct model *m, unsigned id)
{
	struct cpu_check *k;
	unsigned c, i, j;

	for (c = 0; c < m->ncpu; c++) {
		k = &m->cpu[c].ck;
		for (i = j = 0; i < k->nowed; i++)
			if (k->owed[i].mm != id)
				k->owed[j++] = k->owed[i];
		k->nowed = j;
		for (i = j = 0; i < k->ndone; i++)
			if (k->done[i].mm != id)
				k->done[j++] = k->done[i];
		k->ndone = j;
	}
}

/* Name why x is out of balance, unless a cause is named already. */
void kpath_blame(struct model *m, const struct cause *o)
{
	struct mm *x = model_mm(m, o->mm);

	if (!x || x->ck.cause.kind)
		return;
	x->ck.cause = *o;
}

/* Does cause c explain a users imbalance (else a count one)? */
static int users_cause(const struct cause *c)
{
	return c->kind == CAUSE_NO_CLONE_GET || c->kind == CAUSE_NO_EXEC_PUT ||
	       c->kind == CAUSE_NO_EXIT_PUT || c->kind == CAUSE_LOST_HOLDER ||
	       (c->kind == CAUSE_EXTRA_OP && (c->op == MMT_OP_MMGET ||
					      c->op == MMT_OP_MMPUT));
}

static void cause_from(struct violation *v, const struct cause *c)
{
	v->cause = *c;
	v->pid = c->pid;
}

/* The best cause for an imbalance of x's users (users) or count. */
static void cause_of(struct model *m, struct mm *x, int users,
		     struct violation *v)
{
	const struct cpu_check *k;
	const struct mm_check *ck = &x->ck;
	unsigned c, i;

	if (ck->cause.kind && (users_cause(&ck->cause) == users ||
			       ck->cause.kind == CAUSE_LOST_HOLDER)) {
		cause_from(v, &ck->cause);
		return;
	}
	for (c = 0; c < m->ncpu; c++)
		for (k = &m->cpu[c].ck, i = 0; i < k->nowed; i++)
			if (k->owed[i].mm == x->id &&
			    users_cause(&k->owed[i]) == users) {
				cause_from(v, &k->owed[i]);
				return;
			}
	v->cause.kind = CAUSE_LAST_REF;
	v->cause.n = x->ref_n;
}

/* Report an imbalance of x (rule users or count balance). */
static void imbalance(struct model *m, struct mm *x, unsigned cpu, int rule)
{
	struct violation v;

	if (!m->sink) {
		m->violations++;
		return;
	}
	check_vinit(&v, m, rule, cpu, x);
	cause_of(m, x, rule == RULE_USERS_BALANCE, &v);
	check_report(m, &v);
}

/* Check x's counters against its holders (which: B_*). */
void kpath_balance(struct model *m, struct mm *x, unsigned cpu, int which)
{
	int32_t d;

	if (x->flags & (M_NOCOUNT | M_NOHOLD))
		return;			/* suspended since a gap */
	d = x->users - model_users_held(m, x);
	if ((which & BALANCE_USERS) && d != x->ck.users_off) {
		if (d)
			imbalance(m, x, cpu, RULE_USERS_BALANCE);
		x->ck.users_off = d;
	}
	d = x->count - model_count_held(m, x);
	if ((which & BALANCE_COUNT) && d != x->ck.count_off) {
		if (d)
			imbalance(m, x, cpu, RULE_COUNT_BALANCE);
		x->ck.count_off = d;
	}
	if (which == BALANCE_BOTH)
		x->ck.cause.kind = CAUSE_NONE;
}

/* Check the mms the event touched that no operation is under way on. */
void kpath_touched(struct model *m, unsigned cpu)
{
	struct mm *x;
	unsigned i;

	for (i = 0; i < m->ntouched; i++)
		if ((x = model_mm(m, m->touched[i])) && !x->ck.flux)
			kpath_balance(m, x, cpu, BALANCE_BOTH);
	m->ntouched = 0;
}

/* cpu's kernel path is over: what it still owes, or did for nothing,
 * is the cause of what the check of those mms finds. */
void kpath_settle(struct model *m, unsigned cpu)
{
	struct cpu_check *k = &m->cpu[cpu].ck;
	unsigned i;

	for (i = 0; i < k->nowed; i++) {
		kpath_blame(m, &k->owed[i]);
		kpath_flux(m, k->owed[i].mm, -1);
		kpath_touch(m, k->owed[i].mm);
	}
	for (i = 0; i < k->ndone; i++) {
		kpath_blame(m, &k->done[i]);
		kpath_flux(m, k->done[i].mm, -1);
		kpath_touch(m, k->done[i].mm);
	}
	k->nowed = k->ndone = 0;
	kpath_touched(m, cpu);
}

/* Touch every mm the record names. */
void kpath_touch_fields(struct model *m, const struct mmt_event *ev)
{
	unsigned i, k;
	const uint8_t *off = model_mm_fields(ev->type, &k);
	uint16_t id;

	for (i = 0; i < k; i++) {
		memcpy(&id, ev->rec + off[i], 2);
		kpath_touch(m, id);
	}
}

