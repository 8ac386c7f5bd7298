/*
 * parse_stmt.c - the statements of expect files: header, expect, next, never,
 * state, refs, violation, final; see parse.h and samples/EXPECT.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/checker.h"
#include "mmtrace.h"
#include "expect/parse.h"
#include "util/array.h"
#include "util/util.h"

/* --- statements ----------------------------------------------------- */

static int header_ok(struct parser *p, int min_args)
{
	if (p->asserted)
		return parse_fail(p, "expected '%s' before the first assertion",
				  p->tok[0]);
	if (p->ntok - 1 < min_args)
		return parse_fail(p, "expected %s after '%s'", min_args > 1 ?
				  "more" : "a value", p->tok[0]);
	return 0;
}

int parse_one_of(struct parser *p, const struct nametab *t, const char *s,
		  const char *what)
{
	char list[256];

	if (names_parse(t, s) >= 0)
		return 0;
	return parse_fail(p, "expected %s (%s), not '%s'", what,
			  names_list(list, sizeof list, t, ", ", 0), s);
}

static int option_kv(struct parser *p, const char *kv)
{
	const char *eq = strchr(kv, '=');
	unsigned long n;
	char *end;

	if (!eq || eq == kv)
		return parse_fail(
			p, "expected KEY=VALUE after 'option', not '%s'", kv);
	if (!strncmp(kv, "era=", 4))
		return parse_one_of(p, &names_era, eq + 1, "an era");
	if (!strncmp(kv, "bug=", 4))
		return parse_one_of(p, &names_bug, eq + 1, "a fault");
	if (!strncmp(kv, "trace=", 6))
		return strcmp(eq + 1, "lossless") && strcmp(eq + 1, "overflow")
			       ? parse_fail(p,
					    "expected trace=lossless or "
					    "trace=overflow, not '%s'",
					    kv)
			       : 0;
	if (!strncmp(kv, "transport=", 10))
		return strcmp(eq + 1, "com2") && strcmp(eq + 1, "virtio") ?
		       parse_fail(p, "expected transport=com2 or "
				  "transport=virtio, not '%s'", kv) : 0;
	if (!strncmp(kv, "seed=", 5))
		return util_parse_ulong(eq + 1, 0, 4294967295ul, &n) ?
		       parse_fail(p, "expected a number from 0 to 4294967295 "
				  "in '%s'", kv) : 0;
	if (strncmp(kv, "smp=", 4) && strncmp(kv, "count=", 6))
		return parse_fail(p,
				  "expected an option smp=, era=, bug=, count=, "
				  "seed=, trace= or transport=, not '%s'",
				  kv);
	n = strtoul(eq + 1, &end, 10);
	if (!eq[1] || *end || n < 1 || (kv[0] == 's' && n > 8))
		return parse_fail(p, "expected a number%s in '%s'",
				  kv[0] == 's' ? " from 1 to 8" : "", kv);
	return 0;
}

static int header(struct parser *p)
{
	struct expect_file *x = p->x;
	const char *k = p->tok[0];
	unsigned long n;
	char *end;
	int i, e;

	if (header_ok(p, 1) < 0)
		return -1;
	if (!strcmp(k, "scenario") || !strcmp(k, "bug")) {
		if (p->ntok > 2)
			return parse_fail(
				p, "expected one name after '%s', not '%s'", k,
				p->tok[2]);
		if (k[0] == 'b' &&
		    parse_one_of(p, &names_bug, p->tok[1], "a fault"))
			return -1;
		if (*(k[0] == 's' ? &x->scenario : &x->bug))
			return parse_fail(p, "expected one '%s' line in a "
					  "file, not a second: '%s'", k,
					  p->tok[1]);
		*(k[0] == 's' ? &x->scenario : &x->bug) =
			util_strdup(p->tok[1]);
		return 0;
	}
	for (i = 1; i < p->ntok; i++) {
		if (k[0] == 'o') {
			if (option_kv(p, p->tok[i]) < 0)
				return -1;
			x->options = util_array_grow(x->options,
						     &x->options_cap,
						     x->noptions + 1,
						     sizeof *x->options);
			x->options[x->noptions++] = util_strdup(p->tok[i]);
		} else if (k[0] == 'e') {
			if ((e = names_parse(&names_era, p->tok[i])) < 0)
				return parse_one_of(p, &names_era, p->tok[i],
						    "an era");
			x->eras |= 1u << e;
		} else {
			n = strtoul(p->tok[i], &end, 10);
			if (*end || n < 1 || n > 8)
				return parse_fail(p,
						  "expected a CPU count from 1 "
						  "to 8, not '%s'",
						  p->tok[i]);
			x->cpus |= 1u << n;
		}
	}
	return 0;
}

