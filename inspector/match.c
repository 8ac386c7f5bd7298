/*
 * match.c - the matcher of expect files, see match.h.
 *
 * A cursor (an event number, -1 before the first event) moves through the
 * trace as expect, next and violation statements find their events;
 * never, state and refs look from it without moving it; final statements
 * look at the end.  Variables bind at their first match; the bindings of
 * an event tried and rejected are undone.  When an ordered statement
 * fails, the ones after it that depend on the cursor are skipped (their
 * failures would only repeat it); the final statements still run.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "match.h"
#include "names.h"
#include "print.h"
#include "util.h"

#define UNDO_MAX	64
#define REFS_SHOWN	10	/* rows of a refs difference */

struct matcher {
	const struct expect_file *x;
	struct timeline *tl;
	struct symtab *syms;
	FILE *out;
	struct model *view;		/* for state: seeks */
	int64_t *val;			/* variables */
	uint8_t *bound;
	int undo[UNDO_MAX];		/* bound during the current trial */
	int nundo;
	int64_t cursor;			/* -1: before the first event */
	size_t vnext;			/* next violation to account for */
	int stopped;			/* line of a failed ordered statement */
	struct printer pr;
	struct match_result *r;
};

/* --- reading events ------------------------------------------------ */

static int get(struct matcher *mt, int64_t n, struct mmt_event *ev)
{
	return n >= 0 && evlog_get(mt->tl->log, n, ev) == 0;
}

static void show_event(struct matcher *mt, const struct mmt_event *ev,
		       const char *indent)
{
	fputs(indent, mt->out);
	mt->pr.n = ev->n;
	print_event(&mt->pr, ev);
}

/* --- conditions ---------------------------------------------------- */

static void undo(struct matcher *mt)
{
	while (mt->nundo)
		mt->bound[mt->undo[--mt->nundo]] = 0;
}

static int num_op(int op, int64_t a, int64_t b)
{
	switch (op) {
	case X_EQ: return a == b;
	case X_NE: return a != b;
	case X_LT: return a < b;
	case X_LE: return a <= b;
	case X_GT: return a > b;
	case X_GE: return a >= b;
	}
	return 0;
}

/* A number against the condition: binds an unbound = $variable. */
static int num_holds(struct matcher *mt, const struct x_cond *c, int64_t v)
{
	const struct x_value *w = &c->val;

	if (w->kind != V_VAR)
		return num_op(c->op, v, w->num);
	if (mt->bound[w->var])
		return num_op(c->op, v, mt->val[w->var]);
	if (c->op != X_EQ)
		return 0;
	mt->bound[w->var] = 1;
	mt->val[w->var] = v;
	if (mt->nundo < UNDO_MAX)
		mt->undo[mt->nundo++] = w->var;
	return 1;
}

static int text_holds(const struct x_cond *c, const char *s, size_t n)
{
	size_t k = strlen(c->val.str);
	int eq = n == k && !memcmp(s, c->val.str, n);

	if (c->op == X_HAS)
		return k <= n && memmem(s, n, c->val.str, k) != NULL;
	return c->op == X_NE ? !eq : eq;
}

/* caller=function: the function name of the symbol; ~ any part. */
static int caller_holds(struct matcher *mt, const struct x_cond *c,
			uint32_t addr, int is_return)
{
	const char *sym;
	size_t k;

	if (c->val.kind == V_NUM || c->val.kind == V_VAR)
		return num_holds(mt, c, addr);
	sym = mt->syms ? sym_lookup(mt->syms, addr, is_return) : NULL;
	if (!sym)
		return c->op == X_NE;
	k = strcspn(sym, "+ ");
	if (c->op == X_HAS)
		return strstr(sym, c->val.str) != NULL;
	return (k == strlen(c->val.str) && !strncmp(sym, c->val.str, k)) ==
	       (c->op == X_EQ);
}

/* A symbolic value of an `any` pattern, for field f: its number, or -1. */
static int64_t name_value(const struct field *f, const char *s)
{
	const struct flagname *fl;
	int v;

	if (f->kind == FK_ENUM) {
		v = name_parse(f->tab, s);
		if (v < 0 && f->tab == &names_op)
			v = name_parse(&names_op_2632, s);
		return v;
	}
	if (f->kind != FK_FLAGS)
		return -1;
	for (fl = f->tab; fl->name && strcmp(fl->name, s); fl++)
		;
	return fl->name ? (int64_t)fl->bit : -1;
}

