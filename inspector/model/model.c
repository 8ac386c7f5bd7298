/*
 * model.c - the model's state and its transitions, see model.h and
 * MODEL.md.
 *
 * Every transition keeps the holder counts of the mms it touches up to
 * date (store_task_set, store_cpu_set_prev, store_cpu_set_cr3), so who
 * holds each count is always known without a walk over the tasks.  Where a record carries
 * the full state of a task (SWITCH, TASK_NEW, EXEC), the model takes it
 * from the record: after a gap that is how it learns the truth again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/checker.h"
#include "trace/evlog.h"
#include "model/store.h"

/* --- state that is not per record ---------------------------------- */

/* CPU c is in use: give it (and those below it) its idle task. */
static void cpu_touch(struct model *m, unsigned c)
{
	struct task *t;

	for (; m->ncpu <= c; m->ncpu++) {
		memset(&m->cpu[m->ncpu], 0, sizeof m->cpu[0]);
		t = &m->task[m->ncpu];
		memset(t, 0, sizeof *t);
		t->flags = T_USED | T_KTHREAD | T_IDLE | T_ON_CPU;
		t->cpu = m->ncpu;
		snprintf(t->comm, sizeof t->comm, "swapper/%u", m->ncpu);
	}
	m->cpu[c].online = 1;
}

/*
 * Events were lost on cpu c just before event n.  They happened between
 * c's last event and its next one, interleaved with whatever the other
 * CPUs do meanwhile: until c is heard from again (in_gap), nothing seen
 * can make the model sure of an mm again.  kind: SUSPEND_GAP, or
 * SUSPEND_CUT when the trace ends before END and c was not heard from
 * again (an unknown number of events).
 */
static void lost(struct model *m, unsigned c, uint32_t count, uint64_t n,
		 int kind)
{
	uint32_t i;

	if (!m->cpu[c].in_gap) {
		m->cpu[c].in_gap = 1;
		m->gaps_open++;
	}
	check_gap(m, c, count, n, kind);
	m->lost += count;
	m->gaps++;
	m->gap_n = n + 1;
	for (i = 0; i < m->nmm; i++)
		if (m->mm[i].flags & M_USED)
			m->mm[i].flags |= M_NOCOUNT | M_NOHOLD;
	for (i = 0; i < m->ntask; i++)
		if (m->task[i].flags & T_USED)
			m->task[i].flags |= T_STALE;
	memset(m->freed, 0, sizeof m->freed);	/* maybe given out again */
	store_cpu_set_prev(m, c, 0);
	store_cpu_set_cr3(m, c, 0);
}

/* An mm id that a record names but no MM_ALLOC gave out. */
static void mm_unknown(struct model *m, unsigned id, uint64_t n)
{
	struct mm *x = store_mm_alloc(m, id);

	x->flags |= M_NOCOUNT | M_NOHOLD;
	x->alloc_n = n;
	x->ref_n = n;
	store_mm_born(m, x, 0);
	if (m->dangling)
		store_recount(m, x);
	check_unknown_mm(m, x, n);
}

/*
 * Make an mm for every id the record names that nobody gave out.  Only
 * records that take, drop or hand over references count: a pgd loaded
 * in CR3 or a mask bit is no reference.
 */
static void unknown_mms(struct model *m, const struct mmt_event *ev)
{
	unsigned i, k;
	const uint8_t *off = model_mm_fields(ev->type, &k);
	uint16_t id;

	if (ev->type == MMT_MM_ALLOC || ev->type == MMT_CR3_LOAD ||
	    ev->type == MMT_LEAVE_MM || ev->type == MMT_MM_CPUMASK ||
	    ev->type == MMT_IPI_SEND || ev->type == MMT_IPI_RECV ||
	    ev->type == MMT_TLB_SKIP || ev->type == MMT_TLB_CATCHUP)
		return;
	for (i = 0; i < k; i++) {
		if (off[i] + 2u > ev->size)
			continue;
		memcpy(&id, ev->rec + off[i], 2);
		if (id && !m->mm_slot[id] && !model_mm_freed(m, id))
			mm_unknown(m, id, ev->n);
	}
}

/* A SWITCH on c: an rq->prev_mm still set is no longer pending. */
static void prev_expire(struct model *m, unsigned c)
{
	struct cpu *cp = &m->cpu[c];
	struct mm *x;

	if (!cp->prev_mm || cp->prev_stale)
		return;
	cp->prev_stale = 1;
	if ((x = model_mm(m, cp->prev_mm)))
		x->h_prev--;
}

