/*
 * dbg.c - halt, continue, run to the next event; read and verify at each
 * halt.  See dbg.h.
 *
 * Every run ends in a stop reply, which the resume's callback (stopped)
 * gets; what happens then is d->after: read the machine (a halt, or the
 * event a run to the next event was for), or resume again (a stop that
 * only made room for new orders, or one the mm filter does not want).
 * A run leaves a stop at the hook's breakpoint by stepping over it with
 * the breakpoint removed, so that it cannot stop there again at once:
 * the thread the stop reply named, and after a read of the machine
 * every CPU the read found at the hook (with several CPUs, another one
 * than the reply's may be there, and would stop again at once on the
 * same record).  A run to the next event that stops again on the record
 * of the last halt (a step over the hook that QEMU cut short) steps
 * over it once more, up to RETRY_MAX times, rather than halt twice on
 * one event.  A continue turns the hook off, but a CPU that had passed
 * the kernel's check of the hook's control when the machine stopped
 * still reaches the breakpoint: nobody asked for that stop, so it is
 * stepped over, not read as a halt.
 */
#include <stdio.h>
#include <string.h>
#include "target/dbg.h"
#include "target/gdbwait.h"
#include "model/model.h"
#include "util/util.h"

#define AFTER_READ	1	/* read and verify the machine */
#define AFTER_NEXT	2	/* resume with d->f armed */
#define AFTER_CONT	3	/* resume with the hook off */
#define RETRY_MAX	3	/* steps over one record, at most */


static void changed(struct dbg *d)
{
	if (d->changed)
		d->changed(d->arg);
}

static void dead(struct dbg *d)
{
	d->state = DBG_DEAD;
	snprintf(d->err, sizeof d->err, "gdbstub: %.200s", d->g.err[0] ?
		 d->g.err : "the connection is gone");
	changed(d);
}

/* --- reading and verifying -------------------------------------------- */

static void resume(struct dbg *d, const struct dbg_filter *f);

/* Is this stop, on a run to the next event, on the record of the last
 * halt again?  Then it is to be stepped over once more. */
static int again(struct dbg *d, int cpu, uint32_t seq)
{
	if (!d->next_run || !d->halts || cpu != d->last_cpu ||
	    seq != d->last_seq || d->retries >= RETRY_MAX)
		return 0;
	d->retries++;
	return 1;
}

/* The threads the machine read found at the hook: to step over. */
static void at_hook(struct dbg *d)
{
	int i;

	d->nbp = 0;
	for (i = 0; i < d->m.ncpu; i++)
		if (d->m.cpu[i].eip == d->k->stop_fn)
			d->bp_tid[d->nbp++] = d->m.cpu[i].tid;
	if (d->nbp)
		d->at_bp = 1;
}

/*
 * The halt's record: with several CPUs at the hook, the one of the stop
 * reply's thread, whose record the run was for (the filter wanted it),
 * not whichever the read found last.
 */
static void stop_record(struct dbg *d)
{
	const struct mach_cpu *c;
	int i;

	for (i = 0; i < d->m.ncpu; i++) {
		c = &d->m.cpu[i];
		if (c->tid != d->stop_tid || c->eip != d->k->stop_fn ||
		    c->id < 0)
			continue;
		d->m.stop_cpu = c->id;
		d->m.stop_type = c->eax & 0xff;
		d->m.stop_seq = c->edx;
	}
}

static void on_read(void *arg, int err)
{
	struct dbg *d = arg;

	if (err == GDB_EDEAD || d->g.state == GDB_DEAD) {
		dead(d);
		return;
	}
	if (!err) {
		at_hook(d);
		stop_record(d);
	}
	if (!err && d->m.stop_cpu >= 0 &&
	    again(d, d->m.stop_cpu, d->m.stop_seq)) {
		resume(d, &d->f);
		return;
	}
	vfy_free(&d->v);
	d->verified = 0;
	if (err)
		snprintf(d->err, sizeof d->err, "reading the machine: %.200s",
			 d->m.err);
	else if (vfy_run(&d->v, d->tl, &d->m, d->at) < 0)
		snprintf(d->err, sizeof d->err, "out of memory");
	else
		d->verified = 1;
	d->halts++;
	d->last_cpu = d->m.stop_cpu;
	d->last_seq = d->m.stop_seq;
	d->retries = 0;
	d->halt_ns = util_now_ns() - d->stop_ns;
	d->state = DBG_HALTED;
	changed(d);
}

static void read_machine(struct dbg *d)
{
	const struct decoder *dec;
	uint32_t from[MACH_MAXCPU] = { 0 };
	int c;

	d->state = DBG_READING;
	if (d->drain)
		d->drain(d->arg);
	dec = evlog_decoder(d->tl->log);
	for (c = 0; c < MACH_MAXCPU; c++)
		from[c] = decode_next(dec, c);
	d->err[0] = '\0';
	mach_read(&d->m, &d->g, d->k, from, on_read, d);
}

