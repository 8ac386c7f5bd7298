/*
 * debugger.c - the machine under the debugger, in the TUI: `mmscope run`
 * attaches QEMU's gdbstub once at start-up; the keys h (halt), c
 * (continue) and l (run to the next event, or to the next event of the
 * followed mm) drive it through dbg.h, and its socket is a poll source
 * of the TUI's one loop (tui_poll_add).  At each halt the panels show
 * every CPU's real CR3 and every live mm's counters in guest memory,
 * verified against the model at the halt.
 *
 * The trace is what it always is: halting the machine stops COM2, and
 * the halt drains what COM2 holds (input_drain) before reading the
 * machine, so nothing recorded is lost or held up.  Records the kernel
 * has committed but not yet sent are read from its rings and join the
 * timeline at once (tl_add), and so do the events the log held back
 * for their order: at a halt every event up to it is in the log, and
 * the cursor and the narration are on the event the machine stopped at
 * (one moment on screen: the panels, the cursor and the sentence agree,
 * with the real CR3 and the counters in memory beside them).  Their
 * frames, when the machine runs on, add nothing twice.  Only events
 * after a record another CPU had under way at the halt wait for it;
 * they are listed after the log's last event, marked "halt", and while
 * the cursor is there the panels show the model at the halt.
 *
 * A gdbstub that cannot be attached, or that goes away, never stops the
 * trace view: the status bar says so, and h, c and l say why they
 * cannot act.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include "target/dbg.h"
#include "target/kimage.h"
#include "tui/cursor.h"
#include "tui/debugger.h"
#include "tui/input.h"
#include "tui/tui.h"

#define ATTACH_MS	5000	/* QEMU's gdbstub must answer this soon */

static struct {
	struct dbg d;
	struct kimage k;
	struct source *src;
	struct dbg_ats first;		/* --halt-at */
	struct dbg_filter ff;		/* and its filter */
	unsigned step_mm;		/* l while following: that mm */
	size_t logged;			/* of the halt's events (d.v.pend),
					   the first ones are in the log */
	int tried;			/* live: an attach was tried */
	char why[300];			/* why there is no gdbstub */
} td;

const struct dbg *tdbg(void)
{
	return td.tried ? &td.d : NULL;
}

const char *tdbg_why(void)
{
	return td.why;
}

/* dbg.h's drain: the machine is halted, COM2 has all it will send. */
static void drain(void *arg)
{
	(void)arg;
	input_drain(td.src, tui.tl);
}

/* The trace's kernel must be the ELF whose layout reads the machine. */
static void check_build(void)
{
	const struct decoder *dec = evlog_decoder(tui.tl->log);
	char err[256];

	if (dec->have_stream && kimage_same_build(&td.k, dec->stream.build_id,
						  err, sizeof err) < 0) {
		snprintf(td.d.err, sizeof td.d.err, "%s", err);
		td.d.verified = 0;
	}
}

/* Event (cpu, seq), sought from the end of the log. */
struct at_seq {
	unsigned cpu;
	uint32_t seq;
};

static int is_at(void *arg, const struct mmt_event *ev)
{
	const struct at_seq *a = arg;

	return ev->cpu == a->cpu && ev->seq == a->seq;
}

/*
 * A verified halt: the records read from the rings join the log, which
 * commits every event up to the time the halt knows them all; the
 * cursor goes to the event the machine stopped at (for h, the last),
 * and following the tail stops there until the machine runs on.
 */
static void halt_commit(void)
{
	const struct mach *m = &td.d.m;
	const struct vfy *v = &td.d.v;
	unsigned shift = evlog_decoder(tui.tl->log)->shift;
	uint64_t before = tui_count();
	struct at_seq a = { m->stop_cpu, m->stop_seq };
	struct mmt_event ev;
	int64_t n = -1;
	size_t i;

	for (i = 0; i < m->nrec; i++) {
		ev = (struct mmt_event) { .ts = m->rec[i].tsc >> shift << shift,
			.seq = m->rec[i].seq, .cpu = m->rec[i].cpu,
			.type = m->rec[i].rec[0], .size = m->rec[i].rec[1],
			.rec = m->rec[i].rec };
		tl_add(tui.tl, &ev);
	}
	tl_halted(tui.tl, mach_complete(m, v->npend ?
				v->pend[v->npend - 1].ts : 0, shift));
	td.logged = tui_count() - before;
	if (td.logged > v->npend)	/* cannot be: they are v->pend's */
		td.logged = v->npend;
	if (!tui_count())
		return;
	if (m->stop_cpu >= 0)
		n = tl_find(tui.tl, tui_count(), -1, is_at, &a);
	tui.hold = n >= 0 ? (uint64_t)n : tui_count() - 1;
	tui.held = 1;
	tui.urgent = 1;
	cur_forward(tui.hold);
}

static void changed(void *arg)
{
	(void)arg;
	if (td.d.state == DBG_HALTED)
		check_build();
	if (td.d.state == DBG_HALTED && td.d.verified)
		halt_commit();
	else if (td.d.state != DBG_HALTED)
		tui.held = 0;
	tui.dirty = 1;
}

static int qemu_gone(void *arg)
{
	(void)arg;
	return qemu_exited(&td.src->q);
}

/* The gdbstub's socket, a poll source of the loop while attached. */
static int poll_fds(struct pollfd *p)
{
	return dbg_fds(&td.d, p);
}

static void poll_io(const struct pollfd *p, int n)
{
	if (n > 0)
		dbg_io(&td.d, p);
}