static struct x_stmt *new_stmt(struct parser *p, int kind)
{
	struct expect_file *x = p->x;
	struct x_stmt *s;
	size_t at = 0, len = 1;
	int i;

	x->st = util_array_grow(x->st, &x->st_cap, x->nst + 1, sizeof *x->st);
	s = &x->st[x->nst++];
	s->kind = kind;
	s->line = p->line;
	for (i = 0; i < p->ntok; i++)	/* the words, a blank apart */
		len += strlen(p->tok[i]) + 1;
	s->src = util_calloc(len, 1);
	for (i = 0; i < p->ntok; i++)
		at += snprintf(s->src + at, len - at, "%s%s", i ? " " : "",
			       p->tok[i]);
	p->asserted = 1;
	return s;
}

static int st_pattern(struct parser *p, int kind)
{
	struct x_stmt *s = new_stmt(p, kind);
	size_t saved = p->bound_cap;	/* the pattern may grow p->bound */
	uint8_t *save = NULL;
	int before = 0, i, rc;

	if (kind == STMT_NEVER) {		/* a never binds nothing */
		save = util_calloc(saved + 1, 1);
		if (saved)
			memcpy(save, p->bound, saved);
		for (i = 1; i < p->ntok; i++)
			if (!strcmp(p->tok[i], "before"))
				before = i;
	}
	rc = parse_pattern(p, 1, before ? before : p->ntok, &s->p, p->tok[0]);
	if (rc == 0 && before) {
		s->has_before = 1;
		rc = parse_pattern(p, before + 1, p->ntok, &s->before,
				   "before");
	}
	if (save && p->bound_cap) {	/* what the trial bound, unbound */
		memset(p->bound, 0, p->bound_cap);
		memcpy(p->bound, save, saved);
	}
	free(save);
	return rc;
}

/* An id: a number or a bound variable. */
static int subject_id(struct parser *p, int i, struct x_value *v,
		      const char *what)
{
	if (i >= p->ntok)
		return parse_fail(p, "expected %s after '%s'", what,
				  p->tok[i - 1]);
	if (parse_value(p, p->tok[i], 0, v, what) < 0)
		return -1;
	if (v->kind != VAL_NUM && v->kind != VAL_VAR)
		return parse_fail(
			p,
			"expected %s (a number or a bound $variable), not '%s'",
			what, p->tok[i]);
	if (v->life && strcmp(what, "mm") && strcmp(what, "an mm"))
		return parse_fail(p, "expected %s (a number or a bound "
				  "$variable; %s names an mm_struct), not "
				  "'%s'", what, p->tok[i], p->tok[i]);
	return 0;
}

/* State attributes from token i on, for subject (SUBJ_MM, SUBJ_CPU or
 * SUBJ_TASK). */
