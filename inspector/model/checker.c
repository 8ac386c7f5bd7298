/*
 * checker.c - the rules of the mm lifecycle, checked as the model applies
 * each event; see checker.h and MODEL.md 3.
 *
 * The hooks model.c calls: before a record is applied (the rules about
 * that record: a free while something uses the mm, a freed mm named
 * again, a kernel thread with an mm, ...; and what its kernel path owes),
 * after it (the counters an MM_REF reports against the ones derived), at
 * a gap, at END (leaks) and at the end of the input.  The balance rules
 * and the kernel paths they need are in kpath.c; what is found is kept
 * and put in words by findings.c.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "model/checker_int.h"
#include "trace/fields.h"
#include "util/util.h"
#include "trace/names.h"

const struct rule_info check_rules[RULE_MAX + 1] = {
	[RULE_COUNTER_MISMATCH] = { "counter_mismatch", "the kernel reported "
		"a counter value different from the previous value plus the "
		"operation" },
	[RULE_NEGATIVE_COUNTER] = { "negative_counter",
		"mm_users or mm_count went below 0" },
	[RULE_COUNT_WITHOUT_USERS] = { "count_without_users", "mm_count fell "
		"below 1 while mm_users was still above 0" },
	[RULE_USERS_BALANCE] = { "users_balance", "mm_users differs from the "
		"tasks using the mm plus get_task_mm pins" },
	[RULE_COUNT_BALANCE] = { "count_balance", "mm_count differs from "
		"(mm_users > 0) + lazy borrowers + pending rq->prev_mm + "
		"use_mm grabs" },
	[RULE_USER_ACTIVE_MM] = { "user_active_mm", "a task with an mm of its "
		"own runs on a different active_mm" },
	[RULE_KTHREAD_HAS_MM] = { "kthread_has_mm", "a kernel thread has an mm "
		"outside use_mm/unuse_mm" },
	[RULE_SWITCHED_OUT_ACTIVE] = { "switched_out_active_mm", "a task "
		"without an mm kept its active_mm after it was switched out" },
	[RULE_FREE_WITH_COUNT] = { "free_with_count",
		"an mm was freed while its mm_count was not 0" },
	[RULE_FREE_WHILE_ACTIVE] = { "free_while_active", "an mm was freed "
		"while a CPU had it loaded or a task still used it" },
	[RULE_INIT_MM_FREED] = { "init_mm_freed", "init_mm was freed" },
	[RULE_INIT_MM_AS_MM] = { "init_mm_as_mm",
		"init_mm became a task's own mm" },
	[RULE_USE_AFTER_FREE] = { "use_after_free",
		"an event names an mm that was already freed" },
	[RULE_LEAK_AT_END] = { "leak_at_end", "at the end of the run an mm, a "
		"task or a page was still allocated" },
	[RULE_STALE_TLB] = { "stale_tlb", "a CPU used an mm on a TLB that a "
		"flush left out, or kept it loaded while its page tables were "
		"freed" },
};

int check_rule_parse(const char *s)
{
	int r;

	for (r = 1; r <= RULE_MAX; r++)
		if (!strcmp(check_rules[r].name, s))
			return r;
	return 0;
}

/* --- reporting ------------------------------------------------------ */

/* A violation of rule at the current event on cpu, about mm x (or NULL). */
void check_vinit(struct violation *v, const struct model *m, int rule,
		  unsigned cpu, const struct mm *x)
{
	memset(v, 0, sizeof *v);
	v->rule = rule;
	v->cpu = v->cause.cpu = cpu;
	v->n = v->cause.n = m->n;
	if (!x)
		return;
	v->mm = x->id;
	v->users = x->users;
	v->count = x->count;
	v->users_held = model_users_held(m, x);
	v->count_held = model_count_held(m, x);
	v->h_users = x->h_users;
	v->pins = x->pins;
	v->h_lazy = x->h_lazy;
	v->h_grabs = x->h_grabs;
	v->h_prev = x->h_prev;
	v->h_cr3 = x->h_cr3;
	v->caller = x->caller;
	v->caller_n = x->ref_n;
}

