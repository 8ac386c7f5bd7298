/*
 * gentrace.c - synthetic, valid, rule-abiding .mmt traces of any size, for
 * the tests and the benchmarks.
 *
 *	gentrace -o FILE [--events N] [--cpus N] [--tasks N] [--mms N]
 *		 [--kthreads N] [--era 2.6.32|modern] [--seed S]
 *		 [--inject RULE@N] [--after N] [--gap N[:K]] [--lost N[:K]]
 *
 * A small simulated kernel runs random work on N CPUs: fork (dup_mm),
 * CLONE_VM threads, exec, exit (exit_mm), sleep and wake-up, yields,
 * kernel threads that borrow lazily and adopt user mms (use_mm), TLB
 * shootdowns of lazy CPUs (leave_mm), and reaping; each operation emits
 * the records the kernel emits, in its order (PROTOCOL.md 3), with both
 * eras' context_switch.  After about --events records it winds down
 * (every task exits and is freed, every idle task drops what it borrowed)
 * and ends with END, leaking nothing.  Records go to per-CPU buffers that
 * are flushed as frames in shuffled order, with heartbeats, as several
 * CPUs draining their rings would.
 *
 * For tests: --inject breaks one rule (a name from check.h) at the first
 * chance at or after record N, prints "injected RULE at event E" on
 * stderr, and ends the trace --after records later with a PANIC, as a
 * kernel with that bug would (leak_at_end: in the wind-down, and END
 * reports it).  --gap drops K records of one CPU at record N (a transport
 * gap); --lost does the same the way overflow mode does (a LOST record).
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "encode.h"
#include "mmtfile.h"

#define MAXCPU		64
#define MAXPID		32768
#define MAXMM		32768
#define FLUSH_EVERY	97	/* records between flushes of every CPU */
#define PGD_BASE	0x00400000u
#define SWAPPER_PGD	0x0020f000u
#define FREE_PAGES	30000u

/* --- options -------------------------------------------------------- */

static struct {
	const char *out;
	unsigned long events, cpus, tasks, mms, kthreads, seed, after;
	int era;
	const char *inject;
	unsigned long inject_at;
	unsigned long gap_at, gap_len, lost_at, lost_len;
} opt = { NULL, 10000, 2, 16, 12, 3, 1, 400, MMT_ERA_2632, NULL, 0,
	  0, 0, 0, 0 };

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gentrace: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(2);
}

/* --- output: per-CPU buffers flushed as frames ------------------------ */

struct obuf {
	int n;
	uint64_t ts[ENCODE_MAX_REC];
	uint8_t rec[ENCODE_MAX_REC][MMT_REC_MAX];
};

static struct encoder enc;
static FILE *out;
static struct obuf obuf[MAXCPU];
static uint64_t clock_ts = 1 << 20;	/* TSC of the next record */
static uint64_t nrec;			/* records emitted (event numbers) */
static unsigned long dropping[MAXCPU];	/* records of the CPU to drop */
static int drop_lost[MAXCPU];		/* drop as overflow mode: LOST */
static uint32_t drop_count[MAXCPU];
static uint64_t rng = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (unsigned)(rng >> 11) % n : 0;
}

static void out_file(void *arg, const void *buf, size_t n)
{
	(void)arg;
	fwrite(buf, 1, n, out);
}

static void flush_cpu(int c)
{
	int i;

	for (i = 0; i < obuf[c].n; i++)
		encode_record(&enc, c, obuf[c].ts[i], obuf[c].rec[i]);
	if (obuf[c].n)
		encode_flush(&enc);
	else if (!(dropping[c] && drop_lost[c]))
		encode_heartbeat(&enc, c, clock_ts);	/* LOST comes first */
	obuf[c].n = 0;
}

