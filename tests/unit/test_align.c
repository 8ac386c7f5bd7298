/*
 * test_align.c - model/align.c's alignment of two lists of steps:
 * equal lists match row by row; a step inserted or removed is one row of
 * its own, wherever it is; marks anchor the matching, so steps are never
 * matched across a mark; lists too different to match step by step
 * become one block (cut), with nothing lost; empty lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/align.h"
#include "tap.h"

/* A list of steps from words ("m:" starts a mark). */
static void steps(struct align_trace *t, const char *const *w, size_t n)
{
	size_t i;

	memset(t, 0, sizeof *t);
	t->v = calloc(n + 1, sizeof *t->v);
	for (i = 0; i < n; i++) {
		t->v[i].n = i;
		t->v[i].mark = !strncmp(w[i], "m:", 2);
		snprintf(t->v[i].text, sizeof t->v[i].text, "%s", w[i]);
		t->v[i].hash = strlen(w[i]);	/* any: texts decide */
	}
	t->n = n;
}

/* The alignment as a string: "=a" same, "-a" A only, "+a" B only. */
static const char *show(const struct align_trace *a,
			const struct align_trace *b, struct align *al)
{
	static char buf[4096];
	size_t i, at = 0;

	align_diff(a, b, al);
	buf[0] = '\0';
	for (i = 0; i < al->n && at < sizeof buf - 64; i++)
		at += snprintf(buf + at, sizeof buf - at, "%s%c%s", i ? " " : "",
			       al->row[i].same ? '=' : al->row[i].a >= 0 ? '-' :
			       '+', al->row[i].a >= 0 ? a->v[al->row[i].a].text :
			       b->v[al->row[i].b].text);
	return buf;
}

static void check(const char *const *x, size_t nx, const char *const *y,
		  size_t ny, const char *want, const char *what)
{
	struct align_trace a, b;
	struct align al;
	const char *got;

	steps(&a, x, nx);
	steps(&b, y, ny);
	got = show(&a, &b, &al);
	if (!tap_ok(!strcmp(got, want), "%s", what))
		tap_diag("got '%s', want '%s'", got, want);
	align_free(&al);
	align_trace_free(&a);
	align_trace_free(&b);
}

#define N(x)	(sizeof x / sizeof x[0])

int main(void)
{
	static const char *const abc[] = { "a", "b", "c" };
	static const char *const axbc[] = { "a", "x", "b", "c" };
	static const char *const ac[] = { "a", "c" };
	static const char *const m1[] = { "p", "m:1", "q", "r", "m:2", "s" };
	static const char *const m2[] = { "q", "m:1", "r", "m:2", "s" };
	static char big[2][2000][16];	/* room for any int */
	static const char *ba[2000], *bb[2000];
	struct align_trace a, b;
	struct align al;
	int i, lost;

	tap_plan(7);
	check(abc, 3, abc, 3, "=a =b =c", "equal lists: every row the same");
	check(abc, 3, axbc, 4, "=a +x =b =c", "a step inserted: one row");
	check(abc, 3, ac, 2, "=a -b =c", "a step removed: one row");
	check(m1, 6, m2, 5, "-p +q =m:1 -q =r =m:2 =s",
	      "marks anchor: q is not matched across m:1");
	check(abc, 3, NULL, 0, "-a -b -c", "against nothing: all of A");
	check(NULL, 0, NULL, 0, "", "nothing against nothing");
	for (i = 0; i < 2000; i++) {
		snprintf(big[0][i], sizeof big[0][i], "a%d", i);
		snprintf(big[1][i], sizeof big[1][i], "b%d", i);
		ba[i] = big[0][i];
		bb[i] = big[1][i];
	}
	steps(&a, ba, 2000);
	steps(&b, bb, 2000);
	align_diff(&a, &b, &al);
	lost = al.only_a != 2000 || al.only_b != 2000 || al.n != 4000;
	tap_ok(al.cut && !lost, "2000 against 2000 other steps: one block, "
	       "nothing lost (%zu rows)", al.n);
	align_free(&al);
	align_trace_free(&a);
	align_trace_free(&b);
	return tap_done();
}
