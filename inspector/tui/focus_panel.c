/*
 * focus_panel.c - the projector view: for the back of a lecture room,
 * one mm_struct in large block digits, mm_users and mm_count (5 rows
 * tall, 3 when the terminal is short), who holds each reference by task
 * name and CPU, and a line per CPU.  The narration goes below it, in
 * the main screen's narration lines.
 *
 * The mm is the followed one (m), else the one the cursor's event
 * names, else the last one named before it: the view stays on an mm
 * while the events between say nothing of one.
 */
#include <stdio.h>
#include <string.h>
#include "model/lives.h"
#include "model/timeline.h"
#include "target/verify.h"
#include "tui/focus_panel.h"

#define GLYPH_W		4	/* cells of a digit's row (each two
				   columns wide), and one between */
#define GLYPH_H		5

/* The digits, 0-9, '?' and '-', five rows of four cells each. */
static const char *const font[12][GLYPH_H] = {
	{ "####", "#  #", "#  #", "#  #", "####" },
	{ "  # ", " ## ", "  # ", "  # ", " ###" },
	{ "####", "   #", "####", "#   ", "####" },
	{ "####", "   #", " ###", "   #", "####" },
	{ "#  #", "#  #", "####", "   #", "   #" },
	{ "####", "#   ", "####", "   #", "####" },
	{ "####", "#   ", "####", "#  #", "####" },
	{ "####", "   #", "  # ", " #  ", " #  " },
	{ "####", "#  #", "####", "#  #", "####" },
	{ "####", "#  #", "####", "   #", "####" },
	{ "####", "   #", "  ##", "    ", "  # " },
	{ "    ", "    ", "####", "    ", "    " },
};

/* Row r of glyph g, as the terminal draws a full cell. */
static void glyph_row(int y, int x, int g, int r, enum ui_role role)
{
	const char *s = font[g][r];
	int i;

	for (i = 0; i < GLYPH_W; i++)
		if (s[i] == '#')
			ui_put(y, x + 2 * i, 2, role, ui_utf8 ?
			       "\u2588\u2588" : "##");
}

/* The number v (or '?' when hidden) in large digits at (y, x), h rows
 * (5, or 3: rows 0, 2 and 4 of each glyph).  Returns the width. */
static int big_number(int y, int x, int h, int v, int hidden,
		      enum ui_role role)
{
	char s[16];
	int i, r, g;

	snprintf(s, sizeof s, hidden ? "?" : "%d", v);
	for (i = 0; s[i]; i++) {
		g = s[i] == '?' ? 10 : s[i] == '-' ? 11 : s[i] - '0';
		for (r = 0; r < h; r++)
			glyph_row(y + r, x + i * 2 * (GLYPH_W + 1), g,
				  h == GLYPH_H ? r : r * 2, role);
	}
	return i * 2 * (GLYPH_W + 1);
}

/* --- which mm ------------------------------------------------------- */

static int names_any(void *arg, const struct mmt_event *ev)
{
	unsigned k, i;
	const uint8_t *off = model_mm_fields(ev->type, &k);
	uint16_t id;

	for (i = 0; i < k; i++) {
		memcpy(&id, ev->rec + off[i], 2);
		if (id > MMT_MM_INIT) {
			*(unsigned *)arg = id;
			return 1;
		}
	}
	return 0;
}

unsigned focus_panel_mm(const struct view *v)
{
	struct mmt_event ev;
	unsigned mm = 0;

	if (v->follow_mm)
		return v->follow_mm;
	if (v->cursor < 0)
		return 0;
	if (evlog_get(v->tl->log, v->cursor, &ev) == 0 && names_any(&mm, &ev))
		return mm;
	if (tl_find(v->tl, v->cursor, -1, names_any, &mm) < 0)
		return MMT_MM_INIT;
	return mm;
}

/* --- who holds it --------------------------------------------------- */

/* Append to buf (at *at): a task's name, and where it is. */
static void holder(const struct model *m, const struct task *t, char *buf,
		   size_t len, size_t *at, const char *sep)
{
	char name[48];

	if (*at >= len)
		return;
	panel_task_label(m, t->pid, t->cpu, name, sizeof name);
	*at += snprintf(buf + *at, len - *at, "%s%s %s cpu %u", *at ? sep : "",
			name, t->flags & T_ON_CPU ? "on" : "last on", t->cpu);
}

/* mm_users: the tasks whose mm it is; pins. */
static void users_line(const struct model *m, const struct mm *x, char *buf,
		       size_t len)
{
	size_t at = 0;
	uint32_t i;

	buf[0] = '\0';
	if (x->flags & M_STATIC)
		at += snprintf(buf, len, "init_mm's static 2");
	for (i = 0; i < m->ntask; i++)
		if ((m->task[i].flags & T_USED) && m->task[i].mm == x->id &&
		    !(m->task[i].flags & T_USE_MM))
			holder(m, &m->task[i], buf, len, &at, ", ");
	if (x->pins && at < len)
		at += snprintf(buf + at, len - at, "%s%u get_task_mm pin%s",
			       at ? ", " : "", x->pins, x->pins == 1 ? "" :
			       "s");
	if (!at)
		snprintf(buf, len, "no task uses it: the address space is "
			 "gone");
}

/*
 * mm_count: the users together, borrowers, rq->prev_mm, use_mm; and
 * what none of them holds yet: a reference the kernel is between two
 * operations with (exit_mm's mmput has made mm_users 0 and its mmdrop
 * of the users' reference comes next).
 */