/* Every CPU's buffer, in a shuffled order: frames arrive out of order. */
static void flush_all(void)
{
	int order[MAXCPU], i, j, t;

	for (i = 0; i < (int)opt.cpus; i++)
		order[i] = i;
	for (i = opt.cpus - 1; i > 0; i--) {
		j = rnd(i + 1);
		t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	for (i = 0; i < (int)opt.cpus; i++)
		flush_cpu(order[i]);
}

/* The CPU stops dropping: say so the way its mode does. */
static void drop_end(int c)
{
	struct mmt_lost l = { { MMT_LOST, sizeof l, 0 }, drop_count[c] };

	if (!drop_lost[c])
		return;
	memcpy(obuf[c].rec[obuf[c].n], &l, sizeof l);
	obuf[c].ts[obuf[c].n++] = clock_ts;
	clock_ts += 16;
	nrec++;
}

/* Record rec happens on CPU c now. */
static void emit(int c, const void *rec)
{
	if (dropping[c]) {
		if (!drop_lost[c])
			encode_skip(&enc, c, 1);	/* the line lost it */
		drop_count[c]++;
		if (!--dropping[c])
			drop_end(c);
		clock_ts += 16 * (1 + rnd(30));
		return;
	}
	memcpy(obuf[c].rec[obuf[c].n], rec, ((const uint8_t *)rec)[1]);
	obuf[c].ts[obuf[c].n++] = clock_ts;
	clock_ts += 16 * (1 + rnd(30));
	nrec++;
	if (obuf[c].n == ENCODE_MAX_REC)
		flush_cpu(c);
	if (nrec % FLUSH_EVERY == 0)
		flush_all();
}

#define REC(type, st)	{ type, sizeof(struct st), 0 }

/* --- the simulated kernel -------------------------------------------- */

struct gtask {
	uint16_t pid, ppid, tgid;
	uint16_t mm, active_mm;
	uint8_t used, kthread, state, cpu, on_cpu, use_mm;
	uint16_t pin;			/* mm pinned by get_task_mm */
	uint8_t exiting;		/* exit_mm done: will die at its switch */
};

struct gmm {
	int users, count;
	uint8_t used;
	uint8_t freed;			/* freed, id not to be given out */
};

struct gcpu {
	struct gtask *curr;
	struct gtask idle;
	uint16_t cr3;
};

static struct gtask tasks[MAXPID];
static struct gmm mms[MAXMM];
static struct gcpu cpus[MAXCPU];
static unsigned ntasks, nmms, nkthreads;
static unsigned pid_hw = 1, mm_hw = 2;	/* above every pid, mm id in use */
static int winding;			/* no new work: wind down */
static int injected;			/* the fault happened */
static uint64_t panic_at;		/* record count to stop at, 0: none */

#define S_RUNNABLE	MMT_TASK_RUNNING
#define S_SLEEPING	MMT_TASK_SLEEPING
#define S_ZOMBIE	MMT_TASK_ZOMBIE

static int want(const char *rule)
{
	if (!opt.inject || injected || nrec < opt.inject_at ||
	    strcmp(opt.inject, rule))
		return 0;
	injected = 1;
	return 1;
}

static void say_injected(uint64_t n)
{
	fprintf(stderr, "gentrace: injected %s at event %llu\n", opt.inject,
		(unsigned long long)n);
	if (opt.after && strcmp(opt.inject, "leak_at_end"))
		panic_at = n + opt.after;
}

static void mm_ref(int c, unsigned mm, int op, int why)
{
	struct mmt_mm_ref r = { REC(MMT_MM_REF, mmt_mm_ref), mm, op, why, 0, 0,
				0xc0100000u + why * 0x40 + op };

	mms[mm].users += (op == MMT_OP_MMGET) - (op == MMT_OP_MMPUT);
	mms[mm].count += (op == MMT_OP_MMGRAB) - (op == MMT_OP_MMDROP);
	r.users = mms[mm].users;
	r.count = mms[mm].count;
	emit(c, &r);
}

static void mm_free_rec(int c, unsigned mm)
{
	struct mmt_mm_free f = { REC(MMT_MM_FREE, mmt_mm_free), mm, 0,
				 PGD_BASE + mm * 0x1000, 0xc0100800u };

	emit(c, &f);
	mms[mm].used = 0;
	mms[mm].freed = injected;	/* after a fault, ids are not reused */
	if (mm != MMT_MM_INIT)
		nmms--;
	if (want("use_after_free")) {
		struct mmt_mm_map r = { REC(MMT_MM_MAP, mmt_mm_map), mm,
					MMT_MAP_MMAP, 0, 0x08050000, 4096 };

		say_injected(nrec);
		emit(c, &r);
	}
}

static void mmdrop(int c, unsigned mm, int why)
{
	mm_ref(c, mm, MMT_OP_MMDROP, why);
	if (mms[mm].count == 0 && mms[mm].used)
		mm_free_rec(c, mm);
}

static void mmput(int c, unsigned mm, int why)
{
	struct mmt_exit_mmap x = { REC(MMT_EXIT_MMAP, mmt_exit_mmap), mm,
				   3, 12 };

	mm_ref(c, mm, MMT_OP_MMPUT, why);
	if (mms[mm].users != 0)
		return;
	emit(c, &x);
	mmdrop(c, mm, MMT_WHY_MMPUT_LAST);
}

static unsigned mm_new(int c, unsigned pid, int reason)
{
	struct mmt_mm_alloc a = { REC(MMT_MM_ALLOC, mmt_mm_alloc), 0, pid, 0,
				  1, 1, reason, 0, 0 };
	unsigned id;

	for (id = 2; id < MAXMM && (mms[id].used || mms[id].freed); id++)
		;
	if (id == MAXMM)
		die("out of mm ids");
	if (id >= mm_hw)
		mm_hw = id + 1;
	mms[id] = (struct gmm) { 1, 1, 1, injected };
	a.mm = id;
	a.pgd = PGD_BASE + id * 0x1000;
	emit(c, &a);
	nmms++;
	return id;
}

static unsigned free_pid(void)
{
	unsigned pid;

	for (pid = 1; pid < MAXPID && tasks[pid].used; pid++)
		;
	if (pid == MAXPID)
		die("out of pids");
	return pid;
}

static struct gtask *task_new(int c, struct gtask *parent, int kthread,
			      unsigned mm, uint32_t clone, const char *comm)
{
	struct mmt_task_new r = { .h = REC(MMT_TASK_NEW, mmt_task_new) };
	struct gtask *t;
	unsigned pid;

	pid = free_pid();
	if (pid >= pid_hw)
		pid_hw = pid + 1;
	t = &tasks[pid];
	*t = (struct gtask) { .pid = pid, .ppid = parent ? parent->pid : 0,
			      .tgid = clone & MMT_CLONE_VM && parent &&
				      !kthread ? parent->tgid : pid,
			      .mm = mm, .active_mm = mm, .used = 1,
			      .kthread = kthread, .state = S_RUNNABLE,
			      .cpu = c };
	r.pid = pid;
	r.tgid = t->tgid;
	r.ppid = t->ppid;
	r.flags = kthread ? MMT_PF_KTHREAD : 0;
	r.clone_flags = clone;
	r.mm = r.active_mm = mm;
	if (want("init_mm_as_mm")) {
		r.mm = r.active_mm = MMT_MM_INIT;
		say_injected(nrec);
	}
	snprintf(r.comm, sizeof r.comm, "%s", comm);
	emit(c, &r);
	ntasks++;
	nkthreads += kthread;
	return t;
}

/* --- context switches ------------------------------------------------ */

static void cr3_load(int c, unsigned mm, int reason)
{
	struct mmt_cr3_load l = { REC(MMT_CR3_LOAD, mmt_cr3_load), mm, reason,
				  0, mm == MMT_MM_INIT ? SWAPPER_PGD :
				  PGD_BASE + mm * 0x1000 };

	emit(c, &l);
	cpus[c].cr3 = mm;
}

static void enter_lazy(int c, const struct gtask *t)
{
	struct mmt_enter_lazy e = { REC(MMT_ENTER_LAZY, mmt_enter_lazy),
				    t->pid, t->active_mm };

	emit(c, &e);
}

static void prev_mm_rec(int c, unsigned mm, int action)
{
	struct mmt_prev_mm p = { REC(MMT_PREV_MM, mmt_prev_mm), mm, action, 0 };

	emit(c, &p);
}

static void task_free_rec(int c, struct gtask *t, unsigned reaper)
{
	struct mmt_task_free f = { REC(MMT_TASK_FREE, mmt_task_free), t->pid,
				   reaper };

	if (winding && !t->kthread && want("leak_at_end")) {
		say_injected(nrec);	/* never freed: END will say so */
	} else {
		emit(c, &f);
	}
	ntasks--;
	nkthreads -= t->kthread;
	t->used = 0;
}

/* --inject of a rule the SWITCH record itself breaks: 1 if it did. */
static int fault_switch(struct mmt_switch *s, const struct gtask *prev,
			const struct gtask *next)
{
	if (next->mm && want("user_active_mm")) {
		s->next_active = MMT_MM_INIT;
		return 1;
	}
	if (!next->mm && prev->mm && next->pid && want("kthread_has_mm")) {
		s->next_mm = prev->mm;
		return 1;
	}
	return 0;
}

/* The records of context_switch(prev, next) and finish_task_switch. */
static void context_switch(int c, struct gtask *prev, struct gtask *next,
			   int prev_state)
{
	struct mmt_switch s = { REC(MMT_SWITCH, mmt_switch), prev->pid,
				next->pid, prev->mm, prev->active_mm, 0, 0,
				prev_state, 0, 0 };
	unsigned oldmm = prev->active_mm, rq_prev = 0;
	int grab = 0, keep = 0;

	if (!next->mm) {			/* to a kernel thread */
		next->active_mm = oldmm;
		s.flags |= MMT_SW_LAZY;
		if (opt.era == MMT_ERA_MODERN && !prev->mm) {
			s.flags |= MMT_SW_HANDOFF;
			prev->active_mm = 0;
		} else {
			grab = 1;
		}
	} else {
		s.flags |= cpus[c].cr3 != next->mm ? MMT_SW_LOAD : MMT_SW_SAME;
	}
	if (!prev->mm && !(s.flags & MMT_SW_HANDOFF)) {
		/* the fault: prev keeps its active_mm, nothing to drop */
		keep = prev->pid && next->mm && want("switched_out_active_mm");
		if (!keep) {
			s.flags |= MMT_SW_PREV_MM;
			prev->active_mm = 0;
			rq_prev = oldmm;
		}
	}
	s.next_mm = next->mm;
	s.next_active = next->active_mm;
	if (keep || fault_switch(&s, prev, next))
		say_injected(nrec);
	emit(c, &s);
	if (grab && prev->mm && want("count_balance"))
		say_injected(nrec - 1);		/* lazy_no_grab */
	else if (grab)
		mm_ref(c, oldmm, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW);
	if (!next->mm)
		enter_lazy(c, next);
	else if (s.flags & MMT_SW_LOAD)
		cr3_load(c, next->mm, MMT_CR3_SWITCH);
	if (rq_prev)
		prev_mm_rec(c, rq_prev, MMT_PREV_SET);
	prev->on_cpu = 0;
	next->on_cpu = 1;
	next->cpu = c;
	next->state = S_RUNNABLE;
	cpus[c].curr = next;
	if (rq_prev) {				/* finish_task_switch */
		prev_mm_rec(c, rq_prev, MMT_PREV_DROP);
		mmdrop(c, rq_prev, MMT_WHY_PREV_MM);
	}
	if (prev_state == S_ZOMBIE && prev->kthread)
		task_free_rec(c, prev, 0);	/* kernel threads autoreap */
}

/* A used task (from a random start) that ok() accepts, or NULL. */
static struct gtask *find(int (*ok)(const struct gtask *))
{
	unsigned i, start = rnd(pid_hw);
	struct gtask *t;

	for (i = 0; i < pid_hw; i++) {
		t = &tasks[(start + i) % pid_hw];
		if (t->used && ok(t))
			return t;
	}
	return NULL;
}

static int runnable(const struct gtask *t)
{
	return t->state == S_RUNNABLE && !t->on_cpu;
}

static int sleeping(const struct gtask *t)
{
	return t->state == S_SLEEPING;
}

static int reapable(const struct gtask *t)
{
	return t->state == S_ZOMBIE && !t->on_cpu && !t->kthread;
}

static int user_task(const struct gtask *t)
{
	return t->mm && !t->kthread && !t->exiting && mms[t->mm].users > 0;
}

static struct gtask *pick(void)
{
	return ntasks ? find(runnable) : NULL;
}

/* schedule() on c: prev stops (prev_state) and something else runs. */
static void schedule(int c, int prev_state)
{
	struct gtask *prev = cpus[c].curr, *next = pick();

	prev->state = prev_state;
	if (!next && prev_state == S_RUNNABLE)
		return;			/* nothing else to run */
	if (!next)
		next = &cpus[c].idle;
	context_switch(c, prev, next, prev_state);
}

/* --- what tasks do ----------------------------------------------------- */

static void task_state(int c, struct gtask *t, int state)
{
	struct mmt_task_state r = { REC(MMT_TASK_STATE, mmt_task_state),
				    t->pid, state, 0 };

	emit(c, &r);
	t->state = state;
}

static void do_fork(int c, struct gtask *t)
{
	unsigned id = mm_new(c, free_pid(), MMT_ALLOC_FORK);

	task_new(c, t, 0, id, 0, "child");
}

static void do_thread(int c, struct gtask *t)
{
	if (want("users_balance")) {		/* an mmget for nobody */
		say_injected(nrec);
		mm_ref(c, t->mm, MMT_OP_MMGET, MMT_WHY_CLONE_VM);
		return;
	}
	if (want("counter_mismatch")) {		/* counted twice, said once */
		say_injected(nrec);
		mms[t->mm].users++;
	}
	mm_ref(c, t->mm, MMT_OP_MMGET, MMT_WHY_CLONE_VM);
	task_new(c, t, 0, t->mm, MMT_CLONE_VM | (rnd(4) ? 0 : MMT_CLONE_VFORK),
		 "thread");
}

static void do_exec(int c, struct gtask *t)
{
	struct mmt_exec e = { REC(MMT_EXEC, mmt_exec), t->pid, t->mm, 0, 0,
			      "prog" };
	unsigned old = t->mm, active = t->active_mm;
	int skip = old && mms[old].users == 1 && mms[old].count == 1 &&
		   want("free_while_active");	/* the new pgd never loaded */

	e.new_mm = mm_new(c, t->pid, MMT_ALLOC_EXEC);
	if (!skip)
		cr3_load(c, e.new_mm, MMT_CR3_EXEC);
	emit(c, &e);
	if (t->kthread)
		nkthreads--;
	t->kthread = 0;
	t->mm = t->active_mm = e.new_mm;
	if (old)
		mmput(c, old, MMT_WHY_EXEC);
	else
		mmdrop(c, active, MMT_WHY_EXEC_LAZY);
	if (skip)
		say_injected(nrec - 1);		/* its MM_FREE */
}

static void do_exit(int c, struct gtask *t)
{
	struct mmt_task_exit x = { REC(MMT_TASK_EXIT, mmt_task_exit), t->pid,
				   0, 0, 0 };
	unsigned mm = t->mm;

	if (mm) {				/* exit_mm */
		mm_ref(c, mm, MMT_OP_MMGRAB, MMT_WHY_EXIT_GRAB);
		t->mm = 0;
		enter_lazy(c, t);
		mmput(c, mm, MMT_WHY_EXIT_MM);
		if (mms[mm].users == 0 && want("negative_counter")) {
			say_injected(nrec);
			mm_ref(c, mm, MMT_OP_MMPUT, MMT_WHY_EXIT_MM);
		}
	}
	emit(c, &x);
	t->exiting = 1;
	schedule(c, S_ZOMBIE);
}

static void do_wake(int c)
{
	struct gtask *s = find(sleeping);

	if (s)
		task_state(c, s, S_RUNNABLE);
}

static void do_reap(int c, struct gtask *t)
{
	struct gtask *z = find(reapable);

	if (z)
		task_free_rec(c, z, t->pid);
}

static void do_mmap(int c, struct gtask *t)
{
	struct mmt_mm_map r = { REC(MMT_MM_MAP, mmt_mm_map), t->mm,
				1 + rnd(3), 0, 0x40000000u + rnd(256) * 4096,
				4096 * (1 + rnd(16)) };

	emit(c, &r);
}

static void do_mark(int c, struct gtask *t)
{
	struct {
		struct mmt_mark m;
		char text[24];
	} r = { { { MMT_MARK, sizeof(struct mmt_mark) + 23, 0 }, t->pid, 0 },
		"synthetic work goes on." };

	emit(c, &r);
}

/* The adopted mm: a user task's, pinned with get_task_mm. */
static void do_use_mm(int c, struct gtask *k)
{
	struct gtask *u = find(user_task);
	struct mmt_use_mm r = { REC(MMT_USE_MM, mmt_use_mm), k->pid, 0,
				k->active_mm, 0 };
	unsigned old = k->active_mm;

	if (!u)
		return;
	r.mm = u->mm;
	mm_ref(c, r.mm, MMT_OP_MMGET, MMT_WHY_GET_TASK_MM);
	k->pin = r.mm;
	if (old != r.mm)
		mm_ref(c, r.mm, MMT_OP_MMGRAB, MMT_WHY_USE_MM);
	emit(c, &r);
	k->mm = k->active_mm = r.mm;
	k->use_mm = 1;
	if (cpus[c].cr3 != r.mm)
		cr3_load(c, r.mm, MMT_CR3_USE_MM);
	if (old && old != r.mm)
		mmdrop(c, old, MMT_WHY_USE_MM_DROP);
}

static void do_unuse_mm(int c, struct gtask *k)
{
	struct mmt_use_mm r = { REC(MMT_UNUSE_MM, mmt_use_mm), k->pid, k->mm,
				k->active_mm, 0 };

	emit(c, &r);
	k->mm = 0;
	k->use_mm = 0;
	enter_lazy(c, k);
	mmput(c, k->pin, MMT_WHY_PUT_TASK_MM);
	k->pin = 0;
}

/* A TLB shootdown reaches a lazy CPU: leave_mm. */
static void do_leave_mm(int c, struct gtask *k)
{
	struct mmt_ipi_recv i = { REC(MMT_IPI_RECV, mmt_ipi_recv),
				  k->active_mm, MMT_IPI_TLB, 0 };
	struct mmt_leave_mm l = { REC(MMT_LEAVE_MM, mmt_leave_mm),
				  k->active_mm, 0 };

	if (k->mm || !k->active_mm || cpus[c].cr3 != k->active_mm)
		return;
	emit(c, &i);
	emit(c, &l);
	cr3_load(c, MMT_MM_INIT, MMT_CR3_LEAVE);
}

static void do_spawn(int c, struct gtask *t)
{
	task_new(c, t, 1, 0, MMT_CLONE_VM, "kworker");
}

/* One of the weighted choices: returns the index drawn. */
static int draw(const int *w, int n)
{
	int i, sum = 0, r;

	for (i = 0; i < n; i++)
		sum += w[i];
	r = rnd(sum);
	for (i = 0; i < n; i++)
		if ((r -= w[i]) < 0)
			return i;
	return n - 1;
}

/* --inject of a rule that breaks by one record of its own. */
static int fault_step(int c, struct gtask *t)
{
	struct mmt_mm_free f = { REC(MMT_MM_FREE, mmt_mm_free), t->mm, 0,
				 PGD_BASE + t->mm * 0x1000, 0xc0100800u };

	if (mms[t->mm].count == 1 && want("count_without_users")) {
		say_injected(nrec);		/* a drop for nobody */
		mm_ref(c, t->mm, MMT_OP_MMDROP, MMT_WHY_PREV_MM);
	} else if (want("free_with_count")) {
		say_injected(nrec);		/* freed while in use */
		emit(c, &f);
	} else if (want("init_mm_freed")) {
		say_injected(nrec);
		f.mm = MMT_MM_INIT;
		f.pgd = SWAPPER_PGD;
		emit(c, &f);
	} else {
		return 0;
	}
	return 1;
}

static void step_user(int c, struct gtask *t)
{
	int room = ntasks < opt.tasks, mmroom = nmms < opt.mms;
	int w[] = {
		!winding && room && mmroom ? 6 : 0,	/* fork */
		!winding && room ? 4 : 0,		/* thread */
		!winding && mmroom ? 3 : 0,		/* exec */
		winding ? 12 : t->pid != 1 ? 5 : 0,	/* exit */
		12, 6, 8,				/* yield, sleep, wake */
		winding ? 0 : 4, 1,			/* mmap, mark */
		!winding && nkthreads < opt.kthreads ? 2 : 0,	/* kthread */
		6,					/* reap */
	};

	if (fault_step(c, t))
		return;
	switch (draw(w, sizeof w / sizeof w[0])) {
	case 0: do_fork(c, t); break;
	case 1: do_thread(c, t); break;
	case 2: do_exec(c, t); break;
	case 3: do_exit(c, t); break;
	case 4: schedule(c, S_RUNNABLE); break;
	case 5: task_state(c, t, S_SLEEPING); schedule(c, S_SLEEPING); break;
	case 6: do_wake(c); break;
	case 7: do_mmap(c, t); break;
	case 8: do_mark(c, t); break;
	case 9: do_spawn(c, t); break;
	default: do_reap(c, t);
	}
}

static void step_kthread(int c, struct gtask *k)
{
	int w[] = {
		!k->use_mm && !winding ? 3 : 0,		/* use_mm */
		k->use_mm ? (winding ? 20 : 4) : 0,	/* unuse_mm */
		winding ? 1 : 6, 8, 4,			/* sleep, yield, wake */
		k->use_mm ? 0 : winding ? 20 : 2,	/* exit */
		2,					/* leave_mm */
	};

	if (k->pid == 1) {			/* kernel_init execs init */
		do_exec(c, k);
		return;
	}
	switch (draw(w, sizeof w / sizeof w[0])) {
	case 0: do_use_mm(c, k); break;
	case 1: do_unuse_mm(c, k); break;
	case 2: task_state(c, k, S_SLEEPING); schedule(c, S_SLEEPING); break;
	case 3: schedule(c, S_RUNNABLE); break;
	case 4: do_wake(c); break;
	case 5: do_exit(c, k); break;
	default: do_leave_mm(c, k);
	}
}

static void step_idle(int c, struct gtask *idle)
{
	if (pick()) {
		schedule(c, S_RUNNABLE);
		return;
	}
	switch (rnd(winding ? 2 : 4)) {
	case 0: do_wake(c); break;
	case 1: if (winding) do_reap(c, idle); break;
	case 2: do_leave_mm(c, idle); break;
	}
}

static void step(int c)
{
	struct gtask *t = cpus[c].curr;

	if (t == &cpus[c].idle)
		step_idle(c, t);
	else if (t->kthread)
		step_kthread(c, t);
	else
		step_user(c, t);
}

/* --- the run ------------------------------------------------------------ */

static void boot(void)
{
	struct mmt_stream s = { REC(MMT_STREAM, mmt_stream), MMT_STREAM_MAGIC,
				MMT_VERSION, opt.cpus, 4, 2000000, { 0 } };
	struct mmt_boot b = { REC(MMT_BOOT, mmt_boot), opt.era, 0, opt.cpus,
			      0, 32768, FREE_PAGES, 100, "gentrace" };
	struct mmt_cpu_online on = { .h = REC(MMT_CPU_ONLINE, mmt_cpu_online) };
	struct mmt_mm_alloc a = { REC(MMT_MM_ALLOC, mmt_mm_alloc), MMT_MM_INIT,
				  0, SWAPPER_PGD, 2, 1, MMT_ALLOC_INIT, 0, 0 };
	unsigned c;

	emit(0, &s);
	emit(0, &b);
	for (c = 0; c < opt.cpus; c++) {
		on.apic_id = c;
		emit(c, &on);
	}
	emit(0, &a);
	mms[MMT_MM_INIT] = (struct gmm) { 2, 1, 1, 0 };
	for (c = 0; c < opt.cpus; c++) {
		cpus[c].idle = (struct gtask) { .kthread = 1, .on_cpu = 1,
						.cpu = c, .used = 1 };
		cpus[c].curr = &cpus[c].idle;
		cr3_load(c, MMT_MM_INIT, MMT_CR3_BOOT);
		mm_ref(c, MMT_MM_INIT, MMT_OP_MMGRAB, MMT_WHY_IDLE_INIT);
		cpus[c].idle.active_mm = MMT_MM_INIT;
	}
	task_new(0, NULL, 1, 0, MMT_CLONE_VM, "kernel_init");
	task_new(0, NULL, 1, 0, MMT_CLONE_VM, "kthreadd");
}

static void end_run(void)
{
	struct mmt_end e = { REC(MMT_END, mmt_end), MMT_END_OK, 0, 0,
			     FREE_PAGES, FREE_PAGES, 0, 0 };
	struct gtask *idle;
	unsigned c;

	for (c = 0; c < opt.cpus; c++) {	/* idle_task_exit */
		idle = &cpus[c].idle;
		if (cpus[c].cr3 != MMT_MM_INIT)
			cr3_load(c, MMT_MM_INIT, MMT_CR3_SWITCH);
		if (idle->active_mm)
			mmdrop(c, idle->active_mm, MMT_WHY_IDLE_EXIT);
		idle->active_mm = 0;
	}
	e.tasks = ntasks + (injected && !strcmp(opt.inject, "leak_at_end"));
	e.mms = nmms;
	emit(0, &e);
}

static void panic_run(void)
{
	struct {
		struct mmt_panic p;
		char msg[16];
	} r = { { { MMT_PANIC, sizeof(struct mmt_panic) + 15, 0 },
		  0xc0100900u, 0xff, 0, 0 }, "injected fault." };

	emit(0, &r);
}

static int all_idle(void)
{
	unsigned c;

	for (c = 0; c < opt.cpus; c++)
		if (cpus[c].curr != &cpus[c].idle)
			return 0;
	return 1;
}

/* Drop records of the next CPU to emit, from record at on. */
static void maybe_drop(void)
{
	int c = rnd(opt.cpus);

	if (opt.gap_len && nrec >= opt.gap_at) {
		flush_cpu(c);
		dropping[c] = opt.gap_len;
		opt.gap_len = 0;
	}
	if (opt.lost_len && nrec >= opt.lost_at) {
		dropping[c] = opt.lost_len;
		drop_lost[c] = 1;
		opt.lost_len = 0;
	}
}

static void run(void)
{
	uint64_t steps = 0, limit = 0;

	boot();
	schedule(0, S_RUNNABLE);
	for (;;) {
		step(rnd(opt.cpus));
		maybe_drop();
		if (panic_at && nrec >= panic_at) {
			panic_run();
			return;
		}
		if (!winding && nrec >= opt.events) {
			winding = 1;
			limit = steps + 1000000 + 100 * opt.tasks;
		}
		if (winding && !ntasks && all_idle())
			break;
		if (winding && ++steps > limit)
			die("the wind-down is stuck (a bug in gentrace)");
	}
	end_run();
}


/* --- the program -------------------------------------------------------- */

static const char usage[] =
"usage: gentrace -o FILE [--events N] [--cpus N] [--tasks N] [--mms N]\n"
"                [--kthreads N] [--era 2.6.32|modern] [--seed S]\n"
"                [--inject RULE@N] [--after N] [--gap N[:K]] [--lost N[:K]]\n";

static unsigned long num(const char *s, const char *what)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (!*s || (*end && *end != ':' && *end != '@'))
		die("bad %s '%s'", what, s);
	return v;
}

