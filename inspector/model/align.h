/*
 * align.h - two traces side by side: where a kernel of one era (or one
 * with a fault injected) does what another does, and where it differs.
 *
 * Each trace becomes a list of steps, the events a lecture talks about
 * in words that do not depend on the run (no pids, no times): the
 * scenario's marks, task operations (fork, thread, vfork, kernel thread,
 * exec, exit, reaping), switches with their flags, and every mm
 * operation with its counters (alloc, mmget, mmput, mmgrab, mmdrop,
 * free, use_mm, leave_mm), mm_structs by name (lives.h).  The marks are
 * matched first, as anchors; between two matched marks the steps are
 * matched by a shortest edit script (Myers' diff), so an operation one
 * kernel does and the other does not is one row, not a cascade.
 *
 *	struct align_trace a, b;
 *	align_steps(tla, &a);  align_steps(tlb, &b);
 *	struct align al;
 *	align_diff(&a, &b, &al);	// al.row[i]: a step of a, of b, or both
 */
#ifndef MMSCOPE_MODEL_ALIGN_H
#define MMSCOPE_MODEL_ALIGN_H

#include <stddef.h>
#include <stdint.h>
#include "model/timeline.h"

#define ALIGN_TEXT	96		/* a step in words */

struct align_step {
	uint64_t n;			/* its event in the trace */
	uint32_t hash;			/* of text, to compare fast */
	uint8_t mark;			/* a MARK: an anchor */
	char text[ALIGN_TEXT];		/* "mmgrab mm 2 lazy_borrow 1/1->1/2" */
};

struct align_trace {
	struct align_step *v;
	size_t n, cap;
};

/* A row of the alignment: a step of a and one of b that are the same
 * (both >= 0), or a step of one only (the other -1). */
struct align_row {
	int64_t a, b;			/* indexes into the steps, -1: none */
	int same;			/* the texts are equal */
};

struct align {
	struct align_row *row;
	size_t n, cap;
	size_t only_a, only_b;		/* steps of one trace only */
	size_t marks;			/* marks matched in both */
	int cut;			/* a stretch too different to match
					   step by step: shown as a block */
};

/* The steps of tl (a finished timeline), into t.  0, or -1 if out of
 * memory (t then holds what was made). */
int align_steps(const struct timeline *tl, struct align_trace *t);
void align_trace_free(struct align_trace *t);

/* Align a and b into al. */
void align_diff(const struct align_trace *a, const struct align_trace *b,
		struct align *al);
void align_free(struct align *al);

/* The row of al that holds step i of a (side 0) or b (side 1), or the
 * nearest row before it; 0 if none. */
size_t align_row_of(const struct align *al, int side, int64_t i);

#endif /* MMSCOPE_MODEL_ALIGN_H */
