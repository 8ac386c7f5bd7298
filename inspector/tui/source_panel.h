/*
 * source_panel.h - the kernel's code beside the state (source_panel.c,
 * s): the source around the line that made the cursor's event.
 */
#ifndef MMSCOPE_TUI_SOURCE_PANEL_H
#define MMSCOPE_TUI_SOURCE_PANEL_H

#include "tui/panel.h"

void source_panel_draw(const struct view *v, const struct box *b);

#endif /* MMSCOPE_TUI_SOURCE_PANEL_H */
