/*
 * pace.c - paced runs, see pace.h.
 *
 * A step goes to the next teaching event: the next one in the trace
 * after the cursor if there is one (the lecturer went back, or several
 * CPUs' events followed the halt), else the machine's next one, through
 * the gdbstub (tdbg_next: the kernel's stop hook halts at the step's
 * record types, the host's filter picks).  The debugger glue puts the
 * cursor on the event the machine halted at once it is verified; the
 * pace counts the halts to know a step has landed (and first shows the
 * other CPUs' steps the halt read from their rings, if they come
 * before it), and schedules the next one a step's time later (a
 * chapter's, at a chapter's start).
 * The view is paused all along: the pace alone moves the cursor.
 *
 * A question of the quiz holds the pace until it is answered.  Without
 * a gdbstub (it could not be attached, or went away) the steps are
 * taken in the trace only, as it arrives.
 */
#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "model/timeline.h"
#include "trace/names.h"
#include "tui/chapter.h"
#include "tui/cursor.h"
#include "tui/debugger.h"
#include "tui/input.h"
#include "tui/pace.h"
#include "tui/quiz.h"
#include "tui/tui.h"
#include "util/util.h"

/* The teaching events of the issue: what a paced run halts at. */
static const char *const default_steps[] = {
	"mm_ref", "switch", "mm_alloc", "mm_free", "exec", "task_new",
	"task_exit", "prev_mm", "enter_lazy", "leave_mm", "cr3_load",
};

/* The paces + and - go through, in nanoseconds. */
static const uint64_t paces[] = {
	250000000ull, 500000000ull, 1000000000ull, 1500000000ull,
	2000000000ull, 3000000000ull, 5000000000ull, 10000000000ull,
};
#define NPACES	(int)(sizeof paces / sizeof paces[0])

static struct {
	int on;
	struct pace_cfg c;
	struct dbg_filter f;		/* the steps, for the kernel */
	int (*want)(void *arg, unsigned cpu, const uint8_t *rec);
	void *want_arg;			/* the steps' own filter, inside f */
	int paused;			/* space: no step by itself */
	int waiting;			/* the machine runs to the next step */
	uint64_t halts;			/* tdbg_halts() when it was ordered */
	int64_t from;			/* and the cursor then */
	uint64_t due;			/* when the next step is due, 0: not
					   scheduled */
	int view_only;			/* no gdbstub: steps in the trace */
	int no_gdbstub;			/* there never was one */
	int started;			/* at the start: steps from here */
	struct dbg_filter start;	/* where that is, in the trace */
	int ended;			/* the last step was taken: said */
} pc;

int pace_parse_steps(struct pace_cfg *c, const char *s, char *err,
		     size_t len)
{
	char one[64];
	size_t n;

	for (; *s; s += n + (s[n] == ',')) {
		n = strcspn(s, ",");
		if (c->steps.n == DBG_MAX_AT) {
			snprintf(err, len, "--steps: at most %d kinds",
				 DBG_MAX_AT);
			return -1;
		}
		snprintf(one, sizeof one, "%.*s", (int)n, s);
		if (n >= sizeof one ||
		    dbg_parse_at(one, &c->steps.at[c->steps.n++]) < 0) {
			snprintf(err, len, "--steps: '%.40s' is not KIND[:cpu=N]"
				 "[:mm=M] with KIND an event kind (switch, "
				 "mm_ref, cr3_load, ... or any)", s);
			return -1;
		}
	}
	return 0;
}

/* --- which events are steps --------------------------------------- */

static int chapter_rec(const uint8_t *rec)
{
	return rec[0] == MMT_MARK && rec[1] >= sizeof(struct mmt_mark) &&
	       rec[offsetof(struct mmt_mark, chapter)];
}

/* The host's half of the filter: a chapter's start, or a step kind. */
static int want(void *arg, unsigned cpu, const uint8_t *rec)
{
	(void)arg;
	return chapter_rec(rec) || pc.want(pc.want_arg, cpu, rec);
}

static int is_step(void *arg, const struct mmt_event *ev)
{
	(void)arg;
	return (pc.f.types[ev->type / 32] >> (ev->type % 32) & 1) &&
	       want(NULL, ev->cpu, ev->rec);
}

