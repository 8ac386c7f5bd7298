/*
 * loop.c - the TUI's one poll loop, and the table of its screens.
 *
 * The loop waits, in one poll(), for the keyboard, the signal pipe, the
 * input (QEMU's pipes, or a file still being read) and the poll sources
 * registered with tui_poll_add (live, the gdbstub's socket: debugger.c),
 * with a timeout for the next redraw or playback step.  Each turn it
 * reads what is there, moves the cursor if playback or the tail asks,
 * and redraws at most every FRAME_NS when anything changed: events
 * arriving faster than that are drawn together, and drawing never
 * holds up reading for longer than one frame (QEMU's pipe holds 1 MiB
 * meanwhile).  A halt of the machine is drawn at once (tui.urgent): it
 * comes at most a few times a second, and a paced step waits for it.
 */
#include <curses.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include "tui/cursor.h"
#include "tui/input.h"
#include "tui/loop.h"
#include "tui/pace.h"
#include "tui/screens.h"
#include "tui/tui.h"
#include "tui/ui.h"
#include "util/util.h"

#define FRAME_NS	33000000ull	/* at most ~30 redraws a second */

static const struct screen *const screens[SCREEN_N] = {
	[SCREEN_MAIN] = &scr_main, [SCREEN_HELP] = &scr_help,
	[SCREEN_VIOLATIONS] = &scr_violations, [SCREEN_GOTO] = &scr_goto,
	[SCREEN_SEARCH] = &scr_search, [SCREEN_KIND] = &scr_kind,
	[SCREEN_SMALL] = &scr_small, [SCREEN_CHAPTERS] = &scr_chapters,
	[SCREEN_COMPARE] = &scr_compare,
};

static int too_small(void)
{
	int lines, cols;

	ui_size(&lines, &cols);
	return lines < UI_MIN_LINES || cols < UI_MIN_COLS;
}

/* KEY_RESIZE: the too-small screen comes and goes with the size. */
static void resized(void)
{
	if (too_small() && tui.screen != SCREEN_SMALL) {
		tui.back = tui.screen;
		tui_screen(SCREEN_SMALL);
	} else if (!too_small() && tui.screen == SCREEN_SMALL) {
		tui.screen = tui.back;
	}
	tui.dirty = 1;
}

static void key(int ch)
{
	if (ch == KEY_RESIZE) {
		resized();
		return;
	}
	if (ch == 12) {			/* ^L: paint the terminal anew */
		ui_repaint();
		tui.dirty = 1;
		return;
	}
	if (ch == KEY_MOUSE) {
		switch (ui_mouse(&tui.my, &tui.mx)) {
		case UI_MOUSE_PRESS:		break;
		case UI_MOUSE_WHEEL_UP:		ch = TUI_KEY_WHEEL_UP; break;
		case UI_MOUSE_WHEEL_DOWN:	ch = TUI_KEY_WHEEL_DOWN; break;
		default:			return;	/* a release */
		}
	}
	tui.msg_until = 0;		/* a note lasts until the next key */
	screens[tui.screen]->key(ch);
	tui.dirty = 1;
}

/*
 * --latency-log, what tests/bench/tui.sh reads: "arrive FROM TO NS"
 * when events FROM..TO-1 were committed, "frame NS CURSOR COUNT US"
 * when a frame was on the terminal (after US microseconds of drawing),
 * "end NS COUNT" when the input ended, "quit NS CURSOR COUNT".
 */
static void lat_arrived(uint64_t from, uint64_t to, uint64_t now)
{
	if (tui.latency)
		fprintf(tui.latency, "arrive %" PRIu64 " %" PRIu64 " %" PRIu64
			"\n", from, to, now);
}

static void draw(void)
{
	uint64_t t0 = util_now_ns(), t1;

	ui_frame_begin();
	screens[tui.screen]->draw();
	ui_frame_end();
	tui.dirty = tui.urgent = 0;
	if (!tui.latency)
		return;
	t1 = util_now_ns();
	fprintf(tui.latency, "frame %" PRIu64 " %" PRId64 " %" PRIu64 " %"
		PRIu64 "\n", t1, tui.cursor, tui_count(), (t1 - t0) / 1000);
}

