/*
 * gdbreq.c - the requests a debugger of the kernel makes: registers,
 * memory, breakpoints, resume and step, QEMU's physical memory mode.
 * See gdbstub.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "target/gdbstub_int.h"

#define PAGE		4096u

void gdb_request(struct gdb *g, const char *body, gdb_reply_fn fn, void *arg)
{
	gdb_enqueue(g, body, strlen(body), fn, arg);
}

/* --- registers ------------------------------------------------------- */

struct regjob {
	uint8_t *buf;
	size_t size;
	int err;			/* of Hg */
	gdb_done_fn fn;
	void *arg;
};

static void on_hg(void *arg, int err, const char *body, size_t len)
{
	struct regjob *j = arg;

	(void)body;
	(void)len;
	if (err)
		j->err = err;
}

static void on_g(void *arg, int err, const char *body, size_t len)
{
	struct regjob *j = arg;
	size_t n = len / 2 < j->size ? len / 2 : j->size;

	memset(j->buf, 0, j->size);
	if (!err && !j->err && rsp_unhex(j->buf, body, n) < 0)
		err = GDB_EPROTO;
	if (j->fn)
		j->fn(j->arg, j->err ? j->err : err);
	free(j);
}

/* Select thread tid for g, m and p (Hg), unless it is already. */
static void select_thread(struct gdb *g, int tid, gdb_reply_fn fn, void *arg)
{
	char body[32];

	if (!tid || tid == g->cur_tid)
		return;
	snprintf(body, sizeof body, "Hg%x", tid);
	g->cur_tid = tid;
	gdb_request(g, body, fn, arg);
}

void gdb_read_regs(struct gdb *g, int tid, uint8_t *buf, gdb_done_fn fn,
		   void *arg)
{
	struct regjob *j = calloc(1, sizeof *j);

	if (!j) {
		gdb_fail(g, "out of memory");
		if (fn)
			fn(arg, GDB_EDEAD);
		return;
	}
	*j = (struct regjob) { buf, g->td.g_size, 0, fn, arg };
	select_thread(g, tid, on_hg, j);
	gdb_request(g, "g", on_g, j);
}

int64_t gdb_reg32(const struct gdb *g, const uint8_t *buf, const char *name)
{
	const struct tdesc_reg *r = tdesc_find(&g->td, name);
	uint32_t v;

	if (!r || r->bits < 32 || r->off + 4 > g->td.g_size)
		return -1;
	memcpy(&v, buf + r->off, 4);	/* the target's byte order: LE */
	return v;
}

struct pjob {
	uint32_t *val;
	int err;
	gdb_done_fn fn;
	void *arg;
};

static void on_p(void *arg, int err, const char *body, size_t len)
{
	struct pjob *j = arg;
	uint8_t b[4] = { 0 };

	if (!err && (len < 8 || rsp_unhex(b, body, 4) < 0))
		err = GDB_EPROTO;
	memcpy(j->val, b, 4);
	if (j->fn)
		j->fn(j->arg, j->err ? j->err : err);
	free(j);
}

static void on_p_hg(void *arg, int err, const char *body, size_t len)
{
	struct pjob *j = arg;

	(void)body;
	(void)len;
	if (err)
		j->err = err;
}

void gdb_read_reg(struct gdb *g, int tid, unsigned num, uint32_t *val,
		  gdb_done_fn fn, void *arg)
{
	struct pjob *j = calloc(1, sizeof *j);
	char body[32];

	if (!j) {
		gdb_fail(g, "out of memory");
		if (fn)
			fn(arg, GDB_EDEAD);
		return;
	}
	*j = (struct pjob) { val, 0, fn, arg };
	select_thread(g, tid, on_p_hg, j);
	snprintf(body, sizeof body, "p%x", num);
	gdb_request(g, body, on_p, j);
}

/* --- memory ---------------------------------------------------------- */

struct memjob;

struct piece {
	struct memjob *job;
	uint32_t off, len;
};

struct memjob {
	uint8_t *buf;
	size_t left;			/* pieces without an answer yet */
	int err;
	gdb_done_fn fn;
	void *arg;
	struct piece piece[];
};

static void on_m(void *arg, int err, const char *body, size_t len)
{
	struct piece *p = arg;
	struct memjob *j = p->job;

	if (!err && (len < 2 * p->len || rsp_unhex(j->buf + p->off, body,
						     p->len) < 0))
		err = GDB_EPROTO;
	if (err) {
		memset(j->buf + p->off, 0, p->len);
		if (!j->err || err == GDB_EDEAD)
			j->err = err;
	}
	if (--j->left)
		return;
	if (j->fn)
		j->fn(j->arg, j->err);
	free(j);
}

