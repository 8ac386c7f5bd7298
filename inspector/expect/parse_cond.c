/*
 * parse_cond.c - values, conditions and patterns of expect files: each checked
 * against the record type it applies to (its fields, the names of their
 * values), and every variable against what binds it; see parse.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmtrace.h"
#include "expect/parse.h"
#include "model/lives.h"
#include "util/array.h"

/* --- values and conditions ------------------------------------------ */

int parse_var_index(struct expect_file *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->nvars; i++)
		if (!strcmp(x->vars[i], name))
			return i;
	x->vars = util_array_grow(x->vars, &x->vars_cap, x->nvars + 1,
				  sizeof *x->vars);
	x->vars[x->nvars] = util_strdup(name);
	return x->nvars++;
}

int parse_is_bound(struct parser *p, int var)
{
	return (size_t)var < p->bound_cap && p->bound[var];
}

void parse_set_bound(struct parser *p, int var)
{
	p->bound = util_array_grow(p->bound, &p->bound_cap, (size_t)var + 1, 1);
	p->bound[var] = 1;
}

/* A quoted string without its quotes and escapes. */
char *parse_unquote(const char *s)
{
	char *d = util_strdup(s + 1), *o = d;

	for (s++; *s && *s != '"'; s++)
		*o++ = *s == '\\' && s[1] ? *++s : *s;
	*o = '\0';
	return d;
}

