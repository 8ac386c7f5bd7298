/*
 * test_gdbstub.c - the gdbstub client (gdbstub.c, gdbreq.c, gdbstart.c,
 * gdbwait.c) against a fake stub over a socketpair, served in the same
 * poll loop (gdb_side).  The stub behaves as QEMU 7.2's does where it
 * matters: acks unless no-ack mode, a stop reply when it stops, and any
 * byte received while "running" stops it and is dropped.  It can also
 * misbehave: a bad checksum, a reply nobody asked for, a closed socket.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "target/gdbwait.h"
#include "target/rsp.h"
#include "tap.h"

#define MEM_BASE	0x1000u
#define MEM_SIZE	0x3000u		/* pages 0x1000..0x3fff; others E14 */

static const char target_xml[] =
	"<?xml version=\"1.0\"?><target><architecture>i386</architecture>"
	"<xi:include href=\"regs.xml\"/></target>";
static const char regs_xml[] =
	"<feature name=\"x\">\n"
	"  <reg name=\"eax\" bitsize=\"32\"/>\n"
	"  <!-- <reg name=\"ghost\" bitsize=\"32\"/> -->\n"
	"  <reg name=\"eip\" bitsize=\"32\" type=\"code_ptr\"/>\n"
	"  <reg name=\"st0\" bitsize=\"80\"/>\n"
	"  <reg name=\"cr3\" bitsize=\"32\"/>\n"
	"  <reg name=\"xmm9\" bitsize=\"128\" regnum=\"10\"/>\n"
	"</feature>\n";

struct stub {
	int fd;
	struct rsp_parser rx;
	int noack_ok;			/* answer QStartNoAckMode with OK */
	int noack;
	int running;
	int tid;			/* Hg */
	uint8_t mem[MEM_SIZE];
	int m_packets;			/* m requests answered */
	int bytes_while_running;	/* what QEMU would have dropped */
	int bad_next;			/* corrupt the next reply's checksum */
	int extra_next;		/* send an unasked OK after the next reply */
	int close_next;			/* close instead of the next reply */
	uint32_t bp;			/* Z0 address */
	char last[512];			/* the last packet received */
	char sent[8192];		/* the last packet sent, for '-' */
	size_t sent_len;
};

static void stub_send(struct stub *s, const char *body)
{
	char pkt[8192];
	size_t n;

	if (s->close_next) {
		close(s->fd);
		s->fd = -1;
		return;
	}
	n = rsp_frame(pkt, sizeof pkt, body, strlen(body));
	memcpy(s->sent, pkt, n);
	s->sent_len = n;
	if (s->bad_next) {
		pkt[n - 1] = pkt[n - 1] == '0' ? '1' : '0';
		s->bad_next = 0;
	}
	if (write(s->fd, pkt, n) != (ssize_t)n)
		tap_diag("stub: short write");
	if (s->extra_next) {
		s->extra_next = 0;
		stub_send(s, "OK");
	}
}

/* qXfer:features:read:ANNEX:off,len, at most 100 bytes a reply. */
static void stub_xfer(struct stub *s, const char *args)
{
	const char *doc = !strncmp(args, "target.xml:", 11) ? target_xml :
			  !strncmp(args, "regs.xml:", 9) ? regs_xml : NULL;
	const char *p = strchr(args, ':');
	char out[128];
	long long off;
	size_t left;

	if (!doc || !p) {
		stub_send(s, "E00");
		return;
	}
	p++;
	off = rsp_num(&p);
	left = strlen(doc) - off;
	snprintf(out, sizeof out, "%c%.*s", left > 100 ? 'm' : 'l',
		 (int)(left > 100 ? 100 : left), doc + off);
	stub_send(s, out);
}

/* Registers of thread tid: eax tid, eip 0xc0100000 + tid, cr3 tid * 0x1000. */
static void stub_g(struct stub *s)
{
	uint8_t r[4 + 4 + 10 + 4] = { 0 };
	uint32_t v[3] = { s->tid, 0xc0100000u + s->tid, s->tid * 0x1000u };
	char hex[64];

	memcpy(r, &v[0], 4);
	memcpy(r + 4, &v[1], 4);
	memcpy(r + 18, &v[2], 4);
	rsp_hex(hex, r, sizeof r);
	stub_send(s, hex);
}

static void stub_m(struct stub *s, const char *args)
{
	const char *p = args;
	uint32_t a = rsp_num(&p), n;
	char hex[8192];

	p++;
	n = rsp_num(&p);
	s->m_packets++;
	if (a < MEM_BASE || a + n > MEM_BASE + MEM_SIZE || n > 2000) {
		stub_send(s, "E14");
		return;
	}
	rsp_hex(hex, s->mem + a - MEM_BASE, n);
	stub_send(s, hex);
}

