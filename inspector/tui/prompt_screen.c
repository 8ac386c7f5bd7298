/*
 * prompt_screen.c - the one-line prompts over the main screen: go to event
 * N (g; g again at once: the first event, as vi's gg), search event text
 * and tasks (/), the kind n and N look for (K).  Enter takes the line,
 * Esc drops it; the main screen stays visible above.
 */
#include <ctype.h>
#include <curses.h>
#include <inttypes.h>
#include <string.h>
#include "mmtrace.h"
#include "trace/names.h"
#include "tui/cursor.h"
#include "tui/screens.h"
#include "tui/tui.h"
#include "tui/ui.h"
#include "util/util.h"

struct prompt {
	const char *label;
	void (*accept)(const char *text);
};

static char text[64];
static size_t len;
static const struct prompt *cur;

static void accept_goto(const char *s)
{
	unsigned long n;

	if (!*s)
		return;
	if (!tui_count() || util_parse_ulong(s, 0, tui_count() - 1, &n) < 0) {
		tui_say("no event '%s': the trace has events 0 to %" PRIu64,
			s, tui_count() ? tui_count() - 1 : 0);
		return;
	}
	cur_goto(n);
	cur_pause(1);
}

static void accept_search(const char *s)
{
	if (*s)
		snprintf(tui.search, sizeof tui.search, "%s", s);
	if (!tui.search[0])
		return;
	cur_search(tui.search, 1);
	cur_pause(1);
}

static void accept_kind(const char *s)
{
	int v;

	if (!*s) {
		tui.kind = (struct kind) { 0, 0 };
		tui.last_search = SEARCH_NONE;
		tui_say("n and N: the kind of the event under the cursor");
		return;
	}
	if ((v = names_parse(&names_op, s)) > 0 ||
	    (v = names_parse(&names_op_2632, s)) > 0) {
		tui.kind = (struct kind) { MMT_MM_REF, v };
		tui.last_search = SEARCH_KIND;
		return;
	}
	for (v = 1; v < 256; v++)
		if (mmt_type_name(v) && !strcmp(mmt_type_name(v), s)) {
			tui.kind = (struct kind) { v, 0 };
			tui.last_search = SEARCH_KIND;
			return;
		}
	tui_say("no kind '%s': a record type (switch, mm_alloc, ...) or "
		"mmget, mmput, mmgrab, mmdrop", s);
}

static const struct prompt p_goto = {
	"Go to event (g again: the first): ", accept_goto };
static const struct prompt p_search = {
	"/ (event text, task name or pid; empty: again): ", accept_search };
static const struct prompt p_kind = {
	"Kind for n/N (switch, mmgrab, ...; empty: the cursor's): ",
	accept_kind };

static void start(const struct prompt *p)
{
	cur = p;
	text[0] = '\0';
	len = 0;
}

static void init_goto(void) { start(&p_goto); }
static void init_search(void) { start(&p_search); }
static void init_kind(void) { start(&p_kind); }

static void prompt_draw(void)
{
	int lines, cols, x;

	scr_main.draw();
	ui_size(&lines, &cols);
	ui_fill(lines - 1, 0, cols, ROLE_FOCUS);
	x = ui_put(lines - 1, 0, cols, ROLE_FOCUS, cur->label);
	x += ui_put(lines - 1, x, cols - x, ROLE_FOCUS, text);
	ui_put(lines - 1, x, cols - x, ROLE_CURSOR, " ");
}

static void prompt_key(int ch)
{
	if (cur == &p_goto && !len && ch == 'g') {	/* gg: the first */
		tui_screen(SCREEN_MAIN);
		cur_goto(0);
		cur_pause(1);
		return;
	}
	if (ch == '\r' || ch == '\n' || ch == KEY_ENTER) {
		tui_screen(SCREEN_MAIN);
		cur->accept(text);
	} else if (ch == 27) {
		tui_screen(SCREEN_MAIN);
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (len)
			text[--len] = '\0';
	} else if (ch == 21) {		/* ^U */
		text[len = 0] = '\0';
	} else if (ch < 256 && isprint(ch) && len + 1 < sizeof text) {
		text[len++] = ch;
		text[len] = '\0';
	}
}

const struct screen scr_goto = { init_goto, prompt_draw, prompt_key };
const struct screen scr_search = { init_search, prompt_draw, prompt_key };
const struct screen scr_kind = { init_kind, prompt_draw, prompt_key };
