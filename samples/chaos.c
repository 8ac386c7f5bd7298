/*
 * chaos - a random program drawn from seed= (count= or ops= operations,
 * default DEFAULT_OPS), for property tests of the kernel: whatever the
 * program, a run must end with the checker clean and nothing left or
 * lost (samples/chaos.expect), and memory must agree with the trace
 * (mmscope verify --every).
 *
 * P (pid 1) draws each operation from a xorshift32 generator seeded
 * with seed=.  A child or thread it makes gets a seed of its own, drawn
 * by P, from which it draws its own little program (plan()), so P knows
 * what each will do and what its exit status must be.  P's operations:
 *
 *   fork      a child runs its little program: mmap/munmap, brk, yield,
 *             sleep, moving to random CPUs, grandchildren that it may
 *             leave behind (orphans go to P), vfork+exec, a thread, exec
 *   thread    a CLONE_VM thread runs one too (no brk, no thread)
 *   vfork     the child execs stress_child; exec: a forked child does
 *   kthread   a sleeper, marker or busy kernel thread, maybe bound to a
 *             CPU, maybe never started; poked, stopped later
 *   use_mm    a kernel thread use_mm()s P's or a child's mm to write
 *   map, unmap, brk   P's own regions: TLB shootdowns to the CPUs its
 *             threads run on and those lazy on its mm
 *   affinity  P or one of its tasks may now run only on random CPUs
 *   reap, join, stop  in random order, long after the exit
 *   yield, sleep
 *
 * At the end P joins, stops and reaps what is left, orphans included,
 * and gives its regions back.  Every status is checked; a failure is
 * said on the console and in a MARK (seed, operation, what), and P
 * exits 1.  On one CPU a seed is one program; on several the CPUs race.
 */
#include "user.h"

#define DEFAULT_OPS	60
#define PAGE		4096
#define MAXKIDS		10	/* children not yet reaped */
#define MAXTHR		5	/* threads not yet joined (ulib keeps NTHREADS) */
#define MAXKT		5	/* kernel threads not yet stopped (the kernel has 8) */
#define MAXMAPS		6	/* P's mmap regions */
#define MAXMAP_PAGES	4	/* pages of one region */
#define MAXBRK		8	/* pages P's heap grows to at most */
#define LITTLE_MAX	6	/* operations of a child's or a thread's program */
#define GRAND_CODE	42	/* a grandchild's exit status */

/* --- xorshift32 (Marsaglia, 2003) ------------------------------------ */

struct rng {
	uint x;				/* never 0 */
};

static void rng_seed(struct rng *r, uint seed)
{
	r->x = seed * 2654435761u ^ 0x9e3779b9u;
	if (r->x == 0)
		r->x = 1;
}

static uint rnd(struct rng *r)
{
	uint x = r->x;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return r->x = x;
}

static uint below(struct rng *r, uint n)
{
	return rnd(r) % n;
}

/* --- the little programs of children and threads --------------------- */

enum { L_MAP, L_BRK, L_YIELD, L_SLEEP, L_PIN, L_FORK, L_VFORK, L_THREAD, L_EXEC, NLITTLE };

static const char *const little_names[NLITTLE] = {
	"map", "brk", "yield", "sleep", "pin", "fork", "vfork", "thread", "exec",
};

struct plan {
	int n;				/* operations */
	unsigned char op[LITTLE_MAX];	/* L_* */
	uint arg[LITTLE_MAX];		/* each one's random bits */
	int execs;			/* the last one is L_EXEC */
	int code;			/* exit code, if it does not exec */
};

/* The little program of seed; a thread's has no brk and no thread of its own. */
static void plan(uint seed, int thread, struct plan *p)
{
	struct rng r;
	int i;

	rng_seed(&r, seed);
	p->n = below(&r, LITTLE_MAX + 1);
	p->execs = 0;
	p->code = 1 + seed % 100;
	for (i = 0; i < p->n; i++) {
		p->op[i] = below(&r, NLITTLE);
		if (thread && (p->op[i] == L_BRK || p->op[i] == L_THREAD))
			p->op[i] = L_YIELD;
		p->arg[i] = rnd(&r);
		if (p->op[i] == L_EXEC) {
			p->execs = 1;
			p->n = i + 1;
		}
	}
}

