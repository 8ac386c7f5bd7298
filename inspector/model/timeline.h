/*
 * timeline.h - a trace as the inspector sees it: the event log, the
 * model that follows it with the checker on (the "tail"), snapshots of
 * that model, and what the checker found.  Every verb reads a trace
 * through one: dump, check, replay, the live TUI, verify.
 *
 *	struct timeline *tl = tl_new();
 *	tl_feed(tl, buf, n);		// as bytes arrive (live), or
 *	tl_load(tl, path, err, len);	// a whole trace file
 *	tl_finish(tl);			// the input has ended
 *	tl_seek(tl, view, n);		// any model: the state before event n
 *
 * The tail applies each event as soon as the log commits it; an observer,
 * if set, sees each event with the tail's state right after it.
 */
#ifndef MMSCOPE_MODEL_TIMELINE_H
#define MMSCOPE_MODEL_TIMELINE_H

#include <stddef.h>
#include <stdint.h>
#include "model/checker.h"
#include "model/lives.h"
#include "trace/evlog.h"
#include "mmtrace.h"
#include "model/model.h"
#include "model/snapshot.h"

struct timeline {
	struct evlog *log;
	struct model *tail;		/* the state after every committed event */
	struct snapshots snaps;
	struct findings found;		/* violations and suspensions, in order */
	struct lives lives;		/* every mm_struct: its name, its
					   MM_ALLOC and MM_FREE (lives.h) */
	struct mmt_file_header header;	/* tl_load: the file's header */
	int finished;			/* tl_finish was called */
	/* called after the tail applies each event; may be NULL */
	void (*observe)(void *arg, const struct mmt_event *ev,
			const struct model *tail);
	void *arg;
};

/* A new timeline (snapshot every events, 0: SNAP_EVERY), or NULL. */
struct timeline *tl_new(uint64_t every);
void tl_free(struct timeline *tl);

/* More bytes of the stream: the log commits what it can, the tail follows. */
void tl_feed(struct timeline *tl, const void *buf, size_t n);

/* The input has ended: commit and check everything. */
void tl_finish(struct timeline *tl);

/*
 * At a halt of the machine: an event read from the kernel's ring before
 * its frame came (evlog_add), and the time up to which the log has every
 * event (evlog_halted); the tail follows what that commits.
 */
void tl_add(struct timeline *tl, const struct mmt_event *ev);
void tl_halted(struct timeline *tl, uint64_t ts);

/*
 * Read the trace file path to its end and finish.  Returns 0, or -1 with
 * "path: problem" in err when the file is not a usable trace (missing,
 * not a trace, of a newer format, unreadable).
 */
int tl_load(struct timeline *tl, const char *path, char *err, size_t len);

/*
 * The same from fd, a trace mmtfile_open opened and left at its stream
 * (the header is the caller's to put in tl->header): a pipe can be
 * opened and read only once.  fd stays open.
 */
int tl_read(struct timeline *tl, int fd, const char *path, char *err,
	    size_t len);

/* view becomes the state before event n: see model_seek. */
int tl_seek(struct timeline *tl, struct model *view, uint64_t n);

/*
 * The next event after `from` (dir > 0) or the previous one before it
 * (dir < 0) that match() accepts, or -1.  A backward search walks the
 * log's chunks from the end, so both cost about the distance found.
 */
int64_t tl_find(const struct timeline *tl, uint64_t from, int dir,
		int (*match)(void *arg, const struct mmt_event *ev), void *arg);

/* Ready-made tests for tl_find: arg points to the type, or the mm id,
 * or a struct life (its id, from its MM_ALLOC to its MM_FREE). */
int tl_is_type(void *type, const struct mmt_event *ev);
int tl_names_mm(void *mm, const struct mmt_event *ev);
int tl_names_life(void *life, const struct mmt_event *ev);

#endif /* MMSCOPE_MODEL_TIMELINE_H */
