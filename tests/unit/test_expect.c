/*
 * test_expect.c - the expect language: every construct against a small
 * hand-built run (threads of one mm, a lazy kernel thread, exits, END),
 * passing when the run agrees and failing, with the right message, when
 * it does not; and every parse error, with its file:line and what was
 * expected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "expect/expect.h"
#include "expect/match.h"
#include "tbuild.h"
#include "util/util.h"
#include "tap.h"

/*
 * The run.  pid 1 execs into mm 2, clones thread 3 (users 2), switches
 * to kthread 4 (a lazy borrow: count 2), thread 3 and pid 1 exit, the
 * kthread and the idle task hand mm 2 on until idle_task_exit frees it.
 * With no_grab the borrow's mmgrab is missing: count_balance and more.
 */
static void run_start(struct tb *t)
{
	struct mmt_mark mk = { { MMT_MARK, sizeof mk + 12, 0 }, 1, 0, 0 };
	uint8_t rec[64];

	tb_init(t, 1, MMT_ERA_2632);
	tb_task(t, 0, 1, 0, 1, MMT_CLONE_VM, 0, "kernel_init");
	tb_switch(t, 0, 0, 1, 0, 1, 0, 1, 0, MMT_SW_LAZY | MMT_SW_PREV_MM);
	tb_ref(t, 0, 1, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 2, 3);
	tb_lazy(t, 0, 1, 1);
	tb_prev(t, 0, 1, MMT_PREV_SET);
	tb_prev(t, 0, 1, MMT_PREV_DROP);
	tb_ref(t, 0, 1, MMT_OP_MMDROP, MMT_WHY_PREV_MM, 2, 2);
	tb_alloc(t, 0, 2, 1, MMT_ALLOC_EXEC);
	tb_cr3(t, 0, 2, MMT_CR3_EXEC);
	tb_exec(t, 0, 1, 0, 2, "init");
	tb_ref(t, 0, 1, MMT_OP_MMDROP, MMT_WHY_EXEC_LAZY, 2, 1);
	memcpy(rec, &mk, sizeof mk);
	memcpy(rec + sizeof mk, "threads: one", 12);
	tb_rec(t, 0, rec);					/* 17 */
	tb_ref(t, 0, 2, MMT_OP_MMGET, MMT_WHY_CLONE_VM, 2, 1);	/* 18 */
	tb_task(t, 0, 3, 1, 0, MMT_CLONE_VM, 2, "thread");
	tb_task(t, 0, 4, 1, 1, MMT_CLONE_VM, 0, "kworker");	/* 20 */
}

/* pid `who` on mm 2 exits: exit_mm's three operations and TASK_EXIT. */
static void run_exit(struct tb *t, unsigned who, int users, int count)
{
	tb_ref(t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_EXIT_GRAB, users, count + 1);
	tb_lazy(t, 0, who, 2);
	tb_ref(t, 0, 2, MMT_OP_MMPUT, MMT_WHY_EXIT_MM, users - 1, count + 1);
	if (users == 1)
		tb_ref(t, 0, 2, MMT_OP_MMDROP, MMT_WHY_MMPUT_LAST, 0, count);
	tb_pid_rec(t, 0, MMT_TASK_EXIT, who, 0);
}

/* A switch from a task without mm: prev_mm set, dropped, mmdrop'ed. */
static void run_prev(struct tb *t, int users, int count)
{
	tb_prev(t, 0, 2, MMT_PREV_SET);
	tb_prev(t, 0, 2, MMT_PREV_DROP);
	tb_ref(t, 0, 2, MMT_OP_MMDROP, MMT_WHY_PREV_MM, users, count);
}

static struct timeline *run(int no_grab)
{
	struct timeline *tl;
	struct tb t;
	int g = !no_grab;

