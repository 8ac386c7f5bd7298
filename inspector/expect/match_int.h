/*
 * match_int.h - the expect matcher's own parts, shared by match.c (the
 * conditions, the ordered statements, violations, the run) and match_state.c
 * (state, refs and final statements).  Everyone else uses match.h.
 */
#ifndef MMSCOPE_EXPECT_MATCH_INT_H
#define MMSCOPE_EXPECT_MATCH_INT_H

#include <stdint.h>
#include <stdio.h>
#include "expect/match.h"
#include "trace/print.h"

#define UNDO_MAX	64	/* variables one trial may bind */

struct matcher {
	const struct expect_file *x;
	struct timeline *tl;
	struct symtab *syms;
	FILE *out;
	struct model *view;		/* for state: seeks */
	int64_t *val;			/* variables */
	uint8_t *bound;
	int undo[UNDO_MAX];		/* bound during the current trial */
	int nundo;
	int64_t cursor;			/* -1: before the first event */
	size_t vnext;			/* next violation to account for */
	int stopped;			/* line of a failed ordered statement */
	struct printer pr;
	struct match_result *r;
};

/* match.c */
int match_holds_here(struct matcher *mt, int era, int cpus);
int match_get(struct matcher *mt, int64_t n, struct mmt_event *ev);
void match_show_event(struct matcher *mt, const struct mmt_event *ev,
		      const char *indent);
void match_undo(struct matcher *mt);
int match_num_holds(struct matcher *mt, const struct x_cond *c, int64_t v);
int match_text_holds(const struct x_cond *c, const char *s, size_t n);
int match_pattern(struct matcher *mt, const struct x_pattern *p,
		  const struct mmt_event *ev, int *score);
void match_fail_head(struct matcher *mt, const struct x_stmt *s);
void match_show_vars(struct matcher *mt, const struct x_stmt *s);
void match_show_miss(struct matcher *mt, const struct x_pattern *p, int64_t n,
		     const char *what);

/* match_state.c */
void match_state(struct matcher *mt, const struct x_stmt *s);
void match_refs(struct matcher *mt, const struct x_stmt *s);
void match_final(struct matcher *mt, const struct x_stmt *s);

#endif /* MMSCOPE_EXPECT_MATCH_INT_H */