/* --- transitions, one per record type ------------------------------ */

static void on_switch(struct model *m, const struct mmt_event *ev, unsigned c)
{
	struct mmt_switch s;
	struct cpu *cp = &m->cpu[c];
	struct task *p, *nx, *old;
	uint32_t ps, ns;
	int use;

	decode_copy(ev, &s, sizeof s);
	ps = store_task_slot(m, s.prev, c);
	ns = store_task_slot(m, s.next, c);
	p = &m->task[ps];
	nx = &m->task[ns];
	old = model_task(m, cp->current, c);
	if (old && old != p && old->cpu == c)
		old->flags &= ~T_ON_CPU;	/* the trace lost track of it */
	use = s.prev_mm && (p->flags & T_USE_MM);
	store_task_set(
		m, p, s.prev_mm,
		!s.prev_mm && (s.flags & (MMT_SW_PREV_MM | MMT_SW_HANDOFF))
			? 0
			: s.prev_active,
		use);
	p->flags &= ~(T_ON_CPU | (m->gaps_open ? 0 : T_STALE));
	p->state = s.prev_state;
	use = s.next_mm && ((nx->flags & T_USE_MM) || (nx->flags &
	      (T_KTHREAD | T_STALE)) == (T_KTHREAD | T_STALE));
	store_task_set(m, nx, s.next_mm, s.next_active, use);
	nx->flags = (nx->flags | T_ON_CPU) & ~(m->gaps_open ? 0 : T_STALE);
	nx->state = MMT_TASK_RUNNING;
	nx->cpu = c;
	cp->current = s.next;
	cp->lazy = !s.next_mm;
	if (s.flags & MMT_SW_LOAD)
		store_cpu_set_cr3(m, c, s.next_mm);
	if ((s.flags & MMT_SW_PREV_MM) && !s.prev_mm && s.prev_active) {
		store_cpu_set_prev(m, c, s.prev_active);  /* context_switch */
		cp->prev_switch = 1;
	}
	cp->switch_n = ev->n + 1;
}

static void on_task_new(struct model *m, const struct mmt_event *ev,
			unsigned c)
{
	struct mmt_task_new r;
	struct task *t;
	uint32_t s;

	decode_copy(ev, &r, sizeof r);
	if (r.pid == 0) {
		s = c;
	} else {
		if ((t = model_task(m, r.pid, c))) {	/* reused unfreed */
			store_hold(m, t, -1);
			store_task_release(m, t);
		}
		s = store_task_alloc(m, r.pid);
	}
	t = &m->task[s];
	t->tgid = r.tgid;
	t->ppid = r.ppid;
	t->cpu = c;
	t->state = MMT_TASK_RUNNING;
	t->born = ev->n;
	t->flags = T_USED | (t->flags & T_ON_CPU) |
		   (m->gaps_open ? T_STALE : 0) |
		   (r.flags & MMT_PF_KTHREAD ? T_KTHREAD : 0) |
		   (r.flags & MMT_PF_IDLE || !r.pid ? T_IDLE : 0) |
		   (!r.pid ? T_KTHREAD : 0);
	memcpy(t->comm, r.comm, sizeof t->comm);
	store_task_set(m, t, r.mm, r.active_mm, 0);
}

static void on_task_free(struct model *m, const struct mmt_event *ev,
			 unsigned c)
{
	struct mmt_task_free r;
	struct task *t;

	decode_copy(ev, &r, sizeof r);
	if (r.pid == 0 || !(t = model_task(m, r.pid, c)))
		return;
	store_hold(m, t, -1);
	store_task_release(m, t);
}

/* A task's state, for records that only name it. */
static struct task *task_of(struct model *m, const struct mmt_event *ev,
			    unsigned pid)
{
	uint32_t s = store_task_slot(m, pid, ev->cpu);	/* may move task[] */

	return &m->task[s];
}

static void on_exec(struct model *m, const struct mmt_event *ev)
{
	struct mmt_exec r;
	struct task *t;

	decode_copy(ev, &r, sizeof r);
	t = task_of(m, ev, r.pid);
	store_task_set(m, t, r.new_mm, r.new_mm, 0);
	t->flags &= ~(T_KTHREAD | (m->gaps_open ? 0 : T_STALE));
	memcpy(t->comm, r.comm, sizeof t->comm);
	if (t->flags & T_ON_CPU && t->cpu == ev->cpu)
		m->cpu[ev->cpu].lazy = 0;
}

