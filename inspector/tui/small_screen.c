/*
 * small_screen.c - the screen of a terminal below the minimum size: it
 * says so and what size is needed.  loop.c enters and leaves it on
 * KEY_RESIZE; q still quits.
 */
#include <curses.h>
#include "tui/screens.h"
#include "tui/tui.h"
#include "tui/ui.h"

static void small_draw(void)
{
	int lines, cols;

	ui_size(&lines, &cols);
	ui_printf(0, 0, cols, ROLE_WARN, "terminal too small (need %dx%d)",
		  UI_MIN_COLS, UI_MIN_LINES);
	if (lines > 2)
		ui_printf(1, 0, cols, ROLE_NORMAL, "it is %dx%d; q quits",
			  cols, lines);
}

static void small_key(int ch)
{
	if (ch == 'q' || ch == KEY_F(10))
		tui.quit = 1;
}

const struct screen scr_small = { NULL, small_draw, small_key };