static void stub_M(struct stub *s, const char *args)
{
	const char *p = args;
	uint32_t a = rsp_num(&p), n;

	p++;
	n = rsp_num(&p);
	p++;
	if (a < MEM_BASE || a + n > MEM_BASE + MEM_SIZE ||
	    rsp_unhex(s->mem + a - MEM_BASE, p, n) < 0)
		stub_send(s, "E14");
	else
		stub_send(s, "OK");
}

static void stub_packet(struct stub *s, const char *b)
{
	snprintf(s->last, sizeof s->last, "%.500s", b);
	if (!strncmp(b, "qSupported", 10))
		stub_send(s, "PacketSize=1000;qXfer:features:read+");
	else if (!strcmp(b, "QStartNoAckMode"))
		stub_send(s, s->noack_ok ? "OK" : ""), s->noack = s->noack_ok;
	else if (!strcmp(b, "qqemu.Supported"))
		stub_send(s, "sstepbits;sstep;PhyMemMode");
	else if (!strncmp(b, "qXfer:features:read:", 20))
		stub_xfer(s, b + 20);
	else if (!strcmp(b, "qfThreadInfo"))
		stub_send(s, "m01,02");
	else if (!strcmp(b, "qsThreadInfo"))
		stub_send(s, "l");
	else if (!strcmp(b, "?"))
		stub_send(s, "T05thread:01;");
	else if (b[0] == 'H' && b[1] == 'g')
		s->tid = strtol(b + 2, NULL, 16), stub_send(s, "OK");
	else if (!strcmp(b, "g"))
		stub_g(s);
	else if (b[0] == 'm')
		stub_m(s, b + 1);
	else if (b[0] == 'M')
		stub_M(s, b + 1);
	else if (b[0] == 'Z' && b[1] == '0')
		s->bp = strtoul(b + 3, NULL, 16), stub_send(s, "OK");
	else if (!strcmp(b, "c") || !strncmp(b, "vCont;c", 7))
		s->running = 1;
	else if (!strncmp(b, "vCont;s:", 8))
		stub_send(s, b[8] == '2' ? "T05thread:02;" : "T05thread:01;");
	else
		stub_send(s, "");
}

/* QEMU: a byte while running stops the machine; the byte is lost. */
static void stub_byte(struct stub *s, uint8_t c)
{
	int k;

	if (s->running) {
		s->running = 0;
		s->bytes_while_running += c != RSP_INTERRUPT;
		stub_send(s, "T02thread:01;");
		return;
	}
	k = rsp_byte(&s->rx, c);
	if (k == RSP_NAK && write(s->fd, s->sent, s->sent_len) < 0)
		tap_diag("stub: resend lost");
	if (k == RSP_PACKET) {
		if (!s->noack && write(s->fd, "+", 1) != 1)
			tap_diag("stub: ack lost");
		stub_packet(s, s->rx.body);
	}
}

static int stub_fds(void *arg, struct pollfd *p, int max)
{
	struct stub *s = arg;

	(void)max;
	if (s->fd < 0)
		return 0;
	p->fd = s->fd;
	p->events = POLLIN;
	return 1;
}

static void stub_ready(void *arg, const struct pollfd *p, int n)
{
	struct stub *s = arg;
	uint8_t buf[4096];
	ssize_t k, i;

	if (!n || !(p->revents & POLLIN) || s->fd < 0)
		return;
	k = read(s->fd, buf, sizeof buf);
	for (i = 0; i < k; i++)
		stub_byte(s, buf[i]);
}

/* The stub hits its breakpoint: the stop reply a running QEMU sends. */
static void stub_hit(struct stub *s)
{
	s->running = 0;
	stub_send(s, "T05thread:02;");
}

static struct stub st;
static struct gdb_side side = { stub_fds, stub_ready, NULL, &st };

/* A client connected to a fresh stub over a socketpair, handshake not done. */
static void pair(struct gdb *g, int noack_ok)
{
	int sv[2];
	unsigned i;

	memset(&st, 0, sizeof st);
	for (i = 0; i < MEM_SIZE; i++)
		st.mem[i] = (uint8_t)(i * 7 + (i >> 8));
	st.noack_ok = noack_ok;
	rsp_init(&st.rx);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		abort();
	st.fd = sv[1];
	memset(g, 0, sizeof *g);
	g->fd = sv[0];
	g->state = GDB_HANDSHAKE;
	g->packet_size = 400;
	g->trace = getenv("MMSCOPE_GDB_TRACE") != NULL;
	rsp_init(&g->rx);
}