static void on_mm_alloc(struct model *m, const struct mmt_event *ev)
{
	struct mmt_mm_alloc r;
	struct mm *x;
	uint32_t i;

	decode_copy(ev, &r, sizeof r);
	if (r.mm == 0)
		return;
	if ((x = model_mm(m, r.mm))) {	/* given out twice: start afresh */
		store_mm_release(m, x);
		m->dangling++;		/* tasks may still name the old one */
	}
	x = store_mm_alloc(m, r.mm);
	x->owner = r.pid;
	x->pgd = r.pgd;
	x->users = r.users;
	x->count = r.count;
	x->alloc_n = x->ref_n = ev->n;
	store_mm_born(m, x, 1);
	if (r.reason == MMT_ALLOC_INIT || r.mm == MMT_MM_INIT)
		x->flags |= M_STATIC;
	for (i = 0; i < m->ncpu; i++)	/* loaded before it was announced */
		x->h_cr3 += m->cpu[i].cr3 == r.mm;
	if (m->dangling)
		store_recount(m, x);
	if (m->gaps_open) {		/* lost events may have used it */
		x->flags |= M_NOCOUNT | M_NOHOLD;
		check_unknown_mm(m, x, ev->n);
	}
	for (i = 0; m->gaps && i < m->ntask; i++)	/* an old holder? */
		if ((m->task[i].flags & (T_USED | T_STALE)) ==
		    (T_USED | T_STALE) && (m->task[i].mm == r.mm ||
		    m->task[i].active_mm == r.mm))
			x->flags |= M_NOHOLD;
}

static void on_mm_free(struct model *m, const struct mmt_event *ev)
{
	struct mmt_mm_free r;
	struct mm *x;

	decode_copy(ev, &r, sizeof r);
	if (!(x = model_mm(m, r.mm)))
		return;			/* freed twice: the checker says so */
	if (x->h_users || x->h_lazy || x->h_prev || x->h_cr3)
		m->dangling++;
	store_mm_release(m, x);
	if (!m->gaps_open)	/* else lost events may give it out again */
		m->freed[r.mm >> 3] |= 1u << (r.mm & 7);
}

/* Who a reference was taken or dropped for, where the reason says. */
static void ref_side(struct model *m, struct mm *x, const struct mmt_mm_ref *r,
		     unsigned c)
{
	struct task *t;

	switch (r->reason) {
	case MMT_WHY_GET_TASK_MM:
		x->pins += r->op == MMT_OP_MMGET;
		break;
	case MMT_WHY_PUT_TASK_MM:
		x->pins -= r->op == MMT_OP_MMPUT && x->pins;
		break;
	case MMT_WHY_IDLE_INIT:
		t = &m->task[c];
		store_task_set(m, t, t->mm, r->mm, 0);
		break;
	case MMT_WHY_IDLE_EXIT:
		t = model_task(m, m->cpu[c].current, c);
		if (t)
			store_task_set(m, t, t->mm, 0, t->flags & T_USE_MM);
		store_cpu_set_cr3(m, c, MMT_MM_INIT);
		break;
	}
}

/*
 * mm_users or mm_count changed.  The model derives the new value from
 * the old one and the operation (m->ref keeps both for the checker),
 * then takes the kernel's values, so that a mistake is reported once.
 */
static void on_mm_ref(struct model *m, const struct mmt_event *ev, unsigned c)
{
	struct mmt_mm_ref r;
	struct model_ref *f = &m->ref;
	struct mm *x;

	decode_copy(ev, &r, sizeof r);
	x = model_mm(m, r.mm);
	memset(f, 0, sizeof *f);
	f->mm = r.mm;
	if (!x)
		return;
	f->alive = 1;
	f->known = !(x->flags & M_NOCOUNT);
	f->users0 = f->users1 = x->users;
	f->count0 = f->count1 = x->count;
	f->users1 += (r.op == MMT_OP_MMGET) - (r.op == MMT_OP_MMPUT);
	f->count1 += (r.op == MMT_OP_MMGRAB) - (r.op == MMT_OP_MMDROP);
	x->users = r.users;
	x->count = r.count;
	if (!m->gaps_open)		/* the kernel's values: known again */
		x->flags &= ~M_NOCOUNT;
	x->ref_n = ev->n;
	x->caller = r.caller;
	ref_side(m, x, &r, c);
}

