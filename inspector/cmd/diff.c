/*
 * diff.c - `mmscope diff A.mmt B.mmt [-U N] [--all]`: where two traces
 * differ, step by step, as diff -u shows two files: the same run in two
 * eras, or a kernel with a fault injected and a good one.
 *
 * The steps and their alignment are model/align.c's: marks first, then
 * task operations and mm operations between them.  Each hunk of
 * differences is printed with N steps of context and the last mark
 * before it; "-" is a step of A only, "+" one of B only.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/align.h"
#include "trace/names.h"
#include "util/util.h"
#include "cmd/verbs.h"

const char cmd_diff_usage[] =
"usage: mmscope diff A.mmt B.mmt [-U N] [--all]\n"
"\n"
"Where two traces differ: the same scenario in two eras, or with a fault\n"
"injected and without.  Each trace is read as steps (the scenario's\n"
"marks, task operations, switches and every mm operation with its\n"
"counters, mm_structs by name); marks align first, then the steps\n"
"between them.  Printed as diff -u prints files: '-' a step of A only,\n"
"'+' one of B only, with each step's event numbers.\n"
"\n"
"  -U, --unified N  steps of context around a difference (default 3)\n"
"  --all            every step, the same ones too\n"
"\n"
"Exit status: 0 the steps are the same, 1 they differ, 2 a trace cannot\n"
"be read.\n";

struct side {
	const char *path;
	struct timeline *tl;
	struct align_trace t;
};

/* Read one trace and its steps; 0, or -1 having said why. */
static int side_load(struct side *s)
{
	char err[600];

	s->tl = tl_new(0);
	if (!s->tl || tl_load(s->tl, s->path, err, sizeof err) < 0) {
		util_err("%s", s->tl ? err : "out of memory");
		return -1;
	}
	if (align_steps(s->tl, &s->t) < 0) {
		util_err("%s: out of memory", s->path);
		return -1;
	}
	return 0;
}

static void side_free(struct side *s)
{
	align_trace_free(&s->t);
	tl_free(s->tl);
}

/* "A: lec.mmt  lecture, era 2.6.32, 2 cpus, 545 events, 310 steps" */
static void side_head(const char *tag, const struct side *s)
{
	const struct model *m = s->tl->tail;
	const char *era = names_of(&names_era, m->era);
	char scen[4 * sizeof m->scenario];	/* from the trace: escaped */

	util_printable(scen, sizeof scen, m->scenario, sizeof m->scenario);
	printf("%s: %s  %s, era %s, %u cpu%s, %llu events, %zu steps\n", tag,
	       s->path, scen[0] ? scen : "?", era ? era : "?",
	       m->stream_ncpu, m->stream_ncpu == 1 ? "" : "s",
	       (unsigned long long)evlog_count(s->tl->log), s->t.n);
}

/* One row: its mark, its events, its step. */
static void print_row(const struct side *a, const struct side *b,
		      const struct align_row *r)
{
	char ea[24] = "", eb[24] = "";

	if (r->a >= 0)
		snprintf(ea, sizeof ea, "A %llu",
			 (unsigned long long)a->t.v[r->a].n);
	if (r->b >= 0)
		snprintf(eb, sizeof eb, "B %llu",
			 (unsigned long long)b->t.v[r->b].n);
	printf("%c %-8s %-8s  %s\n", r->same ? ' ' : r->a >= 0 ? '-' : '+',
	       ea, eb, r->a >= 0 ? a->t.v[r->a].text : b->t.v[r->b].text);
}

/* The last mark at or before row i, for a hunk's head. */
static const char *mark_before(const struct side *a, const struct align *al,
			       size_t i)
{
	for (;; i--) {
		if (al->row[i].same && a->t.v[al->row[i].a].mark)
			return a->t.v[al->row[i].a].text;
		if (!i)
			return NULL;
	}
}

/* Rows from..to of al, under a head naming the last mark before them. */
static void hunk(const struct side *a, const struct side *b,
		 const struct align *al, size_t from, size_t to)
{
	const char *mark = from ? mark_before(a, al, from - 1) : NULL;

	printf("@@ %s%s @@\n", mark ? "after " : "from the start",
	       mark ? mark : "");
	for (; from < to; from++)
		print_row(a, b, &al->row[from]);
}

/* The hunks of al with ctx rows of context; all rows: ctx < 0.  Two
 * differences closer than 2 ctx rows go in one hunk. */
static void print_hunks(const struct side *a, const struct side *b,
			const struct align *al, long ctx)
{
	size_t d, j, last, from, to, done = 0;

	if (ctx < 0) {
		hunk(a, b, al, 0, al->n);
		return;
	}
	for (;;) {
		for (d = done; d < al->n && al->row[d].same; d++)
			;
		if (d == al->n)
			return;
		for (last = d, j = d + 1; j < al->n; j++)
			if (!al->row[j].same)
				last = j;
			else if (j - last > 2 * (size_t)ctx)
				break;
		from = d > (size_t)ctx ? d - ctx : 0;
		from = from < done ? done : from;
		to = last + ctx + 1 < al->n ? last + ctx + 1 : al->n;
		hunk(a, b, al, from, to);
		done = to;
	}
}

int cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "unified", required_argument, NULL, 'U' },
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct side a = { 0 }, b = { 0 };
	unsigned long u = 3;
	struct align al;
	int c, all = 0, rc = EXIT_USAGE;

	optind = 0;
	while ((c = getopt_long(argc, argv, "U:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'U':
			if (util_parse_ulong(optarg, 0, 1000, &u) < 0) {
				util_err("diff: -U %s: a number of steps, 0 to "
					 "1000", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'a': all = 1; break;
		case 'h': fputs(cmd_diff_usage, stdout); return EXIT_OK;
		default: util_usage_hint(cmd_diff_usage); return EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		util_err("diff: two traces, please (mmscope diff A.mmt B.mmt)");
		return EXIT_USAGE;
	}
	a.path = argv[optind];
	b.path = argv[optind + 1];
	if (side_load(&a) == 0 && side_load(&b) == 0) {
		align_diff(&a.t, &b.t, &al);
		side_head("A", &a);
		side_head("B", &b);
		print_hunks(&a, &b, &al, all ? -1 : (long)u);
		printf("%zu steps only in A, %zu only in B, %zu the same; %zu "
		       "mark%s in both%s\n", al.only_a, al.only_b,
		       al.n - al.only_a - al.only_b, al.marks,
		       al.marks == 1 ? "" : "s", al.cut ?
		       "; too different in places to match step by step" :
		       "");
		rc = al.only_a || al.only_b ? EXIT_FAIL : EXIT_OK;
		align_free(&al);
	}
	side_free(&a);
	side_free(&b);
	return rc;
}
