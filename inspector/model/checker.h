/*
 * checker.h - the checker: the rules of Linux's mm lifecycle, checked on
 * every event the model applies (always on, in every verb).  MODEL.md
 * lists the rules and says when each is checked.
 *
 * model.c calls the hooks below around each transition; the checker
 * reads the model, keeps its own state in the model's ck fields, and
 * reports through the model's sink: a violation (a rule broken) or a
 * suspension (rules it cannot vouch for, after a gap).  Without a sink
 * (while seeking) it computes the same and reports nothing.
 */
#ifndef MMSCOPE_MODEL_CHECKER_H
#define MMSCOPE_MODEL_CHECKER_H

#include <stdio.h>
#include "model/model.h"
#include "trace/symbols.h"

/* Rules: stable numbers and names (names are what expect files use). */
enum rule_id {
	RULE_COUNTER_MISMATCH = 1,
	RULE_NEGATIVE_COUNTER = 2,
	RULE_COUNT_WITHOUT_USERS = 3,
	RULE_USERS_BALANCE = 4,
	RULE_COUNT_BALANCE = 5,
	RULE_USER_ACTIVE_MM = 6,
	RULE_KTHREAD_HAS_MM = 7,
	RULE_SWITCHED_OUT_ACTIVE = 8,
	RULE_FREE_WITH_COUNT = 9,
	RULE_FREE_WHILE_ACTIVE = 10,
	RULE_INIT_MM_FREED = 11,
	RULE_INIT_MM_AS_MM = 12,
	RULE_USE_AFTER_FREE = 13,
	RULE_LEAK_AT_END = 14,
	RULE_STALE_TLB = 15,
	RULE_MAX = 15,
};

struct rule_info {
	const char *name;		/* "count_balance" */
	const char *what;		/* one sentence: what went wrong */
};

extern const struct rule_info check_rules[RULE_MAX + 1];

/* The rule named s, or 0. */
int check_rule_parse(const char *s);


/* A broken rule. */
struct violation {
	uint8_t rule;			/* enum rule_id */
	uint8_t cpu;			/* where it was detected */
	uint16_t mm;			/* 0: none */
	uint16_t pid;			/* the task involved, 0: none */
	uint64_t n;			/* event that showed it */
	struct cause cause;		/* what did it: cause.n is n if the
					   same event; cause.kind CAUSE_NONE
					   if there is no more to say */
	uint32_t caller;		/* caller of the mm's nearest MM_REF */
	uint64_t caller_n;		/* that MM_REF's event */
	/* the mm's state at detection */
	int32_t users, count;		/* its counters */
	int32_t users_held, count_held;	/* what its holders add up to */
	uint16_t h_users, pins, h_lazy, h_grabs, h_prev, h_cr3;
	char detail[160];		/* this case in words */
};

/* Rules suspended for an mm, and why. */
enum suspend_kind {
	SUSPEND_GAP = 1,		/* events lost on a CPU */
	SUSPEND_UNKNOWN = 2,		/* the mm appeared without MM_ALLOC */
	SUSPEND_NOEND = 3,		/* the trace ended without END */
	SUSPEND_DURING = 4,	/* allocated while events were being lost */
	SUSPEND_CUT = 5,		/* the trace of a CPU ends before END */
};

struct suspension {
	uint8_t kind;			/* enum suspend_kind */
	uint8_t cpu;
	uint16_t mm;			/* 0: every mm (SUSPEND_NOEND) */
	uint32_t lost;			/* events lost (SUSPEND_GAP) */
	uint64_t n;			/* where */
	const char *rules;		/* the rules suspended, in words */
	const char *until;		/* until when */
	char detail[96];	/* SUSPEND_NOEND: an operation cut short */
};

struct check_sink {
	void (*violation)(void *arg, const struct violation *v);
	void (*suspension)(void *arg, const struct suspension *s);
	void *arg;
};

/* Everything found, in order: a sink that keeps it all. */
struct findings {
	struct violation *v;
	size_t nv, vcap;
	struct suspension *s;
	size_t ns, scap;
	struct check_sink sink;		/* points at this */
};

void findings_init(struct findings *f);
void findings_free(struct findings *f);

/* The first violation detected at event n or later (nv if none). */
size_t findings_at(const struct findings *f, uint64_t n);

/*
 * One violation in words: a headline, the mm's state and holders, the
 * cause and the symbolised caller (syms may be NULL), each line starting
 * with indent.  As JSON (an object, no newline) with json.
 */
void violation_print(FILE *out, const struct violation *v,
		     struct symtab *syms, const char *indent);
void violation_json(FILE *out, const struct violation *v,
		    struct symtab *syms);
void suspension_print(FILE *out, const struct suspension *s,
		      const char *indent);

/* What caused v (v->cause.kind != CAUSE_NONE), in words:
 * "context_switch to kernel thread 6 borrowed mm 2 without mmgrab
 * (lazy_borrow)". */
void violation_cause(char *buf, size_t len, const struct violation *v);

/* --- hooks, called by model.c only -------------------------------- */

/* Before ev is applied (state is the one before it). */
void check_before(struct model *m, const struct mmt_event *ev);
/* After ev is applied. */
void check_after(struct model *m, const struct mmt_event *ev);
/* Events were lost on cpu just before event n: kind SUSPEND_GAP, or
 * SUSPEND_CUT for the end of a trace cut before END. */
void check_gap(struct model *m, unsigned cpu, uint32_t lost, uint64_t n,
	       int kind);
/* mm x was first seen at event n without MM_ALLOC. */
void check_unknown_mm(struct model *m, struct mm *x, uint64_t n);
/* The input ended after m->n events. */
void check_finish(struct model *m);

#endif /* MMSCOPE_MODEL_CHECKER_H */
