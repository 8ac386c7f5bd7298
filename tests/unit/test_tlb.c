/*
 * test_tlb.c - the modern era's lazy TLB in the model and the rule
 * stale_tlb, on hand-built traces of two CPUs.
 *
 * CPU 1 runs task 1 on mm 2, then its idle task lazily on mm 2; a flush
 * on CPU 0 leaves CPU 1 out (TLB_SKIP); task 1 comes back to CPU 1 (a
 * SAME switch) and is switched out again.  With its TLB_CATCHUP after
 * the switch, or even before the skip (a kernel that stamps its skip
 * late), nothing is wrong; with the skip after the switch back (its
 * SWITCH is stamped before switch_mm reads the tlb_gen) neither;
 * without it, stale_tlb at the switch-out.  A skip that comes while
 * the task runs is no fault: the next switch back owes the catch-up.  A use_mm
 * thread on the stale CPU is held to the same at UNUSE_MM.  exit_mmap
 * must find no other CPU on the mm (a lazy one got leave_mm), and era
 * 2.6.32 must never skip.  The model's per-CPU state follows: stale
 * after the skip, fresh after the catch-up or any CR3 write.
 */
#include <stdio.h>
#include <string.h>
#include "model/checker.h"
#include "tbuild.h"
#include "tap.h"

static uint64_t tb_skip(struct tb *t, int cpu, uint32_t mask, unsigned mm,
			uint32_t gen)
{
	struct mmt_tlb_skip s = { TB_H(MMT_TLB_SKIP, mmt_tlb_skip), mask, mm, 0,
				  gen };

	return tb_rec(t, cpu, &s);
}

static uint64_t tb_catchup(struct tb *t, int cpu, unsigned mm, uint32_t local,
			   uint32_t gen)
{
	struct mmt_tlb_catchup c = { TB_H(MMT_TLB_CATCHUP, mmt_tlb_catchup), mm,
				     0, local, gen };

	return tb_rec(t, cpu, &c);
}

static uint64_t tb_exit_mmap(struct tb *t, int cpu, unsigned mm)
{
	struct mmt_exit_mmap x = { TB_H(MMT_EXIT_MMAP, mmt_exit_mmap), mm, 1,
				   4 };

	return tb_rec(t, cpu, &x);
}

static uint64_t tb_leave(struct tb *t, int cpu, unsigned mm)
{
	struct mmt_leave_mm l = { TB_H(MMT_LEAVE_MM, mmt_leave_mm), mm, 0 };

	tb_rec(t, cpu, &l);
	return tb_cr3(t, cpu, MMT_MM_INIT, MMT_CR3_LEAVE);
}

/*
 * The timeline of t, ended by an END as the kernel ends a trace (a trace
 * without one is cut, and the model no longer vouches for its tail).
 */
static struct timeline *timeline(struct tb *t)
{
	tb_end(t, 0, 0, 0, 900);
	return tb_timeline(t, 0);
}

/* Task 1 with mm 2 runs on CPU 1, then CPU 1's idle task is lazy on mm 2. */
static void lazy_cpu1(struct tb *t, int era)
{
	tb_init(t, 2, era);
	tb_alloc(t, 0, 2, 1, MMT_ALLOC_EXEC);
	tb_task(t, 0, 1, 0, 0, 0, 2, "user");
	tb_switch(t, 1, 0, 1, 0, 1, 2, 2, MMT_TASK_RUNNING,
		  MMT_SW_LOAD | MMT_SW_PREV_MM);
	tb_cr3(t, 1, 2, MMT_CR3_SWITCH);
	tb_switch(t, 1, 1, 0, 2, 2, 0, 2, MMT_TASK_SLEEPING, MMT_SW_LAZY);
	tb_lazy(t, 1, 0, 2);
}

/* Task 1 back on CPU 1 from lazy mode (no CR3 write), and out again. */
static uint64_t back_and_out(struct tb *t, int catch_up)
{
	tb_switch(t, 1, 0, 1, 0, 2, 2, 2, MMT_TASK_RUNNING,
		  MMT_SW_SAME | MMT_SW_PREV_MM);
	if (catch_up)
		tb_catchup(t, 1, 2, 0, 1);
	return tb_switch(t, 1, 1, 0, 2, 2, 0, 2, MMT_TASK_SLEEPING,
			 MMT_SW_LAZY);
}

/* The stale_tlb violations of tl; the first one's event and detail. */
static unsigned stale(const struct timeline *tl, uint64_t *n, char *detail,
		      size_t len)
{
	unsigned k = 0;
	size_t i;

	for (i = 0; i < tl->found.nv; i++) {
		if (tl->found.v[i].rule != RULE_STALE_TLB)
			continue;
		if (!k++) {
			*n = tl->found.v[i].n;
			snprintf(detail, len, "%s", tl->found.v[i].detail);
		}
	}
	return k;
}

