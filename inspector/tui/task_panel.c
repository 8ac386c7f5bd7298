/*
 * task_panel.c - the Tasks panel: every task alive at the cursor, idle tasks
 * first, by pid: its state (or "on cpu"), kind, CPU, mm and active_mm.
 * A new task is highlighted and fades; Enter jumps to the selected
 * task's next event.
 */
#include <curses.h>
#include <stdlib.h>
#include "trace/names.h"
#include "tui/panel.h"
#include "util/array.h"

static const struct column cols[] = {
	{ "pid", 6, 0, 0 }, { "comm", 17, 2, 20 }, { "state", 9, 0, 0 },
	{ "kind", 8, 0, 0 }, { "cpu", 4, 0, 0 }, { "mm", 8, 1, 10 },
	{ "active_mm", 10, 1, 0 },
};
#define NCOLS	(sizeof cols / sizeof cols[0])

static const struct task **all;		/* the tasks, in order */
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

static void collect(void)
{
	const struct model *m = tui.view;
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
	if (tui.sel_task >= nall)
		tui.sel_task = nall ? nall - 1 : 0;
}

static void task_row(const struct box *b, const int *x, int y,
		     const struct task *t, int selected)
{
	const char *state = names_of(&names_state, t->state);
	char buf[64];

	ui_printf(y, x[0], x[1] - x[0] - 1, selected ? ROLE_SELECT :
		  panel_fade(t->born, ROLE_NORMAL), "%5u", t->pid);
	snprintf(buf, sizeof buf, "%.*s", MMT_COMM_LEN, t->comm);
	panel_cell(b, x, 1, y, panel_task_role(t), buf);
	panel_cell(b, x, 2, y, t->flags & T_ON_CPU ? ROLE_LOADED : ROLE_NORMAL,
		   t->flags & T_ON_CPU ? "on cpu" : state ? state : "?");
	panel_cell(b, x, 3, y, panel_task_role(t), panel_task_kind(t));
	snprintf(buf, sizeof buf, "%u", t->cpu);
	panel_cell(b, x, 4, y, ROLE_NORMAL, buf);
	panel_cell(b, x, 5, y, ROLE_NORMAL,
		   panel_mm_str(t->mm, buf, sizeof buf));
	panel_cell(b, x, 6, y, !t->mm && t->active_mm ? ROLE_LAZY : ROLE_NORMAL,
		   panel_mm_str(t->active_mm, buf, sizeof buf));
}

void task_panel_draw(const struct box *b, int focused)
{
	int x[NCOLS + 1], rows = b->h - 1, i;
	char right[48];

	collect();
	panel_columns(cols, NCOLS, b, x);
	tui.top[P_TASK] =
		panel_scroll_top(tui.top[P_TASK], tui.sel_task, rows, nall);
	snprintf(right, sizeof right, "%d tasks%s", nall,
		 tui.narrow ? "  Tab: events" : "");
	panel_header(cols, NCOLS, b, x, focused, right);
	for (i = 0; i < rows && tui.top[P_TASK] + i < nall; i++)
		task_row(b, x, b->y + 1 + i, all[tui.top[P_TASK] + i],
			 focused && tui.top[P_TASK] + i == tui.sel_task);
}

void task_panel_key(int ch)
{
	char pid[16];

	collect();
	if (ch == KEY_UP && tui.sel_task > 0)
		tui.sel_task--;
	else if (ch == KEY_DOWN && tui.sel_task + 1 < nall)
		tui.sel_task++;
	else if ((ch == '\r' || ch == '\n' || ch == KEY_ENTER) && nall) {
		snprintf(pid, sizeof pid, "%u", all[tui.sel_task]->pid);
		if (cur_search(pid) < 0)
			tui_say("no other event of pid %s", pid);
		cur_pause(1);
	}
}

void task_panel_click(int row)
{
	collect();
	if (row >= 1 && tui.top[P_TASK] + row - 1 < nall)
		tui.sel_task = tui.top[P_TASK] + row - 1;
}