static void on_enter_lazy(struct model *m, const struct mmt_event *ev)
{
	struct mmt_enter_lazy r;
	struct task *t;

	decode_copy(ev, &r, sizeof r);
	t = task_of(m, ev, r.pid);
	if (t->mm && !(t->flags & T_USE_MM))
		store_task_set(m, t, 0, r.mm, 0);	/* exit_mm: mm = NULL */
	else
		store_task_set(m, t, t->mm, r.mm, t->flags & T_USE_MM);
	if (m->cpu[ev->cpu].current == r.pid)
		m->cpu[ev->cpu].lazy = 1;
}

static void on_use_mm(struct model *m, const struct mmt_event *ev)
{
	struct mmt_use_mm r;
	struct task *t;

	decode_copy(ev, &r, sizeof r);
	t = task_of(m, ev, r.pid);
	if (ev->type == MMT_USE_MM) {
		store_task_set(m, t, r.mm, r.mm, 1);
		if (m->cpu[ev->cpu].current == r.pid)
			m->cpu[ev->cpu].lazy = 0;
	} else {
		store_task_set(m, t, 0, t->active_mm, 0); /* keeps the borrow */
	}
}

static void on_prev_mm(struct model *m, const struct mmt_event *ev)
{
	struct mmt_prev_mm r;

	decode_copy(ev, &r, sizeof r);
	store_cpu_set_prev(m, ev->cpu, r.action == MMT_PREV_SET ? r.mm : 0);
	m->cpu[ev->cpu].prev_switch = 0;
}

static void on_boot(struct model *m, const struct mmt_event *ev)
{
	struct mmt_boot b;

	decode_copy(ev, &b, sizeof b);
	m->era = b.era;
	m->bug = b.bug;
	m->smp = b.smp;
	memcpy(m->scenario, b.scenario, MMT_SCEN_NAME);
	m->scenario[MMT_SCEN_NAME] = '\0';
}

/* Records that change task state without mms. */
static void on_task_misc(struct model *m, const struct mmt_event *ev)
{
	union {
		struct mmt_task_exit x;
		struct mmt_task_state s;
		struct mmt_migrate g;
	} r;

	decode_copy(ev, &r, sizeof r);
	if (ev->type == MMT_TASK_EXIT)
		task_of(m, ev, r.x.pid)->state = MMT_TASK_ZOMBIE;
	else if (ev->type == MMT_TASK_STATE)
		task_of(m, ev, r.s.pid)->state = r.s.state;
	else
		task_of(m, ev, r.g.pid)->cpu = r.g.to_cpu;
}

/*
 * TLB_SKIP: each lazy CPU a flush left out has a stale TLB for the mm,
 * unless a TLB_CATCHUP of it already reached this flush's tlb_gen (the
 * kernel stamps the skip first, so that takes a kernel that stamps it
 * late).  TLB_CATCHUP: up to date.
 */
static void on_tlb(struct model *m, const struct mmt_event *ev)
{
	union {
		struct mmt_tlb_skip s;
		struct mmt_tlb_catchup c;
	} r;
	struct cpu *cp;
	unsigned c;

	decode_copy(ev, &r, sizeof r);
	if (ev->type == MMT_TLB_CATCHUP) {
		cp = &m->cpu[ev->cpu];
		cp->tlb_mm = r.c.mm;
		cp->tlb_gen = r.c.tlb_gen;
		if (cp->tlb_stale == r.c.mm && r.c.tlb_gen >= cp->stale_gen)
			cp->tlb_stale = 0;
		return;
	}
	for (c = 0; c < 32 && c < MODEL_MAXCPU; c++) {
		cp = &m->cpu[c];
		if (!(r.s.cpumask >> c & 1) ||
		    (cp->tlb_mm == r.s.mm && cp->tlb_gen >= r.s.tlb_gen))
			continue;
		if (cp->tlb_stale != r.s.mm || r.s.tlb_gen > cp->stale_gen) {
			cp->stale_gen = r.s.tlb_gen;
			cp->stale_n = ev->n;
		}
		cp->tlb_stale = r.s.mm;
	}
}