static int attrs(struct parser *p, struct x_stmt *s, int i, int subject)
{
	const char *const *names = subject == SUBJ_MM ? parse_attrs_mm :
				   subject == SUBJ_CPU ? parse_attrs_cpu :
				   parse_attrs_task;
	char list[256];
	size_t at;
	int k, a;

	s->nc = p->ntok - i;
	s->c = util_calloc(s->nc, sizeof *s->c);
	for (k = 0; k < s->nc; k++) {
		struct x_cond *c = &s->c[k];

		if (parse_cond(p, p->tok[i + k], c) < 0)
			return -1;
		for (a = 0; names[a] && strcmp(names[a], c->name); a++)
			;
		for (at = 0, list[0] = 0; !names[a] && names[at]; at++)
			snprintf(list + strlen(list), sizeof list - strlen(list),
				 "%s%s", at ? ", " : "", names[at]);
		if (!names[a])
			return parse_fail(
				p, "expected an attribute of %s (%s), not '%s'",
				subject == SUBJ_MM    ? "an mm"
				: subject == SUBJ_CPU ? "a cpu"
						      : "a task",
				list, c->name);
		if (subject == SUBJ_TASK && !strcmp(c->name, "comm")) {
			if (parse_want_text(p, c) < 0)
				return -1;
		} else if (subject == SUBJ_TASK && !strcmp(c->name, "state") &&
			   c->val.kind == VAL_NAME) {
			if ((c->val.num = names_parse(&names_state,
						      c->val.str)) < 0)
				return parse_one_of(p, &names_state, c->val.str,
						    "a task state");
		} else if (parse_want_number(p, c) < 0 || c->op == CMP_HAS) {
			return c->op == CMP_HAS
				       ? parse_fail(
						 p,
						 "expected a number comparison "
						 "for %s, not '~'",
						 c->name)
				       : -1;
		}
	}
	return 0;
}

static int st_state(struct parser *p)
{
	struct x_stmt *s = new_stmt(p, STMT_STATE);
	const char *w = p->ntok > 1 ? p->tok[1] : "nothing";

	s->subject = !strcmp(w, "mm") ? SUBJ_MM : !strcmp(w, "cpu") ?
		     SUBJ_CPU : !strcmp(w, "task") ? SUBJ_TASK : 0;
	if (!s->subject)
		return parse_fail(
			p, "expected mm, cpu or task after 'state', not '%s'",
			w);
	if (subject_id(p, 2, &s->id, w) < 0)
		return -1;
	if (p->ntok < 4)
		return parse_fail(p, "expected at least one attribute after "
				  "'state %s %s'", w, p->tok[2]);
	return attrs(p, s, 3, s->subject);
}

static int st_violation(struct parser *p)
{
	struct x_stmt *s = new_stmt(p, STMT_VIOLATION);
	char list[512];
	size_t at = 0;
	int k, r;

	p->x->violations = 1;
	if (p->ntok < 2 || !(s->rule = check_rule_parse(p->tok[1]))) {
		for (r = 1; r <= RULE_MAX; r++)
			at += snprintf(list + at, sizeof list - at, "%s%s",
				       r > 1 ? ", " : "", check_rules[r].name);
		return parse_fail(p, "expected a rule (%s), not '%s'", list,
				  p->ntok < 2 ? "nothing" : p->tok[1]);
	}
	s->nc = p->ntok - 2;
	s->c = util_calloc(s->nc, sizeof *s->c);
	for (k = 0; k < s->nc; k++) {
		struct x_cond *c = &s->c[k];

		if (parse_cond(p, p->tok[2 + k], c) < 0)
			return -1;
		if (strcmp(c->name, "mm") && strcmp(c->name, "cpu") &&
		    strcmp(c->name, "pid") && strcmp(c->name, "n") &&
		    strcmp(c->name, "cause"))
			return parse_fail(p,
					  "expected mm, cpu, pid, n or cause "
					  "after the rule, not '%s'",
					  c->name);
		if (parse_want_number(p, c) < 0)
			return -1;
	}
	return 0;
}

