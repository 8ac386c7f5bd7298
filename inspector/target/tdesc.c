/*
 * tdesc.c - registers from a gdbstub's target description, see tdesc.h.
 *
 * Not a general XML parser: comments are skipped, and only the elements
 * that matter are read, each by its attributes: <architecture>,
 * <xi:include href="..."/> and <reg name=".." bitsize=".." [regnum=".."]/>.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "target/tdesc.h"

#define MAX_DEPTH	4	/* includes within includes */

int tdesc_add(struct tdesc *t, const char *name)
{
	unsigned i;

	for (i = 0; i < t->ndoc; i++)
		if (!strcmp(t->doc[i].name, name))
			return i;
	if (t->ndoc == TDESC_MAXDOCS || strlen(name) >= sizeof t->doc[0].name)
		return -1;
	snprintf(t->doc[t->ndoc].name, sizeof t->doc[0].name, "%s", name);
	return t->ndoc++;
}

int tdesc_missing(const struct tdesc *t)
{
	unsigned i;

	for (i = 0; i < t->ndoc; i++)
		if (!t->doc[i].done)
			return i;
	return -1;
}

/* The value of attribute key in the tag at tag (up to '>'), into val. */
static int attr(const char *tag, const char *key, char *val, size_t len)
{
	const char *end = strchr(tag, '>'), *p = tag, *q;
	size_t k = strlen(key), n;

	while ((p = strstr(p, key)) && (!end || p < end)) {
		if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n') &&
		    p[k] == '=' && (p[k + 1] == '"' || p[k + 1] == '\'')) {
			q = strchr(p + k + 2, p[k + 1]);
			n = q ? (size_t)(q - (p + k + 2)) : 0;
			if (!q || n >= len)
				return -1;
			memcpy(val, p + k + 2, n);
			val[n] = '\0';
			return 0;
		}
		p += k;
	}
	return -1;
}

/* The next element at or after p that is not a comment: its '<', or NULL. */
static const char *next_tag(const char *p)
{
	while ((p = strchr(p, '<'))) {
		if (strncmp(p, "<!--", 4))
			return p;
		p = strstr(p + 4, "-->");
		if (!p)
			return NULL;
	}
	return NULL;
}

void tdesc_add_includes(struct tdesc *t, const char *text)
{
	char href[64];
	const char *p = text;

	while ((p = next_tag(p))) {
		if (!strncmp(p, "<xi:include", 11) &&
		    !attr(p, "href", href, sizeof href))
			tdesc_add(t, href);
		p++;
	}
}

static int add_reg(struct tdesc *t, const char *tag, unsigned *next)
{
	struct tdesc_reg *r;
	char name[TDESC_NAME], bits[16], num[16];

	if (attr(tag, "name", name, sizeof name) ||
	    attr(tag, "bitsize", bits, sizeof bits))
		return 0;		/* not a register we can use */
	if (t->nreg == TDESC_MAXREGS)
		return -1;
	r = &t->reg[t->nreg++];
	snprintf(r->name, sizeof r->name, "%s", name);
	r->bits = strtoul(bits, NULL, 10);
	r->num = attr(tag, "regnum", num, sizeof num) ? *next :
		 strtoul(num, NULL, 10);
	*next = r->num + 1;
	return 0;
}

static int parse_doc(struct tdesc *t, int d, unsigned *next, int depth,
		     char *err, size_t errlen);

static int include(struct tdesc *t, const char *tag, unsigned *next,
		   int depth, char *err, size_t errlen)
{
	char href[64];
	unsigned i;

	if (attr(tag, "href", href, sizeof href))
		return 0;
	for (i = 0; i < t->ndoc; i++)
		if (!strcmp(t->doc[i].name, href))
			return parse_doc(t, i, next, depth + 1, err, errlen);
	snprintf(err, errlen, "target description: %s was never read", href);
	return -1;
}

static int parse_doc(struct tdesc *t, int d, unsigned *next, int depth,
		     char *err, size_t errlen)
{
	const char *p = t->doc[d].text;
	char *e;

	if (depth > MAX_DEPTH || !p) {
		snprintf(err, errlen, "target description: %s %s",
			 t->doc[d].name, p ? "includes itself" : "was never read");
		return -1;
	}
	while ((p = next_tag(p))) {
		if (!strncmp(p, "<reg", 4) && (p[4] == ' ' || p[4] == '\n') &&
		    add_reg(t, p, next) < 0) {
			snprintf(err, errlen, "target description: more than "
				 "%d registers", TDESC_MAXREGS);
			return -1;
		}
		if (!strncmp(p, "<xi:include", 11) &&
		    include(t, p, next, depth, err, errlen) < 0)
			return -1;
		if (!strncmp(p, "<architecture>", 14)) {
			snprintf(t->arch, sizeof t->arch, "%s", p + 14);
			if ((e = strchr(t->arch, '<')))
				*e = '\0';
		}
		p++;
	}
	return 0;
}

static int by_num(const void *a, const void *b)
{
	const struct tdesc_reg *x = a, *y = b;

	return (x->num > y->num) - (x->num < y->num);
}

int tdesc_parse(struct tdesc *t, char *err, size_t errlen)
{
	unsigned next = 0, i, off = 0;

	t->nreg = 0;
	if (!t->ndoc || parse_doc(t, 0, &next, 0, err, errlen) < 0)
		return t->ndoc ? -1 : (snprintf(err, errlen, "no target "
			"description"), -1);
	if (!t->nreg) {
		snprintf(err, errlen, "the target description has no registers");
		return -1;
	}
	qsort(t->reg, t->nreg, sizeof t->reg[0], by_num);
	for (i = 0; i < t->nreg; i++) {
		t->reg[i].off = off;
		off += (t->reg[i].bits + 7) / 8;
	}
	t->g_size = off;
	return 0;
}

const struct tdesc_reg *tdesc_find(const struct tdesc *t, const char *name)
{
	unsigned i;

	for (i = 0; i < t->nreg; i++)
		if (!strcmp(t->reg[i].name, name))
			return &t->reg[i];
	return NULL;
}

void tdesc_free(struct tdesc *t)
{
	unsigned i;

	for (i = 0; i < t->ndoc; i++) {
		free(t->doc[i].text);
		t->doc[i].text = NULL;
		t->doc[i].len = 0;
		t->doc[i].done = 0;
	}
	t->ndoc = 0;
	t->nreg = 0;
}
