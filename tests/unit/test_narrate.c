/*
 * test_narrate.c - the narration catalogue: every record type, every
 * MM_REF reason and every checker rule has a sentence; a hand-built
 * trace that takes every variant of every record narrates, event by
 * event, into sentences that each match one template of the catalogue
 * with every {value} filled in, and between them they use every
 * template; some sentences word for word.
 */
#include <stdio.h>
#include <string.h>
#include "trace/names.h"
#include "model/narrate.h"
#include "tap.h"
#include "tbuild.h"

#define MAXVARIANT	72

/* Does s match template t, where {name} matches any text? */
static int matches(const char *t, const char *s)
{
	const char *end;

	if (*t == '{' && (end = strchr(t, '}'))) {
		for (;; s++) {
			if (matches(end + 1, s))
				return 1;
			if (!*s)
				return 0;
		}
	}
	if (*t != *s)
		return 0;
	return !*t || matches(t + 1, s + 1);
}

static uint64_t rec_n(struct tb *t, int cpu, const void *r)
{
	return tb_rec(t, cpu, r);
}

static void task_new(struct tb *t, int cpu, unsigned pid, unsigned ppid,
		     unsigned flags, uint32_t clone, unsigned mm,
		     unsigned active, const char *comm)
{
	struct mmt_task_new r = { .h = TB_H(MMT_TASK_NEW, mmt_task_new),
				  .pid = pid, .tgid = pid, .ppid = ppid,
				  .flags = flags, .clone_flags = clone,
				  .mm = mm, .active_mm = active };

	memcpy(r.comm, comm, strlen(comm));
	rec_n(t, cpu, &r);
}

static void text_rec(struct tb *t, int cpu, int type, size_t fixed,
		     const void *head, const char *text)
{
	uint8_t r[MMT_REC_MAX] = { 0 };

	memcpy(r, head, fixed);
	memcpy(r + fixed, text, strlen(text));
	r[1] = fixed + strlen(text);
	r[0] = type;
	rec_n(t, cpu, r);
}

/* Boot, tasks and forks: TASK_NEW's variants, EXEC, MM_ALLOC. */
static void part_tasks(struct tb *t)
{
	struct mmt_mark k = { TB_H(MMT_MARK, mmt_mark), 1, 0, 0 };

	task_new(t, 0, 0, 0, MMT_PF_KTHREAD | MMT_PF_IDLE, 0, 0, 1,
		 "swapper/0");
	task_new(t, 0, 1, 0, MMT_PF_KTHREAD, MMT_CLONE_VM, 0, 0, "init");
	task_new(t, 0, 2, 0, MMT_PF_KTHREAD, MMT_CLONE_VM, 0, 0, "kthreadd");
	tb_switch(t, 0, 0, 1, 0, 1, 0, 1, 0, MMT_SW_LAZY | MMT_SW_PREV_MM);
	tb_ref(t, 0, 1, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 2, 4);
	tb_alloc(t, 0, 2, 1, MMT_ALLOC_EXEC);
	tb_exec(t, 0, 1, 0, 2, "lecture");
	tb_ref(t, 0, 1, MMT_OP_MMDROP, MMT_WHY_EXEC_LAZY, 2, 3);
	text_rec(t, 0, MMT_MARK, sizeof k, &k, "fork: a copy");
	tb_alloc(t, 0, 3, 3, MMT_ALLOC_FORK);
	task_new(t, 0, 3, 1, 0, 0, 3, 3, "child");
	tb_ref(t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 2, 1);
	task_new(t, 0, 4, 1, 0, MMT_CLONE_VM, 2, 2, "thread");
	tb_ref(t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 3, 1);
	task_new(t, 0, 5, 1, 0, MMT_CLONE_VM | MMT_CLONE_VFORK, 2, 2,
		 "vchild");
	tb_alloc(t, 0, 4, 0, 0);
}

/* Switches, with each flag; the lazy borrow, the exit path. */
static void part_switches(struct tb *t)
{
	tb_ref(t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 4, 1); /* no child */
	tb_switch(t, 0, 1, 3, 2, 2, 3, 3, MMT_TASK_SLEEPING, MMT_SW_LOAD);
	tb_cr3(t, 0, 3, MMT_CR3_SWITCH);
	tb_switch(t, 0, 3, 4, 3, 3, 2, 2, MMT_TASK_RUNNING, 0);
	tb_switch(t, 0, 4, 5, 2, 2, 2, 2, MMT_TASK_RUNNING, MMT_SW_SAME);
	tb_switch(t, 0, 5, 2, 2, 2, 0, 2, MMT_TASK_RUNNING, MMT_SW_LAZY);
	tb_ref(t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 3, 2);
	tb_lazy(t, 0, 2, 2);
	tb_switch(t, 0, 2, 0, 0, 2, 0, 2, MMT_TASK_SLEEPING,
		  MMT_SW_LAZY | MMT_SW_HANDOFF);
	tb_switch(t, 0, 0, 4, 0, 2, 2, 2, MMT_TASK_RUNNING, MMT_SW_PREV_MM);
	tb_prev(t, 0, 2, MMT_PREV_SET);
	tb_prev(t, 0, 2, MMT_PREV_DROP);
	tb_ref(t, 0, 2, MMT_OP_MMDROP, MMT_WHY_PREV_MM, 3, 1);
	tb_ref(t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_EXIT_GRAB, 3, 2);
	tb_lazy(t, 0, 4, 2);
	tb_ref(t, 0, 2, MMT_OP_MMPUT, MMT_WHY_EXIT_MM, 2, 2);
	tb_pid_rec(t, 0, MMT_TASK_EXIT, 4, 0);
}

