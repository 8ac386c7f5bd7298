/*
 * main.c - mmscope: verb dispatch, help, version, and `mmscope scenarios`.
 *
 *	mmscope record SCENARIO -o FILE ...	boot the kernel, save a trace
 *	mmscope dump FILE [--json]		print a trace's events
 *	mmscope check FILE --expect SPEC	assertions and rules
 *	mmscope run [SCENARIO] ...		QEMU and the TUI, live
 *	mmscope replay FILE			the TUI over a trace
 *	mmscope scenarios [--kernel ELF]	what the kernel can run
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmtrace.h"
#include "trace/symbols.h"
#include "util/util.h"
#include "cmd/verbs.h"

static const char usage_scenarios[] =
"usage: mmscope scenarios [--kernel ELF]\n"
"\n"
"List the scenarios the kernel can run, read from its ELF without booting\n"
"it: name, fewest CPUs, eras, the fault it demonstrates, summary.\n"
"\n"
"  --kernel ELF  the kernel to ask (default: beside mmscope, or\n"
"                $MMSCOPE_KERNEL)\n";

/* Options of `scenarios`: the kernel to ask, or -1 and *kernel set. */
static int scenarios_args(int argc, char **argv, const char **kernel)
{
	static const struct option longopts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 0;		/* a verb may run more than once (tests) */
	while ((c = getopt_long(argc, argv, "k:h", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage_scenarios, stdout);
			return EXIT_OK;
		}
		if (c != 'k') {
			util_usage_hint(usage_scenarios);
			return EXIT_USAGE;
		}
		*kernel = optarg;
	}
	if (optind != argc) {
		util_err("scenarios: unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	return -1;
}

static int cmd_scenarios(int argc, char **argv)
{
	char def[PATH_MAX], err[512];
	const char *kernel = NULL;
	struct mmt_scen_desc *s;
	struct symtab *st;
	size_t n;
	int rc;

	if ((rc = scenarios_args(argc, argv, &kernel)) >= 0)
		return rc;
	if (!kernel)
		kernel = util_kernel_default(def, sizeof def);
	st = sym_open(kernel, err, sizeof err);
	if (!st) {
		util_err("kernel ELF %s (build it with 'scons' or name one "
			 "with --kernel)", err);
		return EXIT_USAGE;
	}
	s = sym_scenarios(st, &n, err, sizeof err);
	if (s)
		sym_scenario_print(stdout, s, n);
	else
		util_err("%s: %s: is it an mmscope kernel?", kernel, err);
	free(s);
	sym_close(st);
	return s ? EXIT_OK : EXIT_USAGE;
}

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
	{ "scenarios", cmd_scenarios, usage_scenarios,
	  "list the scenarios the kernel can run" },
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
	fprintf(f, "\n  --help     this text\n  --version  the version\n");
}

/* mmscope help VERB */
static int help(const char *name)
{
	size_t i;

	for (i = 0; i < NVERBS; i++)
		if (!strcmp(name, verbs[i].name)) {
			fputs(verbs[i].usage, stdout);
			return EXIT_OK;
		}
	util_err("unknown verb '%s'", name);
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
		return help(argv[2]);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("mmscope %s (%s, trace format %d)\n", util_version,
		       util_describe, MMT_VERSION);
		return EXIT_OK;
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
