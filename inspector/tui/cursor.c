/*
 * cursor.c - moving the cursor over the timeline: steps, pages, go to,
 * the next event of a kind or of one mm, bookmarks, playback and
 * following the tail (the / search is search.c's).
 *
 * Every move ends in cur_goto(), which makes the two view models the
 * state before and after the cursor's event by seeking (snapshots and a
 * short replay: snapshot.h); stepping back never re-runs anything.
 */
#include <stdlib.h>
#include <string.h>
#include "model/timeline.h"
#include "trace/fields.h"
#include "tui/chapter.h"
#include "tui/cursor.h"
#include "tui/input.h"
#include "tui/quiz.h"
#include "tui/tui.h"
#include "tui/ui.h"
#include "util/util.h"

/* Playback speeds in events per second; the last is "follow the tail". */
static const unsigned speeds[] = {
	1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 20000, 0
};
#define NSPEEDS		(sizeof speeds / sizeof speeds[0])
#define SPEED_MAX	(NSPEEDS - 1)
#define STEPS_MAX	100000	/* playback steps taken in one tick */

void cur_goto(int64_t n)
{
	uint64_t count = tui_count();

	if (count == 0)
		return;
	if (n < 0)
		n = 0;
	if ((uint64_t)n >= count)
		n = count - 1;
	if (n == tui.cursor)
		return;
	tui.cursor = n;
	tl_seek(tui.tl, tui.before, n);
	tl_seek(tui.tl, tui.after, n + 1);
	quiz_moved(n);
	tui.dirty = 1;
}

void cur_forward(int64_t n)
{
	if (tui.cursor >= 0 && n > tui.cursor)
		n = quiz_stop(tui.cursor, n);
	cur_goto(n);
}

const struct life *cur_followed(void)
{
	if (!tui.follow_mm || !tui.follow_life ||
	    tui.follow_life > tui.tl->lives.n)
		return NULL;
	return &tui.tl->lives.v[tui.follow_life - 1];
}

/* The next (dir > 0) or previous event of the followed mm, or -1. */
static int64_t mm_event(int64_t from, int dir)
{
	struct life l, *f = (struct life *)cur_followed();

	if (f) {
		l = *f;			/* lives.v may grow while we look */
		return tl_find(tui.tl, from, dir, tl_names_life, &l);
	}
	return tl_find(tui.tl, from, dir, tl_names_mm, &tui.follow_mm);
}

/* The event k steps from `from`, following an mm if one is followed. */
static int64_t steps_from(int64_t from, int dir, uint64_t k)
{
	int64_t n = from, next;

	if (!tui.follow_mm)
		return from + dir * (int64_t)k;
	while (k--) {
		if ((next = mm_event(n, dir)) < 0)
			break;
		n = next;
	}
	return n;
}

void cur_step(int dir)
{
	int64_t n = steps_from(tui.cursor, dir, 1);

	if (n == tui.cursor || n < 0 || (uint64_t)n >= tui_count())
		tui_say(dir > 0 ? "no later event%s" : "no earlier event%s",
			tui.follow_mm ? " of the followed mm" : "");
	if (dir > 0 && (uint64_t)n >= tui_count())
		n = tui_count() - 1;
	cur_forward(n);
}

void cur_page(int dir, unsigned rows)
{
	cur_goto(steps_from(tui.cursor, dir, rows > 2 ? rows - 1 : 1));
}

/* --- kinds --------------------------------------------------------- */

struct kind_arg {
	struct kind k;
	unsigned mm;			/* and naming this mm; 0: any */
	struct life life;		/* that mm_struct, if life.id */
};

static int kind_test(void *arg, const struct mmt_event *ev)
{
	struct kind_arg *a = arg;

	if (!tui_kind_match(&a->k, ev))
		return 0;
	if (a->life.id)
		return tl_names_life(&a->life, ev);
	return !a->mm || tl_names_mm(&a->mm, ev);
}

