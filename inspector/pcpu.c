/*
 * pcpu.c - the CPUs panel: a row per CPU with its current task, that
 * task's mm and active_mm, whether the CPU runs lazily on a borrowed mm
 * or has its own loaded (and the page directory in CR3), and the
 * rq->prev_mm that finish_task_switch will drop.
 *
 * There is a row for every CPU the run has (STREAM announces them), so
 * the panel does not jump as CPUs come online; a switch highlights the
 * task and fades.
 */
#include "panel.h"

static const struct column cols[] = {
	{ "CPU", 4, 0, 0 }, { "task", 14, 3, 24 }, { "kind", 8, 0, 0 },
	{ "mm", 6, 1, 9 }, { "active_mm", 10, 1, 12 }, { "tlb", 10, 0, 0 },
	{ "cr3", 17, 1, 22 }, { "prev_mm", 8, 1, 0 },
};
#define NCOLS	(sizeof cols / sizeof cols[0])

unsigned cpu_count(void)
{
	const struct model *t = tui.tl->tail;
	unsigned n = t->ncpu > t->stream_ncpu ? t->ncpu : t->stream_ncpu;

	if (n > MODEL_MAXCPU)
		n = MODEL_MAXCPU;
	return n ? n : 1;
}

/* lazy (borrowing), lazy after leave_mm (CR3 is swapper_pg_dir), loaded */
static const char *tlb_state(const struct cpu *cp, const struct task *t,
			     enum ui_role *r)
{
	*r = cp->lazy ? ROLE_LAZY : ROLE_LOADED;
	if (!cp->lazy)
		return "loaded";
	if (cp->cr3 == MMT_MM_INIT && t && t->active_mm > MMT_MM_INIT)
		return "lazy,left";
	return "lazy";
}

static void cr3_text(const struct model *m, const struct cpu *cp, char *buf,
		     size_t len)
{
	const struct mm *x = model_mm(m, cp->cr3);
	char id[16];

	if (!cp->cr3)
		snprintf(buf, len, "?");
	else if (x)
		snprintf(buf, len, "%s %#x", mm_str(cp->cr3, id, sizeof id),
			 x->pgd);
	else
		snprintf(buf, len, "%s", mm_str(cp->cr3, id, sizeof id));
}

static void cpu_row(const struct box *b, const int *x, int y, unsigned c)
{
	const struct model *m = tui.view;
	const struct cpu *cp = &m->cpu[c];
	const struct task *t;
	const char *s;
	enum ui_role r;
	char buf[64];

	ui_printf(y, x[0], x[1] - x[0], ROLE_NORMAL, "%3u", c);
	if (c >= m->ncpu || !cp->online) {
		cell(b, x, 1, y, ROLE_DIM, "offline");
		return;
	}
	t = model_task(m, cp->current, c);
	task_label(m, cp->current, c, buf, sizeof buf);
	cell(b, x, 1, y, fade(cp->switch_n - 1, task_role(t)), buf);
	cell(b, x, 2, y, task_role(t), task_kind(t));
	cell(b, x, 3, y, ROLE_NORMAL, mm_str(t ? t->mm : 0, buf, sizeof buf));
	cell(b, x, 4, y, t && !t->mm && t->active_mm ? ROLE_LAZY :
	     ROLE_NORMAL, mm_str(t ? t->active_mm : 0, buf, sizeof buf));
	s = tlb_state(cp, t, &r);
	cell(b, x, 5, y, r, s);
	cr3_text(m, cp, buf, sizeof buf);
	cell(b, x, 6, y, ROLE_NORMAL, buf);
	mm_str(cp->prev_mm, buf, sizeof buf);
	if (cp->prev_mm && cp->prev_stale)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " stale");
	cell(b, x, 7, y, cp->prev_mm ? ROLE_WARN : ROLE_NORMAL, buf);
}

void cpu_panel(const struct box *b, int focused)
{
	unsigned n = cpu_count(), c;
	int x[NCOLS + 1], rows = b->h - 1, i;

	columns(cols, NCOLS, b, x);
	if ((int)n > rows)		/* the last row says what is hidden */
		rows--;
	tui.top[P_CPU] = scroll_top(tui.top[P_CPU], tui.top[P_CPU], rows, n);
	header(cols, NCOLS, b, x, focused, NULL);
	for (i = 0; i < rows; i++) {
		c = tui.top[P_CPU] + i;
		if (c >= n)
			break;
		cpu_row(b, x, b->y + 1 + i, c);
	}
	if ((int)n > rows)
		ui_printf(b->y + b->h - 1, b->x, b->w, ROLE_DIM, "  %d more "
			  "CPUs: Tab to this panel, then Down and Up scroll",
			  n - rows);
}

void cpu_click(int row)
{
	(void)row;			/* the panel has nothing to select */
}