static int st_final(struct parser *p)
{
	static const char *const kinds[] = { "end", "mms", "tasks", "pages",
					     "mm", "lost", NULL };
	struct x_stmt *s = new_stmt(p, STMT_FINAL);
	const char *w = p->ntok > 1 ? p->tok[1] : "nothing";
	int k, i;
	char *end;

	for (k = 0; kinds[k] && strcmp(kinds[k], w); k++)
		;
	if (!kinds[k])
		return parse_fail(p,
				  "expected end, mms, tasks, pages, mm or lost "
				  "after 'final', not '%s'",
				  w);
	s->subject = FINAL_END + k;
	if (s->subject == FINAL_MMS || s->subject == FINAL_TASKS ||
	    s->subject == FINAL_LOST) {
		if (p->ntok != 3)
			return parse_fail(
				p, "expected one number after 'final %s'%s", w,
				p->ntok > 3 ? ", not more" : "");
		s->number = strtoll(p->tok[2], &end, 0);
		return *end ? parse_fail(p,
					 "expected a number after 'final %s', "
					 "not '%s'",
					 w, p->tok[2])
			    : 0;
	}
	if (s->subject == FINAL_MM) {
		if (subject_id(p, 2, &s->id, "mm") < 0)
			return -1;
		for (i = 3; i < p->ntok; i++)	/* freed, alive: words */
			if (!strcmp(p->tok[i], "freed") ||
			    !strcmp(p->tok[i], "alive"))
				p->tok[i] = p->tok[i][0] == 'f' ? "freed=1" :
					    "freed=0";
		if (p->ntok < 4)
			return parse_fail(p,
					  "expected freed, alive or an "
					  "attribute after 'final mm %s'",
					  p->tok[2]);
		return attrs(p, s, 3, SUBJ_MM);
	}
	s->nc = p->ntok - 2;
	s->c = util_calloc(s->nc, sizeof *s->c);
	for (k = 0; k < s->nc; k++) {
		if (parse_cond(p, p->tok[2 + k], &s->c[k]) < 0)
			return -1;
		if (s->subject == FINAL_PAGES && strcmp(s->c[k].name, "leaked"))
			return parse_fail(
				p,
				"expected leaked after 'final pages', not '%s'",
				s->c[k].name);
		if (s->subject == FINAL_PAGES ? parse_want_number(p, &s->c[k]) :
		    parse_cond_typed(p, MMT_END, &s->c[k]))
			return -1;
	}
	return 0;
}

/*
 * Prefixes in front of a statement or a refs entry, each a word ending in
 * ':': an era ("2.6.32:", "modern:"), the statement holds only for traces
 * of that era; "up:" or "smp:", it holds only for traces of one CPU or of
 * several.  Drops the words and sets *era (0: every era) and *cpus
 * (0: any, CPUS_UP, CPUS_SMP); -1 on a bad one.
 */
static int prefixes(struct parser *p, int *era, int *cpus)
{
	size_t n;
	char name[16];
	int e;

	*era = *cpus = 0;
	while ((n = strlen(p->tok[0])) >= 2 && p->tok[0][n - 1] == ':') {
		if (n > sizeof name)
			return parse_fail(p,
					  "expected an era, up or smp before "
					  "':', not '%s'",
					  p->tok[0]);
		memcpy(name, p->tok[0], n - 1);
		name[n - 1] = '\0';
		if (!strcmp(name, "up") || !strcmp(name, "smp")) {
			if (*cpus)
				return parse_fail(p, "expected one of up: and "
						     "smp:, not both");
			*cpus = name[0] == 'u' ? CPUS_UP : CPUS_SMP;
		} else if ((e = names_parse(&names_era, name)) <= 0) {
			return parse_one_of(p, &names_era, name,
					    "an era, up or smp before ':'");
		} else if (*era) {
			return parse_fail(
				p, "expected one era before ':', not two");
		} else {
			*era = e;
		}
		if (p->ntok < 2)
			return parse_fail(p, "expected a statement after '%s'",
					  p->tok[0]);
		memmove(p->tok, p->tok + 1, (p->ntok - 1) * sizeof p->tok[0]);
		p->ntok--;
	}
	return 0;
}

