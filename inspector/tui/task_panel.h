/*
 * task_panel.h - the Tasks panel (task_panel.c).  It draws the view v into
 * its box b and takes the keys and clicks meant for it: see panel.h.
 */
#ifndef MMSCOPE_TUI_TASK_PANEL_H
#define MMSCOPE_TUI_TASK_PANEL_H

#include "tui/panel.h"

void task_panel_draw(const struct view *v, const struct box *b, int focused);

/* Down, Up: select a task; Enter: the next event of its pid. */
struct panel_hit task_panel_key(const struct view *v, const struct box *b,
				int ch);

/* A click on row (0: the header) selects its task. */
struct panel_hit task_panel_click(const struct view *v, const struct box *b,
				  int row);

#endif /* MMSCOPE_TUI_TASK_PANEL_H */
