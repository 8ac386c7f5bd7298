/*
 * expect.h - the language of expect files (samples/NAME.expect): what a
 * scenario's trace must show, written from Linux's rules.  The grammar
 * and its meaning are in samples/README.md, "Expect files"; this is the
 * parsed form, which match.c checks against a trace.
 *
 * The parser checks everything it can before any trace is read: record
 * types, field names and the names of their values, rules, state
 * attributes, and that every variable is bound before it is used.  An
 * error is "FILE:LINE: expected WHAT, not 'TOKEN'".
 */
#ifndef MMSCOPE_EXPECT_EXPECT_H
#define MMSCOPE_EXPECT_EXPECT_H

#include <stddef.h>
#include <stdint.h>
#include "trace/fields.h"

/* operators */
#define X_EQ		1	/* = (binds an unbound variable) */
#define X_NE		2	/* != */
#define X_LT		3
#define X_LE		4
#define X_GT		5
#define X_GE		6
#define X_HAS		7	/* ~ : a text contains */

/* value kinds */
#define V_NUM		1
#define V_STR		2	/* quoted, or a bare word on a text field */
#define V_VAR		3	/* $NAME */
#define V_NAME		4	/* a symbolic name, resolved per record type */

struct x_value {
	uint8_t kind;			/* V_* */
	int64_t num;			/* V_NUM; V_NAME once resolved */
	char *str;			/* V_STR, V_NAME */
	int var;			/* V_VAR: index in expect_file.vars */
};

/* What a condition's name refers to. */
#define P_FIELD		1	/* a field of the record (fields.h) */
#define P_N		2	/* the event number */
#define P_CPU		3
#define P_SEQ		4
#define P_TEXT		5	/* the text tail (text, msg, name) */
#define P_CALLER	6	/* an address: the symbol's function name */

/* NAME OP VALUE, in a pattern, a state or a final statement. */
struct x_cond {
	char *name;
	uint8_t op;			/* X_* */
	uint8_t what;			/* P_*, for patterns of one type */
	struct x_value val;
	const struct field *f;		/* P_FIELD of one type; NULL for any */
};

struct x_pattern {
	int type;			/* MMT_*, or 0 for any */
	struct x_cond *c;
	int nc;
};

/* An entry of a refs block. */
#define REF_ALLOC	16
#define REF_FREE	17

struct x_ref {
	int op;				/* MMT_OP_*, REF_ALLOC or REF_FREE */
	int users, count;
	int reason;			/* MMT_WHY_*, -1: not said */
	int era;			/* MMT_ERA_* it is for, 0: every era */
	int cpus;			/* X_UP, X_SMP, 0: any CPU count */
	int line;
};

/* the "up:" and "smp:" prefixes: for traces of one CPU, of several */
#define X_UP		1
#define X_SMP		2

/* statements */
#define S_EXPECT	1
#define S_NEXT		2
#define S_NEVER		3
#define S_STATE		4
#define S_REFS		5
#define S_VIOLATION	6
#define S_FINAL		7

/* state subjects and final kinds */
#define SUBJ_MM		1
#define SUBJ_CPU	2
#define SUBJ_TASK	3
#define F_END		4
#define F_MMS		5
#define F_TASKS		6
#define F_PAGES		7
#define F_MM		8
#define F_LOST		9

struct x_stmt {
	int kind;			/* S_* */
	int era;			/* MMT_ERA_* it is for, 0: every era */
	int cpus;			/* X_UP, X_SMP, 0: any CPU count */
	int line;
	char *src;			/* the statement as written */
	struct x_pattern p;		/* expect, next, never */
	struct x_pattern before;	/* never ... before */
	int has_before;
	int subject;			/* state, final: SUBJ_*, F_* */
	struct x_value id;		/* state, final mm, refs: which one */
	struct x_cond *c;	/* state attributes, violation fields, */
	int nc;				/* final conditions */
	int64_t number;			/* final mms, tasks, lost */
	int rule;			/* violation: R_* */
	struct x_ref *refs;		/* refs */
	int nrefs;
	size_t refs_cap;		/* room in refs */
};

struct expect_file {
	char *path;
	char *scenario;			/* NULL: none */
	char **options;			/* "key=value" */
	size_t noptions, options_cap;
	char *bug;			/* NULL: none */
	unsigned eras;			/* 1 << MMT_ERA_*; 0: every era */
	unsigned cpus;			/* 1 << N for each CPU count; 0: {1} */
	struct x_stmt *st;
	size_t nst, st_cap;
	char **vars;			/* variable names, without the $ */
	size_t nvars, vars_cap;
	int violations;			/* has violation statements */
};

/* Parse the expect file path.  NULL on error, with the message in err. */
struct expect_file *expect_load(const char *path, char *err, size_t len);

/* Parse text as if it were the file path (for tests). */
struct expect_file *expect_parse(const char *path, const char *text,
				 char *err, size_t len);

void expect_free(struct expect_file *x);

/*
 * Does the file hold for era (NULL: any) and smp CPUs (0: any)?  0, or
 * -1 with the reason in err.
 */
int expect_applies(const struct expect_file *x, const char *era,
		   unsigned long smp, char *err, size_t len);

/* The names of a state subject's attributes, for messages. */
extern const char *const parse_attrs_mm[], *const parse_attrs_cpu[],
	*const parse_attrs_task[];

#endif /* MMSCOPE_EXPECT_EXPECT_H */
