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
 * agree with the trace at a halt (debugger.c).  Down and Up select an
 * mm, Enter (or a second click) follows it.
 */
#include <curses.h>
#include <stdlib.h>
#include "model/lives.h"
#include "model/timeline.h"
#include "target/verify.h"
#include "tui/mm_panel.h"
#include "util/array.h"

#define BAR		6	/* cells of a counter's bar */
#define NAMES		5	/* pids or CPUs named per kind of holder */

static const struct column cols[] = {
	{ "mm", 7, 0, 0 }, { "owner", 16, 1, 22 }, { "mm_users", 11, 0, 0 },
	{ "mm_count", 11, 0, 0 }, { "holders", 24, 5, 0 },
};
/* With the gdbstub: the counters in guest memory at a halt, checked. */
static const struct column dcols[] = {
	{ "mm", 7, 0, 0 }, { "owner", 16, 1, 22 }, { "mm_users", 11, 0, 0 },
	{ "mm_count", 11, 0, 0 }, { "memory", 10, 0, 0 },
	{ "holders", 24, 5, 0 },
};
#define NCOLS	(int)(sizeof cols / sizeof cols[0])
#define DNCOLS	(int)(sizeof dcols / sizeof dcols[0])
/* dcols' memory column; holders comes after it */
enum { COL_MEMORY = 4 };

static int hold_col = NCOLS - 1;	/* holders, in this frame's layout */

static struct {
	unsigned sel;			/* the selected mm (id): the row of
					   the last live mm up to it */
	int top;			/* the first row shown, as the keys
					   left it (clamped to fit when
					   drawn) */
} st;

static const struct mm **live;		/* the view's live mms, by id */
static int nlive;
static size_t cap;