/* The wait status the task running plan p ends with (stress_child exits 0). */
static int plan_status(const struct plan *p)
{
	return p->execs ? 0 : p->code << 8;
}

static int ncpu;			/* CPUs online */

/* A CPU mask from random bits: one CPU, or any. */
static uint cpu_mask(uint arg)
{
	return arg & 0x100 ? ALL_CPUS : 1u << (arg % ncpu);
}

/* Wait for pid and check its status; 0 if it is want. */
static int reap_as(int pid, int want)
{
	int status = -1;

	return wait(pid, &status) == pid && status == want ? 0 : 1;
}

static void __attribute__((noreturn)) grandchild(uint arg)
{
	if (arg & 1)
		yield();
	if (arg & 2)
		sched_setaffinity(0, cpu_mask(arg >> 8));
	if (arg & 4) {
		execve("stress_child");
		exit(127);
	}
	exit(GRAND_CODE);
}

/* Map 1..3 pages, write them, unmap them (the first page on its own, or all). */
static int little_map(uint arg)
{
	uint pages = 1 + arg % 3, i;
	char *p = mmap(pages * PAGE);

	if ((int) p < 0)
		return 1;
	for (i = 0; i < pages; i++)
		p[i * PAGE] = i;
	if ((arg & 0x10) && pages > 1)
		return munmap(p, PAGE) < 0 || munmap(p + PAGE, (pages - 1) * PAGE) < 0;
	return munmap(p, pages * PAGE) < 0;
}

/* Grow the heap 1..3 pages, write them, shrink it back. */
static int little_brk(uint arg)
{
	uint pages = 1 + arg % 3;
	char *old = sbrk(pages * PAGE);

	if (old == (char *) -1)
		return 1;
	old[0] = 1;
	old[pages * PAGE - 1] = 1;
	return brk(old) != old;
}

/* A grandchild that exits or execs; reaped now, or left behind (bit 8). */
static int little_fork(uint arg)
{
	int pid = fork();

	if (pid == 0)
		grandchild(arg);
	if (pid < 0)
		return 1;
	if (arg & 0x100)
		return 0;
	return reap_as(pid, arg & 4 ? 0 : GRAND_CODE << 8);
}

static int little_vfork(uint arg)
{
	int pid = vfork();

	if (pid == 0) {
		execve("stress_child");
		exit(127);
	}
	if (pid < 0)
		return 1;
	return arg & 0x100 ? 0 : reap_as(pid, 0);
}

static int little(uint seed, int thread);

static int thread_little(void *seed)
{
	return little((uint) seed, 1);
}

static int little_thread(uint arg)
{
	struct plan p;
	int pid, status = -1;

	plan(arg, 1, &p);
	if ((pid = thread_create(thread_little, (void *) arg)) == -EAGAIN)
		return 0;		/* the parent's threads fill ulib's table */
	if (pid < 0)
		return 1;
	return thread_join(pid, &status) != pid || status != plan_status(&p);
}

/* Run one operation of a little program; 0 if it went well. */
static int little_op(int op, uint arg)
{
	switch (op) {
	case L_MAP:	return little_map(arg);
	case L_BRK:	return little_brk(arg);
	case L_YIELD:	return yield() != 0;
	case L_SLEEP:	return sleep(1 + arg % 8) != 0;
	case L_PIN:	return sched_setaffinity(0, cpu_mask(arg)) != 0;
	case L_FORK:	return little_fork(arg);
	case L_VFORK:	return little_vfork(arg);
	case L_THREAD:	return little_thread(arg);
	case L_EXEC:	execve("stress_child"); return 1;
	}
	return 1;
}

/*
 * A child's or a thread's program: its exit code, or 100 + the
 * operation that failed (which its parent then reports).
 */
static int little(uint seed, int thread)
{
	struct plan p;
	int i;

	plan(seed, thread, &p);
	for (i = 0; i < p.n; i++) {
		if (little_op(p.op[i], p.arg[i])) {
			printf("chaos: pid %d, seed %u: %s failed\n", getpid(), seed,
			       little_names[p.op[i]]);
			return 100 + p.op[i];
		}
	}
	return p.code;
}

/* --- P -------------------------------------------------------------- */

struct kid {				/* a child or a thread */
	int pid;
	int status;			/* the wait status it must end with */
	int target;			/* keeps its mm to the end: use_mm may write into it */
};

