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
#include "model/checker.h"
#include "model/lives.h"
#include "expect/match_int.h"
#include "trace/names.h"
#include "util/util.h"

/* --- reading events ------------------------------------------------ */

int match_get(struct matcher *mt, int64_t n, struct mmt_event *ev)
{
	return n >= 0 && evlog_get(mt->tl->log, n, ev) == 0;
}

void match_show_event(struct matcher *mt, const struct mmt_event *ev,
		       const char *indent)
{
	fputs(indent, mt->out);
	mt->pr.n = ev->n;
	print_event(&mt->pr, ev);
}

/* --- conditions ---------------------------------------------------- */

void match_undo(struct matcher *mt)
{
	while (mt->nundo)
		mt->bound[mt->undo[--mt->nundo]] = 0;
}

static int num_op(int op, int64_t a, int64_t b)
{
	switch (op) {
	case CMP_EQ: return a == b;
	case CMP_NE: return a != b;
	case CMP_LT: return a < b;
	case CMP_LE: return a <= b;
	case CMP_GT: return a > b;
	case CMP_GE: return a >= b;
	}
	return 0;
}

/* A number against the condition: binds an unbound = $variable. */
int match_num_holds(struct matcher *mt, const struct x_cond *c, int64_t v)
{
	const struct x_value *w = &c->val;

	if (w->kind != VAL_VAR)
		return num_op(c->op, v, w->num);
	if (mt->bound[w->var])
		return num_op(c->op, v, mt->val[w->var]);
	if (c->op != CMP_EQ)
		return 0;
	mt->bound[w->var] = 1;
	mt->val[w->var] = v;
	if (mt->nundo < UNDO_MAX)
		mt->undo[mt->nundo++] = w->var;
	return 1;
}

int match_text_holds(const struct x_cond *c, const char *s, size_t n)
{
	size_t k = strlen(c->val.str);
	int eq = n == k && !memcmp(s, c->val.str, n);

	if (c->op == CMP_HAS)
		return k <= n && memmem(s, n, c->val.str, k) != NULL;
	return c->op == CMP_NE ? !eq : eq;
}

/* caller=function: the function name of the symbol; ~ any part. */
static int caller_holds(struct matcher *mt, const struct x_cond *c,
			uint32_t addr, int is_return)
{
	const char *sym;
	size_t k;

	if (c->val.kind == VAL_NUM || c->val.kind == VAL_VAR)
		return match_num_holds(mt, c, addr);
	sym = mt->syms ? sym_lookup(mt->syms, addr, is_return) : NULL;
	if (!sym)
		return c->op == CMP_NE;
	k = strcspn(sym, "+ ");
	if (c->op == CMP_HAS)
		return strstr(sym, c->val.str) != NULL;
	return (k == strlen(c->val.str) && !strncmp(sym, c->val.str, k)) ==
	       (c->op == CMP_EQ);
}

