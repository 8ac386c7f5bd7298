/*
 * tui.h - the inspector's terminal UI: its state, its screens and the
 * panels of the main screen.
 *
 * One trace (a timeline: timeline.h) and one view of it.  The view is a
 * cursor on one event and two models that follow it: the state after
 * that event (what the panels show) and before it (what the narration
 * reads).  Live mode is a replay of a trace that grows: the cursor
 * follows the tail unless paused, and reading never waits for the
 * screen.  Nothing here writes a model; model.c does, through seeks.
 *
 * Screens in the manner of ncdu: each has init, draw and key, and
 * loop.c dispatches to the current one.  Drawing is erase() and paint
 * everything from (the models at the cursor, this view state).
 */
#ifndef MMSCOPE_TUI_TUI_H
#define MMSCOPE_TUI_TUI_H

#include <stdint.h>
#include <stdio.h>
#include "model/model.h"
#include "trace/symbols.h"
#include "model/timeline.h"

/* The screens (tui.screen). */
enum tui_screen_id {
	SCREEN_MAIN,			/* the panels */
	SCREEN_HELP,			/* every key */
	SCREEN_VIOLATIONS,		/* the checker's violations, Enter
					   jumps */
	SCREEN_GOTO,			/* prompt: go to event N */
	SCREEN_SEARCH,			/* prompt: task name or pid */
	SCREEN_KIND,			/* prompt: the kind n/N look for */
	SCREEN_SMALL,			/* the terminal is too small */
	SCREEN_N
};

struct screen {
	void (*init)(void);		/* the screen is entered */
	void (*draw)(void);		/* paint it all (loop.c refreshes) */
	void (*key)(int ch);		/* one key: a character or KEY_* */
};

extern const struct screen scr_main, scr_help, scr_violations, scr_goto,
	scr_search, scr_kind, scr_small;

#define MAX_MARKS	64		/* bookmarks */
#define FRAME_NS	33000000ull	/* at most ~30 redraws a second */

/* What n and N look for: a record type, and for MM_REF an op. */
struct kind {
	uint8_t type;			/* MMT_*, 0: the cursor's event's */
	uint8_t op;			/* MMT_OP_*, 0: any */
};

struct source;
struct pollfd;

/*
 * Something besides the keyboard and the input that the loop waits for
 * (the gdbstub's socket: debugger.c): before each poll, fds() puts its
 * descriptors in p; after it, io() gets them back with what poll found.
 */
#define TUI_MAXPOLL	4		/* poll sources at once */
#define TUI_POLL_FDS	2		/* descriptors of one, at most */

struct poll_source {
	int (*fds)(struct pollfd *p);	/* 0..TUI_POLL_FDS entries */
	void (*io)(const struct pollfd *p, int n); /* those n, polled */
};

struct tui {
	/* the trace */
	struct timeline *tl;
	struct symtab *syms;		/* the kernel ELF, or NULL */
	struct source *src;
	int live;			/* run: the trace grows */
	/* where the view is */
	int64_t cursor;			/* event under the cursor, -1: none */
	struct model *after;		/* the state after the cursor's event */
	struct model *before;		/* the state before it */
	int paused;
	int speed;			/* index into speeds[] (cursor.c) */
	uint64_t play_ns;	/* when playback last moved the cursor */
	/* what the keys chose */
	unsigned follow_mm;		/* m: step through its events only */
	struct kind kind;		/* n/N; type 0: the cursor's */
	uint64_t mark[MAX_MARKS];	/* bookmarks, sorted */
	unsigned nmarks;
	char search[64];		/* the last / */
	/* what the loop drives */
	const struct poll_source *poll[TUI_MAXPOLL]; /* tui_poll_add */
	int npoll;
	/* the screen */
	const struct screen *const *screens; /* by id: loop.c's table */
	enum tui_screen_id screen;	/* the screen keys and frames go to */
	enum tui_screen_id back;	/* where SCREEN_SMALL and prompts
					   return */
	int dirty;			/* something changed since the draw */
	int my, mx;			/* where the last click was */
	char msg[160];			/* a note for the user, for a while */
	uint64_t msg_until;
	int quit;
	FILE *latency;			/* --latency-log, or NULL */
};

extern struct tui tui;

/* --- core.c ------------------------------------------------------------ */

/* Enter screen s. */
void tui_screen(enum tui_screen_id s);

/* Show a short note in the narration line for a few seconds. */
void tui_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Events committed so far. */
uint64_t tui_count(void);

