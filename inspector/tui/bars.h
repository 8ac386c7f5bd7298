/*
 * bars.h - the three lines at the bottom of the main screen (bars.c):
 * the narration, the status bar and the function-key bar, drawn from
 * the view v (panel.h).
 */
#ifndef MMSCOPE_TUI_BARS_H
#define MMSCOPE_TUI_BARS_H

#include "tui/panel.h"

void bar_narration(const struct view *v, const struct box *b);
void bar_chapter(const struct view *v, int y, int w);
void bar_status(const struct view *v, int y, int w);
void bar_keys(const struct view *v, int y, int w);

/* The key a click on column x of the key bar (w wide) means, or -1. */
int bar_keys_click(const struct view *v, int x, int w);

#endif /* MMSCOPE_TUI_BARS_H */