/* Parse a value token; op is the operator it goes with. */
int parse_value(struct parser *p, const char *s, int op, struct x_value *v,
		 const char *name)
{
	unsigned id, life;
	const char *q;
	char *end;

	if (!*s)
		return parse_fail(p, "expected a value after '%s'", name);
	if (*s == '"') {
		v->kind = VAL_STR;
		v->str = parse_unquote(s);
		return 0;
	}
	if (*s == '$') {
		for (q = s + 1; *q == '_' || (*q >= '0' && *q <= '9') ||
		     ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z'); q++)
			;
		if (q == s + 1 || *q)
			return parse_fail(p,
					  "expected a variable name (letters, "
					  "digits, _) after '$', not '%s'",
					  s);
		v->kind = VAL_VAR;
		v->var = parse_var_index(p->x, s + 1);
		if (op == CMP_EQ && !parse_is_bound(p, v->var))
			parse_set_bound(p, v->var);	/* this binds it */
		else if (!parse_is_bound(p, v->var))
			return parse_fail(
				p,
				"expected $%s to be bound by an earlier "
				"statement (NAME=$%s binds it)",
				s + 1, s + 1);
		return 0;
	}
	v->str = util_strdup(s);
	if (life_parse(s, &id, &life) == 0 && life) {	/* "3.2", "3·2" */
		v->kind = VAL_NUM;
		v->num = id;
		v->life = life;
		return 0;
	}
	if ((*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' &&
					 s[1] <= '9')) {
		errno = 0;
		v->num = strtoll(s, &end, 0);
		if (*end || errno)
			return parse_fail(p,
					  "expected a number (decimal or 0x "
					  "hex), not '%s'",
					  s);
		v->kind = VAL_NUM;
		return 0;
	}
	v->kind = VAL_NAME;
	return 0;
}

const char *const parse_opnames[] = { "", "=", "!=", "<", "<=", ">", ">=",
				       "~" };

/* Cut NAME OP VALUE out of one token. */
int parse_cond(struct parser *p, const char *tok, struct x_cond *c)
{
	size_t n = strspn(tok, "abcdefghijklmnopqrstuvwxyz_0123456789");
	const char *o = tok + n;

	if (!n)
		return parse_fail(p, "expected a name (like mm=$A), not '%s'",
				  tok);
	c->name = util_strdup(tok);
	c->name[n] = '\0';
	if (o[0] == '!' && o[1] == '=')
		c->op = CMP_NE;
	else if (o[0] == '<' || o[0] == '>')
		c->op = (o[0] == '<' ? CMP_LT : CMP_GT) + (o[1] == '=');
	else if (o[0] == '=')
		c->op = CMP_EQ;
	else if (o[0] == '~')
		c->op = CMP_HAS;
	else
		return parse_fail(p,
				  "expected an operator (= != < <= > >= ~) "
				  "after '%s', not '%s'",
				  c->name, o[0] ? o : "nothing");
	return parse_value(p, o + strlen(parse_opnames[c->op]), c->op, &c->val,
			   tok);
}

/* A number, a $variable bound already, or (text) anything. */
int parse_want_number(struct parser *p, const struct x_cond *c)
{
	if (c->val.kind == VAL_NUM || c->val.kind == VAL_VAR)
		return 0;
	return parse_fail(p, "expected a number or $variable for %s, not '%s'",
			  c->name, c->val.str);
}

int parse_want_text(struct parser *p, struct x_cond *c)
{
	if (c->val.kind == VAL_VAR)
		return parse_fail(p, "expected text for %s (variables hold "
				  "numbers), not '$%s'", c->name,
			    p->x->vars[c->val.var]);
	if (c->op != CMP_EQ && c->op != CMP_NE && c->op != CMP_HAS)
		return parse_fail(
			p, "expected =, != or ~ for the text %s, not '%s'",
			c->name, parse_opnames[c->op]);
	c->val.kind = VAL_STR;
	return 0;
}

/* A symbolic value of an enumeration or flags field. */
static int resolve_name(struct parser *p, struct x_cond *c)
{
	const struct field *f = c->f;
	char list[512], *word, *s, *save;
	int v;

	if (f->kind == FK_ENUM) {
		v = names_parse(f->tab, c->val.str);
		if (v < 0 && f->tab == &names_op)
			v = names_parse(&names_op_2632, c->val.str);
		if (v < 0)
			return parse_fail(
				p, "expected one of %s for %s, not '%s'",
				names_list(list, sizeof list, f->tab, ", ", 0),
				c->name, c->val.str);
		c->val.num = v;
		return 0;
	}
	if (c->op != CMP_EQ && c->op != CMP_NE)
		return parse_fail(p,
				  "expected = (bit set) or != (bit clear) for "
				  "the flags %s, not '%s'",
				  c->name, parse_opnames[c->op]);
	c->val.num = 0;
	word = util_strdup(c->val.str);	/* every flag, however long */
	for (s = strtok_r(word, "|", &save); s; s = strtok_r(NULL, "|", &save)) {
		const struct flagname *fl = f->tab;

		for (; fl->name && strcmp(fl->name, s); fl++)
			;
		if (!fl->name) {
			parse_fail(p, "expected a flag of %s, not '%s'",
				   c->name, s);
			free(word);
			return -1;
		}
		c->val.num |= fl->bit;
	}
	free(word);
	return 0;
}

/*
 * X_name of an mm field X: the mm_struct it names, "3" (the first to
 * hold id 3) or "3.2"; the condition becomes X with that life.  0 if c
 * is not one (c unchanged), 1 if it is, -1 on an error.
 */
static int mm_name_cond(struct parser *p, const struct layout *l,
			struct x_cond *c)
{
	size_t n = strlen(c->name);
	unsigned i;

	if (n < 6 || strcmp(c->name + n - 5, "_name"))
		return 0;
	for (i = 0; i < l->nfields; i++)
		if (!strncmp(l->fields[i].name, c->name, n - 5) &&
		    !l->fields[i].name[n - 5] && field_is_mm(&l->fields[i]))
			break;
	if (i == l->nfields)
		return 0;
	if (c->val.kind != VAL_NUM || c->val.num <= 0)
		return parse_fail(p, "expected an mm_struct's name (3, 3.2) "
				  "for %s, not '%s'", c->name,
				  c->val.kind == VAL_VAR ? "a $variable" :
				  c->val.str);
	if (c->op != CMP_EQ && c->op != CMP_NE)
		return parse_fail(p, "expected = or != for the name %s, not "
				  "'%s'", c->name, parse_opnames[c->op]);
	c->val.life += !c->val.life;	/* "3": the first mm_struct */
	c->f = &l->fields[i];
	c->what = COND_FIELD;
	return 1;
}

/* Check one condition against record type t. */
int parse_cond_typed(struct parser *p, int t, struct x_cond *c)
{
	const struct layout *l = &field_layouts[t];
	char list[512];
	size_t at = 0;
	unsigned i;
	int rc;

	c->f = NULL;
	if ((rc = mm_name_cond(p, l, c)) != 0)
		return rc < 0 ? -1 : 0;
	if (!strcmp(c->name, "n") || !strcmp(c->name, "cpu") ||
	    !strcmp(c->name, "seq")) {
		c->what = c->name[0] == 'n'   ? COND_N
			  : c->name[0] == 'c' ? COND_CPU
					      : COND_SEQ;
		return c->op == CMP_HAS ? parse_fail(p,
						   "expected a number "
						   "comparison for %s, not '~'",
						   c->name)
				      : parse_want_number(p, c);
	}
	if (l->text && !strcmp(c->name, l->text)) {
		c->what = COND_TEXT;
		return parse_want_text(p, c);
	}
	for (i = 0; i < l->nfields && strcmp(l->fields[i].name, c->name); i++)
		at += snprintf(list + at, at < sizeof list ? sizeof list - at : 0,
			       "%s, ", l->fields[i].name);
	if (i == l->nfields) {
		snprintf(list + at, at < sizeof list ? sizeof list - at : 0,
			 "%s%sn, cpu, seq", l->text ? l->text : "",
			 l->text ? ", " : "");
		return parse_fail(p, "expected a field of %s (%s), not '%s'",
				  mmt_type_name(t), list, c->name);
	}
	c->f = &l->fields[i];
	c->what = COND_FIELD;
	if (c->f->kind == FK_RET || c->f->kind == FK_EIP) {
		c->what = COND_CALLER;
		if (c->val.kind == VAL_NAME || c->val.kind == VAL_STR ||
		    c->op == CMP_HAS)
			return parse_want_text(p, c);
		return parse_want_number(p, c);
	}
	if (c->f->kind == FK_STR)
		return parse_want_text(p, c);
	if (c->val.life && !field_is_mm(c->f))
		return parse_fail(p, "expected a number for %s (%s names an "
				  "mm_struct), not '%s'", c->name,
				  c->val.str, c->val.str);
	if (c->val.life && c->op != CMP_EQ && c->op != CMP_NE)
		return parse_fail(p, "expected = or != for the mm_struct %s, "
				  "not '%s'", c->val.str, parse_opnames[c->op]);
	if (c->op == CMP_HAS)
		return parse_fail(
			p, "expected ~ only on text and callers, not on %s",
			c->name);
	if (c->val.kind == VAL_NAME || c->val.kind == VAL_STR) {
		if (c->f->kind != FK_ENUM && c->f->kind != FK_FLAGS)
			return parse_want_number(p, c);
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
		return parse_cond_typed(p, MMT_STREAM, c);
	for (t = 0; t < 256; t++) {
		if (field_layouts[t].text &&
		    !strcmp(field_layouts[t].text, c->name))
			return c->val.kind == VAL_VAR ? parse_want_text(p, c)
						      : 0;
		for (i = 0; i < field_layouts[t].nfields; i++)
			if (!strcmp(field_layouts[t].fields[i].name, c->name))
				return 0;
	}
	return parse_fail(
		p, "expected a field some record has, or n, cpu, seq, not '%s'",
		c->name);
}

/* TYPE [COND]... from token i on. */
int parse_pattern(struct parser *p, int i, int end, struct x_pattern *pat,
		   const char *after)
{
	char list[1024];
	int t, k;

	if (i >= end)
		return parse_fail(p, "expected a record type after '%s'",
				  after);
	for (t = 1; t < 256; t++)
		if (mmt_types[t].name && !strcmp(mmt_types[t].name, p->tok[i]))
			break;
	if (t == 256 && strcmp(p->tok[i], "any")) {
		size_t at = 0;

		for (k = 1; k < 256; k++)
			if (mmt_types[k].name)
				at += snprintf(list + at, sizeof list - at,
					       "%s, ", mmt_types[k].name);
		return parse_fail(p,
				  "expected a record type (%sor any), not '%s'",
				  list, p->tok[i]);
	}
	pat->type = t == 256 ? 0 : t;
	pat->nc = end - i - 1;
	pat->c = util_calloc(pat->nc, sizeof *pat->c);
	for (k = 0; k < pat->nc; k++)
		if (parse_cond(p, p->tok[i + 1 + k], &pat->c[k]) < 0 ||
		    (pat->type ? parse_cond_typed(p, pat->type, &pat->c[k]) :
		     cond_any(p, &pat->c[k])) < 0)
			return -1;
	return 0;
}

