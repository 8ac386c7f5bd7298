/*
 * timeline.c - log, tail model, snapshots and findings together; see
 * timeline.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mmtfile.h"
#include "timeline.h"

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
	tl->tail->sink = &tl->found.sink;
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

void tl_finish(struct timeline *tl)
{
	if (tl->finished)
		return;
	evlog_finish(tl->log);
	advance(tl);
	model_finish(tl->tail, tl->log);
	tl->finished = 1;
}

int tl_load(struct timeline *tl, const char *path, char *err, size_t len)
{
	static uint8_t buf[1 << 20];
	const struct mmt_diag *g;
	ssize_t n;
	int fd = mmtfile_open(path, &tl->header, err, len);

	if (fd < 0)
		return -1;
	while (!evlog_fatal(tl->log) && (n = read(fd, buf, sizeof buf))) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, len, "%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		tl_feed(tl, buf, n);
	}
	close(fd);
	if ((g = evlog_fatal(tl->log))) {
		snprintf(err, len, "%s: %s (%u, this mmscope reads %u); use a "
			 "newer mmscope", path, g->why, g->got, MMT_VERSION);
		return -1;
	}
	tl_finish(tl);
	return 0;
}

int tl_seek(struct timeline *tl, struct model *view, uint64_t n)
{
	return model_seek(view, &tl->snaps, tl->log, n);
}
