/*
 * compare_screen.c - two traces side by side (replay A --compare B, d):
 * A on the left, B on the right, each with its CPUs and mm_structs at
 * the step under the cursor, and between them the steps of both aligned
 * (model/align.h): a step of both on one row, one that only A or only B
 * has on a row of its own.  Under them each side's narration of its
 * event.  The cursor moves over the rows; n and N go to the next and
 * previous difference; Enter opens A in the main screen at the row's
 * event.
 *
 *	A: lec-2632.mmt, era 2.6.32       │ B: lec-modern.mmt, era modern
 *	CPUs / mm_structs of A            │ CPUs / mm_structs of B
 *	    A 45 switch kthreadd -> ...   │
 *	-   A 46 mmgrab mm 2 lazy_borrow  │
 *	+                                 │ B 33 switch ... lazy|handoff
 *	narration of A's event            │ narration of B's event
 */
#include <curses.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "model/align.h"
#include "trace/names.h"
#include "tui/bars.h"
#include "tui/cpu_panel.h"
#include "tui/cursor.h"
#include "tui/input.h"
#include "tui/mm_panel.h"
#include "tui/screens.h"
#include "tui/tui.h"
#include "tui/ui.h"

#define NARRATION	3	/* lines of each side's sentence */

static struct {
	int ready;			/* the steps are aligned */
	struct align_trace a, b;
	struct align al;
	size_t row;			/* the row under the cursor */
	size_t top;			/* the first row shown */
	struct model *b_after, *b_before;	/* B at its step */
	int64_t b_at;			/* the event they are at, -1: none */
} cs = { .b_at = -1 };

static void follow_row(void);

/* Align the two traces, once A is all read. */
static int ready(void)
{
	if (cs.ready || !tui.src->ended)
		return cs.ready;
	align_steps(tui.tl, &cs.a);
	align_steps(tui.cmp, &cs.b);
	align_diff(&cs.a, &cs.b, &cs.al);
	cs.b_after = model_new();
	cs.b_before = model_new();
	cs.row = 0;
	cs.ready = 1;
	follow_row();
	return 1;
}

/* The event of side (0: A, 1: B) at row r: its step's, or the one of
 * the nearest row before that has a step of that side; -1: none. */
static int64_t event_at(int side, size_t r)
{
	const struct align_trace *t = side ? &cs.b : &cs.a;
	int64_t i;

	for (;; r--) {
		i = side ? cs.al.row[r].b : cs.al.row[r].a;
		if (i >= 0)
			return t->v[i].n;
		if (!r)
			return -1;
	}
}

/* Both sides' models at the row (A through the cursor, B here). */
static void follow_row(void)
{
	int64_t a, b;

	if (!cs.al.n)
		return;
	a = event_at(0, cs.row);
	b = event_at(1, cs.row);
	cur_goto(a < 0 ? 0 : a);
	if (b != cs.b_at) {
		tl_seek(tui.cmp, cs.b_before, b < 0 ? 0 : b);
		tl_seek(tui.cmp, cs.b_after, b < 0 ? 0 : b + 1);
		cs.b_at = b;
	}
}

static void cmp_init(void)
{
	if (ready())
		follow_row();
}

/* The view a side's panels draw from. */
static void side_view(int side, struct view *v)
{
	memset(v, 0, sizeof *v);
	v->tl = side ? tui.cmp : tui.tl;
	v->syms = side ? NULL : tui.syms;
	v->src = tui.src;
	v->count = evlog_count(v->tl->log);
	v->cursor = side ? cs.b_at : tui.cursor;
	v->m = side ? cs.b_after : tui.after;
	v->before = side ? cs.b_before : tui.before;
	v->paused = 1;
	v->speed = "";
	v->narrow = 0;		/* no Tab between panels here */
}

/* "A: lec.mmt, era 2.6.32, 545 events" in the header of a side (the
 * file's name without its directory). */
static void side_head(int side, int x, int w)
{
	const struct timeline *tl = side ? tui.cmp : tui.tl;
	const char *era = names_of(&names_era, tl->tail->era);
	const char *path = side ? tui.cmp_name : tui.src->name;
	const char *base = strrchr(path, '/');

	ui_printf(0, x, w, ROLE_HEADER, " %s: %s, era %s, %" PRIu64 " events",
		  side ? "B" : "A", base ? base + 1 : path, era ? era : "?",
		  evlog_count(tl->log));
}

/* One row of steps at y: its sign, A's step on the left, B's on the
 * right. */
static void step_row(int y, int w, size_t r)
{
	const struct align_row *x = &cs.al.row[r];
	enum ui_role role = r == cs.row ? ROLE_CURSOR : x->same ?
			    ROLE_NORMAL : ROLE_WARN;
	int half = w / 2;

	if (r == cs.row)
		ui_fill(y, 0, w, ROLE_CURSOR);
	ui_put(y, 0, 1, role, x->same ? " " : x->a >= 0 ? "-" : "+");
	if (x->a >= 0)
		ui_printf(y, 2, half - 3, role, "%6" PRIu64 " %s",
			  cs.a.v[x->a].n, cs.a.v[x->a].text);
	ui_vline(y, half, 1);
	if (x->b >= 0)
		ui_printf(y, half + 2, w - half - 2, role, "%6" PRIu64 " %s",
			  cs.b.v[x->b].n, cs.b.v[x->b].text);
}

