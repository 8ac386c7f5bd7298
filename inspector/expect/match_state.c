/*
 * match_state.c - the statements of expect files that look at the model's
 * state (state, final) and at an mm's whole history (refs); see
 * match_int.h and samples/EXPECT.md.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "expect/match_int.h"
#include "model/checker.h"
#include "model/lives.h"
#include "trace/names.h"
#include "util/array.h"

#define REFS_SHOWN	10	/* rows of a refs difference */

/* --- state ------------------------------------------------------------ */

/* An id or a number of a statement: a literal or a bound variable. */
static int64_t id_of(struct matcher *mt, const struct x_value *v)
{
	return v->kind == VAL_VAR ? mt->val[v->var] : v->num;
}

/*
 * Attribute a of mm id in m; life: which mm_struct of the id the
 * statement names (its name, 3.2), 0: the one the id names in m.
 */
static int mm_attr(const struct model *m, int64_t id, unsigned life,
		   const char *a, int64_t *v, char *why, size_t len)
{
	const struct mm *x = id > 0 && id < MODEL_IDS ? model_mm(m, id) : NULL;
	int freed = id > 0 && id < MODEL_IDS && model_mm_freed(m, id);
	char name[LIFE_NAME_MAX];

	if (life && life > model_mm_life(m, id)) {
		snprintf(why, len, "mm %s is not allocated yet (mm %" PRId64
			 " has had %u mm_structs)", life_name(id, life, 0, name,
			 sizeof name), id, model_mm_life(m, id));
		return -1;
	}
	if (life && x && x->gen != life) {
		x = NULL;		/* that one was freed: a later holds id */
		freed = 1;
	}
	if (life && !x && !strcmp(a, "life")) {
		*v = life;
		return 0;
	}

	if (!strcmp(a, "freed") && (x || freed)) {
		*v = !x;
		return 0;
	}
	if (!x) {
		snprintf(why, len, "mm %" PRId64 " %s", id, freed ?
			 "was freed" : "is not allocated");
		return -1;
	}
	if (!strcmp(a, "users"))
		*v = x->users;
	else if (!strcmp(a, "count"))
		*v = x->count;
	else if (!strcmp(a, "borrowers"))
		*v = x->h_lazy - x->h_grabs;
	else if (!strcmp(a, "grabs"))
		*v = x->h_grabs;
	else if (!strcmp(a, "owner"))
		*v = x->owner;
	else if (!strcmp(a, "pins"))
		*v = x->pins;
	else if (!strcmp(a, "prev"))
		*v = x->h_prev;
	else if (!strcmp(a, "life"))
		*v = x->gen;
	else
		*v = x->pgd;
	return 0;
}

static int cpu_attr(const struct model *m, int64_t c, const char *a,
		    int64_t *v, char *why, size_t len)
{
	const struct cpu *cp;
	const struct task *t;

	if (c < 0 || c >= m->ncpu) {
		snprintf(why, len, "cpu %" PRId64 " has sent nothing yet", c);
		return -1;
	}
	cp = &m->cpu[c];
	t = model_task(m, cp->current, c);
	*v = !strcmp(a, "current") ? cp->current :
	     !strcmp(a, "active_mm") ? (t ? t->active_mm : 0) :
	     !strcmp(a, "cr3") ? cp->cr3 : !strcmp(a, "lazy") ? cp->lazy :
	     !strcmp(a, "prev_mm") ? cp->prev_mm : cp->online;
	return 0;
}

static int task_attr(const struct model *m, int64_t pid, const char *a,
		     int64_t *v, const char **str, char *why, size_t len)
{
	const struct task *t = pid >= 0 && pid < MODEL_IDS ?
			       model_task(m, pid, 0) : NULL;

	if (!t && !strcmp(a, "state")) {
		*v = MMT_TASK_DEAD;	/* freed: dead */
		return 0;
	}
	if (!t) {
		snprintf(why, len, "task %" PRId64 " does not exist", pid);
		return -1;
	}
	*str = t->comm;
	*v = !strcmp(a, "state") ? t->state : !strcmp(a, "mm") ? t->mm :
	     !strcmp(a, "active_mm") ? t->active_mm : !strcmp(a, "cpu") ?
	     t->cpu : !strcmp(a, "kthread") ? !!(t->flags & T_KTHREAD) :
	     !strcmp(a, "on_cpu") ? !!(t->flags & T_ON_CPU) :
	     !strcmp(a, "use_mm") ? !!(t->flags & T_USE_MM) :
	     !strcmp(a, "tgid") ? t->tgid : t->ppid;
	return 0;
}

