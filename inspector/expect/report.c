/*
 * report.c - check runs as JUnit XML and TAP, see report.h.
 *
 * What check printed is cut into blocks: a line that starts in the
 * first column and the indented lines after it.  The blocks that name a
 * statement (match.c prints "FAIL FILE:LINE: SRC" and "skip FILE:LINE:
 * SRC") decide that statement's case; "FAIL unexpected violation" and
 * "violation" blocks the rules' case; the last "PASS"/"FAIL" line says
 * the check finished.
 */
#include <stdlib.h>
#include <string.h>
#include "expect/report.h"
#include "mmtrace.h"
#include "util/array.h"

/* What a block of check's output says. */
enum block_kind {
	BLOCK_OTHER,			/* a note */
	BLOCK_FAIL,			/* FAIL FILE:LINE: a statement failed */
	BLOCK_SKIP,			/* skip FILE:LINE: a statement was
					   skipped */
	BLOCK_VIOLATION,		/* a violation nothing expected */
	BLOCK_SUMMARY,			/* PASS or FAIL TRACE: the counts */
};

struct block {
	const char *p;			/* in the check's output */
	size_t len;
	enum block_kind kind;
	int line;			/* BLOCK_FAIL, BLOCK_SKIP: the
					   statement's */
};

/* The statement line after "WORD PATH:", or 0. */
static int stmt_line(const char *p, const char *word, const char *path)
{
	size_t w = strlen(word), k = path ? strlen(path) : 0;
	char *end;
	long line;

	if (!path || strncmp(p, word, w) || strncmp(p + w, path, k) ||
	    p[w + k] != ':')
		return 0;
	line = strtol(p + w + k + 1, &end, 10);
	return end != p + w + k + 1 && *end == ':' && line > 0 ? (int)line : 0;
}

static void classify(struct block *b, const char *path)
{
	if ((b->line = stmt_line(b->p, "FAIL ", path)))
		b->kind = BLOCK_FAIL;
	else if ((b->line = stmt_line(b->p, "skip ", path)))
		b->kind = BLOCK_SKIP;
	else if (!strncmp(b->p, "FAIL unexpected ", 16) ||
		 !strncmp(b->p, "violation ", 10))
		b->kind = BLOCK_VIOLATION;
	else if (!strncmp(b->p, "PASS ", 5) || !strncmp(b->p, "FAIL ", 5))
		b->kind = BLOCK_SUMMARY;
	else
		b->kind = BLOCK_OTHER;
}

/* Cut text into blocks; *n of them, malloc'ed. */
static struct block *blocks(const char *text, const char *path, size_t *n)
{
	struct block *b = NULL;
	const char *p = text, *nl;
	size_t cap = 0;

	*n = 0;
	for (; p && *p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if ((*p == ' ' || *p == '\t') && *n) { /* goes with the block */
			b[*n - 1].len =
				(nl ? nl + 1 : p + strlen(p)) - b[*n - 1].p;
			continue;
		}
		b = util_array_grow(b, &cap, *n + 1, sizeof *b);
		b[*n] = (struct block){
			.p = p, .len = (nl ? nl + 1 : p + strlen(p)) - p
		};
		classify(&b[(*n)++], path);
	}
	return b ? b : calloc(1, sizeof *b);
}

/* --- cases ------------------------------------------------------------ */

static char *first_line(const char *p, size_t len)
{
	size_t k = 0;

	while (k < len && p[k] != '\n')
		k++;
	return strndup(p, k);
}

static struct ci_case *add_case(struct ci_suite *s, char *name, int status)
{
	struct ci_case *c;

	if (!name)
		return NULL;
	s->c = util_array_grow(s->c, &s->cap, s->n + 1, sizeof *s->c);
	c = &s->c[s->n++];
	*c = (struct ci_case) { .name = name, .status = status };
	s->failed += status == CI_FAIL;
	s->skipped += status == CI_SKIP;
	s->errors += status == CI_ERROR;
	return c;
}

/* Append b to what a case says. */
static int add_text(struct ci_case *c, const struct block *b)
{
	size_t had = c->text ? strlen(c->text) : 0;
	char *t = realloc(c->text, had + b->len + 1);

	if (!t)
		return -1;
	memcpy(t + had, b->p, b->len);
	t[had + b->len] = '\0';
	c->text = t;
	if (!c->message)
		c->message = first_line(b->p, b->len);
	return c->message ? 0 : -1;
}

static char *one_line(const char *fmt, const char *a, int line,
		      const char *src)
{
	char *s = NULL, *p;

	if (asprintf(&s, fmt, a, line, src) < 0)
		return NULL;
	for (p = s; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '#')
			*p = *p == '#' ? '%' : ' ';	/* '#' is TAP's */
	return s;
}

