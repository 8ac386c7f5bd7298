/*
 * ui.h - the only file that owns curses: start and teardown, colour
 * roles, signals, and small drawing helpers that clip to a width.
 *
 * Drawing code names what a thing is, never a colour:
 *	attrset(ui_color(ROLE_LAZY));
 * Each role has a colour pair and a monochrome attribute; without
 * colours (!has_colors(), or NO_COLOR set) the attribute is used alone.
 *
 * The terminal is restored on every way out: ui_end() is idempotent and
 * registered with atexit; SIGINT, SIGTERM and SIGHUP only write their
 * number into a self-pipe (ui_signal_fd) that the poll loop reads, and
 * the loop then returns normally.  A crash (SIGSEGV, SIGABRT, ...)
 * still ends curses before the process dies.  SIGWINCH is curses' own:
 * the loop gets KEY_RESIZE from getch().
 */
#ifndef MMSCOPE_TUI_UI_H
#define MMSCOPE_TUI_UI_H

#include <stddef.h>
#include <stdint.h>

/*
 * The colour roles: name, foreground, background (-1: the terminal's
 * own), extra attribute with colours, attribute without them.
 */
#define UI_ROLES(X)							\
	X(NORMAL,	-1,		-1,		0,	0)		\
	X(HEADER,	COLOR_BLACK,	COLOR_GREEN,	0,	A_REVERSE)	\
	X(FOCUS,	COLOR_BLACK,	COLOR_CYAN,	A_BOLD,	A_REVERSE | A_BOLD) \
	X(CURSOR,	COLOR_BLACK,	COLOR_CYAN,	0,	A_REVERSE)	\
	X(SELECT,	COLOR_WHITE,	COLOR_BLUE,	A_BOLD,	A_UNDERLINE)	\
	X(USER,		COLOR_GREEN,	-1,		0,	0)		\
	X(KTHREAD,	COLOR_MAGENTA,	-1,		0,	0)		\
	X(IDLE,		COLOR_BLUE,	-1,		A_BOLD,	A_DIM)		\
	X(LAZY,		COLOR_YELLOW,	-1,		A_BOLD,	A_UNDERLINE)	\
	X(LOADED,	COLOR_GREEN,	-1,		A_BOLD,	A_BOLD)		\
	X(USERS,	COLOR_GREEN,	-1,		A_BOLD,	0)		\
	X(COUNT,	COLOR_CYAN,	-1,		A_BOLD,	0)		\
	X(CHANGED,	COLOR_BLACK,	COLOR_YELLOW,	A_BOLD,	A_REVERSE | A_BOLD) \
	X(FADING,	COLOR_YELLOW,	-1,		A_BOLD,	A_BOLD)		\
	X(FADED,	COLOR_YELLOW,	-1,		0,	A_UNDERLINE)	\
	X(DIM,		COLOR_BLUE,	-1,		A_BOLD,	A_DIM)		\
	X(BAD,		COLOR_WHITE,	COLOR_RED,	A_BOLD,	A_REVERSE | A_BOLD) \
	X(WARN,		COLOR_RED,	-1,		A_BOLD,	A_BOLD)		\
	X(LIVE,		COLOR_BLACK,	COLOR_GREEN,	0,	A_REVERSE)	\
	X(REPLAY,	COLOR_WHITE,	COLOR_BLUE,	A_BOLD,	A_REVERSE)	\
	X(PAUSED,	COLOR_BLACK,	COLOR_YELLOW,	0,	A_REVERSE)	\
	X(KEY,		COLOR_BLACK,	COLOR_CYAN,	0,	A_REVERSE)	\
	X(BOOKMARK,	COLOR_CYAN,	-1,		A_BOLD,	A_BOLD)		\
	X(NARRATION,	COLOR_WHITE,	-1,		A_BOLD,	A_BOLD)		\
	X(MARKTEXT,	COLOR_CYAN,	-1,		0,	0)		\
	X(CHAPTER,	COLOR_WHITE,	COLOR_MAGENTA,	A_BOLD,	A_REVERSE | A_BOLD) \
	X(QUIZ,		COLOR_YELLOW,	-1,		A_BOLD,	A_BOLD)		\
	X(PACE,		COLOR_BLACK,	COLOR_MAGENTA,	0,	A_REVERSE)

#define UI_ROLE_ENUM(name, fg, bg, attr, mono)	ROLE_##name,
enum ui_role { UI_ROLES(UI_ROLE_ENUM) ROLE_NROLES };
#undef UI_ROLE_ENUM

#define UI_MIN_COLS	72	/* below this: "terminal too small" */
#define UI_MIN_LINES	20

/*
 * Start curses on the terminal: colours (unless NO_COLOR), the mouse,
 * keys without echo, no cursor, the signal pipe.  0, or -1 with the
 * reason in err (not a terminal, TERM unknown).
 */
int ui_init(char *err, size_t len);

/* Give the terminal back (again: nothing). */
void ui_end(void);

/* The attribute of a role. */
int ui_color(enum ui_role r);

/* Are colours in use (not monochrome)? */
int ui_colors(void);

/* UTF-8 glyphs ("→", bars) are safe on this terminal. */
extern int ui_utf8;

/* The read end of the signal pipe, and the signal that came, or 0. */
int ui_signal_fd(void);
int ui_signalled(void);

/* A key, or -1 when none is waiting (KEY_RESIZE, KEY_MOUSE included). */
int ui_key(void);

/* After KEY_MOUSE: what the mouse did (UI_MOUSE_*), and where. */
enum ui_mouse {
	UI_MOUSE_NONE = -1,		/* a release, a move: nothing */
	UI_MOUSE_PRESS = 0,		/* the first button */
	UI_MOUSE_WHEEL_UP = 1,
	UI_MOUSE_WHEEL_DOWN = 2,
};
int ui_mouse(int *y, int *x);

/* A frame: blank the screen, (draw), put it on the terminal.  A full
 * redraw (^L) repaints every cell, not only the changed ones. */
void ui_frame_begin(void);
void ui_frame_end(void);
void ui_repaint(void);

/* Lines drawn with the terminal's line characters. */
void ui_hline(int y, int x, int w);
void ui_vline(int y, int x, int h);

/* The terminal's size now. */
void ui_size(int *lines, int *cols);

/*
 * Draw s at (y, x) in role r, cut to w columns (multibyte characters
 * count one column each); returns the columns used.
 */
int ui_put(int y, int x, int w, enum ui_role r, const char *s);
int ui_printf(int y, int x, int w, enum ui_role r, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* w blanks at (y, x) in role r. */
void ui_fill(int y, int x, int w, enum ui_role r);

/* A bar of n cells (at most w; "+" when cut) at (y, x) in role r. */
void ui_bar(int y, int x, int w, int n, enum ui_role r);

/* The arrow of a counter change: "→", or "->". */
const char *ui_arrow(void);

/*
 * Can the TUI draw on this terminal?  It draws by moving the cursor; a
 * terminal that cannot (TERM=dumb, an emacs shell buffer, a TERM unknown
 * to terminfo) would get one garbled line and no word of why.  Asked
 * before curses starts: -1 if $TERM's terminfo entry has cursor
 * addressing (cup); else says on stderr why verb cannot draw and what to
 * use instead (e.g. "mmscope dump FILE"), and returns EXIT_USAGE.
 */
int ui_term_check(const char *verb, const char *instead);

#endif /* MMSCOPE_TUI_UI_H */
