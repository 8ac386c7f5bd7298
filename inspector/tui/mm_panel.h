/*
 * mm_panel.h - the mm_structs panel (mm_panel.c).  It draws the view v into
 * its box b and takes the keys and clicks meant for it: see panel.h.
 */
#ifndef MMSCOPE_TUI_MM_PANEL_H
#define MMSCOPE_TUI_MM_PANEL_H

#include "tui/panel.h"

void mm_panel_draw(const struct view *v, const struct box *b, int focused);

/* Down, Up: select an mm; Enter: follow it. */
struct panel_hit mm_panel_key(const struct view *v, const struct box *b,
			      int ch);

/* A click on row (0: the header) selects its mm; again: follow it. */
struct panel_hit mm_panel_click(const struct view *v, const struct box *b,
				int row);

/* The selected mm, 0: none. */
unsigned mm_panel_selected(const struct view *v);

#endif /* MMSCOPE_TUI_MM_PANEL_H */
