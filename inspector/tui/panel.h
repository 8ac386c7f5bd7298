/*
 * panel.h - helpers the panels of the main screen share (panel.c).
 */
#ifndef MMSCOPE_TUI_PANEL_H
#define MMSCOPE_TUI_PANEL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "tui/tui.h"
#include "tui/ui.h"

struct column {
	const char *title;
	int width;			/* at least this many columns */
	int grow;			/* its share of any spare width */
	int max;			/* at most this wide, 0: no limit */
};

/* The x of each of the n columns inside b; x[n] is where the last ends. */
void panel_columns(const struct column *c, int n, const struct box *b, int *x);

/* The header row (b's first): titles, and `right` at the right end. */
void panel_header(const struct column *c, int n, const struct box *b,
		  const int *x, int focused, const char *right);

/* Text in column i of the row at y, cut to the column. */
int panel_cell(const struct box *b, const int *x, int i, int y, enum ui_role r,
	       const char *s);

/* The role of something that changed at event n: highlighted at the
 * cursor, fading over the next FADE_STEPS events, then `normal`. */
enum ui_role panel_fade(uint64_t n, enum ui_role normal);

/* A task's colour (user, kernel thread, idle) and kind in a word. */
enum ui_role panel_task_role(const struct task *t);
const char *panel_task_kind(const struct task *t);

/* An mm id in a cell: "-", "init_mm", "3". */
const char *panel_mm_str(unsigned id, char *buf, size_t len);

/* The first row to show so that row sel of n is among `rows`. */
int panel_scroll_top(int top, int sel, int rows, int n);

#endif /* MMSCOPE_TUI_PANEL_H */