/* A symbolic value of an `any` pattern, for field f: its number, or -1. */
static int64_t name_value(const struct field *f, const char *s)
{
	const struct flagname *fl;
	int v;

	if (f->kind == FK_ENUM) {
		v = names_parse(f->tab, s);
		if (v < 0 && f->tab == &names_op)
			v = names_parse(&names_op_2632, s);
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
		return match_text_holds(
			c, (const char *)rec + f->off,
			strnlen((const char *)rec + f->off, f->width));
	if (c->val.kind != VAL_NAME && c->val.kind != VAL_STR)
		return match_num_holds(mt, c,
				       f->kind == FK_INT ? field_int(f, rec)
							 : (int64_t)v);
	want = c->f ? c->val.num : name_value(f, c->val.str);
	if (want < 0)
		return 0;
	if (f->kind == FK_FLAGS)
		return c->op == CMP_EQ ? (v & want) == (uint64_t)want :
		       (v & want) == 0;
	return num_op(c->op, v, want);
}

/* An mm field against an mm_struct's name (3.2): its id, and the life
 * of that id the event names (model/lives.h). */
static int life_holds(struct matcher *mt, const struct x_cond *c,
		      const struct mmt_event *ev, const struct field *f,
		      const uint8_t *rec)
{
	unsigned id = field_uint(f, rec);
	const struct life *l = life_at(&mt->tl->lives, id, ev->n);
	int same = id == c->val.num && (l ? l->gen : 1) == c->val.life;

	return c->op == CMP_NE ? !same : same;
}

static int cond_holds(struct matcher *mt, const struct x_cond *c,
		      const struct mmt_event *ev, const uint8_t *rec)
{
	const struct layout *l = &field_layouts[ev->type];
	const struct field *f = c->f;
	const char *text;
	unsigned i;
	size_t n;

	switch (c->what) {
	case COND_N:	return match_num_holds(mt, c, ev->n);
	case COND_CPU:	return match_num_holds(mt, c, ev->cpu);
	case COND_SEQ:	return match_num_holds(mt, c, ev->seq);
	}
	if (!f && l->text && !strcmp(l->text, c->name)) {
		n = decode_text(ev, mmt_types[ev->type].size, &text);
		return match_text_holds(c, text, n);
	}
	if (c->what == COND_TEXT)
		return 0;
	for (i = 0; !f && i < l->nfields; i++)
		if (!strcmp(l->fields[i].name, c->name))
			f = &l->fields[i];
	if (f && c->val.life && field_is_mm(f))
		return life_holds(mt, c, ev, f, rec);
	return f ? field_holds(mt, c, f, rec) : 0;
}

/* Does ev match p?  *score: conditions that held before the first miss. */
int match_pattern(struct matcher *mt, const struct x_pattern *p,
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
			match_undo(mt);
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
		if (match_pattern(mt, p, &ev, &score))
			return ev.n;
		if (closest && score > best) {
			best = score;
			*closest = ev.n;
		}
	}
	return -1;
}

/* --- failures --------------------------------------------------------- */

void match_fail_head(struct matcher *mt, const struct x_stmt *s)
{
	mt->r->failed++;
	fprintf(mt->out, "FAIL %s:%d: %s\n", mt->x->path, s->line, s->src);
}

/* The variables a statement names, with their values: " ($A = 3)". */
void match_show_vars(struct matcher *mt, const struct x_stmt *s)
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
void match_show_miss(struct matcher *mt, const struct x_pattern *p,
		      int64_t n, const char *what)
{
	struct mmt_event ev;
	int score;

	if (!match_get(mt, n, &ev))
		return;
	match_pattern(mt, p, &ev, &score);
	if (score >= 0 && score < p->nc)
		fprintf(mt->out, "  %s, event %" PRIu64 ": it has all but "
			"%s%s%s\n", what, ev.n, p->c[score].name,
			(const char *[]){ "", "=", "!=", "<", "<=", ">", ">=",
					  "~" }[p->c[score].op],
			p->c[score].val.kind == VAL_VAR ? "$var" :
			p->c[score].val.str);
	else
		fprintf(mt->out, "  %s, event %" PRIu64 ":\n", what, ev.n);
	match_show_event(mt, &ev, "    ");
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
	match_fail_head(mt, s);
	fprintf(mt->out, "  not found after event %" PRId64, mt->cursor);
	match_show_vars(mt, s);
	if (closest >= 0)
		match_show_miss(mt, &s->p, closest, "closest");
	stop(mt, s);
}