/* The filter for the kernel (types, CPUs) and the host (want). */
static void make_filter(void)
{
	unsigned i;

	if (!pc.c.steps.n)
		for (i = 0; i < sizeof default_steps / sizeof *default_steps;
		     i++)
			dbg_parse_at(default_steps[i],
				     &pc.c.steps.at[pc.c.steps.n++]);
	dbg_filter_at(&pc.f, &pc.c.steps);
	pc.want = pc.f.want;
	pc.want_arg = pc.f.want_arg;
	pc.f.types[MMT_MARK / 32] |= 1u << (MMT_MARK % 32);
	pc.f.cpus = ~0u;		/* chapters come from any CPU */
	pc.f.want = want;
	pc.f.want_arg = NULL;
}

void pace_start(const struct pace_cfg *c)
{
	pc.on = 1;
	pc.c = *c;
	pc.c.steps.n = c->steps.n;
	make_filter();
	dbg_filter_at(&pc.start, &pc.c.start);
	pc.paused = c->stepping;
	pc.view_only = pc.no_gdbstub = !tdbg_alive();
	cur_pause(1);			/* the pace moves the cursor */
}

int pace_on(void)
{
	return pc.on;
}

/* --- stepping ------------------------------------------------------- */

static void say_latency(const char *what)
{
	if (tui.latency)
		fprintf(tui.latency, "%s %" PRIu64 " %" PRId64 "\n", what,
			util_now_ns(), tui.cursor);
}

/* The latency log's "landed NS CURSOR VERDICT": a step's halt is on
 * the screen, verified (or with mismatches, or unread). */
static void say_landed(void)
{
	const struct vfy *v = tdbg_halt();

	if (tui.latency)
		fprintf(tui.latency, "landed %" PRIu64 " %" PRId64 " %s\n",
			util_now_ns(), tui.cursor, !v ? "unread" : v->bad ?
			"mismatch" : "verified");
}

/* How long the event under the cursor is shown. */
static uint64_t dwell(void)
{
	struct mmt_event ev;

	if (tui.cursor >= 0 && evlog_get(tui.tl->log, tui.cursor, &ev) == 0 &&
	    chap_starts(&ev))
		return pc.c.chapter_ns;
	return pc.c.ns;
}

/* One step on: in the trace if it has one after the cursor, else the
 * machine's.  0 if taken (or under way), -1 if there is none yet. */
static int step(void)
{
	int64_t n = tl_find(tui.tl, tui.cursor < 0 ? 0 : tui.cursor, 1,
			    is_step, NULL);

	if (pc.waiting)
		return 0;
	if (n >= 0) {
		cur_forward(n);
		pc.due = util_now_ns() + dwell();
		return 0;
	}
	if (pc.view_only || !tdbg_alive())
		return -1;
	if (tdbg_next(&pc.f) < 0)
		return -1;
	pc.waiting = 1;
	pc.halts = tdbg_halts();
	pc.from = tui.cursor;
	pc.due = 0;
	return 0;
}

/*
 * A step landed: the cursor is on the event the machine halted at.  The
 * halt may have read other CPUs' steps from their rings that come
 * before it; the class sees those first, one step each, through the
 * trace.
 */
static void landed(void)
{
	int64_t n = tl_find(tui.tl, pc.from < 0 ? 0 : pc.from, 1, is_step,
			    NULL);

	pc.waiting = 0;
	if (n >= 0 && n < tui.cursor)
		cur_goto(n);
	say_landed();
}

static int is_start(void *arg, const struct mmt_event *ev)
{
	(void)arg;
	return (pc.start.types[ev->type / 32] >> (ev->type % 32) & 1) &&
	       pc.start.want(pc.start.want_arg, ev->cpu, ev->rec);
}

/*
 * Has the lesson started: the machine's first halt (--halt-at), or
 * without the machine the first such event in the trace?  Then the
 * cursor goes there (a jump: the quiz asks nothing about the boot).
 */
static int started(uint64_t now)
{
	struct mmt_event ev;
	int64_t n = -1;

	if (pc.started)
		return 1;
	if (!pc.view_only && tdbg_halted())
		n = tui.hold;
	else if (pc.view_only && evlog_get(tui.tl->log, 0, &ev) == 0)
		n = is_start(NULL, &ev) ? 0 : tl_find(tui.tl, 0, 1, is_start,
						      NULL);
	if (n < 0)
		return 0;
	pc.started = 1;
	pc.halts = tdbg_halts();
	cur_goto(n);
	pc.due = now + dwell();
	return 1;
}

