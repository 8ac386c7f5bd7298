/*
 * chapters_screen.c - the chapter list (C): every chapter of the trace
 * so far, where it starts and its title, the cursor's chapter selected.
 * Enter (or a click on the selected row) goes to its start; q, Esc or
 * C goes back.  With the quiz on, each chapter's answers are tallied
 * here, and the total below.
 */
#include <curses.h>
#include <inttypes.h>
#include "tui/chapter.h"
#include "tui/cursor.h"
#include "tui/panel.h"
#include "tui/quiz.h"
#include "tui/screens.h"
#include "tui/tui.h"

static int sel;				/* the selected row */
static int top;				/* the first row shown */

static void chapters_init(void)
{
	sel = tui.cursor >= 0 ? chap_at(tui.cursor) : 0;
	if (sel < 0)
		sel = 0;
	top = 0;
}

/* A chapter's quiz answers: "2 of 3 right", or "" without the quiz. */
static void tally(int i, char *buf, size_t len)
{
	struct quiz_tally t = quiz_tally(i);

	buf[0] = '\0';
	if (quiz_on() && t.asked)
		snprintf(buf, len, "quiz: %u of %u right", t.right, t.asked);
}

static void chapter_row(int y, int w, int i, int selected)
{
	const struct chapter *c = chap_get(i);
	enum ui_role r = selected ? ROLE_CURSOR : ROLE_NORMAL;
	char quiz[48];
	int x;

	if (selected)
		ui_fill(y, 0, w, r);
	tally(i, quiz, sizeof quiz);
	x = 1 + ui_printf(y, 1, w - 1, r, "%2u/%-2u  event %6" PRIu64 "  ",
			  c->no, c->of, c->n);
	x += ui_put(y, x, w - x - 24, r, c->title);
	ui_put(y, w - 23, 22, selected ? r : ROLE_BOOKMARK, quiz);
}

static void chapters_draw(void)
{
	int lines, cols, rows, i, n = (int)chap_count();
	struct quiz_tally t = quiz_tally(-1);

	ui_size(&lines, &cols);
	ui_fill(0, 0, cols, ROLE_HEADER);
	ui_printf(0, 1, cols - 2, ROLE_HEADER, "%d chapter%s   Enter: go to its "
		  "start   q: back", n, n == 1 ? "" : "s");
	if (!n) {
		ui_put(2, 2, cols - 4, ROLE_NORMAL, "This trace has no chapters "
		       "(so far): a scenario marks them with chapter(), as "
		       "the lecture does.");
		return;
	}
	if (sel >= n)
		sel = n - 1;
	rows = lines - 3;
	top = panel_scroll_top(top, sel, rows, n);
	for (i = 0; i < rows && top + i < n; i++)
		chapter_row(1 + i, cols, top + i, top + i == sel);
	if (quiz_on())
		ui_printf(lines - 1, 1, cols - 2, ROLE_NARRATION, "quiz, all "
			  "chapters: %u of %u right", t.right, t.asked);
}

static void go(void)
{
	const struct chapter *c = chap_get(sel);

	if (!c)
		return;
	cur_goto(c->n);
	cur_pause(1);
	tui_screen(SCREEN_MAIN);
}

static void chapters_key(int ch)
{
	int n = (int)chap_count(), row;

	switch (ch) {
	case KEY_DOWN:	sel++; break;
	case KEY_UP:	sel--; break;
	case KEY_NPAGE:	sel += 10; break;
	case KEY_PPAGE:	sel -= 10; break;
	case KEY_HOME:	sel = 0; break;
	case KEY_END:	sel = n - 1; break;
	case '\r': case '\n': case KEY_ENTER: go(); return;
	case KEY_MOUSE:
		row = top + tui.my - 1;
		if (tui.my >= 1 && row < n && row == sel)
			go();
		else if (tui.my >= 1 && row < n)
			sel = row;
		return;
	case 'q': case 27: case 'C': case KEY_F(10):
		tui_screen(SCREEN_MAIN);
		return;
	}
	if (sel >= n)
		sel = n - 1;
	if (sel < 0)
		sel = 0;
}

const struct screen scr_chapters = { chapters_init, chapters_draw,
				     chapters_key };
