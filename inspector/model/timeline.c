/*
 * timeline.c - log, tail model, snapshots and findings together; see
 * timeline.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "trace/mmtfile.h"
#include "model/timeline.h"

struct timeline *tl_new(uint64_t every)
{
	struct timeline *tl = calloc(1, sizeof *tl);

	if (!tl)
		return NULL;
	tl->log = evlog_new();
	tl->tail = model_new();
	if (!tl->log || !tl->tail) {
		tl_free(tl);
		return NULL;
	}
	snap_init(&tl->snaps, every);
	findings_init(&tl->found);
	life_init(&tl->lives);
	tl->tail->sink = &tl->found.sink;
	tl->tail->lives = &tl->lives;
	return tl;
}

void tl_free(struct timeline *tl)
{
	if (!tl)
		return;
	evlog_free(tl->log);
	model_free(tl->tail);
	snap_free(&tl->snaps);
	findings_free(&tl->found);
	life_free(&tl->lives);
	free(tl);
}

/* The tail applies what the log has committed since. */
static void advance(struct timeline *tl)
{
	struct evlog_iter it;
	struct mmt_event ev;

	if (tl->tail->n == evlog_count(tl->log))
		return;
	evlog_iter_init(&it, tl->log, tl->tail->n);
	while (evlog_next(&it, &ev)) {
		snap_maybe(&tl->snaps, tl->tail);
		model_step(tl->tail, tl->log, &ev);
		if (tl->observe)
			tl->observe(tl->arg, &ev, tl->tail);
	}
}

void tl_feed(struct timeline *tl, const void *buf, size_t n)
{
	evlog_feed(tl->log, buf, n);
	advance(tl);
}

void tl_add(struct timeline *tl, const struct mmt_event *ev)
{
	evlog_add(tl->log, ev);
}

void tl_halted(struct timeline *tl, uint64_t ts)
{
	evlog_halted(tl->log, ts);
	advance(tl);
}

void tl_finish(struct timeline *tl)
{
	if (tl->finished)
		return;
	evlog_finish(tl->log);
	advance(tl);
	model_finish(tl->tail, tl->log);
	tl->finished = 1;
}

int tl_read(struct timeline *tl, int fd, const char *path, char *err,
	    size_t len)
{
	static uint8_t buf[1 << 20];
	const struct mmt_diag *g;
	ssize_t n;

	while (!evlog_fatal(tl->log) && (n = read(fd, buf, sizeof buf))) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, len, "%s: %s", path, strerror(errno));
			return -1;
		}
		tl_feed(tl, buf, n);
	}
	if ((g = evlog_fatal(tl->log))) {
		snprintf(err, len, "%s: %s (%u, this mmscope reads %u); use a "
			 "newer mmscope", path, g->why, g->got, MMT_VERSION);
		return -1;
	}
	tl_finish(tl);
	return 0;
}

int tl_load(struct timeline *tl, const char *path, char *err, size_t len)
{
	int fd = mmtfile_open(path, &tl->header, err, len), rc;

	if (fd < 0)
		return -1;
	rc = tl_read(tl, fd, path, err, len);
	close(fd);
	return rc;
}

int tl_seek(struct timeline *tl, struct model *view, uint64_t n)
{
	return model_seek(view, &tl->snaps, tl->log, n);
}

/* The last event before `to`, from `start` on, that matches; or -1. */
static int64_t last_match(const struct timeline *tl, uint64_t start,
			  uint64_t to, int (*match)(void *,
			  const struct mmt_event *), void *arg)
{
	struct evlog_iter it;
	struct mmt_event ev;
	int64_t found = -1;

	evlog_iter_init(&it, tl->log, start);
	while (it.n < to && evlog_next(&it, &ev))
		if (match(arg, &ev))
			found = ev.n;
	return found;
}

int64_t tl_find(const struct timeline *tl, uint64_t from, int dir,
		int (*match)(void *arg, const struct mmt_event *ev), void *arg)
{
	struct evlog_iter it;
	struct mmt_event ev;
	uint64_t start, to = from;
	int64_t found;

	if (dir > 0) {
		evlog_iter_init(&it, tl->log, from + 1);
		while (evlog_next(&it, &ev))
			if (match(arg, &ev))
				return ev.n;
		return -1;
	}
	if (to > evlog_count(tl->log))
		to = evlog_count(tl->log);
	while (to > 0) {		/* one chunk at a time, backwards */
		start = (to - 1) & ~(uint64_t)(EVLOG_CHUNK - 1);
		if ((found = last_match(tl, start, to, match, arg)) >= 0)
			return found;
		to = start;
	}
	return -1;
}

int tl_is_type(void *type, const struct mmt_event *ev)
{
	return ev->type == *(unsigned *)type;
}

int tl_names_mm(void *mm, const struct mmt_event *ev)
{
	unsigned i, k;
	const uint8_t *off = model_mm_fields(ev->type, &k);
	uint16_t id;

	for (i = 0; i < k; i++) {
		memcpy(&id, ev->rec + off[i], 2);
		if (id == *(unsigned *)mm)
			return 1;
	}
	return 0;
}

int tl_names_life(void *life, const struct mmt_event *ev)
{
	const struct life *l = life;
	unsigned id = l->id;

	return ev->n >= l->alloc_n && ev->n <= l->free_n &&
	       tl_names_mm(&id, ev);
}
