/*
 * event_panel.c - the Events panel: the events around the cursor (only those
 * of the followed mm, when one is), as dump prints them: number, CPU,
 * the event (a reference operation by its Linux name, spelled as the
 * trace's era spells it: mmgrab, or atomic_inc(&mm->mm_count) in
 * 2.6.32) and its fields, the caller symbolised as
 * function+0xoff (file.c:line).  '*' marks a bookmark, '!' an event
 * where the checker found a violation.  At a halt of the machine the
 * log has every event up to it (debugger.c), but for those after a
 * record another CPU had under way: while the cursor is on the log's
 * last event, they follow it, dimmed and marked "halt": what the panels
 * above already show.
 *
 * Which events are on which row is a function of the view and the
 * panel's size (shown()), so that a click hits what the draw drew and
 * the main screen can ask how many rows a page is.
 */
#include <stdio.h>
#include "model/lives.h"
#include "model/timeline.h"
#include "target/verify.h"
#include "trace/names.h"
#include "trace/print.h"
#include "tui/event_panel.h"

#define MAXROWS		256

static const struct column cols[] = {
	{ "", 2, 0, 0 }, { "     n", 7, 0, 0 }, { "cpu", 4, 0, 0 },
	{ "event", 13, 0, 0 }, { "fields", 20, 1, 0 },
};
static struct column wide[5];		/* cols, a wider event column */
#define NCOLS	(sizeof cols / sizeof cols[0])

/* The rows of the panel: events of the log, then the halt's. */
struct shown {
	int64_t list[MAXROWS];		/* the log's events, a row each */
	int n;
	const struct vfy_ev *halt;	/* then the last `extra` of the
					   halt's events past the log's end */
	int extra;
};

/* The events of the followed mm around the cursor, at most rows. */
static void around_mm(const struct view *v, struct shown *s, int rows,
		      int above)
{
	int (*names)(void *, const struct mmt_event *) = tl_names_mm;
	int64_t before[MAXROWS], n;
	unsigned mm = v->follow_mm;
	struct life life;
	void *arg = &mm;
	int nb = 0, i;

	if (v->follow) {		/* that mm_struct's life only */
		life = *v->follow;
		names = tl_names_life;
		arg = &life;
	}
	for (n = v->cursor; nb < above &&
	     (n = tl_find(v->tl, n, -1, names, arg)) >= 0;)
		before[nb++] = n;
	for (i = nb - 1; i >= 0; i--)
		s->list[s->n++] = before[i];
	s->list[s->n++] = v->cursor;
	for (n = v->cursor; s->n < rows &&
	     (n = tl_find(v->tl, n, 1, names, arg)) >= 0;)
		s->list[s->n++] = n;
}

/* The halt's events past the log's end, when the panel is to show them. */
static const struct vfy_ev *halt_events(const struct view *v)
{
	if (!v->nhalt_ev || v->follow_mm ||
	    v->cursor != (int64_t)v->count - 1)
		return NULL;
	return v->halt_ev;
}

/* Which events the panel shows: the cursor's row two thirds down. */
static void around(const struct view *v, struct shown *s, int rows)
{
	int64_t count = v->count, first, i;

	if (v->cursor < 0 || rows <= 0)
		return;
	if (rows > MAXROWS)
		rows = MAXROWS;
	if (v->follow_mm) {
		around_mm(v, s, rows, rows * 2 / 3);
		return;
	}
	first = v->cursor - rows * 2 / 3;
	if (first + rows > count)
		first = count - rows;
	if (first < 0)
		first = 0;
	for (i = first; i < count && s->n < rows; i++)
		s->list[s->n++] = i;
}

/* What the panel shows in b: the last events of a halt take at most
 * half of the rows, the log's events around the cursor the rest. */
static void shown(const struct view *v, const struct box *b, struct shown *s)
{
	int rows = b->h - 1;

	s->n = 0;
	s->halt = halt_events(v);
	s->extra = 0;
	if (s->halt)
		s->extra = v->nhalt_ev < (size_t)rows / 2 ?
			   (int)v->nhalt_ev : rows / 2;
	around(v, s, rows - s->extra);
}

unsigned event_panel_rows(const struct view *v, const struct box *b)
{
	struct shown s;

	shown(v, b, &s);
	return s.n > 1 ? s.n : 1;
}

/* The name of mm id in event ev ("3", "3·2"): the life it names. */
static const char *mm_name(void *arg, const struct mmt_event *ev, unsigned id)
{
	static char buf[LIFE_NAME_MAX];
	const struct view *v = arg;
	const struct life *l = life_at(&v->tl->lives, id, ev->n);

	return life_name(id, l ? l->gen : 0, ui_utf8, buf, sizeof buf);
}

/* An MM_REF in few columns: the counter it changed, who called, why
 * (last: on a narrow terminal the narration says why in words).  The
 * quiz hides the numbers of the changes it has not asked about yet. */
static void ref_fields(const struct view *v, const struct mmt_event *ev,
		       char *buf, size_t len)
{
	struct mmt_mm_ref r;
	const char *why, *sym;
	char addr[16];
	int users = 0, d;

	decode_copy(ev, &r, sizeof r);
	why = names_of(&names_reason, r.reason);
	sym = v->syms ? sym_lookup(v->syms, r.caller, 1) : NULL;
	if (!sym)
		sym = (snprintf(addr, sizeof addr, "%#010x", r.caller), addr);
	users = r.op == MMT_OP_MMGET || r.op == MMT_OP_MMPUT;
	d = r.op == MMT_OP_MMGET || r.op == MMT_OP_MMGRAB ? 1 : -1;
	if (ev->n >= v->quiz_from) {
		snprintf(buf, len, "mm %s %s ?->?  %s  %s",
			 mm_name((void *)v, ev, r.mm), users ? "users" :
			 "count", sym, why ? why : "?");
		return;
	}
	snprintf(buf, len, "mm %s %s %d->%d  %s  %s",
		 mm_name((void *)v, ev, r.mm), users ? "users" : "count",
		 (users ? r.users : r.count) - d,
		 users ? r.users : r.count, sym, why ? why : "?");
}

