/*
 * scenario.c - pick the scenario the command line names, start it as
 * init, and end the run.
 *
 * Every run ends with one END record, the last of the trace, saying how
 * it went and what it leaked: tasks and mm_structs still allocated and
 * the free page count at the start (before the first task is created;
 * BOOT.free_pages is the same count) and now.
 */
#include "types.h"
#include "defs.h"
#include "param.h"
#include "x86.h"
#include "cmdline.h"
#include "sched.h"
#include "trace.h"
#include "scenario.h"

extern const struct scenario __scentab_start[], __scentab_end[];

static const struct scenario *scen;	/* the one scenario= names */
static uint free_start;			/* free pages before the first task */
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
 * With bug=: how often the fault acted, as STAT bug_fired, and as END's
 * text when nothing else is to be said there.  A fault that never
 * fired leaves a correct kernel's trace: the reader must know.
 */
static const char *bug_report(const char *text, char *buf, uint len)
{
	uint n = atomic_read(&bug_fired);

	if (cmdline.bug == MMT_BUG_NONE)
		return text;
	trace_stat("bug_fired", n);
	if (text[0])
		return text;
	if (n)
		snprintf(buf, len, "bug=%s fired %u times", bug_name(cmdline.bug), n);
	else
		snprintf(buf, len, "bug=%s never fired", bug_name(cmdline.bug));
	return buf;
}

/*
 * END, flush, exit QEMU with the status that goes with END's.  The
 * other CPUs stop first and send their traces (end_of_run has stopped
 * them already), so that END is the last record; this CPU's ring is
 * flushed so that END has room even in overflow mode.
 */
static void __attribute__((noreturn)) end_run(uint status, const char *text)
{
	static const uint exit_code[] = {
		[MMT_END_OK] = MMT_EXIT_OK,
		[MMT_END_FAIL] = MMT_EXIT_FAIL,
		[MMT_END_BADARG] = MMT_EXIT_BADARG,
		[MMT_END_NOSCEN] = MMT_EXIT_BADARG,
	};
	char bugtext[MMT_REC_MAX];
	uint tasks, mms;

	if (smp_stop_others(STOP_HALT, cmdline.watchdog_ms))
		cprintf("end: a cpu did not stop; its last records are missing\n");
	tasks = atomic_read(&nr_tasks);
	mms = atomic_read(&nr_mms);
	trace_flush();
	text = bug_report(text, bugtext, sizeof(bugtext));
	trace_run_end(status, tasks, mms, free_start, nr_free_pages(), text);
	cprintf("end: status %u%s%s; tasks %u, mms %u, free pages %u at start, %u now\n",
		status, text[0] ? ": " : "", text, tasks, mms, free_start, nr_free_pages());
	trace_flush();
	shutdown(exit_code[status]);
}

/* A bad command line: COM1, MSG and END all say which option. */
static void bad_cmdline(void)
{
	cprintf("cmdline: %s; %s\n", cmdline.error, cmdline.usage);
	trace_msg(MMT_MSG_ERR, "%s; %s", cmdline.error, cmdline.usage);
	end_run(MMT_END_BADARG, cmdline.error);
}

/*
 * transport=virtio without a usable virtio-serial device: the trace fell
 * back to COM2, where COM1, MSG and END say what is missing.
 */
static void no_virtio(void)
{
	const char *why = trace_line_error();

	cprintf("transport=virtio: %s; QEMU needs -device virtio-serial-pci "
		"-device virtserialport,nr=%d,name=%s,chardev=ID (mmscope --transport virtio "
		"gives them), or use transport=com2\n", why, MMT_VIRTIO_PORT, MMT_VIRTIO_PORT_NAME);
	trace_msg(MMT_MSG_ERR, "transport=virtio: %s; QEMU needs -device virtio-serial-pci "
		  "-device virtserialport,nr=%d,name=%s,chardev=ID", why, MMT_VIRTIO_PORT,
		  MMT_VIRTIO_PORT_NAME);
	end_run(MMT_END_BADARG, why);
}

static void unknown_scenario(void)
{
	char known[MMT_SCEN_NAME * 32] = "known:", name[MMT_SCEN_NAME + 1];
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

/*
 * Before the first task: check the command line and find scenario=
 * (ending the run if either is wrong), note the free page count.
 */
void scenario_select(void)
{
	free_start = nr_free_pages();
	if (free_start != boot_free_pages)
		panic("scenario_select: %u free pages, BOOT said %u", free_start, boot_free_pages);
	if (cmdline.error[0])
		bad_cmdline();
	if (trace_line_error()[0])
		no_virtio();
	if ((scen = scenario_find(cmdline.scenario)) == 0)
		unknown_scenario();
	if (cmdline.smp > (uint) cpus_to_start()) {
		cprintf("smp=%u: the machine has %d cpus; %d run\n", cmdline.smp, ncpu,
			cpus_to_start());
		trace_msg(MMT_MSG_WARN, "smp=%u: the machine has %d cpus; %d run", cmdline.smp,
			  ncpu, cpus_to_start());
	}
	cprintf("scenario %s: %s\n", cmdline.scenario, scen->desc->summary);
}

/*
 * Init (pid 1, a kernel thread so far) starts the scenario: bug= takes
 * effect, then init execs the scenario's program (and does not come
 * back) or runs its kernel function.  Returns init's exit code.
 */
int scenario_start(void)
{
	long err;

	bugs_armed = 1;
	if (!scen->prog)
		return scen->run();
	err = kernel_execve(scen->prog);
	return scenario_fail("exec %s: error %ld", scen->prog, -err);
}

/* The run cannot go on (every task sleeps for ever): END FAIL, saying why. */
void scenario_abort(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	trace_msg(MMT_MSG_ERR, "%s", why);
	end_run(MMT_END_FAIL, why);
}

/*
 * The run is over: init exited with code (a kernel scenario's result
 * if it never left the kernel, else a wait status) and everything else
 * is gone.  END OK if init's code is 0.
 */
void scenario_end(long code, int kthread)
{
	uint free_end = nr_free_pages();

	if (kthread) {
		if (code != MMT_END_OK && !why[0])
			scenario_fail("init returned %ld", code);
	} else if (code & 0x7F) {
		scenario_fail("init killed by signal %ld", code & 0x7F);
	} else if (code != 0) {
		scenario_fail("init exited with status %ld", (code >> 8) & 0xFF);
	}
	if (!why[0] && free_end != free_start)
		scenario_fail("pages: %u free at start, %u at end", free_start, free_end);
	end_run(why[0] ? MMT_END_FAIL : MMT_END_OK, why);
}