struct result {
	int done, err;
	struct gdb_stop stop;
};

static void on_done(void *arg, int err)
{
	struct result *r = arg;

	r->done = 1;
	r->err = err;
}

static void on_stop(void *arg, int err, const struct gdb_stop *s)
{
	struct result *r = arg;

	r->done = 1;
	r->err = err;
	r->stop = *s;
}

static int handshake(struct gdb *g)
{
	struct result r = { 0 };

	g->side = &side;
	gdb_start(g, on_done, &r);
	if (gdb_wait(g, &r.done, 2000, &side) < 0)
		return -100;
	return r.err;
}

static void test_handshake(void)
{
	struct gdb g;
	const struct tdesc_reg *cr3, *x9;

	pair(&g, 0);
	tap_ok(handshake(&g) == 0 && g.state == GDB_STOPPED,
	       "handshake with a stub without no-ack mode");
	tap_ok(!g.noack && g.packet_size == 0x1000 && g.has_phys,
	       "acks stay on, packet size 0x1000, PhyMemMode seen");
	tap_ok(g.nthreads == 2 && g.tid[0] == 1 && g.tid[1] == 2,
	       "two threads from qfThreadInfo");
	cr3 = tdesc_find(&g.td, "cr3");
	x9 = tdesc_find(&g.td, "xmm9");
	tap_ok(g.td.nreg == 5 && !tdesc_find(&g.td, "ghost") && cr3 &&
	       cr3->num == 3 && cr3->off == 18,
	       "registers from the included document, comments skipped, "
	       "cr3 is number 3 at g offset 18");
	tap_ok(x9 && x9->num == 10 && !strcmp(g.td.arch, "i386"),
	       "a regnum attribute is honoured; the architecture is read");
	gdb_close(&g);
	close(st.fd);

	pair(&g, 1);
	tap_ok(handshake(&g) == 0 && g.noack,
	       "no-ack mode when the stub has it");
	gdb_close(&g);
	close(st.fd);
}

static void test_reads(struct gdb *g)
{
	uint8_t regs[64], buf[5000], want[5000];
	int m0 = st.m_packets, err;

	err = gdb_regs_wait(g, 2, regs, 1000);
	tap_ok(!err && st.tid == 2 && gdb_reg32(g, regs, "cr3") == 0x2000 &&
	       gdb_reg32(g, regs, "eip") == 0xc0100002,
	       "Hg 2 then g: thread 2's eip and cr3 by name");
	tap_ok(gdb_reg32(g, regs, "nosuch") == -1, "an unknown register is -1");
	err = gdb_mem_wait(g, 0x1f00, buf, 5000, 1000);
	memcpy(want, st.mem + 0xf00, 5000);
	tap_ok(!err && !memcmp(buf, want, 5000),
	       "5000 bytes across three pages");
	tap_ok(st.m_packets - m0 == 6,
	       "in six m packets of 1 KiB at most (the packet size, 4 KiB, "
	       "holds 2 KiB in hex), none across a page");
	err = gdb_mem_wait(g, 0x3f00, buf, 0x200, 1000);
	tap_ok(err == GDB_EFAULT && !memcmp(buf, st.mem + 0x2f00, 0x100) &&
	       buf[0x100] == 0 && buf[0x1ff] == 0,
	       "a read running past the memory: the readable page is kept, the "
	       "rest zeroed, GDB_EFAULT");
	err = gdb_write_wait(g, 0x1234, "\x01\x02\x03", 3, 1000);
	tap_ok(!err && !memcmp(st.mem + 0x234, "\x01\x02\x03", 3),
	       "M writes memory");
	err = gdb_break_wait(g, 0xc0101234, 1, 1000);
	tap_ok(!err && st.bp == 0xc0101234, "Z0 sets a breakpoint");
}

