/*
 * test_snapshot.c - seeking: the state before event N reached through a
 * snapshot equals the state replayed from event 0, for random N, forwards
 * and backwards, on a synthetic 4-CPU trace with a gap in it (made by
 * build/tests/gentrace); a view that seeks reports nothing; snapshots
 * come every K events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/snapshot.h"
#include "model/timeline.h"
#include "tap.h"

#define EVERY	1024

/* The bytes of a model's state, as a snapshot has them. */
static int same_state(const struct model *a, const struct model *b,
		      const char **where)
{
	size_t core = offsetof(struct model, cpu) + a->ncpu * sizeof a->cpu[0];

	*where = "the core (counters, CPUs, checker state)";
	if (a->ncpu != b->ncpu || memcmp(a, b, core))
		return 0;
	*where = "the tasks";
	if (a->ntask != b->ntask ||
	    memcmp(a->task, b->task, a->ntask * sizeof *a->task))
		return 0;
	*where = "the mms";
	return a->nmm == b->nmm && !memcmp(a->mm, b->mm, a->nmm * sizeof *a->mm);
}

/* tl_find against a plain scan, from random events, both ways. */
static int finds_right(const struct timeline *tl)
{
	uint64_t count = evlog_count(tl->log), from;
	unsigned type = MMT_MM_FREE, mm = 3;
	struct mmt_event ev;
	int64_t want, got, i, k;
	int bad = 0;

	for (k = 0; k < 200; k++) {
		from = (uint64_t)rand() * rand() % count;
		for (i = 0; i < 2; i++) {
			int dir = i ? -1 : 1;
			int (*m)(void *, const struct mmt_event *) =
				k & 1 ? tl_names_mm : tl_is_type;
			void *arg = k & 1 ? (void *)&mm : (void *)&type;

			got = tl_find(tl, from, dir, m, arg);
			for (want = from + dir; want >= 0 &&
			     want < (int64_t)count; want += dir)
				if (!evlog_get(tl->log, want, &ev) && m(arg, &ev))
					break;
			bad += got != (want < 0 || want >= (int64_t)count ?
				       -1 : want);
		}
	}
	return !bad;
}

static struct timeline *load(const char *path)
{
	struct timeline *tl = tl_new(EVERY);
	char err[512];

	if (tl_load(tl, path, err, sizeof err) < 0) {
		tap_diag("%s", err);
		tl_free(tl);
		return NULL;
	}
	return tl;
}

static struct model *view, *replay;
static struct snapshots none;		/* no snapshots: replay from 0 */

/* Seek view to k random events of tl; the number that differ from a
 * replay from event 0, and how many seeks went backwards. */
static int seeks(struct timeline *tl, int k, int *back)
{
	uint64_t count = evlog_count(tl->log), n;
	const char *where = "";
	int i, bad = 0;

	for (i = 0; i < k && !bad; i++) {
		n = (uint64_t)rand() * rand() % (count + 1);
		*back += n < view->n;
		tl_seek(tl, view, n);		/* from wherever it is */
		model_reset(replay);
		model_seek(replay, &none, tl->log, n);	/* from event 0 */
		bad += !same_state(view, replay, &where) || view->n != n;
		if (bad)
			tap_diag("differs before event %llu in %s",
				 (unsigned long long)n, where);
	}
	return bad;
}

/* A trace made by gentrace with args, loaded; NULL if either failed. */
static struct timeline *made(const char *args)
{
	const char *build = getenv("BUILD"), *tmp = getenv("TEST_TMPDIR");
	char path[600], cmd[1400];

	snprintf(path, sizeof path, "%s/snapshot.mmt", tmp ? tmp : "/tmp");
	snprintf(cmd, sizeof cmd, "%s/tests/gentrace -o %s %s 2>/dev/null",
		 build ? build : "build", path, args);
	return system(cmd) == 0 ? load(path) : NULL;
}

/* A correct 4-CPU trace with a gap. */
static void test_correct(void)
{
	struct timeline *tl = made("--events 40000 --cpus 4 --tasks 24 "
				   "--mms 12 --seed 11 --gap 17000:25");
	uint64_t count;
	int back = 0, bad;

	if (!tap_ok(tl != NULL,
		    "gentrace made a 4-CPU trace with a gap, and it loads"))
		return;
	count = evlog_count(tl->log);
	tap_ok(tl->snaps.nv == (count + EVERY - 1) / EVERY &&
		       tl->tail->lost == 25,
	       "%zu snapshots for %llu events, one every %u", tl->snaps.nv,
	       (unsigned long long)count, EVERY);
	bad = seeks(tl, 150, &back);
	tap_ok(!bad && back > 10,
	       "150 random seeks (%d of them backwards) equal a replay from "
	       "event 0",
	       back);
	tap_ok(tl->found.nv == 0 && tl->found.ns > 0 && !view->sink,
	       "no violations in a correct trace with a gap; a view has no "
	       "sink");
	tap_ok(finds_right(tl), "next and previous event of a type, of an mm, "
	       "equal a scan");
	tl_free(tl);
}

/* A trace with a fault in it: the checker's state seeks right too. */
static void test_faulty(void)
{
	struct timeline *tl = made("--events 8000 --cpus 2 --seed 3 "
				   "--inject count_balance@3000 --after 2000");
	int back = 0, bad = !tl || seeks(tl, 30, &back);

	if (tl)
		tl_seek(tl, view, evlog_count(tl->log));
	tap_ok(!bad && tl->found.nv > 1 && view->violations == tl->found.nv,
	       "a trace with violations: seeks equal replays, and the quiet "
	       "checker of a view counts the %zu violations the tail reported",
	       tl ? tl->found.nv : 0);
	tl_free(tl);
}

int main(void)
{
	tap_plan(6);
	view = model_new();
	replay = model_new();
	snap_init(&none, EVERY);
	srand(7);
	test_correct();
	test_faulty();
	model_free(view);
	model_free(replay);
	snap_free(&none);
	return tap_done();
}
