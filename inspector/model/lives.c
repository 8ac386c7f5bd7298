/*
 * lives.c - the list of every mm_struct of a trace and its names; see
 * lives.h.
 *
 * Lives are appended as they begin, so the list is in event order; the
 * lives of one id are chained from the latest back (prev), and a look
 * up walks that chain: an id has few lives beside the trace's events.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/lives.h"
#include "util/array.h"

#define IDS		65536		/* mm ids are u16 */
#define DOT_UTF8	"\xc2\xb7"	/* U+00B7 MIDDLE DOT */

void life_init(struct lives *l)
{
	memset(l, 0, sizeof *l);
	l->last = calloc(IDS, sizeof *l->last);
	if (!l->last)
		abort();		/* as util_array_grow does */
}

void life_free(struct lives *l)
{
	free(l->v);
	free(l->last);
	memset(l, 0, sizeof *l);
}

void life_begin(struct lives *l, unsigned id, unsigned gen, unsigned owner,
		int announced, uint64_t n)
{
	struct life *x;

	l->v = util_array_grow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	x = &l->v[l->n];
	x->id = id;
	x->gen = gen;
	x->owner = owner;
	x->announced = !!announced;
	x->prev = l->last[id & (IDS - 1)];
	x->alloc_n = n;
	x->free_n = LIFE_ALIVE;
	l->last[id & (IDS - 1)] = ++l->n;
}

void life_end(struct lives *l, unsigned id, uint64_t n)
{
	uint32_t i = l->last[id & (IDS - 1)];

	if (i && l->v[i - 1].free_n == LIFE_ALIVE)
		l->v[i - 1].free_n = n;
}

const struct life *life_at(const struct lives *l, unsigned id, uint64_t n)
{
	uint32_t i;

	if (!l->last)
		return NULL;
	for (i = l->last[id & (IDS - 1)]; i; i = l->v[i - 1].prev)
		if (l->v[i - 1].alloc_n <= n)
			return &l->v[i - 1];
	return NULL;
}

const struct life *life_find(const struct lives *l, unsigned id,
			     unsigned gen)
{
	uint32_t i;

	if (!l->last)
		return NULL;
	for (i = l->last[id & (IDS - 1)]; i; i = l->v[i - 1].prev)
		if (l->v[i - 1].gen == gen)
			return &l->v[i - 1];
	return NULL;
}

char *life_name(unsigned id, unsigned gen, int utf8, char *buf, size_t len)
{
	if (gen <= 1)
		snprintf(buf, len, "%u", id);
	else
		snprintf(buf, len, "%u%s%u", id, utf8 ? DOT_UTF8 : ".", gen);
	return buf;
}

/* A decimal number of at most 5 digits at *s; moves *s past it. */
static int number(const char **s, unsigned *v)
{
	char *end;
	unsigned long x;

	if (**s < '0' || **s > '9')
		return -1;
	errno = 0;
	x = strtoul(*s, &end, 10);
	if (errno || x >= IDS || end - *s > 5)
		return -1;
	*v = x;
	*s = end;
	return 0;
}

int life_parse(const char *s, unsigned *id, unsigned *gen)
{
	*gen = 0;
	if (number(&s, id) < 0)
		return -1;
	if (!*s)
		return 0;
	if (*s == '.')
		s++;
	else if (!strncmp(s, DOT_UTF8, 2))
		s += 2;
	else
		return -1;
	return number(&s, gen) < 0 || *s || *gen == 0 ? -1 : 0;
}
