/*
 * main_screen.c - the main screen: where each panel goes at this terminal
 * size, and the keys and clicks of the panels.
 *
 *	CPUs          a row per CPU (all of them, up to what fits)
 *	mm_structs    the live mms       | Tasks (beside it when wide,
 *	                                 |  else Tab swaps them)
 *	Events        around the cursor
 *	narration     one sentence (wrapped over 2-3 lines), and the
 *	              violation found at the cursor's event
 *	chapter bar   when the trace has chapters: the cursor's
 *	status bar, function-key bar
 *
 * s puts the kernel's source of the cursor's event beside the events
 * (below SRC_BESIDE_COLS, in the place of every panel); f puts the
 * projector view (focus_panel.c) in the place of every panel.
 *
 * Live, at a halt of the machine (h, l), the CPUs and mm_structs panels
 * also show what the gdbstub read: each CPU's real CR3, each mm's
 * counters in memory, checked against the trace.
 *
 * At 80x24 with one CPU: 1 CPU row, 5 mm rows, 10 event rows, three
 * lines of narration; the Tasks panel shares the mm panel's place.
 *
 * This screen is the only part of the TUI that knows the panels: it
 * makes the read-only view they draw from (struct view), gives each
 * its box, hands it the keys and clicks meant for it, and does what a
 * panel's answer asks (go to an event, follow an mm, find a task).
 */
#include <ctype.h>
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include "model/narrate.h"
#include "model/timeline.h"
#include "tui/bars.h"
#include "tui/chapter.h"
#include "tui/cpu_panel.h"
#include "tui/cursor.h"
#include "tui/debugger.h"
#include "tui/event_panel.h"
#include "tui/focus_panel.h"
#include "tui/mm_panel.h"
#include "tui/pace.h"
#include "tui/quiz.h"
#include "tui/screens.h"
#include "tui/source_panel.h"
#include "tui/task_panel.h"
#include "tui/tui.h"
#include "tui/ui.h"

#define WIDE_COLS	140	/* mm_structs and Tasks side by side */
#define MIN_EVENTS	6	/* rows the events panel keeps */
#define SRC_BESIDE_COLS	110	/* the source beside the events: from
				   here on, else a screen of its own */
#define MIN_SRC_ROWS	10	/* and rows it needs there */

/* The panels of the main screen, in the order Tab goes round. */
enum panel_id {
	PANEL_CPU,			/* CPUs */
	PANEL_MM,			/* mm_structs */
	PANEL_TASK,			/* Tasks */
	PANEL_EVENT,			/* Events */
	PANEL_N
};

static struct {
	enum panel_id focus;		/* the panel keys go to */
	enum panel_id mid;		/* PANEL_MM or PANEL_TASK: which one
					   a narrow terminal shows */
} ms = { PANEL_EVENT, PANEL_MM };

/* Where each part goes at this terminal size. */
struct layout {
	struct box cpu, mm, task, ev, nar;
	struct box whole;		/* the focus view, or the source on a
					   screen of its own: all above the
					   narration; h 0: the panels */
	struct box src;			/* the source beside the events */
	int chap_y;			/* the chapter bar, -1: none */
	int status_y, keys_y, cols;
	int wide;			/* mm_structs and Tasks side by side */
};

/* The quiz: what to hide, and the question or the verdict. */
static void quiz_view(struct view *v)
{
	static char text[NARRATE_MAX];

	v->quiz = quiz_on();
	v->quiz_mm = quiz_mm();
	v->quiz_from = quiz_from();
	v->quiz_text = quiz_open() || quiz_verdict() ?
		       quiz_text(tui.syms, text, sizeof text) : NULL;
	v->quiz_right = quiz_tally(-1).right;
	v->quiz_asked = quiz_tally(-1).asked;
}

/* A paced run: its state in words. */
static void pace_view(struct view *v)
{
	static char pace[96];

	v->pace = pace_on() ? pace_state(pace, sizeof pace, &v->pace_held) :
		  NULL;
}

/* The chapter of the cursor, and how many chapters there are. */
static void chapter_view(struct view *v)
{
	int i = v->cursor >= 0 ? chap_at(v->cursor) : -1;

	v->nchapters = chap_count();
	v->chapter = i >= 0 ? chap_get(i) : NULL;
	v->chapters = v->nchapters ? chap_get(v->nchapters - 1)->of : 0;
}

/* The view the panels draw from.  At a halt, with the cursor on the
 * last event, they show the machine as the halt found it (debugger.c);
 * else the state after the cursor's event. */