static int field_holds(struct matcher *mt, const struct x_cond *c,
		       const struct field *f, const uint8_t *rec)
{
	uint64_t v = field_uint(f, rec);
	int64_t want;

	if (f->kind == FK_RET || f->kind == FK_EIP)
		return caller_holds(mt, c, v, field_is_return(f, rec));
	if (f->kind == FK_STR)
		return text_holds(c, (const char *)rec + f->off,
				  strnlen((const char *)rec + f->off, f->width));
	if (c->val.kind != V_NAME && c->val.kind != V_STR)
		return num_holds(mt, c, f->kind == FK_INT ? field_int(f, rec) :
				 (int64_t)v);
	want = c->f ? c->val.num : name_value(f, c->val.str);
	if (want < 0)
		return 0;
	if (f->kind == FK_FLAGS)
		return c->op == X_EQ ? (v & want) == (uint64_t)want :
		       (v & want) == 0;
	return num_op(c->op, v, want);
}

static int cond_holds(struct matcher *mt, const struct x_cond *c,
		      const struct mmt_event *ev, const uint8_t *rec)
{
	const struct layout *l = &layouts[ev->type];
	const struct field *f = c->f;
	const char *text;
	unsigned i;
	size_t n;

	switch (c->what) {
	case P_N:	return num_holds(mt, c, ev->n);
	case P_CPU:	return num_holds(mt, c, ev->cpu);
	case P_SEQ:	return num_holds(mt, c, ev->seq);
	}
	if (!f && l->text && !strcmp(l->text, c->name)) {
		n = decode_text(ev, mmt_types[ev->type].size, &text);
		return text_holds(c, text, n);
	}
	if (c->what == P_TEXT)
		return 0;
	for (i = 0; !f && i < l->nfields; i++)
		if (!strcmp(l->fields[i].name, c->name))
			f = &l->fields[i];
	return f ? field_holds(mt, c, f, rec) : 0;
}

/* Does ev match p?  *score: conditions that held before the first miss. */
static int match(struct matcher *mt, const struct x_pattern *p,
		 const struct mmt_event *ev, int *score)
{
	uint8_t rec[256];
	int i;

	*score = -1;
	if (p->type && ev->type != p->type)
		return 0;
	decode_copy(ev, rec, sizeof rec);
	mt->nundo = 0;
	for (i = 0; i < p->nc; i++)
		if (!cond_holds(mt, &p->c[i], ev, rec)) {
			*score = i;
			undo(mt);
			return 0;
		}
	mt->nundo = 0;
	*score = i;
	return 1;
}

/* The first event after `from` matching p (and before `to`), or -1. */
static int64_t find(struct matcher *mt, const struct x_pattern *p,
		    int64_t from, int64_t to, int64_t *closest)
{
	struct evlog_iter it;
	struct mmt_event ev;
	int score, best = -1;

	evlog_iter_init(&it, mt->tl->log, from + 1);
	while (evlog_next(&it, &ev) && (to < 0 || (int64_t)ev.n < to)) {
		if (match(mt, p, &ev, &score))
			return ev.n;
		if (closest && score > best) {
			best = score;
			*closest = ev.n;
		}
	}
	return -1;
}

/* --- failures --------------------------------------------------------- */

static void fail_head(struct matcher *mt, const struct x_stmt *s)
{
	mt->r->failed++;
	fprintf(mt->out, "FAIL %s:%d: %s\n", mt->x->path, s->line, s->src);
}

/* The variables a statement names, with their values: " ($A = 3)". */
static void show_vars(struct matcher *mt, const struct x_stmt *s)
{
	const char *p = s->src;
	size_t k;
	int v, any = 0;

	while ((p = strchr(p, '$'))) {
		k = strspn(++p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRST"
			   "UVWXYZ0123456789_");
		for (v = 0; v < (int)mt->x->nvars; v++)
			if (strlen(mt->x->vars[v]) == k &&
			    !strncmp(mt->x->vars[v], p, k) && mt->bound[v]) {
				fprintf(mt->out, "%s$%s = %" PRId64, any++ ?
					", " : " (", mt->x->vars[v],
					mt->val[v]);
				break;
			}
		p += k;
	}
	fputs(any ? ")\n" : "\n", mt->out);
}