/* The condition cpu=... of a pattern, if it names one: its value. */
static int pattern_cpu(struct matcher *mt, const struct x_pattern *p,
		       int64_t *cpu)
{
	int i;

	for (i = 0; i < p->nc; i++)
		if (p->c[i].what == COND_CPU && p->c[i].op == CMP_EQ &&
		    (p->c[i].val.kind == VAL_NUM ||
		     mt->bound[p->c[i].val.var])) {
			*cpu = p->c[i].val.kind == VAL_NUM ? p->c[i].val.num :
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
		match_fail_head(mt, s);
		fprintf(mt->out, "  no %s after event %" PRId64 "\n",
			s->p.type ? mmt_type_name(s->p.type) : "event",
			mt->cursor);
		stop(mt, s);
		return;
	}
	if (match_pattern(mt, &s->p, &ev, &score)) {
		mt->cursor = ev.n;
		return;
	}
	match_fail_head(mt, s);
	fprintf(mt->out, "  the next %s after event %" PRId64 " does not "
		"match", s->p.type ? mmt_type_name(s->p.type) : "event",
		mt->cursor);
	match_show_vars(mt, s);
	match_show_miss(mt, &s->p, ev.n, "it is");
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
		match_fail_head(mt, s);
		fprintf(mt->out, "  the event after 'before' is not found "
			"after event %" PRId64, mt->cursor);
		match_show_vars(mt, s);
	} else if ((n = find(mt, &s->p, mt->cursor, to, NULL)) >= 0) {
		match_fail_head(mt, s);
		fprintf(mt->out, "  it happens at event %" PRId64, n);
		if (to >= 0)
			fprintf(mt->out, ", before event %" PRId64, to);
		match_show_vars(mt, s);
		match_show_miss(mt, &s->p, n, "that is");
	}
	memcpy(mt->bound, saved, mt->x->nvars);	/* a never binds nothing */
	free(saved);
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
			    (int64_t)v->cause.n;

		if (!match_num_holds(mt, c, x)) {
			match_undo(mt);
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
		match_fail_head(mt, s);
		fprintf(mt->out, "  the checker reported no such violation at "
			"or after event %" PRId64, mt->cursor);
		match_show_vars(mt, s);
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

/* --- the run ------------------------------------------------------------ */

/* Does s use a variable that is not bound (its binder failed)? */
static int unbound_use(struct matcher *mt, const struct x_stmt *s)
{
	const struct x_cond *lists[] = { s->p.c, s->before.c, s->c };
	const int counts[] = { s->p.nc, s->before.nc, s->nc };
	int i, k;

	if ((s->kind == STMT_STATE || s->kind == STMT_REFS ||
	     (s->kind == STMT_FINAL && s->subject == FINAL_MM)) &&
	    s->id.kind == VAL_VAR && !mt->bound[s->id.var])
		return 1;
	for (k = 0; k < 3; k++)
		for (i = 0; i < counts[k]; i++)
			if (lists[k][i].val.kind == VAL_VAR &&
			    lists[k][i].op != CMP_EQ &&
			    !mt->bound[lists[k][i].val.var])
				return 1;
	return 0;
}

/*
 * Does a statement or refs entry with these prefixes (era: MMT_ERA_*, 0
 * any; cpus: CPUS_UP, CPUS_SMP, 0 any) hold for this trace?  The CPU count is
 * the stream header's, else the CPUs the trace has shown.
 */
int match_holds_here(struct matcher *mt, int era, int cpus)
{
	const struct model *m = mt->tl->tail;
	unsigned ncpu = m->stream_ncpu ? m->stream_ncpu : m->ncpu;

	if (era && era != m->era)
		return 0;
	return !cpus || (cpus == CPUS_UP) == (ncpu <= 1);
}

static void statement(struct matcher *mt, const struct x_stmt *s)
{
	if (!match_holds_here(mt, s->era, s->cpus))
		return;		/* written for another era or CPU count */
	mt->r->statements++;
	if ((mt->stopped && s->kind != STMT_FINAL) || unbound_use(mt, s)) {
		mt->r->skipped++;
		fprintf(mt->out, "skip %s:%d: %s (%s)\n", mt->x->path, s->line,
			s->src, mt->stopped && s->kind != STMT_FINAL ?
			"after the failure above" : "a variable it uses is "
			"not bound: its statement failed");
		return;
	}
	switch (s->kind) {
	case STMT_EXPECT:		st_expect(mt, s); break;
	case STMT_NEXT:		st_next(mt, s); break;
	case STMT_NEVER:		st_never(mt, s); break;
	case STMT_STATE:		match_state(mt, s); break;
	case STMT_REFS:		match_refs(mt, s); break;
	case STMT_VIOLATION:	st_violation(mt, s); break;
	default:		match_final(mt, s);
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
	if (match_get(&mt, 0, &ev)) {
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