static void view_make(struct view *v)
{
	struct model *halt = tdbg_view();

	*v = (struct view) {
		.tl = tui.tl, .syms = tui.syms, .src = tui.src,
		.live = tui.live, .count = tui_count(),
		.cursor = tui.cursor, .m = halt ? halt : tui.after,
		.before = tui.before, .paused = tui.paused,
		.speed = cur_speed_name(),
		.follow_mm = tui.follow_mm, .follow = cur_followed(),
		.mark = tui.mark, .nmarks = tui.nmarks,
		.msg = tui.msg_until ? tui.msg : NULL,
		.dbg = tdbg(), .dbg_why = tdbg_why(),
		.dbg_columns = tdbg_columns(), .halt = tdbg_halt(),
	};
	v->halt_ev = tdbg_unlogged(&v->nhalt_ev);
	chapter_view(v);
	quiz_view(v);
	pace_view(v);
	if (tui.last_search == SEARCH_TEXT)
		snprintf(v->kind, sizeof v->kind, "/%.30s", tui.search);
	else if (tui.kind.type)
		tui_kind_name(&tui.kind, v->kind, sizeof v->kind);
}

/* The boxes for the view v now; v.narrow follows the width. */
static void layout(struct view *v, struct layout *L)
{
	int lines, cols, nar_h, avail, cpu_h, rest, mid_h;

	ui_size(&lines, &cols);
	nar_h = bar_narration_rows(v, lines, cols);
	L->keys_y = lines - 1;
	L->status_y = lines - 2;
	L->chap_y = v->nchapters ? lines - 3 : -1;
	lines -= v->nchapters ? 1 : 0;
	L->nar = (struct box) { lines - 2 - nar_h, 0, nar_h, cols };
	avail = lines - 2 - nar_h;
	cpu_h = 1 + (int)cpu_panel_count(v);
	if (cpu_h > avail - 4 - MIN_EVENTS)
		cpu_h = avail - 4 - MIN_EVENTS;
	L->cpu = (struct box) { 0, 0, cpu_h, cols };
	rest = avail - cpu_h;
	mid_h = rest * 2 / 5 < 4 ? 4 : rest * 2 / 5;
	L->wide = cols >= WIDE_COLS;
	v->narrow = !L->wide;
	L->mm = (struct box) { cpu_h, 0, mid_h,
			       L->wide ? cols * 11 / 20 : cols };
	L->task = L->mm;
	if (L->wide) {
		L->task.x = L->mm.w + 1;
		L->task.w = cols - L->mm.w - 1;
	}
	L->ev = (struct box) { cpu_h + mid_h, 0, rest - mid_h, cols };
	L->cols = cols;
	L->whole = L->src = (struct box) { 0, 0, 0, 0 };
	if (tui.focus || (tui.source && (cols < SRC_BESIDE_COLS ||
					 L->ev.h < MIN_SRC_ROWS))) {
		L->whole = (struct box) { 0, 0, avail, cols };
		L->cpu = L->mm = L->task = L->ev = L->src;
	} else if (tui.source) {
		L->src = L->ev;
		L->ev.w = cols * 2 / 5;
		L->src.x = L->ev.w + 1;
		L->src.w = cols - L->ev.w - 1;
	}
}

/* Every panel, in its box (the source beside the events, if asked). */
static void panels_draw(const struct view *v, const struct layout *L)
{
	cpu_panel_draw(v, &L->cpu, ms.focus == PANEL_CPU);
	if (L->wide || ms.mid == PANEL_MM)
		mm_panel_draw(v, &L->mm, ms.focus == PANEL_MM);
	if (L->wide || ms.mid == PANEL_TASK)
		task_panel_draw(v, &L->task, ms.focus == PANEL_TASK);
	if (L->wide)
		ui_vline(L->task.y, L->task.x - 1, L->task.h);
	event_panel_draw(v, &L->ev, ms.focus == PANEL_EVENT);
	if (L->src.h) {
		ui_vline(L->src.y, L->src.x - 1, L->src.h);
		source_panel_draw(v, &L->src);
	}
}

static void main_draw(void)
{
	struct layout L;
	struct view v;

	view_make(&v);
	layout(&v, &L);
	if (tui.focus)
		focus_panel_draw(&v, &L.whole);
	else if (L.whole.h)
		source_panel_draw(&v, &L.whole);
	else
		panels_draw(&v, &L);
	bar_narration(&v, &L.nar);
	if (L.chap_y >= 0)
		bar_chapter(&v, L.chap_y, L.cols);
	bar_status(&v, L.status_y, L.cols);
	bar_keys(&v, L.keys_y, L.cols);
}

/* What a panel's key or click asked for. */
static void act(struct panel_hit h)
{
	char pid[16];

	switch (h.what) {
	case HIT_NOTHING:
		break;
	case HIT_GOTO:
		cur_goto(h.arg);
		cur_pause(1);
		break;
	case HIT_FOLLOW:
		cur_follow(h.arg);
		break;
	case HIT_SEARCH:
		snprintf(pid, sizeof pid, "%u", (unsigned)h.arg);
		cur_search(pid, 1);
		cur_pause(1);
		break;
	}
}