/* Every other reason, and the records about one mm. */
static void part_refs(struct tb *t)
{
	static const uint8_t why[][2] = {
		{ MMT_OP_MMDROP, MMT_WHY_MMPUT_LAST },
		{ MMT_OP_MMPUT, MMT_WHY_EXEC },
		{ MMT_OP_MMGRAB, MMT_WHY_USE_MM },
		{ MMT_OP_MMDROP, MMT_WHY_USE_MM_DROP },
		{ MMT_OP_MMGRAB, MMT_WHY_IDLE_INIT },
		{ MMT_OP_MMGET, MMT_WHY_GET_TASK_MM },
		{ MMT_OP_MMPUT, MMT_WHY_PUT_TASK_MM },
		{ MMT_OP_MMPUT, MMT_WHY_FORK_FAIL },
		{ MMT_OP_MMDROP, MMT_WHY_IDLE_EXIT },
		{ MMT_OP_MMPUT, MMT_WHY_EXEC_FAIL },
		{ MMT_OP_MMGRAB, 99 },
	};
	struct mmt_exit_mmap x = { TB_H(MMT_EXIT_MMAP, mmt_exit_mmap), 3, 3,
				   10 };
	struct mmt_mm_map p = { TB_H(MMT_MM_MAP, mmt_mm_map), 2,
				MMT_MAP_MMAP, 0, 0x40000000, 8192 };
	unsigned i;

	for (i = 0; i < sizeof why / sizeof why[0]; i++)
		tb_ref(t, 0, 3, why[i][0], why[i][1], 1, 1);
	rec_n(t, 0, &x);
	for (i = MMT_MAP_MMAP; i <= MMT_MAP_BRK; i++) {
		p.op = i;
		rec_n(t, 0, &p);
	}
	tb_use(t, 0, MMT_USE_MM, 2, 2, 1);
	tb_use(t, 0, MMT_UNUSE_MM, 2, 2, 2);
	tb_exec(t, 0, 5, 2, 4, "hello");
	tb_free(t, 0, 3);
}

/* Tasks ending, the CPU's records, the run's end. */
static void part_end(struct tb *t)
{
	struct mmt_migrate g = { TB_H(MMT_MIGRATE, mmt_migrate), 5, 0, 1 };
	struct mmt_task_exit x = { TB_H(MMT_TASK_EXIT, mmt_task_exit), 5, 11,
				   0, 0 };
	struct mmt_leave_mm l = { TB_H(MMT_LEAVE_MM, mmt_leave_mm), 2, 0 };
	struct mmt_ipi_send s = { TB_H(MMT_IPI_SEND, mmt_ipi_send), 6, 2,
				  MMT_IPI_TLB, 0 };
	struct mmt_ipi_recv r = { TB_H(MMT_IPI_RECV, mmt_ipi_recv), 2,
				  MMT_IPI_TLB, 0 };
	struct mmt_mm_cpumask k = { TB_H(MMT_MM_CPUMASK, mmt_mm_cpumask), 2,
				    1, 0 };
	struct mmt_tlb_skip ts = { TB_H(MMT_TLB_SKIP, mmt_tlb_skip), 2, 2, 0,
				   3 };
	struct mmt_tlb_catchup tc = { TB_H(MMT_TLB_CATCHUP, mmt_tlb_catchup),
				      2, 0, 1, 3 };
	struct mmt_lost lo = { TB_H(MMT_LOST, mmt_lost), 7 };
	struct mmt_msg m = { TB_H(MMT_MSG, mmt_msg), MMT_MSG_WARN, 0, 0 };
	struct mmt_stat st = { TB_H(MMT_STAT, mmt_stat), 0, 1234 };
	struct mmt_panic pa = { TB_H(MMT_PANIC, mmt_panic), 0xc0101000,
				0xff, 0, 5 };
	struct mmt_end e = { TB_H(MMT_END, mmt_end), MMT_END_FAIL, 0, 1, 900,
			     890, 1, 0 };
	unsigned s0, ipi;

	rec_n(t, 0, &g);
	rec_n(t, 0, &x);
	for (s0 = MMT_TASK_RUNNING; s0 <= MMT_TASK_DEAD; s0++)
		tb_pid_rec(t, 0, MMT_TASK_STATE, 5, s0);
	tb_pid_rec(t, 0, MMT_TASK_FREE, 5, 1);
	tb_pid_rec(t, 0, MMT_TASK_FREE, 4, 0);	/* autoreap: its exit's */
	tb_pid_rec(t, 0, MMT_TASK_EXIT, 3, 0);	/* for its parent to reap */
	tb_pid_rec(t, 0, MMT_TASK_EXIT, 2, 0);	/* a kernel thread */
	rec_n(t, 1, &l);
	for (ipi = 0; ipi <= MMT_IPI_STOP; ipi++) {
		s.ipi = r.ipi = ipi ? ipi : 9;	/* 9: a kind unknown */
		rec_n(t, 0, &s);
		rec_n(t, 1, &r);
	}
	rec_n(t, 0, &k);
	k.set = 0;
	rec_n(t, 0, &k);
	rec_n(t, 0, &ts);
	rec_n(t, 1, &tc);
	rec_n(t, 1, &lo);
	text_rec(t, 0, MMT_MSG, sizeof m, &m, "smp=2: only 1 cpu");
	text_rec(t, 0, MMT_STAT, sizeof st, &st, "emit_cycles_x100");
	text_rec(t, 0, MMT_PANIC, sizeof pa, &pa, "__mmdrop: mm 2 in cr3");
	text_rec(t, 0, MMT_END, sizeof e, &e, "leaked mm 2");
	tb_end(t, 0, 0, 0, 900);
}

