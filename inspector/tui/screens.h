/*
 * screens.h - the TUI's screens, each in its own file with init, draw
 * and key (struct screen, tui.h): loop.c's table holds them by enum
 * tui_screen_id, and tui_screen() switches between them.
 */
#ifndef MMSCOPE_TUI_SCREENS_H
#define MMSCOPE_TUI_SCREENS_H

#include "tui/tui.h"

extern const struct screen scr_main;		/* main_screen.c */
extern const struct screen scr_help;		/* help_screen.c */
extern const struct screen scr_violations;	/* violations_screen.c */
extern const struct screen scr_goto;		/* prompt_screen.c */
extern const struct screen scr_search;		/* prompt_screen.c */
extern const struct screen scr_kind;		/* prompt_screen.c */
extern const struct screen scr_small;		/* small_screen.c */
extern const struct screen scr_chapters;	/* chapters_screen.c */
extern const struct screen scr_compare;		/* compare_screen.c */

#endif /* MMSCOPE_TUI_SCREENS_H */