/* The fields of any other record, as dump has them. */
static void other_fields(const struct view *v, const struct mmt_event *ev,
			 char *buf, size_t len)
{
	struct printer p = { .syms = v->syms, .mm_name = mm_name,
			     .mm_arg = (void *)v,
			     .mm_names = PRINT_NAMES_REPLACE };

	buf[0] = '\0';
	p.out = fmemopen(buf, len, "w");
	if (!p.out)
		return;
	print_fields(&p, ev);
	fclose(p.out);
	buf[len - 1] = '\0';
}

static const char *event_name(const struct view *v, const struct mmt_event *ev)
{
	const struct nametab *ops = v->tl->tail->era == MMT_ERA_2632 ?
				    &names_op_2632 : &names_op;
	const char *s = NULL;

	if (ev->type == MMT_MM_REF)
		s = names_of(ops, ev->rec[offsetof(struct mmt_mm_ref, op)]);
	if (!s)
		s = mmt_type_name(ev->type);
	return s ? s : "?";
}

static int is_marked(const struct view *v, uint64_t n)
{
	unsigned i;

	for (i = 0; i < v->nmarks; i++)
		if (v->mark[i] == n)
			return 1;
	return 0;
}

static int has_violation(const struct view *v, uint64_t n)
{
	const struct findings *f = &v->tl->found;
	size_t i = findings_at(f, n);

	return i < f->nv && f->v[i].n == n;
}

/* An event's number, CPU, name and fields, in role r. */
static void event_cells(const struct view *v, const struct box *b,
			const int *x, int y, enum ui_role r,
			const struct mmt_event *ev)
{
	char buf[512];

	ui_printf(y, x[2], x[3] - x[2], r, "%3u", ev->cpu);
	panel_cell(b, x, 3, y, r, event_name(v, ev));
	if (ev->type == MMT_MM_REF)
		ref_fields(v, ev, buf, sizeof buf);
	else
		other_fields(v, ev, buf, sizeof buf);
	panel_cell(b, x, 4, y, r == ROLE_NORMAL && ev->type == MMT_MARK ?
		   ROLE_MARKTEXT : r, buf[0] == ' ' ? buf + 1 : buf);
}

/* Row y: the halt's event e, not in the log yet. */
static void halt_row(const struct view *v, const struct box *b, const int *x,
		     int y, const struct vfy_ev *e)
{
	struct mmt_event ev = { .ts = e->ts, .seq = e->seq, .cpu = e->cpu,
				.type = e->rec[0], .size = e->rec[1],
				.rec = e->rec, .n = v->count };

	ui_put(y, x[1], x[2] - x[1], ROLE_DIM, "  halt");
	event_cells(v, b, x, y, ROLE_DIM, &ev);
}

static void event_row(const struct view *v, const struct box *b,
		      const int *x, int y, uint64_t n)
{
	struct mmt_event ev;
	enum ui_role r = n == (uint64_t)v->cursor ? ROLE_CURSOR : ROLE_NORMAL;

	if (evlog_get(v->tl->log, n, &ev) < 0)
		return;
	if (r == ROLE_CURSOR)
		ui_fill(y, b->x, b->w, r);
	if (has_violation(v, n))
		ui_put(y, x[0], 1, ROLE_BAD, "!");
	if (is_marked(v, n))
		ui_put(y, x[0] + 1, 1, ROLE_BOOKMARK, "*");
	ui_printf(y, x[1], x[2] - x[1], r, "%6llu", (unsigned long long)n);
	event_cells(v, b, x, y, r, &ev);
}

void event_panel_draw(const struct view *v, const struct box *b, int focused)
{
	const struct column *c = cols;
	int x[NCOLS + 1], i;
	char right[64] = "", name[LIFE_NAME_MAX];
	struct shown s;

	if (v->tl->tail->era == MMT_ERA_2632) {
		memcpy(wide, cols, sizeof cols);
		wide[3].width = 26;
		c = wide;
	}
	panel_columns(c, NCOLS, b, x);
	shown(v, b, &s);
	if (v->follow_mm)
		snprintf(right, sizeof right, "following mm %s",
			 life_name(v->follow_mm, v->follow ? v->follow->gen :
				   0, ui_utf8, name, sizeof name));
	else if (v->kind[0])
		snprintf(right, sizeof right, "n/N: %s", v->kind);
	panel_header(c, NCOLS, b, x, focused, right[0] ? right : NULL);
	for (i = 0; i < s.n; i++)
		event_row(v, b, x, b->y + 1 + i, s.list[i]);
	for (i = 0; i < s.extra; i++)
		halt_row(v, b, x, b->y + 1 + s.n + i,
			 &s.halt[v->nhalt_ev - s.extra + i]);
}

struct panel_hit event_panel_click(const struct view *v, const struct box *b,
				   int row)
{
	struct shown s;

	shown(v, b, &s);
	if (row >= 1 && row - 1 < s.n)
		return (struct panel_hit) { HIT_GOTO, s.list[row - 1] };
	return (struct panel_hit) { HIT_NOTHING, 0 };
}