static void test_running(struct gdb *g)
{
	struct result c = { 0 }, m = { 0 };
	uint8_t buf[16];
	struct gdb_stop s;

	gdb_cont(g, 0, on_stop, &c);
	gdb_wait(g, &st.running, 1000, &side);
	gdb_read_mem(g, 0x1000, buf, 16, on_done, &m);
	gdb_wait(g, &c.done, 100, &side);	/* times out: it runs */
	tap_ok(!c.done && !m.done && g->state == GDB_RUNNING &&
	       !st.bytes_while_running,
	       "a request made while the target runs is held, not sent");
	gdb_halt(g);
	gdb_wait(g, &m.done, 1000, &side);
	tap_ok(c.done && !c.err && c.stop.signo == 2 && c.stop.tid == 1,
	       "0x03 halts it: the resume ends with signal 2");
	tap_ok(m.done && !m.err && !memcmp(buf, st.mem, 16),
	       "then the held request is sent and answered");
	tap_ok(!st.bytes_while_running,
	       "no packet ever reached the running stub");
	memset(&c, 0, sizeof c);
	gdb_cont(g, 0, on_stop, &c);
	gdb_wait(g, &st.running, 1000, &side);
	stub_hit(&st);
	gdb_wait(g, &c.done, 1000, &side);
	tap_ok(c.done && c.stop.signo == 5 && c.stop.tid == 2 &&
		       g->state == GDB_STOPPED,
	       "a breakpoint's stop reply: signal 5, thread 2");
	tap_ok(gdb_step_wait(g, 2, &s, 1000) == 0 && s.tid == 2 &&
	       !strcmp(st.last, "vCont;s:2"), "vCont;s:2 steps thread 2");
}

static void test_bad(struct gdb *g)
{
	uint8_t buf[8];
	int err;

	st.bad_next = 1;
	err = gdb_mem_wait(g, 0x1000, buf, 8, 1000);
	tap_ok(g->noack ? err == GDB_EPROTO : err == 0,
	       g->noack
		       ? "no-ack: a reply with a bad checksum fails its request"
		       : "ack mode: a bad checksum is answered with '-' and "
			 "resent");
	tap_ok(g->bad_sums == 1 && strstr(g->note, "bad checksum"),
	       "the bad checksum is counted and named");
	err = gdb_mem_wait(g, 0x1000, buf, 8, 1000);
	tap_ok(!err && !memcmp(buf, st.mem, 8), "the next request works");
	st.extra_next = 1;
	err = gdb_mem_wait(g, 0x1000, buf, 8, 1000);
	gdb_wait(g, (int[]){ 0 }, 50, &side);
	if (!tap_ok(!err && g->unexpected == 1 &&
			    strstr(g->note, "unexpected reply"),
		    "a reply nobody asked for is counted and named"))
		tap_diag("err %d, unexpected %llu, '%s'", err,
			 (unsigned long long)g->unexpected, g->note);
	err = gdb_mem_wait(g, 0x1008, buf, 8, 1000);
	tap_ok(!err && !memcmp(buf, st.mem + 8, 8),
	       "and does not shift the replies");
	st.close_next = 1;
	err = gdb_mem_wait(g, 0x1000, buf, 8, 1000);
	tap_ok(err == GDB_EDEAD && g->state == GDB_DEAD &&
	       strstr(g->err, "closed the connection"),
	       "the stub closing: the request fails, the reason is given");
	tap_ok(gdb_mem_wait(g, 0x1000, buf, 8, 1000) == GDB_EDEAD,
	       "later requests fail at once");
}

static void test_session(int noack)
{
	struct gdb g;

	pair(&g, noack);
	if (handshake(&g) != 0) {
		tap_ok(0, "handshake (noack %d): %s", noack, g.err);
		return;
	}
	test_reads(&g);
	test_running(&g);
	test_bad(&g);
	gdb_close(&g);
	if (st.fd >= 0)
		close(st.fd);
}

/* QEMU says T02 by itself when a debugger attaches to a running machine. */
static void test_unasked_stop(void)
{
	struct gdb g;

	pair(&g, 0);
	stub_send(&st, "T02thread:01;");
	tap_ok(handshake(&g) == 0 && g.unexpected == 0,
	       "a stop reply before any request does not upset the handshake");
	gdb_close(&g);
	close(st.fd);
}

static void test_unreachable(void)
{
	char err[256];
	struct gdb g;
	int rc;

	rc = gdb_connect_unix(&g, "/nonexistent/mmscope-gdb.sock", err,
			      sizeof err);
	tap_ok(rc < 0 && errno == ENOENT && strstr(err, "cannot connect") &&
	       strstr(err, "/nonexistent/mmscope-gdb.sock"),
	       "no socket: the error names the path and the reason");
	rc = gdb_open_wait(&g, "/nonexistent/mmscope-gdb.sock", 0, 100, NULL,
			   err, sizeof err);
	tap_ok(rc < 0 && strstr(err, "No such file"),
	       "gdb_open_wait gives up after its timeout, saying why");
}

int main(void)
{
	tap_plan(49);
	test_handshake();
	test_session(0);
	test_session(1);
	test_unasked_stop();
	test_unreachable();
	return tap_done();
}
