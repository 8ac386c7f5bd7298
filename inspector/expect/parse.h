/*
 * parse.h - the expect file parser's own parts, shared by parse.c
 * (files, lines, tokens), parse_cond.c (values, conditions, patterns) and
 * parse_stmt.c (statements).  Everyone else uses expect.h.
 */
#ifndef MMSCOPE_EXPECT_PARSE_H
#define MMSCOPE_EXPECT_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include "expect/expect.h"
#include "trace/names.h"
#include "util/util.h"

#define MAXTOK		64	/* words on one line */

struct parser {
	struct expect_file *x;
	int line;			/* of the statement being parsed */
	char *text;			/* that line as written (comment and
					   continuations gone): for columns */
	char *tok[MAXTOK];		/* its tokens */
	int ntok;
	int asserted;			/* an assertion came before */
	uint8_t *bound;			/* per variable: bound so far */
	size_t bound_cap;
	struct x_stmt *refs;		/* an open refs block */
	char *err;
	size_t errlen;
};

/*
 * "FILE:LINE:COL: " and the message into p->err; returns -1.  COL is
 * where the message's last quoted 'TOKEN' starts in the line (counting
 * from 1), and is left out when the token is not in it.
 */
int parse_fail(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* parse_cond.c */
int parse_var_index(struct expect_file *x, const char *name);
int parse_is_bound(struct parser *p, int var);
void parse_set_bound(struct parser *p, int var);
char *parse_unquote(const char *s);
int parse_value(struct parser *p, const char *s, int op, struct x_value *v,
		const char *name);
int parse_cond(struct parser *p, const char *tok, struct x_cond *c);
int parse_want_number(struct parser *p, const struct x_cond *c);
int parse_want_text(struct parser *p, struct x_cond *c);
int parse_cond_typed(struct parser *p, int t, struct x_cond *c);
int parse_pattern(struct parser *p, int i, int end, struct x_pattern *pat,
		  const char *after);
extern const char *const parse_opnames[];

/* parse_stmt.c */
int parse_statement(struct parser *p);
int parse_one_of(struct parser *p, const struct nametab *t, const char *s,
		 const char *what);

#endif /* MMSCOPE_EXPECT_PARSE_H */
