/*
 * store.c - the model's tables: the slots of tasks and mms and their
 * indexes, who holds each count, which record fields name an mm, and
 * the life cycle and copies of a model (snapshots); see store.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/lives.h"
#include "model/store.h"
#include "trace/fields.h"
#include "util/array.h"

/* --- slots and lookups --------------------------------------------- */

struct task *model_task(const struct model *m, unsigned pid, unsigned cpu)
{
	uint32_t s;

	if (pid == 0)
		return cpu < m->ncpu ? &m->task[cpu] : NULL;
	s = m->pid_slot[pid];
	return s ? &m->task[s - 1] : NULL;
}

struct mm *model_mm(const struct model *m, unsigned id)
{
	uint32_t s = id ? m->mm_slot[id] : 0;

	return s ? &m->mm[s - 1] : NULL;
}

/* A new task slot for pid (not 0); pointers into task[] may move. */
uint32_t store_task_alloc(struct model *m, unsigned pid)
{
	uint32_t s;

	if (m->task_free) {
		s = m->task_free - 1;
		m->task_free = m->task[s].link;
	} else {
		m->task = util_array_grow(m->task, &m->task_cap, m->ntask + 1,
					  sizeof *m->task);
		s = m->ntask++;
	}
	memset(&m->task[s], 0, sizeof m->task[s]);
	m->task[s].pid = pid;
	m->task[s].flags = T_USED;
	m->pid_slot[pid] = s + 1;
	m->ntasks++;
	return s;
}

void store_task_release(struct model *m, struct task *t)
{
	uint32_t s = t - m->task;

	m->pid_slot[t->pid] = 0;
	t->flags = 0;
	t->link = m->task_free;
	m->task_free = s + 1;
	m->ntasks--;
}

/* The slot of task pid on cpu, made (as T_UNKNOWN) if it does not exist. */
uint32_t store_task_slot(struct model *m, unsigned pid, unsigned cpu)
{
	uint32_t s;

	if (pid == 0)
		return cpu;
	if ((s = m->pid_slot[pid]))
		return s - 1;
	s = store_task_alloc(m, pid);
	m->task[s].flags |= T_UNKNOWN | (m->gaps ? T_STALE : 0);
	m->task[s].tgid = pid;
	m->task[s].cpu = cpu;
	m->task[s].born = m->n;
	return s;
}

/* The life counter of id: room for it in mm_life[] (zeroed). */
static uint16_t *life_counter(struct model *m, unsigned id)
{
	if (id >= m->nlife) {
		m->mm_life = util_array_grow(m->mm_life, &m->mm_life_cap,
					     id + 1, sizeof *m->mm_life);
		memset(m->mm_life + m->nlife, 0,
		       (id + 1 - m->nlife) * sizeof *m->mm_life);
		m->nlife = id + 1;
	}
	return &m->mm_life[id];
}

/*
 * A new mm_struct with this id: a slot, and the next life of the id
 * (lives.h).  The tail also records the life's beginning, at event
 * m->n; the caller sets the owner before that, with store_mm_born.
 */
struct mm *store_mm_alloc(struct model *m, unsigned id)
{
	uint16_t *life = life_counter(m, id);
	uint32_t s;
	struct mm *x;

	if (m->mm_free) {
		s = m->mm_free - 1;
		m->mm_free = m->mm[s].link;
	} else {
		m->mm = util_array_grow(m->mm, &m->mm_cap, m->nmm + 1,
					sizeof *m->mm);
		s = m->nmm++;
	}
	x = &m->mm[s];
	memset(x, 0, sizeof *x);
	x->id = id;
	x->flags = M_USED;
	x->gen = *life < UINT16_MAX ? ++*life : *life;
	m->mm_slot[id] = s + 1;
	m->freed[id >> 3] &= ~(1u << (id & 7));
	if (id != MMT_MM_INIT)
		m->nmms++;
	return x;
}

void store_mm_born(struct model *m, const struct mm *x, int announced)
{
	if (m->lives)
		life_begin(m->lives, x->id, x->gen, x->owner, announced, m->n);
}

void store_mm_release(struct model *m, struct mm *x)
{
	uint32_t s = x - m->mm;

	m->mm_slot[x->id] = 0;
	if (m->lives)
		life_end(m->lives, x->id, m->n);
	if (x->id != MMT_MM_INIT)
		m->nmms--;
	x->flags = 0;
	x->link = m->mm_free;
	m->mm_free = s + 1;
}