/* Which condition of p ev fails, in words. */
static void show_miss(struct matcher *mt, const struct x_pattern *p,
		      int64_t n, const char *what)
{
	struct mmt_event ev;
	int score;

	if (!get(mt, n, &ev))
		return;
	match(mt, p, &ev, &score);
	if (score >= 0 && score < p->nc)
		fprintf(mt->out, "  %s, event %" PRIu64 ": it has all but "
			"%s%s%s\n", what, ev.n, p->c[score].name,
			(const char *[]){ "", "=", "!=", "<", "<=", ">", ">=",
					  "~" }[p->c[score].op],
			p->c[score].val.kind == V_VAR ? "$var" :
			p->c[score].val.str);
	else
		fprintf(mt->out, "  %s, event %" PRIu64 ":\n", what, ev.n);
	show_event(mt, &ev, "    ");
}

static void stop(struct matcher *mt, const struct x_stmt *s)
{
	if (!mt->stopped)
		mt->stopped = s->line;
}

/* --- ordered statements ------------------------------------------------ */

static void st_expect(struct matcher *mt, const struct x_stmt *s)
{
	int64_t n, closest = -1;

	n = find(mt, &s->p, mt->cursor, -1, &closest);
	if (n >= 0) {
		mt->cursor = n;
		return;
	}
	fail_head(mt, s);
	fprintf(mt->out, "  not found after event %" PRId64, mt->cursor);
	show_vars(mt, s);
	if (closest >= 0)
		show_miss(mt, &s->p, closest, "closest");
	stop(mt, s);
}

/* The condition cpu=... of a pattern, if it names one: its value. */
static int pattern_cpu(struct matcher *mt, const struct x_pattern *p,
		       int64_t *cpu)
{
	int i;

	for (i = 0; i < p->nc; i++)
		if (p->c[i].what == P_CPU && p->c[i].op == X_EQ &&
		    (p->c[i].val.kind == V_NUM || mt->bound[p->c[i].val.var])) {
			*cpu = p->c[i].val.kind == V_NUM ? p->c[i].val.num :
			       mt->val[p->c[i].val.var];
			return 1;
		}
	return 0;
}

static void st_next(struct matcher *mt, const struct x_stmt *s)
{
	struct evlog_iter it;
	struct mmt_event ev;
	int64_t cpu;
	int on_cpu = pattern_cpu(mt, &s->p, &cpu), score;

	evlog_iter_init(&it, mt->tl->log, mt->cursor + 1);
	while (evlog_next(&it, &ev))
		if ((!s->p.type || ev.type == s->p.type) &&
		    (!on_cpu || ev.cpu == cpu))
			break;
	if (ev.n >= evlog_count(mt->tl->log) || (int64_t)ev.n <= mt->cursor ||
	    (s->p.type && ev.type != s->p.type) || (on_cpu && ev.cpu != cpu)) {
		fail_head(mt, s);
		fprintf(mt->out, "  no %s after event %" PRId64 "\n",
			s->p.type ? mmt_type_name(s->p.type) : "event",
			mt->cursor);
		stop(mt, s);
		return;
	}
	if (match(mt, &s->p, &ev, &score)) {
		mt->cursor = ev.n;
		return;
	}
	fail_head(mt, s);
	fprintf(mt->out, "  the next %s after event %" PRId64 " does not "
		"match", s->p.type ? mmt_type_name(s->p.type) : "event",
		mt->cursor);
	show_vars(mt, s);
	show_miss(mt, &s->p, ev.n, "it is");
	stop(mt, s);
}

static void st_never(struct matcher *mt, const struct x_stmt *s)
{
	uint8_t *saved = malloc(mt->x->nvars + 1);
	int64_t to = -1, n;

	if (!saved)
		abort();
	memcpy(saved, mt->bound, mt->x->nvars);
	if (s->has_before &&
	    (to = find(mt, &s->before, mt->cursor, -1, NULL)) < 0) {
		fail_head(mt, s);
		fprintf(mt->out, "  the event after 'before' is not found "
			"after event %" PRId64, mt->cursor);
		show_vars(mt, s);
	} else if ((n = find(mt, &s->p, mt->cursor, to, NULL)) >= 0) {
		fail_head(mt, s);
		fprintf(mt->out, "  it happens at event %" PRId64, n);
		if (to >= 0)
			fprintf(mt->out, ", before event %" PRId64, to);
		show_vars(mt, s);
		show_miss(mt, &s->p, n, "that is");
	}
	memcpy(mt->bound, saved, mt->x->nvars);	/* a never binds nothing */
	free(saved);
}

/* --- state ------------------------------------------------------------ */