struct kt {				/* a kernel thread */
	int pid;
	int kind;			/* KT_* */
	int arg;			/* sleeper: rounds; use_mm: the target pid */
	int slot;			/* use_mm: where it writes, written[slot] */
	int started;
};

static struct rng r;
static uint seed;
static int op_no;			/* the operation being done, from 1 */
static struct kid kids[MAXKIDS], thr[MAXTHR];
static int nkids, nthr;
static struct kt kts[MAXKT];
static int nkt;
static volatile uint written[MAXKT];	/* what the use_mm threads write */
static int slot_used[MAXKT];
static char *maps[MAXMAPS];
static uint map_pages[MAXMAPS];
static int nmaps;
static char *heap0;			/* the heap's end at the start */
static uint heap_pages;

/* Say what failed, on the console and in a MARK; P's operation fails. */
static int failed(const char *what, int a, int b)
{
	char line[128];

	snprintf(line, sizeof(line), "chaos: seed %u op %d: %s %d %d", seed, op_no, what, a, b);
	printf("%s\n", line);
	mark(line);
	return 1;
}

static int p_reap(void);
static int p_join(void);
static int p_stop(void);
static int p_unmap(void);

static int p_fork(void)
{
	struct plan p;
	uint s = rnd(&r);
	int pid;

	if (nkids == MAXKIDS)
		return p_reap();
	plan(s, 0, &p);
	if ((pid = fork()) == 0)
		exit(little(s, 0));
	if (pid < 0)
		return failed("fork", pid, 0);
	kids[nkids++] = (struct kid) { pid, plan_status(&p), !p.execs };
	return 0;
}

static int p_thread(void)
{
	struct plan p;
	uint s = rnd(&r);
	int pid;

	if (nthr == MAXTHR)
		return p_join();
	plan(s, 1, &p);
	if ((pid = thread_create(thread_little, (void *) s)) < 0)
		return failed("thread_create", pid, 0);
	thr[nthr++] = (struct kid) { pid, plan_status(&p), 0 };
	return 0;
}

/* vfork, or fork (then the child may move first); the child execs. */
static int p_exec(int use_vfork)
{
	uint arg = rnd(&r);
	int pid;

	if (nkids == MAXKIDS)
		return p_reap();
	pid = use_vfork ? vfork() : fork();
	if (pid == 0) {
		if (!use_vfork && (arg & 1))
			sched_setaffinity(0, cpu_mask(arg >> 1));
		execve(arg & 2 ? "hello" : "stress_child");
		exit(127);
	}
	if (pid < 0)
		return failed(use_vfork ? "vfork" : "fork", pid, 0);
	kids[nkids++] = (struct kid) { pid, 0, 0 };
	return 0;
}

/*
 * A sleeper, a marker or (less often: it keeps a CPU busy until it is
 * stopped) a busy kernel thread, one busy one at a time.
 */
static int p_kthread(void)
{
	static const unsigned char kinds[] = { KT_SLEEPER, KT_SLEEPER, KT_MARKER, KT_MARKER,
					       KT_BUSY };
	int kind = kinds[below(&r, sizeof(kinds))], i, pid, rounds = 1 + below(&r, 3);
	uint arg = rnd(&r);

	if (nkt == MAXKT)
		return p_stop();
	for (i = 0; i < nkt && kind == KT_BUSY; i++)
		if (kts[i].kind == KT_BUSY)
			kind = KT_MARKER;
	if ((pid = kthread_create(kind, rounds, 0)) < 0)
		return failed("kthread_create", kind, pid);
	if ((arg & 1) && (i = kthread_bind(pid, (arg >> 1) % ncpu)) != 0)
		return failed("kthread_bind", pid, i);
	kts[nkt++] = (struct kt) { pid, kind, rounds, -1, (arg & 0x30) != 0 };
	if (kts[nkt - 1].started && (i = kthread_start(pid)) != 0)
		return failed("kthread_start", pid, i);
	return 0;
}

/* A kernel thread use_mm()s P's mm, or a child's, and writes into it. */
static int p_use_mm(void)
{
	int k = below(&r, nkids + 1), target = getpid(), slot, pid;

	if (nkt == MAXKT)
		return p_stop();
	if (k < nkids && kids[k].target)
		target = kids[k].pid;
	for (slot = 0; slot_used[slot]; slot++)
		;
	slot_used[slot] = 1;
	written[slot] = 0;
	if ((pid = kthread(KT_USE_MM, target, (uint) &written[slot])) < 0)
		return failed("kthread use_mm", target, pid);
	kts[nkt++] = (struct kt) { pid, KT_USE_MM, target, slot, 1 };
	return 0;
}