/* N[:K] */
static void at_len(const char *s, unsigned long *at, unsigned long *len,
		   const char *what)
{
	const char *colon = strchr(s, ':');

	*at = num(s, what);
	*len = colon ? num(colon + 1, what) : 10;
}

static void args(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "events", 1, 0, 'e' }, { "cpus", 1, 0, 'c' },
		{ "tasks", 1, 0, 't' }, { "mms", 1, 0, 'm' },
		{ "kthreads", 1, 0, 'k' }, { "era", 1, 0, 'E' },
		{ "seed", 1, 0, 's' }, { "inject", 1, 0, 'i' },
		{ "after", 1, 0, 'a' }, { "gap", 1, 0, 'g' },
		{ "lost", 1, 0, 'l' }, { 0, 0, 0, 0 }
	};
	char *at;
	int o;

	while ((o = getopt_long(argc, argv, "o:", lo, NULL)) != -1) {
		switch (o) {
		case 'o': opt.out = optarg; break;
		case 'e': opt.events = num(optarg, "--events"); break;
		case 'c': opt.cpus = num(optarg, "--cpus"); break;
		case 't': opt.tasks = num(optarg, "--tasks"); break;
		case 'm': opt.mms = num(optarg, "--mms"); break;
		case 'k': opt.kthreads = num(optarg, "--kthreads"); break;
		case 's': opt.seed = num(optarg, "--seed"); break;
		case 'a': opt.after = num(optarg, "--after"); break;
		case 'g': at_len(optarg, &opt.gap_at, &opt.gap_len, "--gap"); break;
		case 'l': at_len(optarg, &opt.lost_at, &opt.lost_len, "--lost"); break;
		case 'E':
			if (strcmp(optarg, "2.6.32") && strcmp(optarg, "modern"))
				die("--era is 2.6.32 or modern");
			opt.era = strcmp(optarg, "modern") ? MMT_ERA_2632 :
							     MMT_ERA_MODERN;
			break;
		case 'i':
			opt.inject = optarg;
			if ((at = strchr(optarg, '@'))) {
				*at = '\0';
				opt.inject_at = num(at + 1, "--inject");
			}
			break;
		default:
			fputs(usage, stderr);
			exit(2);
		}
	}
	if (!opt.out || optind != argc)
		die("%s", usage);
	if (opt.cpus < 1 || opt.cpus > MAXCPU || opt.tasks < 1 ||
	    opt.tasks > MAXPID / 2 || opt.mms < 1 || opt.mms > MAXMM / 2)
		die("--cpus 1..%d, --tasks 1..%d, --mms 1..%d", MAXCPU,
		    MAXPID / 2, MAXMM / 2);
}

int main(int argc, char **argv)
{
	struct mmt_file_header h;
	static char buf[1 << 20];

	args(argc, argv);
	rng ^= opt.seed * 0x9e3779b97f4a7c15ull;
	out = fopen(opt.out, "w");
	if (!out)
		die("%s: cannot write", opt.out);
	setvbuf(out, buf, _IOFBF, sizeof buf);
	mmtfile_header_init(&h, "(synthetic: gentrace)", NULL,
			    "scenario=gentrace", "");
	fwrite(&h, sizeof h, 1, out);
	encode_init(&enc, 4, out_file, NULL);
	encode_delim(&enc);
	run();
	flush_all();
	if (opt.inject && !injected)
		fprintf(stderr, "gentrace: no chance to inject %s\n",
			opt.inject);
	if (fclose(out))
		die("%s: write failed", opt.out);
	fprintf(stderr, "gentrace: %llu events\n", (unsigned long long)nrec);
	return 0;
}