	run_start(&t);
	tb_switch(&t, 0, 1, 4, 2, 2, 0, 2, 0, MMT_SW_LAZY);	/* 21 */
	if (g)
		tb_ref(&t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 2, 2);
	tb_lazy(&t, 0, 4, 2);
	tb_pid_rec(&t, 0, MMT_TASK_STATE, 4, MMT_TASK_SLEEPING);
	tb_switch(&t, 0, 4, 3, 0, 2, 2, 2, 1, MMT_SW_SAME | MMT_SW_PREV_MM);
	run_prev(&t, 2, g);
	run_exit(&t, 3, 2, g);
	tb_switch(&t, 0, 3, 1, 0, 2, 2, 2, 2, MMT_SW_SAME | MMT_SW_PREV_MM);
	run_prev(&t, 1, g);
	tb_pid_rec(&t, 0, MMT_TASK_FREE, 3, 1);
	tb_pid_rec(&t, 0, MMT_TASK_STATE, 4, MMT_TASK_RUNNING);
	run_exit(&t, 1, 1, g);
	tb_switch(&t, 0, 1, 4, 0, 2, 0, 2, 2, MMT_SW_LAZY | MMT_SW_PREV_MM);
	tb_ref(&t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 0, g + 1);
	tb_lazy(&t, 0, 4, 2);
	run_prev(&t, 0, g);
	tb_pid_rec(&t, 0, MMT_TASK_EXIT, 4, 0);
	tb_switch(&t, 0, 4, 0, 0, 2, 0, 2, 2, MMT_SW_LAZY | MMT_SW_PREV_MM);
	tb_ref(&t, 0, 2, MMT_OP_MMGRAB, MMT_WHY_LAZY_BORROW, 0, g + 1);
	tb_lazy(&t, 0, 0, 2);
	run_prev(&t, 0, g);
	tb_pid_rec(&t, 0, MMT_TASK_FREE, 4, 0);
	tb_pid_rec(&t, 0, MMT_TASK_FREE, 1, 0);
	tb_cr3(&t, 0, MMT_MM_INIT, MMT_CR3_SWITCH);
	if (g) {
		tb_ref(&t, 0, 2, MMT_OP_MMDROP, MMT_WHY_IDLE_EXIT, 0, 0);
		tb_free(&t, 0, 2);
	}
	tb_end(&t, 0, 0, !g, 900);
	tl = tb_timeline(&t, 16);
	tb_free_all(&t);
	return tl;
}

static struct timeline *clean, *faulty;
static char out[1 << 16];

/* Match text against a run; rc, and what it printed in out. */
static int check(const char *text, struct timeline *tl)
{
	struct match_result r;
	struct expect_file *x;
	char err[512];
	FILE *f;
	int rc;

	x = expect_parse("t.expect", text, err, sizeof err);
	if (!x) {
		snprintf(out, sizeof out, "parse error: %s", err);
		return EXIT_USAGE;
	}
	out[0] = '\0';
	f = fmemopen(out, sizeof out, "w");
	rc = match_run(x, tl, NULL, f, &r);
	fclose(f);
	expect_free(x);
	return rc;
}

/* text passes on the clean run. */
static void pass(const char *text, const char *what)
{
	if (!tap_ok(check(text, clean) == EXIT_OK, "%s", what))
		tap_diag("%s", out);
}

/* text fails (on the clean or the faulty run), saying want. */
static void fails(const char *text, int on_faulty, const char *want,
		  const char *what)
{
	int rc = check(text, on_faulty ? faulty : clean);

	if (!tap_ok(rc == EXIT_FAIL && strstr(out, want), "%s", what))
		tap_diag("rc %d, output: %s", rc, out);
}

static void test_patterns(void)
{
	pass("expect exec pid=1 new_mm=$A old_mm=0 comm=init\n"
	     "next mm_ref op=mmdrop reason=exec_lazy mm=1 users=2 count=1\n"
	     "expect mm_ref mm=$A op=\"atomic_inc(&mm->mm_users)\" users>=2\n"
	     "expect task_new clone_flags=CLONE_VM pid=$T comm~thr\n",
	     "expect/next: fields, enums, the 2.6.32 spelling, ~, binding");
	pass("expect switch flags=lazy flags!=prev_mm next=4 prev=1\n"
	     "expect switch flags=same|prev_mm prev=4 next!=1 n>21 n<=25\n"
	     "expect any cpu=0 seq<0x100 caller=0xc0100006\n",
	     "flags set and clear, several flags, n, cpu, seq, hex, any");
	pass("expect mark text~\"one\" \\\n   pid=1   # a continuation\n"
	     "\n# a comment line\nexpect end status=ok mms=0 tasks=0\n",
	     "text ~, continuation lines, comments, blank lines");
	fails("expect exec pid=1 new_mm=$A\nexpect mm_ref mm=$A op=mmget "
	      "users=7\n", 0, "closest, event 18: it has all but users=7",
	      "expect: not found, the closest event and what it misses");
	fails("expect exec pid=1\nnext mm_ref op=mmget\n", 0,
	      "the next mm_ref after event 15 does not match",
	      "next: the next event of the type does not match");
	fails("expect exec pid=1\nexpect mm_ref op=mmget users=9\n"
	      "state mm 2 users=1\n", 0, "skip t.expect:3",
	      "after a failed expect the ordered statements are skipped");
}