/* An id or a number of a statement: a literal or a bound variable. */
static int64_t id_of(struct matcher *mt, const struct x_value *v)
{
	return v->kind == V_VAR ? mt->val[v->var] : v->num;
}

static int mm_attr(const struct model *m, int64_t id, const char *a,
		   int64_t *v, char *why, size_t len)
{
	const struct mm *x = id > 0 && id < MODEL_IDS ? model_mm(m, id) : NULL;
	int freed = id > 0 && id < MODEL_IDS && model_mm_freed(m, id);

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
		      int64_t id, const struct x_cond *c, char *why, size_t len)
{
	const char *str = NULL;
	int64_t v;
	int rc;

	rc = subject == SUBJ_MM ? mm_attr(m, id, c->name, &v, why, len) :
	     subject == SUBJ_CPU ? cpu_attr(m, id, c->name, &v, why, len) :
	     task_attr(m, id, c->name, &v, &str, why, len);
	if (rc < 0)
		return 0;
	if (!strcmp(c->name, "comm"))
		return text_holds(c, str, strnlen(str, MMT_COMM_LEN)) ? 1 :
		       (snprintf(why, len, "comm is \"%.16s\"", str), 0);
	if (num_holds(mt, c, v))
		return 1;
	snprintf(why, len, "%s is %" PRId64, c->name, v);
	return 0;
}