/* Does statement st hold for a trace of era and ncpu (match.c's rule)? */
static int holds(const struct x_stmt *st, int era, unsigned ncpu)
{
	if (st->era && st->era != era)
		return 0;
	return !st->cpus || (st->cpus == CPUS_UP) == (ncpu <= 1);
}

static const char *base(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/* One case per statement that held, from its blocks. */
static int stmt_cases(struct ci_suite *s, const struct expect_file *x,
		      int era, unsigned ncpu, const struct block *b, size_t nb)
{
	const struct x_stmt *st;
	struct ci_case *c;
	size_t i, k;

	for (i = 0; i < x->nst; i++) {
		st = &x->st[i];
		if (!holds(st, era, ncpu))
			continue;
		for (k = 0; k < nb; k++)
			if ((b[k].kind == BLOCK_FAIL || b[k].kind == BLOCK_SKIP) &&
			    b[k].line == st->line)
				break;
		c = add_case(s, one_line("%s:%d: %s", base(x->path), st->line,
					 st->src), k == nb ? CI_PASS :
			     b[k].kind == BLOCK_FAIL ? CI_FAIL : CI_SKIP);
		if (!c || (k < nb && add_text(c, &b[k]) < 0))
			return -1;
	}
	return 0;
}

/* The case of the checker's rules: every violation expected. */
static int rules_case(struct ci_suite *s, const struct expect_file *x,
		      const struct block *b, size_t nb)
{
	struct ci_case *c;
	char *name = NULL;
	size_t k;
	int bad = 0;

	for (k = 0; k < nb; k++)
		bad |= b[k].kind == BLOCK_VIOLATION;
	if (!x)
		name = strdup("the rules of the mm lifecycle hold");
	else if (asprintf(&name, "%s: every violation the checker found is "
			  "expected", base(x->path)) < 0)
		name = NULL;
	c = add_case(s, name, bad ? CI_FAIL : CI_PASS);
	for (k = 0; c && k < nb; k++)
		if (b[k].kind == BLOCK_VIOLATION && add_text(c, &b[k]) < 0)
			return -1;
	return c ? 0 : -1;
}

/* A run that could not be checked: one case, with all check said. */
static int error_case(struct ci_suite *s)
{
	struct block all = { .p = s->err ? s->err : "" };
	struct block out = { .p = s->out ? s->out : "" };
	struct ci_case *c = add_case(s, strdup("the check ran"), CI_ERROR);

	all.len = strlen(all.p);
	out.len = strlen(out.p);
	if (!c || (all.len && add_text(c, &all) < 0) ||
	    (out.len && add_text(c, &out) < 0))
		return -1;
	if (!c->message)
		c->message = strdup("the check ended without a word");
	return c->message ? 0 : -1;
}

int report_suite_cases(struct ci_suite *s, const struct expect_file *x,
		   int era, unsigned ncpu)
{
	struct block *b;
	size_t nb, k;
	int done = 0, rc;

	if (!(b = blocks(s->out, x ? x->path : NULL, &nb)))
		return -1;
	for (k = 0; k < nb; k++)
		done |= b[k].kind == BLOCK_SUMMARY;
	if (s->rc == 2 || !done)
		rc = error_case(s);
	else if ((rc = x ? stmt_cases(s, x, era, ncpu, b, nb) : 0) == 0)
		rc = rules_case(s, x, b, nb);
	if (!rc && s->rc && !s->failed && !s->errors)
		rc = error_case(s);	/* it failed, and no case says why */
	free(b);
	return rc;
}

void report_suite_free(struct ci_suite *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->c[i].name);
		free(s->c[i].message);
		free(s->c[i].text);
	}
	free(s->c);
	free(s->name);
	free(s->classname);
	free(s->scenario);
	free(s->era);
	free(s->expect);
	free(s->out);
	free(s->err);
	memset(s, 0, sizeof *s);
}

/* --- JUnit XML -------------------------------------------------------- */

/* s as XML character data, or an attribute value; characters XML 1.0
 * does not allow become '?'. */
static void xml(FILE *f, const char *s)
{
	unsigned char c;

	for (; s && (c = *s); s++) {
		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
			putc('?', f);
		else
			putc(c, f);
	}
}

static void prop(FILE *f, const char *name, const char *value)
{
	if (!value)
		return;
	fprintf(f, "      <property name=\"%s\" value=\"", name);
	xml(f, value);
	fputs("\"/>\n", f);
}