/* Records about the CPU, the stream and the run. */
static void on_cpu_misc(struct model *m, const struct mmt_event *ev)
{
	union {
		struct mmt_stream s;
		struct mmt_cr3_load l;
		struct mmt_mm_cpumask k;
		struct mmt_lost lo;
	} r;
	struct mm *x;

	decode_copy(ev, &r, sizeof r);
	switch (ev->type) {
	case MMT_STREAM:
		m->stream_ncpu = r.s.ncpu;
		m->tsc_khz = r.s.tsc_khz;
		break;
	case MMT_CR3_LOAD:
		store_cpu_set_cr3(m, ev->cpu, r.l.mm);
		break;
	case MMT_LEAVE_MM:
		store_cpu_set_cr3(m, ev->cpu, MMT_MM_INIT);
		break;
	case MMT_MM_CPUMASK:
		if ((x = model_mm(m, r.k.mm)) && r.k.set)
			x->cpumask |= 1ull << ev->cpu;
		else if (x)
			x->cpumask &= ~(1ull << ev->cpu);
		break;
	}
}

static void transition(struct model *m, const struct mmt_event *ev)
{
	unsigned c = ev->cpu;

	switch (ev->type) {
	case MMT_SWITCH:	on_switch(m, ev, c); break;
	case MMT_MM_REF:	on_mm_ref(m, ev, c); break;
	case MMT_ENTER_LAZY:	on_enter_lazy(m, ev); break;
	case MMT_PREV_MM:	on_prev_mm(m, ev); break;
	case MMT_TASK_NEW:	on_task_new(m, ev, c); break;
	case MMT_TASK_FREE:	on_task_free(m, ev, c); break;
	case MMT_EXEC:		on_exec(m, ev); break;
	case MMT_MM_ALLOC:	on_mm_alloc(m, ev); break;
	case MMT_MM_FREE:	on_mm_free(m, ev); break;
	case MMT_USE_MM:
	case MMT_UNUSE_MM:	on_use_mm(m, ev); break;
	case MMT_BOOT:		on_boot(m, ev); break;
	case MMT_TASK_EXIT:
	case MMT_TASK_STATE:
	case MMT_MIGRATE:	on_task_misc(m, ev); break;
	case MMT_END:
		decode_copy(ev, &m->end, sizeof m->end);
		m->end_n = ev->n + 1;
		break;
	case MMT_PANIC:
		m->panic_n = ev->n + 1;
		break;
	case MMT_STREAM:
	case MMT_CR3_LOAD:
	case MMT_LEAVE_MM:
	case MMT_MM_CPUMASK:	on_cpu_misc(m, ev); break;
	case MMT_TLB_SKIP:
	case MMT_TLB_CATCHUP:	on_tlb(m, ev); break;
	}
}

void model_apply(struct model *m, const struct mmt_event *ev)
{
	m->n = ev->n;
	if (ev->cpu >= MODEL_MAXCPU) {
		m->ignored_cpu++;
		m->n++;
		return;
	}
	if (ev->cpu >= m->ncpu || !m->cpu[ev->cpu].online)
		cpu_touch(m, ev->cpu);
	if (m->cpu[ev->cpu].in_gap) {		/* heard from again */
		m->cpu[ev->cpu].in_gap = 0;
		m->gaps_open--;
	}
	unknown_mms(m, ev);
	if (ev->type == MMT_SWITCH)
		prev_expire(m, ev->cpu);
	check_before(m, ev);
	transition(m, ev);
	check_after(m, ev);
	m->n = ev->n + 1;
}

void model_note(struct model *m, const struct mmt_diag *g)
{
	uint32_t count = g->kind == DIAG_LOST ? g->got : g->got - g->expected;

	if ((g->kind != DIAG_GAP && g->kind != DIAG_LOST &&
	     g->kind != DIAG_CUT) || g->cpu >= MODEL_MAXCPU)
		return;
	if (((int32_t)count <= 0 && g->kind == DIAG_GAP) ||
	    g->kind == DIAG_CUT)
		count = 0;	/* went back, or unknown: still a gap */
	cpu_touch(m, g->cpu);
	lost(m, g->cpu, count, m->n,
	     g->kind == DIAG_CUT ? SUSPEND_CUT : SUSPEND_GAP);
}

/* Apply the notes of log placed at event n (before it). */
static void notes_at(struct model *m, const struct evlog *log, uint64_t n)
{
	const struct evlog_note *v;
	size_t i, k;

	v = evlog_notes(log, &k);
	if (!k || v[k - 1].n < n)
		return;
	for (i = evlog_note_at(log, n); i < k && v[i].n == n; i++)
		model_note(m, &v[i].dg);
}

void model_step(struct model *m, const struct evlog *log,
		const struct mmt_event *ev)
{
	notes_at(m, log, ev->n);
	model_apply(m, ev);
}

void model_finish(struct model *m, const struct evlog *log)
{
	notes_at(m, log, m->n);
	check_finish(m);
}

