/*
 * cpu_panel.c - the CPUs panel: a row per CPU with its current task, that
 * task's mm and active_mm, whether the CPU runs lazily on a borrowed mm
 * or has its own loaded (and the page directory in CR3), and the
 * rq->prev_mm that finish_task_switch will drop.
 *
 * There is a row for every CPU the run has (STREAM announces them), so
 * the panel does not jump as CPUs come online; a switch highlights the
 * task and fades.  Live with the gdbstub, a column has the CR3 that each
 * CPU really holds at a halt (debugger.c).  When not every CPU fits,
 * Down and Up scroll the rows.
 */
#include <curses.h>
#include "model/timeline.h"
#include "target/verify.h"
#include "tui/cpu_panel.h"

/* The columns, whatever their place in this frame's layout. */
enum cpu_column {
	COL_CPU, COL_TASK, COL_KIND, COL_MM, COL_ACTIVE, COL_TLB, COL_CR3,
	COL_PREV, COL_REAL, COL_N
};

static const struct column cols[] = {
	{ "CPU", 4, 0, 0 }, { "task", 14, 3, 24 }, { "kind", 8, 0, 0 },
	{ "mm", 6, 1, 9 }, { "active_mm", 10, 1, 12 }, { "tlb", 10, 0, 0 },
	{ "cr3", 17, 1, 22 }, { "prev_mm", 8, 1, 0 },
};
#define NCOLS	(int)(sizeof cols / sizeof cols[0])
static const int pos[COL_N] = { 0, 1, 2, 3, 4, 5, 6, 7, -1 };

/*
 * With the gdbstub, "real cr3" (the CR3 read at the halt) goes beside
 * the trace's cr3, and kind moves to the end: at 80 columns it is the
 * one left out (a task's colour says it too).
 */
static const struct column dcols[] = {
	{ "CPU", 4, 0, 0 }, { "task", 12, 3, 24 }, { "mm", 4, 1, 9 },
	{ "active_mm", 10, 1, 12 }, { "tlb", 10, 0, 0 },
	{ "cr3", 17, 1, 22 }, { "real cr3", 15, 1, 22 },
	{ "prev_mm", 8, 1, 0 }, { "kind", 8, 0, 0 },
};
#define DNCOLS	(int)(sizeof dcols / sizeof dcols[0])
static const int dpos[COL_N] = { 0, 1, 8, 2, 3, 4, 5, 7, 6 };

static const int *at = pos;		/* the layout of this frame */

static int top;				/* the first CPU shown, as the keys
					   left it (clamped to fit when
					   drawn) */

/* Text in column i, if this frame's layout has it. */
static void put(const struct box *b, const int *x, enum cpu_column i, int y,
		enum ui_role r, const char *s)
{
	if (at[i] >= 0)
		panel_cell(b, x, at[i], y, r, s);
}

/* The halt's verification of CPU id, or NULL. */
static const struct vfy_cpu *halt_cpu(const struct view *v, unsigned id)
{
	int i;

	for (i = 0; v->halt && i < v->halt->ncpu; i++)
		if (v->halt->cpu[i].id == (int)id)
			return &v->halt->cpu[i];
	return NULL;
}

/* The CPUs the machine has at a halt (0: no halt). */
static unsigned halt_ncpu(const struct view *v)
{
	int i, n = 0;

	for (i = 0; v->halt && i < v->halt->ncpu; i++)
		if (v->halt->cpu[i].id >= n)
			n = v->halt->cpu[i].id + 1;
	return n;
}

unsigned cpu_panel_count(const struct view *v)
{
	const struct model *t = v->tl->tail;
	unsigned n = t->ncpu > t->stream_ncpu ? t->ncpu : t->stream_ncpu;

	if (v->m->ncpu > n)		/* the machine at a halt */
		n = v->m->ncpu;
	if (halt_ncpu(v) > n)
		n = halt_ncpu(v);
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
		snprintf(buf, len, "%s %#x",
			 panel_mm_str(m, cp->cr3, id, sizeof id), x->pgd);
	else
		snprintf(buf, len, "%s", panel_mm_str(m, cp->cr3, id, sizeof id));
}

/*
 * The CR3 the gdbstub read at the halt: swapper_pg_dir by name (a lazy
 * CPU after leave_mm, its active_mm still the borrowed mm), red where
 * the trace says otherwise.
 */