static int by_id(const void *a, const void *b)
{
	const struct mm *x = *(const struct mm *const *)a;
	const struct mm *y = *(const struct mm *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

/* The live mms of the view, sorted; returns the selected row. */
static int collect(const struct view *v)
{
	const struct model *m = v->m;
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
		if (live[i]->id <= st.sel)
			sel = i;
	return sel;
}

/* The first row shown, with row sel selected (after collect). */
static int first_row(const struct box *b, int sel)
{
	return panel_scroll_top(st.top, sel, b->h - 1, nlive);
}

unsigned mm_panel_selected(const struct view *v)
{
	int sel = collect(v);

	return nlive ? live[sel]->id : 0;
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
static int changed(const struct view *v, const struct mm *x)
{
	struct mmt_event ev;
	uint8_t op;

	if (panel_fade(v, x->ref_n, ROLE_NORMAL) == ROLE_NORMAL ||
	    evlog_get(v->tl->log, x->ref_n, &ev) < 0 ||
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

/* The halt's verification of mm id, or NULL. */
static const struct vfy_mm *halt_mm(const struct view *v, unsigned id)
{
	size_t i;

	for (i = 0; v->halt && i < v->halt->nmm; i++)
		if (v->halt->mm[i].id == id)
			return &v->halt->mm[i];
	return NULL;
}

/*
 * What the gdbstub read of mm id at the halt: "ok", or in red what
 * memory holds that the trace does not ("mem 2/1": mm_users 2, mm_count
 * 1 in memory; the trace's are in the columns before).
 */
static void memory(const struct view *vw, const struct box *b, const int *x,
		   int y, unsigned id)
{
	const struct vfy_mm *v = halt_mm(vw, id);
	char buf[32];

	if (!v) {
		panel_cell(b, x, COL_MEMORY, y, ROLE_DIM, "-");
		return;
	}
	if (v->state == VFY_OK) {
		panel_cell(b, x, COL_MEMORY, y, ROLE_LOADED, "ok");
		return;
	}
	if (!v->in_mem)
		snprintf(buf, sizeof buf, "not in mem");
	else if (v->users != v->m_users || v->count != v->m_count ||
		 !v->in_model)
		snprintf(buf, sizeof buf, "mem %d/%d", v->users, v->count);
	else
		snprintf(buf, sizeof buf, "pgd %#x", v->pa);
	panel_cell(b, x, COL_MEMORY, y, v->state == VFY_BAD ? ROLE_BAD :
		   ROLE_WARN, buf);
}

static void mm_row(const struct view *v, const struct box *b, const int *x,
		   int y, const struct mm *mm, int selected)
{
	const struct model *m = v->m;
	int ch = changed(v, mm), known = !(mm->flags & M_NOCOUNT);
	enum ui_role id = selected ? ROLE_SELECT :
			  panel_fade(v, mm->alloc_n, ROLE_NORMAL);
	char buf[256];

	ui_printf(y, x[0], x[1] - x[0] - 1, id, "%*s",
		  ui_utf8 && mm->gen > 1 ? 7 : 6,	/* "·" is 2 bytes */
		  life_name(mm->id, mm->gen, ui_utf8, buf, sizeof buf));
	if (mm->id == MMT_MM_INIT)
		snprintf(buf, sizeof buf, "(kernel)");
	else
		panel_task_label(m, mm->owner, 0, buf, sizeof buf);
	panel_cell(b, x, 1, y, ROLE_NORMAL, buf);
	if (mm->id == v->quiz_mm)	/* the quiz asks for them */
		known = 0;
	counter(y, x[2], mm->users, known, ROLE_USERS, ch == 1 ?
		panel_fade(v, mm->ref_n, ROLE_USERS) : ROLE_USERS);
	counter(y, x[3], mm->count, known, ROLE_COUNT, ch == 2 ?
		panel_fade(v, mm->ref_n, ROLE_COUNT) : ROLE_COUNT);
	if (hold_col == COL_MEMORY + 1 && mm->id != v->quiz_mm)
		memory(v, b, x, y, mm->id);
	if (mm->id == v->quiz_mm)
		snprintf(buf, sizeof buf, "? (the quiz)");
	else
		holders(m, mm, buf, sizeof buf);
	panel_cell(b, x, hold_col, y, ROLE_NORMAL, buf);
}

void mm_panel_draw(const struct view *v, const struct box *b, int focused)
{
	const struct column *cs = v->dbg_columns ? dcols : cols;
	int nc = v->dbg_columns ? DNCOLS : NCOLS;
	int x[DNCOLS + 1], rows = b->h - 1, sel = collect(v), i;
	int first = first_row(b, sel);
	char right[48];

	hold_col = nc - 1;
	panel_columns(cs, nc, b, x);
	snprintf(right, sizeof right, "%d live%s", nlive,
		 v->narrow ? "  Tab: tasks" : "");
	panel_header(cs, nc, b, x, focused, right);
	for (i = 0; i < rows && first + i < nlive; i++)
		mm_row(v, b, x, b->y + 1 + i, live[first + i],
		       focused && first + i == sel);
}

/* Select row i (after collect), scrolling so that it is shown. */
static void select_row(const struct box *b, int sel, int i)
{
	if (!nlive)
		return;
	i = i < 0 ? 0 : i >= nlive ? nlive - 1 : i;
	st.top = panel_scroll_top(first_row(b, sel), i, b->h - 1, nlive);
	st.sel = live[i]->id;
}

struct panel_hit mm_panel_key(const struct view *v, const struct box *b,
			      int ch)
{
	struct panel_hit h = { HIT_NOTHING, 0 };
	int sel = collect(v);

	switch (ch) {
	case KEY_UP:		select_row(b, sel, sel - 1); break;
	case KEY_DOWN:		select_row(b, sel, sel + 1); break;
	case '\r': case '\n': case KEY_ENTER:
		if (nlive)
			h = (struct panel_hit) { HIT_FOLLOW, live[sel]->id };
		break;
	}
	return h;
}

struct panel_hit mm_panel_click(const struct view *v, const struct box *b,
				int row)
{
	int sel = collect(v), i = first_row(b, sel) + row - 1;

	if (row < 1 || i >= nlive)
		return (struct panel_hit) { HIT_NOTHING, 0 };
	if (i == sel && v->follow_mm != live[sel]->id)	/* a second click */
		return (struct panel_hit) { HIT_FOLLOW, live[sel]->id };
	select_row(b, sel, i);
	return (struct panel_hit) { HIT_NOTHING, 0 };
}