void check_report(struct model *m, struct violation *v)
{
	m->violations++;
	if (m->sink && m->sink->violation)
		m->sink->violation(m->sink->arg, v);
}

/*
 * Report a rule about one record: mm id (0: none), pid, and a detail
 * sentence.  Without a sink only the count goes up (seeking is quiet).
 */
void check_simple(struct model *m, int rule, unsigned cpu, unsigned id,
		   unsigned pid, const char *fmt, ...)
{
	struct violation v;
	va_list ap;

	if (!m->sink) {
		m->violations++;
		return;
	}
	check_vinit(&v, m, rule, cpu, model_mm(m, id));
	v.mm = id;
	v.pid = pid;
	va_start(ap, fmt);
	vsnprintf(v.detail, sizeof v.detail, fmt, ap);
	va_end(ap);
	check_report(m, &v);
}

static void suspend(struct model *m, const struct suspension *s)
{
	if (m->sink && m->sink->suspension)
		m->sink->suspension(m->sink->arg, s);
}

/* --- rules at one record, before it is applied ---------------------- */

static void use_after_free(struct model *m, const struct mmt_event *ev)
{
	unsigned i, k;
	const uint8_t *off = model_mm_fields(ev->type, &k);
	const struct field *f;
	uint16_t id;

	if (ev->type == MMT_MM_ALLOC)
		return;
	for (i = 0; i < k; i++) {
		if (off[i] + 2u > ev->size)
			continue;
		memcpy(&id, ev->rec + off[i], 2);
		if (!id || !model_mm_freed(m, id) ||
		    (m->uaf_said[id >> 3] >> (id & 7) & 1))
			continue;
		m->uaf_said[id >> 3] |= 1u << (id & 7);
		for (f = field_layouts[ev->type].fields; f->off != off[i]; f++)
			;
		check_simple(m, RULE_USE_AFTER_FREE, ev->cpu, id, 0,
			     "%s names mm %u (field %s), which was freed and "
			     "not allocated again",
			     mmt_type_name(ev->type), id, f->name);
	}
}

static void before_switch(struct model *m, const struct mmt_event *ev)
{
	struct mmt_switch s;
	const struct task *nx;
	unsigned c = ev->cpu;

	decode_copy(ev, &s, sizeof s);
	kpath_settle(m, c);		/* the previous kernel path is over */
	nx = model_task(m, s.next, c);
	if (s.next_mm == MMT_MM_INIT && !(nx && nx->mm == MMT_MM_INIT))
		check_simple(m, RULE_INIT_MM_AS_MM, c, 1, s.next,
			     "pid %u is switched in with init_mm as its mm",
			     s.next);
	if (nx && (nx->flags & T_KTHREAD) &&
	    !(nx->flags & (T_STALE | T_USE_MM)) && s.next_mm && !nx->mm)
		check_simple(m, RULE_KTHREAD_HAS_MM, c, s.next_mm, s.next,
			     "kernel thread %u is switched in with mm %u",
			     s.next, s.next_mm);
	if (s.next_mm && s.next_active != s.next_mm &&
	    !(nx && nx->mm && nx->active_mm != nx->mm))
		check_simple(
			m, RULE_USER_ACTIVE_MM, c, s.next_mm, s.next,
			"pid %u is switched in with mm %u but active_mm %u",
			s.next, s.next_mm, s.next_active);
	if (!s.prev_mm && s.prev_active &&
	    !(s.flags & (MMT_SW_PREV_MM | MMT_SW_HANDOFF)))
		check_simple(m, RULE_SWITCHED_OUT_ACTIVE, c, s.prev_active,
			     s.prev, "pid %u keeps active_mm %u after its "
			     "switch to pid %u (no rq->prev_mm, no handoff)",
			     s.prev, s.prev_active, s.next);
	kpath_touch_fields(m, ev);
	if ((s.flags & MMT_SW_LAZY) && !(s.flags & MMT_SW_HANDOFF))
		kpath_owe(m, c, s.next_active, MMT_OP_MMGRAB,
			  MMT_WHY_LAZY_BORROW, CAUSE_NO_LAZY_GRAB, s.next);
	if (s.flags & MMT_SW_PREV_MM)
		kpath_owe(m, c, s.prev_active, MMT_OP_MMDROP, MMT_WHY_PREV_MM,
			  CAUSE_NO_PREV_DROP, s.prev);
}

