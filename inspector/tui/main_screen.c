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
 *	status bar, function-key bar
 *
 * Live, at a halt of the machine (h, l), the CPUs and mm_structs panels
 * also show what the gdbstub read: each CPU's real CR3, each mm's
 * counters in memory, checked against the trace.
 *
 * At 80x24 with one CPU: 1 CPU row, 5 mm rows, 10 event rows, three
 * lines of narration; the Tasks panel shares the mm panel's place.
 */
#include <curses.h>
#include <string.h>
#include "tui/tui.h"
#include "tui/ui.h"

#define WIDE_COLS	140	/* mm_structs and Tasks side by side */
#define MIN_EVENTS	6	/* rows the events panel keeps */

static struct box cpu_b, mm_b, task_b, ev_b, nar_b;
static int status_y, keys_y, wide;

static void layout(void)
{
	int lines, cols, nar_h, avail, cpu_h, rest, mid_h;

	ui_size(&lines, &cols);
	nar_h = lines < 24 ? 2 : 3;
	keys_y = lines - 1;
	status_y = lines - 2;
	nar_b = (struct box) { lines - 2 - nar_h, 0, nar_h, cols };
	avail = lines - 2 - nar_h;
	cpu_h = 1 + (int)cpu_panel_count();
	if (cpu_h > avail - 4 - MIN_EVENTS)
		cpu_h = avail - 4 - MIN_EVENTS;
	cpu_b = (struct box) { 0, 0, cpu_h, cols };
	rest = avail - cpu_h;
	mid_h = rest * 2 / 5 < 4 ? 4 : rest * 2 / 5;
	wide = cols >= WIDE_COLS;
	tui.narrow = !wide;
	mm_b = (struct box) { cpu_h, 0, mid_h, wide ? cols * 11 / 20 : cols };
	task_b = mm_b;
	if (wide) {
		task_b.x = mm_b.w + 1;
		task_b.w = cols - mm_b.w - 1;
	}
	ev_b = (struct box) { cpu_h + mid_h, 0, rest - mid_h, cols };
}

/* At a halt, with the cursor on the last event, the panels show the
 * machine as the halt found it (debugger.c); else the cursor's state. */
static void main_draw(void)
{
	struct model *cursor = tui.view, *halt = tdbg_view();

	if (halt)
		tui.view = halt;
	layout();
	cpu_panel_draw(&cpu_b, tui.focus == PANEL_CPU);
	if (wide || tui.mid_panel == PANEL_MM)
		mm_panel_draw(&mm_b, tui.focus == PANEL_MM);
	if (wide || tui.mid_panel == PANEL_TASK)
		task_panel_draw(&task_b, tui.focus == PANEL_TASK);
	if (wide)
		ui_vline(task_b.y, task_b.x - 1, task_b.h);
	event_panel_draw(&ev_b, tui.focus == PANEL_EVENT);
	bar_narration(&nar_b);
	bar_status(status_y, cpu_b.w);
	bar_keys(keys_y, cpu_b.w);
	tui.view = cursor;
}

static void focus(int d)
{
	tui.focus = (tui.focus + d + PANEL_N) % PANEL_N;
	if (tui.focus == PANEL_MM || tui.focus == PANEL_TASK)
		tui.mid_panel = tui.focus;
}

static int in(const struct box *b, int y, int x)
{
	return y >= b->y && y < b->y + b->h && x >= b->x && x < b->x + b->w;
}

static void click(int y, int x)
{
	int k;

	if (y == keys_y && (k = bar_keys_click(x)) >= 0) {
		scr_main.key(k);
	} else if (in(&cpu_b, y, x)) {
		tui.focus = PANEL_CPU;
		cpu_panel_click(y - cpu_b.y);
	} else if (in(&mm_b, y, x) && (wide || tui.mid_panel == PANEL_MM)) {
		tui.focus = PANEL_MM;
		mm_panel_click(y - mm_b.y);
	} else if (in(&task_b, y, x)) {
		tui.focus = tui.mid_panel = PANEL_TASK;
		task_panel_click(y - task_b.y);
	} else if (in(&ev_b, y, x)) {
		tui.focus = PANEL_EVENT;
		event_panel_click(y - ev_b.y);
	}
}

