/*
 * match.h - an expect file checked against a trace: the statements in
 * file order over the timeline's events, states and findings
 * (samples/EXPECT.md says what each statement means).
 */
#ifndef MMSCOPE_EXPECT_MATCH_H
#define MMSCOPE_EXPECT_MATCH_H

#include <stdio.h>
#include "expect/expect.h"
#include "trace/symbols.h"
#include "model/timeline.h"

struct match_result {
	unsigned statements;		/* assertions in the file */
	unsigned failed;		/* assertions that failed */
	unsigned skipped;		/* not checked: an earlier one failed */
	unsigned expected;		/* violations that violation statements
					   matched */
	unsigned unexpected;		/* violations nothing expected */
};

/*
 * Check x against tl (finished).  Each failure goes to out with the
 * event, the state that matters and the callers (syms may be NULL).
 * Returns EXIT_OK when everything held and every violation the checker
 * reported was expected, else EXIT_FAIL.
 */
int match_run(const struct expect_file *x, struct timeline *tl,
	      struct symtab *syms, FILE *out, struct match_result *r);

#endif /* MMSCOPE_EXPECT_MATCH_H */
