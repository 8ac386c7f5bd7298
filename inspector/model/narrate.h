/*
 * narrate.h - the narration catalogue: one plain sentence for every
 * transition of the model (each record type, each variant of it, each
 * MM_REF reason) and for every checker rule.  The TUI's narration line
 * says it; nothing here draws.
 *
 *	struct narrator nr = { before, log, "→" };
 *	narrate_event(&nr, &ev, buf, sizeof buf);
 *	// "sleeper[8] borrows mm 2 from lecture[1] (lazy TLB): mm_count 1→2."
 *
 * A sentence names tasks as comm[pid] (swapper/N for pid 0, an idle
 * task), mms as "mm N" (init_mm for mm 1), and gives a counter that
 * changes as "mm_users 1→2".  It reads the model in the state *before*
 * the event: a freed task still has its name, a new one is named by its
 * record.
 */
#ifndef MMSCOPE_MODEL_NARRATE_H
#define MMSCOPE_MODEL_NARRATE_H

#include <stddef.h>
#include "model/checker.h"
#include "trace/decode.h"
#include "trace/evlog.h"
#include "model/model.h"

#define NARRATE_MAX	512		/* a sentence fits in this */

struct narrator {
	const struct model *m;	/* the state before the event, or NULL */
	const struct evlog *log;	/* to look back (who a borrow came
					   from), or NULL */
	const char *arrow;		/* "→", or "->" without UTF-8 */
};

/* The sentence for ev; returns buf. */
char *narrate_event(const struct narrator *nr, const struct mmt_event *ev,
		    char *buf, size_t len);

/* The sentence for rule r (enum rule_id): what the checker found wrong. */
char *narrate_rule(int r, char *buf, size_t len);

/* A violation in one line: its rule's sentence, the case, the cause. */
char *narrate_violation(const struct violation *v, char *buf, size_t len);

/*
 * The catalogue itself: the sentence of each record type and variant,
 * with {name} where a value goes (MM_REF's variant is its reason; the
 * others are the NV_* below).  NULL if there is none: the tests check
 * that every record type and every reason has one.
 */
const char *narrate_template(unsigned type, unsigned variant);

/* Variants of the record types that have several sentences. */
#define NV_FORK		0	/* TASK_NEW: a user fork (dup_mm) */
#define NV_THREAD	1	/* TASK_NEW: CLONE_VM */
#define NV_VFORK	2	/* TASK_NEW: CLONE_VM | CLONE_VFORK */
#define NV_KTHREAD	3	/* TASK_NEW: a kernel thread */
#define NV_IDLE		4	/* TASK_NEW: a CPU's idle task */
#define NV_SIGNAL	1	/* TASK_EXIT: killed by a signal */
#define NV_REAPED	1	/* TASK_FREE: reaped by a parent's wait */
#define NV_FIRST_MM	1	/* EXEC: a kernel thread (init) gets an mm */
#define NV_OK		1	/* END: status ok */
#define NV_SW_LOAD	0	/* SWITCH: switch_mm loads CR3 */
#define NV_SW_SAME	1	/* SWITCH: the same mm, CR3 stays */
#define NV_SW_LAZY	2	/* SWITCH: to a kernel thread that borrows */
#define NV_SW_HANDOFF	3	/* SWITCH: modern kernel->kernel handover */
#define NV_SW_OTHER	4	/* SWITCH: none of those */
#define NV_SW_PREV	5	/* SWITCH: clause, prev_mm is set */
#define NV_EXITING	1	/* ENTER_LAZY: exit_mm's mm = NULL */
#define NV_DROP		1	/* PREV_MM: taken to be dropped */
#define NV_MUNMAP	1	/* MM_MAP */
#define NV_BRK		2	/* MM_MAP */
#define NV_LEFT		1	/* MM_CPUMASK: the CPU left the mask */
#define NV_OTHER_REASON	0	/* MM_REF: a reason this reader lacks */
#define NV_REF_THREAD	64	/* MM_REF clone_vm: for a new thread */
#define NV_REF_VFORK	65	/* MM_REF clone_vm: for a vfork child */
#define NV_AUTOREAP	2	/* TASK_EXIT: nobody waits, reaped at once */
#define NV_KTHREAD_EXIT	3	/* TASK_EXIT: a kernel thread (autoreap) */
#define NV_IPI(i)	(i)	/* IPI_SEND, IPI_RECV: MMT_IPI_* (0: unknown) */
#define NV_STATE(s)	(s)	/* TASK_STATE: MMT_TASK_* */
#define NV_ALLOC(r)	(r)	/* MM_ALLOC: MMT_ALLOC_* (0: unknown) */

#endif /* MMSCOPE_MODEL_NARRATE_H */
