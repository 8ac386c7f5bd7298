/*
 * task_panel.c - the Tasks panel: every task alive at the cursor, idle tasks
 * first, by pid: its state (or "on cpu"), kind, CPU, mm and active_mm.
 * A new task is highlighted and fades; Down and Up select a task, and
 * Enter jumps to the selected task's next event.
 */
#include <curses.h>
#include <stdlib.h>
#include "trace/names.h"
#include "tui/task_panel.h"
#include "util/array.h"

static const struct column cols[] = {
	{ "pid", 6, 0, 0 }, { "comm", 17, 2, 20 }, { "state", 9, 0, 0 },
	{ "kind", 8, 0, 0 }, { "cpu", 4, 0, 0 }, { "mm", 8, 1, 10 },
	{ "active_mm", 10, 1, 0 },
};
#define NCOLS	(sizeof cols / sizeof cols[0])

static struct {
	int sel;			/* the selected row (index) */
	int top;			/* the first row shown, as the keys
					   left it (clamped to fit when
					   drawn) */
} st;

static const struct task **all;		/* the view's tasks, in order */
static int nall;
static size_t cap;

static unsigned order(const struct task *t)
{
	return t->pid ? MODEL_MAXCPU + t->pid : t->cpu;
}

static int by_pid(const void *a, const void *b)
{
	unsigned x = order(*(const struct task *const *)a);
	unsigned y = order(*(const struct task *const *)b);

	return (x > y) - (x < y);
}

/* The tasks of the view, in order; returns the selected row. */
static int collect(const struct view *v)
{
	const struct model *m = v->m;
	uint32_t i;

	nall = 0;
	for (i = 0; i < m->ntask; i++) {
		if (!(m->task[i].flags & T_USED) ||
		    (!m->task[i].pid && !m->cpu[m->task[i].cpu].online))
			continue;
		all = util_array_grow(all, &cap, nall + 1, sizeof *all);
		all[nall++] = &m->task[i];
	}
	if (nall)		/* qsort's array may not be NULL, even empty */
		qsort(all, nall, sizeof *all, by_pid);
	return st.sel < nall ? st.sel : nall ? nall - 1 : 0;
}

/* The first row shown, with row sel selected (after collect). */
static int first_row(const struct box *b, int sel)
{
	return panel_scroll_top(st.top, sel, b->h - 1, nall);
}

static void task_row(const struct view *v, const struct box *b, const int *x,
		     int y, const struct task *t, int selected)
{
	const char *state = names_of(&names_state, t->state);
	char buf[64];

	ui_printf(y, x[0], x[1] - x[0] - 1, selected ? ROLE_SELECT :
		  panel_fade(v, t->born, ROLE_NORMAL), "%5u", t->pid);
	snprintf(buf, sizeof buf, "%.*s", MMT_COMM_LEN, t->comm);
	panel_cell(b, x, 1, y, panel_task_role(t), buf);
	panel_cell(b, x, 2, y, t->flags & T_ON_CPU ? ROLE_LOADED : ROLE_NORMAL,
		   t->flags & T_ON_CPU ? "on cpu" : state ? state : "?");
	panel_cell(b, x, 3, y, panel_task_role(t), panel_task_kind(t));
	snprintf(buf, sizeof buf, "%u", t->cpu);
	panel_cell(b, x, 4, y, ROLE_NORMAL, buf);
	panel_cell(b, x, 5, y, ROLE_NORMAL,
		   panel_mm_str(v->m, t->mm, buf, sizeof buf));
	panel_cell(b, x, 6, y, !t->mm && t->active_mm ? ROLE_LAZY : ROLE_NORMAL,
		   panel_mm_str(v->m, t->active_mm, buf, sizeof buf));
}

void task_panel_draw(const struct view *v, const struct box *b, int focused)
{
	int x[NCOLS + 1], rows = b->h - 1, sel = collect(v), i;
	int first = first_row(b, sel);
	char right[48];

	panel_columns(cols, NCOLS, b, x);
	snprintf(right, sizeof right, "%d tasks%s", nall,
		 v->narrow ? "  Tab: events" : "");
	panel_header(cols, NCOLS, b, x, focused, right);
	for (i = 0; i < rows && first + i < nall; i++)
		task_row(v, b, x, b->y + 1 + i, all[first + i],
			 focused && first + i == sel);
}

/* Select row i (after collect), scrolling so that it is shown. */
static void select_row(const struct box *b, int sel, int i)
{
	st.top = panel_scroll_top(first_row(b, sel), i, b->h - 1, nall);
	st.sel = i;
}

struct panel_hit task_panel_key(const struct view *v, const struct box *b,
				int ch)
{
	int sel = collect(v);

	if (ch == KEY_UP && sel > 0)
		select_row(b, sel, sel - 1);
	else if (ch == KEY_DOWN && sel + 1 < nall)
		select_row(b, sel, sel + 1);
	else if ((ch == '\r' || ch == '\n' || ch == KEY_ENTER) && nall)
		return (struct panel_hit) { HIT_SEARCH, all[sel]->pid };
	return (struct panel_hit) { HIT_NOTHING, 0 };
}

struct panel_hit task_panel_click(const struct view *v, const struct box *b,
				  int row)
{
	int sel = collect(v), i = first_row(b, sel) + row - 1;

	if (row >= 1 && i < nall)
		select_row(b, sel, i);
	return (struct panel_hit) { HIT_NOTHING, 0 };
}