/* Who still uses mm x, in words, for free_while_active. */
static void users_of(const struct model *m, const struct mm *x, char *buf,
		     size_t len)
{
	const struct task *t;
	unsigned c;
	uint32_t i;

	for (c = 0; c < m->ncpu; c++)
		if (m->cpu[c].cr3 == x->id) {
			snprintf(buf, len, "cpu %u has its page directory in "
				 "CR3", c);
			return;
		}
	for (i = 0; i < m->ntask; i++) {
		t = &m->task[i];
		if ((t->flags & T_USED) && (t->mm == x->id ||
					    t->active_mm == x->id)) {
			snprintf(buf, len, "pid %u still has it as %s", t->pid,
				 t->mm == x->id ? "its mm" : "active_mm");
			return;
		}
	}
	snprintf(buf, len, "something still holds it");
}

static void before_free(struct model *m, const struct mmt_event *ev)
{
	struct mmt_mm_free r;
	struct mm *x;
	char who[96];

	decode_copy(ev, &r, sizeof r);
	if (r.mm == MMT_MM_INIT)
		check_simple(m, RULE_INIT_MM_FREED, ev->cpu, r.mm, 0,
			     "init_mm (the kernel's own, swapper_pg_dir) must "
			     "never be freed");
	if (!(x = model_mm(m, r.mm)))
		return;
	if (!(x->flags & M_NOCOUNT) && x->count != 0)
		check_simple(m, RULE_FREE_WITH_COUNT, ev->cpu, r.mm, 0,
			     "mm %u freed with mm_count %d (mm_users %d)", r.mm,
			     x->count, x->users);
	if (!(x->flags & M_NOHOLD) && (x->h_users || x->h_lazy || x->h_cr3)) {
		users_of(m, x, who, sizeof who);
		check_simple(m, RULE_FREE_WHILE_ACTIVE, ev->cpu, r.mm, 0,
			     "mm %u freed while %s", r.mm, who);
	}
	kpath_did(m, ev->cpu, r.mm, CK_FREE, 0, 0);
	kpath_purge(m, r.mm);
}

static void before_task_new(struct model *m, const struct mmt_event *ev)
{
	struct mmt_task_new r;
	unsigned c = ev->cpu;

	decode_copy(ev, &r, sizeof r);
	if (r.mm == MMT_MM_INIT)
		check_simple(m, RULE_INIT_MM_AS_MM, c, 1, r.pid,
			     "pid %u is created with init_mm as its mm", r.pid);
	if ((r.flags & MMT_PF_KTHREAD) && r.mm)
		check_simple(m, RULE_KTHREAD_HAS_MM, c, r.mm, r.pid,
			     "kernel thread %u is created with mm %u", r.pid,
			     r.mm);
	if (r.mm && r.active_mm != r.mm)
		check_simple(m, RULE_USER_ACTIVE_MM, c, r.mm, r.pid,
			     "pid %u is created with mm %u but active_mm %u",
			     r.pid, r.mm, r.active_mm);
	if ((r.clone_flags & MMT_CLONE_VM) && r.mm)
		kpath_owe(m, c, r.mm, MMT_OP_MMGET, MMT_WHY_CLONE_VM,
			  CAUSE_NO_CLONE_GET, r.pid);
	else if (r.mm)
		kpath_did(m, c, r.mm, CK_HOLDER, 0, 0);	/* dup_mm's new mm */
	if (!r.mm && r.active_mm)	/* an idle task: its grab follows */
		kpath_owe(m, c, r.active_mm, MMT_OP_MMGRAB, MMT_WHY_IDLE_INIT,
			  CAUSE_NO_IDLE_GRAB, r.pid);
	kpath_touch_fields(m, ev);
}