/* One attribute condition of a state or final mm statement. */
static int attr_holds(struct matcher *mt, const struct model *m, int subject,
		      int64_t id, unsigned life, const struct x_cond *c,
		      char *why, size_t len)
{
	const char *str = NULL;
	int64_t v;
	int rc;

	rc = subject == SUBJ_MM ? mm_attr(m, id, life, c->name, &v, why, len) :
	     subject == SUBJ_CPU ? cpu_attr(m, id, c->name, &v, why, len) :
	     task_attr(m, id, c->name, &v, &str, why, len);
	if (rc < 0)
		return 0;
	if (!strcmp(c->name, "comm"))
		return match_text_holds(c, str, strnlen(str, MMT_COMM_LEN))
			       ? 1
			       : (snprintf(why, len, "comm is \"%.16s\"", str),
				  0);
	if (match_num_holds(mt, c, v))
		return 1;
	snprintf(why, len, "%s is %" PRId64, c->name, v);
	return 0;
}

/* Everything about a subject, for a failed state statement. */
static void show_subject(struct matcher *mt, const struct model *m,
			 int subject, int64_t id, unsigned life)
{
	char name[LIFE_NAME_MAX];
	const char *const *a = subject == SUBJ_MM    ? parse_attrs_mm
			       : subject == SUBJ_CPU ? parse_attrs_cpu
						     : parse_attrs_task;
	const char *str = NULL;
	char why[128];
	int64_t v;
	int rc;

	fprintf(mt->out, "  %s %s:", subject == SUBJ_MM ? "mm" :
		subject == SUBJ_CPU ? "cpu" : "task", life_name(id, life, 0,
		name, sizeof name));
	for (; *a; a++) {
		rc = subject == SUBJ_MM ? mm_attr(m, id, life, *a, &v, why,
						  128) :
		     subject == SUBJ_CPU ? cpu_attr(m, id, *a, &v, why, 128) :
		     task_attr(m, id, *a, &v, &str, why, 128);
		if (rc < 0) {
			fprintf(mt->out, " (%s)", why);
			break;
		}
		if (!strcmp(*a, "comm"))
			fprintf(mt->out, " comm=\"%.16s\"", str);
		else if (!strcmp(*a, "state"))
			fprintf(mt->out, " state=%s",
				names_of(&names_state, v));
		else if (!strcmp(*a, "pgd"))
			fprintf(mt->out, " pgd=0x%" PRIx64, v);
		else
			fprintf(mt->out, " %s=%" PRId64, *a, v);
	}
	fputc('\n', mt->out);
}

/* The conditions of s on subject id in model m; 1 if all hold. */
static int attrs_hold(struct matcher *mt, const struct x_stmt *s,
		      const struct model *m, int subject, const char *where)
{
	int64_t id = id_of(mt, &s->id);
	char why[128];
	int i;

	for (i = 0; i < s->nc; i++)
		if (!attr_holds(mt, m, subject, id, s->id.life, &s->c[i], why,
				sizeof why)) {
			match_fail_head(mt, s);
			fprintf(mt->out, "  %s: %s", where, why);
			match_show_vars(mt, s);
			show_subject(mt, m, subject, id, s->id.life);
			return 0;
		}
	return 1;
}

void match_state(struct matcher *mt, const struct x_stmt *s)
{
	char where[64];

	tl_seek(mt->tl, mt->view, mt->cursor + 1);
	snprintf(where, sizeof where, "after event %" PRId64, mt->cursor);
	attrs_hold(mt, s, mt->view, s->subject, where);
}

/* --- refs ------------------------------------------------------------- */

struct ref_row {
	int op, users, count, reason;
	uint64_t n;
	uint32_t caller;
};

/* The event of the MM_ALLOC of mm id the refs statement means, or -1. */
static int64_t refs_alloc(struct matcher *mt, int64_t id)
{
	struct evlog_iter it;
	struct mmt_event ev;
	struct mmt_mm_alloc a;
	int64_t last = -1;

	evlog_iter_init(&it, mt->tl->log, 0);
	while (evlog_next(&it, &ev)) {
		if (ev.type != MMT_MM_ALLOC)
			continue;
		decode_copy(&ev, &a, sizeof a);
		if (a.mm != id)
			continue;
		if ((int64_t)ev.n > mt->cursor && last >= 0)
			break;
		last = ev.n;
		if ((int64_t)ev.n > mt->cursor)
			break;
	}
	return last;
}

