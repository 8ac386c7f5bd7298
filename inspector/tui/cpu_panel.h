/*
 * cpu_panel.h - the CPUs panel (cpu_panel.c).  It draws the view v into
 * its box b and takes the keys meant for it: see panel.h.
 */
#ifndef MMSCOPE_TUI_CPU_PANEL_H
#define MMSCOPE_TUI_CPU_PANEL_H

#include "tui/panel.h"

/* The CPU rows: every CPU of the run, and of the machine at a halt. */
unsigned cpu_panel_count(const struct view *v);

void cpu_panel_draw(const struct view *v, const struct box *b, int focused);

/* Down, Up: scroll the rows, when not every CPU fits. */
void cpu_panel_key(const struct view *v, const struct box *b, int ch);

#endif /* MMSCOPE_TUI_CPU_PANEL_H */