void cur_kind(int dir)
{
	struct kind_arg a = { tui.kind, tui.follow_mm, { 0 } };
	struct mmt_event ev;
	char name[32];
	int64_t n;

	if (!a.k.type) {		/* the kind of the cursor's event */
		if (evlog_get(tui.tl->log, tui.cursor, &ev) < 0)
			return;
		a.k.type = ev.type;
		a.k.op = ev.type == MMT_MM_REF ?
			 ev.rec[offsetof(struct mmt_mm_ref, op)] : 0;
	}
	if (cur_followed())
		a.life = *cur_followed();
	n = tl_find(tui.tl, tui.cursor, dir, kind_test, &a);
	if (n < 0)
		tui_say("no %s %s%s", dir > 0 ? "later" : "earlier",
			tui_kind_name(&a.k, name, sizeof name),
			a.mm ? " of the followed mm" : "");
	else
		cur_goto(n);
}

/* The mm_struct id names at the cursor (the latest before the trace's
 * first event of it, if the cursor is before that), or NULL. */
static const struct life *life_here(unsigned id)
{
	const struct lives *l = &tui.tl->lives;
	const struct life *x = life_at(l, id, tui.cursor < 0 ? 0 : tui.cursor);
	uint32_t i;

	if (x || !l->last)
		return x;
	for (i = l->last[id]; i && l->v[i - 1].prev; i = l->v[i - 1].prev)
		;
	return i ? &l->v[i - 1] : NULL;	/* the first, after the cursor */
}

/* "mm 3·2", "init_mm": how the messages name the mm_struct l. */
static const char *life_words(const struct life *l, unsigned id, char *buf,
			      size_t len)
{
	char name[LIFE_NAME_MAX];

	if (id == MMT_MM_INIT)
		snprintf(buf, len, "init_mm");
	else
		snprintf(buf, len, "mm %s", life_name(id, l ? l->gen : 0,
			 ui_utf8, name, sizeof name));
	return buf;
}

void cur_follow(unsigned mm)
{
	const struct life *l = mm ? life_here(mm) : NULL;
	char name[32];

	tui.follow_mm = mm;
	tui.follow_life = l ? l - tui.tl->lives.v + 1 : 0;
	if (mm)
		tui_say("following %s: only its events (m or Esc: all; "
			"{ } its alloc, its free)",
			life_words(l, mm, name, sizeof name));
	else
		tui_say("all events");
}

void cur_life(unsigned mm, int end)
{
	const struct life *l = mm == tui.follow_mm && cur_followed() ?
			       cur_followed() : life_here(mm);
	char name[32];

	if (!l) {
		tui_say("mm %u is never allocated in this trace", mm);
		return;
	}
	life_words(l, mm, name, sizeof name);
	if (!end && !l->announced)
		tui_say("%s has no MM_ALLOC: first seen at event %llu (events "
			"were lost)", name, (unsigned long long)l->alloc_n);
	if (end && l->free_n == LIFE_ALIVE) {
		tui_say("%s is not freed %s", name, tui.src->ended ?
			"in this trace: alive at its end" : "yet");
		return;
	}
	cur_goto(end ? (int64_t)l->free_n : (int64_t)l->alloc_n);
}

/* --- bookmarks ------------------------------------------------------ */

void cur_mark(void)
{
	unsigned i, j;

	if (tui.cursor < 0)
		return;
	for (i = 0; i < tui.nmarks && tui.mark[i] < (uint64_t)tui.cursor; i++)
		;
	if (i < tui.nmarks && tui.mark[i] == (uint64_t)tui.cursor) {
		memmove(tui.mark + i, tui.mark + i + 1,
			(tui.nmarks - i - 1) * sizeof tui.mark[0]);
		tui.nmarks--;
		tui_say("bookmark at event %lld cleared", (long long)tui.cursor);
		return;
	}
	if (tui.nmarks == MAX_MARKS) {
		tui_say("%d bookmarks already; b on one clears it", MAX_MARKS);
		return;
	}
	for (j = tui.nmarks++; j > i; j--)
		tui.mark[j] = tui.mark[j - 1];
	tui.mark[i] = tui.cursor;
	tui_say("bookmark %u at event %lld (' jumps between them)", i + 1,
		(long long)tui.cursor);
}

