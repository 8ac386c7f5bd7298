/*
 * mm_panel.c - the mm_structs panel: each live mm with its owner, mm_users
 * and mm_count as numbers and bars, and who holds them: the tasks using
 * it (users), the kernel threads and exiting tasks running on it as a
 * borrowed active_mm (lazy, by CPU/pid), the CPUs whose rq->prev_mm it
 * is (pending), use_mm threads and get_task_mm pins.  The counter an
 * operation changed is highlighted at that event and fades.
 *
 * The sums are the model's (MODEL.md "Who holds each count"); the names
 * come from a walk over the tasks for the rows on screen only.  Live
 * with the gdbstub, a column says whether the counters in guest memory
 * agree with the trace at a halt (debugger.c).
 */
#include <curses.h>
#include <stdlib.h>
#include "target/verify.h"
#include "tui/panel.h"
#include "util/array.h"

#define BAR		6	/* cells of a counter's bar */
#define NAMES		5	/* pids or CPUs named per kind of holder */

static const struct column cols[] = {
	{ "mm", 5, 0, 0 }, { "owner", 13, 1, 20 }, { "mm_users", 11, 0, 0 },
	{ "mm_count", 11, 0, 0 }, { "holders", 24, 5, 0 },
};
/* With the gdbstub: the counters in guest memory at a halt, checked. */
static const struct column dcols[] = {
	{ "mm", 5, 0, 0 }, { "owner", 13, 1, 20 }, { "mm_users", 11, 0, 0 },
	{ "mm_count", 11, 0, 0 }, { "memory", 10, 0, 0 },
	{ "holders", 24, 5, 0 },
};
#define NCOLS	(int)(sizeof cols / sizeof cols[0])
#define DNCOLS	(int)(sizeof dcols / sizeof dcols[0])
#define C_MEM	4		/* dcols' memory column */

static int hold_col = NCOLS - 1;	/* holders, in this frame's layout */

static const struct mm **live;		/* the live mms, by id */
static int nlive;
static size_t cap;