static void count_line(const struct model *m, const struct mm *x, char *buf,
		       size_t len)
{
	size_t at = 0;
	uint32_t i;
	unsigned c;
	int n = x->users > 0;

	buf[0] = '\0';
	if (x->users > 0)
		at += snprintf(buf, len, "the users together (1)");
	for (i = 0; i < m->ntask; i++) {
		const struct task *t = &m->task[i];

		if (!(t->flags & T_USED) || t->active_mm != x->id ||
		    (t->mm && !(t->flags & T_USE_MM)))
			continue;
		if (at < len)
			at += snprintf(buf + at, len - at, "%s%s", at ? ", " :
				       "", t->flags & T_USE_MM ? "use_mm " :
				       "lazy ");
		holder(m, t, buf, len, &at, "");
		n++;
	}
	for (c = 0; c < m->ncpu; c++)
		if (m->cpu[c].prev_mm == x->id && !m->cpu[c].prev_stale) {
			n++;
			if (at < len)
				at += snprintf(buf + at, len - at, "%srq->prev_mm"
					       " of cpu %u", at ? ", " : "", c);
		}
	if (!(x->flags & M_STATIC) && x->count > n && at < len)
		at += snprintf(buf + at, len - at, "%s%d not settled yet (the "
			       "next events)", at ? ", " : "", x->count - n);
	if (!at)
		snprintf(buf, len, "none left: __mmdrop frees it");
}

/* --- drawing -------------------------------------------------------- */

/* A CPU in one line: task, mm, active_mm, lazy or loaded, CR3. */
static void cpu_line(const struct view *v, int y, const struct box *b,
		     unsigned c)
{
	const struct model *m = v->m;
	const struct cpu *cp = &m->cpu[c];
	const struct task *t = model_task(m, cp->current, c);
	char name[48], mm[16], act[16], cr3[16];

	if (!cp->online) {
		ui_printf(y, b->x + 1, b->w - 2, ROLE_DIM, "cpu %u  offline", c);
		return;
	}
	panel_task_label(m, cp->current, c, name, sizeof name);
	ui_printf(y, b->x + 1, b->w - 2, cp->lazy ? ROLE_LAZY : ROLE_NORMAL,
		  "cpu %u  %-20s mm %-8s active_mm %-8s %-7s cr3 %s%s%s", c,
		  name, panel_mm_str(m, t ? t->mm : 0, mm, sizeof mm),
		  panel_mm_str(m, t ? t->active_mm : 0, act, sizeof act),
		  cp->lazy ? "lazy" : "loaded",
		  panel_mm_str(m, cp->cr3, cr3, sizeof cr3),
		  cp->prev_mm ? "  rq->prev_mm " : "",
		  cp->prev_mm ? panel_mm_str(m, cp->prev_mm, name,
					     sizeof name) : "");
}

/* The mm's two counters in large digits, side by side. */
static int counters(const struct view *v, const struct box *b, int y,
		    const struct mm *x)
{
	int h = b->h >= 18 ? GLYPH_H : 3, hide = x->id == v->quiz_mm;
	int half = b->w / 2;

	ui_put(y, b->x + 4, half - 4, ROLE_USERS, "mm_users");
	ui_put(y, b->x + half + 4, half - 4, ROLE_COUNT, "mm_count");
	big_number(y + 1, b->x + 4, h, x->users, hide, ROLE_USERS);
	big_number(y + 1, b->x + half + 4, h, x->count, hide, ROLE_COUNT);
	return 1 + h;
}

/*
 * The mm_struct to show, or NULL, and its name: a followed one is shown
 * only while it lives (its id may be another mm_struct's by now).
 */
static const struct mm *focus_mm(const struct view *v, unsigned id,
				 char *name, size_t len)
{
	const struct mm *x = id ? model_mm(v->m, id) : NULL;

	if (v->follow_mm && v->follow) {
		life_name(id, v->follow->gen, ui_utf8, name, len);
		if (model_mm_life(v->m, id) != v->follow->gen)
			x = NULL;
	} else {
		model_mm_name(v->m, id, ui_utf8, name, len);
	}
	return x;
}

void focus_panel_draw(const struct view *v, const struct box *b)
{
	const struct model *m = v->m;
	unsigned id = focus_panel_mm(v), c;
	char owner[48], name[LIFE_NAME_MAX], buf[512];
	const struct mm *x = focus_mm(v, id, name, sizeof name);
	int y = b->y;

	ui_fill(y, b->x, b->w, ROLE_HEADER);
	if (!x) {
		ui_printf(y, b->x + 1, b->w - 2, ROLE_HEADER, id ? "mm %s: not "
			  "allocated now (freed, or not yet made)" : "no mm yet",
			  name);
	} else {
		if (id == MMT_MM_INIT)
			snprintf(owner, sizeof owner, "init_mm, the kernel's");
		else
			panel_task_label(m, x->owner, 0, owner, sizeof owner);
		ui_printf(y, b->x + 1, b->w - 2, ROLE_HEADER, "mm %s  (%s)%s",
			  name, owner, v->follow_mm ? "  followed: m lets go" :
			  "");
	}
	ui_put(y, b->x + b->w - 17, 16, ROLE_HEADER, "f: every panel");
	y += 2;
	if (x) {
		y += counters(v, b, y, x) + 1;
		if (x->id == v->quiz_mm) {
			ui_put(y, b->x + 2, b->w - 4, ROLE_QUIZ, "who holds "
			       "them: the quiz asks first");
			y += 3;
		} else {
			users_line(m, x, buf, sizeof buf);
			ui_printf(y++, b->x + 2, b->w - 4, ROLE_USERS,
				  "mm_users %d: %s", x->users, buf);
			count_line(m, x, buf, sizeof buf);
			ui_printf(y++, b->x + 2, b->w - 4, ROLE_COUNT,
				  "mm_count %d: %s", x->count, buf);
			y++;
		}
	}
	for (c = 0; c < m->ncpu && y < b->y + b->h; c++)
		cpu_line(v, y++, b, c);
}
