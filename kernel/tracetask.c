/*
 * tracetask.c - the records of tasks, mm_structs and the scheduler
 * (protocol/mmtrace.h, types 16..68).  Each fills every field, padding
 * included: ring slots are reused.
 */
#include "types.h"
#include "defs.h"
#include "memlayout.h"
#include "mm.h"
#include "sched.h"
#include "trace.h"

static inline uint mm_id(struct mm_struct *mm)
{
	return mm ? mm->id : MMT_MM_NULL;
}

static void copy_comm(char dst[MMT_COMM_LEN], const char *src)
{
	uint n = strnlen(src, MMT_COMM_LEN);

	memset(dst, 0, MMT_COMM_LEN);
	memmove(dst, src, n);
}

/* MMT_PF_* of a task */
static uint task_flags(struct task_struct *p)
{
	return (p->flags & PF_KTHREAD ? MMT_PF_KTHREAD : 0) |
	       (p->flags & PF_IDLE ? MMT_PF_IDLE : 0);
}

void trace_task_new(struct task_struct *p, uint clone_flags)
{
	struct mmt_task_new *t = trace_begin(MMT_TASK_NEW, sizeof(*t));

	t->pid = p->pid;
	t->tgid = p->tgid;
	t->ppid = p->parent ? p->parent->pid : 0;
	t->flags = task_flags(p);
	t->clone_flags = clone_flags;
	t->mm = mm_id(p->mm);
	t->active_mm = mm_id(p->active_mm);
	copy_comm(t->comm, p->comm);
	trace_end();
}

void trace_task_exit(uint pid, uint signal, int code)
{
	struct mmt_task_exit *e = trace_begin(MMT_TASK_EXIT, sizeof(*e));

	e->pid = pid;
	e->signal = signal;
	e->pad = 0;
	e->code = code;
	trace_end();
}

void trace_task_free(uint pid, uint reaper)
{
	struct mmt_task_free *f = trace_begin(MMT_TASK_FREE, sizeof(*f));

	f->pid = pid;
	f->reaper = reaper;
	trace_end();
}

void trace_task_state(uint pid, uint state)
{
	struct mmt_task_state *s = trace_begin(MMT_TASK_STATE, sizeof(*s));

	s->pid = pid;
	s->state = state;
	s->pad = 0;
	trace_end();
}

void trace_exec(uint pid, uint old_mm, uint new_mm, const char *comm)
{
	struct mmt_exec *e = trace_begin(MMT_EXEC, sizeof(*e));

	e->pid = pid;
	e->old_mm = old_mm;
	e->new_mm = new_mm;
	e->pad = 0;
	copy_comm(e->comm, comm);
	trace_end();
}

void trace_migrate(uint pid, uint from_cpu, uint to_cpu)
{
	struct mmt_migrate *m = trace_begin(MMT_MIGRATE, sizeof(*m));

	m->pid = pid;
	m->from_cpu = from_cpu;
	m->to_cpu = to_cpu;
	trace_end();
}

void trace_mm_alloc(struct mm_struct *mm, uint pid, uint reason)
{
	struct mmt_mm_alloc *a = trace_begin(MMT_MM_ALLOC, sizeof(*a));

	a->mm = mm->id;
	a->pid = pid;
	a->pgd = V2P(mm->pgd);
	a->users = atomic_read(&mm->mm_users);
	a->count = atomic_read(&mm->mm_count);
	a->reason = reason;
	a->pad0 = 0;
	a->pad1 = 0;
	trace_end();
}

void trace_mm_free(uint mm, uint pgd, uint caller)
{
	struct mmt_mm_free *f = trace_begin(MMT_MM_FREE, sizeof(*f));

	f->mm = mm;
	f->pad = 0;
	f->pgd = pgd;
	f->caller = caller;
	trace_end();
}

void trace_mm_ref(uint mm, uint op, uint why, int users, int count, uint caller)
{
	struct mmt_mm_ref *r = trace_begin(MMT_MM_REF, sizeof(*r));

	r->mm = mm;
	r->op = op;
	r->reason = why;
	r->users = users;
	r->count = count;
	r->caller = caller;
	trace_end();
}

void trace_exit_mmap(uint mm, uint vmas, uint pages)
{
	struct mmt_exit_mmap *e = trace_begin(MMT_EXIT_MMAP, sizeof(*e));

	e->mm = mm;
	e->vmas = vmas;
	e->pages = pages;
	trace_end();
}

/* type: MMT_USE_MM or MMT_UNUSE_MM */
void trace_use_mm(uint type, uint pid, uint mm, uint old_active)
{
	struct mmt_use_mm *u = trace_begin(type, sizeof(*u));

	u->pid = pid;
	u->mm = mm;
	u->old_active = old_active;
	u->pad = 0;
	trace_end();
}

void trace_mm_map(uint mm, uint op, uint start, uint len)
{
	struct mmt_mm_map *m = trace_begin(MMT_MM_MAP, sizeof(*m));

	m->mm = mm;
	m->op = op;
	m->pad = 0;
	m->start = start;
	m->len = len;
	trace_end();
}

/* SWITCH.prev_state: why prev stops running */
static uint switch_state(struct task_struct *prev)
{
	if (prev->state == TASK_RUNNING)
		return MMT_TASK_RUNNING;
	if (prev->state != TASK_DEAD)
		return MMT_TASK_SLEEPING;
	return prev->exit_state == EXIT_DEAD ? MMT_TASK_DEAD : MMT_TASK_ZOMBIE;
}

/* context_switch(prev, next), before it touches any mm; next_active is next's after it. */
void trace_switch(struct task_struct *prev, struct task_struct *next,
		  struct mm_struct *next_active, uint flags)
{
	struct mmt_switch *s = trace_begin(MMT_SWITCH, sizeof(*s));

	s->prev = prev->pid;
	s->next = next->pid;
	s->prev_mm = mm_id(prev->mm);
	s->prev_active = mm_id(prev->active_mm);
	s->next_mm = mm_id(next->mm);
	s->next_active = mm_id(next_active);
	s->prev_state = switch_state(prev);
	s->flags = flags;
	s->pad = 0;
	trace_end();
}

void trace_enter_lazy(uint pid, uint mm)
{
	struct mmt_enter_lazy *l = trace_begin(MMT_ENTER_LAZY, sizeof(*l));

	l->pid = pid;
	l->mm = mm;
	trace_end();
}

void trace_prev_mm(uint mm, uint action)
{
	struct mmt_prev_mm *p = trace_begin(MMT_PREV_MM, sizeof(*p));

	p->mm = mm;
	p->action = action;
	p->pad = 0;
	trace_end();
}

void trace_mm_cpumask(uint mm, uint set)
{
	struct mmt_mm_cpumask *m = trace_begin(MMT_MM_CPUMASK, sizeof(*m));

	m->mm = mm;
	m->set = set;
	m->pad = 0;
	trace_end();
}
