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
#define R_COUNTER_MISMATCH	1
#define R_NEGATIVE_COUNTER	2
#define R_COUNT_WITHOUT_USERS	3
#define R_USERS_BALANCE		4
#define R_COUNT_BALANCE		5
#define R_USER_ACTIVE_MM	6
#define R_KTHREAD_HAS_MM	7
#define R_SWITCHED_OUT_ACTIVE	8
#define R_FREE_WITH_COUNT	9
#define R_FREE_WHILE_ACTIVE	10
#define R_INIT_MM_FREED		11
#define R_INIT_MM_AS_MM		12
#define R_USE_AFTER_FREE	13
#define R_LEAK_AT_END		14
#define R_MAX			14

struct rule_info {
	const char *name;		/* "count_balance" */
	const char *what;		/* one sentence: what went wrong */
};

extern const struct rule_info check_rules[R_MAX + 1];

/* The rule named s, or 0. */
int check_rule_parse(const char *s);

/* Why a rule broke, when the checker can name it (mm_check.cause). */
#define SUS_NO_LAZY_GRAB	1
#define SUS_NO_PREV_DROP	2
#define SUS_PREV_OVERWRITE	3
#define SUS_NO_EXIT_GRAB	4
#define SUS_NO_CLONE_GET	5
#define SUS_NO_EXEC_PUT		6
#define SUS_NO_EXEC_DROP	7
#define SUS_NO_USE_GRAB		8
#define SUS_NO_USE_DROP		9
#define SUS_NO_MMPUT_LAST	10
#define SUS_NO_FREE		11
#define SUS_LOST_HOLDER		12
#define SUS_LAST_REF		13	/* no cause known: the last MM_REF */
#define SUS_NO_EXIT_PUT		14
#define SUS_EXTRA_OP		15	/* an MM_REF nothing asked for */
#define SUS_NO_HOLDER		16	/* a new mm no task took */
#define SUS_NO_IDLE_GRAB	17

/* A broken rule. */
struct violation {
	uint8_t rule;			/* R_* */
	uint8_t cpu;			/* where it was detected */
	uint8_t cause_cpu;
	uint8_t why;			/* SUS_* for the cause line, 0: none */
	uint8_t cause_op, cause_reason;	/* SUS_EXTRA_OP: the operation */
	uint16_t mm;			/* 0: none */
	uint16_t pid;			/* the task involved, 0: none */
	uint64_t n;			/* event that showed it */
	uint64_t cause;		/* event that did it (== n if the same) */
	uint32_t caller;		/* caller of the mm's nearest MM_REF */
	uint64_t caller_n;		/* that MM_REF's event */
	/* the mm's state at detection */
	int32_t users, count;		/* its counters */
	int32_t users_held, count_held;	/* what its holders add up to */
	uint16_t h_users, pins, h_lazy, h_grabs, h_prev, h_cr3;
	char detail[160];		/* this case in words */
};

/* Rules suspended for an mm, and why. */
#define SUSP_GAP	1	/* events lost on a CPU */
#define SUSP_UNKNOWN	2	/* the mm appeared without MM_ALLOC */
#define SUSP_NOEND	3	/* the trace ended without END */
#define SUSP_DURING	4	/* allocated while events were being lost */

struct suspension {
	uint8_t why;			/* SUSP_* */
	uint8_t cpu;
	uint16_t mm;			/* 0: every mm (SUSP_NOEND) */
	uint32_t lost;			/* events lost (SUSP_GAP) */
	uint64_t n;			/* where */
	const char *rules;		/* the rules suspended, in words */
	const char *until;		/* until when */
	char detail[96];		/* SUSP_NOEND: an operation cut short */
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

/* What caused v (v->why != 0), in words: "context_switch to kernel
 * thread 6 borrowed mm 2 without mmgrab (lazy_borrow)". */
void violation_cause(char *buf, size_t len, const struct violation *v);

/* --- hooks, called by model.c only -------------------------------- */

/* Before ev is applied (state is the one before it). */
void check_before(struct model *m, const struct mmt_event *ev);
/* After ev is applied. */
void check_after(struct model *m, const struct mmt_event *ev);
/* Events were lost on cpu just before event n. */
void check_gap(struct model *m, unsigned cpu, uint32_t lost, uint64_t n);
/* mm x was first seen at event n without MM_ALLOC. */
void check_unknown_mm(struct model *m, struct mm *x, uint64_t n);
/* The input ended after m->n events. */
void check_finish(struct model *m);

#endif /* MMSCOPE_MODEL_CHECKER_H */
