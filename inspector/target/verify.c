/*
 * verify.c - the model against the machine at a halt, see verify.h.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "trace/names.h"
#include "target/verify.h"
#include "util/array.h"

/* --- the model at the halt ------------------------------------------ */

struct vlist {
	struct vfy_ev *v;
	size_t n, cap;
};

/* One record more in l (out of memory aborts: util_array_grow). */
static void vl_add(struct vlist *l, uint64_t ts, uint32_t seq, uint8_t cpu,
		   const uint8_t *rec)
{
	struct vfy_ev *p;

	l->v = util_array_grow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	p = &l->v[l->n++];
	*p = (struct vfy_ev) { ts, seq, cpu, { 0 } };
	memcpy(p->rec, rec, MMT_REC_MAX);
}

static void on_pending(void *arg, const struct mmt_event *ev)
{
	vl_add(arg, ev->ts, ev->seq, ev->cpu, ev->rec);
}

/* The log's order: (timestamp, cpu, seq). */
static int vrec_cmp(const void *a, const void *b)
{
	const struct vfy_ev *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	if (x->cpu != y->cpu)
		return x->cpu < y->cpu ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Apply to at what the log holds back and the rings hold, in order. */
static void catch_up(struct vfy *v, const struct timeline *tl,
		    const struct mach *m, struct model *at)
{
	unsigned shift = evlog_decoder(tl->log)->shift;
	struct vlist l = { 0 };
	struct mmt_event ev;
	size_t i;

	evlog_pending_each(tl->log, on_pending, &l);
	for (i = 0; i < m->nrec; i++)
		vl_add(&l, m->rec[i].tsc >> shift << shift, m->rec[i].seq,
		       m->rec[i].cpu, m->rec[i].rec);
	qsort(l.v, l.n, sizeof *l.v, vrec_cmp);
	for (i = 0; i < l.n; i++) {
		ev = (struct mmt_event) { .ts = l.v[i].ts, .seq = l.v[i].seq,
			.cpu = l.v[i].cpu, .type = l.v[i].rec[0],
			.size = l.v[i].rec[1], .rec = l.v[i].rec, .n = at->n };
		model_apply(at, &ev);
	}
	v->events = at->n;
	v->unsent = m->nrec;
	v->pend = l.v;			/* the TUI shows them */
	v->npend = l.n;
}

/* --- CPUs ------------------------------------------------------------ */

static unsigned mem_mm_id(const struct mach *m, uint32_t addr)
{
	const struct mach_mm *x = mach_mm_at(m, addr);

	return x ? x->id : 0;
}

static uint32_t model_pgd(const struct model *at, unsigned id)
{
	const struct mm *x = id ? model_mm(at, id) : NULL;

	return x ? x->pgd : 0;
}

/* Append a difference to r->why. */
static void differ(struct vfy_cpu *r, const char *fmt, unsigned a,
		   unsigned b)
{
	size_t n = strlen(r->why);

	snprintf(r->why + n, sizeof r->why - n, "%s", n ? "; " : "");
	n = strlen(r->why);
	snprintf(r->why + n, sizeof r->why - n, fmt, a, b);
}

/* What the model says of CPU c, into r. */
static void cpu_model(struct vfy_cpu *r, const struct model *at,
		      const struct mach_cpu *c)
{
	const struct cpu *mc = &at->cpu[c->id];
	const struct task *t = model_task(at, mc->current, c->id);

	r->cr3_mm = mc->cr3;
	r->cr3_mm_pa = model_pgd(at, mc->cr3);
	r->pid = mc->current;
	r->active_mm = t ? t->active_mm : 0;
	r->active_pa = model_pgd(at, r->active_mm);
}

static void cpu_check(struct vfy *v, const struct model *at,
		      const struct mach *m, const struct mach_cpu *c)
{
	struct vfy_cpu *r = &v->cpu[v->ncpu++];
	unsigned loaded = mem_mm_id(m, c->loaded_mm);
	unsigned active = mem_mm_id(m, c->cur_active);

	memset(r, 0, sizeof *r);
	r->id = c->id;
	r->cr3 = c->cr3 & ~0xfffu;
	r->swapper = r->cr3 == m->swapper_pa;
	if ((unsigned)c->id >= at->ncpu || !at->cpu[c->id].online) {
		snprintf(r->why, sizeof r->why, "not in the trace yet");
		return;
	}
	cpu_model(r, at, c);
	if (r->cr3_mm && r->cr3 != r->cr3_mm_pa)
		differ(r, "CR3 %#x, the trace loaded %#x", r->cr3,
		       r->cr3_mm_pa);
	if (r->cr3_mm && loaded != r->cr3_mm)
		differ(r, "loaded_mm is mm %u, the trace says mm %u", loaded,
		       r->cr3_mm);
	if ((unsigned)c->cur_pid != r->pid)
		differ(r, "runs pid %u, the trace says pid %u", c->cur_pid,
		       r->pid);
	else if (r->active_mm && active != r->active_mm)
		differ(r, "active_mm is mm %u, the trace says mm %u", active,
		       r->active_mm);
	if (r->why[0])
		r->state = c->quiet ? VFY_BAD : VFY_BUSY;
}

/* --- mm_structs ------------------------------------------------------ */

/* A lock held by another CPU than the one at the stop, or not known. */
static int busy_lock(const struct mach *m, int cpu)
{
	return cpu == -2 || (cpu >= 0 && cpu != m->stop_cpu);
}

static void mm_check(struct vfy_mm *r, const struct model *at,
		     const struct mach *m)
{
	const struct mach_mm *x = mach_mm_id(m, r->id);
	const struct mm *y = model_mm(at, r->id);

	r->in_mem = x != NULL;
	r->in_model = y != NULL;
	if (x) {
		r->users = x->users;
		r->count = x->count;
		r->pa = x->pgd_pa;
	}
	if (y) {
		r->m_users = y->users;
		r->m_count = y->count;
		r->m_pa = y->pgd;
	}
	if (!x || !y) {
		r->state = m->table_lock_cpu != -1 ? VFY_BUSY : VFY_BAD;
		if (x && x->addr == m->init_mm && !at->nmm)
			r->state = VFY_OK;	/* static: traced a little later */
		return;
	}
	if ((!(y->flags & M_NOCOUNT) && (x->users != y->users ||
					 x->count != y->count)))
		r->state = busy_lock(m, x->lock_cpu) ? VFY_BUSY : VFY_BAD;
	if (x->pgd_pa != y->pgd)
		r->state = VFY_BAD;
}

static int mm_cmp(const void *a, const void *b)
{
	const struct vfy_mm *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Every mm alive in memory or in the model, by id. */
static int mm_all(struct vfy *v, const struct model *at, const struct mach *m)
{
	size_t i, cap = m->nmm + at->nmm + 1;

	if (!(v->mm = calloc(cap, sizeof *v->mm)))
		return -1;
	for (i = 0; i < m->nmm; i++)
		v->mm[v->nmm++].id = m->mm[i].id;
	for (i = 0; i < at->nmm; i++)
		if ((at->mm[i].flags & M_USED) && !mach_mm_id(m, at->mm[i].id))
			v->mm[v->nmm++].id = at->mm[i].id;
	qsort(v->mm, v->nmm, sizeof *v->mm, mm_cmp);
	for (i = 0; i < v->nmm; i++)
		mm_check(&v->mm[i], at, m);
	return 0;
}

/* --- the whole ------------------------------------------------------- */

int vfy_run(struct vfy *v, const struct timeline *tl, const struct mach *m,
	    struct model *at)
{
	struct model *own = at ? NULL : model_new();
	size_t i;
	int i2;

	memset(v, 0, sizeof *v);
	if (!at && !(at = own))
		return -1;
	model_copy(at, tl->tail);
	catch_up(v, tl, m, at);
	if (v->events && mm_all(v, at, m) < 0) {
		model_free(own);
		return -1;
	}
	for (i2 = 0; i2 < m->ncpu; i2++)
		if (m->cpu[i2].id >= 0)
			cpu_check(v, at, m, &m->cpu[i2]);
	for (i2 = 0; i2 < v->ncpu; i2++) {
		v->bad += v->cpu[i2].state == VFY_BAD;
		v->busy += v->cpu[i2].state == VFY_BUSY;
	}
	for (i = 0; i < v->nmm; i++) {
		v->bad += v->mm[i].state == VFY_BAD;
		v->busy += v->mm[i].state == VFY_BUSY;
	}
	model_free(own);
	return 0;
}

void vfy_free(struct vfy *v)
{
	free(v->mm);
	v->mm = NULL;
	v->nmm = 0;
	free(v->pend);
	v->pend = NULL;
	v->npend = 0;
}

static const char *state_name(int s)
{
	return s == VFY_BAD ? "MISMATCH" : s == VFY_BUSY ? "in flux" : "ok";
}

static void print_cpu(FILE *f, const struct vfy_cpu *r)
{
	char cr3[48];

	if (r->swapper)
		snprintf(cr3, sizeof cr3, "%#010x swapper_pg_dir", r->cr3);
	else
		snprintf(cr3, sizeof cr3, "%#010x", r->cr3);
	fprintf(f, "  cpu %d: cr3 %s (trace: mm %u, pgd %#010x); pid %u, "
		"active_mm mm %u (pgd %#010x): %s%s%s\n", r->id, cr3,
		r->cr3_mm, r->cr3_mm_pa, r->pid, r->active_mm, r->active_pa,
		state_name(r->state), r->why[0] ? ": " : "", r->why);
}

static void print_mm(FILE *f, const struct vfy_mm *r)
{
	fprintf(f, "  mm %u: ", r->id);
	if (!r->in_mem || !r->in_model) {
		fprintf(f, "alive in the %s only: %s\n", r->in_mem ?
			"kernel's mm_table" : "trace", state_name(r->state));
		return;
	}
	fprintf(f, "mm_users %d, mm_count %d, pgd %#010x: %s", r->users,
		r->count, r->pa, state_name(r->state));
	if (r->users != r->m_users)
		fprintf(f, ": mm_users is %d in memory, %d in the trace",
			r->users, r->m_users);
	if (r->count != r->m_count)
		fprintf(f, ": mm_count is %d in memory, %d in the trace",
			r->count, r->m_count);
	if (r->pa != r->m_pa)
		fprintf(f, ": pgd %#x in memory, %#x in the trace", r->pa,
			r->m_pa);
	fputc('\n', f);
}

void vfy_print(FILE *f, const struct vfy *v, const struct mach *m)
{
	size_t i;
	int c;

	fprintf(f, "  the model at the halt: %" PRIu64 " events, %" PRIu64
		" of them still in the kernel's rings; read in %" PRIu64
		" packets, %.1f ms\n", v->events, v->unsent, m->packets,
		m->ns / 1e6);
	for (c = 0; c < v->ncpu; c++)
		print_cpu(f, &v->cpu[c]);
	for (i = 0; i < v->nmm; i++)
		print_mm(f, &v->mm[i]);
}