/* --- resuming ----------------------------------------------------------- */

static void on_stop(void *arg, int err, const struct gdb_stop *s);

static void ignore(void *arg, int err)
{
	(void)arg;
	(void)err;
}

static void ignore_stop(void *arg, int err, const struct gdb_stop *s)
{
	(void)arg;
	(void)err;
	(void)s;
}

/* The hook's control as the next run wants it: f, or off. */
static void write_ctl(struct dbg *d, const struct dbg_filter *f)
{
	struct mmt_stop_ctl c = { 0 };

	if (f) {
		c.on = 1;
		c.cpus = f->cpus;
		memcpy(c.types, f->types, sizeof c.types);
	}
	gdb_write_mem(&d->g, d->k->stop_ctl, &c, sizeof c, ignore, NULL);
}

/* Resume every CPU, past the hook's breakpoint if stopped on it. */
static void resume(struct dbg *d, const struct dbg_filter *f)
{
	int i;

	write_ctl(d, f);
	if (d->at_bp) {
		gdb_break(&d->g, d->k->stop_fn, 0, ignore, NULL);
		if (!d->nbp)
			gdb_step(&d->g, d->stop_tid, ignore_stop, NULL);
		for (i = 0; i < d->nbp; i++)
			gdb_step(&d->g, d->bp_tid[i], ignore_stop, NULL);
		gdb_break(&d->g, d->k->stop_fn, 1, ignore, NULL);
	}
	d->at_bp = 0;
	d->nbp = 0;
	d->next_run = f != NULL;
	d->after = AFTER_READ;		/* what stops it next: read */
	d->state = f ? DBG_STOPPING : DBG_RUNNING;
	gdb_cont(&d->g, 0, on_stop, d);
	changed(d);
}

int dbg_names_mm(const uint8_t *rec, unsigned mm)
{
	const uint8_t *off;
	unsigned n, i;
	uint16_t id;

	off = model_mm_fields(rec[0], &n);
	for (i = 0; i < n; i++) {
		memcpy(&id, rec + off[i], 2);
		if (id == mm)
			return 1;
	}
	return 0;
}

/* Does the filter want the record the hook stopped for? */
static int wanted(const struct dbg *d)
{
	return !d->f.want || d->f.want(d->f.want_arg, d->slot_cpu, d->slot);
}

static void on_slot(void *arg, int err)
{
	struct dbg *d = arg;

	if (err == GDB_EDEAD) {
		dead(d);
		return;
	}
	if (!err && !wanted(d)) {
		d->skipped++;
		resume(d, &d->f);
		return;
	}
	read_machine(d);
}

/* The stopped thread's registers: at the hook?  Then which record. */
static void on_regs(void *arg, int err)
{
	struct dbg *d = arg;
	int64_t eip = gdb_reg32(&d->g, d->regs, "eip");
	int64_t ecx = gdb_reg32(&d->g, d->regs, "ecx");

	if (err == GDB_EDEAD) {
		dead(d);
		return;
	}
	d->at_bp = !err && eip == d->k->stop_fn;
	d->nbp = 0;			/* the reply's thread only, until a read */
	d->slot_cpu = (gdb_reg32(&d->g, d->regs, "eax") >> 8) & 0xff;
	if (d->at_bp && d->state == DBG_RUNNING) {
		resume(d, NULL);	/* the hook was off: a stray stop */
		return;
	}
	if (d->at_bp && d->after == AFTER_READ &&
	    again(d, d->slot_cpu, gdb_reg32(&d->g, d->regs, "edx"))) {
		resume(d, &d->f);
		return;
	}
	if (!d->at_bp || d->after != AFTER_READ || !d->f.want) {
		if (d->after == AFTER_READ)
			read_machine(d);
		else
			resume(d, d->after == AFTER_NEXT ? &d->f : NULL);
		return;
	}
	gdb_read_mem(&d->g, (uint32_t)ecx + d->k->lay.slot_rec, d->slot,
		     sizeof d->slot, on_slot, d);
}

static void on_stop(void *arg, int err, const struct gdb_stop *s)
{
	struct dbg *d = arg;

	if (err == GDB_EDEAD || s->exited) {
		dead(d);
		return;
	}
	d->stop_tid = s->tid ? s->tid : d->g.tid[0];
	if (sizeof d->regs < d->g.td.g_size) {
		snprintf(d->g.err, sizeof d->g.err, "registers too large");
		dead(d);
		return;
	}
	gdb_read_regs(&d->g, d->stop_tid, d->regs, on_regs, d);
}

/* --- the keys ------------------------------------------------------------ */

