/*
 * violations_screen.c - the violations screen: every rule the checker found
 * broken so far, one per row, and the selected one in full below (as
 * `mmscope check` prints it).  Enter goes to the event that showed it,
 * c to the event that caused it.
 */
#include <curses.h>
#include <stdio.h>
#include "model/checker.h"
#include "model/timeline.h"
#include "tui/cursor.h"
#include "tui/panel.h"
#include "tui/screens.h"
#include "tui/tui.h"

#define DETAIL	6			/* lines for the selected one */

static int top;				/* the first row shown */
static int sel;				/* the selected row: kept when the
					   screen is left and entered again */

static void viol_init(void)
{
	top = 0;
}

static void viol_row(int y, int w, const struct violation *v, int sel)
{
	enum ui_role r = sel ? ROLE_CURSOR : ROLE_NORMAL;

	if (sel)
		ui_fill(y, 0, w, r);
	ui_printf(y, 1, w - 1, r, "event %7llu  cpu %-2u %-22s mm %-4u %s",
		  (unsigned long long)v->n, v->cpu, check_rules[v->rule].name,
		  v->mm, v->detail[0] ? v->detail : check_rules[v->rule].what);
}

/* The selected violation in full, as check prints it. */
static void detail(int y, int h, int w, const struct violation *v)
{
	char buf[2048], *line, *save;
	FILE *f = fmemopen(buf, sizeof buf, "w");
	enum ui_role r = ROLE_BAD;	/* the headline */

	if (!f)
		return;
	violation_print(f, v, tui.syms, "");
	fclose(f);
	buf[sizeof buf - 1] = '\0';
	for (line = strtok_r(buf, "\n", &save); line && h > 0;
	     line = strtok_r(NULL, "\n", &save), y++, h--) {
		ui_put(y, 1, w - 2, r, line);
		r = ROLE_NORMAL;
	}
}

static void viol_draw(void)
{
	const struct findings *f = &tui.tl->found;
	int lines, cols, rows, i, n = f->nv;

	ui_size(&lines, &cols);
	ui_fill(0, 0, cols, ROLE_HEADER);
	ui_printf(0, 1, cols - 2, ROLE_HEADER, "%d violation%s found by the "
		  "checker   Enter: go there  c: to its cause  q: back", n,
		  n == 1 ? "" : "s");
	if (!n) {
		ui_put(2, 2, cols - 4, ROLE_NORMAL, "None so far: every rule "
		       "holds (MODEL.md lists them).");
		return;
	}
	if (sel >= n)
		sel = n - 1;
	rows = lines - 2 - DETAIL;
	top = panel_scroll_top(top, sel, rows, n);
	for (i = 0; i < rows && top + i < n; i++)
		viol_row(1 + i, cols, &f->v[top + i], top + i == sel);
	ui_hline(lines - 1 - DETAIL, 0, cols);
	detail(lines - DETAIL, DETAIL, cols, &f->v[sel]);
}

static void go(int cause)
{
	const struct findings *f = &tui.tl->found;

	if (sel >= (int)f->nv)
		return;
	cur_goto(cause ? f->v[sel].cause.n : f->v[sel].n);
	cur_pause(1);
	tui_screen(SCREEN_MAIN);
}

static void viol_key(int ch)
{
	int n = tui.tl->found.nv, row;

	switch (ch) {
	case KEY_DOWN: case 'j': case TUI_KEY_WHEEL_DOWN:	sel++; break;
	case KEY_UP: case 'k': case TUI_KEY_WHEEL_UP:		sel--; break;
	case KEY_NPAGE:	sel += 10; break;
	case KEY_PPAGE:	sel -= 10; break;
	case KEY_HOME:	sel = 0; break;
	case KEY_END:	sel = n - 1; break;
	case '\r': case '\n': case KEY_ENTER: go(0); return;
	case 'c':	go(1); return;
	case KEY_MOUSE:
		row = top + tui.my - 1;
		if (tui.my >= 1 && row < n && row == sel)
			go(0);
		else if (tui.my >= 1 && row < n)
			sel = row;
		return;
	case 'q': case 27: case 'v': case KEY_F(6): case KEY_F(10):
		tui_screen(SCREEN_MAIN);
		return;
	}
	if (sel < 0)
		sel = 0;
}

const struct screen scr_violations = { viol_init, viol_draw, viol_key };
