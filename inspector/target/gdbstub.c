/*
 * gdbstub.c - the connection and the request queue, see gdbstub.h.
 *
 * Requests wait in `held` until they may go: while the machine is
 * stopped and no resume is in flight.  Then their packets are appended
 * to the output and they move to `sent`, where replies complete them in
 * order.  A resume (c, s, vCont) completes with the next stop reply; the
 * requests behind it stay held until then.  A stop reply that no
 * request asked for (QEMU stops the machine when a debugger attaches
 * and says so) is only remembered.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "target/gdbstub_int.h"
#include "util/array.h"

/* --- connecting ------------------------------------------------------ */

static void gdb_init(struct gdb *g, int fd)
{
	memset(g, 0, sizeof *g);
	g->fd = fd;
	g->state = GDB_CONNECTING;
	g->packet_size = 400;		/* until qSupported says more */
	g->trace = getenv("MMSCOPE_GDB_TRACE") != NULL;
	rsp_init(&g->rx);
}

/* connect() on a non-blocking socket: 0 if connected or under way. */
static int start_connect(struct gdb *g, int fd, const struct sockaddr *sa,
			 socklen_t salen, const char *what, char *err,
			 size_t len)
{
	int e;

	fcntl(fd, F_SETFL, O_NONBLOCK);
	if (connect(fd, sa, salen) < 0 && errno != EINPROGRESS) {
		e = errno;
		snprintf(err, len, "cannot connect to the gdbstub at %s: %s",
			 what, strerror(e));
		close(fd);
		errno = e;
		return -1;
	}
	gdb_init(g, fd);
	return 0;
}

int gdb_connect_unix(struct gdb *g, const char *path, char *err, size_t len)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof sa.sun_path) {
		snprintf(err, len, "gdbstub socket path too long: %s", path);
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(err, len, "socket: %s", strerror(errno));
		return -1;
	}
	return start_connect(g, fd, (struct sockaddr *)&sa, sizeof sa, path,
			     err, len);
}

int gdb_connect_tcp(struct gdb *g, const char *host, unsigned port,
		    char *err, size_t len)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(port) };
	char what[80];
	int fd, one = 1;

	snprintf(what, sizeof what, "%s:%u", host ? host : "127.0.0.1", port);
	if (inet_pton(AF_INET, host ? host : "127.0.0.1", &sa.sin_addr) != 1) {
		snprintf(err, len, "not an IPv4 address: %s", host);
		errno = EINVAL;
		return -1;
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(err, len, "socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return start_connect(g, fd, (struct sockaddr *)&sa, sizeof sa, what,
			     err, len);
}

/* --- failing --------------------------------------------------------- */

static void complete(struct gdb *g, struct gdb_req *r, int err,
		     const char *body, size_t len)
{
	struct gdb_stop none = { 0 };

	if (r->resume && r->stop_fn)
		r->stop_fn(r->arg, err, err ? &none : &g->last_stop);
	else if (!r->resume && r->fn)
		r->fn(r->arg, err, body, len);
	free(r);
}

/* Fail every request of a list. */
static void fail_list(struct gdb *g, struct gdb_req **head,
		      struct gdb_req **tail)
{
	struct gdb_req *r;

	while ((r = *head)) {
		*head = r->next;
		if (!*head)
			*tail = NULL;
		complete(g, r, GDB_EDEAD, "", 0);
	}
}

void gdb_fail(struct gdb *g, const char *fmt, ...)
{
	va_list ap;

	if (g->state == GDB_DEAD)
		return;
	va_start(ap, fmt);
	vsnprintf(g->err, sizeof g->err, fmt, ap);
	va_end(ap);
	g->state = GDB_DEAD;
	if (g->fd >= 0)
		close(g->fd);
	g->fd = -1;
	g->out_len = 0;
	fail_list(g, &g->sent, &g->sent_tail);
	fail_list(g, &g->held, &g->held_tail);
	if (g->ready) {
		void (*ready)(void *, int) = g->ready;

		g->ready = NULL;
		ready(g->ready_arg, GDB_EDEAD);
	}
}

void gdb_close(struct gdb *g)
{
	if (g->state != GDB_DEAD)
		gdb_fail(g, "closed");
	tdesc_free(&g->td);
	free(g->out);
	g->out = NULL;
	g->out_cap = 0;
}

/* --- output ---------------------------------------------------------- */

static void out_put(struct gdb *g, const char *b, size_t n)
{
	g->out = util_array_grow(g->out, &g->out_cap, g->out_len + n, 1);
	memcpy(g->out + g->out_len, b, n);
	g->out_len += n;
}

int gdb_want_write(const struct gdb *g)
{
	return g->fd >= 0 && (g->out_len || g->state == GDB_CONNECTING);
}

int gdb_pollfd(const struct gdb *g, struct pollfd *p)
{
	if (g->fd < 0)
		return 0;
	p->fd = g->fd;
	p->events = POLLIN | (gdb_want_write(g) ? POLLOUT : 0);
	p->revents = 0;
	return 1;
}