/* 70 characters of a flag said again and again */
#define LONG_FLAGS "lazy|lazy|lazy|lazy|lazy|lazy|lazy|lazy|lazy|lazy|lazy|" \
		   "lazy|lazy|lazy"

static void test_never_state(void)
{
	pass("expect exec new_mm=$A\nnever mm_free mm=$A before task_exit "
	     "pid=1\nnever mm_ref op=mmget reason=exec\n",
	     "never ... before, and never to the end");
	fails("never task_exit before mm_free mm=2\n", 0, "it happens at "
	      "event", "never: the event it forbids happens");
	fails("never task_exit before mm_alloc mm=9\n", 0, "the event after "
	      "'before' is not found", "never: the 'before' event is missing");
	pass("expect switch next=4 flags=lazy\nexpect enter_lazy\n"
	     "state mm 2 users=2 count=2 borrowers=1 grabs=0 freed=0 owner=1 "
	     "pins=0 prev=0\nstate cpu 0 current=4 active_mm=2 cr3=2 lazy=1 "
	     "prev_mm=0 online=1\nstate task 4 state=running mm=0 active_mm=2 "
	     "cpu=0 kthread=1 comm=kworker on_cpu=1 use_mm=0 ppid=1 tgid=4\n"
	     "state task 3 state=running mm=2 on_cpu=0\nstate cpu 0 current=$K\n"
	     "state task $K kthread=1\n", "state of an mm, a cpu and tasks "
	     "after an event, binding from state");
	fails("expect switch next=4\nexpect enter_lazy\nstate mm 2 count=1\n",
	      0, "count is 2",
	      "state: a wrong counter, with the mm's whole state");
	pass("expect task_free pid=3\nstate task 3 state=dead\n",
	     "state of a freed task is dead");
	fails("state task 77 mm=0\n", 0, "task 77 does not exist",
	      "state of a task that does not exist");
	/* issue 18.1: a never with new variables grew the parser's table
	 * of bound variables while a copy of the old one was read back */
	pass("never mm_ref mm=$Z users=99 count=$C\n",
	     "never with new variables, which it does not bind");
	tap_ok(check("never mm_ref mm=$Z users=99\nstate mm $Z users=1\n",
		     clean) == EXIT_USAGE && strstr(out, "$Z to be bound"),
	       "a variable of a never is not bound after it");
	/* issue 18.5: flags= was cut at 63 characters and the rest ignored,
	 * so this matched the first switch to 4 (lazy, no prev_mm) */
	pass("expect switch next=4 flags=" LONG_FLAGS "|prev_mm\n"
	     "state task 3 state=dead\n",
	     "a flags= value of any length: every flag counts");
	tap_ok(check("expect switch flags=" LONG_FLAGS "|bogus\n", clean) ==
	       EXIT_USAGE && strstr(out, "a flag of flags, not 'bogus'"),
	       "a bad flag after the 63rd character is an error");
}

static void test_refs_final(void)
{
	pass("expect exec new_mm=$A\nrefs $A\n alloc 1 1\n mmget 2 1 "
	     "clone_vm\n mmgrab 2 2 lazy_borrow\n mmdrop 2 1\n mmgrab 2 2\n"
	     " mmput 1 2 exit_mm\n mmdrop 1 1 prev_mm\n"
	     " mmgrab 1 2 exit_grab\n mmput 0 2\n mmdrop 0 1 mmput_last\n"
	     " mmgrab 0 2\n mmdrop 0 1\n mmgrab 0 2\n mmdrop 0 1\n"
	     " mmdrop 0 0 idle_exit\n free\nend\n",
	     "refs: the whole history of an mm, reasons optional");
	fails("refs 2\n alloc 1 1\n mmget 3 1\nend\n", 0,
	      "differs at its entry 2", "refs: a difference, side by side");
	fails("refs 2\n alloc 1 1\nend\n", 0, "more than expected",
	      "refs: an actual history longer than expected");
	pass("expect exec new_mm=$A\nfinal end status=ok tasks=0 mms=0 "
	     "free_end=900\nfinal mms 0\nfinal tasks 0\nfinal lost 0\n"
	     "final pages leaked=0\nfinal mm $A freed\nfinal mm 1 alive "
	     "count=1\n", "final: end, mms, tasks, lost, pages, mm");
	fails("final mms 1\n", 0, "0 mm_structs alive",
	      "final mms: a wrong count");
	fails("final end status=fail\n", 0, "it has all but status=fail",
	      "final end: a wrong status");
	fails("expect mm_ref op=mmput users=9 mm=$A\nfinal mm $A freed\n", 0,
	      "a variable it uses is not bound",
	      "a statement whose variable's binder failed is skipped");
}