/* The history of the mm allocated at event from: *n rows. */
static struct ref_row *refs_history(struct matcher *mt, int64_t from,
				    int64_t id, int *n)
{
	struct ref_row *v = NULL;
	struct evlog_iter it;
	struct mmt_event ev;
	struct mmt_mm_alloc a;
	struct mmt_mm_ref r;
	size_t cap = 0;

	*n = 0;
	evlog_iter_init(&it, mt->tl->log, from);
	while (evlog_next(&it, &ev)) {
		if (ev.type != MMT_MM_ALLOC && ev.type != MMT_MM_REF &&
		    ev.type != MMT_MM_FREE)
			continue;
		decode_copy(&ev, &r, sizeof r);
		if (r.mm != id || (ev.type == MMT_MM_ALLOC && *n))
			continue;
		v = util_array_grow(v, &cap, *n + 1, sizeof *v);
		v[*n] = (struct ref_row) { REF_FREE, 0, 0, -1, ev.n, 0 };
		if (ev.type == MMT_MM_ALLOC) {
			decode_copy(&ev, &a, sizeof a);
			v[*n] = (struct ref_row) { REF_ALLOC, a.users, a.count,
						   -1, ev.n, 0 };
		} else if (ev.type == MMT_MM_REF) {
			v[*n] = (struct ref_row) { r.op, r.users, r.count,
						   r.reason, ev.n, r.caller };
		}
		if (v[(*n)++].op == REF_FREE)
			break;
	}
	return v;
}

static void ref_text(char *buf, size_t len, int op, int users, int count,
		     int reason)
{
	const char *name = op == REF_ALLOC ? "alloc" : op == REF_FREE ? "free" :
			   names_of(&names_op, op);

	if (op == REF_FREE)
		snprintf(buf, len, "free");
	else
		snprintf(buf, len, "%s %d %d%s%s", name ? name : "?", users,
			 count, reason >= 0 ? " " : "", reason >= 0 &&
			 names_of(&names_reason, reason) ?
			 names_of(&names_reason, reason) : "");
}

static int row_eq(const struct x_ref *e, const struct ref_row *a)
{
	if (e->op != a->op)
		return 0;
	if (e->op == REF_FREE)
		return 1;
	return e->users == a->users && e->count == a->count &&
	       (e->reason < 0 || e->reason == a->reason);
}

/* Expected and actual side by side, from the first difference. */
static void refs_diff(struct matcher *mt, const struct x_stmt *s,
		      const struct ref_row *a, int na, int from)
{
	char e[64], g[64];
	const char *sym;
	int i;

	fprintf(mt->out, "  %-28s %s\n", "expected", "actual");
	for (i = from; i < from + REFS_SHOWN && (i < s->nrefs || i < na);
	     i++) {
		e[0] = g[0] = '\0';
		if (i < s->nrefs)
			ref_text(e, sizeof e, s->refs[i].op, s->refs[i].users,
				 s->refs[i].count, s->refs[i].reason);
		if (i < na)
			ref_text(g, sizeof g, a[i].op, a[i].users, a[i].count,
				 a[i].reason);
		fprintf(mt->out, "  %-28s %-28s", i < s->nrefs ? e :
			"(nothing more)", i < na ? g : "(nothing more)");
		sym = i < na && a[i].caller && mt->syms ?
		      sym_lookup(mt->syms, a[i].caller, 1) : NULL;
		if (i < na)
			fprintf(mt->out, " event %" PRIu64 "%s%s", a[i].n,
				sym ? " " : "", sym ? sym : "");
		fputc('\n', mt->out);
	}
}

/* s's refs entries that hold for the trace's era and CPUs, in a copy of s. */
static struct x_stmt refs_for_era(struct matcher *mt, const struct x_stmt *s)
{
	struct x_stmt e = *s;
	int i;

	e.refs = calloc(s->nrefs + 1, sizeof *e.refs);
	if (!e.refs)
		abort();
	e.nrefs = 0;
	for (i = 0; i < s->nrefs; i++)
		if (match_holds_here(mt, s->refs[i].era, s->refs[i].cpus))
			e.refs[e.nrefs++] = s->refs[i];
	return e;
}