/* --- holders ------------------------------------------------------- */

/* Add (d = 1) or remove (d = -1) what task t holds. */
void store_hold(struct model *m, const struct task *t, int d)
{
	int use = t->flags & T_USE_MM;
	struct mm *x;

	if (t->mm && !use && (x = model_mm(m, t->mm)))
		x->h_users += d;
	if (t->active_mm && (!t->mm || use) &&
	    (x = model_mm(m, t->active_mm))) {
		x->h_lazy += d;
		if (use)
			x->h_grabs += d;
	}
}

void store_task_set(struct model *m, struct task *t, unsigned mm,
		     unsigned active, int use_mm)
{
	store_hold(m, t, -1);
	t->mm = mm;
	t->active_mm = active;
	t->flags = use_mm ? t->flags | T_USE_MM : t->flags & ~T_USE_MM;
	store_hold(m, t, 1);
}

void store_cpu_set_prev(struct model *m, unsigned c, unsigned id)
{
	struct cpu *cp = &m->cpu[c];
	struct mm *x;

	if (cp->prev_mm && !cp->prev_stale && (x = model_mm(m, cp->prev_mm)))
		x->h_prev--;
	cp->prev_mm = id;
	cp->prev_stale = 0;
	cp->prev_switch = 0;
	if (id && (x = model_mm(m, id)))
		x->h_prev++;
}

void store_cpu_set_cr3(struct model *m, unsigned c, unsigned id)
{
	struct cpu *cp = &m->cpu[c];
	struct mm *x;

	if ((x = model_mm(m, cp->cr3)))
		x->h_cr3--;
	cp->cr3 = id;
	if ((x = model_mm(m, id)))
		x->h_cr3++;
}

/*
 * Count x's holders from scratch: needed only when x's id was freed
 * while something still held it, so that old holds may name the id.
 */
void store_recount(struct model *m, struct mm *x)
{
	const struct task *t;
	uint32_t i;

	x->h_users = x->h_lazy = x->h_grabs = x->h_prev = x->h_cr3 = 0;
	for (i = 0; i < m->ntask; i++) {
		t = &m->task[i];
		if (!(t->flags & T_USED))
			continue;
		if (t->mm == x->id && !(t->flags & T_USE_MM))
			x->h_users++;
		if (t->active_mm == x->id &&
		    (!t->mm || (t->flags & T_USE_MM))) {
			x->h_lazy++;
			x->h_grabs += !!(t->flags & T_USE_MM);
		}
	}
	for (i = 0; i < m->ncpu; i++) {
		x->h_prev += m->cpu[i].prev_mm == x->id && !m->cpu[i].prev_stale;
		x->h_cr3 += m->cpu[i].cr3 == x->id;
	}
}

char *model_mm_name(const struct model *m, unsigned id, int utf8, char *buf,
		    size_t len)
{
	return life_name(id, model_mm_life(m, id), utf8, buf, len);
}

int model_users_held(const struct model *m, const struct mm *x)
{
	(void)m;
	return x->h_users + x->pins + (x->flags & M_STATIC ? 2 : 0);
}

int model_count_held(const struct model *m, const struct mm *x)
{
	(void)m;
	return (x->users > 0) + x->h_lazy + x->h_prev;
}

uint8_t model_mm_off[256][4];
uint8_t model_mm_nfields[256];

/* Which fields name an mm: field_is_mm. */
void store_mm_fields_init(void)
{
	const struct field *f;
	unsigned t, i;

	for (t = 0; t < 256; t++)
		for (i = 0; i < field_layouts[t].nfields; i++) {
			f = &field_layouts[t].fields[i];
			if (field_is_mm(f))
				model_mm_off[t][model_mm_nfields[t]++] = f->off;
		}
}

/* --- life cycle and copies ----------------------------------------- */

/* Forget the index entries of every used slot. */
static void index_clear(struct model *m)
{
	uint32_t i;

	for (i = IDLE_SLOTS; i < m->ntask; i++)
		if (m->task[i].flags & T_USED)
			m->pid_slot[m->task[i].pid] = 0;
	for (i = 0; i < m->nmm; i++)
		if (m->mm[i].flags & M_USED)
			m->mm_slot[m->mm[i].id] = 0;
}

