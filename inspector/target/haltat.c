/*
 * haltat.c - where to halt, as the user writes it: KIND[:cpu=N][:mm=M],
 * parsed, and a set of them made into a filter for dbg_next.  `mmscope
 * verify --at` and `mmscope run --halt-at` both read this syntax.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "target/dbg.h"
#include "trace/names.h"

int dbg_parse_at(const char *s, struct dbg_at *a)
{
	char kind[32], *q;
	size_t n = strcspn(s, ":");
	unsigned t;

	*a = (struct dbg_at) { 0, -1, 0 };
	if (n >= sizeof kind)
		return -1;
	memcpy(kind, s, n);
	kind[n] = '\0';
	for (t = 1; strcmp(kind, "any") && t < 256; t++)
		if (mmt_types[t].name && !strcmp(mmt_types[t].name, kind))
			break;
	if (t == 256)
		return -1;
	a->type = strcmp(kind, "any") ? t : 0;
	for (s += n; *s == ':'; s = q) {
		n = !strncmp(s, ":cpu=", 5) ? 5 : !strncmp(s, ":mm=", 4) ? 4 : 0;
		if (!n || !isdigit((unsigned char)s[n]))
			return -1;
		if (n == 5)
			a->cpu = strtol(s + n, &q, 10);
		else
			a->mm = strtoul(s + n, &q, 10);
	}
	return *s || a->cpu < -1 || a->cpu >= 32 ? -1 : 0;
}

/* Does one of the places in arg (a struct dbg_ats) want rec of cpu? */
static int want_at(void *arg, unsigned cpu, const uint8_t *rec)
{
	const struct dbg_ats *s = arg;
	const struct dbg_at *a;
	int i;

	for (i = 0; i < s->n; i++) {
		a = &s->at[i];
		if ((!a->type || a->type == rec[0]) &&
		    (a->cpu < 0 || (unsigned)a->cpu == cpu) &&
		    (!a->mm || dbg_names_mm(rec, a->mm)))
			return 1;
	}
	return 0;
}

/* The kernel stops at the union of the places; want_at picks. */
void dbg_filter_at(struct dbg_filter *f, const struct dbg_ats *s)
{
	const struct dbg_at *a;
	int i;

	memset(f, 0, sizeof *f);
	for (i = 0; i < s->n; i++) {
		a = &s->at[i];
		if (a->type)
			f->types[a->type / 32] |= 1u << (a->type % 32);
		else
			memset(f->types, 0xff, sizeof f->types);
		f->cpus |= a->cpu < 0 ? ~0u : 1u << a->cpu;
	}
	f->types[MMT_STREAM / 32] &= ~(1u << (MMT_STREAM % 32));
	f->want = want_at;
	f->want_arg = (void *)s;
}
