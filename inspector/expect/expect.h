/*
 * expect.h - the language of expect files (samples/NAME.expect): what a
 * scenario's trace must show, written from Linux's rules.  The grammar
 * and its meaning are in samples/EXPECT.md; this is the
 * parsed form, which match.c checks against a trace.
 *
 * The parser checks everything it can before any trace is read: record
 * types, field names and the names of their values, rules, state
 * attributes, and that every variable is bound before it is used.  An
 * error is "FILE:LINE:COL: expected WHAT, not 'TOKEN'".
 */
#ifndef MMSCOPE_EXPECT_EXPECT_H
#define MMSCOPE_EXPECT_EXPECT_H

#include <stddef.h>
#include <stdint.h>
#include "trace/fields.h"

/* operators */
enum x_cmp {
	CMP_EQ = 1,			/* = (binds an unbound variable) */
	CMP_NE = 2,			/* != */
	CMP_LT = 3,
	CMP_LE = 4,
	CMP_GT = 5,
	CMP_GE = 6,
	CMP_HAS = 7,			/* ~ : a text contains */
};

/* value kinds */
enum x_value_kind {
	VAL_NUM = 1,
	VAL_STR = 2,		/* quoted, or a bare word on a text field */
	VAL_VAR = 3,			/* $NAME */
	VAL_NAME = 4,		/* a symbolic name, resolved per record type */
};

struct x_value {
	uint8_t kind;			/* enum x_value_kind */
	uint16_t life;			/* VAL_NUM written as an mm_struct's
					   name ("3.2", model/lives.h): num
					   is the id, this its life; 0: a
					   plain number */
	int64_t num;			/* VAL_NUM; VAL_NAME once resolved */
	char *str;			/* VAL_STR, VAL_NAME */
	int var;			/* VAL_VAR: index in expect_file.vars */
};

/* What a condition's name refers to. */
enum x_cond_what {
	COND_FIELD = 1,			/* a field of the record (fields.h) */
	COND_N = 2,			/* the event number */
	COND_CPU = 3,
	COND_SEQ = 4,
	COND_TEXT = 5,			/* the text tail (text, msg, name) */
	COND_CALLER = 6,	/* an address: the symbol's function name */
};

/* NAME OP VALUE, in a pattern, a state or a final statement. */
struct x_cond {
	char *name;
	uint8_t op;			/* enum x_cmp */
	uint8_t what;			/* enum x_cond_what, for patterns of
					   one type */
	struct x_value val;
	const struct field *f;	/* COND_FIELD of one type; NULL for any */
};

struct x_pattern {
	int type;			/* MMT_*, or 0 for any */
	struct x_cond *c;
	int nc;
};

/* An entry of a refs block. */
enum x_ref_op {
	REF_ALLOC = 16,
	REF_FREE = 17,
};

struct x_ref {
	int op;				/* MMT_OP_*, REF_ALLOC or REF_FREE */
	int users, count;
	int reason;			/* MMT_WHY_*, -1: not said */
	int era;			/* MMT_ERA_* it is for, 0: every era */
	int cpus;		/* CPUS_UP, CPUS_SMP, 0: any CPU count */
	int line;
};

/* the "up:" and "smp:" prefixes: for traces of one CPU, of several */
enum x_cpus {
	CPUS_UP = 1,
	CPUS_SMP = 2,
};

/* statements */
enum x_stmt_kind {
	STMT_EXPECT = 1,
	STMT_NEXT = 2,
	STMT_NEVER = 3,
	STMT_STATE = 4,
	STMT_REFS = 5,
	STMT_VIOLATION = 6,
	STMT_FINAL = 7,
};

/* state subjects and final kinds */
enum x_subject {
	SUBJ_MM = 1,
	SUBJ_CPU = 2,
	SUBJ_TASK = 3,
	FINAL_END = 4,
	FINAL_MMS = 5,
	FINAL_TASKS = 6,
	FINAL_PAGES = 7,
	FINAL_MM = 8,
	FINAL_LOST = 9,
};

struct x_stmt {
	int kind;			/* enum x_stmt_kind */
	int era;			/* MMT_ERA_* it is for, 0: every era */
	int cpus;		/* CPUS_UP, CPUS_SMP, 0: any CPU count */
	int line;
	char *src;			/* the statement as written */
	struct x_pattern p;		/* expect, next, never */
	struct x_pattern before;	/* never ... before */
	int has_before;
	int subject;			/* state, final: enum x_subject */
	struct x_value id;		/* state, final mm, refs: which one */
	struct x_cond *c;	/* state attributes, violation fields, */
	int nc;				/* final conditions */
	int64_t number;			/* final mms, tasks, lost */
	int rule;			/* violation: enum rule_id */
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
