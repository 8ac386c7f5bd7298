/*
 * snapshot.h - copies of the model every K events, so that the state at
 * any event number costs a copy and at most K events of replay: seeking
 * to event 10 and to event 10,000,000 cost the same.
 *
 * The pass that checks a trace (timeline.c) takes them as it goes; any
 * other model (a view) seeks with them:
 *
 *	snap_maybe(&s, tail);		// before tail applies event tail->n
 *	model_seek(view, &s, log, n);	// view: the state before event n
 */
#ifndef MMSCOPE_MODEL_SNAPSHOT_H
#define MMSCOPE_MODEL_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>
#include "trace/evlog.h"
#include "model/model.h"

#define SNAP_EVERY	16384	/* events between snapshots (scons bench) */

struct snap {
	uint64_t n;			/* the state before event n */
	void *data;			/* model_save()'s bytes */
};

struct snapshots {
	struct snap *v;			/* v[i].n == i * every */
	size_t nv, cap;
	uint64_t every;
	size_t bytes;			/* memory they take */
};

void snap_init(struct snapshots *s, uint64_t every);
void snap_free(struct snapshots *s);

/* Take a snapshot of m now (m->n is the next multiple of every). */
void snap_take(struct snapshots *s, const struct model *m);

/* Take a snapshot of m if m->n is the next multiple of every. */
static inline void snap_maybe(struct snapshots *s, const struct model *m)
{
	if (m->n == s->nv * s->every)
		snap_take(s, m);
}

/*
 * Make m the state before event n (after events 0..n-1) of log: from
 * where m is, if that is nearer, else from the last snapshot at or before
 * n.  m should have no sink: the findings were reported by the pass that
 * took the snapshots.  Returns 0, or -1 if the log has fewer than n
 * events (m is then the state after all of them).
 */
int model_seek(struct model *m, const struct snapshots *s,
	       const struct evlog *log, uint64_t n);

#endif /* MMSCOPE_MODEL_SNAPSHOT_H */
