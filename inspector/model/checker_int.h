/*
 * checker_int.h - what checker.c, kpath.c and findings.c share: the checker's
 * own parts, not for other files (they use checker.h).
 *
 * kpath.c keeps each CPU's kernel path (the operations its records owe
 * and the MM_REFs that wait for the record they go with), decides when an
 * mm is out of flux, and checks the balance rules; checker.c checks the
 * rules about one record and calls kpath.c; findings.c keeps and prints
 * what they report.
 */
#ifndef MMSCOPE_MODEL_CHECKER_INT_H
#define MMSCOPE_MODEL_CHECKER_INT_H

#include "model/checker.h"

#define CK_FREE		8	/* cause.op: an MM_FREE is owed */
#define CK_HOLDER	9	/* cause.op: a task to hold a new mm */

/* mm_check.said */
#define SAID_NEG	0x01	/* negative_counter */
#define SAID_NOUSERS	0x02	/* count_without_users */

/* which balance rules (kpath_balance()) */
enum balance_rules {
	BALANCE_USERS = 1,
	BALANCE_COUNT = 2,
	BALANCE_BOTH = 3,
};

/* Reporting (checker.c).  Without a sink only the count goes up. */
void check_vinit(struct violation *v, const struct model *m, int rule,
		 unsigned cpu, const struct mm *x);
void check_report(struct model *m, struct violation *v);
void check_simple(struct model *m, int rule, unsigned cpu, unsigned id,
		  unsigned pid, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* The rule about TLB shootdowns and lazy CPUs (check_tlb.c). */
void check_tlb(struct model *m, const struct mmt_event *ev);

/* Kernel paths and balance (kpath.c). */
void kpath_flux(struct model *m, unsigned id, int d);
void kpath_touch(struct model *m, unsigned id);
void kpath_touch_fields(struct model *m, const struct mmt_event *ev);
int kpath_claim(struct model *m, struct cause *v, uint8_t *n, unsigned mm,
		unsigned op, unsigned reason);
void kpath_owe(struct model *m, unsigned cpu, unsigned mm, unsigned op,
	       unsigned reason, unsigned blame, unsigned pid);
void kpath_did(struct model *m, unsigned cpu, unsigned mm, unsigned op,
	       unsigned reason, int waits);
void kpath_purge(struct model *m, unsigned id);
void kpath_blame(struct model *m, const struct cause *o);
void kpath_balance(struct model *m, struct mm *x, unsigned cpu, int which);
void kpath_touched(struct model *m, unsigned cpu);
void kpath_settle(struct model *m, unsigned cpu);

#endif /* MMSCOPE_MODEL_CHECKER_INT_H */
