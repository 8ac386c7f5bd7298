/*
 * bugfire.h - did the injected fault (bug=) ever act in a run?
 *
 * The kernel counts each time its fault injection acts and sends the
 * count at the end of the run as STAT bug_fired (PROTOCOL.md 3.6).  A
 * fault that never fired leaves a trace no different from a correct
 * kernel's (fork_exit in era modern on one CPU never borrows from a user
 * task, so bug=lazy_no_grab has nothing to break there): record and check
 * say so rather than let the trace pass for a demonstration of the bug.
 */
#ifndef MMSCOPE_BUGFIRE_H
#define MMSCOPE_BUGFIRE_H

#include <stdint.h>
#include "trace/decode.h"
#include "trace/evlog.h"

struct bug_watch {
	unsigned bug;			/* BOOT.bug: MMT_BUG_*, 0 none */
	unsigned era;			/* BOOT.era */
	unsigned ncpu;			/* STREAM.ncpu */
	char scenario[MMT_SCEN_NAME + 1];	/* BOOT.scenario */
	int counted;			/* STAT bug_fired arrived */
	uint64_t fired;			/* its value */
};

/* Take what matters from one event (zero the watch before the first). */
void bug_watch_event(struct bug_watch *w, const struct mmt_event *ev);

/* Every event of a log. */
void bug_watch_log(struct bug_watch *w, const struct evlog *log);

/*
 * If the kernel reported that its fault never fired, say so on stderr
 * (a warning naming path) and return 1; else 0.  A trace without the
 * count (no bug=, a run cut short, an older kernel) says nothing.
 */
int bug_watch_warn(const struct bug_watch *w, const char *path);

#endif /* MMSCOPE_BUGFIRE_H */
