/*
 * scenario.c - run the scenario the command line names, end the run.
 *
 * Every run ends here with one END record, the last of the trace, saying
 * how it went and what it leaked: tasks and mm_structs still allocated
 * and the free page count at the start and now.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "cmdline.h"
#include "trace.h"
#include "scenario.h"

extern const struct scenario __scentab_start[], __scentab_end[];

/*
 * Objects allocated, idle tasks and init_mm not counted.  The task and
 * mm allocators of issue 3 keep these; until then nothing allocates one.
 */
int nr_tasks;
int nr_mms;

static uint free_start;			/* free pages when the scenario started */
static char why[MMT_REC_MAX];		/* scenario_fail's text */

/* For a scenario to return: its own check failed, for this reason. */
int scenario_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return MMT_END_FAIL;
}

/*
 * The idle loop of this slice, for ms milliseconds: drain the trace,
 * a heartbeat when there is nothing to send.  Issue 3's idle task uses
 * the same drain point between hlts.
 */
void scenario_idle(uint ms)
{
	uint64 until = rdtsc() + (uint64) (tsc_khz ? tsc_khz : TRACE_TSC_KHZ_GUESS) * ms;

	while (rdtsc() < until) {
		trace_idle();
		pause();
	}
}

/*
 * END, flush, exit QEMU with the status that goes with END's.  The ring
 * is flushed first so that END has room even in overflow mode.
 */
static void __attribute__((noreturn)) end_run(uint status, const char *text)
{
	static const uint exit_code[] = {
		[MMT_END_OK] = MMT_EXIT_OK,
		[MMT_END_FAIL] = MMT_EXIT_FAIL,
		[MMT_END_BADARG] = MMT_EXIT_BADARG,
		[MMT_END_NOSCEN] = MMT_EXIT_BADARG,
	};

	trace_flush();
	trace_run_end(status, nr_tasks, nr_mms, free_start, nr_free_pages(), text);
	cprintf("end: status %u%s%s; tasks %d, mms %d, free pages %u at start, %u now\n",
		status, text[0] ? ": " : "", text, nr_tasks, nr_mms, free_start, nr_free_pages());
	trace_flush();
	shutdown(exit_code[status]);
	for (;;)
		;
}

/* A bad command line: COM1, MSG and END all say which option. */
static void bad_cmdline(void)
{
	cprintf("cmdline: %s; %s\n", cmdline.error, cmdline.usage);
	trace_msg(MMT_MSG_ERR, "%s; %s", cmdline.error, cmdline.usage);
	end_run(MMT_END_BADARG, cmdline.error);
}

static void unknown_scenario(void)
{
	char known[CMDLINE_ERRLEN] = "known:", name[MMT_SCEN_NAME + 1];
	const struct scenario *s;

	for (s = __scentab_start; s < __scentab_end; s++) {
		safestrcpy(name, s->desc->name, sizeof(name));	/* may lack its NUL */
		strlcat(known, " ", sizeof(known));
		strlcat(known, name, sizeof(known));
	}
	cprintf("cmdline: unknown scenario '%s'; %s\n", cmdline.scenario, known);
	trace_msg(MMT_MSG_ERR, "unknown scenario '%s'; %s", cmdline.scenario, known);
	end_run(MMT_END_NOSCEN, known);
}

static const struct scenario *scenario_find(const char *name)
{
	const struct scenario *s;

	for (s = __scentab_start; s < __scentab_end; s++)
		if (strncmp(s->desc->name, name, MMT_SCEN_NAME) == 0)
			return s;
	return 0;
}

/* Run scenario=NAME and end the run; does not return. */
void scenario_run(void)
{
	const struct scenario *s;
	int status;

	free_start = nr_free_pages();
	if (cmdline.error[0])
		bad_cmdline();
	if ((s = scenario_find(cmdline.scenario)) == 0)
		unknown_scenario();
	if (cmdline.smp > (uint) cpus_to_start()) {
		cprintf("smp=%u: only %d cpu runs in this kernel\n", cmdline.smp, cpus_to_start());
		trace_msg(MMT_MSG_WARN, "smp=%u: only %d cpu runs in this kernel",
			  cmdline.smp, cpus_to_start());
	}
	cprintf("scenario %s: %s\n", cmdline.scenario, s->desc->summary);
	trace_flush();
	why[0] = 0;
	status = s->run();
	if (status != MMT_END_OK && status != MMT_END_FAIL)
		panic("scenario %s returned %d", cmdline.scenario, status);
	end_run(status, why);
}