/* Stop the machine if it runs; then `what`. */
static void order(struct dbg *d, int what)
{
	if (d->state == DBG_OFF || d->state == DBG_DEAD ||
	    d->state == DBG_READING)
		return;
	d->stop_ns = util_now_ns();
	if (d->state == DBG_HALTED) {
		if (what == AFTER_READ)
			read_machine(d);
		else
			resume(d, what == AFTER_NEXT ? &d->f : NULL);
		return;
	}
	d->after = what;
	d->state = DBG_STOPPING;
	gdb_halt(&d->g);
	changed(d);
}

void dbg_halt(struct dbg *d)
{
	order(d, AFTER_READ);
}

void dbg_next(struct dbg *d, const struct dbg_filter *f)
{
	if (f)
		d->f = *f;
	else
		dbg_filter_all(&d->f, 0);
	order(d, AFTER_NEXT);
}

void dbg_cont(struct dbg *d)
{
	if (d->state == DBG_RUNNING)
		return;
	order(d, AFTER_CONT);
}

void dbg_filter_all(struct dbg_filter *f, unsigned type)
{
	memset(f, 0, sizeof *f);
	f->cpus = ~0u;
	if (type)
		f->types[type / 32] = 1u << (type % 32);
	else
		memset(f->types, 0xff, sizeof f->types);
	f->types[MMT_STREAM / 32] &= ~(1u << (MMT_STREAM % 32));
}

/* --- the connection -------------------------------------------------------- */

int dbg_fds(struct dbg *d, struct pollfd *p)
{
	if (d->state == DBG_OFF || d->state == DBG_DEAD)
		return 0;
	return gdb_pollfd(&d->g, p);
}

void dbg_io(struct dbg *d, const struct pollfd *p)
{
	if (d->state == DBG_OFF || d->state == DBG_DEAD || !p->revents)
		return;
	if (p->revents & POLLOUT)
		gdb_on_writable(&d->g);
	if (p->revents & (POLLIN | POLLHUP | POLLERR))
		gdb_on_readable(&d->g);
	if (d->g.state == GDB_DEAD && d->state != DBG_DEAD)
		dead(d);
}

/*
 * Arm the hook: its control may be written once paging is on.  Before
 * that, run to MMT_STOP_ARM_SYMBOL, which the kernel calls with paging
 * on and before its first record.
 */
static int arm(struct dbg *d, int ms, char *err, size_t len)
{
	struct mmt_stop_ctl off = { 0 };
	struct gdb_stop s;
	int64_t cr0;

	if (gdb_regs_wait(&d->g, d->g.tid[0], d->regs, ms))
		goto fail;
	cr0 = gdb_reg32(&d->g, d->regs, "cr0");
	if (cr0 >= 0 && !(cr0 & 0x80000000) &&
	    (gdb_break_wait(&d->g, d->k->stop_arm, 1, ms) ||
	     gdb_cont_wait(&d->g, 0, &s, ms) || s.exited ||
	     gdb_break_wait(&d->g, d->k->stop_arm, 0, ms)))
		goto fail;
	if (gdb_write_wait(&d->g, d->k->stop_ctl, &off, sizeof off, ms) ||
	    gdb_break_wait(&d->g, d->k->stop_fn, 1, ms))
		goto fail;
	return 0;
fail:
	snprintf(err, len, "cannot arm the kernel's stop hook through the "
		 "gdbstub: %s", d->g.err[0] ? d->g.err : "an error reply");
	return -1;
}

int dbg_attach(struct dbg *d, const char *sock, const struct kimage *k,
	       const struct timeline *tl, int timeout_ms,
	       int (*gone)(void *arg), char *err, size_t len)
{
	struct gdb_side side = { .quit = gone, .arg = d->arg };

	memset(&d->m, 0, sizeof d->m);
	err[0] = '\0';
	d->k = k;
	d->tl = tl;
	d->state = DBG_OFF;
	if (gdb_open_wait(&d->g, sock, 0, timeout_ms, gone ? &side : NULL,
			  err, len) < 0)
		return -1;
	d->g.side = NULL;		/* side lives on this stack only */
	if ((unsigned)d->g.td.g_size > sizeof d->regs ||
	    arm(d, timeout_ms, err, len) < 0) {
		if (!err[0])
			snprintf(err, len, "gdbstub: registers too large");
		gdb_close(&d->g);
		return -1;
	}
	if (d->first)
		d->f = *d->first;
	d->stop_ns = util_now_ns();	/* a halt at d->first: from here */
	resume(d, d->first ? &d->f : NULL);
	return 0;
}

void dbg_close(struct dbg *d)
{
	if (d->state != DBG_OFF)
		gdb_close(&d->g);
	mach_free(&d->m);
	vfy_free(&d->v);
	d->state = DBG_OFF;
}

const char *dbg_state_name(const struct dbg *d)
{
	static const char *const names[] = {
		[DBG_OFF] = "no gdbstub", [DBG_RUNNING] = "running",
		[DBG_STOPPING] = "stopping", [DBG_READING] = "reading",
		[DBG_HALTED] = "halted", [DBG_DEAD] = "gdbstub gone",
	};

	return names[d->state];
}