/* How long poll may sleep, in ms (-1: until something happens). */
static int timeout_ms(uint64_t now, uint64_t last_draw, uint64_t tick)
{
	uint64_t t = tick;

	if (tui.dirty && now - last_draw < FRAME_NS &&
	    FRAME_NS - (now - last_draw) < t)
		t = FRAME_NS - (now - last_draw);
	if (tui.msg_until > now && tui.msg_until - now < t)
		t = tui.msg_until - now;
	return t == UINT64_MAX ? -1 : (int)(t / 1000000 + 1);
}

/* Read the keyboard and the signal pipe after a poll. */
static void input(const struct pollfd *p)
{
	char buf[16];
	int ch;

	if (p[1].revents && read(ui_signal_fd(), buf, sizeof buf) > 0)
		tui.quit = 1;
	while ((ch = ui_key()) >= 0)
		key(ch);
}

/* The poll sources of one turn, and which descriptors are whose. */
struct polled {
	const struct poll_source *s[TUI_MAXPOLL];
	int at[TUI_MAXPOLL];		/* s[i]'s first in p */
	int n[TUI_MAXPOLL];		/* and how many */
	int count;
};

/* The poll sources' descriptors into p; returns how many. */
static int poll_fds(struct pollfd *p, struct polled *ps)
{
	int i, n = 0;

	ps->count = tui.npoll;
	for (i = 0; i < ps->count; i++) {
		ps->s[i] = tui.poll[i];
		ps->at[i] = n;
		ps->n[i] = ps->s[i]->fds(p + n);
		n += ps->n[i];
	}
	return n;
}

/* What poll found, to the sources that were polled. */
static void poll_io(const struct pollfd *p, const struct polled *ps)
{
	int i;

	for (i = 0; i < ps->count; i++)
		ps->s[i]->io(p + ps->at[i], ps->n[i]);
}

/* One turn: draw if due, wait, read.  The caller loops until quit. */
static void turn(uint64_t *last_draw, sigset_t *waitmask)
{
	struct pollfd p[2 + SRC_MAXFDS + TUI_MAXPOLL * TUI_POLL_FDS];
	uint64_t now = util_now_ns(), tick, t, count = tui_count();
	struct timespec ts, *tsp = NULL;
	int n, k, ms, ended = tui.src->ended;
	struct polled ps;

	tick = cur_tick(now);
	if ((t = pace_tick(now)) < tick)
		tick = t;
	if (tui.msg_until && now >= tui.msg_until) {
		tui.msg_until = 0;
		tui.dirty = 1;
	}
	if (tui.dirty && (tui.urgent || now - *last_draw >= FRAME_NS)) {
		draw();
		*last_draw = now;
	}
	ms = timeout_ms(now, *last_draw, tick);
	p[0] = (struct pollfd) { .fd = 0, .events = POLLIN };
	p[1] = (struct pollfd) { .fd = ui_signal_fd(), .events = POLLIN };
	n = input_fds(tui.src, p + 2, now, &ms);
	k = poll_fds(p + 2 + n, &ps);
	if (ms >= 0) {
		ts = (struct timespec) { ms / 1000, ms % 1000 * 1000000L };
		tsp = &ts;
	}
	if (ppoll(p, 2 + n + k, tsp, waitmask) < 0 && errno != EINTR)
		tui.quit = 1;
	input(p);
	input_read(tui.src, p + 2, n, tui.tl);
	poll_io(p + 2 + n, &ps);
	if (tui_count() != count || tui.src->ended != ended)
		tui.dirty = 1;
}

/*
 * Run the TUI until q, a signal, or an error.  The curses terminal must
 * be up (ui_init).  Returns the signal that ended it, or 0.
 */
int tui_loop(void)
{
	uint64_t last_draw = 0;
	sigset_t block, waitmask;
	int ended = 0;

	sigemptyset(&block);
	sigaddset(&block, SIGWINCH);	/* curses' handler runs in ppoll only */
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	sigdelset(&waitmask, SIGWINCH);
	tui.screens = screens;
	tui.src->arrived = lat_arrived;
	tui.dirty = 1;
	if (too_small())
		resized();
	while (!tui.quit && !ui_signalled()) {
		turn(&last_draw, &waitmask);
		if (tui.src->ended && !ended++ && tui.latency)
			fprintf(tui.latency, "end %" PRIu64 " %" PRIu64 "\n",
				util_now_ns(), tui_count());
	}
	if (tui.latency)
		fprintf(tui.latency, "quit %" PRIu64 " %" PRId64 " %" PRIu64
			"\n", util_now_ns(), tui.cursor, tui_count());
	return ui_signalled();
}
