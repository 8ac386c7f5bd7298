/*
 * main.c - mmscope: verb dispatch, help and version.
 */
#include <stdio.h>
#include <string.h>
#include "mmtrace.h"
#include "util.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: mmscope VERB [options]   (mmscope VERB --help)\n\n"
		"mmscope shows how a kernel keeps an address space alive: a "
		"small i386\nkernel in QEMU traces every change of mm, "
		"active_mm, mm_users and\nmm_count.\n\n"
		"  --help     this text\n  --version  the version\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("mmscope %s (trace format %d)\n", MMSCOPE_VERSION,
		       MMT_VERSION);
		return EXIT_OK;
	}
	fprintf(stderr, "mmscope: unknown verb '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
