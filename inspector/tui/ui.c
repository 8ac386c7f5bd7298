/*
 * ui.c - curses: start, colour roles, signals, teardown; see ui.h.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tui/ui.h"

struct role {
	short fg, bg;
	int attr;			/* with colours */
	int mono;			/* without */
};

#define UI_ROLE_TAB(name, f, b, a, m)	[ROLE_##name] = { f, b, a, m },
static const struct role roles[ROLE_NROLES] = { UI_ROLES(UI_ROLE_TAB) };
#undef UI_ROLE_TAB

static int attrs[ROLE_NROLES];		/* what ui_color() returns */
static int started;			/* curses is on the terminal */
static int colors;			/* colour pairs in use */
static int sigpipe[2] = { -1, -1 };
static volatile sig_atomic_t signalled;
int ui_utf8;

static void on_signal(int sig)
{
	int e = errno;
	unsigned char c = sig;

	signalled = sig;
	if (write(sigpipe[1], &c, 1) < 0) {
		/* the pipe is full: a signal is waiting there already */
	}
	errno = e;
}

/*
 * A crash (SIGSEGV, an abort on no memory, ...): give the terminal back
 * as best we can, say so, and die of the same signal.  endwin() is not
 * async-signal-safe, but the alternative is a terminal left in raw mode
 * on the alternate screen, with no message at all.
 */
static void on_crash(int sig)
{
	static const char msg[] = "mmscope: crashed; the terminal was "
				  "restored\n";

	if (started) {
		started = 0;
		endwin();
	}
	if (write(2, msg, sizeof msg - 1) < 0) {
		/* nothing more can be done */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* SIGINT, SIGTERM, SIGHUP: a byte in the pipe, nothing else. */
static int signals_init(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	int i;

	if (sigpipe[0] < 0 && pipe2(sigpipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -1;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGSEGV, on_crash);
	signal(SIGBUS, on_crash);
	signal(SIGFPE, on_crash);
	signal(SIGABRT, on_crash);
	for (i = 0; i < 2; i++)
		fcntl(sigpipe[i], F_SETFL, O_NONBLOCK);
	return 0;
}

int ui_signal_fd(void)
{
	return sigpipe[0];
}

int ui_signalled(void)
{
	return signalled;
}

static void colors_init(void)
{
	const char *nc = getenv("NO_COLOR");
	short fg, bg;
	int i, dflt;

	colors = has_colors() && !(nc && *nc) && start_color() == OK;
	dflt = colors && use_default_colors() == OK;
	for (i = 0; i < ROLE_NROLES; i++) {
		attrs[i] = roles[i].mono;
		if (!colors || i == ROLE_NORMAL)
			continue;
		fg = roles[i].fg < 0 && !dflt ? COLOR_WHITE : roles[i].fg;
		bg = roles[i].bg < 0 && !dflt ? COLOR_BLACK : roles[i].bg;
		init_pair(i, fg, bg);
		attrs[i] = COLOR_PAIR(i) | roles[i].attr;
	}
}

int ui_init(char *err, size_t len)
{
	const char *cs;

	if (!isatty(0) || !isatty(1)) {
		snprintf(err, len, "needs a terminal (stdin and stdout)");
		return -1;
	}
	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	ui_utf8 = cs && !strcmp(cs, "UTF-8");
	if (signals_init() < 0) {
		snprintf(err, len, "cannot make a pipe for signals: %m");
		return -1;
	}
	if (!newterm(NULL, stdout, stdin)) {
		snprintf(err, len, "cannot start curses on TERM=%s",
			 getenv("TERM") ? getenv("TERM") : "(unset)");
		return -1;
	}
	started = 1;
	atexit(ui_end);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
		  BUTTON5_PRESSED, NULL);	/* 4, 5: the wheel */
	mouseinterval(0);
	colors_init();
	return 0;
}

void ui_end(void)
{
	if (!started)
		return;
	started = 0;
	endwin();
	fflush(stdout);
}

int ui_color(enum ui_role r)
{
	return attrs[r];
}

int ui_colors(void)
{
	return colors;
}

int ui_key(void)
{
	int ch = getch();

	return ch == ERR ? -1 : ch;
}

int ui_mouse(int *y, int *x)
{
	MEVENT me;

	if (getmouse(&me) != OK)
		return UI_MOUSE_NONE;
	*y = me.y;
	*x = me.x;
	if (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		return UI_MOUSE_PRESS;
	if (me.bstate & BUTTON4_PRESSED)
		return UI_MOUSE_WHEEL_UP;
	if (me.bstate & BUTTON5_PRESSED)
		return UI_MOUSE_WHEEL_DOWN;
	return UI_MOUSE_NONE;
}

void ui_frame_begin(void)
{
	erase();
}

void ui_frame_end(void)
{
	wnoutrefresh(stdscr);
	doupdate();
}

void ui_repaint(void)
{
	clearok(curscr, TRUE);
}

void ui_hline(int y, int x, int w)
{
	mvhline(y, x, ACS_HLINE, w);
}

void ui_vline(int y, int x, int h)
{
	mvvline(y, x, ACS_VLINE, h);
}

void ui_size(int *lines, int *cols)
{
	getmaxyx(stdscr, *lines, *cols);
}

/* Bytes of s that make up at most w characters (UTF-8 aware). */
static size_t fit(const char *s, int w, int *cols)
{
	size_t i = 0;
	int n = 0;

	while (s[i] && n < w) {
		i++;
		if (ui_utf8)
			while ((s[i] & 0xc0) == 0x80)
				i++;
		n++;
	}
	*cols = n;
	return i;
}

int ui_put(int y, int x, int w, enum ui_role r, const char *s)
{
	int cols;
	size_t n;

	if (w <= 0)
		return 0;
	n = fit(s, w, &cols);
	attrset(attrs[r]);
	mvaddnstr(y, x, s, n);
	attrset(A_NORMAL);
	return cols;
}

int ui_printf(int y, int x, int w, enum ui_role r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_put(y, x, w, r, buf);
}

void ui_fill(int y, int x, int w, enum ui_role r)
{
	if (w <= 0)
		return;
	attrset(attrs[r]);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

void ui_bar(int y, int x, int w, int n, enum ui_role r)
{
	const char *cell = ui_utf8 ? "\u25ae" : "#";
	int i;

	attrset(attrs[r]);
	move(y, x);
	for (i = 0; i < n && i < w; i++)
		addstr(i == w - 1 && n > w ? "+" : cell);
	attrset(A_NORMAL);
}

const char *ui_arrow(void)
{
	return ui_utf8 ? "\u2192" : "->";
}
