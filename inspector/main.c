/*
 * main.c - mmscope: verb dispatch, help and version.
 *
 *	mmscope dump FILE [--json]		print a trace's events
 */
#include <stdio.h>
#include <string.h>
#include "mmtrace.h"
#include "util.h"
#include "verbs.h"

static const struct verb {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
	const char *summary;
} verbs[] = {
	{ "dump", cmd_dump, usage_dump,
	  "print every event of a trace, decoded and symbolised" },
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
	errmsg("unknown verb '%s'", name);
	usage(stderr);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
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
		printf("mmscope %s (trace format %d)\n", MMSCOPE_VERSION,
		       MMT_VERSION);
		return EXIT_OK;
	}
	for (i = 0; i < NVERBS; i++)
		if (!strcmp(argv[1], verbs[i].name))
			return verbs[i].run(argc - 1, argv + 1);
	errmsg("unknown verb '%s'", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
