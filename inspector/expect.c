/*
 * expect.c - the parser of expect files, see expect.h and samples/README.md.
 *
 * A file is read whole and cut into logical lines (comments removed, a
 * line ending in '\' joined with the next), each line into tokens
 * (blanks separate them, except inside double quotes).  Every statement
 * is checked as far as it can be without a trace; the first problem
 * stops the parse with "FILE:LINE: expected WHAT, not 'TOKEN'".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "expect.h"
#include "mmtrace.h"
#include "names.h"

#define MAXTOK		64

const char *const x_attrs_mm[] = { "users", "count", "freed", "borrowers",
	"grabs", "owner", "pins", "prev", "pgd", NULL };
const char *const x_attrs_cpu[] = { "current", "active_mm", "cr3", "lazy",
	"prev_mm", "online", NULL };
const char *const x_attrs_task[] = { "state", "mm", "active_mm", "cpu",
	"kthread", "comm", "on_cpu", "use_mm", "tgid", "ppid", NULL };

struct parser {
	struct expect_file *x;
	int line;			/* of the statement being parsed */
	char *tok[MAXTOK];		/* its tokens */
	int ntok;
	int asserted;			/* an assertion came before */
	uint8_t *bound;			/* per variable: bound so far */
	size_t bound_cap;
	struct x_stmt *refs;		/* an open refs block */
	char *err;
	size_t errlen;
};

static int fail(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct parser *p, const char *fmt, ...)
{
	int n = snprintf(p->err, p->errlen, "%s:%d: ", p->x->path, p->line);
	va_list ap;

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < p->errlen)
		vsnprintf(p->err + n, p->errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static void *xcalloc(size_t n, size_t size)
{
	void *v = calloc(n ? n : 1, size);

	if (!v)
		abort();
	return v;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		abort();
	return d;
}

static void *xgrow(void *v, size_t n, size_t size)
{
	v = realloc(v, (n + 1) * size);
	if (!v)
		abort();
	memset((char *)v + n * size, 0, size);
	return v;
}

/* --- lexing --------------------------------------------------------- */

/*
 * Cut the logical line s (comment and continuations already gone) into
 * tokens, in place.  Quoted parts stay in their token, quotes included.
 */
static int tokenize(struct parser *p, char *s)
{
	int quoted;

	p->ntok = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			*s++ = '\0';
		if (!*s)
			return 0;
		if (p->ntok == MAXTOK)
			return fail(p, "expected at most %d words on a line",
				    MAXTOK);
		p->tok[p->ntok++] = s;
		for (quoted = 0; *s && (quoted || (*s != ' ' && *s != '\t'));
		     s++) {
			if (*s == '\\' && quoted && s[1])
				s++;
			else if (*s == '"')
				quoted = !quoted;
		}
		if (quoted)
			return fail(p, "expected a closing '\"' at the end of "
				    "%s", p->tok[p->ntok - 1]);
	}
}

/* Cut a comment: '#' outside quotes. */
static void uncomment(char *s)
{
	int quoted = 0;

	for (; *s; s++) {
		if (*s == '\\' && quoted && s[1])
			s++;
		else if (*s == '"')
			quoted = !quoted;
		else if (*s == '#' && !quoted) {
			*s = '\0';
			return;
		}
	}
}

/* --- values and conditions ------------------------------------------ */

static int var_index(struct expect_file *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->nvars; i++)
		if (!strcmp(x->vars[i], name))
			return i;
	x->vars = xgrow(x->vars, x->nvars, sizeof *x->vars);
	x->vars[x->nvars] = xstrdup(name);
	return x->nvars++;
}

static int is_bound(struct parser *p, int var)
{
	return (size_t)var < p->bound_cap && p->bound[var];
}

static void set_bound(struct parser *p, int var)
{
	while ((size_t)var >= p->bound_cap) {
		p->bound = xgrow(p->bound, p->bound_cap, 1);
		p->bound_cap++;
	}
	p->bound[var] = 1;
}