static void before_exec(struct model *m, const struct mmt_event *ev)
{
	struct mmt_exec r;
	const struct task *t;
	unsigned c = ev->cpu, active;

	decode_copy(ev, &r, sizeof r);
	t = model_task(m, r.pid, c);
	active = t ? t->active_mm : 0;
	if (r.new_mm == MMT_MM_INIT)
		check_simple(m, RULE_INIT_MM_AS_MM, c, 1, r.pid,
			     "pid %u execs into init_mm", r.pid);
	if (r.old_mm)
		kpath_owe(m, c, r.old_mm, MMT_OP_MMPUT, MMT_WHY_EXEC,
			  CAUSE_NO_EXEC_PUT, r.pid);
	else if (active)
		kpath_owe(m, c, active, MMT_OP_MMDROP, MMT_WHY_EXEC_LAZY,
			  CAUSE_NO_EXEC_DROP, r.pid);
	kpath_did(m, c, r.new_mm, CK_HOLDER, 0, 0);
	kpath_touch_fields(m, ev);
	kpath_touch(m, active);
}

static void before_enter_lazy(struct model *m, const struct mmt_event *ev)
{
	struct mmt_enter_lazy r;
	const struct task *t;

	decode_copy(ev, &r, sizeof r);
	t = model_task(m, r.pid, ev->cpu);
	if (t && t->mm && !(t->flags & T_USE_MM)) {	/* exit_mm */
		kpath_owe(m, ev->cpu, t->mm, MMT_OP_MMGRAB, MMT_WHY_EXIT_GRAB,
			  CAUSE_NO_EXIT_GRAB, r.pid);
		kpath_owe(m, ev->cpu, t->mm, MMT_OP_MMPUT, MMT_WHY_EXIT_MM,
			  CAUSE_NO_EXIT_PUT, r.pid);
		kpath_touch(m, t->mm);
	}
	kpath_touch_fields(m, ev);
}

static void before_prev_mm(struct model *m, const struct mmt_event *ev)
{
	const struct cpu *cp = &m->cpu[ev->cpu];
	struct cause o = { cp->prev_mm, CAUSE_PREV_OVERWRITE, ev->cpu, 0, 0,
			   0, m->n };
	struct mmt_prev_mm r;

	decode_copy(ev, &r, sizeof r);
	if (r.action == MMT_PREV_SET && cp->prev_mm && !cp->prev_stale &&
	    !(cp->prev_switch && cp->prev_mm == r.mm)) {	/* not its own */
		kpath_blame(m, &o);
		kpath_touch(m, cp->prev_mm);
	}
	kpath_touch_fields(m, ev);
}

static void before_use_mm(struct model *m, const struct mmt_event *ev)
{
	struct mmt_use_mm r;
	unsigned c = ev->cpu;

	decode_copy(ev, &r, sizeof r);
	if (ev->type == MMT_USE_MM && r.mm == MMT_MM_INIT)
		check_simple(m, RULE_INIT_MM_AS_MM, c, 1, r.pid,
			     "kernel thread %u adopts init_mm with use_mm",
			     r.pid);
	if (ev->type == MMT_USE_MM && r.old_active != r.mm) {
		kpath_owe(m, c, r.mm, MMT_OP_MMGRAB, MMT_WHY_USE_MM,
			  CAUSE_NO_USE_GRAB, r.pid);
		kpath_owe(m, c, r.old_active, MMT_OP_MMDROP,
			  MMT_WHY_USE_MM_DROP, CAUSE_NO_USE_DROP, r.pid);
	}
	kpath_touch_fields(m, ev);
}

