/*
 * tui.h - the inspector's terminal UI: the state its parts share, its
 * screens, and the poll sources of its loop (core.c).
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
 *
 * The files of the TUI, each calling only files above it here (no
 * circle: tests/layout/layers.sh checks it on the objects):
 *	ui.c		curses, and nothing else calls curses
 *	input.c		the trace's input: a file, or QEMU's pipes
 *	core.c		this state, notes, the screen switch, the kinds
 *			n and N look for, the loop's poll sources
 *	chapter.c	the scenario's chapters in the trace (chapter.h)
 *	quiz.c		the quiz: where a step stops, what is hidden,
 *			the answers (quiz.h)
 *	cursor.c	moving the cursor (cursor.h)
 *	search.c	/ as in less, and n and N (cursor.h)
 *	debugger.c	the gdbstub, a poll source (debugger.h)
 *	pace.c		paced runs: a step at a time (pace.h)
 *	panel.c		what the panels share: the view they draw from
 *			(panel.h)
 *	*_panel.c, bars.c   the panels and the bottom lines: they read
 *			the view, call only panel.c and ui.c, and return
 *			what a key or a click hit (source_panel.c: the
 *			kernel's code; focus_panel.c: the projector view)
 *	*_screen.c	the screens (screens.h); main_screen.c knows
 *			the panels and makes their view, compare_screen.c
 *			makes one for each of two traces
 *	loop.c		the poll loop (loop.h), the only file that knows
 *			every screen
 */
#ifndef MMSCOPE_TUI_TUI_H
#define MMSCOPE_TUI_TUI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct mmt_event;
struct model;
struct pollfd;
struct source;
struct symtab;
struct timeline;

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
	SCREEN_CHAPTERS,		/* the chapter list, Enter jumps */
	SCREEN_COMPARE,			/* two traces side by side */
	SCREEN_N
};

struct screen {
	void (*init)(void);		/* the screen is entered */
	void (*draw)(void);		/* paint it all (loop.c refreshes) */
	void (*key)(int ch);		/* one key: a character or KEY_* */
};

#define MAX_MARKS	64		/* bookmarks */

/* Keys the loop makes of the mouse's wheel (beyond curses' KEY_MAX). */
#define TUI_KEY_WHEEL_UP	0x10000
#define TUI_KEY_WHEEL_DOWN	0x10001

/* What n and N repeat. */
enum tui_search {
	SEARCH_NONE,			/* the kind of the cursor's event */
	SEARCH_TEXT,			/* the last / (tui.search) */
	SEARCH_KIND,			/* the kind K chose (tui.kind) */
};

/* What n and N look for: a record type, and for MM_REF an op. */
struct kind {
	uint8_t type;			/* MMT_*, 0: the cursor's event's */
	uint8_t op;			/* MMT_OP_*, 0: any */
};

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
	struct timeline *cmp;		/* replay --compare: the other trace,
					   read whole; NULL: none */
	const char *cmp_name;		/* its file */
	/* where the view is */
	int64_t cursor;			/* event under the cursor, -1: none */
	struct model *after;		/* the state after the cursor's event */
	struct model *before;		/* the state before it */
	int paused;
	int held;			/* the machine is halted at event hold:
					   following the tail stops there */
	uint64_t hold;
	int speed;			/* index into speeds[] (cursor.c) */
	uint64_t play_ns;	/* when playback last moved the cursor */
	/* what the keys chose */
	int focus;			/* f: the main screen is the projector
					   view (focus_panel.c) */
	int source;			/* s: the kernel's source beside the
					   events (source_panel.c) */
	unsigned follow_mm;		/* m: step through its events only */
	uint32_t follow_life;		/* which mm_struct of that id: index
					   + 1 in tl->lives.v (lives.h) */
	struct kind kind;		/* n/N; type 0: the cursor's */
	uint64_t mark[MAX_MARKS];	/* bookmarks, sorted */
	unsigned nmarks;
	char search[64];		/* the last / */
	enum tui_search last_search;	/* what n and N repeat */
	unsigned count;			/* a count typed before a key (5j),
					   0: none */
	/* what the loop drives */
	const struct poll_source *poll[TUI_MAXPOLL]; /* tui_poll_add */
	int npoll;
	/* the screen */
	const struct screen *const *screens; /* by id: loop.c's table */
	enum tui_screen_id screen;	/* the screen keys and frames go to */
	enum tui_screen_id back;	/* where SCREEN_SMALL and prompts
					   return */
	int dirty;			/* something changed since the draw */
	int urgent;			/* and is to be drawn at once, not at
					   the next frame's time (a halt) */
	int my, mx;			/* where the last click was */
	char msg[160];			/* a note for the user, for a while */
	uint64_t msg_until;
	int quit;
	FILE *latency;			/* --latency-log, or NULL */
};

extern struct tui tui;

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

#endif /* MMSCOPE_TUI_TUI_H */
