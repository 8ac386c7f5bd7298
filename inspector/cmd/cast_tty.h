/*
 * cast_tty.h - `mmscope replay` in a pseudo-terminal, driven by keys,
 * its output kept for `mmscope cast` (cast.c).
 *
 * The replay writes its --latency-log into a pipe, a line per frame it
 * has put on the terminal ("frame NS CURSOR COUNT US", tui/loop.c), so
 * the driver knows when the frame of an event is complete, however long
 * the drawing took, and never waits a fixed time.
 */
#ifndef MMSCOPE_CMD_CAST_TTY_H
#define MMSCOPE_CMD_CAST_TTY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define CAST_TERM	"xterm-256color"	/* what the players emulate */

struct cast_tty {
	pid_t pid;			/* mmscope replay; 0 once reaped */
	int master;			/* the pty's master side, -1: closed */
	int log;			/* the latency log's read end, -1 */
	char line[128];			/* a log line being read */
	size_t nline;
	uint8_t *out;			/* the terminal's output, not taken */
	size_t nout, cap;
	int ended;			/* the log said "end": all read */
	uint64_t count;			/* events the replay read */
	int64_t drawn;			/* cursor of the newest frame, -1 */
	int exited;			/* the replay is gone: EOF on the pty */
};

/*
 * Start `mmscope replay trace [--kernel kernel]` (kernel may be NULL) in
 * a pseudo-terminal of cols x rows, TERM=CAST_TERM.  Returns 0, or -1
 * with what failed in err.
 */
int cmd_tty_start(struct cast_tty *t, const char *trace, const char *kernel,
		  unsigned cols, unsigned rows, char *err, size_t len);

/* Type keys (bytes, as a terminal sends them).  0, or -1 with err. */
int cmd_tty_keys(struct cast_tty *t, const char *keys, char *err,
		 size_t len);

/*
 * Read the output until the replay has read the whole trace and drawn a
 * frame with the cursor on event n, for at most timeout_ms.  Returns 0,
 * or -1 with why not in err (the replay exited, the time ran out).
 */
int cmd_tty_frame(struct cast_tty *t, int64_t n, int timeout_ms, char *err,
		  size_t len);

/*
 * The output since the last take, the TUI's switches to and from the
 * alternate screen left out: a recording played back then keeps the
 * last frame on the screen.  Valid until the next call; *n bytes.
 */
const uint8_t *cmd_tty_take(struct cast_tty *t, size_t *n);

/*
 * Type q and read until the replay has exited (timeout_ms at most), its
 * last output (the terminal restored) left for cmd_tty_take.  Returns
 * its exit status, or -1 with err.
 */
int cmd_tty_quit(struct cast_tty *t, int timeout_ms, char *err, size_t len);

/* Kill the replay if it still runs, reap it, free everything. */
void cmd_tty_close(struct cast_tty *t);

#endif /* MMSCOPE_CMD_CAST_TTY_H */