/* A non-blocking connect has finished: did it work? */
static int connected(struct gdb *g)
{
	int e = 0;
	socklen_t n = sizeof e;

	if (getsockopt(g->fd, SOL_SOCKET, SO_ERROR, &e, &n) < 0)
		e = errno;
	if (e) {
		gdb_fail(g, "cannot connect to the gdbstub: %s", strerror(e));
		return -1;
	}
	g->state = GDB_HANDSHAKE;
	return 0;
}

int gdb_on_writable(struct gdb *g)
{
	ssize_t n;

	if (g->state == GDB_CONNECTING && connected(g) < 0)
		return -1;
	while (g->out_len) {
		n = write(g->fd, g->out, g->out_len);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return 0;
		if (n <= 0) {
			gdb_fail(g, "writing to the gdbstub: %s (QEMU gone?)",
				 strerror(errno));
			return -1;
		}
		memmove(g->out, g->out + n, g->out_len - n);
		g->out_len -= n;
	}
	return 0;
}

/* Send what may go now: held requests, until a resume. */
static void pump(struct gdb *g)
{
	struct gdb_req *r;

	while ((r = g->held) && !g->resume_out && g->state != GDB_DEAD &&
	       g->state != GDB_RUNNING) {
		/* QEMU stops on any byte while running, the '+' of an
		   acknowledged reply too: resume once all are in */
		if (r->resume && g->sent && !g->noack)
			break;
		g->held = r->next;
		if (!g->held)
			g->held_tail = NULL;
		r->next = NULL;
		if (g->sent_tail)
			g->sent_tail->next = r;
		else
			g->sent = r;
		g->sent_tail = r;
		out_put(g, r->pkt, r->len);
		if (g->trace)
			fprintf(stderr, "gdb> %.*s\n", (int)r->len, r->pkt);
		if (!g->noack && r->len <= sizeof g->last) {
			memcpy(g->last, r->pkt, r->len);
			g->last_len = r->len;
		}
		g->packets_out++;
		if (r->resume) {
			g->resume_out = 1;
			g->halt_out = 0;
			g->state = GDB_RUNNING;
			if (g->halt_want)
				gdb_halt(g);
		}
	}
}

static struct gdb_req *new_req(struct gdb *g, const char *body, size_t n)
{
	struct gdb_req *r = calloc(1, sizeof *r + 2 * n + 8);

	if (!r) {
		gdb_fail(g, "out of memory");
		return NULL;
	}
	r->len = rsp_frame(r->pkt, 2 * n + 8, body, n);
	return r;
}

static void hold(struct gdb *g, struct gdb_req *r)
{
	if (g->held_tail)
		g->held_tail->next = r;
	else
		g->held = r;
	g->held_tail = r;
	pump(g);
}

struct gdb_req *gdb_enqueue(struct gdb *g, const char *body, size_t n,
			    gdb_reply_fn fn, void *arg)
{
	struct gdb_req *r;

	if (g->state == GDB_DEAD) {
		if (fn)
			fn(arg, GDB_EDEAD, "", 0);
		return NULL;
	}
	if (!(r = new_req(g, body, n)))
		return NULL;
	r->fn = fn;
	r->arg = arg;
	r->stop_ok = n == 1 && body[0] == '?';
	hold(g, r);
	return r;
}

void gdb_enqueue_resume(struct gdb *g, const char *body, gdb_stop_fn fn,
			void *arg)
{
	struct gdb_stop none = { 0 };
	struct gdb_req *r;

	if (g->state == GDB_DEAD) {
		if (fn)
			fn(arg, GDB_EDEAD, &none);
		return;
	}
	if (!(r = new_req(g, body, strlen(body))))
		return;
	r->resume = 1;
	r->stop_fn = fn;
	r->arg = arg;
	hold(g, r);
}

/* Is a resume waiting to be sent? */
static int held_resume(const struct gdb *g)
{
	const struct gdb_req *r;

	for (r = g->held; r; r = r->next)
		if (r->resume)
			return 1;
	return 0;
}

void gdb_halt(struct gdb *g)
{
	char c = RSP_INTERRUPT;

	g->halt_want = 0;
	if (g->state != GDB_RUNNING && held_resume(g))
		g->halt_want = 1;	/* right after that resume goes */
	if (g->state != GDB_RUNNING || g->halt_out)
		return;
	out_put(g, &c, 1);
	g->halt_out = 1;
}

int gdb_busy(const struct gdb *g)
{
	return g->sent || g->held;
}

const char *gdb_state_name(int state)
{
	static const char *const names[] = {
		[GDB_CONNECTING] = "connecting", [GDB_HANDSHAKE] = "handshake",
		[GDB_STOPPED] = "stopped", [GDB_RUNNING] = "running",
		[GDB_DEAD] = "closed",
	};

	return state >= GDB_CONNECTING && state <= GDB_DEAD ? names[state] :
	       "?";
}

/* --- input ----------------------------------------------------------- */

