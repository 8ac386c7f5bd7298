/*
 * parse.h - the expect file parser's own parts, shared by parse.c
 * (files, lines, tokens), parse_cond.c (values, conditions, patterns) and
 * parse_stmt.c (statements).  Everyone else uses expect.h.
 */
#ifndef MMSCOPE_XPARSE_H
#define MMSCOPE_XPARSE_H

#include <stddef.h>
#include <stdint.h>
#include "expect/expect.h"
#include "trace/names.h"

#define MAXTOK		64	/* words on one line */

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

/* "FILE:LINE: " and the message into p->err; returns -1. */
int fail(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Allocation that cannot fail (it aborts). */
void *xcalloc(size_t n, size_t size);
char *xstrdup(const char *s);
void *xgrow(void *v, size_t n, size_t size);	/* room for one more */

/* parse_cond.c */
int var_index(struct expect_file *x, const char *name);
int is_bound(struct parser *p, int var);
void set_bound(struct parser *p, int var);
char *unquote(const char *s);
int value(struct parser *p, const char *s, int op, struct x_value *v,
	  const char *name);
int cond(struct parser *p, const char *tok, struct x_cond *c);
int want_number(struct parser *p, const struct x_cond *c);
int want_text(struct parser *p, struct x_cond *c);
int cond_typed(struct parser *p, int t, struct x_cond *c);
int pattern(struct parser *p, int i, int end, struct x_pattern *pat,
	    const char *after);
extern const char *const x_opnames[];

/* parse_stmt.c */
int statement(struct parser *p);
int one_of(struct parser *p, const struct nametab *t, const char *s,
	   const char *what);

#endif /* MMSCOPE_XPARSE_H */