void cur_next_mark(void)
{
	unsigned i;

	if (!tui.nmarks) {
		tui_say("no bookmarks yet: b sets one");
		return;
	}
	for (i = 0; i < tui.nmarks && tui.mark[i] <= (uint64_t)tui.cursor; i++)
		;
	cur_goto(tui.mark[i < tui.nmarks ? i : 0]);
}

/* --- chapters ------------------------------------------------------- */

void cur_chapter(int dir)
{
	int i = tui.cursor < 0 ? -1 : chap_at(tui.cursor);
	const struct chapter *c;

	if (!chap_count()) {
		tui_say("this trace has no chapters (a scenario marks them: "
			"the lecture does)");
		return;
	}
	if (dir < 0 && i >= 0 && chap_get(i)->n == (uint64_t)tui.cursor)
		i--;			/* at a start: the one before */
	c = chap_get(dir > 0 ? i + 1 : i);
	if (!c) {
		tui_say(dir > 0 ? "no later chapter%s" : "no earlier chapter",
			dir > 0 && tui.live && !tui.src->ended ? " yet" : "");
		return;
	}
	cur_goto(c->n);
}

/* --- playback ------------------------------------------------------- */

void cur_init(int live)
{
	tui.speed = live ? SPEED_MAX : 3;	/* live: the tail; else 10/s */
	tui.paused = !live;
	tui.play_ns = util_now_ns();
}

void cur_pause(int on)
{
	tui.paused = on;
	tui.play_ns = util_now_ns();
	tui.dirty = 1;
}

void cur_speed(int d)
{
	int s = tui.speed + d;

	tui.speed = s < 0 ? 0 : s > (int)SPEED_MAX ? (int)SPEED_MAX : s;
	tui.play_ns = util_now_ns();
	tui.dirty = 1;
}

const char *cur_speed_name(void)
{
	static char buf[24];

	if (!speeds[tui.speed])
		return "max";
	snprintf(buf, sizeof buf, "%u/s", speeds[tui.speed]);
	return buf;
}

/* The event playback goes up to: the last one (of the followed mm), or
 * the one the machine is halted at. */
static int64_t tail_event(void)
{
	static uint64_t count;		/* the answer for this many events */
	static unsigned mm;
	static uint32_t life;
	static int64_t last;

	if (tui.held && tui.hold < tui_count())
		return tui.hold;
	if (!tui.follow_mm)
		return tui_count() - 1;
	if (count != tui_count() || mm != tui.follow_mm ||
	    life != tui.follow_life) {
		count = tui_count();
		mm = tui.follow_mm;
		life = tui.follow_life;
		last = mm_event(count, -1);
	}
	return last < 0 ? tui.cursor : last;
}

uint64_t cur_tick(uint64_t now)
{
	uint64_t per, due, count = tui_count();
	int64_t end;

	if (count == 0)
		return UINT64_MAX;
	if (tui.cursor < 0)
		cur_goto(tui.live && !tui.paused ? (int64_t)count - 1 : 0);
	if (tui.paused || quiz_open())
		return UINT64_MAX;	/* a question waits for its answer */
	end = tail_event();
	if (tui.cursor >= end) {
		if (tui.src->ended && !tui.live)
			cur_pause(1);	/* a replay played to its end */
		tui.play_ns = now;
		return UINT64_MAX;
	}
	if (!speeds[tui.speed]) {
		cur_forward(end);
		return UINT64_MAX;
	}
	per = 1000000000ull / speeds[tui.speed];
	if (now - tui.play_ns < per)
		return per - (now - tui.play_ns);
	due = (now - tui.play_ns) / per;
	tui.play_ns = due > STEPS_MAX ? now : tui.play_ns + due * per;
	cur_forward(steps_from(tui.cursor, 1, due > STEPS_MAX ? STEPS_MAX :
					       due));
	return per;
}