/* A quoted string without its quotes and escapes. */
static char *unquote(const char *s)
{
	char *d = xstrdup(s + 1), *o = d;

	for (s++; *s && *s != '"'; s++)
		*o++ = *s == '\\' && s[1] ? *++s : *s;
	*o = '\0';
	return d;
}

/* Parse a value token; op is the operator it goes with. */
static int value(struct parser *p, const char *s, int op, struct x_value *v,
		 const char *name)
{
	const char *q;
	char *end;

	if (!*s)
		return fail(p, "expected a value after '%s'", name);
	if (*s == '"') {
		v->kind = V_STR;
		v->str = unquote(s);
		return 0;
	}
	if (*s == '$') {
		for (q = s + 1; *q == '_' || (*q >= '0' && *q <= '9') ||
		     ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z'); q++)
			;
		if (q == s + 1 || *q)
			return fail(p, "expected a variable name (letters, "
				    "digits, _) after '$', not '%s'", s);
		v->kind = V_VAR;
		v->var = var_index(p->x, s + 1);
		if (op == X_EQ && !is_bound(p, v->var))
			set_bound(p, v->var);	/* this binds it */
		else if (!is_bound(p, v->var))
			return fail(p, "expected $%s to be bound by an earlier "
				    "statement (NAME=$%s binds it)", s + 1,
				    s + 1);
		return 0;
	}
	v->str = xstrdup(s);
	if ((*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' &&
					 s[1] <= '9')) {
		errno = 0;
		v->num = strtoll(s, &end, 0);
		if (*end || errno)
			return fail(p, "expected a number (decimal or 0x hex), "
				    "not '%s'", s);
		v->kind = V_NUM;
		return 0;
	}
	v->kind = V_NAME;
	return 0;
}

static const char *const opnames[] = { "", "=", "!=", "<", "<=", ">", ">=",
				       "~" };

/* Cut NAME OP VALUE out of one token. */
static int cond(struct parser *p, const char *tok, struct x_cond *c)
{
	size_t n = strspn(tok, "abcdefghijklmnopqrstuvwxyz_0123456789");
	const char *o = tok + n;

	if (!n)
		return fail(p, "expected a name (like mm=$A), not '%s'", tok);
	c->name = xstrdup(tok);
	c->name[n] = '\0';
	if (o[0] == '!' && o[1] == '=')
		c->op = X_NE;
	else if (o[0] == '<' || o[0] == '>')
		c->op = (o[0] == '<' ? X_LT : X_GT) + (o[1] == '=');
	else if (o[0] == '=')
		c->op = X_EQ;
	else if (o[0] == '~')
		c->op = X_HAS;
	else
		return fail(p, "expected an operator (= != < <= > >= ~) after "
			    "'%s', not '%s'", c->name, o[0] ? o : "nothing");
	return value(p, o + strlen(opnames[c->op]), c->op, &c->val, tok);
}

/* A number, a $variable bound already, or (text) anything. */
static int want_number(struct parser *p, const struct x_cond *c)
{
	if (c->val.kind == V_NUM || c->val.kind == V_VAR)
		return 0;
	return fail(p, "expected a number or $variable for %s, not '%s'",
		    c->name, c->val.str);
}

static int want_text(struct parser *p, struct x_cond *c)
{
	if (c->val.kind == V_VAR)
		return fail(p, "expected text for %s (variables hold "
			    "numbers), not '$%s'", c->name,
			    p->x->vars[c->val.var]);
	if (c->op != X_EQ && c->op != X_NE && c->op != X_HAS)
		return fail(p, "expected =, != or ~ for the text %s, not '%s'",
			    c->name, opnames[c->op]);
	c->val.kind = V_STR;
	return 0;
}

/* A symbolic value of an enumeration or flags field. */
static int resolve_name(struct parser *p, struct x_cond *c)
{
	const struct field *f = c->f;
	char list[512], word[64], *s, *save;
	int v;

	if (f->kind == FK_ENUM) {
		v = name_parse(f->tab, c->val.str);
		if (v < 0 && f->tab == &names_op)
			v = name_parse(&names_op_2632, c->val.str);
		if (v < 0)
			return fail(p, "expected one of %s for %s, not '%s'",
				    names_list(list, sizeof list, f->tab, ", ",
					       0), c->name, c->val.str);
		c->val.num = v;
		return 0;
	}
	if (c->op != X_EQ && c->op != X_NE)
		return fail(p, "expected = (bit set) or != (bit clear) for the "
			    "flags %s, not '%s'", c->name, opnames[c->op]);
	c->val.num = 0;
	snprintf(word, sizeof word, "%s", c->val.str);
	for (s = strtok_r(word, "|", &save); s; s = strtok_r(NULL, "|", &save)) {
		const struct flagname *fl = f->tab;

		for (; fl->name && strcmp(fl->name, s); fl++)
			;
		if (!fl->name)
			return fail(p, "expected a flag of %s, not '%s'",
				    c->name, s);
		c->val.num |= fl->bit;
	}
	return 0;
}

/* Check one condition against record type t. */
static int cond_typed(struct parser *p, int t, struct x_cond *c)
{
	const struct layout *l = &layouts[t];
	char list[512];
	size_t at = 0;
	unsigned i;

	c->f = NULL;
	if (!strcmp(c->name, "n") || !strcmp(c->name, "cpu") ||
	    !strcmp(c->name, "seq")) {
		c->what = c->name[0] == 'n' ? P_N : c->name[0] == 'c' ? P_CPU :
			  P_SEQ;
		return c->op == X_HAS ? fail(p, "expected a number comparison "
					     "for %s, not '~'", c->name) :
		       want_number(p, c);
	}
	if (l->text && !strcmp(c->name, l->text)) {
		c->what = P_TEXT;
		return want_text(p, c);
	}
	for (i = 0; i < l->nfields && strcmp(l->fields[i].name, c->name); i++)
		at += snprintf(list + at, at < sizeof list ? sizeof list - at : 0,
			       "%s, ", l->fields[i].name);
	if (i == l->nfields) {
		snprintf(list + at, at < sizeof list ? sizeof list - at : 0,
			 "%s%sn, cpu, seq", l->text ? l->text : "",
			 l->text ? ", " : "");
		return fail(p, "expected a field of %s (%s), not '%s'",
			    mmt_type_name(t), list, c->name);
	}
	c->f = &l->fields[i];
	c->what = P_FIELD;
	if (c->f->kind == FK_RET || c->f->kind == FK_EIP) {
		c->what = P_CALLER;
		if (c->val.kind == V_NAME || c->val.kind == V_STR ||
		    c->op == X_HAS)
			return want_text(p, c);
		return want_number(p, c);
	}
	if (c->f->kind == FK_STR)
		return want_text(p, c);
	if (c->op == X_HAS)
		return fail(p, "expected ~ only on text and callers, not on "
			    "%s", c->name);
	if (c->val.kind == V_NAME || c->val.kind == V_STR) {
		if (c->f->kind != FK_ENUM && c->f->kind != FK_FLAGS)
			return want_number(p, c);
		return resolve_name(p, c);
	}
	return 0;
}

/* A condition of an `any` pattern: the name must exist somewhere. */
static int cond_any(struct parser *p, struct x_cond *c)
{
	unsigned t, i;

	if (!strcmp(c->name, "n") || !strcmp(c->name, "cpu") ||
	    !strcmp(c->name, "seq"))
		return cond_typed(p, MMT_STREAM, c);
	for (t = 0; t < 256; t++) {
		if (layouts[t].text && !strcmp(layouts[t].text, c->name))
			return c->val.kind == V_VAR ? want_text(p, c) : 0;
		for (i = 0; i < layouts[t].nfields; i++)
			if (!strcmp(layouts[t].fields[i].name, c->name))
				return 0;
	}
	return fail(p, "expected a field some record has, or n, cpu, seq, "
		    "not '%s'", c->name);
}

/* TYPE [COND]... from token i on. */
static int pattern(struct parser *p, int i, int end, struct x_pattern *pat,
		   const char *after)
{
	char list[1024];
	int t, k;

	if (i >= end)
		return fail(p, "expected a record type after '%s'", after);
	for (t = 1; t < 256; t++)
		if (mmt_types[t].name && !strcmp(mmt_types[t].name, p->tok[i]))
			break;
	if (t == 256 && strcmp(p->tok[i], "any")) {
		size_t at = 0;

		for (k = 1; k < 256; k++)
			if (mmt_types[k].name)
				at += snprintf(list + at, sizeof list - at,
					       "%s, ", mmt_types[k].name);
		return fail(p, "expected a record type (%sor any), not '%s'",
			    list, p->tok[i]);
	}
	pat->type = t == 256 ? 0 : t;
	pat->nc = end - i - 1;
	pat->c = xcalloc(pat->nc, sizeof *pat->c);
	for (k = 0; k < pat->nc; k++)
		if (cond(p, p->tok[i + 1 + k], &pat->c[k]) < 0 ||
		    (pat->type ? cond_typed(p, pat->type, &pat->c[k]) :
		     cond_any(p, &pat->c[k])) < 0)
			return -1;
	return 0;
}

/* --- statements ----------------------------------------------------- */

static int header_ok(struct parser *p, int min_args)
{
	if (p->asserted)
		return fail(p, "expected '%s' before the first assertion",
			    p->tok[0]);
	if (p->ntok - 1 < min_args)
		return fail(p, "expected %s after '%s'", min_args > 1 ?
			    "more" : "a value", p->tok[0]);
	return 0;
}

static int one_of(struct parser *p, const struct nametab *t, const char *s,
		  const char *what)
{
	char list[256];

	if (name_parse(t, s) >= 0)
		return 0;
	return fail(p, "expected %s (%s), not '%s'", what,
		    names_list(list, sizeof list, t, ", ", 0), s);
}

static int option_kv(struct parser *p, const char *kv)
{
	const char *eq = strchr(kv, '=');
	unsigned long n;
	char *end;

	if (!eq || eq == kv)
		return fail(p, "expected KEY=VALUE after 'option', not '%s'",
			    kv);
	if (!strncmp(kv, "era=", 4))
		return one_of(p, &names_era, eq + 1, "an era");
	if (!strncmp(kv, "bug=", 4))
		return one_of(p, &names_bug, eq + 1, "a fault");
	if (!strncmp(kv, "trace=", 6))
		return strcmp(eq + 1, "lossless") && strcmp(eq + 1, "overflow")
		       ? fail(p, "expected trace=lossless or trace=overflow, "
			      "not '%s'", kv) : 0;
	if (strncmp(kv, "smp=", 4) && strncmp(kv, "count=", 6))
		return fail(p, "expected an option smp=, era=, bug=, count= "
			    "or trace=, not '%s'", kv);
	n = strtoul(eq + 1, &end, 10);
	if (!eq[1] || *end || n < 1 || (kv[0] == 's' && n > 8))
		return fail(p, "expected a number%s in '%s'",
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
			return fail(p, "expected one name after '%s', not '%s'",
				    k, p->tok[2]);
		if (k[0] == 'b' && one_of(p, &names_bug, p->tok[1], "a fault"))
			return -1;
		*(k[0] == 's' ? &x->scenario : &x->bug) = xstrdup(p->tok[1]);
		return 0;
	}
	for (i = 1; i < p->ntok; i++) {
		if (k[0] == 'o') {
			if (option_kv(p, p->tok[i]) < 0)
				return -1;
			x->options = xgrow(x->options, x->noptions,
					   sizeof *x->options);
			x->options[x->noptions++] = xstrdup(p->tok[i]);
		} else if (k[0] == 'e') {
			if ((e = name_parse(&names_era, p->tok[i])) < 0)
				return one_of(p, &names_era, p->tok[i],
					      "an era");
			x->eras |= 1u << e;
		} else {
			n = strtoul(p->tok[i], &end, 10);
			if (*end || n < 1 || n > 8)
				return fail(p, "expected a CPU count from 1 to "
					    "8, not '%s'", p->tok[i]);
			x->cpus |= 1u << n;
		}
	}
	return 0;
}

static struct x_stmt *new_stmt(struct parser *p, int kind)
{
	struct expect_file *x = p->x;
	struct x_stmt *s;
	size_t at = 0;
	int i;

	x->st = xgrow(x->st, x->nst, sizeof *x->st);
	s = &x->st[x->nst++];
	s->kind = kind;
	s->line = p->line;
	s->src = xcalloc(1, 1024);
	for (i = 0; i < p->ntok && at < 1000; i++)
		at += snprintf(s->src + at, 1024 - at, "%s%s", i ? " " : "",
			       p->tok[i]);
	p->asserted = 1;
	return s;
}

static int st_pattern(struct parser *p, int kind)
{
	struct x_stmt *s = new_stmt(p, kind);
	uint8_t *save = NULL;
	int before = 0, i, rc;

	if (kind == S_NEVER) {		/* a never binds nothing */
		save = xcalloc(p->bound_cap + 1, 1);
		memcpy(save, p->bound, p->bound_cap);
		for (i = 1; i < p->ntok; i++)
			if (!strcmp(p->tok[i], "before"))
				before = i;
	}
	rc = pattern(p, 1, before ? before : p->ntok, &s->p, p->tok[0]);
	if (rc == 0 && before) {
		s->has_before = 1;
		rc = pattern(p, before + 1, p->ntok, &s->before, "before");
	}
	if (save) {
		memset(p->bound, 0, p->bound_cap);
		memcpy(p->bound, save, p->bound_cap);
		free(save);
	}
	return rc;
}

/* An id: a number or a bound variable. */
static int subject_id(struct parser *p, int i, struct x_value *v,
		      const char *what)
{
	if (i >= p->ntok)
		return fail(p, "expected %s after '%s'", what, p->tok[i - 1]);
	if (value(p, p->tok[i], 0, v, what) < 0)
		return -1;
	if (v->kind != V_NUM && v->kind != V_VAR)
		return fail(p, "expected %s (a number or a bound $variable), "
			    "not '%s'", what, p->tok[i]);
	return 0;
}

/* State attributes from token i on, for subject (SUBJ_*). */
static int attrs(struct parser *p, struct x_stmt *s, int i, int subject)
{
	const char *const *names = subject == SUBJ_MM ? x_attrs_mm :
				   subject == SUBJ_CPU ? x_attrs_cpu :
				   x_attrs_task;
	char list[256];
	size_t at;
	int k, a;

	s->nc = p->ntok - i;
	s->c = xcalloc(s->nc, sizeof *s->c);
	for (k = 0; k < s->nc; k++) {
		struct x_cond *c = &s->c[k];

		if (cond(p, p->tok[i + k], c) < 0)
			return -1;
		for (a = 0; names[a] && strcmp(names[a], c->name); a++)
			;
		for (at = 0, list[0] = 0; !names[a] && names[at]; at++)
			snprintf(list + strlen(list), sizeof list - strlen(list),
				 "%s%s", at ? ", " : "", names[at]);
		if (!names[a])
			return fail(p, "expected an attribute of %s (%s), not "
				    "'%s'", subject == SUBJ_MM ? "an mm" :
				    subject == SUBJ_CPU ? "a cpu" : "a task",
				    list, c->name);
		if (subject == SUBJ_TASK && !strcmp(c->name, "comm")) {
			if (want_text(p, c) < 0)
				return -1;
		} else if (subject == SUBJ_TASK && !strcmp(c->name, "state") &&
			   c->val.kind == V_NAME) {
			if ((c->val.num = name_parse(&names_state,
						     c->val.str)) < 0)
				return one_of(p, &names_state, c->val.str,
					      "a task state");
		} else if (want_number(p, c) < 0 || c->op == X_HAS) {
			return c->op == X_HAS ? fail(p, "expected a number "
				"comparison for %s, not '~'", c->name) : -1;
		}
	}
	return 0;
}

static int st_state(struct parser *p)
{
	struct x_stmt *s = new_stmt(p, S_STATE);
	const char *w = p->ntok > 1 ? p->tok[1] : "nothing";

	s->subject = !strcmp(w, "mm") ? SUBJ_MM : !strcmp(w, "cpu") ?
		     SUBJ_CPU : !strcmp(w, "task") ? SUBJ_TASK : 0;
	if (!s->subject)
		return fail(p, "expected mm, cpu or task after 'state', not "
			    "'%s'", w);
	if (subject_id(p, 2, &s->id, w) < 0)
		return -1;
	if (p->ntok < 4)
		return fail(p, "expected at least one attribute after "
			    "'state %s %s'", w, p->tok[2]);
	return attrs(p, s, 3, s->subject);
}

static int st_violation(struct parser *p)
{
	struct x_stmt *s = new_stmt(p, S_VIOLATION);
	char list[512];
	size_t at = 0;
	int k, r;

	p->x->violations = 1;
	if (p->ntok < 2 || !(s->rule = rule_parse(p->tok[1]))) {
		for (r = 1; r <= R_MAX; r++)
			at += snprintf(list + at, sizeof list - at, "%s%s",
				       r > 1 ? ", " : "", rules[r].name);
		return fail(p, "expected a rule (%s), not '%s'", list,
			    p->ntok < 2 ? "nothing" : p->tok[1]);
	}
	s->nc = p->ntok - 2;
	s->c = xcalloc(s->nc, sizeof *s->c);
	for (k = 0; k < s->nc; k++) {
		struct x_cond *c = &s->c[k];

		if (cond(p, p->tok[2 + k], c) < 0)
			return -1;
		if (strcmp(c->name, "mm") && strcmp(c->name, "cpu") &&
		    strcmp(c->name, "pid") && strcmp(c->name, "n") &&
		    strcmp(c->name, "cause"))
			return fail(p, "expected mm, cpu, pid, n or cause after "
				    "the rule, not '%s'", c->name);
		if (want_number(p, c) < 0)
			return -1;
	}
	return 0;
}

static int st_final(struct parser *p)
{
	static const char *const kinds[] = { "end", "mms", "tasks", "pages",
					     "mm", "lost", NULL };
	struct x_stmt *s = new_stmt(p, S_FINAL);
	const char *w = p->ntok > 1 ? p->tok[1] : "nothing";
	int k, i;
	char *end;

	for (k = 0; kinds[k] && strcmp(kinds[k], w); k++)
		;
	if (!kinds[k])
		return fail(p, "expected end, mms, tasks, pages, mm or lost "
			    "after 'final', not '%s'", w);
	s->subject = F_END + k;
	if (s->subject == F_MMS || s->subject == F_TASKS ||
	    s->subject == F_LOST) {
		if (p->ntok != 3)
			return fail(p, "expected one number after 'final %s'%s",
				    w, p->ntok > 3 ? ", not more" : "");
		s->number = strtoll(p->tok[2], &end, 0);
		return *end ? fail(p, "expected a number after 'final %s', "
				   "not '%s'", w, p->tok[2]) : 0;
	}
	if (s->subject == F_MM) {
		if (subject_id(p, 2, &s->id, "mm") < 0)
			return -1;
		for (i = 3; i < p->ntok; i++)	/* freed, alive: words */
			if (!strcmp(p->tok[i], "freed") ||
			    !strcmp(p->tok[i], "alive"))
				p->tok[i] = p->tok[i][0] == 'f' ? "freed=1" :
					    "freed=0";
		if (p->ntok < 4)
			return fail(p, "expected freed, alive or an attribute "
				    "after 'final mm %s'", p->tok[2]);
		return attrs(p, s, 3, SUBJ_MM);
	}
	s->nc = p->ntok - 2;
	s->c = xcalloc(s->nc, sizeof *s->c);
	for (k = 0; k < s->nc; k++) {
		if (cond(p, p->tok[2 + k], &s->c[k]) < 0)
			return -1;
		if (s->subject == F_PAGES && strcmp(s->c[k].name, "leaked"))
			return fail(p, "expected leaked after 'final pages', "
				    "not '%s'", s->c[k].name);
		if (s->subject == F_PAGES ? want_number(p, &s->c[k]) :
		    cond_typed(p, MMT_END, &s->c[k]))
			return -1;
	}
	return 0;
}

/* One line of an open refs block. */
static int refs_line(struct parser *p)
{
	struct x_stmt *s = p->refs;
	struct x_ref *r;
	const char *w = p->tok[0];
	char *end;
	int op, i;

	if (!strcmp(w, "end")) {
		if (p->ntok > 1)
			return fail(p, "expected nothing after 'end', not '%s'",
				    p->tok[1]);
		p->refs = NULL;
		return 0;
	}
	op = !strcmp(w, "alloc") ? REF_ALLOC : !strcmp(w, "free") ? REF_FREE :
	     name_parse(&names_op, w);
	if (op < 0 && w[0] == '"') {
		char *u = unquote(w);

		op = name_parse(&names_op_2632, u);
		free(u);
	}
	if (op <= 0)
		return fail(p, "expected alloc, free, mmget, mmput, mmgrab, "
			    "mmdrop or end in the refs block, not '%s'", w);
	s->refs = xgrow(s->refs, s->nrefs, sizeof *s->refs);
	r = &s->refs[s->nrefs++];
	r->op = op;
	r->line = p->line;
	r->reason = -1;
	if (op == REF_FREE)
		return p->ntok > 1 ? fail(p, "expected nothing after 'free', "
					  "not '%s'", p->tok[1]) : 0;
	if (p->ntok < 3 || p->ntok > (op == REF_ALLOC ? 3 : 4))
		return fail(p, "expected mm_users and mm_count%s after '%s'",
			    op == REF_ALLOC ? "" : " (and a reason)", w);
	for (i = 1; i < 3; i++) {
		*(i == 1 ? &r->users : &r->count) = strtol(p->tok[i], &end, 0);
		if (*end || !*p->tok[i])
			return fail(p, "expected a number for mm_%s after "
				    "'%s', not '%s'", i == 1 ? "users" :
				    "count", w, p->tok[i]);
	}
	if (p->ntok == 4 && (r->reason = name_parse(&names_reason,
						    p->tok[3])) < 0)
		return one_of(p, &names_reason, p->tok[3], "a reason");
	return 0;
}

static int statement(struct parser *p)
{
	const char *k = p->tok[0];
	struct x_stmt *s;

	if (p->refs)
		return refs_line(p);
	if (!strcmp(k, "scenario") || !strcmp(k, "option") ||
	    !strcmp(k, "eras") || !strcmp(k, "cpus") || !strcmp(k, "bug"))
		return header(p);
	if (!strcmp(k, "expect"))
		return st_pattern(p, S_EXPECT);
	if (!strcmp(k, "next"))
		return st_pattern(p, S_NEXT);
	if (!strcmp(k, "never"))
		return st_pattern(p, S_NEVER);
	if (!strcmp(k, "state"))
		return st_state(p);
	if (!strcmp(k, "violation"))
		return st_violation(p);
	if (!strcmp(k, "final"))
		return st_final(p);
	if (!strcmp(k, "refs")) {
		s = new_stmt(p, S_REFS);
		if (subject_id(p, 1, &s->id, "an mm") < 0)
			return -1;
		if (p->ntok > 2)
			return fail(p, "expected the block's lines on the lines "
				    "after 'refs %s', not '%s'", p->tok[1],
				    p->tok[2]);
		p->refs = s;
		return 0;
	}
	if (!strcmp(k, "end"))
		return fail(p, "expected 'end' only to close a refs block");
	return fail(p, "expected a statement (scenario, option, eras, cpus, "
		    "bug, expect, next, never, state, refs, violation, "
		    "final), not '%s'", k);
}

/* --- files ---------------------------------------------------------- */

static int parse_text(struct parser *p, char *text)
{
	char *line = text, *nl, *s;
	int next_line = 1;
	size_t len;

	while (*line) {
		p->line = next_line;
		s = line;
		for (;;) {		/* join continuation lines */
			nl = strchr(line, '\n');
			next_line++;
			len = nl ? (size_t)(nl - s) : strlen(s);
			while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
				       s[len - 1] == '\r'))
				len--;
			if (!len || s[len - 1] != '\\' || !nl)
				break;
			s[len - 1] = ' ';
			memmove(s + len, nl + 1, strlen(nl + 1) + 1);
			line = s + len;
		}
		if (len && s[len - 1] == '\\')
			return fail(p, "expected a line after the '\\' that "
				    "ends the file");
		nl = s[len] ? strchr(s + len, '\n') : NULL;
		s[len] = '\0';
		line = nl ? nl + 1 : s + len;
		uncomment(s);
		if (tokenize(p, s) < 0)
			return -1;
		if (p->ntok && statement(p) < 0)
			return -1;
	}
	if (p->refs) {
		p->line = p->refs->line;
		return fail(p, "expected 'end' to close this refs block before "
			    "the end of the file");
	}
	return 0;
}