/* The catch-up comes after the switch, before it, or never. */
static void catch_up(void)
{
	struct timeline *tl;
	struct tb t;
	uint64_t n = 0, out;
	char d[256] = "";

	lazy_cpu1(&t, MMT_ERA_MODERN);
	tb_skip(&t, 0, 0x2, 2, 1);
	back_and_out(&t, 1);
	tl = timeline(&t);
	tap_ok(stale(tl, &n, d, sizeof d) == 0 &&
		       tl->tail->cpu[1].tlb_stale == 0 &&
		       tl->tail->cpu[1].tlb_mm == 2 &&
		       tl->tail->cpu[1].tlb_gen == 1,
	       "skipped, then caught up at the switch back: no violation, CPU "
	       "1 fresh");
	tl_free(tl);
	tb_free_all(&t);

	lazy_cpu1(&t, MMT_ERA_MODERN);
	tb_switch(&t, 1, 0, 1, 0, 2, 2, 2, MMT_TASK_RUNNING,
		  MMT_SW_SAME | MMT_SW_PREV_MM);
	tb_catchup(&t, 1, 2, 0, 1);
	tb_skip(&t, 0, 0x2, 2, 1);
	tb_switch(&t, 1, 1, 0, 2, 2, 0, 2, MMT_TASK_SLEEPING, MMT_SW_LAZY);
	tl = timeline(&t);
	tap_ok(stale(tl, &n, d, sizeof d) == 0 &&
		       tl->tail->cpu[1].tlb_stale == 0,
	       "the skip recorded after the catch-up it caused: no violation");
	tl_free(tl);
	tb_free_all(&t);

	lazy_cpu1(&t, MMT_ERA_MODERN);
	tb_switch(&t, 1, 0, 1, 0, 2, 2, 2, MMT_TASK_RUNNING,
		  MMT_SW_SAME | MMT_SW_PREV_MM);
	tb_skip(&t, 0, 0x2, 2, 1);
	tb_catchup(&t, 1, 2, 0, 1);
	tb_switch(&t, 1, 1, 0, 2, 2, 0, 2, MMT_TASK_SLEEPING, MMT_SW_LAZY);
	tl = timeline(&t);
	tap_ok(stale(tl, &n, d, sizeof d) == 0 &&
		       tl->tail->cpu[1].tlb_stale == 0,
	       "the skip between the switch back and its catch-up: no "
	       "violation");
	tl_free(tl);
	tb_free_all(&t);

	lazy_cpu1(&t, MMT_ERA_MODERN);
	tb_skip(&t, 0, 0x2, 2, 1);
	out = back_and_out(&t, 0);
	tl = timeline(&t);
	tap_ok(stale(tl, &n, d, sizeof d) == 1 && n == out &&
		       strstr(d, "pid 1 used mm 2 on cpu 1") &&
		       strstr(d, "tlb_gen 1"),
	       "no catch-up: stale_tlb when the task leaves CPU 1 ('%s')", d);
	tl_free(tl);
	tb_free_all(&t);
}

/*
 * The skip comes while task 1 runs on CPU 1 (the flush decided whom to
 * leave out after task 1 had left): no fault then; the next switch back
 * from lazy mode owes the catch-up.
 */
static void skip_while_running(void)
{
	struct timeline *tl;
	struct tb t;
	uint64_t n = 0, out;
	char d[256] = "";

	tb_init(&t, 2, MMT_ERA_MODERN);
	tb_alloc(&t, 0, 2, 1, MMT_ALLOC_EXEC);
	tb_task(&t, 0, 1, 0, 0, 0, 2, "user");
	tb_switch(&t, 1, 0, 1, 0, 1, 2, 2, MMT_TASK_RUNNING,
		  MMT_SW_LOAD | MMT_SW_PREV_MM);
	tb_cr3(&t, 1, 2, MMT_CR3_SWITCH);
	tb_skip(&t, 0, 0x2, 2, 1);
	tb_switch(&t, 1, 1, 0, 2, 2, 0, 2, MMT_TASK_SLEEPING, MMT_SW_LAZY);
	tb_lazy(&t, 1, 0, 2);
	tl = timeline(&t);
	tap_ok(stale(tl, &n, d, sizeof d) == 0 &&
		       tl->tail->cpu[1].tlb_stale == 2,
	       "a skip while the task runs: no fault, CPU 1 stale from then "
	       "on");
	tl_free(tl);
	out = back_and_out(&t, 0);
	tl = timeline(&t);
	tap_ok(stale(tl, &n, d, sizeof d) == 1 && n == out,
	       "...and its next switch back owes the catch-up ('%s')", d);
	tl_free(tl);
	tb_free_all(&t);
}

