/*
 * scenarios.c - `mmscope scenarios`: what the kernel can run, read from
 * its ELF's scenario table (.mmscope.scenarios) without booting it; with
 * --names and --bugs, one value a line for scripts and the completion.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include "mmtrace.h"
#include "trace/names.h"
#include "trace/symbols.h"
#include "util/util.h"
#include "cmd/verbs.h"

const char cmd_scenarios_usage[] =
"usage: mmscope scenarios [--names | --bugs] [--kernel ELF]\n"
"\n"
"List the scenarios the kernel can run, read from its ELF without booting\n"
"it: name, fewest CPUs, eras, the fault it demonstrates, summary.\n"
"\n"
"  --names       only the scenarios' names, one a line (for scripts and\n"
"                the shell's completion)\n"
"  --bugs        the faults --bug injects, one a line (no kernel needed)\n"
"  --kernel ELF  the kernel to ask (default: beside mmscope, or\n"
"                $MMSCOPE_KERNEL)\n";

/* What `scenarios` prints. */
enum scen_list {
	SCEN_TABLE,			/* the table, with a header */
	SCEN_NAMES,			/* --names */
	SCEN_BUGS,			/* --bugs */
};

/* Options of `scenarios`: -1 with *kernel and *list set, or the exit
 * status. */
static int scenarios_args(int argc, char **argv, const char **kernel,
			  enum scen_list *list)
{
	static const struct option longopts[] = {
		{ "names", no_argument, NULL, 'n' },
		{ "bugs", no_argument, NULL, 'b' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 0;		/* a verb may run more than once (tests) */
	while ((c = getopt_long(argc, argv, "k:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h': fputs(cmd_scenarios_usage, stdout); return EXIT_OK;
		case 'k': *kernel = optarg; break;
		case 'n': *list = SCEN_NAMES; break;
		case 'b': *list = SCEN_BUGS; break;
		default: util_usage_hint(cmd_scenarios_usage);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		util_err("scenarios: unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	return -1;
}

/* --bugs: the names `--bug` accepts (runcfg_names), "none" aside. */
static int print_bugs(void)
{
	char list[512];

	puts(names_list(list, sizeof list, &names_bug, "\n", 1));
	return EXIT_OK;
}

int cmd_scenarios(int argc, char **argv)
{
	char def[PATH_MAX], err[512];
	const char *kernel = NULL;
	struct mmt_scen_desc *s;
	enum scen_list list = SCEN_TABLE;
	struct symtab *st;
	size_t n, i;
	int rc;

	if ((rc = scenarios_args(argc, argv, &kernel, &list)) >= 0)
		return rc;
	if (list == SCEN_BUGS)
		return print_bugs();
	if (!kernel)
		kernel = util_kernel_default(def, sizeof def);
	st = sym_open(kernel, err, sizeof err);
	if (!st) {
		util_err("kernel ELF %s (build it with 'scons' or name one "
			 "with --kernel)", err);
		return EXIT_USAGE;
	}
	s = sym_scenarios(st, &n, err, sizeof err);
	for (i = 0; s && list == SCEN_NAMES && i < n; i++)
		printf("%.*s\n", MMT_SCEN_NAME, s[i].name);
	if (s && list == SCEN_TABLE)
		sym_scenario_print(stdout, s, n);
	else if (!s)
		util_err("%s: %s: is it an mmscope kernel?", kernel, err);
	free(s);
	sym_close(st);
	return s ? EXIT_OK : EXIT_USAGE;
}