/* The run is era 2.6.32: "modern:" lines are left out, "2.6.32:" kept. */
static void test_era_prefix(void)
{
	pass("expect exec new_mm=$A\nrefs $A\n alloc 1 1\n mmget 2 1\n"
	     " modern: mmput 9 9\n 2.6.32: mmgrab 2 2 lazy_borrow\n"
	     " mmdrop 2 1\n mmgrab 2 2\n mmput 1 2\n mmdrop 1 1\n mmgrab 1 2\n"
	     " mmput 0 2\n mmdrop 0 1\n 2.6.32: mmgrab 0 2\n 2.6.32: mmdrop 0 1\n"
	     " 2.6.32: mmgrab 0 2\n 2.6.32: mmdrop 0 1\n mmdrop 0 0\n free\nend\n",
	     "refs: entries of the other era are left out, of this era kept");
	fails("refs 2\n alloc 1 1\n 2.6.32: mmget 3 1\nend\n", 0,
	      "differs at its entry 2", "refs: an entry of this era is checked");
	pass("modern: expect mm_ref users=99\n2.6.32: expect mm_ref "
	     "reason=clone_vm users=2\n", "statements of the other era are left out");
	fails("2.6.32: expect mm_ref users=99\n", 0, "not found",
	      "statements of this era are checked");
}

/* The run has one CPU: "smp:" lines are left out, "up:" kept. */
static void test_cpus_prefix(void)
{
	pass("smp: expect mm_ref users=99\nup: expect mm_ref "
	     "reason=clone_vm users=2\n", "smp: statements are left out on one CPU");
	fails("up: expect mm_ref users=99\n", 0, "not found",
	      "up: statements are checked on one CPU");
	fails("up: 2.6.32: expect mm_ref users=99\n", 0, "not found",
	      "up: with the trace's era is checked");
	pass("up: modern: expect mm_ref users=99\n",
	     "up: with another era is left out");
	pass("smp: refs 2\n alloc 9 9\nend\n", "smp: refs blocks are left out");
	fails("refs 2\n alloc 1 1\n smp: mmget 9 9\n up: mmget 3 1\nend\n", 0,
	      "differs at its entry 2", "refs: smp: entries left out, up: kept");
}

static void test_violations(void)
{
	fails("final end status=ok\n", 1, "FAIL unexpected violation "
	      "count_balance", "a violation nothing expects fails the check");
	if (!tap_ok(check("violation count_balance mm=2 cause=21 n=24\n"
			  "violation count_without_users mm=$M\n"
			  "violation count_without_users mm=$M n>30\n"
			  "violation leak_at_end mm=$M\n", faulty) == EXIT_OK,
		"violation statements match the checker's, in order"))
		tap_diag("%s", out);
	fails("violation count_balance\nviolation use_after_free\n", 1,
	      "the checker reported no such violation",
	      "violation: one the checker did not report");
	fails("violation count_without_users\n", 1, "FAIL unexpected "
	      "violation count_balance", "violations before the one expected "
	      "are unexpected");
}