static void before_task_free(struct model *m, const struct mmt_event *ev)
{
	struct mmt_task_free r;
	const struct task *t;
	struct cause o = { 0, CAUSE_LOST_HOLDER, ev->cpu, 0, 0, 0, m->n };

	decode_copy(ev, &r, sizeof r);
	if (!r.pid || !(t = model_task(m, r.pid, ev->cpu)))
		return;
	o.pid = r.pid;
	if ((o.mm = t->mm) && !(t->flags & T_USE_MM))
		kpath_blame(m, &o);
	if ((o.mm = t->active_mm) && (!t->mm || (t->flags & T_USE_MM)))
		kpath_blame(m, &o);
	kpath_touch(m, t->mm);
	kpath_touch(m, t->active_mm);
}

void check_before(struct model *m, const struct mmt_event *ev)
{
	use_after_free(m, ev);
	check_tlb(m, ev);
	switch (ev->type) {
	case MMT_MM_ALLOC:
		kpath_purge(
			m,
			ev->rec[offsetof(struct mmt_mm_alloc, mm)] |
				ev->rec[offsetof(struct mmt_mm_alloc, mm) + 1]
					<< 8);
		break;
	case MMT_SWITCH:	before_switch(m, ev); break;
	case MMT_MM_FREE:	before_free(m, ev); break;
	case MMT_TASK_NEW:	before_task_new(m, ev); break;
	case MMT_EXEC:		before_exec(m, ev); break;
	case MMT_ENTER_LAZY:	before_enter_lazy(m, ev); break;
	case MMT_PREV_MM:	before_prev_mm(m, ev); break;
	case MMT_USE_MM:
	case MMT_UNUSE_MM:	before_use_mm(m, ev); break;
	case MMT_TASK_FREE:	before_task_free(m, ev); break;
	}
}

/* --- rules after a record ------------------------------------------- */

/* Does an MM_REF of this reason go with a record of its kernel path? */
static int waits(unsigned reason)
{
	switch (reason) {
	case MMT_WHY_GET_TASK_MM:
	case MMT_WHY_PUT_TASK_MM:
	case MMT_WHY_IDLE_INIT:
	case MMT_WHY_IDLE_EXIT:
	case MMT_WHY_FORK_FAIL:
	case MMT_WHY_EXEC_FAIL:
		return 0;		/* complete by itself */
	}
	return 1;
}