static int p_poke(void)
{
	int i, err;

	for (i = 0; i < nkt; i++)
		if (kts[i].kind == KT_SLEEPER && kts[i].started)
			break;
	if (i == nkt)
		return 0;
	if ((err = kthread_poke(kts[i].pid)) != 0)
		return failed("kthread_poke", kts[i].pid, err);
	return 0;
}

/* Is res what kernel thread k may end with? */
static int kt_result_ok(const struct kt *k, int res)
{
	if (k->kind == KT_USE_MM) {
		if (k->arg == getpid())
			return res == 0 && written[k->slot] == USE_MM_VALUE;
		return res == 0 || res == ESRCH || res == EFAULT;
	}
	if (!k->started || res == -EINTR)	/* stopped before it ran */
		return res == -EINTR;
	if (k->kind == KT_SLEEPER)
		return res >= 0 && res <= k->arg;
	if (k->kind == KT_BUSY)
		return res == 0 || res == 1;
	return res == 0;
}

/* Stop a kernel thread (a use_mm one ends by itself: join it). */
static int p_stop(void)
{
	int i, res;
	struct kt k;

	if (nkt == 0)
		return 0;
	i = below(&r, nkt);
	k = kts[i];
	kts[i] = kts[--nkt];
	res = k.kind == KT_USE_MM ? kthread_join(k.pid) : kthread_stop(k.pid);
	if (k.slot >= 0)
		slot_used[k.slot] = 0;
	if (!kt_result_ok(&k, res))
		return failed(k.kind == KT_USE_MM ? "use_mm result" : "kthread result", k.pid,
			      res);
	return 0;
}

static int p_reap(void)
{
	int i, status = -1, pid;
	struct kid c;

	if (nkids == 0)
		return 0;
	i = below(&r, nkids);
	c = kids[i];
	kids[i] = kids[--nkids];
	if ((pid = wait(c.pid, &status)) != c.pid)
		return failed("wait", c.pid, pid);
	if (status != c.status)
		return failed("child's status", c.pid, status);
	return 0;
}

static int p_join(void)
{
	int i, status = -1, pid;
	struct kid t;

	if (nthr == 0)
		return 0;
	i = below(&r, nthr);
	t = thr[i];
	thr[i] = thr[--nthr];
	if ((pid = thread_join(t.pid, &status)) != t.pid)
		return failed("thread_join", t.pid, pid);
	if (status != t.status)
		return failed("thread's status", t.pid, status);
	return 0;
}

static int p_map(void)
{
	uint pages = 1 + below(&r, MAXMAP_PAGES), i;
	char *p;

	if (nmaps == MAXMAPS)
		return p_unmap();
	if ((int) (p = mmap(pages * PAGE)) < 0)
		return failed("mmap", pages, (int) p);
	for (i = 0; i < pages; i++)
		p[i * PAGE] = 1;
	maps[nmaps] = p;
	map_pages[nmaps++] = pages;
	return 0;
}

/* munmap a region's first page, or all of it. */
static int p_unmap(void)
{
	int i, err;
	uint len;

	if (nmaps == 0)
		return 0;
	i = below(&r, nmaps);
	len = map_pages[i] > 1 && below(&r, 2) ? 1 : map_pages[i];
	if ((err = munmap(maps[i], len * PAGE)) != 0)
		return failed("munmap", len, err);
	maps[i] += len * PAGE;
	if ((map_pages[i] -= len) == 0) {
		maps[i] = maps[--nmaps];
		map_pages[i] = map_pages[nmaps];
	}
	return 0;
}

/* Grow or shrink the heap by 1..3 pages. */
static int p_brk(void)
{
	uint n = 1 + below(&r, 3);
	char *end = heap0 + heap_pages * PAGE, *want;

	if (heap_pages + n > MAXBRK || (heap_pages >= n && below(&r, 2)))
		want = end - n * PAGE;
	else
		want = end + n * PAGE;
	if (brk(want) != want)
		return failed("brk", (int) want, (int) brk(0));
	heap_pages = (want - heap0) / PAGE;
	if (want > end)
		want[-1] = 1;
	return 0;
}

