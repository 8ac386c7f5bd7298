/*
 * cast_tty.c - mmscope replay in a pseudo-terminal, driven by keys, its
 * output kept (cast_tty.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cmd/cast_tty.h"
#include "util/array.h"
#include "util/util.h"

#define LOG_FD		3		/* the latency log, in the replay */

/* The TUI's switches to and from the alternate screen (CAST_TERM's
 * smcup and rmcup), which cmd_tty_take leaves out. */
static const char *const altscreen[] = { "\033[?1049h", "\033[?1049l" };

/* The replay's side of the fork: the log on LOG_FD, the environment of
 * the terminal the players emulate, then mmscope itself. */
static void child(int logw, const char *trace, const char *kernel)
{
	const char *argv[] = { "mmscope", "replay", trace, "--latency-log",
			       "/dev/fd/3", kernel ? "--kernel" : NULL,
			       kernel, NULL };

	if (logw == LOG_FD ? fcntl(logw, F_SETFD, 0) < 0 :
	    dup2(logw, LOG_FD) < 0)
		_exit(127);
	setenv("TERM", CAST_TERM, 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("COLUMNS");		/* they would beat the pty's size */
	unsetenv("LINES");
	execv("/proc/self/exe", (char *const *)argv);
	fprintf(stderr, "mmscope: cast: cannot run mmscope replay: %m\n");
	_exit(127);
}

int cmd_tty_start(struct cast_tty *t, const char *trace, const char *kernel,
		  unsigned cols, unsigned rows, char *err, size_t len)
{
	struct winsize ws = { .ws_row = rows, .ws_col = cols };
	int p[2];

	memset(t, 0, sizeof *t);
	t->master = t->log = -1;
	t->drawn = -1;
	if (pipe2(p, O_CLOEXEC) < 0) {
		snprintf(err, len, "a pipe for the replay's log: %m");
		return -1;
	}
	t->pid = forkpty(&t->master, NULL, NULL, &ws);
	if (t->pid < 0) {
		snprintf(err, len, "a pseudo-terminal for the replay: %m");
		close(p[0]);
		close(p[1]);
		t->pid = 0;
		return -1;
	}
	if (t->pid == 0)
		child(p[1], trace, kernel);
	close(p[1]);
	t->log = p[0];
	fcntl(t->master, F_SETFD, FD_CLOEXEC);
	fcntl(t->master, F_SETFL, O_NONBLOCK);
	fcntl(t->log, F_SETFL, O_NONBLOCK);
	return 0;
}

int cmd_tty_keys(struct cast_tty *t, const char *keys, char *err, size_t len)
{
	if (util_write_full(t->master, keys, strlen(keys)) == 0)
		return 0;
	snprintf(err, len, "typing into the replay's terminal: %m");
	return -1;
}

/* All the pty has for now; EOF (EIO: no slave left) means it exited. */
static void read_out(struct cast_tty *t)
{
	ssize_t n;

	for (;;) {
		t->out = util_array_grow(t->out, &t->cap, t->nout + 4096, 1);
		n = read(t->master, t->out + t->nout, t->cap - t->nout);
		if (n > 0)
			t->nout += n;
		else if (n < 0 && errno == EINTR)
			continue;
		else {
			if (n == 0 || errno != EAGAIN)
				t->exited = 1;
			return;
		}
	}
}

/* One line of the log (tui/loop.c): a frame counts once the trace is
 * all read, so that the first frame taken shows all of it. */
static void log_line(struct cast_tty *t, const char *s)
{
	uint64_t ns, count;
	int64_t cursor;

	if (sscanf(s, "end %" SCNu64 " %" SCNu64, &ns, &count) == 2) {
		t->ended = 1;
		t->count = count;
	} else if (sscanf(s, "frame %" SCNu64 " %" SCNd64, &ns,
			  &cursor) == 2 && t->ended) {
		t->drawn = cursor;
	}
}

static void read_log(struct cast_tty *t)
{
	char buf[1024];
	ssize_t n, i;

	if (t->log < 0)
		return;
	while ((n = read(t->log, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return;
			break;
		}
		for (i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				if (t->nline < sizeof t->line - 1)
					t->line[t->nline++] = buf[i];
				continue;
			}
			t->line[t->nline] = '\0';
			log_line(t, t->line);
			t->nline = 0;
		}
	}
	close(t->log);			/* the replay is gone */
	t->log = -1;
}

/* Wait up to `ms` for the pty or the log, then read both. */
static void wait_io(struct cast_tty *t, int ms)
{
	struct pollfd p[2] = {
		{ .fd = t->log, .events = POLLIN },
		{ .fd = t->master, .events = POLLIN },
	};

	poll(p, 2, ms);
	read_log(t);
	read_out(t);			/* after the log: a frame's bytes are
					   all here once its line is */
}

int cmd_tty_frame(struct cast_tty *t, int64_t n, int timeout_ms, char *err,
		  size_t len)
{
	uint64_t deadline = util_now_ns() + timeout_ms * 1000000ull, now;

	for (;;) {
		if (t->ended && t->drawn == n)
			return 0;
		if (t->exited) {
			snprintf(err, len, "mmscope replay ended before it "
				 "drew event %" PRId64, n);
			return -1;
		}
		if ((now = util_now_ns()) >= deadline) {
			snprintf(err, len, "mmscope replay did not draw event %"
				 PRId64 " within %d s", n, timeout_ms / 1000);
			return -1;
		}
		wait_io(t, (deadline - now) / 1000000 + 1);
	}
}

const uint8_t *cmd_tty_take(struct cast_tty *t, size_t *n)
{
	uint8_t *p, *end = t->out + t->nout;
	size_t i, k;

	for (i = 0; i < sizeof altscreen / sizeof altscreen[0]; i++) {
		k = strlen(altscreen[i]);
		while ((p = memmem(t->out, end - t->out, altscreen[i], k))) {
			memmove(p, p + k, end - (p + k));
			end -= k;
		}
	}
	*n = end - t->out;
	t->nout = 0;
	return t->out;
}

int cmd_tty_quit(struct cast_tty *t, int timeout_ms, char *err, size_t len)
{
	uint64_t deadline = util_now_ns() + timeout_ms * 1000000ull, now;
	int status;

	if (cmd_tty_keys(t, "q", err, len) < 0)
		return -1;
	while (!t->exited) {
		if ((now = util_now_ns()) >= deadline) {
			snprintf(err, len, "mmscope replay did not quit within "
				 "%d s", timeout_ms / 1000);
			return -1;
		}
		wait_io(t, (deadline - now) / 1000000 + 1);
	}
	if (waitpid(t->pid, &status, 0) < 0) {
		snprintf(err, len, "mmscope replay: %m");
		return -1;
	}
	t->pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void cmd_tty_close(struct cast_tty *t)
{
	if (t->pid > 0) {
		kill(t->pid, SIGKILL);
		waitpid(t->pid, NULL, 0);
		t->pid = 0;
	}
	if (t->master >= 0)
		close(t->master);
	if (t->log >= 0)
		close(t->log);
	t->master = t->log = -1;
	free(t->out);
	t->out = NULL;
	t->nout = t->cap = 0;
}