struct seen {
	int used[256][MAXVARIANT];
	unsigned sentences, bad;
	char lazy[NARRATE_MAX], fork[NARRATE_MAX], handoff[NARRATE_MAX];
	char exit_grab[NARRATE_MAX];
	char skip[NARRATE_MAX], catchup[NARRATE_MAX];
};

/* Which template does s come from?  Mark it; 0 if none. */
static int classify(struct seen *z, unsigned type, const char *s)
{
	const char *tp;
	unsigned v;
	int found = 0;

	for (v = 0; v < MAXVARIANT; v++)
		if ((tp = narrate_template(type, v)) && matches(tp, s)) {
			z->used[type][v] = 1;
			found = 1;
		}
	return found;
}

static void keep(char *dst, const char *s, const char *prefix)
{
	if (!strncmp(s, prefix, strlen(prefix)))
		snprintf(dst, NARRATE_MAX, "%s", s);
}

static void narrate_all(struct timeline *tl, struct seen *z)
{
	struct model *view = model_new();
	struct narrator nr = { view, tl->log, "→" };
	struct mmt_event ev;
	char s[NARRATE_MAX];
	uint64_t n;

	for (n = 0; n < evlog_count(tl->log); n++) {
		evlog_get(tl->log, n, &ev);
		tl_seek(tl, view, n);
		narrate_event(&nr, &ev, s, sizeof s);
		z->sentences++;
		if (strchr(s, '{') || strchr(s, '}') || s[strlen(s) - 1] != '.'
		    || !classify(z, ev.type, s)) {
			if (z->bad++ < 5)
				tap_diag("event %llu: '%s'",
					 (unsigned long long)n, s);
		}
		keep(z->lazy, s, "kthreadd[2] borrows");
		keep(z->fork, s, "lecture[1] forks");
		keep(z->handoff, s, "CPU 0 switches from kthreadd[2]");
		keep(z->exit_grab, s, "exit_mm: thread[4] grabs");
		keep(z->skip, s, "CPU 0 flushes");
		keep(z->catchup, s, "CPU 1 goes back");
	}
	model_free(view);
}

/* Templates the trace never used. */
static unsigned unused(const struct seen *z)
{
	unsigned t, v, n = 0;

	for (t = 0; t < 256; t++)
		for (v = 0; v < MAXVARIANT; v++)
			if (narrate_template(t, v) && !z->used[t][v] &&
			    !(t == MMT_SWITCH && v == NV_SW_PREV)) {
				if (n++ < 5)
					tap_diag("unused: type %u variant %u",
						 t, v);
			}
	return n;
}