int gdb_reply_err(const char *body, size_t len)
{
	if (len == 0)
		return GDB_EUNSUPP;
	if (len == 3 && body[0] == 'E')
		return GDB_EFAULT;
	return GDB_OK;
}

int gdb_parse_stop(const char *body, struct gdb_stop *s)
{
	const char *p = body + 3, *t;
	long long v;

	if ((body[0] != 'T' && body[0] != 'S' && body[0] != 'W' &&
	     body[0] != 'X') || rsp_unhex((uint8_t[1]){ 0 }, body + 1, 1))
		return -1;
	memset(s, 0, sizeof *s);
	s->signo = strtol((char[3]){ body[1], body[2], 0 }, NULL, 16);
	s->exited = body[0] == 'W' || body[0] == 'X';
	if (body[0] == 'T' && (t = strstr(p, "thread:"))) {
		p = t + 7;
		if (*p == 'p' && (p = strchr(p, '.')))	/* multiprocess p1.2 */
			p++;
		if (p && (v = rsp_num(&p)) > 0)
			s->tid = v;
	}
	return 0;
}

/* The resume in flight (the oldest request sent) is over: err or a stop. */
static void resume_done(struct gdb *g, int err)
{
	struct gdb_req *r = g->sent;

	g->sent = r->next;
	if (!g->sent)
		g->sent_tail = NULL;
	g->resume_out = 0;
	g->state = GDB_STOPPED;
	complete(g, r, err, "", 0);
}

/* A stop reply: the resume in flight is done; unasked, it is remembered. */
static void on_stop(struct gdb *g, const struct gdb_stop *s)
{
	g->last_stop = *s;
	if (!g->sent || !g->sent->resume)
		return;
	resume_done(g, GDB_OK);
	if (s->exited)
		gdb_fail(g, "the target exited (status %d)", s->signo);
	else
		pump(g);
}

static void unexpected(struct gdb *g, const char *body)
{
	g->unexpected++;
	snprintf(g->note, sizeof g->note, "unexpected reply from the gdbstub: "
		 "'%.60s' (no request was waiting)", body);
}

static void on_packet(struct gdb *g, const char *body, size_t len)
{
	struct gdb_req *r = g->sent;
	struct gdb_stop s;
	int is_stop = gdb_parse_stop(body, &s) == 0;

	g->packets_in++;
	if (g->trace)
		fprintf(stderr, "gdb< %.200s\n", body);
	if (!g->noack)
		out_put(g, "+", 1);
	if (is_stop && (!r || r->resume || !r->stop_ok)) {
		on_stop(g, &s);
		return;
	}
	if (!r || r->resume) {
		unexpected(g, body);
		return;
	}
	g->sent = r->next;
	if (!g->sent)
		g->sent_tail = NULL;
	complete(g, r, gdb_reply_err(body, len), body, len);
	pump(g);
}

/*
 * A packet whose checksum is wrong.  In ack mode the stub sends it
 * again after '-'.  Without acks its reply is lost: the oldest request
 * gets GDB_EPROTO (while running, it was the stop reply).
 */
static void on_bad(struct gdb *g, int what)
{
	struct gdb_req *r = g->sent;

	g->bad_sums++;
	snprintf(g->note, sizeof g->note, "a packet from the gdbstub %s",
		 what == RSP_TOOLONG ? "was too long: dropped" :
		 "had a bad checksum: dropped");
	if (!g->noack && what == RSP_BADSUM) {
		out_put(g, "-", 1);
		return;
	}
	if (!r)
		return;
	if (r->resume) {
		resume_done(g, GDB_EPROTO);
	} else {
		g->sent = r->next;
		if (!g->sent)
			g->sent_tail = NULL;
		complete(g, r, GDB_EPROTO, "", 0);
	}
	pump(g);
}

void gdb_poll_in(struct gdb *g, const void *buf, size_t n)
{
	const uint8_t *b = buf;
	size_t i;
	int k;

	for (i = 0; i < n && g->state != GDB_DEAD; i++) {
		k = rsp_byte(&g->rx, b[i]);
		if (k == RSP_PACKET)
			on_packet(g, g->rx.body, g->rx.len);
		else if (k == RSP_BADSUM || k == RSP_TOOLONG)
			on_bad(g, k);
		else if (k == RSP_NAK && !g->noack && g->last_len)
			out_put(g, g->last, g->last_len);
	}
}

int gdb_on_readable(struct gdb *g)
{
	char buf[16384];
	ssize_t n;

	if (g->state == GDB_CONNECTING && connected(g) < 0)
		return -1;
	n = read(g->fd, buf, sizeof buf);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (n <= 0) {
		gdb_fail(g, "the gdbstub closed the connection%s%s",
			 n < 0 ? ": " : " (QEMU gone?)", n < 0 ?
			 strerror(errno) : "");
		return -1;
	}
	gdb_poll_in(g, buf, n);
	return g->state == GDB_DEAD ? -1 : 0;
}