/* Everything about a subject, for a failed state statement. */
static void show_subject(struct matcher *mt, const struct model *m,
			 int subject, int64_t id)
{
	const char *const *a = subject == SUBJ_MM ? x_attrs_mm :
			       subject == SUBJ_CPU ? x_attrs_cpu : x_attrs_task;
	const char *str = NULL;
	char why[128];
	int64_t v;
	int rc;

	fprintf(mt->out, "  %s %" PRId64 ":", subject == SUBJ_MM ? "mm" :
		subject == SUBJ_CPU ? "cpu" : "task", id);
	for (; *a; a++) {
		rc = subject == SUBJ_MM ? mm_attr(m, id, *a, &v, why, 128) :
		     subject == SUBJ_CPU ? cpu_attr(m, id, *a, &v, why, 128) :
		     task_attr(m, id, *a, &v, &str, why, 128);
		if (rc < 0) {
			fprintf(mt->out, " (%s)", why);
			break;
		}
		if (!strcmp(*a, "comm"))
			fprintf(mt->out, " comm=\"%.16s\"", str);
		else if (!strcmp(*a, "state"))
			fprintf(mt->out, " state=%s", name_of(&names_state, v));
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
		if (!attr_holds(mt, m, subject, id, &s->c[i], why,
				sizeof why)) {
			fail_head(mt, s);
			fprintf(mt->out, "  %s: %s", where, why);
			show_vars(mt, s);
			show_subject(mt, m, subject, id);
			return 0;
		}
	return 1;
}

static void st_state(struct matcher *mt, const struct x_stmt *s)
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
	int cap = 0;

	*n = 0;
	evlog_iter_init(&it, mt->tl->log, from);
	while (evlog_next(&it, &ev)) {
		if (ev.type != MMT_MM_ALLOC && ev.type != MMT_MM_REF &&
		    ev.type != MMT_MM_FREE)
			continue;
		decode_copy(&ev, &r, sizeof r);
		if (r.mm != id || (ev.type == MMT_MM_ALLOC && *n))
			continue;
		if (*n == cap && !(v = realloc(v, (cap = 2 * cap + 16) *
					       sizeof *v)))
			abort();
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
			   name_of(&names_op, op);

	if (op == REF_FREE)
		snprintf(buf, len, "free");
	else
		snprintf(buf, len, "%s %d %d%s%s", name ? name : "?", users,
			 count, reason >= 0 ? " " : "", reason >= 0 &&
			 name_of(&names_reason, reason) ?
			 name_of(&names_reason, reason) : "");
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

static void st_refs(struct matcher *mt, const struct x_stmt *s)
{
	int64_t id = id_of(mt, &s->id), from = refs_alloc(mt, id);
	struct ref_row *a;
	int na, i;

	if (from < 0) {
		fail_head(mt, s);
		fprintf(mt->out, "  mm %" PRId64 " is never allocated\n", id);
		return;
	}
	a = refs_history(mt, from, id, &na);
	for (i = 0; i < s->nrefs && i < na && row_eq(&s->refs[i], &a[i]); i++)
		;
	if (i < s->nrefs || i < na) {
		fail_head(mt, s);
		fprintf(mt->out, "  the history of mm %" PRId64 " (allocated "
			"at event %" PRId64 ") differs at its entry %d%s\n",
			id, from, i + 1, i < s->nrefs ? "" : " (more than "
			"expected)");
		refs_diff(mt, s, a, na, i);
	}
	free(a);
}

/* --- violations ---------------------------------------------------- */

static int viol_holds(struct matcher *mt, const struct x_stmt *s,
		      const struct violation *v)
{
	int i;

	if (v->rule != s->rule)
		return 0;
	mt->nundo = 0;
	for (i = 0; i < s->nc; i++) {
		const struct x_cond *c = &s->c[i];
		int64_t x = !strcmp(c->name, "mm") ? v->mm :
			    !strcmp(c->name, "cpu") ? v->cpu :
			    !strcmp(c->name, "pid") ? v->pid :
			    !strcmp(c->name, "n") ? (int64_t)v->n :
			    (int64_t)v->cause;

		if (!num_holds(mt, c, x)) {
			undo(mt);
			return 0;
		}
	}
	mt->nundo = 0;
	return 1;
}

static void unexpected(struct matcher *mt, const struct violation *v)
{
	mt->r->unexpected++;
	fprintf(mt->out, "FAIL unexpected ");
	violation_print(mt->out, v, mt->syms, "");
}

static void st_violation(struct matcher *mt, const struct x_stmt *s)
{
	const struct findings *f = &mt->tl->found;
	size_t i, k;

	for (i = mt->vnext; i < f->nv; i++)
		if ((int64_t)f->v[i].n >= mt->cursor &&
		    viol_holds(mt, s, &f->v[i]))
			break;
	if (i == f->nv) {
		fail_head(mt, s);
		fprintf(mt->out, "  the checker reported no such violation at "
			"or after event %" PRId64, mt->cursor);
		show_vars(mt, s);
		i = findings_at(f, mt->cursor < 0 ? 0 : mt->cursor);
		if (i < f->nv)
			fprintf(mt->out, "  it reported%s:\n", f->nv - i > 3 ?
				" (the first 3)" : "");
		for (k = i; k < f->nv && k < i + 3; k++)
			violation_print(mt->out, &f->v[k], mt->syms, "    ");
		stop(mt, s);
		return;
	}
	for (k = mt->vnext; k < i; k++)
		unexpected(mt, &f->v[k]);
	mt->vnext = i + 1;
	mt->cursor = f->v[i].n;
	mt->r->expected++;
}

/* --- final statements ------------------------------------------------ */

static void final_end(struct matcher *mt, const struct x_stmt *s)
{
	const struct model *m = mt->tl->tail;
	struct mmt_event ev;
	int score, i;
	int64_t leaked = (int64_t)m->end.free_start - m->end.free_end;

	if (!m->end_n) {
		fail_head(mt, s);
		fprintf(mt->out, "  the trace has no END record%s\n",
			m->panic_n ? " (the kernel panicked)" : "");
		if (m->panic_n && get(mt, m->panic_n - 1, &ev))
			show_event(mt, &ev, "    ");
		return;
	}
	if (s->subject == F_PAGES) {
		for (i = 0; i < s->nc && num_holds(mt, &s->c[i], leaked); i++)
			;
		if (i == s->nc)
			return;
		fail_head(mt, s);
		fprintf(mt->out, "  %" PRId64 " pages leaked (free at the start "
			"%u, at END %u)\n", leaked, m->end.free_start,
			m->end.free_end);
		return;
	}
	get(mt, m->end_n - 1, &ev);
	if (match(mt, &(struct x_pattern) { MMT_END, s->c, s->nc }, &ev,
		  &score))
		return;
	fail_head(mt, s);
	show_miss(mt, &(struct x_pattern) { MMT_END, s->c, s->nc }, ev.n,
		  "END");
}

static void final_count(struct matcher *mt, const struct x_stmt *s)
{
	const struct model *m = mt->tl->tail;
	int64_t v = s->subject == F_MMS ? m->nmms : s->subject == F_TASKS ?
		    m->ntasks : (int64_t)m->lost;
	const char *what = s->subject == F_MMS ? "mm_structs alive (init_mm "
			   "not counted)" : s->subject == F_TASKS ? "tasks not "
			   "freed (idle tasks not counted)" : "events lost";
	uint32_t i;

	if (v == s->number)
		return;
	fail_head(mt, s);
	fprintf(mt->out, "  %" PRId64 " %s at the end\n", v, what);
	for (i = 0; s->subject == F_MMS && i < m->nmm; i++)
		if ((m->mm[i].flags & M_USED) && m->mm[i].id != MMT_MM_INIT)
			fprintf(mt->out, "    mm %u (made for pid %u): users "
				"%d, count %d\n", m->mm[i].id, m->mm[i].owner,
				m->mm[i].users, m->mm[i].count);
	for (i = MODEL_MAXCPU; s->subject == F_TASKS && i < m->ntask; i++)
		if (m->task[i].flags & T_USED)
			fprintf(mt->out, "    pid %u (%.16s) %s\n",
				m->task[i].pid, m->task[i].comm,
				name_of(&names_state, m->task[i].state));
}

static void st_final(struct matcher *mt, const struct x_stmt *s)
{
	if (s->subject == F_END || s->subject == F_PAGES)
		final_end(mt, s);
	else if (s->subject == F_MM)
		attrs_hold(mt, s, mt->tl->tail, SUBJ_MM, "at the end");
	else
		final_count(mt, s);
}

/* --- the run ------------------------------------------------------------ */

/* Does s use a variable that is not bound (its binder failed)? */
static int unbound_use(struct matcher *mt, const struct x_stmt *s)
{
	const struct x_cond *lists[] = { s->p.c, s->before.c, s->c };
	const int counts[] = { s->p.nc, s->before.nc, s->nc };
	int i, k;

	if ((s->kind == S_STATE || s->kind == S_REFS ||
	     (s->kind == S_FINAL && s->subject == F_MM)) &&
	    s->id.kind == V_VAR && !mt->bound[s->id.var])
		return 1;
	for (k = 0; k < 3; k++)
		for (i = 0; i < counts[k]; i++)
			if (lists[k][i].val.kind == V_VAR &&
			    lists[k][i].op != X_EQ &&
			    !mt->bound[lists[k][i].val.var])
				return 1;
	return 0;
}

static void statement(struct matcher *mt, const struct x_stmt *s)
{
	mt->r->statements++;
	if ((mt->stopped && s->kind != S_FINAL) || unbound_use(mt, s)) {
		mt->r->skipped++;
		fprintf(mt->out, "skip %s:%d: %s (%s)\n", mt->x->path, s->line,
			s->src, mt->stopped && s->kind != S_FINAL ?
			"after the failure above" : "a variable it uses is "
			"not bound: its statement failed");
		return;
	}
	switch (s->kind) {
	case S_EXPECT:		st_expect(mt, s); break;
	case S_NEXT:		st_next(mt, s); break;
	case S_NEVER:		st_never(mt, s); break;
	case S_STATE:		st_state(mt, s); break;
	case S_REFS:		st_refs(mt, s); break;
	case S_VIOLATION:	st_violation(mt, s); break;
	default:		st_final(mt, s);
	}
}

int match_run(const struct expect_file *x, struct timeline *tl,
	      struct symtab *syms, FILE *out, struct match_result *r)
{
	struct matcher mt = { .x = x, .tl = tl, .syms = syms, .out = out,
			      .cursor = -1, .r = r };
	struct mmt_event ev;
	size_t i;

	memset(r, 0, sizeof *r);
	mt.view = model_new();
	mt.val = calloc(x->nvars + 1, sizeof *mt.val);
	mt.bound = calloc(x->nvars + 1, 1);
	if (!mt.view || !mt.val || !mt.bound)
		abort();
	mt.pr = (struct printer) { .out = out, .syms = syms,
				   .tsc_khz = tl->tail->tsc_khz };
	if (get(&mt, 0, &ev)) {
		mt.pr.have_t0 = 1;
		mt.pr.t0 = ev.ts;
	}
	for (i = 0; i < x->nst; i++)
		statement(&mt, &x->st[i]);
	for (i = mt.vnext; i < tl->found.nv; i++) {
		if (mt.stopped && x->violations) {
			fprintf(out, "note: %zu violations after the failure "
				"above were not judged\n", tl->found.nv - i);
			break;
		}
		unexpected(&mt, &tl->found.v[i]);
	}
	model_free(mt.view);
	free(mt.val);
	free(mt.bound);
	return r->failed || r->unexpected || (mt.stopped && x->violations &&
					      mt.vnext < tl->found.nv) ?
	       EXIT_FAIL : EXIT_OK;
}