static void focus(int d)
{
	ms.focus = (ms.focus + d + PANEL_N) % PANEL_N;
	if (ms.focus == PANEL_MM || ms.focus == PANEL_TASK)
		ms.mid = ms.focus;
}

static int in(const struct box *b, int y, int x)
{
	return y >= b->y && y < b->y + b->h && x >= b->x && x < b->x + b->w;
}

static void main_key(int ch);

/* A click at (y, x): the panel under it gets the focus, and the row. */
static void click(const struct view *v, const struct layout *L, int y, int x)
{
	int k;

	if (y == L->keys_y && (k = bar_keys_click(v, x, L->cols)) >= 0) {
		main_key(k);
	} else if (in(&L->cpu, y, x)) {
		ms.focus = PANEL_CPU;	/* it has nothing to select */
	} else if (in(&L->mm, y, x) && (L->wide || ms.mid == PANEL_MM)) {
		ms.focus = PANEL_MM;
		act(mm_panel_click(v, &L->mm, y - L->mm.y));
	} else if (in(&L->task, y, x)) {
		ms.focus = ms.mid = PANEL_TASK;
		act(task_panel_click(v, &L->task, y - L->task.y));
	} else if (in(&L->ev, y, x)) {
		ms.focus = PANEL_EVENT;
		act(event_panel_click(v, &L->ev, y - L->ev.y));
	}
}

/* The mm a key means: the mm panel's row when it has the focus, else
 * the first mm the cursor's event names, else the panel's row; 0. */
static unsigned target_mm(const struct view *v)
{
	struct mmt_event ev;
	unsigned mm = 0, i, k;
	const uint8_t *off;
	uint16_t id;

	if (ms.focus != PANEL_MM &&
	    evlog_get(tui.tl->log, tui.cursor, &ev) == 0) {
		off = model_mm_fields(ev.type, &k);
		for (i = 0; i < k && !mm; i++) {
			memcpy(&id, ev.rec + off[i], 2);
			mm = id;
		}
	}
	return mm ? mm : mm_panel_selected(v);
}

/* m: follow the mm_struct target_mm() names, or stop following. */
static void follow(const struct view *v)
{
	unsigned mm;

	if (tui.follow_mm) {
		cur_follow(0);
		return;
	}
	if ((mm = target_mm(v)))
		cur_follow(mm);
	else
		tui_say("no mm to follow: select one in the mm panel");
}

/* { }: to the MM_ALLOC, the MM_FREE of the followed mm_struct, or of
 * the one target_mm() names. */
static void life_edge(const struct view *v, int end)
{
	unsigned mm = tui.follow_mm ? tui.follow_mm : target_mm(v);

	if (!mm) {
		tui_say("no mm here: follow one (m) or select one in the mm "
			"panel");
		return;
	}
	cur_life(mm, end);
	cur_pause(1);
}

/* Event n of a count (NG, Ng as in less), said if out of range. */
static void goto_count(unsigned n)
{
	if (n >= tui_count())
		tui_say("no event %u: the trace has events 0 to %llu", n,
			(unsigned long long)tui_count() - 1);
	cur_goto(n);
}

/* Keys that move the cursor, k times (a count typed before; 0: none);
 * a page is the events panel's rows.  Returns 0 if ch is not one. */
static int move_key(const struct view *v, const struct layout *L, int ch,
		    unsigned k)
{
	unsigned i, times = k ? k : 1;

	switch (ch) {
	case KEY_RIGHT: case 'j':
		for (i = 0; i < times && (!i || !quiz_open()); i++)
			cur_step(1);	/* up to a quiz question */
		break;
	case KEY_LEFT: case 'k':
		for (i = 0; i < times; i++)
			cur_step(-1);
		break;
	case KEY_NPAGE: case KEY_PPAGE:
		for (i = 0; i < times; i++)
			cur_page(ch == KEY_NPAGE ? 1 : -1,
				 event_panel_rows(v, &L->ev));
		break;
	case KEY_HOME:			cur_goto(0); break;
	case KEY_END:			cur_goto(tui_count() - 1); break;
	case 'G':
		if (k)
			goto_count(k);
		else
			cur_goto(tui_count() - 1);
		break;
	case 'n':			cur_again(1, times); break;
	case 'N':			cur_again(-1, times); break;
	case '\'':			cur_next_mark(); break;
	case ']':			cur_chapter(1); break;
	case '[':			cur_chapter(-1); break;
	default:			return 0;
	}
	if (ch != KEY_END && !(ch == 'G' && !k))
		cur_pause(1);		/* moving by hand stops playback */
	return 1;
}

