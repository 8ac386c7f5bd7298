/*
 * fastprint.h - `mmscope dump`'s events as lines of text or JSON,
 * formatted without printf: the same bytes print_event() (print.c)
 * writes, several times faster.
 *
 * print.c stays the reference and serves the rest (check's reports, the
 * TUI's rows, diagnostics); this is the path of the one caller that
 * prints every event of a trace.  tests/unit/test_fastprint.c and
 * tests/dump/fastprint.sh hold the two byte-identical, on records of
 * every type with random fields and on recorded traces.
 */
#ifndef MMSCOPE_FASTPRINT_H
#define MMSCOPE_FASTPRINT_H

#include "util/fmtbuf.h"
#include "trace/print.h"

struct fastprint {
	struct printer *pr;		/* options and state, as for print.c */
	/* JSON: more ",\"key\":value" pairs into an event's object */
	void (*extra)(void *arg, struct fmtbuf *b, const struct mmt_event *ev);
	void *extra_arg;
};

/* print_event(fp->pr, ev), with fp->extra instead of pr->extra. */
void fastprint_event(const struct fastprint *fp, const struct mmt_event *ev);

/*
 * dump --json's ,"model":{...} of an MM_REF: the model's counters
 * before and after it and whether they were known (struct model_ref's
 * fields), or ,"model":null when the mm is not alive in the model.
 */
void fastprint_model_ref(struct fmtbuf *b, int alive, int known,
			 int32_t users0, int32_t users1, int32_t count0,
			 int32_t count1);

#endif /* MMSCOPE_FASTPRINT_H */