static void index_build(struct model *m)
{
	uint32_t i;

	for (i = IDLE_SLOTS; i < m->ntask; i++)
		if (m->task[i].flags & T_USED)
			m->pid_slot[m->task[i].pid] = i + 1;
	for (i = 0; i < m->nmm; i++)
		if (m->mm[i].flags & M_USED)
			m->mm_slot[m->mm[i].id] = i + 1;
}

void model_reset(struct model *m)
{
	index_clear(m);
	if (m->nlife)
		memset(m->mm_life, 0, m->nlife * sizeof *m->mm_life);
	memset(m, 0, offsetof(struct model, cpu));
	m->ntask = IDLE_SLOTS;
	memset(m->task, 0, IDLE_SLOTS * sizeof *m->task);
}

struct model *model_new(void)
{
	struct model *m = calloc(1, sizeof *m);

	if (!model_mm_nfields[MMT_MM_REF])
		store_mm_fields_init();
	if (!m)
		return NULL;
	m->pid_slot = calloc(MODEL_IDS, sizeof *m->pid_slot);
	m->mm_slot = calloc(MODEL_IDS, sizeof *m->mm_slot);
	m->task = util_array_grow(NULL, &m->task_cap, IDLE_SLOTS,
				  sizeof *m->task);
	if (!m->pid_slot || !m->mm_slot) {
		model_free(m);
		return NULL;
	}
	model_reset(m);
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	free(m->task);
	free(m->mm);
	free(m->pid_slot);
	free(m->mm_slot);
	free(m->mm_life);
	free(m);
}

static size_t core_size(const struct model *m)
{
	return offsetof(struct model, cpu) + m->ncpu * sizeof m->cpu[0];
}

size_t model_snap_size(const struct model *m)
{
	return core_size(m) + m->ntask * sizeof *m->task +
	       m->nmm * sizeof *m->mm + m->nlife * sizeof *m->mm_life;
}

/*
 * Take state from its parts: the core block, ntask task slots, nmm mm
 * slots and nlife life counters (the core says how many).
 */
static void model_load(struct model *m, const void *core, const struct task *task,
		const struct mm *mm, const uint16_t *life)
{
	uint32_t old = m->nlife;

	index_clear(m);
	memcpy(m, core, offsetof(struct model, ncpu) + sizeof m->ncpu);
	memcpy(m->cpu, (const char *)core + offsetof(struct model, cpu),
	       m->ncpu * sizeof m->cpu[0]);
	m->task = util_array_grow(m->task, &m->task_cap, m->ntask,
				  sizeof *m->task);
	m->mm = util_array_grow(m->mm, &m->mm_cap, m->nmm ? m->nmm : 1,
				sizeof *m->mm);
	memcpy(m->task, task, m->ntask * sizeof *m->task);
	if (m->nmm)
		memcpy(m->mm, mm, m->nmm * sizeof *m->mm);
	m->mm_life = util_array_grow(m->mm_life, &m->mm_life_cap,
				     m->nlife > old ? m->nlife : old,
				     sizeof *m->mm_life);
	if (m->nlife)
		memcpy(m->mm_life, life, m->nlife * sizeof *m->mm_life);
	if (old > m->nlife)		/* counters past nlife stay zero */
		memset(m->mm_life + m->nlife, 0,
		       (old - m->nlife) * sizeof *m->mm_life);
	index_build(m);
}

void model_save(const struct model *m, void *buf)
{
	char *p = buf;

	memcpy(p, m, core_size(m));
	p += core_size(m);
	memcpy(p, m->task, m->ntask * sizeof *m->task);
	p += m->ntask * sizeof *m->task;
	if (m->nmm)
		memcpy(p, m->mm, m->nmm * sizeof *m->mm);
	p += m->nmm * sizeof *m->mm;
	if (m->nlife)
		memcpy(p, m->mm_life, m->nlife * sizeof *m->mm_life);
}

void model_load_saved(struct model *m, const void *buf)
{
	const struct model *core = buf;
	size_t at = offsetof(struct model, cpu) + core->ncpu * sizeof m->cpu[0];
	const char *p = (const char *)buf + at, *q = p + core->ntask * sizeof *m->task;

	model_load(m, buf, (const struct task *)p, (const struct mm *)q,
		   (const uint16_t *)(q + core->nmm * sizeof *m->mm));
}

void model_copy(struct model *dst, const struct model *src)
{
	model_load(dst, src, src->task, src->mm, src->mm_life);
}
