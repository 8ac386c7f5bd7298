/*
 * focus_panel.h - the projector view (focus_panel.c, f or --focus): one
 * mm in large digits, who holds its references, the CPUs.
 */
#ifndef MMSCOPE_TUI_FOCUS_PANEL_H
#define MMSCOPE_TUI_FOCUS_PANEL_H

#include "tui/panel.h"

void focus_panel_draw(const struct view *v, const struct box *b);

/* The mm the view is about: the followed one, else the one the cursor's
 * event names, else the last one an event before it named; 0: none. */
unsigned focus_panel_mm(const struct view *v);

#endif /* MMSCOPE_TUI_FOCUS_PANEL_H */
