/*
 * bars.h - the lines at the bottom of the main screen (bars.c): the
 * narration, the status bar and the function-key bar (or a note for the
 * user in its place), drawn from the view v (panel.h).
 */
#ifndef MMSCOPE_TUI_BARS_H
#define MMSCOPE_TUI_BARS_H

#include "tui/panel.h"

#define NARRATION_ROWS	2	/* the sentence wraps over two lines */
#define NARRATION_MAX	4	/* or more, when it is long, up to this */

/* The narration's rows at a terminal of lines x cols: the sentence's,
 * and one or two for a violation or a note at the cursor's event. */
int bar_narration_rows(const struct view *v, int lines, int cols);
void bar_narration(const struct view *v, const struct box *b);
void bar_chapter(const struct view *v, int y, int w);
void bar_status(const struct view *v, int y, int w);
void bar_keys(const struct view *v, int y, int w);

/* The key a click on column x of the key bar (w wide) means, or -1. */
int bar_keys_click(const struct view *v, int x, int w);

#endif /* MMSCOPE_TUI_BARS_H */
