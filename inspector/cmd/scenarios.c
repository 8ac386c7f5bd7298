/*
 * scenarios.c - `mmscope scenarios`: what the kernel can run, read from
 * its ELF's scenario table (.mmscope.scenarios) without booting it.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include "mmtrace.h"
#include "trace/symbols.h"
#include "util/util.h"
#include "cmd/verbs.h"

const char cmd_scenarios_usage[] =
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
			fputs(cmd_scenarios_usage, stdout);
			return EXIT_OK;
		}
		if (c != 'k') {
			util_usage_hint(cmd_scenarios_usage);
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

int cmd_scenarios(int argc, char **argv)
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
