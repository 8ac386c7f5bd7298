/*
 * cursor.c - moving the cursor over the timeline: steps, pages, go to,
 * the next event of a kind or of one mm, bookmarks, search, playback
 * and following the tail.
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

/* The next (dir > 0) or previous event of the followed mm, or -1. */
static int64_t mm_event(int64_t from, int dir)
{
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
};

static int kind_test(void *arg, const struct mmt_event *ev)
{
	struct kind_arg *a = arg;

	return tui_kind_match(&a->k, ev) &&
	       (!a->mm || tl_names_mm(&a->mm, ev));
}

void cur_kind(int dir)
{
	struct kind_arg a = { tui.kind, tui.follow_mm };
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
	n = tl_find(tui.tl, tui.cursor, dir, kind_test, &a);
	if (n < 0)
		tui_say("no %s %s%s", dir > 0 ? "later" : "earlier",
			tui_kind_name(&a.k, name, sizeof name),
			a.mm ? " of the followed mm" : "");
	else
		cur_goto(n);
}

void cur_follow(unsigned mm)
{
	tui.follow_mm = mm;
	if (mm)
		tui_say("following mm %u: only its events (m or Esc: all)", mm);
	else
		tui_say("all events");
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

/* --- search --------------------------------------------------------- */

/* Which pids match the search: comm contains q, or pid is q. */
struct search {
	const char *q;
	long pid;			/* q as a number, -1: a name */
	uint8_t *hit;			/* per pid */
	uint8_t idle_hit[MODEL_MAXCPU];	/* pid 0, per CPU */
};

static int comm_hit(const struct search *s, unsigned pid, const char *comm)
{
	char c[MMT_COMM_LEN + 1];

	if (s->pid >= 0)
		return pid == s->pid;
	memcpy(c, comm, MMT_COMM_LEN);
	c[MMT_COMM_LEN] = '\0';
	return strstr(c, s->q) != NULL;
}

/* The tasks of model m (the state the scan starts from). */
static void search_start(struct search *s, const struct model *m)
{
	uint32_t i;
	const struct task *t;

	memset(s->hit, 0, MODEL_IDS);
	memset(s->idle_hit, 0, sizeof s->idle_hit);
	for (i = 0; m && i < m->ntask; i++) {
		t = &m->task[i];
		if (!(t->flags & T_USED))
			continue;
		if (t->pid)
			s->hit[t->pid] = comm_hit(s, t->pid, t->comm);
		else if (t->cpu < MODEL_MAXCPU)
			s->idle_hit[t->cpu] = comm_hit(s, 0, t->comm);
	}
}

/* Does ev name a matching task?  Tasks appearing update the set. */
static int search_event(struct search *s, const struct mmt_event *ev)
{
	const struct layout *l = &field_layouts[ev->type];
	struct mmt_task_new r;
	unsigned i, pid;

	if (ev->type == MMT_TASK_NEW || ev->type == MMT_EXEC) {
		decode_copy(ev, &r, sizeof r);
		if (ev->type == MMT_TASK_NEW && r.pid)
			s->hit[r.pid] = comm_hit(s, r.pid, r.comm);
		else if (ev->type == MMT_EXEC)
			s->hit[r.pid] = comm_hit(s, r.pid,
				(const char *)ev->rec + offsetof(struct mmt_exec,
								 comm));
	}
	for (i = 0; i < l->nfields; i++) {
		if (strcmp(l->fields[i].name, "pid") &&
		    strcmp(l->fields[i].name, "prev") &&
		    strcmp(l->fields[i].name, "next"))
			continue;
		pid = field_uint(&l->fields[i], ev->rec);
		if (pid ? s->hit[pid] : ev->cpu < MODEL_MAXCPU &&
		    s->idle_hit[ev->cpu])
			return 1;
	}
	return 0;
}

/* The first event in [from, to) naming a match, or -1. */
static int64_t search_range(struct search *s, uint64_t from, uint64_t to)
{
	struct evlog_iter it;
	struct mmt_event ev;

	evlog_iter_init(&it, tui.tl->log, from);
	while (it.n < to && evlog_next(&it, &ev))
		if (search_event(s, &ev))
			return ev.n;
	return -1;
}

int cur_search(const char *q)
{
	struct search s = { q, -1, calloc(1, MODEL_IDS), { 0 } };
	unsigned long pid;
	int64_t n = -1;

	if (!s.hit || tui.cursor < 0) {
		free(s.hit);
		return -1;
	}
	if (util_parse_ulong(q, 0, MODEL_IDS - 1, &pid) == 0)
		s.pid = pid;
	search_start(&s, tui.after);
	n = search_range(&s, tui.cursor + 1, tui_count());
	if (n < 0) {			/* round from the start */
		search_start(&s, NULL);
		n = search_range(&s, 0, tui.cursor + 1);
	}
	free(s.hit);
	if (n < 0)
		return -1;
	cur_goto(n);
	return 0;
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
	static int64_t last;

	if (tui.held && tui.hold < tui_count())
		return tui.hold;
	if (!tui.follow_mm)
		return tui_count() - 1;
	if (count != tui_count() || mm != tui.follow_mm) {
		count = tui_count();
		mm = tui.follow_mm;
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