/* m: the mm of the mm panel's row, or of the event under the cursor. */
static void follow(void)
{
	struct mmt_event ev;
	unsigned mm = 0, i, k;
	const uint8_t *off;
	uint16_t id;

	if (tui.follow_mm) {
		cur_follow(0);
		return;
	}
	if (tui.focus != PANEL_MM &&
	    evlog_get(tui.tl->log, tui.cursor, &ev) == 0) {
		off = model_mm_fields(ev.type, &k);
		for (i = 0; i < k && !mm; i++) {
			memcpy(&id, ev.rec + off[i], 2);
			mm = id;
		}
	}
	if (!mm)
		mm = mm_panel_selected();
	if (mm)
		cur_follow(mm);
	else
		tui_say("no mm to follow: select one in the mm panel");
}

/* Keys that move the cursor.  Returns 0 if ch is not one. */
static int move_key(int ch)
{
	switch (ch) {
	case KEY_RIGHT:			cur_step(1); break;
	case KEY_LEFT:			cur_step(-1); break;
	case KEY_NPAGE:			cur_page(1, event_panel_rows()); break;
	case KEY_PPAGE:			cur_page(-1, event_panel_rows()); break;
	case KEY_HOME:			cur_goto(0); break;
	case KEY_END:			cur_goto(tui_count() - 1); break;
	case 'n':			cur_kind(1); break;
	case 'N':			cur_kind(-1); break;
	case '\'':			cur_next_mark(); break;
	default:			return 0;
	}
	if (ch != KEY_END)
		cur_pause(1);		/* moving by hand stops playback */
	return 1;
}

/* Keys of the focused panel: up and down, Enter. */
static void panel_key(int ch)
{
	if (tui.focus == PANEL_EVENT && (ch == KEY_DOWN || ch == KEY_UP)) {
		cur_step(ch == KEY_DOWN ? 1 : -1);
		cur_pause(1);
	} else if (tui.focus == PANEL_MM) {
		mm_panel_key(ch);
	} else if (tui.focus == PANEL_TASK) {
		task_panel_key(ch);
	} else if (tui.focus == PANEL_CPU && (ch == KEY_DOWN || ch == KEY_UP)) {
		tui.top[PANEL_CPU] += ch == KEY_DOWN ? 1 : -1;
	}
}

static void main_key(int ch)
{
	if (move_key(ch))
		return;
	switch (ch) {
	case 'q': case KEY_F(10):	tui.quit = 1; break;
	case '?': case KEY_F(1):	tui_screen(SCREEN_HELP); break;
	case ' ': case KEY_F(9):	cur_pause(!tui.paused); break;
	case 'g': case KEY_F(2):	tui_screen(SCREEN_GOTO); break;
	case '/': case KEY_F(3):	tui_screen(SCREEN_SEARCH); break;
	case 'k':			tui_screen(SCREEN_KIND); break;
	case 'm': case KEY_F(4):	follow(); break;
	case 27:			if (tui.follow_mm) cur_follow(0); break;
	case 'b': case KEY_F(5):	cur_mark(); break;
	case 'v': case KEY_F(6):	tui_screen(SCREEN_VIOLATIONS); break;
	case 'h': case 'c': case 'l':	tdbg_key(ch); break;
	case '-': case KEY_F(7):	cur_speed(-1); break;
	case '+': case '=': case KEY_F(8): cur_speed(1); break;
	case '\t':			focus(1); break;
	case KEY_BTAB:			focus(-1); break;
	case KEY_MOUSE:			click(tui.my, tui.mx); break;
	default:			panel_key(ch);
	}
}

const struct screen scr_main = { NULL, main_draw, main_key };
