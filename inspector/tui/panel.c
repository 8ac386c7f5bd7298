/*
 * panel.c - what the panels share: columns that take the width they
 * are given, the header row, the fading highlight of a change, and how
 * tasks and mms are written in a cell.
 */
#include <curses.h>
#include <stdio.h>
#include "tui/panel.h"

void panel_columns(const struct column *c, int n, const struct box *b, int *x)
{
	int i, need = 0, grow = 0, spare, w;

	for (i = 0; i < n; i++) {
		need += c[i].width;
		grow += c[i].grow;
	}
	spare = b->w > need ? b->w - need : 0;
	x[0] = b->x;
	for (i = 0; i < n; i++) {
		w = c[i].width + (grow && c[i].grow ? spare * c[i].grow / grow
					       : 0);
		x[i + 1] = x[i] + (c[i].max && w > c[i].max ? c[i].max : w);
	}
}

void panel_header(const struct column *c, int n, const struct box *b,
		  const int *x, int focused, const char *right)
{
	enum ui_role r = focused ? ROLE_FOCUS : ROLE_HEADER;
	int i, len, end = b->x;

	ui_fill(b->y, b->x, b->w, r);
	for (i = 0; i < n && x[i] < b->x + b->w; i++)
		end = x[i] + ui_put(b->y, x[i], b->x + b->w - x[i], r,
				    c[i].title);
	if (!right)
		return;
	len = (int)strlen(right);
	if (end + 1 + len < b->x + b->w)
		ui_put(b->y, b->x + b->w - len - 1, len, r, right);
}

/* The cell of column i of a row at y: what is left of the box. */
int panel_cell(const struct box *b, const int *x, int i, int y, enum ui_role r,
	       const char *s)
{
	int w = x[i + 1] - x[i] - 1;

	if (x[i] + w > b->x + b->w)
		w = b->x + b->w - x[i];
	return ui_put(y, x[i], w, r, s);
}

enum ui_role panel_fade(const struct view *v, uint64_t n,
			enum ui_role normal)
{
	uint64_t age;

	if (v->cursor < 0 || n > (uint64_t)v->cursor)
		return normal;
	age = v->cursor - n;
	if (age == 0)
		return ROLE_CHANGED;
	if (age < 3)
		return ROLE_FADING;
	return age < FADE_STEPS ? ROLE_FADED : normal;
}

void panel_task_label(const struct model *m, unsigned pid, unsigned cpu,
		      char *buf, size_t len)
{
	const struct task *t = model_task(m, pid, cpu);

	if (pid == 0)
		snprintf(buf, len, "swapper/%u", cpu);
	else if (t && t->comm[0])
		snprintf(buf, len, "%.*s[%u]", MMT_COMM_LEN, t->comm, pid);
	else
		snprintf(buf, len, "pid %u", pid);
}

enum ui_role panel_task_role(const struct task *t)
{
	if (!t)
		return ROLE_NORMAL;
	if (t->flags & T_IDLE)
		return ROLE_IDLE;
	return t->flags & T_KTHREAD ? ROLE_KTHREAD : ROLE_USER;
}

const char *panel_task_kind(const struct task *t)
{
	if (!t)
		return "?";
	if (t->flags & T_IDLE)
		return "idle";
	if (t->flags & T_USE_MM)
		return "use_mm";
	return t->flags & T_KTHREAD ? "kthread" : "user";
}

const char *panel_mm_str(const struct model *m, unsigned id, char *buf,
			 size_t len)
{
	if (id == MMT_MM_NULL)
		snprintf(buf, len, "-");
	else if (id == MMT_MM_INIT)
		snprintf(buf, len, "init_mm");
	else
		model_mm_name(m, id, ui_utf8, buf, len);
	return buf;
}

int panel_scroll_top(int top, int sel, int rows, int n)
{
	if (sel < top)
		top = sel;
	if (sel >= top + rows)
		top = sel - rows + 1;
	if (top > n - rows)
		top = n - rows;
	return top < 0 ? 0 : top;
}