/* The loop polls s from its next turn on, until tui_poll_del(s). */
void tui_poll_add(const struct poll_source *s);
void tui_poll_del(const struct poll_source *s);

/* Does ev match the kind k (n/N)? */
int tui_kind_match(const struct kind *k, const struct mmt_event *ev);

/* The kind's name ("mmgrab", "switch"). */
const char *tui_kind_name(const struct kind *k, char *buf, size_t len);

/* --- loop.c ------------------------------------------------------------ */

/*
 * Run the TUI over tui.tl and tui.src until q, a signal or an error
 * (curses must be up: ui_init).  Returns the signal that ended it, or 0.
 */
int tui_loop(void);

/* --- cursor.c: moving the cursor ---------------------------------------- */

void cur_init(int live);		/* live: follow the tail; else paused */
void cur_goto(int64_t n);		/* clamp, pause-free, models follow */
void cur_step(int dir);			/* one event (of the followed mm) */
void cur_page(int dir, unsigned rows);	/* a page of rows events, less one */
void cur_kind(int dir);			/* next/previous of the kind */
void cur_follow(unsigned mm);		/* 0: every event again */
void cur_mark(void);			/* b: set or clear a bookmark */
void cur_next_mark(void);		/* ': the next one, round */
int cur_search(const char *q);		/* /: 0 found, -1 not */
void cur_pause(int on);
void cur_speed(int d);			/* +1 faster, -1 slower */
const char *cur_speed_name(void);
/* Playback and following the tail: move the cursor if it is time.
 * Returns the nanoseconds until it is time again (UINT64_MAX: never). */
uint64_t cur_tick(uint64_t now);

/* --- debugger.c: QEMU's gdbstub in live mode ------------------------------ */

struct dbg;
struct dbg_ats;
struct pollfd;
struct symtab;
struct vfy;

/*
 * Attach the gdbstub of src's QEMU (started with one), blocking up to a
 * few seconds; halt_at (or NULL): run to the first event it selects.
 * Attached, its socket is a poll source of the loop until tdbg_close().
 * 0, or -1: the TUI runs without it and tdbg_why() says why.
 */
int tdbg_start(struct source *src, struct symtab *syms, const char *kernel,
	       const struct dbg_ats *halt_at);
void tdbg_close(void);
void tdbg_key(int ch);			/* h, c, l */
const struct dbg *tdbg(void);		/* NULL: no attach was tried */
const char *tdbg_why(void);		/* why it is not attached */
int tdbg_columns(void);			/* real cr3, memory columns */
/* At a verified halt: the model at the halt while the cursor is on the
 * last event (else NULL), and the halt's verification (else NULL). */
struct model *tdbg_view(void);
const struct vfy *tdbg_halt(void);

/* --- the main screen's parts (the panel files, bars.c) ----------------- */

struct box;
struct view;

/* Panels: draw v into b; a key, or a click on row (0: the header),
 * changes only the panel's own selection and scroll, and returns what
 * the main screen is to do (panel.h). */
unsigned cpu_panel_count(const struct view *v); /* every CPU of the run */
void cpu_panel_draw(const struct view *v, const struct box *b, int focused);
void cpu_panel_key(const struct view *v, const struct box *b, int ch);
void mm_panel_draw(const struct view *v, const struct box *b, int focused);
struct panel_hit mm_panel_key(const struct view *v, const struct box *b,
			      int ch);
struct panel_hit mm_panel_click(const struct view *v, const struct box *b,
				int row);
unsigned mm_panel_selected(const struct view *v); /* the mm, 0: none */
void task_panel_draw(const struct view *v, const struct box *b, int focused);
struct panel_hit task_panel_key(const struct view *v, const struct box *b,
				int ch);
struct panel_hit task_panel_click(const struct view *v, const struct box *b,
				  int row);
void event_panel_draw(const struct view *v, const struct box *b, int focused);
struct panel_hit event_panel_click(const struct view *v, const struct box *b,
				   int row);
/* The events the panel shows in b (at least 1): a page. */
unsigned event_panel_rows(const struct view *v, const struct box *b);

/* The three lines at the bottom (bars.c): narration, status, keys. */
void bar_narration(const struct view *v, const struct box *b);
void bar_status(const struct view *v, int y, int w);
void bar_keys(const struct view *v, int y, int w);
int bar_keys_click(const struct view *v, int x, int w); /* the key, or -1 */

#endif /* MMSCOPE_TUI_TUI_H */