void match_refs(struct matcher *mt, const struct x_stmt *full)
{
	struct x_stmt era = refs_for_era(mt, full);
	const struct x_stmt *s = &era;
	int64_t id = id_of(mt, &s->id), from;
	const struct life *l = life_find(&mt->tl->lives, id, s->id.life);
	char name[LIFE_NAME_MAX];
	struct ref_row *a;
	int na, i;

	from = !s->id.life ? refs_alloc(mt, id) : l && l->announced ?
	       (int64_t)l->alloc_n : -1;
	if (from < 0) {
		match_fail_head(mt, s);
		fprintf(mt->out, "  mm %s is never allocated\n",
			life_name(id, s->id.life, 0, name, sizeof name));
		free(era.refs);
		return;
	}
	a = refs_history(mt, from, id, &na);
	for (i = 0; i < s->nrefs && i < na && row_eq(&s->refs[i], &a[i]); i++)
		;
	if (i < s->nrefs || i < na) {
		match_fail_head(mt, s);
		fprintf(mt->out, "  the history of mm %" PRId64 " (allocated "
			"at event %" PRId64 ") differs at its entry %d%s\n",
			id, from, i + 1, i < s->nrefs ? "" : " (more than "
			"expected)");
		refs_diff(mt, s, a, na, i);
	}
	free(a);
	free(era.refs);
}

/* --- final statements ------------------------------------------------ */

static void final_end(struct matcher *mt, const struct x_stmt *s)
{
	const struct model *m = mt->tl->tail;
	struct mmt_event ev;
	int score, i;
	int64_t leaked = (int64_t)m->end.free_start - m->end.free_end;

	if (!m->end_n) {
		match_fail_head(mt, s);
		fprintf(mt->out, "  the trace has no END record%s\n",
			m->panic_n ? " (the kernel panicked)" : "");
		if (m->panic_n && match_get(mt, m->panic_n - 1, &ev))
			match_show_event(mt, &ev, "    ");
		return;
	}
	if (s->subject == FINAL_PAGES) {
		for (i = 0; i < s->nc && match_num_holds(mt, &s->c[i], leaked);
		     i++)
			;
		if (i == s->nc)
			return;
		match_fail_head(mt, s);
		fprintf(mt->out, "  %" PRId64 " pages leaked (free at the start "
			"%u, at END %u)\n", leaked, m->end.free_start,
			m->end.free_end);
		return;
	}
	match_get(mt, m->end_n - 1, &ev);
	if (match_pattern(mt, &(struct x_pattern) { MMT_END, s->c, s->nc }, &ev,
			  &score))
		return;
	match_fail_head(mt, s);
	match_show_miss(mt, &(struct x_pattern) { MMT_END, s->c, s->nc }, ev.n,
			"END");
}

static void final_count(struct matcher *mt, const struct x_stmt *s)
{
	const struct model *m = mt->tl->tail;
	int64_t v = s->subject == FINAL_MMS	? m->nmms
		    : s->subject == FINAL_TASKS ? m->ntasks
						: (int64_t)m->lost;
	const char *what = s->subject == FINAL_MMS
				   ? "mm_structs alive (init_mm not counted)"
			   : s->subject == FINAL_TASKS
				   ? "tasks not freed (idle tasks not counted)"
				   : "events lost";
	uint32_t i;

	if (v == s->number)
		return;
	match_fail_head(mt, s);
	fprintf(mt->out, "  %" PRId64 " %s at the end\n", v, what);
	for (i = 0; s->subject == FINAL_MMS && i < m->nmm; i++)
		if ((m->mm[i].flags & M_USED) && m->mm[i].id != MMT_MM_INIT)
			fprintf(mt->out, "    mm %u (made for pid %u): users "
				"%d, count %d\n", m->mm[i].id, m->mm[i].owner,
				m->mm[i].users, m->mm[i].count);
	for (i = MODEL_MAXCPU; s->subject == FINAL_TASKS && i < m->ntask; i++)
		if (m->task[i].flags & T_USED)
			fprintf(mt->out, "    pid %u (%.16s) %s\n",
				m->task[i].pid, m->task[i].comm,
				names_of(&names_state, m->task[i].state));
}

void match_final(struct matcher *mt, const struct x_stmt *s)
{
	if (s->subject == FINAL_END || s->subject == FINAL_PAGES)
		final_end(mt, s);
	else if (s->subject == FINAL_MM)
		attrs_hold(mt, s, mt->tl->tail, SUBJ_MM, "at the end");
	else
		final_count(mt, s);
}