static void after_ref(struct model *m, const struct mmt_event *ev)
{
	const struct model_ref *f = &m->ref;
	struct mmt_mm_ref r;
	struct mm *x;
	unsigned c = ev->cpu;

	decode_copy(ev, &r, sizeof r);
	if (!f->alive || !(x = model_mm(m, r.mm)))
		return;
	kpath_touch(m, r.mm);
	if (f->known && (f->users1 != r.users || f->count1 != r.count))
		check_simple(m, RULE_COUNTER_MISMATCH, c, r.mm,
			     m->cpu[c].current, "%s of mm %u: mm_users "
			     "%d->%d, mm_count %d->%d derived, the kernel says "
			     "%d and %d", names_of(&names_op, r.op) ?
			     names_of(&names_op, r.op) : "op", r.mm, f->users0,
			     f->users1, f->count0, f->count1,
			     r.users, r.count);
	if ((r.users < 0 || r.count < 0) && !(x->ck.said & SAID_NEG))
		check_simple(m, RULE_NEGATIVE_COUNTER, c, r.mm,
			     m->cpu[c].current,
			     "mm %u: mm_users %d, mm_count %d", r.mm, r.users,
			     r.count);
	x->ck.said = (r.users < 0 || r.count < 0) ? x->ck.said | SAID_NEG :
		     x->ck.said & ~SAID_NEG;
	if (r.count < 1 && r.users > 0 && !(x->ck.said & SAID_NOUSERS))
		check_simple(m, RULE_COUNT_WITHOUT_USERS, c, r.mm,
			     m->cpu[c].current,
			     "mm %u: mm_count %d with mm_users %d", r.mm,
			     r.count, r.users);
	x->ck.said = (r.count < 1 && r.users > 0) ?
		     x->ck.said | SAID_NOUSERS : x->ck.said & ~SAID_NOUSERS;
	if ((r.reason == MMT_WHY_FORK_FAIL || r.reason == MMT_WHY_EXEC_FAIL) &&
	    !kpath_claim(m, m->cpu[c].ck.done, &m->cpu[c].ck.ndone, r.mm,
			 MMT_OP_MMGET, MMT_WHY_CLONE_VM)) /* undo half a fork */
		kpath_claim(m, m->cpu[c].ck.owed, &m->cpu[c].ck.nowed, r.mm,
			    CK_HOLDER, 0);
	kpath_did(m, c, r.mm, r.op, r.reason, waits(r.reason));
	if (r.op == MMT_OP_MMPUT && r.users == 0) {
		kpath_owe(m, c, r.mm, MMT_OP_MMDROP, MMT_WHY_MMPUT_LAST,
			  CAUSE_NO_MMPUT_LAST, m->cpu[c].current);
		kpath_balance(m, x, c, BALANCE_USERS); /* 0 is never half-way */
	}
	if (r.op == MMT_OP_MMDROP && r.count == 0) {
		kpath_owe(m, c, r.mm, CK_FREE, 0, CAUSE_NO_FREE,
			  m->cpu[c].current);
		kpath_balance(m, x, c, BALANCE_COUNT);
	}
}

/* END: settle everything, then what is left is a leak. */
static void check_end(struct model *m, unsigned cpu)
{
	uint32_t i, mms = 0, tasks = 0;
	char comm[4 * sizeof m->task[0].comm + 1];
	const struct task *t;
	struct mm *x;
	unsigned c;

	for (c = 0; c < m->ncpu; c++)
		kpath_settle(m, c);
	for (i = 0; i < m->nmm; i++) {
		x = &m->mm[i];
		if (!(x->flags & M_USED))
			continue;
		x->ck.flux = 0;
		kpath_balance(m, x, cpu, BALANCE_BOTH);
		if (x->flags & (M_STATIC | M_NOHOLD))
			continue;
		mms++;
		check_simple(m, RULE_LEAK_AT_END, cpu, x->id, x->owner,
			     "mm %u (made for pid %u) is still allocated: "
			     "mm_users %d, mm_count %d",
			     x->id, x->owner, x->users, x->count);
	}
	for (i = MODEL_MAXCPU; i < m->ntask; i++) {
		t = &m->task[i];
		if ((t->flags & (T_USED | T_STALE)) != T_USED)
			continue;
		tasks++;
		check_simple(m, RULE_LEAK_AT_END, cpu, 0, t->pid,
			     "pid %u (%s) was never freed (%s)", t->pid,
			     util_printable(comm, sizeof comm, t->comm,
					    sizeof t->comm),
			     names_of(&names_state, t->state)
				     ? names_of(&names_state, t->state)
				     : "?");
	}
	if (!mms && m->end.mms)
		check_simple(m, RULE_LEAK_AT_END, cpu, 0, 0,
			     "END says %u mm_structs are still allocated",
			     m->end.mms);
	if (!tasks && m->end.tasks)
		check_simple(m, RULE_LEAK_AT_END, cpu, 0, 0,
			     "END says %u tasks are still allocated",
			     m->end.tasks);
	if (m->end.free_end < m->end.free_start)
		check_simple(m, RULE_LEAK_AT_END, cpu, 0, 0,
			     "%u pages were not freed (free at the start %u, "
			     "at END %u)",
			     m->end.free_start - m->end.free_end,
			     m->end.free_start, m->end.free_end);
}

