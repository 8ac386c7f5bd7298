/*
 * event_panel.h - the Events panel (event_panel.c).  It draws the view v into
 * its box b and takes the keys and clicks meant for it: see panel.h.
 */
#ifndef MMSCOPE_TUI_EVENT_PANEL_H
#define MMSCOPE_TUI_EVENT_PANEL_H

#include "tui/panel.h"

void event_panel_draw(const struct view *v, const struct box *b, int focused);

/* A click on row (0: the header): go to its event. */
struct panel_hit event_panel_click(const struct view *v, const struct box *b,
				   int row);

/* The events the panel shows in b, at least 1: what a page is. */
unsigned event_panel_rows(const struct view *v, const struct box *b);

#endif /* MMSCOPE_TUI_EVENT_PANEL_H */
