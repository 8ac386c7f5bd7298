/*
 * tbuild.h - hand-built traces for the unit tests of the model, the
 * checker, snapshots and the expect language: one function per record,
 * each stamped 16 cycles after the one before, encoded into frames in
 * memory and read back through a timeline.  t->n is the event number the
 * next record will get (records are emitted in time order).
 *
 *	struct tb t;
 *	tb_init(&t, 1, MMT_ERA_2632);	// STREAM, BOOT, init_mm, idle grabs
 *	tb_ref(&t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 2, 1);
 *	struct timeline *tl = tb_timeline(&t);
 */
#ifndef MMSCOPE_TBUILD_H
#define MMSCOPE_TBUILD_H

#include <stdlib.h>
#include <string.h>
#include "trace/encode.h"
#include "model/timeline.h"

struct tb {
	struct encoder e;
	uint8_t *buf;
	size_t len, cap;
	uint64_t ts;
	uint64_t n;			/* number of the next event */
};

static inline void tb_out(void *arg, const void *data, size_t n)
{
	struct tb *t = arg;

	if (t->len + n > t->cap) {
		t->cap = (t->len + n) * 2 + 4096;
		t->buf = realloc(t->buf, t->cap);
	}
	memcpy(t->buf + t->len, data, n);
	t->len += n;
}

/* Emit rec on cpu; returns its event number. */
static inline uint64_t tb_rec(struct tb *t, int cpu, const void *rec)
{
	t->ts += 16;
	encode_record(&t->e, cpu, t->ts, rec);
	return t->n++;
}

#define TB_H(type, st)	{ type, sizeof(struct st), 0 }

static inline uint64_t tb_ref(struct tb *t, int cpu, unsigned mm, int op, int why,
		       int users, int count)
{
	struct mmt_mm_ref r = { TB_H(MMT_MM_REF, mmt_mm_ref), mm, op, why,
				users, count, 0xc0100000u + why };

	return tb_rec(t, cpu, &r);
}

static inline uint64_t tb_alloc(struct tb *t, int cpu, unsigned mm, unsigned pid,
			 int reason)
{
	struct mmt_mm_alloc a = { TB_H(MMT_MM_ALLOC, mmt_mm_alloc), mm, pid,
				  0x400000 + mm * 0x1000, 1, 1, reason, 0, 0 };

	if (mm == MMT_MM_INIT)
		a.users = 2;
	return tb_rec(t, cpu, &a);
}

static inline uint64_t tb_free(struct tb *t, int cpu, unsigned mm)
{
	struct mmt_mm_free f = { TB_H(MMT_MM_FREE, mmt_mm_free), mm, 0,
				 0x400000 + mm * 0x1000, 0xc0100800u };

	return tb_rec(t, cpu, &f);
}

static inline uint64_t tb_task(struct tb *t, int cpu, unsigned pid, unsigned ppid,
			int kthread, uint32_t clone, unsigned mm,
			const char *comm)
{
	struct mmt_task_new r = { .h = TB_H(MMT_TASK_NEW, mmt_task_new),
				  .pid = pid, .tgid = pid, .ppid = ppid,
				  .flags = kthread ? MMT_PF_KTHREAD : 0,
				  .clone_flags = clone, .mm = mm,
				  .active_mm = mm };

	memcpy(r.comm, comm, strlen(comm) < sizeof r.comm ? strlen(comm) :
	       sizeof r.comm);
	return tb_rec(t, cpu, &r);
}

static inline uint64_t tb_switch(struct tb *t, int cpu, unsigned prev,
			  unsigned next, unsigned prev_mm, unsigned prev_active,
			  unsigned next_mm, unsigned next_active, int state,
			  int flags)
{
	struct mmt_switch s = { TB_H(MMT_SWITCH, mmt_switch), prev, next,
				prev_mm, prev_active, next_mm, next_active,
				state, flags, 0 };

	return tb_rec(t, cpu, &s);
}

static inline uint64_t tb_lazy(struct tb *t, int cpu, unsigned pid, unsigned mm)
{
	struct mmt_enter_lazy e = { TB_H(MMT_ENTER_LAZY, mmt_enter_lazy),
				    pid, mm };

	return tb_rec(t, cpu, &e);
}