/* Every parse error: its line and what was expected. */
static void test_parse_errors(void)
{
	static const struct { const char *text; int line; const char *want; }
	e[] = {
		{ "expect mark text=\"open\n", 1, "a closing '\"'" },
		{ "expect mm_ref mm=\n", 1, "a value after 'mm='" },
		{ "expect mm_ref mm=$\n", 1, "a variable name" },
		{ "\nstate mm $A users=1\n", 2, "$A to be bound" },
		{ "expect mm_ref users<$B\n", 1, "$B to be bound" },
		{ "expect mm_ref mm=12x\n", 1, "a number (decimal or 0x hex)" },
		{ "expect mm_ref =3\n", 1, "a name (like mm=$A)" },
		{ "expect mm_ref mm\n", 1, "an operator" },
		{ "expect mm_ref mm=two\n", 1, "a number or $variable for mm" },
		{ "expect exec comm=$C\n", 1, "text for comm" },
		{ "expect exec comm<x\n", 1, "=, != or ~ for the text comm" },
		{ "expect mm_ref op=mmsteal\n", 1, "one of mmget, mmput" },
		{ "expect switch flags<lazy\n", 1, "= (bit set) or != (bit" },
		{ "expect switch flags=lazy|fast\n", 1, "a flag of flags" },
		{ "expect any n~3\n", 1, "a number comparison for n" },
		{ "expect mm_ref colour=red\n", 1, "a field of mm_ref (mm, op" },
		{ "expect mm_ref mm~3\n", 1, "~ only on text and callers" },
		{ "expect any colour=red\n", 1, "a field some record has" },
		{ "expect\n", 1, "a record type after 'expect'" },
		{ "expect mm_reff\n", 1, "a record type (stream, boot" },
		{ "final mms 0\nscenario x\n", 2, "'scenario' before the first" },
		{ "scenario\n", 1, "a value after 'scenario'" },
		{ "scenario a b\n", 1, "one name after 'scenario'" },
		{ "eras 2.4\n", 1, "an era (2.6.32, modern)" },
		{ "bug nobug\n", 1, "a fault (none, exit_no_grab" },
		{ "option smp\n", 1, "KEY=VALUE after 'option'" },
		{ "option trace=fast\n", 1, "trace=lossless or trace=overflow" },
		{ "option transport=usb\n", 1, "transport=com2 or transport=virtio" },
		{ "option colour=red\n", 1, "an option smp=, era=, bug=" },
		{ "option smp=9\n", 1, "a number from 1 to 8" },
		{ "option seed=-1\n", 1, "a number from 0 to 4294967295" },
		{ "option seed=4294967296\n", 1, "a number from 0 to 4294967295" },
		{ "cpus 0\n", 1, "a CPU count from 1 to 8" },
		{ "state mm\n", 1, "mm after 'mm'" },
		{ "state mm two users=1\n", 1, "(a number or a bound $variable)" },
		{ "state mm 2 colour=1\n", 1, "an attribute of an mm (users" },
		{ "state task 2 comm=$X\n", 1, "text for comm" },
		{ "state task 2 state=flying\n", 1, "a task state (running" },
		{ "state cpu 0 cr3~1\n", 1, "a number comparison for cr3" },
		{ "state process 2 mm=1\n", 1, "mm, cpu or task after 'state'" },
		{ "state mm 2\n", 1, "at least one attribute" },
		{ "violation bad_thing\n", 1, "a rule (counter_mismatch" },
		{ "violation leak_at_end task=1\n", 1, "mm, cpu, pid, n or cause" },
		{ "final everything\n", 1, "end, mms, tasks, pages, mm or lost" },
		{ "final mms 0 1\n", 1, "one number after 'final mms'" },
		{ "final tasks none\n", 1, "a number after 'final tasks'" },
		{ "final mm 2\n", 1, "freed, alive or an attribute" },
		{ "final pages lost=0\n", 1, "leaked after 'final pages'" },
		{ "refs 2\nend now\n", 2, "nothing after 'end'" },
		{ "refs 2\n alloc 1 1\n steal 1 1\nend\n", 3, "alloc, free, mmget" },
		{ "refs 2\n free 1\nend\n", 2, "nothing after 'free'" },
		{ "refs 2\n mmget 1\nend\n", 2, "mm_users and mm_count" },
		{ "refs 2\n mmget 1 x\nend\n", 2, "a number for mm_count" },
		{ "refs 2\n mmget 2 1 theft\nend\n", 2, "a reason (clone_vm" },
		{ "refs 2 alloc\nend\n", 1, "the block's lines on the lines" },
		{ "end\n", 1, "'end' only to close a refs block" },
		{ "assert mm 2\n", 1, "a statement (scenario, option" },
		{ "final mms 0 \\", 1, "a line after the '\\' that ends" },
		{ "expect mm_alloc\n\nrefs 2\n alloc 1 1\n", 3, "'end' to close "
		  "this refs block" },
		{ "2.4: expect mm_alloc\n", 1, "an era, up or smp before ':'" },
		{ "up: smp: expect mm_alloc\n", 1, "one of up: and smp:" },
		{ "modern: 2.6.32: expect mm_alloc\n", 1, "one era before ':'" },
		{ "modern:\n", 1, "a statement after 'modern:'" },
		{ "modern: eras modern\n", 1, "an assertion after the prefix" },
		{ "smp: cpus 2\n", 1, "an assertion after the prefix" },
		{ "refs 2\n alloc 1 1\n modern: end\n", 3, "a refs entry after" },
		/* issue 18.8: the second one leaked the first */
		{ "scenario fork_exit\nscenario exec\n", 2,
		  "one 'scenario' line in a file, not a second: 'exec'" },
		{ "bug exit_no_grab\nbug exit_no_grab\n", 2, "one 'bug' line" },
	};
	char err[512], head[32], *after;
	struct expect_file *x;
	unsigned i, good = 0;

	for (i = 0; i < sizeof e / sizeof e[0]; i++) {
		x = expect_parse("t.expect", e[i].text, err, sizeof err);
		snprintf(head, sizeof head, "t.expect:%d:", e[i].line);
		after = err + strlen(head);	/* a column may come first */
		if (!strncmp(err, head, strlen(head)))
			after += strspn(after, "0123456789:");
		if (!x && !strncmp(err, head, strlen(head)) &&
		    !strncmp(after, " expected ", 10) &&
		    strstr(err, e[i].want))
			good++;
		else
			tap_diag("%s -> %s", e[i].text, x ? "parsed" : err);
		expect_free(x);
	}
	tap_ok(good == i, "%u of %u parse errors name their line and what was "
	       "expected", good, i);
	x = expect_parse("t.expect", "state mm 2 users=1\n"
			 "expect switch flags=lazy|fast  next=3\n", err,
			 sizeof err);
	tap_ok(!x && !strncmp(err, "t.expect:2:26: expected a flag of flags, "
			      "not 'fast'", 50),
	       "an error names the column of the token: %s", err);
	expect_free(x);
	x = expect_load("/nonexistent/t.expect", err, sizeof err);
	tap_ok(!x && strstr(err, "/nonexistent/t.expect: No such file"),
	       "a missing file: its name and why (%s)", err);
}