static const struct poll_source gdbstub = { poll_fds, poll_io };

/* "gdbstub PATH: why" without the private socket's path. */
static const char *strip_sock(const char *err)
{
	const char *p = strstr(err, td.src->q.gdb_sock);

	if (!strncmp(err, "gdbstub ", 8) && p && !strncmp(p + strlen(
	    td.src->q.gdb_sock), ": ", 2))
		return p + strlen(td.src->q.gdb_sock) + 2;
	return err;
}

int tdbg_start(struct source *src, struct symtab *syms, const char *kernel,
	       const struct dbg_ats *halt_at)
{
	char err[256];

	td.src = src;
	td.tried = 1;
	td.d.drain = drain;
	td.d.changed = changed;
	if (halt_at && halt_at->n) {
		td.first = *halt_at;
		dbg_filter_at(&td.ff, &td.first);
		td.d.first = &td.ff;
	}
	if (!syms || kimage_load(&td.k, syms, kernel, err, sizeof err) < 0) {
		snprintf(td.why, sizeof td.why, "%s", syms ? err :
			 "no kernel symbols");
		return -1;
	}
	if (!(td.d.at = model_new())) {
		snprintf(td.why, sizeof td.why, "out of memory");
		return -1;
	}
	if (dbg_attach(&td.d, src->q.gdb_sock, &td.k, tui.tl, ATTACH_MS,
		       qemu_gone, err, sizeof err) < 0) {
		snprintf(td.why, sizeof td.why, "%s%s", strip_sock(err),
			 qemu_gone(NULL) ? " (QEMU has exited)" : "");
		return -1;
	}
	tui_poll_add(&gdbstub);
	return 0;
}

void tdbg_close(void)
{
	if (!td.tried)
		return;
	tui_poll_del(&gdbstub);
	dbg_close(&td.d);
	model_free(td.d.at);
	td.d.at = NULL;
}

/* --- what the panels show ------------------------------------------ */

static int halted(void)
{
	return td.tried && td.d.state == DBG_HALTED && td.d.verified;
}

int tdbg_columns(void)
{
	return td.tried && td.d.state != DBG_OFF;
}

struct model *tdbg_view(void)
{
	uint64_t n = tui_count();

	if (!halted() || td.logged == td.d.v.npend ||
	    (n && tui.cursor != (int64_t)n - 1))
		return NULL;		/* the log has the halt, or the cursor
					   is elsewhere: the cursor's state */
	return td.d.at;
}

const struct vfy_ev *tdbg_unlogged(size_t *n)
{
	*n = halted() ? td.d.v.npend - td.logged : 0;
	return *n ? td.d.v.pend + td.logged : NULL;
}

const struct vfy *tdbg_halt(void)
{
	return halted() ? &td.d.v : NULL;
}

/* --- the keys ------------------------------------------------------ */

static int names_mm(void *arg, unsigned cpu, const uint8_t *rec)
{
	(void)cpu;
	return dbg_names_mm(rec, *(const unsigned *)arg);
}

/* l: the next event, of the followed mm if there is one. */
static void step(void)
{
	struct dbg_filter f;

	dbg_filter_all(&f, 0);
	if (tui.follow_mm) {
		td.step_mm = tui.follow_mm;
		f.want = names_mm;
		f.want_arg = &td.step_mm;
		tui_say("running to the next event of mm %u", td.step_mm);
	}
	dbg_next(&td.d, &f);
}

/* Can the machine take an order now?  If not, say why. */
static int ready(int ch)
{
	if (!tui.live) {
		tui_say("%c halts, continues or steps QEMU: that needs a live "
			"run (mmscope run), not a replay", ch);
		return 0;
	}
	if (td.src->ended) {
		tui_say("QEMU has exited: there is no machine to halt");
		return 0;
	}
	if (td.d.state == DBG_OFF || td.d.state == DBG_DEAD) {
		tui_say("no gdbstub: %s", td.d.state == DBG_DEAD ? td.d.err :
			td.why[0] ? td.why : "not attached");
		return 0;
	}
	if (td.d.state == DBG_READING ||
	    (td.d.state == DBG_STOPPING && ch != 'h')) {
		tui_say("the machine is stopping; wait for the halt");
		return 0;
	}
	return 1;
}

int tdbg_halted(void)
{
	return halted();
}

int tdbg_alive(void)
{
	return td.tried && td.d.state != DBG_OFF && td.d.state != DBG_DEAD &&
	       !td.src->ended;
}

uint64_t tdbg_halts(void)
{
	return td.tried ? td.d.halts : 0;
}

int tdbg_next(const struct dbg_filter *f)
{
	if (!tdbg_alive() || td.d.state == DBG_READING ||
	    td.d.state == DBG_STOPPING)
		return -1;
	dbg_next(&td.d, f);
	return 0;
}

void tdbg_key(int ch)
{
	if (!ready(ch))
		return;
	switch (ch) {
	case 'h':
		if (td.d.state == DBG_HALTED)
			tui_say("halted already: c continues, l runs to the "
				"next event");
		td.d.f.want = NULL;	/* a run to an event: stop at any */
		if (td.d.state != DBG_HALTED)
			dbg_halt(&td.d);
		break;
	case 'c':
		if (td.d.state == DBG_RUNNING)
			tui_say("the machine runs already: h halts it");
		else
			dbg_cont(&td.d);
		break;
	case 'l':
		step();
		break;
	}
}