struct expect_file *expect_parse(const char *path, const char *text,
				 char *err, size_t len)
{
	struct parser p = { .err = err, .errlen = len };
	char *copy = xstrdup(text);

	p.x = xcalloc(1, sizeof *p.x);
	p.x->path = xstrdup(path);
	if (parse_text(&p, copy) < 0) {
		expect_free(p.x);
		p.x = NULL;
	}
	free(copy);
	free(p.bound);
	return p.x;
}

struct expect_file *expect_load(const char *path, char *err, size_t len)
{
	struct expect_file *x;
	FILE *f = fopen(path, "r");
	char *text;
	long n;

	if (!f) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) < 0) {
		snprintf(err, len, "%s: cannot read it (%s)", path,
			 strerror(errno));
		fclose(f);
		return NULL;
	}
	text = xcalloc(n + 1, 1);
	if (fread(text, 1, n, f) != (size_t)n || memchr(text, 0, n)) {
		snprintf(err, len, "%s: cannot read it as text", path);
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	x = expect_parse(path, text, err, len);
	free(text);
	return x;
}

static void free_conds(struct x_cond *c, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(c[i].name);
		free(c[i].val.str);
	}
	free(c);
}

void expect_free(struct expect_file *x)
{
	size_t i;

	if (!x)
		return;
	for (i = 0; i < x->nst; i++) {
		free(x->st[i].src);
		free_conds(x->st[i].p.c, x->st[i].p.nc);
		free_conds(x->st[i].before.c, x->st[i].before.nc);
		free_conds(x->st[i].c, x->st[i].nc);
		free(x->st[i].id.str);
		free(x->st[i].refs);
	}
	for (i = 0; i < x->noptions; i++)
		free(x->options[i]);
	for (i = 0; i < x->nvars; i++)
		free(x->vars[i]);
	free(x->st);
	free(x->options);
	free(x->vars);
	free(x->scenario);
	free(x->bug);
	free(x->path);
	free(x);
}

int expect_applies(const struct expect_file *x, const char *era,
		   unsigned long smp, char *err, size_t len)
{
	int e = era ? name_parse(&names_era, era) : -1;
	unsigned cpus = x->cpus ? x->cpus : 1u << 1;
	char list[64] = "";
	unsigned n;

	if (e > 0 && x->eras && !(x->eras & (1u << e))) {
		snprintf(err, len, "%s holds for era%s %s%s%s, not %s", x->path,
			 x->eras & (x->eras - 1) ? "s" : "",
			 x->eras & (1u << MMT_ERA_2632) ? "2.6.32" : "",
			 (x->eras & 6) == 6 ? " and " : "",
			 x->eras & (1u << MMT_ERA_MODERN) ? "modern" : "", era);
		return -1;
	}
	if (smp && !(cpus & (1u << smp))) {
		for (n = 1; n <= 8; n++)
			if (cpus & (1u << n))
				snprintf(list + strlen(list),
					 sizeof list - strlen(list), "%s%u",
					 list[0] ? " " : "", n);
		snprintf(err, len, "%s holds for CPU counts %s, not %lu",
			 x->path, list, smp);
		return -1;
	}
	return 0;
}