/* The rows of steps in lines y..y+h, the cursor's in view. */
static void steps_draw(int y, int h, int w)
{
	size_t i;

	cs.top = cs.row > (size_t)h * 2 / 3 ? cs.row - h * 2 / 3 : 0;
	if (cs.top + h > cs.al.n)	/* the cursor two thirds down */
		cs.top = cs.al.n > (size_t)h ? cs.al.n - h : 0;
	for (i = 0; i < (size_t)h && cs.top + i < cs.al.n; i++)
		step_row(y + i, w, cs.top + i);
}

static void cmp_status(int y, int w)
{
	ui_fill(y, 0, w, ROLE_NORMAL);
	ui_put(y, 0, 10, ROLE_REPLAY, " COMPARE ");
	ui_printf(y, 10, w - 10, ROLE_NORMAL, "row %zu of %zu  %zu only in A, "
		  "%zu only in B, %zu marks in both%s", cs.row + 1, cs.al.n,
		  cs.al.only_a, cs.al.only_b, cs.al.marks, cs.al.cut ?
		  "; a block too different to match" : "");
}

static void cmp_draw(void)
{
	struct view va, vb;
	struct box b;
	int lines, cols, half, cpu_h, mm_h, y;

	ui_size(&lines, &cols);
	ui_fill(0, 0, cols, ROLE_HEADER);
	if (!ready()) {
		ui_put(2, 1, cols - 2, ROLE_DIM, "Reading A to its end...");
		return;
	}
	half = cols / 2;
	side_head(0, 0, half);
	side_head(1, half + 1, cols - half - 1);
	side_view(0, &va);
	side_view(1, &vb);
	cpu_h = 1 + (int)(cpu_panel_count(&va) > cpu_panel_count(&vb) ?
			  cpu_panel_count(&va) : cpu_panel_count(&vb));
	cpu_h = cpu_h > 5 ? 5 : cpu_h;
	mm_h = (lines - 1 - cpu_h - 7) / 4;
	mm_h = mm_h < 3 ? 3 : mm_h;
	y = 1;
	b = (struct box) { y, 0, cpu_h, half };
	cpu_panel_draw(&va, &b, 0);
	b = (struct box) { y, half + 1, cpu_h, cols - half - 1 };
	cpu_panel_draw(&vb, &b, 0);
	y += cpu_h;
	b = (struct box) { y, 0, mm_h, half };
	mm_panel_draw(&va, &b, 0);
	b = (struct box) { y, half + 1, mm_h, cols - half - 1 };
	mm_panel_draw(&vb, &b, 0);
	ui_vline(1, half, cpu_h + mm_h);
	y += mm_h;
	steps_draw(y, lines - y - 2 - NARRATION, cols);
	b = (struct box) { lines - 2 - NARRATION, 0, NARRATION, half };
	bar_narration(&va, &b);
	b = (struct box) { lines - 2 - NARRATION, half + 1, NARRATION,
			   cols - half - 1 };
	if (vb.cursor >= 0)
		bar_narration(&vb, &b);
	ui_vline(lines - 2 - NARRATION, half, NARRATION);
	cmp_status(lines - 2, cols);
	if (tui.msg_until)
		ui_put(lines - 1, 1, cols - 2, ROLE_WARN, tui.msg);
	else
		ui_put(lines - 1, 0, cols, ROLE_KEY, " j k, arrows: a row  "
		       "n N: next, previous difference  Enter: A here  d: "
		       "back  q: quit ");
}

/* The next (dir > 0) or previous row where the traces differ. */
static void difference(int dir)
{
	size_t r = cs.row;

	while (dir > 0 ? r + 1 < cs.al.n : r > 0) {
		r += dir;
		if (!cs.al.row[r].same && (r == 0 ||
		    cs.al.row[r - dir].same || dir < 0)) {
			cs.row = r;
			return;
		}
	}
	tui_say("no %s difference", dir > 0 ? "later" : "earlier");
}

static void row_move(long d)
{
	long r = (long)cs.row + d;

	cs.row = r < 0 ? 0 : (size_t)r >= cs.al.n ? cs.al.n - 1 : (size_t)r;
}

static void cmp_key(int ch)
{
	int lines, cols;

	if (ch == 'q' || ch == KEY_F(10)) {
		tui.quit = 1;
		return;
	}
	if (!ready() || !cs.al.n)
		return;
	ui_size(&lines, &cols);
	switch (ch) {
	case KEY_DOWN: case 'j': case KEY_RIGHT: case TUI_KEY_WHEEL_DOWN:
		row_move(1); break;
	case KEY_UP: case 'k': case KEY_LEFT: case TUI_KEY_WHEEL_UP:
		row_move(-1); break;
	case KEY_NPAGE:	row_move(lines / 3); break;
	case KEY_PPAGE:	row_move(-lines / 3); break;
	case KEY_HOME: case 'g': row_move(-(long)cs.al.n); break;
	case KEY_END: case 'G': row_move(cs.al.n); break;
	case 'n':	difference(1); break;
	case 'N':	difference(-1); break;
	case '\r': case '\n': case KEY_ENTER: case 'd': case 27:
		tui_screen(SCREEN_MAIN);
		cur_pause(1);
		return;
	case '?': case KEY_F(1):
		tui_screen(SCREEN_HELP);
		return;
	}
	follow_row();
}

const struct screen scr_compare = { cmp_init, cmp_draw, cmp_key };