static inline uint64_t tb_prev(struct tb *t, int cpu, unsigned mm, int action)
{
	struct mmt_prev_mm p = { TB_H(MMT_PREV_MM, mmt_prev_mm), mm, action,
				 0 };

	return tb_rec(t, cpu, &p);
}

static inline uint64_t tb_cr3(struct tb *t, int cpu, unsigned mm, int reason)
{
	struct mmt_cr3_load l = { TB_H(MMT_CR3_LOAD, mmt_cr3_load), mm,
				  reason, 0, 0x400000 + mm * 0x1000 };

	return tb_rec(t, cpu, &l);
}

static inline uint64_t tb_exec(struct tb *t, int cpu, unsigned pid, unsigned old,
			unsigned new_mm, const char *comm)
{
	struct mmt_exec e = { TB_H(MMT_EXEC, mmt_exec), pid, old, new_mm, 0,
			      "" };

	memcpy(e.comm, comm, strlen(comm) < sizeof e.comm ? strlen(comm) :
	       sizeof e.comm);
	return tb_rec(t, cpu, &e);
}

static inline uint64_t tb_use(struct tb *t, int cpu, int type, unsigned pid,
		       unsigned mm, unsigned old_active)
{
	struct mmt_use_mm u = { { type, sizeof u, 0 }, pid, mm, old_active,
				0 };

	return tb_rec(t, cpu, &u);
}

static inline uint64_t tb_pid_rec(struct tb *t, int cpu, int type, unsigned pid,
			   unsigned arg)
{
	union {
		struct mmt_task_exit x;
		struct mmt_task_free f;
		struct mmt_task_state s;
	} r;

	memset(&r, 0, sizeof r);
	r.x.h = (struct mmt_rec) { type, type == MMT_TASK_EXIT ?
				   sizeof r.x : sizeof r.f, 0 };
	r.x.pid = pid;
	if (type == MMT_TASK_FREE)
		r.f.reaper = arg;
	if (type == MMT_TASK_STATE)
		r.s.state = arg;
	return tb_rec(t, cpu, &r);
}

static inline uint64_t tb_end(struct tb *t, int cpu, unsigned tasks, unsigned mms,
		       unsigned free_end)
{
	struct mmt_end e = { TB_H(MMT_END, mmt_end), MMT_END_OK, 0, tasks,
			     900, free_end, mms, 0 };

	return tb_rec(t, cpu, &e);
}

/* STREAM, BOOT, each CPU online with init_mm loaded and grabbed. */
static inline void tb_init(struct tb *t, unsigned ncpu, int era)
{
	struct mmt_stream s = { TB_H(MMT_STREAM, mmt_stream), MMT_STREAM_MAGIC,
				MMT_VERSION, ncpu, 4, 1000000, { 0 },
				MMT_VERSION_MINOR, 0 };
	struct mmt_boot b = { TB_H(MMT_BOOT, mmt_boot), era, 0, ncpu, 0, 1000,
			      900, 100, "tbuild" };
	struct mmt_cpu_online on = { TB_H(MMT_CPU_ONLINE, mmt_cpu_online), 0,
				     0, 0 };
	unsigned c;

	memset(t, 0, sizeof *t);
	t->ts = 1 << 16;
	encode_init(&t->e, 4, tb_out, t);
	encode_delim(&t->e);
	tb_rec(t, 0, &s);
	tb_rec(t, 0, &b);
	for (c = 0; c < ncpu; c++) {
		on.apic_id = c;
		tb_rec(t, c, &on);
	}
	tb_alloc(t, 0, MMT_MM_INIT, 0, MMT_ALLOC_INIT);
	for (c = 0; c < ncpu; c++) {
		tb_cr3(t, c, MMT_MM_INIT, MMT_CR3_BOOT);
		tb_ref(t, c, MMT_MM_INIT, MMT_OP_MMGRAB, MMT_WHY_IDLE_INIT, 2,
		       2 + c);
	}
}

/* Everything so far, read and checked through a new timeline. */
static inline struct timeline *tb_timeline(struct tb *t, uint64_t every)
{
	struct timeline *tl = tl_new(every);

	encode_flush(&t->e);
	tl_feed(tl, t->buf, t->len);
	tl_finish(tl);
	return tl;
}

static inline void tb_free_all(struct tb *t)
{
	free(t->buf);
}

#endif /* MMSCOPE_TBUILD_H */