/* The model: stale after the skip, until a CR3 write. */
static void model_state(void)
{
	struct model *m = model_new();
	struct timeline *tl;
	struct tb t;
	uint64_t skip;

	lazy_cpu1(&t, MMT_ERA_MODERN);
	skip = tb_skip(&t, 0, 0x2, 2, 4);
	tb_leave(&t, 1, 2);
	tl = timeline(&t);
	tl_seek(tl, m, skip + 1);
	tap_ok(m->cpu[1].tlb_stale == 2 && m->cpu[1].stale_gen == 4 &&
		       m->cpu[1].stale_n == skip && m->cpu[0].tlb_stale == 0,
	       "after TLB_SKIP CPU 1 is stale on mm 2 at tlb_gen 4, CPU 0 not");
	tap_ok(tl->tail->cpu[1].tlb_stale == 0 && tl->tail->cpu[1].cr3 == 1,
	       "leave_mm's CR3 write ends it");
	tl_free(tl);
	tb_free_all(&t);
	model_free(m);
}

/* A use_mm thread on the stale CPU writes into the mm. */
static void use_mm(void)
{
	struct timeline *tl;
	struct tb t;
	uint64_t n = 0, un;
	char d[256] = "";
	int caught;

	for (caught = 0; caught < 2; caught++) {
		lazy_cpu1(&t, MMT_ERA_MODERN);
		tb_task(&t, 1, 3, 2, 1, MMT_CLONE_VM, 0, "worker");
		tb_switch(&t, 1, 0, 3, 0, 2, 0, 2, MMT_TASK_RUNNING,
			  MMT_SW_LAZY | MMT_SW_HANDOFF);
		tb_skip(&t, 0, 0x2, 2, 1);
		tb_use(&t, 1, MMT_USE_MM, 3, 2, 2);
		if (caught)
			tb_catchup(&t, 1, 2, 0, 1);
		un = tb_use(&t, 1, MMT_UNUSE_MM, 3, 2, 2);
		tl = timeline(&t);
		if (caught)
			tap_ok(stale(tl, &n, d, sizeof d) == 0,
			       "use_mm after a catch-up: no violation");
		else
			tap_ok(stale(tl, &n, d, sizeof d) == 1 && n == un &&
				       strstr(d, "pid 3 used mm 2 on cpu 1"),
			       "use_mm on the stale TLB: stale_tlb at UNUSE_MM "
			       "('%s')",
			       d);
		tl_free(tl);
		tb_free_all(&t);
	}
}

/* exit_mmap with a lazy CPU still on the mm; 2.6.32 skipping anyone. */
static void freed_tables_and_era(void)
{
	struct timeline *tl;
	struct tb t;
	uint64_t n = 0, x;
	char d[256] = "";

	lazy_cpu1(&t, MMT_ERA_MODERN);
	x = tb_exit_mmap(&t, 0, 2);
	tl = timeline(&t);
	tap_ok(stale(tl, &n, d, sizeof d) == 1 && n == x &&
		       strstr(d, "cpu 1 still had it loaded"),
	       "exit_mmap while CPU 1 is lazy on the mm: stale_tlb ('%s')", d);
	tl_free(tl);
	tb_free_all(&t);

	lazy_cpu1(&t, MMT_ERA_MODERN);
	tb_leave(&t, 1, 2);
	tb_exit_mmap(&t, 0, 2);
	tl = timeline(&t);
	tap_ok(stale(tl, &n, d, sizeof d) == 0,
	       "exit_mmap after the lazy CPU's leave_mm: no violation");
	tl_free(tl);
	tb_free_all(&t);

	lazy_cpu1(&t, MMT_ERA_2632);
	x = tb_skip(&t, 0, 0x2, 2, 1);
	tl = timeline(&t);
	tap_ok(stale(tl, &n, d, sizeof d) == 1 && n == x && strstr(d, "2.6.32"),
	       "era 2.6.32 never leaves a CPU out: a TLB_SKIP is stale_tlb "
	       "('%s')",
	       d);
	tl_free(tl);
	tb_free_all(&t);
}

int main(void)
{
	tap_plan(14);
	tap_ok(check_rule_parse("stale_tlb") == RULE_STALE_TLB,
	       "the rule is named stale_tlb");
	catch_up();
	skip_while_running();
	model_state();
	use_mm();
	freed_tables_and_era();
	return tap_done();
}