/* One line of an open refs block. */
static int refs_line(struct parser *p, int era, int cpus)
{
	struct x_stmt *s = p->refs;
	struct x_ref *r;
	const char *w = p->tok[0];
	char *end;
	int op, i;

	if (!strcmp(w, "end")) {
		if (era || cpus)
			return parse_fail(p, "expected a refs entry after the "
					     "prefix, not 'end'");
		if (p->ntok > 1)
			return parse_fail(
				p, "expected nothing after 'end', not '%s'",
				p->tok[1]);
		p->refs = NULL;
		return 0;
	}
	op = !strcmp(w, "alloc") ? REF_ALLOC : !strcmp(w, "free") ? REF_FREE :
	     names_parse(&names_op, w);
	if (op < 0 && w[0] == '"') {
		char *u = parse_unquote(w);

		op = names_parse(&names_op_2632, u);
		free(u);
	}
	if (op <= 0)
		return parse_fail(p,
				  "expected alloc, free, mmget, mmput, mmgrab, "
				  "mmdrop or end in the refs block, not '%s'",
				  w);
	s->refs = util_array_grow(s->refs, &s->refs_cap, s->nrefs + 1,
				  sizeof *s->refs);
	r = &s->refs[s->nrefs++];
	r->op = op;
	r->era = era;
	r->cpus = cpus;
	r->line = p->line;
	r->reason = -1;
	if (op == REF_FREE)
		return p->ntok > 1 ? parse_fail(p,
						"expected nothing after "
						"'free', not '%s'",
						p->tok[1])
				   : 0;
	if (p->ntok < 3 || p->ntok > (op == REF_ALLOC ? 3 : 4))
		return parse_fail(p,
				  "expected mm_users and mm_count%s after '%s'",
				  op == REF_ALLOC ? "" : " (and a reason)", w);
	for (i = 1; i < 3; i++) {
		*(i == 1 ? &r->users : &r->count) = strtol(p->tok[i], &end, 0);
		if (*end || !*p->tok[i])
			return parse_fail(p,
					  "expected a number for mm_%s after "
					  "'%s', not '%s'",
					  i == 1 ? "users" : "count", w,
					  p->tok[i]);
	}
	if (p->ntok == 4 && (r->reason = names_parse(&names_reason,
						     p->tok[3])) < 0)
		return parse_one_of(p, &names_reason, p->tok[3], "a reason");
	return 0;
}

static int statement1(struct parser *p);

int parse_statement(struct parser *p)
{
	int era, cpus;
	size_t first = p->x->nst;

	if (prefixes(p, &era, &cpus) < 0)
		return -1;
	if (p->refs)
		return refs_line(p, era, cpus);
	if ((era || cpus) &&
	    (!strcmp(p->tok[0], "scenario") || !strcmp(p->tok[0], "option") ||
	     !strcmp(p->tok[0], "eras") || !strcmp(p->tok[0], "cpus") ||
	     !strcmp(p->tok[0], "bug")))
		return parse_fail(p,
				  "expected an assertion after the prefix, not "
				  "the header statement '%s'",
				  p->tok[0]);
	if (statement1(p) < 0)
		return -1;
	if (p->x->nst > first) {
		p->x->st[first].era = era;
		p->x->st[first].cpus = cpus;
	}
	return 0;
}

static int statement1(struct parser *p)
{
	const char *k = p->tok[0];
	struct x_stmt *s;
	if (!strcmp(k, "scenario") || !strcmp(k, "option") ||
	    !strcmp(k, "eras") || !strcmp(k, "cpus") || !strcmp(k, "bug"))
		return header(p);
	if (!strcmp(k, "expect"))
		return st_pattern(p, STMT_EXPECT);
	if (!strcmp(k, "next"))
		return st_pattern(p, STMT_NEXT);
	if (!strcmp(k, "never"))
		return st_pattern(p, STMT_NEVER);
	if (!strcmp(k, "state"))
		return st_state(p);
	if (!strcmp(k, "violation"))
		return st_violation(p);
	if (!strcmp(k, "final"))
		return st_final(p);
	if (!strcmp(k, "refs")) {
		s = new_stmt(p, STMT_REFS);
		if (subject_id(p, 1, &s->id, "an mm") < 0)
			return -1;
		if (p->ntok > 2)
			return parse_fail(p,
					  "expected the block's lines on the "
					  "lines after 'refs %s', not '%s'",
					  p->tok[1], p->tok[2]);
		p->refs = s;
		return 0;
	}
	if (!strcmp(k, "end"))
		return parse_fail(p,
				  "expected 'end' only to close a refs block");
	return parse_fail(
		p,
		"expected a statement (scenario, option, eras, cpus, bug, "
		"expect, next, never, state, refs, violation, final), not '%s'",
		k);
}