static void junit_case(FILE *f, const struct ci_suite *s,
		       const struct ci_case *c)
{
	static const char *const tag[] = { NULL, "failure", "skipped",
					   "error" };

	fputs("    <testcase classname=\"", f);
	xml(f, s->classname);
	fputs("\" name=\"", f);
	xml(f, c->name);
	if (c->status == CI_ERROR)
		fprintf(f, "\" time=\"%.3f", s->seconds);
	if (c->status == CI_PASS) {
		fputs("\"/>\n", f);
		return;
	}
	fprintf(f, "\">\n      <%s message=\"", tag[c->status]);
	xml(f, c->message);
	if (c->status == CI_SKIP) {
		fputs("\"/>\n    </testcase>\n", f);
		return;
	}
	fprintf(f, "\" type=\"%s\">", c->status == CI_FAIL ? "assertion" :
		"run");
	xml(f, c->text);
	fprintf(f, "</%s>\n    </testcase>\n", tag[c->status]);
}

static void junit_suite(FILE *f, const struct ci_suite *s)
{
	char smp[16];
	size_t i;

	fputs("  <testsuite name=\"", f);
	xml(f, s->name);
	fprintf(f,
		"\" tests=\"%zu\" failures=\"%u\" errors=\"%u\" skipped=\"%u\" "
		"time=\"%.3f\">\n    <properties>\n",
		s->n, s->failed, s->errors, s->skipped, s->seconds);
	snprintf(smp, sizeof smp, "%u", s->smp);
	prop(f, "scenario", s->scenario);
	prop(f, "era", s->era);
	prop(f, "smp", s->smp ? smp : NULL);
	prop(f, "expect", s->expect);
	fputs("    </properties>\n", f);
	for (i = 0; i < s->n; i++)
		junit_case(f, s, &s->c[i]);
	fputs("    <system-out>", f);
	xml(f, s->out);
	fputs("</system-out>\n    <system-err>", f);
	xml(f, s->err);
	fputs("</system-err>\n  </testsuite>\n", f);
}

int report_junit(FILE *f, const struct ci_suite *s, size_t n, const char *name)
{
	size_t i, tests = 0, fail = 0, err = 0, skip = 0;
	double secs = 0;

	for (i = 0; i < n; i++) {
		tests += s[i].n;
		fail += s[i].failed;
		err += s[i].errors;
		skip += s[i].skipped;
		secs += s[i].seconds;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"",
	      f);
	xml(f, name);
	fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
		"skipped=\"%zu\" time=\"%.3f\">\n", tests, fail, err, skip,
		secs);
	for (i = 0; i < n; i++)
		junit_suite(f, &s[i]);
	fputs("</testsuites>\n", f);
	return ferror(f) ? -1 : 0;
}

/* --- TAP -------------------------------------------------------------- */

/* text as TAP diagnostics: each line after "# " */
static void tap_diag(FILE *f, const char *indent, const char *text)
{
	const char *nl;

	for (; text && *text; text = nl ? nl + 1 : NULL) {
		nl = strchr(text, '\n');
		fprintf(f, "%s# %.*s\n", indent, nl ? (int)(nl - text) :
			(int)strlen(text), text);
		if (!nl)
			break;
	}
}

static void tap_cases(FILE *f, const struct ci_suite *s, const char *indent)
{
	const struct ci_case *c;
	size_t i;

	fprintf(f, "%s1..%zu\n", indent, s->n);
	for (i = 0; i < s->n; i++) {
		c = &s->c[i];
		fprintf(f, "%s%s %zu - %s", indent,
			c->status == CI_FAIL || c->status == CI_ERROR ? "not ok"
								      : "ok",
			i + 1, c->name);
		if (c->status == CI_SKIP)
			fputs(" # SKIP an earlier statement failed", f);
		fputc('\n', f);
		if (c->status == CI_FAIL || c->status == CI_ERROR)
			tap_diag(f, indent, c->text);
	}
}

void report_tap(FILE *f, const struct ci_suite *s)
{
	const char *p, *nl;

	tap_cases(f, s, "");
	for (p = s->out; p && *p; p = nl + 1) {	/* notes and the counts */
		nl = strchrnul(p, '\n');
		if (!strncmp(p, "note: ", 6) || !*nl || !nl[1])
			fprintf(f, "# %.*s\n", (int)(nl - p), p);
		if (!*nl)
			break;
	}
}

void report_tap_subtest(FILE *f, const struct ci_suite *s, size_t k)
{
	size_t i;

	fprintf(f, "# Subtest: %s\n", s->name);
	tap_cases(f, s, "    ");
	fprintf(f, "%s %zu - %s (%.1f s)\n", s->failed || s->errors ?
		"not ok" : "ok", k, s->name, s->seconds);
	for (i = 0; i < s->n; i++)
		if (s->c[i].status == CI_FAIL || s->c[i].status == CI_ERROR)
			fprintf(f, "# %s\n", s->c[i].message);
}
