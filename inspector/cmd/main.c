/*
 * main.c - mmscope: verb dispatch, help and version.
 *
 *	mmscope record SCENARIO -o FILE ...	boot the kernel, save a trace
 *	mmscope dump FILE [--json]		print a trace's events
 *	mmscope check FILE --expect SPEC	assertions and rules
 *	mmscope run [SCENARIO] ...		QEMU and the TUI, live
 *	mmscope replay FILE			the TUI over a trace
 *	mmscope export FILE --format F -o OUT	for other tools
 *	mmscope scenarios [--kernel ELF]	what the kernel can run
 *	mmscope cast FILE -o OUT.cast		the TUI's frames for asciinema
 *	mmscope help VERB			its manual page (help.c)
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmtrace.h"
#include "util/util.h"
#include "cmd/manual.h"
#include "cmd/verbs.h"

static const struct verb {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
	const char *summary;
} verbs[] = {
	{ "record", cmd_record, cmd_record_usage,
	  "boot the kernel in QEMU, run a scenario, save its trace" },
	{ "dump", cmd_dump, cmd_dump_usage,
	  "print every event of a trace, decoded and symbolised" },
	{ "check", cmd_check, cmd_check_usage,
	  "check a trace against the rules and an expect file" },
	{ "run", cmd_run, cmd_run_usage,
	  "boot a scenario in QEMU and watch it live in the terminal" },
	{ "replay", cmd_replay, cmd_replay_usage,
	  "browse a trace in the terminal: step, go back, follow an mm" },
	{ "verify", cmd_verify, cmd_verify_usage,
	  "halt a scenario in QEMU at events, check CR3 and counters in memory" },
	{ "export", cmd_export, cmd_export_usage,
	  "write a trace for babeltrace2, Trace Compass or Perfetto" },
	{ "diff", cmd_diff, cmd_diff_usage,
	  "where two traces differ: two eras, a fault and no fault" },
	{ "scenarios", cmd_scenarios, cmd_scenarios_usage,
	  "list the scenarios the kernel can run" },
	{ "cast", cmd_cast, cmd_cast_usage,
	  "record the terminal screens over a trace for asciinema" },
};

#define NVERBS	(sizeof verbs / sizeof verbs[0])

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: mmscope VERB [options]   (mmscope VERB --help)\n\n"
		"mmscope shows how a kernel keeps an address space alive: a "
		"small i386\nkernel in QEMU traces every change of mm, "
		"active_mm, mm_users and\nmm_count.\n\n");
	for (i = 0; i < NVERBS; i++)
		fprintf(f, "  %-10s %s\n", verbs[i].name, verbs[i].summary);
	fprintf(f, "\n  --help     this text\n  --version  the version\n"
		"\nmmscope help VERB shows the verb's manual page, mmscope "
		"help expect the\nexpect language's.\n");
}

/*
 * mmscope help VERB: the page mmscope-VERB(1); `help expect` is the
 * expect language, mmscope-expect(5), and `help mmscope` mmscope(1).
 * A verb without a page still has its usage.
 */
static int help(const char *name)
{
	char page[64];
	size_t i;

	if (!strcmp(name, "mmscope") || !strcmp(name, "expect")) {
		snprintf(page, sizeof page, "%s%s", strcmp(name, "mmscope") ?
			 "mmscope-" : "", name);
		return cmd_man(page) == 0 ? EXIT_OK : EXIT_FAIL;
	}
	for (i = 0; i < NVERBS; i++) {
		if (strcmp(name, verbs[i].name))
			continue;
		snprintf(page, sizeof page, "mmscope-%s", name);
		if (cmd_man(page) < 0)
			fputs(verbs[i].usage, stdout);
		return EXIT_OK;
	}
	util_err("help: no verb '%s' (mmscope help VERB, or mmscope help "
		 "expect for the expect language)", name);
	usage(stderr);
	return EXIT_USAGE;
}

/*
 * The verb's status, unless its output could not be written (a full
 * disk, /dev/full, a closed stdout): a dump or a PASS nobody got must
 * not exit 0.
 */
static int output_written(int rc)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	util_err("cannot write the output: %s (check where stdout goes)",
		 strerror(errno ? errno : EIO));
	return rc == EXIT_OK ? EXIT_USAGE : rc;
}

int main(int argc, char **argv)
{
	char name[64];
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "help") && argc == 3)
		return output_written(help(argv[2]));
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return output_written(EXIT_OK);
	}
	if (!strcmp(argv[1], "--version")) {
		printf("mmscope %s (%s, trace format %d)\n", util_version,
		       util_describe, MMT_VERSION);
		return output_written(EXIT_OK);
	}
	for (i = 0; i < NVERBS; i++) {
		if (strcmp(argv[1], verbs[i].name))
			continue;
		snprintf(name, sizeof name, "mmscope %s", verbs[i].name);
		argv[1] = name;		/* getopt's messages say who speaks */
		return output_written(verbs[i].run(argc - 1, argv + 1));
	}
	util_err("unknown verb '%s'", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