/*
 * Bytes one m piece may ask for: the largest power of 2 whose reply (in
 * hex) fits the stub's packet size, a page at most.  Pieces are aligned
 * to it, so none crosses a page: a page that is not mapped fails alone.
 */
static size_t piece_max(const struct gdb *g)
{
	size_t n = 16;

	while (n < PAGE && 4 * n + 8 <= g->packet_size)
		n *= 2;
	return n;
}

/* The next piece at addr of n bytes left: up to the next boundary. */
static size_t piece_len(uint32_t addr, size_t n, size_t max)
{
	size_t step = max - (addr & (max - 1));

	return step < n ? step : n;
}

/* How many pieces [addr, addr + n) takes. */
static size_t count_pieces(const struct gdb *g, uint32_t addr, size_t n)
{
	size_t k = 0, step, max = piece_max(g);

	while (n) {
		step = piece_len(addr, n, max);
		addr += step;
		n -= step;
		k++;
	}
	return k;
}

void gdb_read_mem(struct gdb *g, uint32_t addr, void *buf, size_t n,
		  gdb_done_fn fn, void *arg)
{
	size_t k = count_pieces(g, addr, n), i, off = 0, max = piece_max(g);
	struct memjob *j = calloc(1, sizeof *j + (k ? k : 1) * sizeof j->piece[0]);
	char body[48];
	uint32_t step;

	if (!n || !j) {
		free(j);
		if (n)
			gdb_fail(g, "out of memory");
		if (fn)
			fn(arg, n ? GDB_EDEAD : GDB_OK);
		return;
	}
	*j = (struct memjob) { buf, k, 0, fn, arg };
	for (i = 0; i < k; i++) {
		step = piece_len(addr + off, n - off, max);
		j->piece[i] = (struct piece) { j, off, step };
		snprintf(body, sizeof body, "m%x,%x", addr + (uint32_t)off, step);
		off += step;
		gdb_request(g, body, on_m, &j->piece[i]);
	}
}

/* A request whose reply is OK or an error: fn gets which. */
struct okjob {
	gdb_done_fn fn;
	void *arg;
};

static void on_ok(void *arg, int err, const char *body, size_t len)
{
	struct okjob *j = arg;

	if (!err && (len != 2 || strncmp(body, "OK", 2)))
		err = GDB_EPROTO;
	if (j->fn)
		j->fn(j->arg, err);
	free(j);
}

static void request_ok(struct gdb *g, const char *body, gdb_done_fn fn,
		       void *arg)
{
	struct okjob *j = malloc(sizeof *j);

	if (!j) {
		gdb_fail(g, "out of memory");
		if (fn)
			fn(arg, GDB_EDEAD);
		return;
	}
	*j = (struct okjob) { fn, arg };
	gdb_request(g, body, on_ok, j);
}

void gdb_write_mem(struct gdb *g, uint32_t addr, const void *buf, size_t n,
		   gdb_done_fn fn, void *arg)
{
	char *body = malloc(2 * n + 32);
	int k;

	if (!body || 2 * n + 32 > g->packet_size) {
		free(body);
		if (fn)
			fn(arg, body ? GDB_EPROTO : GDB_EDEAD);
		return;
	}
	k = snprintf(body, 32, "M%x,%zx:", addr, n);
	rsp_hex(body + k, buf, n);
	request_ok(g, body, fn, arg);
	free(body);
}

void gdb_phys(struct gdb *g, int on, gdb_done_fn fn, void *arg)
{
	request_ok(g, on ? "Qqemu.PhyMemMode:1" : "Qqemu.PhyMemMode:0", fn,
		   arg);
}

void gdb_break(struct gdb *g, uint32_t addr, int on, gdb_done_fn fn,
	       void *arg)
{
	char body[40];

	snprintf(body, sizeof body, "%c0,%x,1", on ? 'Z' : 'z', addr);
	request_ok(g, body, fn, arg);
}

/* --- running --------------------------------------------------------- */

void gdb_cont(struct gdb *g, int tid, gdb_stop_fn fn, void *arg)
{
	char body[32];

	if (tid)
		snprintf(body, sizeof body, "vCont;c:%x", tid);
	else
		snprintf(body, sizeof body, "c");
	gdb_enqueue_resume(g, body, fn, arg);
}

void gdb_step(struct gdb *g, int tid, gdb_stop_fn fn, void *arg)
{
	char body[32];

	snprintf(body, sizeof body, "vCont;s:%x", tid ? tid :
		 g->last_stop.tid ? g->last_stop.tid : 1);
	gdb_enqueue_resume(g, body, fn, arg);
}