void check_after(struct model *m, const struct mmt_event *ev)
{
	struct mmt_mm_alloc a;

	switch (ev->type) {
	case MMT_MM_REF:
		after_ref(m, ev);
		break;
	case MMT_MM_ALLOC:
		decode_copy(ev, &a, sizeof a);
		m->uaf_said[a.mm >> 3] &= ~(1u << (a.mm & 7));
		if (a.reason != MMT_ALLOC_INIT)
			kpath_owe(m, ev->cpu, a.mm, CK_HOLDER, 0,
				  CAUSE_NO_HOLDER, a.pid);
		kpath_touch(m, a.mm);
		break;
	case MMT_END:
		check_end(m, ev->cpu);
		break;
	}
	kpath_touched(m, ev->cpu);
}

/* --- what the checker cannot vouch for ------------------------------ */

static const char gap_rules[] = "users_balance, count_balance and "
	"free_while_active until it is freed; counter_mismatch and "
	"free_with_count until its next MM_REF";

void check_gap(struct model *m, unsigned cpu, uint32_t lost, uint64_t n,
	       int kind)
{
	struct cpu_check *k = &m->cpu[cpu].ck;
	struct suspension s = { kind, cpu, 0, lost, n, NULL, NULL, "" };
	struct mm *x;
	uint32_t i;

	for (i = 0; i < k->nowed; i++)	/* lost: paid or not, who knows */
		kpath_flux(m, k->owed[i].mm, -1);
	for (i = 0; i < k->ndone; i++)
		kpath_flux(m, k->done[i].mm, -1);
	k->nowed = k->ndone = 0;
	s.rules = "users_balance, count_balance, free_while_active, "
		  "free_with_count and counter_mismatch for the mms alive now "
		  "(check -v lists them); kthread_has_mm and leak_at_end";
	s.until = "for the tasks alive now, until each is seen again in full";
	suspend(m, &s);
	for (i = 0; i < m->nmm; i++) {
		x = &m->mm[i];
		if ((x->flags & (M_USED | M_NOHOLD)) != M_USED)
			continue;
		s.mm = x->id;
		s.rules = gap_rules;
		s.until = NULL;
		suspend(m, &s);
	}
}

void check_unknown_mm(struct model *m, struct mm *x, uint64_t n)
{
	struct suspension s = { m->gaps_open && model_mm(m, x->id) &&
				x->alloc_n == n ? SUSPEND_DURING :
						  SUSPEND_UNKNOWN,
				0, x->id, 0, n, gap_rules, NULL, "" };

	suspend(m, &s);
}

/*
 * The input ended without END (a panic, a cut): say so, and name each
 * operation a kernel path still owed, which the end may have cut short
 * or a fault may have skipped (the PANIC record, if any, tells which).
 */
void check_finish(struct model *m)
{
	struct suspension s = { SUSPEND_NOEND, 0, 0, 0, m->n,
		"leak_at_end, and the balance rules for operations still "
		"under way", NULL, "" };
	const struct cause *o;
	const char *op, *why;
	unsigned c, i;

	if (m->end_n)
		return;
	suspend(m, &s);
	for (c = 0; c < m->ncpu; c++)
		for (i = 0; i < m->cpu[c].ck.nowed; i++) {
			o = &m->cpu[c].ck.owed[i];
			op = o->op == CK_FREE ? "MM_FREE" :
			     o->op == CK_HOLDER ? "a task to take it" :
			     names_of(&names_op, o->op);
			why = names_of(&names_reason, o->reason);
			s.mm = o->mm;
			s.cpu = c;
			snprintf(s.detail, sizeof s.detail, "%s%s%s%s owed "
				 "since event %" PRIu64, op ? op : "?",
				 why ? " (" : "", why ? why : "",
				 why ? ")" : "", o->n);
			suspend(m, &s);
		}
}

