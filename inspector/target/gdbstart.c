/*
 * gdbstart.c - the handshake with a gdbstub, one step after the other:
 *
 *	qSupported		packet size, qXfer:features:read
 *	QStartNoAckMode		no more '+' (QEMU 7.2 answers "": acks stay)
 *	qqemu.Supported		QEMU's extensions: PhyMemMode
 *	qXfer:features:read	target.xml and what it includes: registers
 *	qfThreadInfo ...	the threads (CPUs)
 *	?			why the target is stopped
 *
 * Then the connection is GDB_STOPPED and ready() is called.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "target/gdbstub_int.h"

#define XFER_CHUNK	0xff0	/* bytes asked per qXfer read */

static void finish(struct gdb *g, int err)
{
	void (*ready)(void *, int) = g->ready;

	char why[sizeof g->err];

	g->ready = NULL;
	if (err && g->state != GDB_DEAD) {
		snprintf(why, sizeof why, "%s", g->err);
		gdb_fail(g, "%s", why);
	}
	if (!err)
		g->state = GDB_STOPPED;
	if (ready)
		ready(g->ready_arg, err);
}

/* A step failed: say which, end the handshake. */
static int step_failed(struct gdb *g, int err, const char *what)
{
	if (!err)
		return 0;
	if (err != GDB_EDEAD)
		snprintf(g->err, sizeof g->err, "the gdbstub did not answer "
			 "%s (%s)", what, err == GDB_EUNSUPP ? "unsupported" :
			 err == GDB_EFAULT ? "an error" : "nonsense");
	finish(g, err);
	return 1;
}

static void on_status(void *arg, int err, const char *body, size_t len)
{
	struct gdb *g = arg;

	(void)len;
	if (step_failed(g, err, "'?'"))
		return;
	if (gdb_parse_stop(body, &g->last_stop) < 0) {
		step_failed(g, GDB_EPROTO, "'?' with a stop reply");
		return;
	}
	finish(g, 0);
}

static void on_threads(void *arg, int err, const char *body, size_t len)
{
	struct gdb *g = arg;
	const char *p = body + 1;
	long long t;

	(void)len;
	if (step_failed(g, err, "qfThreadInfo"))
		return;
	if (body[0] == 'm') {
		while ((t = rsp_num(&p)) > 0 && g->nthreads < GDB_MAXTHREADS) {
			g->tid[g->nthreads++] = t;
			if (*p == ',')
				p++;
		}
		gdb_request(g, "qsThreadInfo", on_threads, g);
		return;
	}
	if (!g->nthreads) {
		step_failed(g, GDB_EPROTO, "qfThreadInfo with any thread");
		return;
	}
	gdb_request(g, "?", on_status, g);
}

static void read_doc(struct gdb *g);

static void on_xfer(void *arg, int err, const char *body, size_t len)
{
	struct gdb *g = arg;
	struct tdesc_doc *d = &g->td.doc[tdesc_missing(&g->td)];
	char *p;

	if (step_failed(g, err, "qXfer:features:read"))
		return;
	if (!len || (body[0] != 'm' && body[0] != 'l') ||
	    !(p = realloc(d->text, d->len + len))) {
		step_failed(g, GDB_EPROTO, "qXfer:features:read");
		return;
	}
	memcpy(p + d->len, body + 1, len - 1);
	d->len += len - 1;
	p[d->len] = '\0';
	d->text = p;
	if (body[0] == 'm') {
		read_doc(g);		/* more of it */
		return;
	}
	d->done = 1;
	tdesc_add_includes(&g->td, d->text);
	read_doc(g);
}

/* Ask for the next piece of the first document not read in full. */
static void read_doc(struct gdb *g)
{
	int i = tdesc_missing(&g->td);
	char body[128], err[200];

	if (i < 0) {
		if (tdesc_parse(&g->td, err, sizeof err) < 0) {
			snprintf(g->err, sizeof g->err, "%s", err);
			finish(g, GDB_EPROTO);
			return;
		}
		gdb_request(g, "qfThreadInfo", on_threads, g);
		return;
	}
	snprintf(body, sizeof body, "qXfer:features:read:%s:%zx,%x",
		 g->td.doc[i].name, g->td.doc[i].len, XFER_CHUNK);
	gdb_request(g, body, on_xfer, g);
}

static void on_qemu(void *arg, int err, const char *body, size_t len)
{
	struct gdb *g = arg;

	(void)len;
	g->has_phys = !err && strstr(body, "PhyMemMode") != NULL;
	tdesc_add(&g->td, "target.xml");
	read_doc(g);
}

static void on_noack(void *arg, int err, const char *body, size_t len)
{
	struct gdb *g = arg;

	g->noack = !err && len == 2 && !strncmp(body, "OK", 2);
	gdb_request(g, "qqemu.Supported", on_qemu, g);
}

static void on_supported(void *arg, int err, const char *body, size_t len)
{
	struct gdb *g = arg;
	const char *p = strstr(body, "PacketSize=");
	long long n;

	(void)len;
	if (step_failed(g, err, "qSupported"))
		return;
	if (p && (p += 11, n = rsp_num(&p)) >= 64)
		g->packet_size = n < RSP_MAX ? n : RSP_MAX;
	g->has_xfer = strstr(body, "qXfer:features:read+") != NULL;
	if (!g->has_xfer) {
		snprintf(g->err, sizeof g->err, "the gdbstub does not send a "
			 "target description (qXfer:features:read): registers "
			 "cannot be found by name");
		finish(g, GDB_EUNSUPP);
		return;
	}
	gdb_request(g, "QStartNoAckMode", on_noack, g);
}

void gdb_start(struct gdb *g, void (*ready)(void *arg, int err), void *arg)
{
	g->ready = ready;
	g->ready_arg = arg;
	gdb_request(g, "qSupported:xmlRegisters=i386", on_supported, g);
}
