/*
 * gdbwait.c - waiting for the gdbstub's answers, see gdbwait.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "target/gdbwait.h"
#include "util/util.h"

/* One turn of the loop: poll g and side for at most ms. */
static void serve(struct gdb *g, const struct gdb_side *side, int ms)
{
	struct pollfd p[1 + GDB_SIDE_MAX];
	int n = gdb_pollfd(g, p), k = 0;

	if (side && side->fds)
		k = side->fds(side->arg, p + n, GDB_SIDE_MAX);
	if (poll(p, n + k, ms) <= 0)
		return;
	if (n && (p[0].revents & (POLLOUT)))
		gdb_on_writable(g);
	if (n && (p[0].revents & (POLLIN | POLLHUP | POLLERR)))
		gdb_on_readable(g);
	if (k && side->ready)
		side->ready(side->arg, p + n, k);
}

int gdb_wait(struct gdb *g, const int *flag, int timeout_ms,
	     const struct gdb_side *side)
{
	uint64_t end = timeout_ms < 0 ? UINT64_MAX :
		       util_now_ns() + (uint64_t)timeout_ms * 1000000;
	uint64_t now;

	while (!*flag) {
		if (g->state == GDB_DEAD)
			return -1;
		if (side && side->quit && side->quit(side->arg)) {
			snprintf(g->err, sizeof g->err, "stopped waiting for "
				 "the gdbstub");
			return -1;
		}
		now = util_now_ns();
		if (now >= end) {
			snprintf(g->err, sizeof g->err, "the gdbstub did not "
				 "answer within %d ms", timeout_ms);
			return -1;
		}
		if (gdb_want_write(g) && g->state != GDB_CONNECTING)
			gdb_on_writable(g);
		serve(g, side, (end - now) / 1000000 > 100 ? 100 :
		      (int)((end - now) / 1000000) + 1);
	}
	return 0;
}

struct sync {
	int done, err;
	struct gdb_stop stop;
};

static void on_done(void *arg, int err)
{
	struct sync *s = arg;

	s->err = err;
	s->done = 1;
}

static void on_stopped(void *arg, int err, const struct gdb_stop *st)
{
	struct sync *s = arg;

	s->err = err;
	s->stop = *st;
	s->done = 1;
}

/*
 * Wait for s.  A wait that ends without the answer (a timeout, quit)
 * ends the connection too: the request's callback must not outlive s.
 */
static int finish(struct gdb *g, struct sync *s, int timeout_ms,
		  const struct gdb_side *side)
{
	char why[sizeof g->err];

	if (gdb_wait(g, &s->done, timeout_ms, side) < 0 && !s->done) {
		snprintf(why, sizeof why, "%s", g->err);
		gdb_fail(g, "%s", why);
	}
	return s->err;
}

/* Connect, trying again while the socket is not there or refuses. */
static int connect_retry(struct gdb *g, const char *path, unsigned port,
			 uint64_t end, const struct gdb_side *side,
			 char *err, size_t len)
{
	for (;;) {
		int rc = path ? gdb_connect_unix(g, path, err, len) :
			 gdb_connect_tcp(g, NULL, port, err, len);

		if (rc == 0)
			return 0;
		if ((errno != ENOENT && errno != ECONNREFUSED) ||
		    util_now_ns() >= end)
			return -1;
		if (side && side->quit && side->quit(side->arg))
			return -1;	/* what waits is gone (QEMU exited) */
		usleep(5000);
	}
}

int gdb_open_wait(struct gdb *g, const char *path, unsigned port,
		  int timeout_ms, const struct gdb_side *side,
		  char *err, size_t len)
{
	uint64_t end = util_now_ns() + (uint64_t)timeout_ms * 1000000;
	struct sync s = { 0 };

	if (connect_retry(g, path, port, end, side, err, len) < 0)
		return -1;
	g->side = side;
	gdb_start(g, on_done, &s);
	if (finish(g, &s, timeout_ms, side)) {
		snprintf(err, len, "gdbstub %s: %s", path ? path : "port",
			 g->err);
		return -1;
	}
	return 0;
}

int gdb_regs_wait(struct gdb *g, int tid, uint8_t *buf, int timeout_ms)
{
	struct sync s = { 0 };

	gdb_read_regs(g, tid, buf, on_done, &s);
	return finish(g, &s, timeout_ms, g->side);
}

int gdb_mem_wait(struct gdb *g, uint32_t addr, void *buf, size_t n,
		 int timeout_ms)
{
	struct sync s = { 0 };

	gdb_read_mem(g, addr, buf, n, on_done, &s);
	return finish(g, &s, timeout_ms, g->side);
}

int gdb_write_wait(struct gdb *g, uint32_t addr, const void *buf, size_t n,
		   int timeout_ms)
{
	struct sync s = { 0 };

	gdb_write_mem(g, addr, buf, n, on_done, &s);
	return finish(g, &s, timeout_ms, g->side);
}

int gdb_break_wait(struct gdb *g, uint32_t addr, int on, int timeout_ms)
{
	struct sync s = { 0 };

	gdb_break(g, addr, on, on_done, &s);
	return finish(g, &s, timeout_ms, g->side);
}

int gdb_cont_wait(struct gdb *g, int tid, struct gdb_stop *st, int timeout_ms)
{
	struct sync s = { 0 };
	int err;

	gdb_cont(g, tid, on_stopped, &s);
	err = finish(g, &s, timeout_ms, g->side);
	if (st)
		*st = s.stop;
	return err;
}

int gdb_step_wait(struct gdb *g, int tid, struct gdb_stop *st, int timeout_ms)
{
	struct sync s = { 0 };
	int err;

	gdb_step(g, tid, on_stopped, &s);
	err = finish(g, &s, timeout_ms, g->side);
	if (st)
		*st = s.stop;
	return err;
}