/* P, or one of its tasks, may now run only on random CPUs. */
static int p_affinity(void)
{
	int k = below(&r, 2 * (nkids + nthr + nkt) + 1), pid = 0, err;
	uint mask = cpu_mask(rnd(&r));

	if (k < nkids)
		pid = kids[k].pid;
	else if ((k -= nkids) < nthr)
		pid = thr[k].pid;
	else if ((k -= nthr) < nkt)
		pid = kts[k].pid;
	err = sched_setaffinity(pid, mask);
	if (err != 0 && (pid == 0 || err != -ESRCH))
		return failed("sched_setaffinity", pid, err);
	return 0;
}

enum {
	P_FORK, P_THREAD, P_VFORK, P_EXEC, P_KTHREAD, P_USE_MM, P_POKE, P_STOP, P_MAP,
	P_UNMAP, P_BRK, P_AFFINITY, P_REAP, P_JOIN, P_YIELD, P_SLEEP, NP
};

/* How often each operation is drawn, out of their sum. */
static const unsigned char weight[NP] = {
	[P_FORK] = 16, [P_THREAD] = 8, [P_VFORK] = 6, [P_EXEC] = 6, [P_KTHREAD] = 6,
	[P_USE_MM] = 5, [P_POKE] = 4, [P_STOP] = 6, [P_MAP] = 8, [P_UNMAP] = 8,
	[P_BRK] = 5, [P_AFFINITY] = 10, [P_REAP] = 10, [P_JOIN] = 6, [P_YIELD] = 5,
	[P_SLEEP] = 3,
};

static int draw(void)
{
	uint sum = 0, x;
	int op;

	for (op = 0; op < NP; op++)
		sum += weight[op];
	x = below(&r, sum);
	for (op = 0; x >= weight[op]; op++)
		x -= weight[op];
	return op;
}

static int p_op(int op)
{
	switch (op) {
	case P_FORK:		return p_fork();
	case P_THREAD:		return p_thread();
	case P_VFORK:		return p_exec(1);
	case P_EXEC:		return p_exec(0);
	case P_KTHREAD:		return p_kthread();
	case P_USE_MM:		return p_use_mm();
	case P_POKE:		return p_poke();
	case P_STOP:		return p_stop();
	case P_MAP:		return p_map();
	case P_UNMAP:		return p_unmap();
	case P_BRK:		return p_brk();
	case P_AFFINITY:	return p_affinity();
	case P_REAP:		return p_reap();
	case P_JOIN:		return p_join();
	case P_YIELD:		return yield() != 0;
	case P_SLEEP:		return sleep(1 + below(&r, 10)) != 0;
	}
	return 1;
}

/* Everything left: threads, kernel threads, children, orphans, regions, heap. */
static int finish(void)
{
	int status, pid;

	while (nthr)
		if (p_join())
			return 1;
	while (nkt)
		if (p_stop())
			return 1;
	while (nkids)
		if (p_reap())
			return 1;
	while ((pid = wait(-1, &status)) > 0)
		if (status != 0 && status != GRAND_CODE << 8)
			return failed("orphan's status", pid, status);
	if (pid != -ECHILD)
		return failed("wait for orphans", pid, 0);
	for (; nmaps > 0; nmaps--)
		if (munmap(maps[nmaps - 1], map_pages[nmaps - 1] * PAGE) != 0)
			return failed("munmap at the end", nmaps, 0);
	if (brk(heap0) != heap0)
		return failed("brk at the end", (int) heap0, (int) brk(0));
	return 0;
}

int main(void)
{
	int ops = param(PARAM_COUNT);
	char line[64];

	if (ops <= 0)
		ops = DEFAULT_OPS;
	seed = (uint) param(PARAM_SEED);
	ncpu = ncpus();
	rng_seed(&r, seed);
	heap0 = brk(0);
	snprintf(line, sizeof(line), "chaos seed=%u ops=%d", seed, ops);
	mark(line);
	for (op_no = 1; op_no <= ops; op_no++)
		if (p_op(draw()))
			return 1;
	op_no = 0;
	if (finish())
		return 1;
	printf("chaos: seed %u: %d operations on %d cpus: ok\n", seed, ops, ncpu);
	return 0;
}