static void test_header(void)
{
	struct expect_file *x;
	char err[512];

	x = expect_parse("h.expect", "scenario threads\noption smp=2 count=5 "
			 "era=modern transport=virtio seed=0\neras modern\ncpus 2 4\n"
			 "bug lazy_no_grab\nfinal mms 0\n", err, sizeof err);
	tap_ok(x && !strcmp(x->scenario, "threads") && x->noptions == 5 &&
		       !strcmp(x->bug, "lazy_no_grab") &&
		       x->cpus == (1u << 2 | 1u << 4) &&
		       x->eras == 1u << MMT_ERA_MODERN,
	       "header: scenario, options, eras, cpus, bug");
	tap_ok(x && expect_applies(x, "modern", 4, err, sizeof err) == 0 &&
	       expect_applies(x, "2.6.32", 0, err, sizeof err) < 0 &&
	       strstr(err, "holds for era modern, not 2.6.32") &&
	       expect_applies(x, NULL, 1, err, sizeof err) < 0 &&
	       strstr(err, "CPU counts 2 4, not 1"),
	       "the eras and CPU counts a file holds for");
	expect_free(x);
}

int main(void)
{
	tap_plan(6 + 11 + 7 + 4 + 4 + 6 + 3 + 2 + 1);
	clean = run(0);
	faulty = run(1);
	tap_ok(clean->found.nv == 0 && faulty->found.nv >= 2 &&
	       faulty->found.v[0].rule == RULE_COUNT_BALANCE,
	       "the run is clean; without the borrow's mmgrab it is not");
	test_patterns();
	test_never_state();
	test_refs_final();
	test_era_prefix();
	test_cpus_prefix();
	test_violations();
	test_parse_errors();
	test_header();
	tl_free(clean);
	tl_free(faulty);
	return tap_done();
}