/* A digit of a count for the next key (5j, 100G), as in less. */
static void count_digit(int ch)
{
	if (tui.count < 100000000u)
		tui.count = tui.count * 10 + (ch - '0');
	tui_say("%u: then j k G g n N, arrows or PgDn PgUp (Esc: none)",
		tui.count);
}

/* The wheel: three events over the Events panel, else three rows of
 * the panel under the mouse. */
static void wheel(const struct view *v, const struct layout *L, int ch)
{
	int up = ch == TUI_KEY_WHEEL_UP, i;

	if (in(&L->mm, tui.my, tui.mx) && (L->wide || ms.mid == PANEL_MM)) {
		for (i = 0; i < 3; i++)
			act(mm_panel_key(v, &L->mm, up ? KEY_UP : KEY_DOWN));
	} else if (in(&L->task, tui.my, tui.mx) &&
		   (L->wide || ms.mid == PANEL_TASK)) {
		for (i = 0; i < 3; i++)
			act(task_panel_key(v, &L->task, up ? KEY_UP :
					   KEY_DOWN));
	} else {
		for (i = 0; i < 3; i++)
			cur_step(up ? -1 : 1);
		cur_pause(1);
	}
}

/* Keys of the focused panel: up and down, Enter. */
static void panel_key(const struct view *v, const struct layout *L, int ch)
{
	if (ms.focus == PANEL_EVENT && (ch == KEY_DOWN || ch == KEY_UP)) {
		cur_step(ch == KEY_DOWN ? 1 : -1);
		cur_pause(1);
	} else if (ms.focus == PANEL_MM) {
		act(mm_panel_key(v, &L->mm, ch));
	} else if (ms.focus == PANEL_TASK) {
		act(task_panel_key(v, &L->task, ch));
	} else if (ms.focus == PANEL_CPU) {
		cpu_panel_key(v, &L->cpu, ch);
	}
}

static void main_key(int ch)
{
	unsigned k = tui.count;		/* a count typed before ch */
	struct layout L;
	struct view v;

	view_make(&v);
	layout(&v, &L);
	if (quiz_key(ch))
		return;			/* a question takes the answer's keys */
	if (ch >= '0' && ch <= '9') {
		count_digit(ch);
		return;
	}
	tui.count = 0;
	if (pace_key(ch))
		return;			/* paced: space, arrows, + - the pace's */
	if (move_key(&v, &L, ch, k))
		return;
	switch (ch) {
	case 'q': case KEY_F(10):	tui.quit = 1; break;
	case '?': case KEY_F(1):	tui_screen(SCREEN_HELP); break;
	case ' ': case KEY_F(9):	cur_pause(!tui.paused); break;
	case 'g': case KEY_F(2):
		if (k && ch == 'g') {
			goto_count(k);
			cur_pause(1);
		} else {
			tui_screen(SCREEN_GOTO);
		}
		break;
	case '/': case KEY_F(3):	tui_screen(SCREEN_SEARCH); break;
	case 'K':			tui_screen(SCREEN_KIND); break;
	case 'd':
		if (tui.cmp)
			tui_screen(SCREEN_COMPARE);
		else
			tui_say("d: two traces side by side, for replay A.mmt "
				"--compare B.mmt");
		break;
	case 'm': case KEY_F(4):	follow(&v); break;
	case '{': case '}':		life_edge(&v, ch == '}'); break;
	case TUI_KEY_WHEEL_UP: case TUI_KEY_WHEEL_DOWN:
		wheel(&v, &L, ch);
		break;
	case 27:
		if (k)
			tui_say("count %u dropped", k);
		else if (tui.follow_mm)
			cur_follow(0);
		break;
	case 'b': case KEY_F(5):	cur_mark(); break;
	case 'v': case KEY_F(6):	tui_screen(SCREEN_VIOLATIONS); break;
	case 'C':			tui_screen(SCREEN_CHAPTERS); break;
	case 'f':			tui.focus = !tui.focus; break;
	case 's':			tui.source = !tui.source;
					tui.focus = 0; break;
	case 'Q':			quiz_set(!quiz_on()); break;
	case 'h': case 'c': case 'l':	tdbg_key(ch); break;
	case '-': case KEY_F(7):	cur_speed(-1); break;
	case '+': case '=': case KEY_F(8): cur_speed(1); break;
	case '\t':			focus(1); break;
	case KEY_BTAB:			focus(-1); break;
	case KEY_MOUSE:			click(&v, &L, tui.my, tui.mx); break;
	default:
		if (ch < 128 && isprint(ch))
			tui_say("'%c' does nothing here: ? lists every key", ch);
		else
			panel_key(&v, &L, ch);
	}
}

const struct screen scr_main = { NULL, main_draw, main_key };
