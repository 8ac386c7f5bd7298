/*
 * panel.h - what the panels of the main screen share: the view they
 * draw from, the box they draw in, what a key or a click on them asks
 * for, and helpers (panel.c).
 *
 * A panel reads the view and nothing else of the TUI, and writes none
 * of it: it does not move the cursor or switch screens.  Its key and
 * click functions change only the panel's own state (its selection,
 * its scroll position) and return what the main screen is to do, in a
 * struct panel_hit.  Its draw function changes no state: what a panel
 * shows is a function of the view, its own state and its box, and so
 * is what a click on it hits.
 */
#ifndef MMSCOPE_TUI_PANEL_H
#define MMSCOPE_TUI_PANEL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "model/model.h"
#include "tui/ui.h"

#define FADE_STEPS	5		/* a change stays highlighted this many
					   events, fading */

struct chapter;
struct dbg;
struct life;
struct source;
struct symtab;
struct timeline;
struct vfy;
struct vfy_ev;

/* Where a panel draws: b.h rows, the first its header. */
struct box {
	int y, x, h, w;
};

/*
 * The TUI as the panels see it, made afresh by the main screen for
 * each frame and each key (main_screen.c).  Everything in it is
 * read-only to a panel.
 */
struct view {
	/* the trace */
	const struct timeline *tl;	/* its log, tail model, findings */
	struct symtab *syms;		/* the kernel ELF, or NULL (a lookup
					   caches, so not const) */
	const struct source *src;	/* where the trace comes from */
	int live;			/* run: the trace grows */
	uint64_t count;			/* events committed */
	/* where the view is */
	int64_t cursor;			/* event under the cursor, -1: none */
	const struct model *m;		/* what the panels show: the state
					   after the cursor's event, or the
					   machine at a halt */
	const struct model *before;	/* the state before the cursor's
					   event (the narration) */
	int paused;
	const char *speed;		/* the playback speed, in words */
	/* what the keys chose */
	unsigned follow_mm;		/* only its events; 0: all */
	const struct life *follow;	/* which mm_struct of that id (from
					   its MM_ALLOC to its MM_FREE), or
					   NULL: every one */
	char kind[32];			/* what n/N look for ("mmgrab"), "":
					   the cursor's event's kind */
	const uint64_t *mark;		/* bookmarks, sorted */
	unsigned nmarks;
	const char *msg;		/* a note for the user, or NULL */
	/* live, the machine under the gdbstub */
	const struct dbg *dbg;		/* NULL: no attach was tried */
	const char *dbg_why;		/* why it is not attached */
	int dbg_columns;		/* show real cr3 and memory */
	const struct vfy *halt;		/* a verified halt, or NULL */
	const struct vfy_ev *halt_ev;	/* its events the log has not yet */
	size_t nhalt_ev;
	/* the scenario's chapters (chapter.h) */
	const struct chapter *chapter;	/* the cursor's, or NULL */
	size_t nchapters;		/* in the trace so far */
	unsigned chapters;		/* how many it will have (0: none) */
	/* the quiz (quiz.h) */
	int quiz;			/* on */
	unsigned quiz_mm;		/* a question is open about this mm:
					   its counters and holders hidden */
	uint64_t quiz_from;		/* counters of events from here on are
					   hidden (the answers to come) */
	const char *quiz_text;		/* the question or the verdict, or
					   NULL */
	unsigned quiz_right, quiz_asked;	/* the tally so far */
	/* a paced run (pace.h) */
	const char *pace;		/* its state in words, or NULL */
	int pace_held;			/* paused, or waiting for an answer */
	/* the layout */
	int narrow;			/* mm_structs and Tasks share a place */
};

/* What a key or a click on a panel asks the main screen to do. */
enum hit_action {
	HIT_NOTHING,			/* nothing beyond the panel itself */
	HIT_GOTO,			/* the cursor to event arg */
	HIT_FOLLOW,			/* follow mm arg */
	HIT_SEARCH,			/* to the next event of pid arg */
};

struct panel_hit {
	enum hit_action what;
	uint64_t arg;			/* the event, the mm or the pid */
};

struct column {
	const char *title;
	int width;			/* at least this many columns */
	int grow;			/* its share of any spare width */
	int max;			/* at most this wide, 0: no limit */
};

/* The x of each of the n columns inside b; x[n] is where the last ends. */
void panel_columns(const struct column *c, int n, const struct box *b, int *x);

/* The header row (b's first): titles, and `right` at the right end. */
void panel_header(const struct column *c, int n, const struct box *b,
		  const int *x, int focused, const char *right);

/* Text in column i of the row at y, cut to the column. */
int panel_cell(const struct box *b, const int *x, int i, int y, enum ui_role r,
	       const char *s);

/* The role of something that changed at event n: highlighted at the
 * cursor, fading over the next FADE_STEPS events, then `normal`. */
enum ui_role panel_fade(const struct view *v, uint64_t n,
			enum ui_role normal);

/* A task's colour (user, kernel thread, idle) and kind in a word. */
enum ui_role panel_task_role(const struct task *t);
const char *panel_task_kind(const struct task *t);

/* A task in a column: "comm[pid]", swapper/N for pid 0. */
void panel_task_label(const struct model *m, unsigned pid, unsigned cpu,
		      char *buf, size_t len);

/* An mm of model m in a cell: "-", "init_mm", or its name: "3", "3·2"
 * (the life m knows it in: model/lives.h). */
const char *panel_mm_str(const struct model *m, unsigned id, char *buf,
			 size_t len);

/* The first row to show so that row sel of n is among `rows`. */
int panel_scroll_top(int top, int sel, int rows, int n);

#endif /* MMSCOPE_TUI_PANEL_H */