/* The machine went away (QEMU ended, the gdbstub died): steps are
 * taken in the trace from now on. */
static void machine_gone(void)
{
	if (pc.view_only)
		return;
	pc.view_only = 1;
	pc.waiting = 0;
	if (!pc.due)
		pc.due = util_now_ns() + dwell();
}

uint64_t pace_tick(uint64_t now)
{
	if (!pc.on)
		return UINT64_MAX;
	if (!tdbg_alive())
		machine_gone();
	if (!started(now))
		return 50000000;	/* a look at the trace or the machine */
	if (pc.waiting && tdbg_halted() && tdbg_halts() != pc.halts) {
		landed();		/* verified */
		pc.due = now + dwell();
	}
	if (pc.waiting || pc.paused || quiz_open())
		return UINT64_MAX;
	if (!pc.due)
		pc.due = now + dwell();
	if (now < pc.due)
		return pc.due - now;
	if (step() < 0) {		/* nothing to step to yet */
		if (tui.src->ended && !pc.ended++) {
			cur_goto(tui_count() - 1);
			tui_say("the end of the trace: nothing more to show");
		}
		pc.due = now + (tui.src->ended ? UINT64_MAX / 2 : 100000000);
		return pc.due - now;
	}
	return pc.due > now ? pc.due - now : UINT64_MAX;
}

/* <-: the step before the cursor's, in the trace; the pace holds. */
static void back(void)
{
	int64_t n = tui.cursor > 0 ? tl_find(tui.tl, tui.cursor, -1, is_step,
					     NULL) : -1;

	pc.paused = 1;
	if (n < 0)
		tui_say("no earlier step");
	else
		cur_goto(n);
}

/* + and -: the next pace of paces[] faster (d > 0) or slower than
 * the one now, whatever --pace chose; a chapter's start keeps its
 * share unless --chapter-pause set it. */
static void faster(int d)
{
	int i;

	if (d > 0)
		for (i = NPACES - 1; i >= 0 && paces[i] >= pc.c.ns; i--)
			;
	else
		for (i = 0; i < NPACES && paces[i] <= pc.c.ns; i++)
			;
	if (i < 0 || i == NPACES) {
		tui_say("pace: a step every %.2g s already, the %s", pc.c.ns /
			1e9, d > 0 ? "fastest" : "slowest");
		return;
	}
	if (pc.c.chapter_ns == 3 * pc.c.ns)
		pc.c.chapter_ns = 3 * paces[i];
	pc.c.ns = paces[i];
	tui_say("pace: a step every %.2g s", pc.c.ns / 1e9);
}

int pace_key(int ch)
{
	if (!pc.on)
		return 0;
	switch (ch) {
	case ' ': case KEY_F(9):
		pc.paused = !pc.paused;
		pc.due = util_now_ns();	/* resumed: a step at once */
		tui_say(pc.paused ? "paused: the machine waits (space goes "
			"on, -> takes one step)" : "going on");
		break;
	case KEY_RIGHT: case 'j':
		say_latency("key");
		if (pc.waiting)
			tui_say("the machine is on its way to the next step");
		else if (step() < 0)
			tui_say(tui.src->ended ? "that was the last step" :
				"no next step yet");
		break;
	case KEY_LEFT: case 'k':
		back();
		break;
	case '+': case '=': case KEY_F(8):
		faster(1);
		break;
	case '-': case KEY_F(7):
		faster(-1);
		break;
	default:
		return 0;
	}
	tui.dirty = 1;
	return 1;
}

const char *pace_state(char *buf, size_t len, int *held)
{
	*held = pc.paused || quiz_open();
	if (pc.view_only && tui.src->ended && !pc.no_gdbstub)
		snprintf(buf, len, "pace %.2g s: the run has ended",
			 pc.c.ns / 1e9);
	else if (pc.view_only)
		snprintf(buf, len, "paced view %.2g s, no gdbstub: %s",
			 pc.c.ns / 1e9, tdbg_why()[0] ? tdbg_why() :
			 "it went away");
	else if (pc.waiting)
		snprintf(buf, len, "pace %.2g s: stepping", pc.c.ns / 1e9);
	else if (quiz_open())
		snprintf(buf, len, "pace: waits for the answer");
	else if (pc.paused)
		snprintf(buf, len, "pace: paused (space goes on)");
	else
		snprintf(buf, len, "pace %.2g s", pc.c.ns / 1e9);
	return buf;
}