static int by_id(const void *a, const void *b)
{
	const struct mm *x = *(const struct mm *const *)a;
	const struct mm *y = *(const struct mm *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

/* The live mms of the view, sorted; the selection kept by id. */
static int collect(void)
{
	const struct model *m = tui.view;
	uint32_t i;
	int sel = 0;

	nlive = 0;
	for (i = 0; i < m->nmm; i++) {
		if (!(m->mm[i].flags & M_USED))
			continue;
		live = util_array_grow(live, &cap, nlive + 1, sizeof *live);
		live[nlive++] = &m->mm[i];
	}
	if (nlive)		/* qsort's array may not be NULL even empty */
		qsort(live, nlive, sizeof *live, by_id);
	for (i = 0; i < (uint32_t)nlive; i++)
		if (live[i]->id <= tui.sel_mm)
			sel = i;
	if (nlive)
		tui.sel_mm = live[sel]->id;
	return sel;
}

unsigned mm_panel_selected(void)
{
	collect();
	return nlive ? tui.sel_mm : 0;
}

/* Append " name a,b,c" to buf (at *at), "+N" past NAMES. */
static void names(char *buf, size_t len, size_t *at, const char *name,
		  const unsigned *v, unsigned n, int cpu_pid)
{
	unsigned i;

	if (!n || *at >= len)
		return;
	*at += snprintf(buf + *at, len - *at, "%s%s ", *at ? "  " : "", name);
	for (i = 0; i < n && i < NAMES && *at < len; i++)
		*at += cpu_pid ? snprintf(buf + *at, len - *at, "%scpu%u/%u",
					  i ? "," : "", v[2 * i], v[2 * i + 1])
			       : snprintf(buf + *at, len - *at, "%s%u",
					  i ? "," : "", v[i]);
	if (n > NAMES && *at < len)
		*at += snprintf(buf + *at, len - *at, ",+%u", n - NAMES);
}

/* The holders of x in words. */
static void holders(const struct model *m, const struct mm *x, char *buf,
		    size_t len)
{
	unsigned users[NAMES + 1], lazy[2 * NAMES + 2], grabs[NAMES + 1];
	unsigned prev[NAMES + 1], nu = 0, nl = 0, ng = 0, np = 0, c;
	const struct task *t;
	size_t at = 0;
	uint32_t i;

	buf[0] = '\0';
	for (i = 0; i < m->ntask; i++) {
		t = &m->task[i];
		if (!(t->flags & T_USED))
			continue;
		if (t->mm == x->id && (t->flags & T_USE_MM))
			grabs[ng < NAMES ? ng : NAMES] = t->pid, ng++;
		else if (t->mm == x->id)
			users[nu < NAMES ? nu : NAMES] = t->pid, nu++;
		else if (!t->mm && t->active_mm == x->id) {
			lazy[2 * (nl < NAMES ? nl : NAMES)] = t->cpu;
			lazy[2 * (nl < NAMES ? nl : NAMES) + 1] = t->pid;
			nl++;
		}
	}
	for (c = 0; c < m->ncpu; c++)
		if (m->cpu[c].prev_mm == x->id && !m->cpu[c].prev_stale)
			prev[np < NAMES ? np : NAMES] = c, np++;
	if (x->flags & M_STATIC)
		at += snprintf(buf, len, "static 2");
	names(buf, len, &at, "users", users, nu, 0);
	names(buf, len, &at, "lazy", lazy, nl, 1);
	names(buf, len, &at, "prev_mm cpu", prev, np, 0);
	names(buf, len, &at, "use_mm", grabs, ng, 0);
	if (x->pins && at < len)
		at += snprintf(buf + at, len - at, "%spins %u", at ? "  " : "",
			       x->pins);
	if (!at && x->count == 0)
		at += snprintf(buf, len, "none left: __mmdrop frees it");
	if ((x->flags & M_NOHOLD) && at < len)
		snprintf(buf + at, len - at, "%s(not all known: events lost)",
			 at ? "  " : "");
}

/* Which counter x's last MM_REF changed: 1 users, 2 count, 0 none. */
static int changed(const struct mm *x)
{
	struct mmt_event ev;
	uint8_t op;

	if (panel_fade(x->ref_n, ROLE_NORMAL) == ROLE_NORMAL ||
	    evlog_get(tui.tl->log, x->ref_n, &ev) < 0 ||
	    ev.type != MMT_MM_REF)
		return 0;
	op = ev.rec[offsetof(struct mmt_mm_ref, op)];
	return op == MMT_OP_MMGET || op == MMT_OP_MMPUT ? 1 : 2;
}

static void counter(int y, int x, int v, int known, enum ui_role bar,
		    enum ui_role num)
{
	if (!known) {
		ui_put(y, x, 4, ROLE_DIM, "  ?");
		return;
	}
	ui_printf(y, x, 4, num, "%3d", v);
	ui_bar(y, x + 4, BAR, v > 0 ? v : 0, bar);
}

/*
 * What the gdbstub read of mm id at the halt: "ok", or in red what
 * memory holds that the trace does not ("mem 2/1": mm_users 2, mm_count
 * 1 in memory; the trace's are in the columns before).
 */
static void memory(const struct box *b, const int *x, int y, unsigned id)
{
	const struct vfy_mm *v = tdbg_mm(id);
	char buf[32];

	if (!v) {
		panel_cell(b, x, C_MEM, y, ROLE_DIM, "-");
		return;
	}
	if (v->state == VFY_OK) {
		panel_cell(b, x, C_MEM, y, ROLE_LOADED, "ok");
		return;
	}
	if (!v->in_mem)
		snprintf(buf, sizeof buf, "not in mem");
	else if (v->users != v->m_users || v->count != v->m_count ||
		 !v->in_model)
		snprintf(buf, sizeof buf, "mem %d/%d", v->users, v->count);
	else
		snprintf(buf, sizeof buf, "pgd %#x", v->pa);
	panel_cell(b, x, C_MEM, y, v->state == VFY_BAD ? ROLE_BAD : ROLE_WARN,
		   buf);
}

static void mm_row(const struct box *b, const int *x, int y,
		   const struct mm *mm, int selected)
{
	const struct model *m = tui.view;
	int ch = changed(mm), known = !(mm->flags & M_NOCOUNT);
	enum ui_role id = selected ? ROLE_SELECT : panel_fade(mm->alloc_n,
							      ROLE_NORMAL);
	char buf[256];

	ui_printf(y, x[0], x[1] - x[0] - 1, id, "%4u", mm->id);
	if (mm->id == MMT_MM_INIT)
		snprintf(buf, sizeof buf, "(kernel)");
	else
		panel_task_label(m, mm->owner, 0, buf, sizeof buf);
	panel_cell(b, x, 1, y, ROLE_NORMAL, buf);
	counter(y, x[2], mm->users, known, ROLE_USERS, ch == 1 ?
		panel_fade(mm->ref_n, ROLE_USERS) : ROLE_USERS);
	counter(y, x[3], mm->count, known, ROLE_COUNT, ch == 2 ?
		panel_fade(mm->ref_n, ROLE_COUNT) : ROLE_COUNT);
	if (hold_col == C_MEM + 1)
		memory(b, x, y, mm->id);
	holders(m, mm, buf, sizeof buf);
	panel_cell(b, x, hold_col, y, ROLE_NORMAL, buf);
}

void mm_panel_draw(const struct box *b, int focused)
{
	const struct column *cs = tdbg_columns() ? dcols : cols;
	int nc = tdbg_columns() ? DNCOLS : NCOLS;
	int x[DNCOLS + 1], rows = b->h - 1, sel = collect(), i;
	char right[48];

	hold_col = nc - 1;
	panel_columns(cs, nc, b, x);
	tui.top[P_MM] = panel_scroll_top(tui.top[P_MM], sel, rows, nlive);
	snprintf(right, sizeof right, "%d live%s", nlive,
		 tui.narrow ? "  Tab: tasks" : "");
	panel_header(cs, nc, b, x, focused, right);
	for (i = 0; i < rows && tui.top[P_MM] + i < nlive; i++)
		mm_row(b, x, b->y + 1 + i, live[tui.top[P_MM] + i],
		       focused && tui.top[P_MM] + i == sel);
}

static void select_row(int i)
{
	collect();
	if (!nlive)
		return;
	i = i < 0 ? 0 : i >= nlive ? nlive - 1 : i;
	tui.sel_mm = live[i]->id;
}

void mm_panel_key(int ch)
{
	int sel = collect();

	switch (ch) {
	case KEY_UP:		select_row(sel - 1); break;
	case KEY_DOWN:		select_row(sel + 1); break;
	case '\r': case '\n': case KEY_ENTER:
		if (nlive)
			cur_follow(tui.sel_mm);
		break;
	}
}

void mm_panel_click(int row)
{
	int i = tui.top[P_MM] + row - 1, sel = collect();

	if (row < 1 || i >= nlive)
		return;
	if (i == sel && tui.follow_mm != tui.sel_mm)
		cur_follow(tui.sel_mm);	/* a second click follows it */
	else
		select_row(i);
}