static void coverage(void)
{
	unsigned t, v, r, missing = 0, rmissing = 0, rbad = 0;
	char buf[NARRATE_MAX];

	for (t = 0; t < 256; t++) {
		if (!mmt_types[t].name)
			continue;
		for (v = 0; v < MAXVARIANT && !narrate_template(t, v); v++)
			;
		missing += v == MAXVARIANT;
	}
	tap_ok(missing == 0, "every record type has a sentence (%u without)",
	       missing);
	for (v = 1; v < names_reason.n; v++)
		rmissing += names_reason.names[v] &&
			    !narrate_template(MMT_MM_REF, v);
	tap_ok(rmissing == 0 && names_reason.n > MMT_WHY_EXEC_FAIL,
	       "every MM_REF reason has a sentence (%u without)", rmissing);
	for (r = 1; r <= RULE_MAX; r++) {
		narrate_rule(r, buf, sizeof buf);
		rbad += strncmp(buf, "The checker finds that ", 23) ||
			strstr(buf, "no words") || buf[strlen(buf) - 1] != '.';
	}
	tap_ok(rbad == 0, "every checker rule (%d) has a sentence", RULE_MAX);
}

/* A kernel thread borrows without mmgrab: the violation in one line. */
static void violation_line(void)
{
	struct tb t;
	struct timeline *tl;
	char buf[512] = "";

	tb_init(&t, 1, MMT_ERA_2632);
	tb_alloc(&t, 0, 2, 1, MMT_ALLOC_FORK);
	tb_task(&t, 0, 1, 0, 0, 0, 2, "user");
	tb_task(&t, 0, 2, 0, 1, 0, 0, "kt");
	tb_switch(&t, 0, 0, 1, 0, 1, 2, 2, 0, MMT_SW_LOAD | MMT_SW_PREV_MM);
	tb_prev(&t, 0, 1, MMT_PREV_SET);
	tb_prev(&t, 0, 1, MMT_PREV_DROP);
	tb_ref(&t, 0, 1, MMT_OP_MMDROP, MMT_WHY_PREV_MM, 2, 1);
	tb_switch(&t, 0, 1, 2, 2, 2, 0, 2, 0, MMT_SW_LAZY);
	tb_lazy(&t, 0, 2, 2);
	tb_switch(&t, 0, 2, 1, 0, 2, 2, 2, 0, MMT_SW_SAME | MMT_SW_PREV_MM);
	tl = tb_timeline(&t, 0);
	if (tl->found.nv)
		narrate_violation(&tl->found.v[0], buf, sizeof buf);
	tap_ok(strstr(buf, "count_balance: ") == buf &&
	       strstr(buf, "without mmgrab (lazy_borrow)"),
	       "a violation in one line: rule, case, cause ('%s')", buf);
	tl_free(tl);
	tb_free_all(&t);
}

int main(void)
{
	struct seen *z = calloc(1, sizeof *z);
	struct timeline *tl;
	struct tb t;

	tap_plan(11);
	coverage();
	tb_init(&t, 2, MMT_ERA_2632);
	part_tasks(&t);
	part_switches(&t);
	part_refs(&t);
	part_end(&t);
	tl = tb_timeline(&t, 8);
	narrate_all(tl, z);
	tap_ok(z->bad == 0 && z->sentences == evlog_count(tl->log) &&
		       z->sentences > 70,
	       "%u events, each a sentence from the catalogue with every value "
	       "filled in (%u not)",
	       z->sentences, z->bad);
	tap_ok(unused(z) == 0,
	       "the trace uses every sentence of the catalogue");
	tap_ok(!strcmp(z->lazy, "kthreadd[2] borrows mm 2 from vchild[5] (lazy "
		       "TLB): mm_count 1→2."), "a lazy borrow: '%s'", z->lazy);
	tap_ok(!strcmp(z->fork, "lecture[1] forks child[3]: dup_mm gives it mm "
				"3, its own copy of the address space."),
	       "a fork: '%s'", z->fork);
	tap_ok(!strcmp(z->handoff, "CPU 0 switches from kthreadd[2] (sleeping) "
				   "to the kernel thread swapper/0: the borrow "
				   "of mm 2 is handed over, no count changes."),
	       "a modern handover: '%s'", z->handoff);
	tap_ok(!strcmp(z->exit_grab,
		       "exit_mm: thread[4] grabs mm 2 to keep running on it as "
		       "active_mm once its mm is NULL: mm_count 1→2."),
	       "exit_mm's grab: '%s'", z->exit_grab);
	tap_ok(!strcmp(z->skip, "CPU 0 flushes mm 2 (tlb_gen 3) but leaves lazy "
		       "CPU(s) 1 out: no page table is freed, and they run "
		       "kernel code, which never reads user mappings; they "
		       "catch up if they use mm 2 again.") &&
		       !strcmp(z->catchup, "CPU 1 goes back to mm 2 from lazy "
			       "TLB mode: its TLB was flushed up to tlb_gen 1, "
			       "the mm is at 3, so switch_mm flushes it now."),
	       "5.10's lazy TLB: '%s' '%s'", z->skip, z->catchup);
	violation_line();
	tl_free(tl);
	tb_free_all(&t);
	free(z);
	return tap_done();
}