static void real_cr3(const struct view *vw, const struct box *b,
		     const int *x, int y, unsigned c)
{
	const struct vfy_cpu *v = halt_cpu(vw, c);
	enum ui_role r = ROLE_NORMAL;
	char buf[32];

	if (!v) {
		put(b, x, COL_REAL, y, ROLE_DIM, "-");
		return;
	}
	if (v->swapper)
		snprintf(buf, sizeof buf, "swapper_pg_dir");
	else
		snprintf(buf, sizeof buf, "%#x", v->cr3);
	if (v->state == VFY_BAD)
		r = ROLE_BAD;
	else if (v->state == VFY_BUSY)
		r = ROLE_WARN;
	else if (v->swapper && v->active_mm > MMT_MM_INIT)
		r = ROLE_LAZY;
	put(b, x, COL_REAL, y, r, buf);
}

static void cpu_row(const struct view *v, const struct box *b, const int *x,
		    int y, unsigned c)
{
	const struct model *m = v->m;
	const struct cpu *cp = &m->cpu[c];
	const struct task *t;
	const char *s;
	enum ui_role r;
	char buf[64];

	ui_printf(y, x[0], x[1] - x[0], ROLE_NORMAL, "%3u", c);
	real_cr3(v, b, x, y, c);
	if (c >= m->ncpu || !cp->online) {
		put(b, x, COL_TASK, y, ROLE_DIM, "offline");
		return;
	}
	t = model_task(m, cp->current, c);
	panel_task_label(m, cp->current, c, buf, sizeof buf);
	put(b, x, COL_TASK, y, panel_fade(v, cp->switch_n - 1,
					  panel_task_role(t)), buf);
	put(b, x, COL_KIND, y, panel_task_role(t), panel_task_kind(t));
	put(b, x, COL_MM, y, ROLE_NORMAL, panel_mm_str(m, t ? t->mm : 0, buf,
						     sizeof buf));
	put(b, x, COL_ACTIVE, y, t && !t->mm && t->active_mm ? ROLE_LAZY :
	    ROLE_NORMAL, panel_mm_str(m, t ? t->active_mm : 0, buf, sizeof buf));
	s = tlb_state(cp, t, &r);
	put(b, x, COL_TLB, y, r, s);
	cr3_text(m, cp, buf, sizeof buf);
	put(b, x, COL_CR3, y, ROLE_NORMAL, buf);
	panel_mm_str(m, cp->prev_mm, buf, sizeof buf);
	if (cp->prev_mm && cp->prev_stale)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " stale");
	put(b, x, COL_PREV, y, cp->prev_mm ? ROLE_WARN : ROLE_NORMAL, buf);
}

/* CPU rows that fit in b: one less when some are hidden (a line says
 * how many). */
static int fit(const struct box *b, unsigned n)
{
	int rows = b->h - 1;

	return (int)n > rows ? rows - 1 : rows;
}

void cpu_panel_draw(const struct view *v, const struct box *b, int focused)
{
	const struct column *cs = v->dbg_columns ? dcols : cols;
	int nc = v->dbg_columns ? DNCOLS : NCOLS;
	unsigned n = cpu_panel_count(v), c;
	int x[DNCOLS + 1], rows = fit(b, n), i;
	int first = panel_scroll_top(top, top, rows, n);

	at = cs == dcols ? dpos : pos;
	panel_columns(cs, nc, b, x);
	panel_header(cs, nc, b, x, focused, NULL);
	for (i = 0; i < rows; i++) {
		c = first + i;
		if (c >= n)
			break;
		cpu_row(v, b, x, b->y + 1 + i, c);
	}
	if ((int)n > rows)
		ui_printf(b->y + b->h - 1, b->x, b->w, ROLE_DIM, "  %d more "
			  "CPUs: Tab to this panel, then Down and Up scroll",
			  n - rows);
}

void cpu_panel_key(const struct view *v, const struct box *b, int ch)
{
	unsigned n = cpu_panel_count(v);
	int rows = fit(b, n);

	if (ch != KEY_DOWN && ch != KEY_UP)
		return;
	top = panel_scroll_top(top, top, rows, n) + (ch == KEY_DOWN ? 1 : -1);
	top = panel_scroll_top(top, top, rows, n);
}
