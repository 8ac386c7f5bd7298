/*
 * termcheck.c - can the TUI draw on this terminal?  Asked of terminfo
 * before curses starts (see ui.h).  A file of its own because <term.h>
 * defines macros (lines, columns, ...) that ui.c's names would meet.
 */
#include <stdlib.h>
#include "tui/ui.h"
#include "util/util.h"
#include <curses.h>		/* after ui.h: term.h's macros would meet */
#include <term.h>		/* the names of its declarations */

/* Why TERM cannot be drawn on, or NULL if it can. */
static const char *term_problem(const char *term)
{
	char *cup;
	int err = 0;

	if (!term || !*term)
		return "TERM is not set, so the terminal's abilities are "
		       "unknown";
	if (setupterm((char *)term, 1, &err) != OK)
		return err == 0 ? "terminfo has no entry for it" :
				  "terminfo cannot be read";
	cup = tigetstr("cup");
	del_curterm(cur_term);
	if (!cup || cup == (char *)-1)
		return "it cannot move the cursor, and the screen is drawn by "
		       "moving it";
	return NULL;
}

int ui_term_check(const char *verb, const char *instead)
{
	const char *term = getenv("TERM");
	const char *why = term_problem(term);

	if (!why)
		return -1;
	util_err("%s cannot draw on %s%s: %s; run it in a terminal that can "
		 "(xterm, tmux, the Linux console), or use %s", verb,
		 term && *term ? "TERM=" : "this terminal",
		 term && *term ? term : "", why, instead);
	return EXIT_USAGE;
}
